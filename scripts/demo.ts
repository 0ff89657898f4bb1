/**
 * `npm run demo`: the seed's first quarter of 2021, end to end. Starts a throw-away stack (Azurite
 * in memory + the local host on a free port), writes the demo workbook, syncs it as the
 * department's coordinator, syncs a copy as a leader (summary only), prints the summary, and leaves
 *   out/cchc-demo-2021.xlsx          the coordinator's workbook, with its "Tổng hợp" sheet
 *   out/cchc-demo-2021-leader.xlsx   the leader's copy
 */
import { copyFileSync, mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import ExcelJS from "exceljs";
import { main as cli } from "../cli/main";
import { buildDemoWorkbook } from "../cli/xlsx/tracking-workbook";
import { startAzurite } from "../functions/src/dev/azurite";
import { createLocalHost } from "../functions/src/local-host";
import { servicesFor } from "../functions/src/services";

const OUT = "out/cchc-demo-2021.xlsx";
const LEADER = "out/cchc-demo-2021-leader.xlsx";

async function run(): Promise<number> {
  mkdirSync("out", { recursive: true });
  const azurite = await startAzurite();
  const services = servicesFor(azurite.connectionString);
  const server = createLocalHost(() => services).listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const coordinator = (
      await services.members.issue({ name: "Văn phòng Sở (đầu mối CCHC)", role: "coordinator" })
    ).token;
    const leader = (await services.members.issue({ name: "Lãnh đạo Sở", role: "leader" })).token;
    await buildDemoWorkbook().xlsx.writeFile(OUT);
    console.log(`Sổ mẫu / demo workbook: ${OUT}\n`);
    const first = await cli(["sync", OUT, "--server", url, "--token", coordinator, "--as-of", "2021-03-31"]);
    if (first !== 0) return first;
    copyFileSync(OUT, LEADER);
    const second = await cli([
      "sync",
      LEADER,
      "--server",
      url,
      "--token",
      leader,
      "--summary-only",
      "--as-of",
      "2021-03-31",
    ]);
    if (second !== 0) return second;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(OUT);
    const summary = wb.getWorksheet("Tổng hợp")!;
    // The report paragraph: the cell that starts with the seed's words.
    const paragraph = summary
      .getColumn(1)
      .values.find((v) => typeof v === "string" && v.startsWith("Tính đến ngày"));
    console.log(`\n${summary.getCell(1, 1).value}\n${summary.getCell(2, 1).value}\n\n${String(paragraph)}\n`);
    console.log(
      `Trang "Tổng hợp" ở / The summary sheet is in: ${OUT} (và bản của lãnh đạo / and the leader's copy ${LEADER}).`,
    );
    console.log(`Xem ảnh / render to PNG: scripts/render-summary.sh ${OUT}`);
    return 0;
  } finally {
    server.close();
    await azurite.stop();
  }
}

run().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
