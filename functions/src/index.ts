/**
 * The Azure Functions app (Node v4 programming model): every route of the route table registered
 * with app.http, every job of the timer table with app.timer. Outside the Functions host the SDK
 * is in test mode and registration is skipped.
 */
import { app } from "@azure/functions";
import { guarded, ROUTES } from "./http/route-table";
import { defaultServices } from "./services";
import { TIMERS, timerHandler } from "./timers/timer-table";

for (const route of ROUTES) {
  app.http(route.name, {
    methods: [route.method],
    route: route.route,
    authLevel: "anonymous",
    handler: guarded(route, defaultServices),
  });
}

for (const job of TIMERS) {
  app.timer(job.name, { schedule: job.schedule, handler: timerHandler(job, defaultServices) });
}
