import { strict as assert } from "node:assert";
import fc from "fast-check";
import {
  dailyAtVietnamTime,
  nextRun,
  parseSchedule,
  ScheduleError,
  VIETNAM_OFFSET_HOURS,
} from "../../functions/src/timers/schedule";
import { startLocalTimers, type Clock } from "../../functions/src/timers/local-timers";
import { SNAPSHOT_SCHEDULE, timerHandler, type TimerJob } from "../../functions/src/timers/timer-table";
import { InvocationContext, type Timer } from "@azure/functions";
import type { Services } from "../../functions/src/http/route-table";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Vietnam's wall clock of an instant, as UTC fields of a shifted Date. */
const inVietnam = (d: Date) => new Date(d.getTime() + VIETNAM_OFFSET_HOURS * HOUR);

/** Instants from 1999 to 2101, with month and year ends (and 29 February) drawn often. */
const instant = fc.oneof(
  fc.date({
    min: new Date("1999-01-01T00:00:00Z"),
    max: new Date("2101-01-01T00:00:00Z"),
    noInvalidDate: true,
  }),
  fc
    .record({
      year: fc.integer({ min: 2000, max: 2100 }),
      month: fc.integer({ min: 0, max: 11 }),
      lastDay: fc.boolean(),
      ms: fc.integer({ min: -2 * DAY, max: 2 * DAY }),
    })
    .map(
      ({ year, month, lastDay, ms }) =>
        // The last day of a month (day 0 of the next) or the first, moved by up to two days either way.
        new Date(Date.UTC(year, lastDay ? month + 1 : month, lastDay ? 0 : 1) + ms),
    ),
);

