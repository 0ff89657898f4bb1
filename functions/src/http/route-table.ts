import type { HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import { clientAddress, tokenIdOf, type AuthLimiter } from "../auth/auth-limiter";
import type { Caller, Members, Role } from "../auth/tokens";
import type { AuditHistory } from "../audit/purge";
import { auditHandler, purgeAuditHandler } from "../handlers/audit";
import { healthHandler } from "../handlers/health";
import { addMemberHandler, listMembersHandler, revokeMemberHandler } from "../handlers/members";
import { getReferenceHandler, putReferenceHandler } from "../handlers/reference";
import { statsHandler } from "../handlers/stats";
import { meHandler, syncHandler } from "../handlers/sync";
import type { ReferenceStore } from "../reference/reference-store";
import type { RecordCache } from "../stats/record-cache";
import type { SnapshotStore } from "../snapshots/snapshot-store";
import { snapshotsHandler, takeSnapshotHandler } from "../handlers/snapshots";
import type { RecordsRepository } from "../storage/records-repository";
import { corsHeaders } from "./cors";
import { Problem, problems } from "./problem";
import { FAULT_MESSAGES, keyFault } from "../../../core/text";

export interface Services {
  members: Members;
  records: RecordsRepository;
  reference: ReferenceStore;
  recordCache: RecordCache;
  history: AuditHistory;
  authLimiter: AuthLimiter;
  snapshots: SnapshotStore;
}

export interface RouteContext {
  services: Services;
  caller?: Caller;
  invocation: InvocationContext;
}

export type Handler = (request: HttpRequest, ctx: RouteContext) => Promise<HttpResponseInit>;
export type Method = "GET" | "POST" | "PUT" | "DELETE";

export interface Route {
  name: string;
  method: Method;
  /** Path under /api, as app.http's `route` ({name} for a parameter). */
  route: string;
  /** Roles allowed; "anonymous" routes skip the token check. */
  roles: Role[] | "anonymous";
  handler: Handler;
}

const SIGNED_IN: Role[] = ["staff", "coordinator", "leader", "admin"];
const ADMIN: Role[] = ["admin"];

/** The one route table: fed to app.http (Azure) and to the local host alike. */
export const ROUTES: Route[] = [
  { name: "health", method: "GET", route: "health", roles: "anonymous", handler: healthHandler },
  { name: "sync", method: "POST", route: "sync", roles: SIGNED_IN, handler: syncHandler },
  { name: "me", method: "GET", route: "me", roles: SIGNED_IN, handler: meHandler },
  { name: "stats", method: "GET", route: "stats", roles: SIGNED_IN, handler: statsHandler },
  {
    name: "audit",
    method: "GET",
    route: "audit",
    roles: ["coordinator", "leader", "admin"],
    handler: auditHandler,
  },
  {
    name: "snapshots",
    method: "GET",
    route: "snapshots",
    roles: ["coordinator", "leader", "admin"],
    handler: snapshotsHandler,
  },
  {
    name: "takeSnapshot",
    method: "POST",
    route: "snapshots",
    roles: ADMIN,
    handler: takeSnapshotHandler,
  },
  { name: "purgeAudit", method: "DELETE", route: "audit", roles: ADMIN, handler: purgeAuditHandler },
  {
    name: "getReference",
    method: "GET",
    route: "reference/{kind}",
    roles: SIGNED_IN,
    handler: getReferenceHandler,
  },
  {
    name: "putReference",
    method: "PUT",
    route: "reference/{kind}",
    roles: ADMIN,
    handler: putReferenceHandler,
  },
  { name: "listMembers", method: "GET", route: "members", roles: ADMIN, handler: listMembersHandler },
  { name: "addMember", method: "POST", route: "members", roles: ADMIN, handler: addMemberHandler },
  {
    name: "revokeMember",
    method: "DELETE",
    route: "members/{tokenId}",
    roles: ADMIN,
    handler: revokeMemberHandler,
  },
];

/** A path segment's text; a malformed percent-escape (`%E0%A4%A`) is the client's error: 400. */
function decodeSegment(name: string, segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw problems.badRequest(
      {
        vi: `Đường dẫn có mã phần trăm sai ở tham số ${name}.`,
        en: `Malformed percent-escape in path parameter ${name}.`,
      },
      { parameter: name },
    );
  }
}

