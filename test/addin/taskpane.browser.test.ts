import { strict as assert } from "node:assert";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import type { Browser, Page } from "playwright-core";
import { decodeStateCells, STATE_SHEET } from "../../core/sync/state-sheet";
import { CHROMIUM, OFFICE_JS, startPaneSite, type PageGlobals, type PaneSite } from "../helpers/pane-site";
import { startTestServer, type TestServer } from "../helpers/server";
import { cli, copy, open, writeDemo } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";
import { SUMMARY_SHEET } from "../../core/sync/summary-model";
import { fakeFromExceljs } from "./fake-excel/exceljs-bridge";
import { dateToSerial, type SheetSeed } from "./fake-excel/model";
import { seedsOf } from "./office-stub/seeds";

const PLAN = "Kế hoạch CCHC 2021";
const REGISTER = "Sổ theo dõi hồ sơ";
// 0-based columns of the demo plan: E deadline, F output, G status, H completed on, I notes.
const DEADLINE = 4;
const OUTPUT = 5;
const STATUS = 6;
const COMPLETED = 7;
const NOTES = 8;
/** The register's "Hẹn trả kết quả" (due on) column. */
const DUE_ON = 11;
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
  /** Column A of the state sheet, top-down (the sync state's cells); undefined without that sheet. */
  stateCells: string[] | undefined;
}

