import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import type { Browser, Page } from "playwright-core";
import { chromium } from "playwright-core";
import { serveStatic, type StaticServer } from "../../scripts/addin-server";
import { startTestServer, type TestServer } from "../helpers/server";
import { cli, copy, open, writeDemo } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";
import { SUMMARY_SHEET } from "../../core/sync/summary-model";
import { fakeFromExceljs } from "./fake-excel/exceljs-bridge";
import type { FakeExcel } from "./fake-excel/fake-excel";
import type { SheetSeed } from "./fake-excel/model";
import { seedsOf } from "./office-stub/seeds";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const PLAN = "Kế hoạch CCHC 2021";
const REGISTER = "Sổ theo dõi hồ sơ";
// 0-based columns of the demo plan: G status, H completed on, I notes.
const STATUS = 6;
const NOTES = 8;
/** Screenshots for the README are refreshed on request only, so that a test run leaves the tree clean. */
const SHOTS = process.env.UPDATE_SCREENSHOTS ? "docs/img" : "tmp/screenshots";

const textOf = async (page: Page, selector: string) => (await page.textContent(selector)) ?? "";

/** What the page's fake Excel holds, read back in Node. */
interface FakeView {
  selection: { sheet: string; row: number; col: number } | undefined;
  /** Syncs of the adapter's write() (it suspends calculation in those only): 0 when no write ran. */
  writes: number;
  sheets: string[];
  /** Every sheet's values and notes, as JSON. */
  content: string;
}
type PageGlobals = { __fake: FakeExcel; __hold: () => void; __resume: () => void };