/** Matches a path (without /api/) against a route pattern; the parameters, or undefined. */
export function matchRoute(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split("/");
  const have = path.split("/");
  if (want.length !== have.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    if (w.startsWith("{") && w.endsWith("}")) params[w.slice(1, -1)] = have[i]!;
    else if (w !== have[i]) return undefined;
  }
  for (const [name, raw] of Object.entries(params)) params[name] = decodeSegment(name, raw);
  return params;
}

/** Query and path parameters end up in storage keys and filters: well-formed, no control characters. */
function checkParameters(request: HttpRequest): void {
  const all: [string, string][] = [...request.query.entries(), ...Object.entries(request.params ?? {})];
  for (const [name, value] of all) {
    const fault = keyFault(name) ?? keyFault(value);
    if (fault) throw problems.badRequest(FAULT_MESSAGES[fault], { parameter: keyFault(name) ? "" : name });
  }
}

function withCors(answer: HttpResponseInit, origin: string | null): HttpResponseInit {
  return {
    ...answer,
    headers: { ...(answer.headers as Record<string, string> | undefined), ...corsHeaders(origin) },
  };
}

/**
 * The caller of a bearer token. Failed attempts are counted per client address and token id:
 * past the limit, 429 with Retry-After (a warning is logged with the token id and address, never
 * the token). A request without any Authorization header is not an attempt.
 */
async function authenticate(request: HttpRequest, ctx: RouteContext): Promise<Caller> {
  const authorization = request.headers.get("authorization");
  const limiter = ctx.services.authLimiter;
  const address = clientAddress(request.headers.get("x-forwarded-for"));
  const tokenId = tokenIdOf(authorization);
  const wait = limiter.retryAfter(address, tokenId);
  // A locked address still lets in members who signed in from it before (one office, one address).
  if (wait !== undefined && !limiter.knownAt(address, tokenId)) throw problems.tooManyAttempts(wait);
  const caller = await ctx.services.members.verify(authorization);
  if (caller) {
    limiter.succeed(address, caller.tokenId);
    return caller;
  }
  if (authorization !== null && limiter.fail(address, tokenId))
    ctx.invocation.warn(
      `Authentication locked after failed attempts: address ${address}, token id ${tokenId ?? "-"}`,
    );
  if (wait !== undefined) throw problems.tooManyAttempts(wait);
  throw problems.unauthorized();
}

/** Authorization, then the handler; every Problem becomes its 4xx answer, never a 500. */
export function guarded(route: Route, services: () => Services) {
  return async (request: HttpRequest, invocation: InvocationContext): Promise<HttpResponseInit> => {
    const origin = request.headers.get("origin");
    try {
      const ctx: RouteContext = { services: services(), invocation };
      if (route.roles !== "anonymous") {
        const caller = await authenticate(request, ctx);
        if (!route.roles.includes(caller.role))
          throw problems.forbidden({
            vi: `Vai trò "${caller.role}" không được dùng chức năng này.`,
            en: `Role "${caller.role}" may not use this route.`,
          });
        ctx.caller = caller;
      }
      checkParameters(request);
      return withCors(await route.handler(request, ctx), origin);
    } catch (e) {
      if (e instanceof Problem) return withCors(e.toResponse(), origin);
      invocation.error(e);
      return withCors(
        new Problem(500, "Internal Server Error", {
          vi: "Lỗi máy chủ; đã ghi nhật ký.",
          en: "Server error; it has been logged.",
        }).toResponse(),
        origin,
      );
    }
  };
}