describe("timer schedules (NCRONTAB, UTC) and the next run", () => {
  it("the snapshot runs daily at 23:30 Vietnam time: 16:30 UTC", () => {
    assert.equal(SNAPSHOT_SCHEDULE, "0 30 16 * * *");
    assert.equal(dailyAtVietnamTime(5, 0), "0 0 22 * * *");
    assert.equal(dailyAtVietnamTime(7, 15), "0 15 0 * * *");
  });

  it("the next daily run is in the future, within a day, at the Vietnam time asked, across month and year ends (fast-check)", () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (now, hour, minute) => {
          const at = nextRun(parseSchedule(dailyAtVietnamTime(hour, minute)), now)!;
          assert.ok(at.getTime() > now.getTime(), `${at.toISOString()} after ${now.toISOString()}`);
          assert.ok(at.getTime() - now.getTime() <= DAY);
          const vn = inVietnam(at);
          assert.deepEqual([vn.getUTCHours(), vn.getUTCMinutes(), vn.getUTCSeconds()], [hour, minute, 0]);
          // Nothing earlier: a day before it is not after `now` (no run skipped).
          assert.ok(at.getTime() - DAY <= now.getTime());
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("a run exactly at the scheduled second is followed by the next day's, not the same one", () => {
    const s = parseSchedule(SNAPSHOT_SCHEDULE);
    const at = new Date("2026-12-31T16:30:00Z");
    assert.equal(nextRun(s, at)!.toISOString(), "2027-01-01T16:30:00.000Z");
    assert.equal(nextRun(s, new Date(at.getTime() - 1))!.toISOString(), at.toISOString());
  });

  it("reads lists, ranges and steps, and the next run is the least matching instant after now (fast-check)", () => {
    const s = parseSchedule("0 */15 8-17 * * 1-5");
    fc.assert(
      fc.property(instant, (now) => {
        const at = nextRun(s, now)!;
        assert.ok(at > now);
        const ok = (d: Date) =>
          d.getUTCSeconds() === 0 &&
          d.getUTCMinutes() % 15 === 0 &&
          d.getUTCHours() >= 8 &&
          d.getUTCHours() <= 17 &&
          d.getUTCDay() >= 1 &&
          d.getUTCDay() <= 5;
        assert.ok(ok(at), at.toISOString());
        // Every quarter hour between now and the run does not match.
        for (let t = Math.floor(now.getTime() / 900_000 + 1) * 900_000; t < at.getTime(); t += 900_000)
          assert.ok(!ok(new Date(t)), new Date(t).toISOString());
      }),
      { numRuns: 200 },
    );
    // 2100 is not a leap year: the next 29 February after March 2097 is eight years on.
    assert.equal(
      nextRun(parseSchedule("0 0 0 29 2 *"), new Date("2097-03-01T00:00:00Z"))!.toISOString(),
      "2104-02-29T00:00:00.000Z",
    );
  });

  it("refuses malformed schedules, naming the field; a schedule that never comes has no next run", () => {
    for (const [text, says] of [
      ["0 30 16 * *", /six fields/],
      ["0 60 16 * * *", /minute "60"/],
      ["0 30 24 * * *", /hour "24"/],
      ["0 30 16 0 * *", /day "0"/],
      ["0 30 16 * 13 *", /month "13"/],
      ["0 30 16 * * 7", /day of week "7"/],
      ["0 30 10-8 * * *", /backwards/],
      ["0 x 16 * * *", /minute "x"/],
      ["0 30 16 1 * 1", /not both/],
    ] as const)
      assert.throws(
        () => parseSchedule(text),
        (e: Error) => e instanceof ScheduleError && says.test(e.message),
        text,
      );
    assert.equal(nextRun(parseSchedule("0 0 0 30 2 *"), new Date("2026-01-01T00:00:00Z")), undefined);
  });
});

/** A clock moved by hand: `after` records the wait; `fire` moves time to it and calls it. */
function handClock(start: string) {
  let now = new Date(start);
  const pending: { at: number; fn: () => void; cancelled: boolean }[] = [];
  const clock: Clock = {
    now: () => now,
    after: (ms, fn) => {
      const p = { at: now.getTime() + ms, fn, cancelled: false };
      pending.push(p);
      return () => (p.cancelled = true);
    },
  };
  const live = () => pending.filter((p) => !p.cancelled);
  return {
    clock,
    live,
    /** Runs the earliest pending wait at its time (or `early` ms before it). */
    fire(early = 0) {
      const p = live().sort((a, b) => a.at - b.at)[0]!;
      pending.splice(pending.indexOf(p), 1);
      now = new Date(p.at - early);
      p.fn();
    },
  };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe("the local host's timers (same table, same schedule, no real waiting)", () => {
  const services = () => ({}) as Services;

  function job(owed: boolean, runs: Date[], fail = false): TimerJob {
    return {
      name: "job",
      schedule: SNAPSHOT_SCHEDULE,
      run: async (_s, now) => {
        runs.push(now);
        if (fail) throw new Error("store down");
        return "ok";
      },
      owedAtStart: async () => owed,
    };
  }

  it("runs once at start when a run is owed, then waits for the next 16:30 UTC and runs each day", async () => {
    const h = handClock("2026-11-28T09:00:00Z");
    const runs: Date[] = [];
    const timers = startLocalTimers(services, { clock: h.clock, log: () => {}, jobs: [job(true, runs)] });
    await timers.started;
    assert.deepEqual(
      runs.map((d) => d.toISOString()),
      ["2026-11-28T09:00:00.000Z"],
    );
    assert.equal(h.live()[0]!.at, Date.parse("2026-11-28T16:30:00Z"));
    h.fire();
    await flush();
    h.fire();
    await flush();
    assert.deepEqual(
      runs.map((d) => d.toISOString()),
      ["2026-11-28T09:00:00.000Z", "2026-11-28T16:30:00.000Z", "2026-11-29T16:30:00.000Z"],
    );
    await timers.stop();
    assert.equal(h.live().length, 0, "stop cancels the pending wait");
  });

  it("does not run at start when nothing is owed; a wake-up before the time waits again instead of running", async () => {
    const h = handClock("2026-12-31T20:00:00Z");
    const runs: Date[] = [];
    const timers = startLocalTimers(services, { clock: h.clock, log: () => {}, jobs: [job(false, runs)] });
    await timers.started;
    assert.equal(runs.length, 0);
    h.fire(5);
    await flush();
    assert.equal(runs.length, 0, "5 ms early: no run");
    assert.equal(h.live()[0]!.at, Date.parse("2027-01-01T16:30:00Z"));
    h.fire();
    await flush();
    assert.deepEqual(
      runs.map((d) => d.toISOString()),
      ["2027-01-01T16:30:00.000Z"],
    );
    await timers.stop();
  });

  it("a failed run is logged and the next day's is still scheduled", async () => {
    const h = handClock("2026-11-28T09:00:00Z");
    const runs: Date[] = [];
    const lines: string[] = [];
    const timers = startLocalTimers(services, {
      clock: h.clock,
      log: (l) => lines.push(l),
      jobs: [job(true, runs, true)],
    });
    await timers.started;
    assert.match(lines.join("\n"), /job failed: store down/);
    h.fire();
    await flush();
    assert.equal(runs.length, 2);
    assert.equal(h.live()[0]!.at, Date.parse("2026-11-29T16:30:00Z"));
    await timers.stop();
  });
});

describe("a timer job as app.timer's handler (what Azure runs)", () => {
  it("runs the job once with the services and logs its result; a late run says so", async () => {
    const runs: unknown[] = [];
    const services = { marker: "services" } as unknown as Services;
    const job: TimerJob = {
      name: "dailySnapshot",
      schedule: SNAPSHOT_SCHEDULE,
      run: async (s, now) => (runs.push([s, now instanceof Date]), { date: "2026-11-28", years: [2026] }),
    };
    const lines: string[] = [];
    const context = new InvocationContext({
      functionName: "dailySnapshot",
      logHandler: (level, ...args) => lines.push(`${level}: ${args.join(" ")}`),
    });
    const timer = { isPastDue: true, schedule: { adjustForDST: false }, scheduleStatus: {} } as Timer;
    await timerHandler(job, () => services)(timer, context);
    assert.deepEqual(runs, [[services, true]]);
    assert.deepEqual(lines, [
      "warning: dailySnapshot: running late (a missed run, or the host was asleep).",
      'information: dailySnapshot: {"date":"2026-11-28","years":[2026]}',
    ]);
  });
});