describe("the task pane in headless Chromium against the local API", function () {
  this.timeout(240_000);
  let s: TestServer;
  let site: PaneSite;
  let browser: Browser;
  let stub: string;
  let workbook: SheetSeed[];
  let out: string;
  /** The server's copy of the plan, synced by the command line. */
  let A: string;
  const tokens: Record<string, string> = {};
  const tmp = tempDir("taskpane-browser");

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      console.log(`    (skipped: no Chromium at ${CHROMIUM}; .ci/run installs it, or set CHROMIUM_PATH)`);
      this.skip();
    }
    s = await startTestServer();
    tokens.coordinator = (await s.services.members.issue({ name: "Điều phối", role: "coordinator" })).token;
    tokens.leader = (await s.services.members.issue({ name: "Lãnh đạo", role: "leader" })).token;
    tokens.minh = (await s.services.members.issue({ name: "Anh Minh", role: "coordinator" })).token;
    tokens.staff = (await s.services.members.issue({ name: "Cán bộ VP", role: "staff", unit: "VP" })).token;

    // Build the add-in as `npm run build` does, allowed to call this API.
    out = tmp.file("addin");
    site = await startPaneSite(s.url, out);
    ({ browser, stub } = site);

    // The server has the demo plan (synced by the command line); a colleague then edits a note.
    A = tmp.file("a.xlsx");
    const B = tmp.file("b.xlsx");
    await writeDemo(A);
    const sync = (file: string) => cliSync(file, tokens.coordinator!);
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

    mkdirSync(SHOTS, { recursive: true });
  });

  const cliSync = (file: string, token: string) =>
    cli(["sync", file, "--server", s.url, "--token", token, "--as-of", "2021-03-31"]);

  after(async () => {
    await site?.close();
    await s?.stop();
    tmp.remove();
  });

  /** A fresh page (320 px wide, like a narrow task pane) with office.js routed to the stub. */
  async function openPane(
    config: { workbook: SheetSeed[] | null; displayLanguage?: string; excelApi?: string; offline?: boolean },
    file = "taskpane.html",
    today?: string,
  ): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 320, height: 400 }, locale: "vi-VN" });
    // The demo plan is 2021's: the pane's "today" is set there (10:00 in Vietnam).
    if (today) await page.clock.setFixedTime(new Date(`${today}T03:00:00Z`));
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error" && /Content Security Policy/.test(m.text())) problems.push(m.text());
    });
    (page as Page & { problems?: string[] }).problems = problems;
    await page.route(OFFICE_JS, (route) =>
      config.offline
        ? route.abort("internetdisconnected")
        : route.fulfill({ status: 200, contentType: "text/javascript", body: stub }),
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
    page.evaluate((stateSheet) => {
      const f = (globalThis as unknown as PageGlobals).__fake;
      return {
        selection: f.workbook.selection,
        writes: f.batches.filter((b) => b.calcSuspended).length,
        sheets: f.workbook.sheets.map((sh) => sh.name),
        content: JSON.stringify(f.workbook.sheets.map((sh) => [sh.grid(), [...sh.notes]])),
        stateCells: f.workbook
          .sheet(stateSheet)
          ?.grid()
          .map((row) => String(row[0] ?? "")),
      } satisfies FakeView;
    }, STATE_SHEET);
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

  it("offline (office.js from Microsoft's CDN does not load) says so, not 'open it in Excel' (T13)", async () => {
    const page = await openPane({ workbook: null, offline: true });
    await page.waitForSelector("#outside");
    const text = await textOf(page, "#outside");
    assert.match(text, /Không tải được thư viện Office/);
    assert.match(text, /mất mạng/);
    assert.equal(await page.$("#connect"), null);
    await page.close();
  });

  it("connects, syncs with progress, lists the conflict and the errors; a click selects the cell; keep theirs resyncs", async () => {
    const page = await openPane({ workbook }, "taskpane.html", "2021-03-31");
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
    assert.equal(
      await conflict.locator("button.link").textContent(),
      "Kế hoạch CCHC 2021 ô I8 · ghi chú",
      "names the cell",
    );

    // Errors grouped by reason: the two unknown statuses share one group.
    const groups = page.locator("#problems .group");
    assert.equal(await groups.count(), 2);
    assert.match((await groups.nth(0).locator("h3").textContent()) ?? "", /Không hiểu tình trạng .*\(2\)/);
    await page.waitForSelector("#warnings-as-of"); // the warnings follow the sync
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

  /** The user clicks a cell in Excel: the fake model's active sheet and selection. */
  const selectCellInSheet = (page: Page, sheet: string, row: number, col: number) =>
    page.evaluate(([sh, r, c]) => (globalThis as unknown as PageGlobals).__fake.workbook.select(sh, r, c), [
      sheet,
      row,
      col,
    ] as const);

  it("lists the deadline warnings after a sync, overdue and due soon, and a click selects the row's deadline", async () => {
    const page = await openPane({ workbook }, "taskpane.html", "2021-06-25");
    await connect(page, tokens.coordinator!);
    await page.click("#sync-button");
    await page.waitForSelector("#warnings-as-of");
    assert.match(
      await textOf(page, "#warnings-as-of"),
      /Ngày 25\/06\/2021: nhiệm vụ đến hạn trong 7 ngày, hồ sơ trong 2 ngày làm việc/,
    );
    const overdue = page.locator("#warnings .group.overdue");
    const soon = page.locator("#warnings .group.due-soon");
    assert.match((await overdue.locator("h3").textContent()) ?? "", /^Quá hạn \(9\)$/);
    assert.match((await soon.locator("h3").textContent()) ?? "", /^Sắp đến hạn \(8\)$/);
    // Each item: what, unit, due date and days late or left, in the user's words.
    const late = overdue.locator("li.warning").first();
    assert.equal(await late.locator("button.link").textContent(), "Hồ sơ: 000.25.40.H40-210324-0900");
    assert.match((await late.locator("p").textContent()) ?? "", /· hạn 31\/03\/2021 · trễ 59 ngày làm việc$/);
    const task = soon.locator("li.warning.task", { hasText: "Theo dõi thi hành pháp luật" });
    assert.match((await task.locator("p").textContent()) ?? "", /· hạn 30\/06\/2021 · còn 5 ngày$/);
    // The server names records by id; the pane finds their rows by the hidden id column.
    await late.locator("button.link").click();
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__fake.workbook.selection);
    assert.deepEqual((await fake(page)).selection, { sheet: REGISTER, row: 336, col: DUE_ON });
    await task.locator("button.link").click();
    await page.waitForFunction(
      () => (globalThis as unknown as PageGlobals).__fake.workbook.selection?.sheet !== "Sổ theo dõi hồ sơ",
    );
    assert.deepEqual((await fake(page)).selection, { sheet: PLAN, row: 16, col: DEADLINE });
    await page.locator("#warnings").screenshot({ path: `${SHOTS}/taskpane-warnings.png` });
    assert.deepEqual(problemsOf(page), []);
    await page.close();
  });

  it("staff are warned only of what the server lets them read (their unit's dossiers)", async () => {
    const page = await openPane({ workbook }, "taskpane.html", "2021-06-25");
    await connect(page, tokens.staff!);
    await page.click("#warnings-load");
    await page.waitForSelector("#warnings-as-of");
    const items = await page.locator("#warnings li.warning.dossier p").allTextContents();
    assert.ok(items.length > 0 && items.length < 9, items.join(" | "));
    assert.ok(
      items.every((x) => x.startsWith("Văn phòng Sở") || x.startsWith("VP")),
      items.join(" | "),
    );
    assert.equal(await page.locator("#warnings li.warning.task").count(), 8, "the plan's tasks are public");
    await page.close();
  });

  it("shows the history of the selected row, changed twice by two members; staff are told they may not read it", async () => {
    // Minh changes the output of row 8, whose note the first member changed before.
    const wa = await open(A);
    wa.getWorksheet(PLAN)!.getCell(8, OUTPUT + 1).value = "Kế hoạch số 12/KH-SLĐTBXH";
    await wa.xlsx.writeFile(A);
    assert.equal((await cliSync(A, tokens.minh!)).code, 0);

    const page = await openPane({ workbook });
    await connect(page, tokens.coordinator!);
    await selectCellInSheet(page, PLAN, 7, 2); // the user clicks a cell of row 8
    await page.click("#history-button");
    await page.waitForSelector("#history li.entry");
    assert.match(await textOf(page, "#history h3"), /^Kế hoạch CCHC 2021 dòng 8: Ban hành Kế hoạch/);
    const entries = await page.locator("#history li.entry p.who").allTextContents();
    assert.equal(entries.length, 3, entries.join(" | "));
    assert.match(entries[0]!, /^Lần 1 · \d\d\/\d\d\/\d{4} \d\d:\d\d \(giờ Việt Nam\) · Điều phối$/);
    assert.match(entries[1]!, /^Lần 2 · .* · Điều phối$/);
    assert.match(entries[2]!, /^Lần 3 · .* · Anh Minh$/);
    const changes = await page.locator("#history li.entry").nth(2).locator("li.change").allTextContents();
    assert.deepEqual(changes, ["sản phẩm: Kế hoạch → Kế hoạch số 12/KH-SLĐTBXH"]);
    assert.ok(
      (await page.locator("#history li.entry").nth(1).locator("li.change").allTextContents()).includes(
        "ghi chú: — → Ghi chú trên máy chủ",
      ),
    );
    await page.locator("#history").screenshot({ path: `${SHOTS}/taskpane-history.png` });
    // A cell that is not on a record row says so.
    await selectCellInSheet(page, PLAN, 1, 1);
    await page.click("#history-button");
    await page.waitForFunction(() =>
      /không thuộc dòng/.test(document.getElementById("history-body")?.textContent ?? ""),
    );
    // A row left out for an error (row 10's unknown status) says why.
    await selectCellInSheet(page, PLAN, 9, 2);
    await page.click("#history-button");
    await page.waitForFunction(() =>
      /dòng 10 có lỗi nên chưa được đọc: Không hiểu tình trạng "xyz"/.test(
        document.getElementById("history-body")?.textContent ?? "",
      ),
    );
    await page.close();

    const staff = await openPane({ workbook });
    await connect(staff, tokens.staff!);
    await selectCellInSheet(staff, PLAN, 7, 2);
    await staff.click("#history-button");
    await staff.waitForSelector("#history-refused");
    assert.match(await textOf(staff, "#history-refused"), /không được xem lịch sử thay đổi/);
    await staff.close();
  });

  it("corrects a column from its dropdown: shows what changes, and the next sync reads it so and saves it", async () => {
    const page = await openPane({ workbook });
    await connect(page, tokens.coordinator!);
    await page.click("#preview-mapping");
    await page.waitForSelector("#mapping select.column-choice");
    const completed = page.locator(`select.column-choice[data-sheet="${PLAN}"][data-column="H"]`);
    assert.equal(await completed.inputValue(), "auto");
    const options = await completed.locator("option").allTextContents();
    assert.ok(
      options.includes("tình trạng") && options.includes("không đọc") && !options.includes("mã hồ sơ"),
    );
    // "Ngày hoàn thành" is not the completion date in this workbook (the user says so).
    await completed.selectOption("none");
    await page.click("#mapping-save");
    await page.waitForSelector("#mapping-change-list");
    const lines = await page.locator("#mapping-change-list li").allTextContents();
    assert.ok(
      lines.includes("Kế hoạch CCHC 2021 dòng 8 · ngày hoàn thành: 15/01/2021 → —"),
      lines.join(" | "),
    );
    assert.equal((await fake(page)).writes, 0, "nothing saved before the user agrees");
    const completedBefore = await cellOf(page, 7, COMPLETED);
    assert.equal(completedBefore, dateToSerial(new Date(Date.UTC(2021, 0, 15))), "a date: its serial number");
    await page.locator("#mapping").screenshot({ path: `${SHOTS}/taskpane-mapping.png` });

    await page.click("#mapping-confirm");
    await page.waitForSelector("#mapping-message");
    assert.match(await textOf(page, "#result"), /^Xong: gửi \d+/);
    const state = JSON.parse(decodeStateCells((await fake(page)).stateCells ?? [])) as {
      mappingOverrides: unknown;
      records: Record<string, { base: { content?: string; completedOn?: string } }>;
    };
    assert.deepEqual(state.mappingOverrides, { sheets: { [PLAN]: { columns: { H: "none" } } } });
    // Row 9 (row 8 has the open conflict on its note, so its base waits for the user's answer).
    const row9 = Object.values(state.records).find((r) =>
      r.base.content?.startsWith("Ban hành Kế hoạch kiểm tra"),
    );
    assert.ok(row9, "row 9 is synced");
    assert.equal(row9.base.completedOn, undefined, JSON.stringify(row9.base));
    // The report marks the column as set by hand; the dropdown shows the choice.
    assert.match(await textOf(page, `#mapping li.by-hand`), /Cột H “Ngày hoàn thành” → bỏ qua \(sửa tay\)/);
    assert.equal(await completed.inputValue(), "none");
    assert.equal(await cellOf(page, 7, COMPLETED), completedBefore, "the cell itself is left alone");
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
    // Read without merges, the register's two header rows are still told by the id column's header
    // in the second: "Trả kết quả / Ngày, tháng, năm" is the result date.
    assert.match(
      await textOf(page, "#mapping"),
      /Cột O “Trả kết quả \/ Ngày, tháng, năm” → ngày trả kết quả/,
    );
    assert.deepEqual(problemsOf(page), []);
    await page.close();
  });

  it("speaks English when Office's display language is English, warnings included", async () => {
    const page = await openPane({ workbook, displayLanguage: "en-US" }, "taskpane.html", "2021-06-25");
    await page.waitForSelector("#connect-button");
    assert.equal(await page.textContent("#connect-button"), "Connect");
    assert.equal(await page.getAttribute("html", "lang"), "en");
    await connect(page, tokens.coordinator!);
    await page.click("#warnings-load");
    await page.waitForSelector("#warnings-as-of");
    assert.match(await textOf(page, "#warnings .group.overdue h3"), /^Overdue \(\d+\)$/);
    assert.match(await textOf(page, "#warnings .group.due-soon h3"), /^Due soon \(\d+\)$/);
    assert.match(
      await textOf(page, "#warnings li.warning.dossier p"),
      /· due 31\/03\/2021 · 59 working days late$/,
    );
    assert.match(await textOf(page, "#warnings li.warning.task p"), /· due 30\/06\/2021 · 5 days left$/);
    await page.close();
  });

  it("“Tạo sổ mẫu” adds the template's sheets without a connection; a second click refuses and changes nothing", async () => {
    const page = await openPane(
      { workbook: [{ name: "Sheet1", rows: [["Của tôi"]] }] },
      "taskpane.html",
      "2021-03-15",
    );
    await page.waitForSelector("#template-button");
    assert.equal(await page.inputValue("#template-year"), "2021", "this year in Vietnam");
    await page.click("#template-button");
    await page.waitForFunction(() => document.getElementById("template-result")?.textContent);
    assert.equal(
      await textOf(page, "#template-result"),
      "Đã thêm các trang: “Kế hoạch CCHC 2021”, “Sổ theo dõi hồ sơ”, “Danh mục”.",
    );
    const added = await fake(page);
    assert.deepEqual(added.sheets, ["Sheet1", PLAN, REGISTER, "Danh mục"]);
    assert.ok(added.content.includes('"(1)","(2)"'), "the column numbers stay text");

    await page.evaluate(() => (document.getElementById("template-result")!.textContent = ""));
    await page.click("#template-button");
    await page.waitForFunction(() => document.getElementById("template-result")?.textContent);
    assert.match(
      await textOf(page, "#template-result"),
      /^Không tạo được sổ mẫu: Sổ tính đã có trang "Kế hoạch CCHC 2021", "Sổ theo dõi hồ sơ", "Danh mục".*chưa bị thay đổi/,
    );
    assert.equal(await page.getAttribute("#template-result", "class"), "error");
    const again = await fake(page);
    assert.deepEqual([again.sheets, again.content], [added.sheets, added.content], "nothing changed");
    await page.screenshot({ path: `${SHOTS}/taskpane-template.png`, fullPage: true });
    assert.deepEqual(problemsOf(page), []);
    await page.close();
  });
});
