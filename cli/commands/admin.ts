import type { Role } from "../../functions/src/auth/tokens";
import { ROLES } from "../../functions/src/auth/tokens";
import { servicesFor } from "../../functions/src/services";
import { UsageError, type CommandIO } from "./io";

export interface AdminArgs {
  action: string | undefined;
  positional?: string;
  server?: string;
  token?: string;
  storage?: string;
  name?: string;
  role?: string;
  unit?: string;
  days?: string;
  force?: boolean;
}

interface MemberView {
  tokenId: string;
  name: string;
  role: string;
  unit?: string;
  expiresAt?: string;
}

/** The member operations, against a running server (HTTP, admin token) or directly against storage. */
interface AdminBackend {
  add(m: {
    name: string;
    role: Role;
    unit?: string;
    expiresInDays?: number;
  }): Promise<{ token: string; tokenId: string }>;
  revoke(tokenId: string): Promise<boolean>;
  list(): Promise<MemberView[]>;
}

function httpBackend(server: string, token: string): AdminBackend {
  const base = server.replace(/\/+$/, "");
  const request = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}/api/${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    return { status: res.status, json };
  };
  const fail = (status: number, json: Record<string, unknown>) =>
    new UsageError({
      vi: `Máy chủ trả lời ${status}: ${String(json.vi ?? "")}`,
      en: `The server answered ${status}: ${String(json.en ?? "")}`,
    });
  return {
    async add(m) {
      const r = await request("POST", "members", m);
      if (r.status !== 201) throw fail(r.status, r.json);
      return r.json as unknown as { token: string; tokenId: string };
    },
    async revoke(tokenId) {
      const r = await request("DELETE", `members/${encodeURIComponent(tokenId)}`);
      if (r.status === 404) return false;
      if (r.status !== 204) throw fail(r.status, r.json);
      return true;
    },
    async list() {
      const r = await request("GET", "members");
      if (r.status !== 200) throw fail(r.status, r.json);
      return r.json as unknown as MemberView[];
    },
  };
}

function storageBackend(connection: string | undefined): AdminBackend {
  const { members } = servicesFor(connection);
  return { add: (m) => members.issue(m), revoke: (id) => members.revoke(id), list: () => members.list() };
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
 * `cchc admin init|add-member|revoke|list`. With --server and --token it calls the API as that
 * admin; otherwise it works on storage (--storage, else STORAGE_CONNECTION_STRING, else Azurite).
 * `init` creates the first admin and only works on storage with no member yet (or --force).
 */
export async function adminCommand(args: AdminArgs, io: CommandIO): Promise<number> {
  if (args.server && !args.token)
    throw new UsageError({
      vi: "--server cần --token của quản trị viên.",
      en: "--server needs an admin --token.",
    });
  const backend = args.server
    ? httpBackend(args.server, args.token!)
    : storageBackend(args.storage ?? process.env.STORAGE_CONNECTION_STRING);
  switch (args.action) {
    case "init": {
      if (args.server)
        throw new UsageError({
          vi: "init làm việc trực tiếp trên kho dữ liệu, không qua --server.",
          en: "init works on storage directly, not through --server.",
        });
      if ((await backend.list()).length > 0 && !args.force)
        throw new UsageError({
          vi: "Đã có thành viên; dùng add-member, hoặc --force để tạo thêm quản trị viên.",
          en: "Members exist already; use add-member, or --force to add another admin.",
        });
      const issued = await backend.add({ name: args.name ?? "Admin", role: "admin" });
      io.out(`Quản trị viên đầu tiên / First admin token (shown once, keep it safe):\n${issued.token}`);
      return 0;
    }
    case "add-member": {
      const issued = await backend.add(memberArgs(args));
      io.out(
        `Mã truy cập (chỉ hiện một lần) / Token (shown once):\n${issued.token}\ntokenId: ${issued.tokenId}`,
      );
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
    default:
      throw new UsageError({
        vi: "Dùng: cchc admin init|add-member|revoke|list",
        en: "Use: cchc admin init|add-member|revoke|list",
      });
  }
}
