import * as v from "valibot";
import { formatVi, isIsoDate } from "../../core/dates";
import { ROLES, type Role } from "../../core/model";
import { IssuedTokenSchema, MemberListSchema, SnapshotTakenSchema } from "../../core/schemas";
import { check, parseJsonText, problemMessages } from "../../core/schemas";
import { TransportError } from "../../core/sync";
import { UsageError, type CommandIO } from "./io";
import { TOKEN_HELP } from "./token";

export interface AdminArgs {
  action: string | undefined;
  positional?: string | undefined;
  server?: string | undefined;
  token?: string | undefined;
  name?: string | undefined;
  role?: string | undefined;
  unit?: string | undefined;
  days?: string | undefined;
}

type MemberView = v.InferOutput<typeof MemberListSchema>[number];

/** The member operations, on a running server (HTTP, admin token): the command line never touches storage. */
interface AdminBackend {
  add(m: {
    name: string;
    role: Role;
    unit?: string;
    expiresInDays?: number;
  }): Promise<v.InferOutput<typeof IssuedTokenSchema>>;
  revoke(tokenId: string): Promise<boolean>;
  list(): Promise<MemberView[]>;
  snapshot(): Promise<v.InferOutput<typeof SnapshotTakenSchema>>;
}

function httpBackend(server: string, token: string): AdminBackend {
  const base = server.replace(/\/+$/, "");
  const request = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}/api/${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? null : JSON.stringify(body),
    });
    return { status: res.status, text: await res.text() };
  };
  const fail = (status: number, text: string) => {
    const problem = problemMessages(text);
    const message = {
      vi: `Máy chủ trả lời ${status}: ${problem.vi ?? text.slice(0, 200)}`,
      en: `The server answered ${status}: ${problem.en ?? text.slice(0, 200)}`,
    };
    // A token refused (401) or not an admin's (403) is the server refusing (exit 5, docs/exit-codes.md),
    // not a bad command line: the usage text would not help.
    return status === 401 || status === 403 || status === 429 || status >= 500
      ? new TransportError(status, message)
      : new UsageError(message);
  };
  /** An answer that is not what the route answers (not JSON, or off its schema): named, not used. */
  const read = <S extends v.GenericSchema>(schema: S, path: string, r: { status: number; text: string }) => {
    const json = parseJsonText(r.text);
    const checked = json.ok ? check(schema, json.value) : undefined;
    if (checked?.ok) return checked.value;
    const where = checked ? `"${checked.pointer}"` : "JSON";
    throw new TransportError(r.status, {
      vi: `Câu trả lời ${path} của máy chủ ${base} không đúng hợp đồng (tại ${where}): ${r.text.slice(0, 200)}`,
      en: `The server ${base} answered ${path} off the contract (at ${where}): ${r.text.slice(0, 200)}`,
    });
  };
  return {
    async add(m) {
      const r = await request("POST", "members", m);
      if (r.status !== 201) throw fail(r.status, r.text);
      return read(IssuedTokenSchema, "members", r);
    },
    async revoke(tokenId) {
      const r = await request("DELETE", `members/${encodeURIComponent(tokenId)}`);
      if (r.status === 404) return false;
      if (r.status !== 204) throw fail(r.status, r.text);
      return true;
    },
    async list() {
      const r = await request("GET", "members");
      if (r.status !== 200) throw fail(r.status, r.text);
      return read(MemberListSchema, "members", r);
    },
    async snapshot() {
      const r = await request("POST", "snapshots");
      if (r.status !== 200) throw fail(r.status, r.text);
      return read(SnapshotTakenSchema, "snapshots", r);
    },
  };
}

