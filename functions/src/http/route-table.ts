import type { HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import type { Caller, Members, Role } from "../auth/tokens";
import { auditHandler } from "../handlers/audit";
import { healthHandler } from "../handlers/health";
import { addMemberHandler, listMembersHandler, revokeMemberHandler } from "../handlers/members";
import { getReferenceHandler, putReferenceHandler } from "../handlers/reference";
import { statsHandler } from "../handlers/stats";
import { meHandler, syncHandler } from "../handlers/sync";
import type { ReferenceStore } from "../reference/reference-store";
import type { RecordCache } from "../stats/record-cache";
import type { RecordsRepository } from "../storage/records-repository";
import { corsHeaders } from "./cors";
import { Problem, problems } from "./problem";

export interface Services {
  members: Members;
  records: RecordsRepository;
  reference: ReferenceStore;
  recordCache: RecordCache;
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

/** Matches a path (without /api/) against a route pattern; the parameters, or undefined. */
export function matchRoute(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split("/");
  const have = path.split("/");
  if (want.length !== have.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    if (w.startsWith("{") && w.endsWith("}")) params[w.slice(1, -1)] = decodeURIComponent(have[i]!);
    else if (w !== have[i]) return undefined;
  }
  return params;
}

function withCors(answer: HttpResponseInit, origin: string | null): HttpResponseInit {
  return {
    ...answer,
    headers: { ...(answer.headers as Record<string, string> | undefined), ...corsHeaders(origin) },
  };
}

/** Authorization, then the handler; every Problem becomes its 4xx answer, never a 500. */
export function guarded(route: Route, services: () => Services) {
  return async (request: HttpRequest, invocation: InvocationContext): Promise<HttpResponseInit> => {
    const origin = request.headers.get("origin");
    try {
      const ctx: RouteContext = { services: services(), invocation };
      if (route.roles !== "anonymous") {
        const caller = await ctx.services.members.verify(request.headers.get("authorization"));
        if (!caller) throw problems.unauthorized();
        if (!route.roles.includes(caller.role))
          throw problems.forbidden({
            vi: `Vai trò "${caller.role}" không được dùng chức năng này.`,
            en: `Role "${caller.role}" may not use this route.`,
          });
        ctx.caller = caller;
      }
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
