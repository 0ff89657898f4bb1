/**
 * The Azure Functions app (Node v4 programming model): every route of the route table registered
 * with app.http. Outside the Functions host the SDK is in test mode and registration is skipped.
 */
import { app } from "@azure/functions";
import { guarded, ROUTES } from "./http/route-table";
import { defaultServices } from "./services";

for (const route of ROUTES) {
  app.http(route.name, {
    methods: [route.method],
    route: route.route,
    authLevel: "anonymous",
    handler: guarded(route, defaultServices),
  });
}
