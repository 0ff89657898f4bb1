import type { Services } from "../http/route-table";
import { nextRun, parseSchedule } from "./schedule";
import { TIMERS, type TimerJob } from "./timer-table";

/** The clock the local scheduler reads and waits on; tests give one they move by hand. */
export interface Clock {
  now(): Date;
  /** Calls `fn` after `ms`; the returned function cancels it. */
  after(ms: number, fn: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => new Date(),
  after: (ms, fn) => {
    const t = setTimeout(fn, ms);
    t.unref(); // a pending timer never keeps the process alive
    return () => clearTimeout(t);
  },
};

/** setTimeout's longest wait (about 24.8 days): a longer one fires at once. Longer waits wake and wait again. */
const MAX_WAIT_MS = 2 ** 31 - 1;

export interface LocalTimers {
  /** Settles when the runs owed at start are done. */
  started: Promise<void>;
  /** Cancels what is pending and waits for a run under way to finish. */
  stop(): Promise<void>;
}

/**
 * The local host's timers (the Core Tools, which would run app.timer, cannot be installed): each
 * job of the timer table on its NCRONTAB schedule, and once at start when a run is owed (the day's
 * snapshot is missing). A failed run is logged and the next one is still scheduled.
 */
export function startLocalTimers(
  services: () => Services,
  {
    clock = systemClock,
    log = console.log,
    jobs = TIMERS,
  }: { clock?: Clock; log?: (line: string) => void; jobs?: TimerJob[] } = {},
): LocalTimers {
  const cancels = new Map<string, () => void>();
  const running = new Set<Promise<void>>();
  let stopped = false;

  const run = (job: TimerJob): Promise<void> => {
    const p = job
      .run(services(), clock.now())
      .then(
        (result) => log(`${job.name}: ${JSON.stringify(result)}`),
        (e: unknown) => log(`${job.name} failed: ${(e as Error).message ?? String(e)}`),
      )
      .finally(() => running.delete(p));
    running.add(p);
    return p;
  };

  const schedule = (job: TimerJob, at: Date): void => {
    if (stopped) return;
    const wait = Math.min(Math.max(at.getTime() - clock.now().getTime(), 0), MAX_WAIT_MS);
    cancels.set(
      job.name,
      clock.after(wait, () => {
        // Woken early (a long wait cut at MAX_WAIT_MS, or a timer a millisecond early): wait again.
        if (clock.now() < at) return schedule(job, at);
        void run(job).then(() => scheduleNext(job));
      }),
    );
  };

  const scheduleNext = (job: TimerJob): void => {
    const at = nextRun(parseSchedule(job.schedule), clock.now());
    if (at) schedule(job, at);
  };

  const started = Promise.all(
    jobs.map(async (job) => {
      const owed = await job.owedAtStart?.(services(), clock.now()).catch((e: unknown) => {
        log(`${job.name}: could not check for a missed run: ${(e as Error).message}`);
        return false;
      });
      if (owed && !stopped) await run(job);
      scheduleNext(job);
    }),
  ).then(() => undefined);

  return {
    started,
    stop: async () => {
      stopped = true;
      for (const cancel of cancels.values()) cancel();
      await started;
      await Promise.all(running);
    },
  };
}