describe("the task pane in headless Chromium against the local API", function () {
  this.timeout(240_000);
  let s: TestServer;
  let site: StaticServer;
  let browser: Browser;
  let stub: string;
  let workbook: SheetSeed[];
  let out: string;
  const tokens: Record<string, string> = {};
  const tmp = tempDir("taskpane-browser");
  const corsBefore = process.env.CORS_ORIGINS;

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      console.log(`    (skipped: no Chromium at ${CHROMIUM}; .ci/run installs it, or set CHROMIUM_PATH)`);
      this.skip();
    }
    s = await startTestServer();
    tokens.coordinator = (await s.services.members.issue({ name: "Điều phối", role: "coordinator" })).token;
    tokens.leader = (await s.services.members.issue({ name: "Lãnh đạo", role: "leader" })).token;

    // Build the add-in as `npm run build` does, allowed to call this API.
    out = tmp.file("addin");
    const built = spawnSync("npx", ["webpack", "--mode", "production"], {
      env: { ...process.env, API_ORIGINS: s.url, ADDIN_OUT: out },
      encoding: "utf8",
    });
    assert.equal(built.status, 0, built.stdout + built.stderr);
    site = await serveStatic(out);
    process.env.CORS_ORIGINS = site.url; // the API lets the page's origin in

    // The server has the demo plan (synced by the command line); a colleague then edits a note.
    const A = tmp.file("a.xlsx");
    const B = tmp.file("b.xlsx");
    await writeDemo(A);
    const sync = (file: string) =>
      cli(["sync", file, "--server", s.url, "--token", tokens.coordinator!, "--as-of", "2021-03-31"]);
    assert.equal((await sync(A)).code, 0);
    copy(A, B);
    const wa = await open(A);
    wa.getWorksheet(PLAN)!.getCell(8, NOTES + 1).value = "Ghi chú trên máy chủ";
    await wa.xlsx.writeFile(A);
    assert.equal((await sync(A)).code, 0);

    // This workbook (B) edited the same note, and has row errors: two unknown statuses, a bad date.
    // The page's Excel opens B as the file adapter left it (state sheet, id column, formats).
    const b = fakeFromExceljs(await open(B));
    const plan = b.get(PLAN);
    plan.at(7, NOTES).v = "Ghi chú của tôi";
    plan.at(9, STATUS).v = "xyz";
    plan.at(10, STATUS).v = "abc";
    const due = b.get(REGISTER).at(7, 10);
    due.v = "hôm qua";
    delete due.nf;
    workbook = seedsOf(b);

    stub = (
      await build({
        entryPoints: ["test/addin/office-stub/office-stub.ts"],
        bundle: true,
        write: false,
        format: "iife",
        target: "es2020",
      })
    ).outputFiles[0]!.text;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
    mkdirSync(SHOTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await site?.close();
    await s?.stop();
    if (corsBefore === undefined) delete process.env.CORS_ORIGINS;
    else process.env.CORS_ORIGINS = corsBefore;
    tmp.remove();
  });

  /** A fresh page (320 px wide, like a narrow task pane) with office.js routed to the stub. */
  async function openPane(
    config: { workbook: SheetSeed[] | null; displayLanguage?: string; excelApi?: string },
    file = "taskpane.html",
  ): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 320, height: 400 }, locale: "vi-VN" });
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error" && /Content Security Policy/.test(m.text())) problems.push(m.text());
    });
    (page as Page & { problems?: string[] }).problems = problems;
    await page.route(OFFICE_JS, (route) =>
      route.fulfill({ status: 200, contentType: "text/javascript", body: stub }),
    );
    await page.addInitScript((c) => ((globalThis as Record<string, unknown>).__cchcStub = c), {
      ...config,
      partitionKey: "test-partition_",
    });
    await page.goto(`${site.url}/${file}`);
    return page;
  }

  const problemsOf = (page: Page) => (page as Page & { problems?: string[] }).problems ?? [];
  const fake = (page: Page) =>
    page.evaluate(() => {
      const f = (globalThis as unknown as PageGlobals).__fake;
      return {
        selection: f.workbook.selection,
        writes: f.batches.filter((b) => b.calcSuspended).length,
        sheets: f.workbook.sheets.map((sh) => sh.name),
        content: JSON.stringify(f.workbook.sheets.map((sh) => [sh.grid(), [...sh.notes]])),
      } satisfies FakeView;
    });
  const cellOf = (page: Page, row: number, col: number) =>
    page.evaluate(
      ([r, c, sheet]) => (globalThis as unknown as PageGlobals).__fake.workbook.get(sheet).value(r, c),
      [row, col, PLAN] as const,
    );

  async function connect(page: Page, token: string): Promise<void> {
    await page.fill("#server", s.url);
    await page.fill("#token", token);
    await page.press("#token", "Enter"); // the form works from the keyboard
    await page.waitForFunction(
      () => document.getElementById("who") || document.getElementById("connect-error")?.textContent,
    );
    assert.equal(await textOf(page, "#connect-error"), "", "connected");
  }

  it("keeps the task pane's script within 150 KB minified + gzip (office.js not bundled)", () => {
    const script = readFileSync(`${out}/taskpane.js`);
    assert.ok(gzipSync(script, { level: 9 }).length <= 150 * 1024, `${gzipSync(script).length} B`);
    assert.ok(!script.includes("appsforoffice.microsoft.com/lib"), "office.js comes from the CDN tag");
    assert.match(
      readFileSync(`${out}/taskpane.html`, "utf8"),
      /<script src=https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js>/,
    );
  });

  it("outside Excel says so instead of failing", async () => {
    const page = await openPane({ workbook: null });
    await page.waitForSelector("#outside");
    assert.match(await textOf(page, "#outside"), /chạy trong Excel/);
    assert.equal(await page.$("#connect"), null, "no form to fill in a plain browser");
    await page.screenshot({ path: `${SHOTS}/taskpane-outside-excel.png`, fullPage: true });
    assert.deepEqual(problemsOf(page), []);
    await page.close();
  });

  it("connects, syncs with progress, lists the conflict and the errors; a click selects the cell; keep theirs resyncs", async () => {
    const page = await openPane({ workbook });
    await page.waitForSelector("#connect-button");
    await page.screenshot({ path: `${SHOTS}/taskpane-connect.png`, fullPage: true });

    // Before connecting: how the workbook is read, and its row errors, from the workbook alone.
    await page.click("#preview-mapping");
    await page.waitForSelector("#mapping details[open]");
    assert.match(await textOf(page, "#mapping"), /Trang “Kế hoạch CCHC 2021”: danh sách nhiệm vụ/);
    assert.equal(await page.locator("#problems .group").count(), 2);
    assert.equal(await page.$("#no-merges"), null, "this Excel reads merged areas: no notice");
    await connect(page, tokens.coordinator!);
    assert.match(await textOf(page, "#who"), /Đã đăng nhập/);
    const stored = await page.evaluate(() => JSON.stringify(localStorage));
    assert.ok(stored.includes("test-partition_cchc.connection"), "kept under the partition key");

    // Every stage text the pane shows, recorded as it changes.
    await page.evaluate(() => {
      const seen: string[] = ((globalThis as Record<string, unknown>).__stages = []) as string[];
      const stage = document.getElementById("stage")!;
      new MutationObserver(() => stage.textContent && seen.push(stage.textContent)).observe(stage, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
    await page.click("#sync-button");
    await page.waitForFunction(() => /Xong/.test(document.getElementById("result")?.textContent ?? ""));
    const stages = await page.evaluate(() => (globalThis as Record<string, unknown>).__stages as string[]);
    assert.ok(
      stages.some((x) => /Đang đọc sổ tính/.test(x)),
      stages.join(" | "),
    );
    assert.ok(
      stages.some((x) => /Đang gửi \d+ bản ghi/.test(x)),
      stages.join(" | "),
    );
    assert.ok(
      stages.some((x) => /Đang ghi vào sổ tính/.test(x)),
      stages.join(" | "),
    );
    assert.match(await textOf(page, "#result"), /xung đột 1/);
    assert.equal(
      await page.evaluate(() => (document.getElementById("progress") as HTMLProgressElement).value),
      100,
    );

    // The conflict: row 8's notes, mine and theirs, who changed it.
    const conflict = page.locator("#conflicts li.conflict");
    assert.equal(await conflict.count(), 1);
    assert.equal(await conflict.locator("dd.mine").textContent(), "Ghi chú của tôi");
    assert.equal(await conflict.locator("dd.theirs").textContent(), "Ghi chú trên máy chủ");
    assert.match((await conflict.textContent()) ?? "", /Điều phối/);

    // Errors grouped by reason: the two unknown statuses share one group.
    const groups = page.locator("#problems .group");
    assert.equal(await groups.count(), 2);
    assert.match((await groups.nth(0).locator("h3").textContent()) ?? "", /Không hiểu tình trạng .*\(2\)/);
    await page.click("#mapping summary");
    const noWiderThanPane = await page.evaluate(() => document.documentElement.scrollWidth <= 320);
    assert.ok(noWiderThanPane, "readable at 320 px: nothing scrolls sideways");
    await page.screenshot({ path: `${SHOTS}/taskpane-after-sync.png`, fullPage: true });
    assert.match(await textOf(page, "#mapping"), /Cột I “Ghi chú” → ghi chú/);

    // A click on an error selects its cell (row 10, column G); on the conflict, its cell (row 8, I).
    await groups.nth(0).locator("button.problem").first().click();
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__fake.workbook.selection);
    assert.deepEqual((await fake(page)).selection, { sheet: PLAN, row: 9, col: STATUS });
    await conflict.locator("button.link").click();
    await page.waitForFunction(
      () => (globalThis as unknown as PageGlobals).__fake.workbook.selection?.row === 7,
    );
    assert.deepEqual((await fake(page)).selection, { sheet: PLAN, row: 7, col: NOTES });

    // Keep theirs: the next sync starts by itself and brings the server's note in.
    await conflict.locator("button.keep-theirs").click();
    await page.waitForFunction(() => document.querySelectorAll("#conflicts li.conflict").length === 0);
    await page.waitForFunction(() => /xung đột 0/.test(document.getElementById("result")?.textContent ?? ""));
    assert.equal(await cellOf(page, 7, NOTES), "Ghi chú trên máy chủ");

    // The token lives in localStorage, never in the workbook.
    const wb = await fake(page);
    assert.ok(!JSON.stringify(wb).includes(tokens.coordinator!), "no token in the workbook");
    assert.deepEqual(problemsOf(page), [], "no script error, nothing blocked by the CSP");
    await page.close();
  });

  it("refuses a second sync while one runs, cancels before the write, and signs out", async () => {
    const page = await openPane({ workbook });
    await connect(page, tokens.coordinator!);
    await page.evaluate(() => (globalThis as unknown as PageGlobals).__hold());
    await page.click("#sync-button");
    await page.waitForFunction(() => /Đang đọc/.test(document.getElementById("stage")?.textContent ?? ""));
    await page.click("#sync-button");
    assert.match(await textOf(page, "#busy"), /đang chạy/);
    await page.click("#cancel-button");
    await page.evaluate(() => (globalThis as unknown as PageGlobals).__resume());
    await page.waitForFunction(() => /Đã hủy/.test(document.getElementById("result")?.textContent ?? ""));
    assert.equal((await fake(page)).writes, 0, "nothing written");

    await page.click("#sign-out");
    await page.waitForSelector("#connect-button");
    const stored = await page.evaluate(() => JSON.stringify(localStorage));
    assert.ok(!stored.includes(tokens.coordinator!), "the token is forgotten");
    assert.equal(await page.inputValue("#server"), s.url, "the address stays");
    await page.close();
  });

  it("gives a leader only “Làm mới tổng hợp”, which writes the summary", async () => {
    const page = await openPane({ workbook });
    // GET /api/me (H2) tells the role; until it is on the server, the page gets its answer here.
    const me = await fetch(`${s.url}/api/me`, { headers: { authorization: `Bearer ${tokens.leader}` } });
    if (me.status === 404)
      await page.route(`${s.url}/api/me`, (route) =>
        route.fulfill({
          status: 200,
          contentType: "application/json",
          headers: { "access-control-allow-origin": site.url },
          body: JSON.stringify({ id: "t1", name: "Lãnh đạo", role: "leader" }),
        }),
      );
    await connect(page, tokens.leader!);
    assert.match(await textOf(page, "#who"), /Lãnh đạo · lãnh đạo/);
    assert.equal(await page.textContent("#sync-button"), "Làm mới tổng hợp");
    // The workbook starts without a summary sheet, so the one found after is the one just written.
    await page.evaluate((name) => {
      const wb = (globalThis as unknown as PageGlobals).__fake.workbook;
      wb.sheets = wb.sheets.filter((sh) => sh.name !== name);
    }, SUMMARY_SHEET);
    await page.click("#sync-button");
    await page.waitForFunction(() => /Tổng hợp/.test(document.getElementById("result")?.textContent ?? ""));
    const after = await fake(page);
    assert.equal(after.sheets[0], SUMMARY_SHEET, "the summary sheet is written, first in the workbook");
    assert.match(after.content, /TỔNG HỢP/);
    await page.screenshot({ path: `${SHOTS}/taskpane-leader.png`, fullPage: true });
    await page.close();
  });

  it("the ribbon's Đồng bộ syncs without the pane, always completes, and leaves its result for the pane", async () => {
    const page = await openPane({ workbook }, "commands.html");
    await page.waitForFunction(() =>
      (globalThis as unknown as { __actions: Map<string, unknown> }).__actions.has("syncNow"),
    );
    // A string, not a function: tsx would wrap a function's inner names in a helper the page lacks.
    const press = () =>
      page.evaluate<string>(`new Promise((resolve) =>
        __actions.get("syncNow")({
          completed: () => resolve(localStorage.getItem("test-partition_cchc.lastCommand") ?? ""),
        }))`);
    assert.match(await press(), /Chưa kết nối/, "not connected yet: says where to connect");
    assert.equal((await fake(page)).writes, 0);

    await page.evaluate((c) => localStorage.setItem("test-partition_cchc.connection", JSON.stringify(c)), {
      server: s.url,
      token: tokens.coordinator!,
    });
    assert.match(await press(), /Xong: gửi \d+/);
    assert.ok((await fake(page)).writes > 0, "the workbook was synced");
    assert.deepEqual(problemsOf(page), []);
    await page.close();
  });

  it("a protected sheet: the sync stops before writing and says why in the user's language", async () => {
    const locked = workbook.map((sh) => (sh.name === PLAN ? { ...sh, protected: true } : sh));
    const page = await openPane({ workbook: locked });
    await connect(page, tokens.coordinator!);
    const before = await fake(page);
    await page.click("#sync-button");
    await page.waitForFunction(() => document.getElementById("result")?.classList.contains("error"));
    assert.match(await textOf(page, "#result"), /Kế hoạch CCHC 2021.*đang được bảo vệ/);
    const after = await fake(page);
    assert.deepEqual([after.sheets, after.content], [before.sheets, before.content], "nothing written");
    await page.close();
  });

  it("in an Excel without ExcelApi 1.13, the mapping view says how merged headers were read", async () => {
    const page = await openPane({ workbook, excelApi: "1.9" });
    await page.waitForSelector("#preview-mapping");
    await page.click("#preview-mapping");
    await page.waitForSelector("#mapping details[open]");
    assert.match(await textOf(page, "#no-merges"), /ExcelApi 1\.13.*ô trên cùng bên trái/);
    // Read without merges: the register's group "Trả kết quả" names only its first sub-column.
    assert.match(await textOf(page, "#mapping"), /Cột O “Trả kết quả” → ngày trả kết quả/);
    assert.deepEqual(problemsOf(page), []);
    await page.close();
  });

  it("speaks English when Office's display language is English", async () => {
    const page = await openPane({ workbook, displayLanguage: "en-US" });
    await page.waitForSelector("#connect-button");
    assert.equal(await page.textContent("#connect-button"), "Connect");
    assert.equal(await page.getAttribute("html", "lang"), "en");
    await page.close();
  });
});
