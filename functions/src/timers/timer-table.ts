import type { InvocationContext, Timer } from "@azure/functions";
import type { Services } from "../http/route-table";
import { snapshotMissing, takeSnapshots } from "../snapshots/take-snapshots";
import { dailyAtVietnamTime } from "./schedule";

export interface TimerJob {
  name: string;
  /** NCRONTAB in UTC, as the Functions host reads it (see schedule.ts). */
  schedule: string;
  /** The work of one run, a function of the services and the moment: tested without any clock. */
  run(services: Services, now: Date): Promise<unknown>;
  /** Whether a run is owed when a host starts (the local host then runs it at once). */
  owedAtStart?(services: Services, now: Date): Promise<boolean>;
}

/**
 * The daily snapshot at 23:30 Vietnam time (UTC+7, no daylight saving): "0 30 16 * * *" in UTC.
 * Written in UTC because WEBSITE_TIME_ZONE, which would let the host read a local schedule, is not
 * supported on Linux Consumption and Flex Consumption plans. Late in the day, so a day's snapshot
 * holds that day's work.
 */
export const SNAPSHOT_SCHEDULE = dailyAtVietnamTime(23, 30);

/** The one timer table: fed to app.timer (Azure) and to the local host's scheduler alike. */
export const TIMERS: TimerJob[] = [
  { name: "dailySnapshot", schedule: SNAPSHOT_SCHEDULE, run: takeSnapshots, owedAtStart: snapshotMissing },
];

/** A timer job as app.timer's handler: one run at the host's clock, logged (a failure is the host's). */
export function timerHandler(job: TimerJob, services: () => Services) {
  return async (timer: Timer, context: InvocationContext): Promise<void> => {
    if (timer.isPastDue) context.warn(`${job.name}: running late (a missed run, or the host was asleep).`);
    const result = await job.run(services(), new Date());
    context.log(`${job.name}: ${JSON.stringify(result)}`);
  };
}
