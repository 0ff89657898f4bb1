import type { HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import type { Caller, Members, Role } from "../auth/tokens";
import type { RecordsRepository } from "../storage/records-repository";
import { Problem, problems } from "./problem";
import { healthHandler } from "../handlers/health";
import { syncHandler } from "../handlers/sync";
import { statsHandler } from "../handlers/stats";

export interface Services {
  members: Members;
  records: RecordsRepository;
}

export interface RouteContext {
  services: Services;
  caller?: Caller;
  invocation: InvocationContext;
}

export type Handler = (request: HttpRequest, ctx: RouteContext) => Promise<HttpResponseInit>;

export interface Route {
  name: string;
  methods: ("GET" | "POST" | "PUT" | "DELETE")[];
  /** Path under /api, as app.http's `route`. */
  route: string;
  /** Roles allowed; "anonymous" routes skip the token check. */
  roles: Role[] | "anonymous";
  handler: Handler;
}

const EVERYONE: Role[] = ["staff", "coordinator", "leader", "admin"];

/** The one route table: fed to app.http (Azure) and to the local host alike. */
export const ROUTES: Route[] = [
  { name: "health", methods: ["GET"], route: "health", roles: "anonymous", handler: healthHandler },
  { name: "sync", methods: ["POST"], route: "sync", roles: EVERYONE, handler: syncHandler },
  { name: "stats", methods: ["GET"], route: "stats", roles: EVERYONE, handler: statsHandler },
];

/** Authorization, then the handler; every Problem becomes its 4xx answer, never a 500. */
export function guarded(route: Route, services: () => Services) {
  return async (request: HttpRequest, invocation: InvocationContext): Promise<HttpResponseInit> => {
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
      return await route.handler(request, ctx);
    } catch (e) {
      if (e instanceof Problem) return e.toResponse();
      invocation.error(e);
      return new Problem(500, "Internal Server Error", {
        vi: "Lỗi máy chủ; đã ghi nhật ký.",
        en: "Server error; it has been logged.",
      }).toResponse();
    }
  };
}
