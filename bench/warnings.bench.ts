/**
 * `node --import tsx bench/warnings.bench.ts`: deadline warnings over 100,000 random dossiers and
 * 1,000 tasks (test/helpers/arbitraries, fixed seeds), alone and as part of the whole report.
 * Random data is a worst case: about a fifth of it is overdue at mid-2021, a real register far less.
 */
import fc from "fast-check";
import { performance } from "node:perf_hooks";
import { DEFAULT_FIELDS } from "../core/reference/fields";
import { buildStatsReport } from "../core/stats/report";
import { buildWarnings } from "../core/stats/warnings";
import { dossierArb, taskArb } from "../test/helpers/arbitraries";

const dossiers = fc.sample(dossierArb, { numRuns: 100_000, seed: 1 });
const tasks = fc.sample(taskArb, { numRuns: 1_000, seed: 2 });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(1);
const time = (fn: () => unknown) => {
  const out: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    fn();
    out.push(performance.now() - start);
  }
  return median(out);
};
const asOf = "2021-06-30";
const items = buildWarnings({ asOf, tasks, dossiers });
const alone = time(() => buildWarnings({ asOf, tasks, dossiers }));
const whole = time(() =>
  buildStatsReport({
    year: 2021,
    asOf,
    from: "2021-01-01",
    to: asOf,
    tasks,
    dossiers,
    fields: DEFAULT_FIELDS,
  }),
);
console.log(
  `warnings over ${dossiers.length} dossiers + ${tasks.length} tasks: median ${alone} ms ` +
    `(${items.tasks.length + items.dossiers.length} items); whole report with warnings: median ${whole} ms`,
);