function memberArgs(args: AdminArgs): { name: string; role: Role; unit?: string; expiresInDays?: number } {
  if (!args.name) throw new UsageError({ vi: "Thiếu --name.", en: "Missing --name." });
  if (!ROLES.includes(args.role as Role))
    throw new UsageError({
      vi: `--role là một trong ${ROLES.join(", ")}.`,
      en: `--role must be one of ${ROLES.join(", ")}.`,
    });
  if (args.role === "staff" && !args.unit)
    throw new UsageError({ vi: "Nhân viên (staff) cần --unit.", en: "A staff member needs --unit." });
  const days = args.days === undefined ? undefined : Number(args.days);
  if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 3650))
    throw new UsageError({ vi: "--days là số nguyên 1–3650.", en: "--days must be a whole number 1–3650." });
  return {
    name: args.name,
    role: args.role as Role,
    ...(args.unit ? { unit: args.unit } : {}),
    ...(days ? { expiresInDays: days } : {}),
  };
}

/**
 * `cchc admin add-member|revoke|list|snapshot`, through the server's API as an admin. The first admin of a
 * new store is made on the server side (`npm start`, or `npm run admin:init` on Azure storage).
 */
export async function adminCommand(args: AdminArgs, io: CommandIO): Promise<number> {
  if (args.action === "init")
    throw new UsageError({
      vi: "Quản trị viên đầu tiên được tạo ở phía máy chủ: `npm start` tạo khi kho dữ liệu còn trống; trên Azure: STORAGE_CONNECTION_STRING=… npm run admin:init.",
      en: "The first admin is made on the server side: `npm start` makes it on an empty store; on Azure: STORAGE_CONNECTION_STRING=… npm run admin:init.",
    });
  if (!args.server)
    throw new UsageError({
      vi: "Cần --server URL (hoặc biến CCHC_SERVER).",
      en: "--server URL is needed (or the CCHC_SERVER variable).",
    });
  if (!args.token) throw new UsageError(TOKEN_HELP);
  if (args.positional !== undefined && args.action !== "revoke")
    throw new UsageError({
      vi: `Thừa tham số: "${args.positional}".`,
      en: `Unexpected argument "${args.positional}".`,
    });
  const backend = httpBackend(args.server, args.token);
  switch (args.action) {
    case "add-member": {
      const issued = await backend.add(memberArgs(args));
      io.out(
        `Mã truy cập (chỉ hiện một lần) / Token (shown once):\n${issued.token}\ntokenId: ${issued.tokenId}`,
      );
      if (issued.unit) io.out(`Đơn vị / Unit: ${issued.unit}`);
      if (issued.note) io.err(`${issued.note.vi}\n${issued.note.en}`);
      return 0;
    }
    case "revoke": {
      if (!args.positional) throw new UsageError({ vi: "Thiếu tokenId.", en: "Missing the tokenId." });
      const ok = await backend.revoke(args.positional);
      io.out(ok ? `Đã thu hồi / Revoked ${args.positional}` : `Không có / No such token ${args.positional}`);
      return ok ? 0 : 1;
    }
    case "list": {
      for (const m of await backend.list())
        io.out(
          `${m.tokenId}  ${m.role.padEnd(11)} ${(m.unit ?? "-").padEnd(10)} ${m.name}${m.expiresAt ? `  (→ ${m.expiresAt.slice(0, 10)})` : ""}`,
        );
      return 0;
    }
    case "snapshot": {
      const { date, years } = await backend.snapshot();
      const day = isIsoDate(date) ? formatVi(date) : date;
      io.out(
        years.length
          ? `Đã chụp số liệu ngày ${day}, năm kế hoạch ${years.join(", ")} / Snapshot of ${day} taken, plan year(s) ${years.join(", ")}`
          : `Không năm kế hoạch nào (năm trước, năm nay, năm sau) có dữ liệu: không chụp gì / No plan year (last, this or next) has records: nothing taken (${day})`,
      );
      return 0;
    }
    default:
      throw new UsageError({
        vi: "Dùng: cchc admin add-member|revoke|list|snapshot",
        en: "Use: cchc admin add-member|revoke|list|snapshot",
      });
  }
}
