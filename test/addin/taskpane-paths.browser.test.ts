/**
 * A staff member's paths through the task pane (headless Chromium, the built pane, the fake Excel,
 * the local API): a first open in a blank workbook, the server address as `npm start` prints it,
 * tokens of the wrong kind, the server going away mid-sync, double clicks and a pane reloaded
 * mid-sync. Each test is named for what the user sees.
 */
import { strict as assert } from "node:assert";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { CHROMIUM, OFFICE_JS, startPaneSite, type PageGlobals, type PaneSite } from "../helpers/pane-site";
import { call, startTestServer, type TestServer } from "../helpers/server";
import { tempDir } from "../helpers/tmp";
import type { SheetSeed } from "./fake-excel/model";

const BLANK: SheetSeed[] = [{ name: "Sheet1", rows: [[]] }];

const textOf = async (page: Page, selector: string) => (await page.textContent(selector)) ?? "";

describe("a staff member's paths through the task pane (headless Chromium)", function () {
  this.timeout(240_000);
  let s: TestServer;
  let site: PaneSite;
  let browser: Browser;
  let stub: string;
  const tokens: Record<string, string> = {};
  const tmp = tempDir("taskpane-paths");

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      console.log(`    (skipped: no Chromium at ${CHROMIUM}; .ci/run installs it, or set CHROMIUM_PATH)`);
      this.skip();
    }
    s = await startTestServer();
    tokens.coordinator = (await s.services.members.issue({ name: "Điều phối", role: "coordinator" })).token;
    tokens.admin = (await s.services.members.issue({ name: "Quản trị", role: "admin" })).token;
    site = await startPaneSite(s.url, tmp.file("addin"));
    ({ browser, stub } = site);
  });

  after(async () => {
    await site?.close();
    await s?.stop();
    tmp.remove();
  });

  /** A fresh page with office.js routed to the stub over the given workbook. */
  async function openPane(
    workbook: SheetSeed[],
    displayLanguage?: string,
    file = "taskpane.html",
  ): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 320, height: 400 }, locale: "vi-VN" });
    await page.clock.setFixedTime(new Date("2021-03-15T03:00:00Z"));
    await page.route(OFFICE_JS, (route) =>
      route.fulfill({ status: 200, contentType: "text/javascript", body: stub }),
    );
    await page.addInitScript((c) => ((globalThis as Record<string, unknown>).__cchcStub = c), {
      workbook,
      displayLanguage,
      partitionKey: "paths_",
    });
    await page.goto(`${site.url}/${file}`);
    if (file === "taskpane.html") await page.waitForSelector("#connect-button");
    return page;
  }

  async function fillConnect(page: Page, server: string, token: string): Promise<void> {
    await page.fill("#server", server);
    await page.fill("#token", token);
    await page.click("#connect-button");
    await page.waitForFunction(
      () =>
        !document.getElementById("account")?.hidden || document.getElementById("connect-error")?.textContent,
    );
  }

  const waitResult = (page: Page) =>
    page.waitForFunction(() => {
      const r = document.getElementById("result");
      return r?.textContent && !document.getElementById("sync-button")?.hasAttribute("aria-busy");
    });

  /** "Tạo sổ mẫu" in the page's blank workbook, and one task typed into the plan (row 8). */
  async function templateWithTask(page: Page): Promise<void> {
    await page.click("#template-button");
    await page.waitForFunction(() => document.getElementById("template-result")?.textContent);
    await page.evaluate(() => {
      const plan = (globalThis as unknown as PageGlobals).__fake.workbook.get("Kế hoạch CCHC 2021");
      const row = ["Ban hành kế hoạch CCHC", "Văn phòng Sở", "", "Quý I", "Kế hoạch", "Chưa thực hiện"];
      row.forEach((v, c) => v && (plan.at(7, c + 1).v = v));
    });
  }
  const workbookOf = (page: Page) =>
    page.evaluate(() =>
      JSON.stringify(
        (globalThis as unknown as PageGlobals).__fake.workbook.sheets.map((sh) => [sh.name, sh.grid()]),
      ),
    );
  const sheetsOf = (page: Page) =>
    page.evaluate(() => (globalThis as unknown as PageGlobals).__fake.workbook.sheets.map((sh) => sh.name));

  it("the API address as `npm start` prints it (…/api, a trailing slash, spaces) connects and shows who signed in", async () => {
    const page = await openPane(BLANK);
    await fillConnect(page, `  ${s.url}/api/ `, tokens.coordinator!);
    assert.equal(await textOf(page, "#connect-error"), "");
    assert.match(await textOf(page, "#who"), /Điều phối · điều phối/, "the role is known: /api/me answered");
    const saved = await page.evaluate(() => localStorage.getItem("paths_cchc.connection") ?? "");
    assert.equal((JSON.parse(saved) as { server: string }).server, s.url, "kept without /api");
    await templateWithTask(page);
    await page.click("#sync-button");
    await waitResult(page);
    assert.match(await textOf(page, "#result"), /^Xong: gửi 1,/);
    await page.close();
  });

  it("an address this build may not call (https for the local http server) names the addresses it may call", async () => {
    const page = await openPane(BLANK, "en-US");
    await fillConnect(page, s.url.replace("http:", "https:"), tokens.coordinator!);
    assert.match(await textOf(page, "#connect-error"), new RegExp(`Allowed addresses: ${s.url}\\.$`));
    await page.close();
  });

  it("the first token `npm start` prints (an admin's): the pane says so and offers only the summary; no row is refused", async () => {
    const page = await openPane(BLANK);
    await templateWithTask(page);
    await fillConnect(page, s.url, tokens.admin!);
    assert.match(await textOf(page, "#admin-token"), /mã quản trị.*mã cán bộ hoặc điều phối/);
    assert.equal(await textOf(page, "#sync-button"), "Làm mới tổng hợp");
    await page.click("#sync-button");
    await waitResult(page);
    assert.equal(
      await textOf(page, "#result"),
      "Đã làm mới trang Tổng hợp.",
      "the plan year comes from the title",
    );
    assert.equal(await textOf(page, "#problems"), "", "nothing refused");
    assert.equal((await sheetsOf(page))[0], "Tổng hợp");
    await page.close();
  });

  it("pressing “Đồng bộ” twice: the second click says a sync is running, and that note goes when it ends", async () => {
    const page = await openPane(BLANK);
    await templateWithTask(page);
    await fillConnect(page, s.url, tokens.coordinator!);
    await page.evaluate(() => (globalThis as unknown as PageGlobals).__hold());
    await page.click("#sync-button");
    await page.click("#sync-button");
    assert.match(await textOf(page, "#busy"), /đang chạy/);
    await page.evaluate(() => (globalThis as unknown as PageGlobals).__resume());
    await waitResult(page);
    assert.match(await textOf(page, "#result"), /^Xong/);
    assert.equal(await textOf(page, "#busy"), "", "no sync runs any more");
    await page.close();
  });

  it("a pane reloaded mid-sync syncs again at once (not “a sync is running” for 10 minutes)", async () => {
    const page = await openPane(BLANK);
    await fillConnect(page, s.url, tokens.coordinator!);
    await page.evaluate(() => (globalThis as unknown as PageGlobals).__hold());
    await page.click("#sync-button");
    await page.waitForFunction(() => document.getElementById("sync-button")?.hasAttribute("aria-busy"));
    await page.reload();
    await page.waitForSelector("#who");
    await templateWithTask(page);
    await page.click("#sync-button");
    await waitResult(page);
    assert.equal(await textOf(page, "#busy"), "");
    assert.match(await textOf(page, "#result"), /^Xong: gửi 1,/);
    await page.close();
  });

  it("a token revoked since the pane was last open: the pane asks for a new token instead of showing the user signed in", async () => {
    const member = await s.services.members.issue({ name: "Sẽ thu hồi", role: "coordinator" });
    const page = await openPane(BLANK);
    await fillConnect(page, s.url, member.token);
    assert.match(await textOf(page, "#who"), /Sẽ thu hồi/);
    assert.ok(await s.services.members.revoke(member.token.slice(5, member.token.indexOf("."))));
    await page.reload();
    await page.waitForFunction(() => document.getElementById("connect-error")?.textContent);
    assert.match(await textOf(page, "#connect-error"), /đã bị thu hồi: nhập mã mới/);
    assert.ok(await page.isVisible("#token"));
    assert.equal(await page.inputValue("#server"), s.url, "the address stays");
    await page.close();
  });

  it("a token revoked mid-session: the sync says so and asks for a new one", async () => {
    const member = await s.services.members.issue({ name: "Thu hồi giữa chừng", role: "coordinator" });
    const page = await openPane(BLANK, "en-US");
    await templateWithTask(page);
    await fillConnect(page, s.url, member.token);
    assert.ok(await s.services.members.revoke(member.token.slice(5, member.token.indexOf("."))));
    await page.click("#sync-button");
    await page.waitForFunction(() => document.getElementById("connect-error")?.textContent);
    assert.match(await textOf(page, "#connect-error"), /was revoked: enter a new one/);
    assert.ok(await page.isVisible("#token"));
    await page.close();
  });

  it("a blank workbook synced: the pane says to create the template, not to pass --year", async () => {
    const page = await openPane(BLANK);
    await fillConnect(page, s.url, tokens.coordinator!);
    await page.click("#sync-button");
    await waitResult(page);
    const said = await textOf(page, "#result");
    assert.match(said, /Tạo sổ mẫu/);
    assert.doesNotMatch(said, /--year/);
    await page.close();
  });

  it("the server gone mid-sync: the pane says it cannot reach it and the workbook is unchanged; the next sync sends the edit", async () => {
    const page = await openPane(BLANK);
    await templateWithTask(page);
    await fillConnect(page, s.url, tokens.coordinator!);
    await page.click("#sync-button");
    await waitResult(page);
    assert.match(await textOf(page, "#result"), /^Xong: gửi 1,/);
    await page.evaluate(() => {
      (globalThis as unknown as PageGlobals).__fake.workbook.get("Kế hoạch CCHC 2021").at(7, 8).v =
        "Sửa khi mất mạng";
    });
    const before = await workbookOf(page);
    await page.route(`${s.url}/api/sync`, (route) => route.abort("internetdisconnected"));
    await page.click("#sync-button");
    await waitResult(page);
    assert.match(await textOf(page, "#result"), /Không kết nối được máy chủ .*sổ tính chưa bị thay đổi/);
    assert.ok((await workbookOf(page)) === before, "nothing written");
    await page.unroute(`${s.url}/api/sync`);
    await page.click("#sync-button");
    await waitResult(page);
    assert.match(await textOf(page, "#result"), /^Xong: gửi 1,/);
    await page.close();
  });

  it("text typed into Tổng hợp: the next sync's notice in the pane names the cell and quotes the text", async () => {
    const page = await openPane(BLANK);
    await templateWithTask(page);
    await fillConnect(page, s.url, tokens.coordinator!);
    await page.click("#sync-button");
    await waitResult(page);
    assert.equal(await textOf(page, "#notices"), "", "nothing to say after a first sync");
    await page.evaluate(() => {
      (globalThis as unknown as PageGlobals).__fake.workbook.get("Tổng hợp").at(59, 1).v =
        "Đã báo cáo <b>UBND</b>";
    });
    await page.click("#sync-button");
    await waitResult(page);
    assert.match(
      await textOf(page, "#notices li"),
      /nhập tay đã bị thay ở B60 \("Đã báo cáo <b>UBND<\/b>"\)/,
    );
    await page.close();
  });

  it("the ribbon's Đồng bộ with an admin token refreshes the summary only (no row refused); with a revoked token it asks for a new one", async () => {
    const pane = await openPane(BLANK);
    await templateWithTask(pane);
    await fillConnect(pane, s.url, tokens.admin!);
    const connection = await pane.evaluate(() => localStorage.getItem("paths_cchc.connection") ?? "");
    const seeds = await pane.evaluate(() =>
      (globalThis as unknown as PageGlobals).__fake.workbook.sheets.map((sh) => ({
        name: sh.name,
        rows: sh.grid(),
      })),
    );
    await pane.close();
    const page = await openPane(seeds as SheetSeed[], undefined, "commands.html");
    await page.evaluate((c) => localStorage.setItem("paths_cchc.connection", c), connection);
    await page.waitForFunction(() =>
      (globalThis as unknown as { __actions: Map<string, unknown> }).__actions.has("syncNow"),
    );
    const press = () =>
      page.evaluate<string>(`new Promise((resolve) =>
        __actions.get("syncNow")({
          completed: () => resolve(localStorage.getItem("paths_cchc.lastCommand") ?? ""),
        }))`);
    const line = JSON.parse(await press()) as { line: string };
    assert.equal(line.line, "Đã làm mới trang Tổng hợp.");
    const member = await s.services.members.issue({ name: "Ruy băng", role: "coordinator" });
    await page.evaluate(
      ([server, token]) => localStorage.setItem("paths_cchc.connection", JSON.stringify({ server, token })),
      [s.url, member.token] as const,
    );
    assert.ok(await s.services.members.revoke(member.token.slice(5, member.token.indexOf("."))));
    const refused = JSON.parse(await press()) as { line: string };
    assert.match(refused.line, /đã bị thu hồi: nhập mã mới/);
    await page.close();
  });

  it("the ribbon's Đồng bộ in a blank workbook leaves the pane the advice to create the template, not --year", async () => {
    const page = await openPane(BLANK, undefined, "commands.html");
    await page.evaluate(
      ([server, token]) => localStorage.setItem("paths_cchc.connection", JSON.stringify({ server, token })),
      [s.url, tokens.coordinator!] as const,
    );
    await page.waitForFunction(() =>
      (globalThis as unknown as { __actions: Map<string, unknown> }).__actions.has("syncNow"),
    );
    const saved = await page.evaluate<string>(`new Promise((resolve) =>
      __actions.get("syncNow")({
        completed: () => resolve(localStorage.getItem("paths_cchc.lastCommand") ?? ""),
      }))`);
    const { line } = JSON.parse(saved) as { line: string };
    assert.match(line, /Tạo sổ mẫu/);
    assert.doesNotMatch(line, /--year/);
    await page.close();
  });
  it("HTML in a member's name, a unit and a record's texts shows as text: no element is made, no script runs", async () => {
    const html = (where: string) => `<img src=x onerror=__xss="${where}"><script>__xss="${where}"</script>`;
    const member = await s.services.members.issue({ name: html("name"), role: "coordinator" });
    const unit = `<b>${html("unit")}</b>`;
    const pushed = await call(s.url, "POST", "/api/sync", member.token, {
      year: 2021,
      operationId: `op-${randomUUID()}`,
      cursor: {},
      push: [
        {
          kind: "task",
          id: `xss-${randomUUID()}`,
          unit,
          baseVersion: null,
          data: {
            content: html("content"),
            leadUnit: unit,
            status: "not-started",
            notes: html("notes"),
            deadline: { text: "01/03/2021", due: "2021-03-01", recurring: false },
          },
        },
      ],
    });
    assert.equal(pushed.status, 200, JSON.stringify(pushed.json));
    const page = await openPane(BLANK);
    await page.click("#template-button");
    await page.waitForFunction(() => document.getElementById("template-result")?.textContent);
    await fillConnect(page, s.url, member.token);
    assert.ok((await textOf(page, "#who")).includes(html("name")), "the name is shown as written");
    await page.click("#sync-button");
    await waitResult(page);
    await page.waitForSelector("#warnings-as-of");
    const warnings = await textOf(page, "#warnings");
    assert.ok(warnings.includes(html("content")), warnings);
    assert.ok(warnings.includes(unit), "the unit as written");
    const made = await page.evaluate(() => document.querySelectorAll("#app img, #app script, #app b").length);
    assert.equal(made, 0, "no element made from server text");
    assert.equal(await page.evaluate(() => (globalThis as Record<string, unknown>).__xss), undefined);
    await page.close();
  });
});
