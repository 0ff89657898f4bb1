/**
 * T16 in the task pane (headless Chromium, the built pane over the fake Excel, the local API): a
 * plan sheet deleted in Excel after a sync. Its records were deleted on the server at the next
 * sync; now the pane lists them as held, and *Xóa N bản ghi trên máy chủ* runs the sync that
 * deletes exactly those.
 */
import { strict as assert } from "node:assert";
import { existsSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { CHROMIUM, OFFICE_JS, startPaneSite, type PageGlobals, type PaneSite } from "../helpers/pane-site";
import { call, startTestServer, type TestServer } from "../helpers/server";
import { tempDir } from "../helpers/tmp";

const textOf = async (page: Page, selector: string) => (await page.textContent(selector)) ?? "";

describe("the task pane holds the deletions of a deleted sheet until its button is pressed (headless Chromium)", function () {
  this.timeout(240_000);
  let s: TestServer;
  let site: PaneSite;
  let browser: Browser;
  let token: string;
  const tmp = tempDir("held-pane");

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      console.log(`    (skipped: no Chromium at ${CHROMIUM}; .ci/run installs it, or set CHROMIUM_PATH)`);
      this.skip();
    }
    s = await startTestServer();
    token = (await s.services.members.issue({ name: "Điều phối", role: "coordinator" })).token;
    site = await startPaneSite(s.url, tmp.file("addin"));
    browser = site.browser;
  });

  after(async () => {
    await site?.close();
    await s?.stop();
    tmp.remove();
  });

  const tasksOnServer = async () => {
    const r = await call(s.url, "GET", "/api/stats?year=2021&asOf=2021-03-31", token);
    return (r.json.tasks as { total: number }).total;
  };

  const syncAndWait = async (page: Page, button = "#sync-button") => {
    await page.evaluate(() => (document.getElementById("result")!.textContent = ""));
    await page.click(button);
    await page.waitForFunction(() => {
      const r = document.getElementById("result");
      return r?.textContent && !document.getElementById("sync-button")?.hasAttribute("aria-busy");
    });
  };

  it("lists the held records, gives rows back on Lấy lại N dòng, and deletes a deleted sheet's records on Xóa N bản ghi trên máy chủ", async () => {
    const page = await browser.newPage({ viewport: { width: 320, height: 600 }, locale: "vi-VN" });
    await page.clock.setFixedTime(new Date("2021-03-15T03:00:00Z")); // the template's year: 2021
    await page.route(OFFICE_JS, (route) =>
      route.fulfill({ status: 200, contentType: "text/javascript", body: site.stub }),
    );
    await page.addInitScript((c) => ((globalThis as Record<string, unknown>).__cchcStub = c), {
      workbook: [{ name: "Sheet1", rows: [[]] }],
      partitionKey: "held_",
    });
    await page.goto(`${site.url}/taskpane.html`);
    await page.waitForSelector("#connect-button");
    await page.fill("#server", s.url);
    await page.fill("#token", token);
    await page.click("#connect-button");
    await page.waitForFunction(() => !document.getElementById("account")?.hidden);
    await page.click("#template-button");
    await page.waitForFunction(() => document.getElementById("template-result")?.textContent);
    await page.evaluate(() => {
      const plan = (globalThis as unknown as PageGlobals).__fake.workbook.get("Kế hoạch CCHC 2021");
      for (let i = 0; i < 5; i++) {
        const row = [`Nhiệm vụ ${i + 1}`, "Văn phòng Sở", "", "Quý I", "Kế hoạch", "Chưa thực hiện"];
        row.forEach((v, c) => v && (plan.at(7 + i, c + 1).v = v));
      }
    });
    await syncAndWait(page);
    assert.match(await textOf(page, "#result"), /^Xong: gửi 5,/);
    assert.equal(await tasksOnServer(), 5);

    // Every task row deleted (select all + Delete rows): held; "Lấy lại 5 dòng" gives them back.
    await page.evaluate(() =>
      (globalThis as unknown as PageGlobals).__fake.workbook.get("Kế hoạch CCHC 2021").deleteRows(7, 5),
    );
    await syncAndWait(page);
    assert.match(await textOf(page, "#held-list"), /đã bị xóa hết dòng: 5 nhiệm vụ CHƯA bị xóa/);
    assert.equal(await textOf(page, "#restore-deletes"), "Lấy lại 5 dòng");
    await syncAndWait(page, "#restore-deletes");
    assert.equal(await textOf(page, "#held"), "", "nothing held");
    const contents = await page.evaluate(() => {
      const plan = (globalThis as unknown as PageGlobals).__fake.workbook.get("Kế hoạch CCHC 2021");
      return plan.grid().map((row) => String(row[1] ?? ""));
    });
    for (let i = 1; i <= 5; i++) assert.ok(contents.includes(`Nhiệm vụ ${i}`), `task ${i} is back`);
    assert.equal(await tasksOnServer(), 5);

    // The plan sheet deleted in Excel.
    await page.evaluate(() => {
      const wb = (globalThis as unknown as PageGlobals).__fake.workbook;
      wb.sheets.splice(
        wb.sheets.findIndex((sh) => sh.name === "Kế hoạch CCHC 2021"),
        1,
      );
    });
    await syncAndWait(page);
    assert.match(await textOf(page, "#result"), /5 bản ghi chưa bị xóa trên máy chủ, chờ xác nhận/);
    assert.match(await textOf(page, "#held-title"), /Xóa chờ xác nhận \(5\)/);
    assert.match(
      await textOf(page, "#held-list"),
      /Trang "Kế hoạch CCHC 2021" không còn trong sổ.*5 nhiệm vụ CHƯA bị xóa trên máy chủ/,
    );
    assert.match(await textOf(page, "#held"), /Hoàn tác trong Excel/);
    assert.equal(await textOf(page, "#confirm-deletes"), "Xóa 5 bản ghi trên máy chủ");
    assert.equal(await tasksOnServer(), 5, "nothing deleted without the yes");

    await syncAndWait(page, "#confirm-deletes");
    assert.match(await textOf(page, "#result"), /^Xong: gửi 5,/);
    assert.equal(await textOf(page, "#held"), "", "nothing held any more");
    assert.equal(await tasksOnServer(), 0, "deleted once confirmed");
    await page.close();
  });
});
