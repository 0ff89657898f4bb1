/**
 * What the browser tests open the task pane with: the pane built as `npm run build` builds it
 * (allowed to call the test's API), served over HTTP, the office.js stub that stands in for Office
 * (over the fake Excel), and headless Chromium.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { build } from "esbuild";
import { chromium, type Browser } from "playwright-core";
import { serveStatic } from "../../scripts/addin-server";
import type { FakeExcel } from "../addin/fake-excel/fake-excel";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Where the pane loads office.js from: routed to the stub (the CDN cannot be reached offline). */
export const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
/** What the stub leaves on the page's globals for the tests. */
export type PageGlobals = { __fake: FakeExcel; __hold: () => void; __resume: () => void };

export interface PaneSite {
  /** The origin serving the built pane. */
  url: string;
  browser: Browser;
  /** The office.js stub's bundle, to route OFFICE_JS to. */
  stub: string;
  /** Closes the browser and the site, and gives CORS_ORIGINS back its value. */
  close(): Promise<void>;
}

/** Builds the pane into `out` for `apiUrl`, serves it, lets its origin into the API and opens Chromium. */
export async function startPaneSite(apiUrl: string, out: string): Promise<PaneSite> {
  const built = spawnSync("npx", ["webpack", "--mode", "production"], {
    env: { ...process.env, API_ORIGINS: apiUrl, ADDIN_OUT: out },
    encoding: "utf8",
  });
  assert.equal(built.status, 0, built.stdout + built.stderr);
  const site = await serveStatic(out);
  const corsBefore = process.env.CORS_ORIGINS;
  process.env.CORS_ORIGINS = site.url; // the API lets the page's origin in
  const stub = (
    await build({
      entryPoints: ["test/addin/office-stub/office-stub.ts"],
      bundle: true,
      write: false,
      format: "iife",
      target: "es2020",
    })
  ).outputFiles[0]!.text;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  return {
    url: site.url,
    browser,
    stub,
    close: async () => {
      await browser.close();
      await site.close();
      if (corsBefore === undefined) delete process.env.CORS_ORIGINS;
      else process.env.CORS_ORIGINS = corsBefore;
    },
  };
}
