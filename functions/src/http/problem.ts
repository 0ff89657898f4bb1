import type { HttpResponseInit } from "@azure/functions";
import type { Message } from "../../../core/model";

/** An RFC 9457 problem answer with the message in Vietnamese and English. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: Message,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail.en);
  }

  toResponse(): HttpResponseInit {
    return {
      status: this.status,
      headers: { "content-type": "application/problem+json", ...this.headers },
      body: JSON.stringify({
        type: "about:blank",
        title: this.title,
        status: this.status,
        detail: this.detail.en,
        vi: this.detail.vi,
        en: this.detail.en,
        ...this.extra,
      }),
    };
  }
}

export const problems = {
  unauthorized: () =>
    new Problem(401, "Unauthorized", {
      vi: "Thiếu hoặc sai mã truy cập (Authorization: Bearer …).",
      en: "Missing or invalid access token (Authorization: Bearer …).",
    }),
  tooManyAttempts: (retryAfterSeconds: number) =>
    new Problem(
      429,
      "Too Many Requests",
      {
        vi: `Quá nhiều lần xác thực sai; thử lại sau ${retryAfterSeconds} giây.`,
        en: `Too many failed authentications; try again in ${retryAfterSeconds} seconds.`,
      },
      {},
      { "retry-after": String(retryAfterSeconds) },
    ),
  forbidden: (what: Message) => new Problem(403, "Forbidden", what),
  badRequest: (what: Message, extra: Record<string, unknown> = {}) =>
    new Problem(400, "Bad Request", what, extra),
  tooLarge: (limit: number) =>
    new Problem(413, "Content Too Large", {
      vi: `Nội dung yêu cầu vượt quá ${limit} byte.`,
      en: `The request body exceeds ${limit} bytes.`,
    }),
  notFound: () => new Problem(404, "Not Found", { vi: "Không có đường dẫn này.", en: "No such route." }),
  methodNotAllowed: () =>
    new Problem(405, "Method Not Allowed", {
      vi: "Phương thức không được hỗ trợ.",
      en: "Method not allowed on this route.",
    }),
};
