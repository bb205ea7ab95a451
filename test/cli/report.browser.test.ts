/**
 * The HTML report in a real browser: Debian's Chromium driven by playwright-core (no browser
 * download). Skipped, with a message saying why, only when /usr/bin/chromium is missing;
 * `.ci/run` installs it.
 *
 * LEADROUTE_SCREENSHOT=1 also refreshes docs/report.png from the demo report.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, hostileReport } from "./helpers";

const CHROMIUM = "/usr/bin/chromium";
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const title = HAVE_CHROMIUM
  ? "HTML report in Chromium"
  : `HTML report in Chromium — SKIPPED: ${CHROMIUM} not found (apt-get install chromium)`;

interface Watched {
  page: Page;
  consoleErrors: string[];
  pageErrors: string[];
  failed: string[];
  requests: string[];
}

if (!HAVE_CHROMIUM) console.warn(title);

describe.skipIf(!HAVE_CHROMIUM)(title, () => {
  let browser: Browser;
  let dir: string;
  let demoFile: string;
  let report: {
    perRep: { targetShare: number | null; assigned: number }[];
    perRule: unknown[];
    timeline: unknown[];
  };

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    dir = mkdtempSync(join(tmpdir(), "leadroute-report-"));
    const run = cli(["demo", "--report", "demo.html", "--json"]);
    expect(run.code).toBe(0);
    report = JSON.parse(run.stdout);
    demoFile = join(dir, "demo.html");
    writeFileSync(demoFile, run.written.get("demo.html") ?? "");
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(file: string, width = 1200): Promise<Watched> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const w: Watched = { page, consoleErrors: [], pageErrors: [], failed: [], requests: [] };
    page.on("console", (m) => {
      if (m.type() === "error") w.consoleErrors.push(m.text());
    });
    page.on("pageerror", (e) => w.pageErrors.push(e.message));
    page.on("requestfailed", (r) => w.failed.push(r.url()));
    page.on("request", (r) => w.requests.push(r.url()));
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    return w;
  }

  it("opens without console errors, failed requests or any request but the page", async () => {
    const w = await open(demoFile);
    expect(w.consoleErrors).toEqual([]);
    expect(w.pageErrors).toEqual([]);
    expect(w.failed).toEqual([]);
    expect(w.requests).toEqual([pathToFileURL(demoFile).href]);
    expect(await w.page.title()).toBe("leadroute simulation · demo-cn@2026-11-27.1");
    await w.page.close();
  });

  it("shows the four charts with one bar per rep, outcome, rule and day", async () => {
    const w = await open(demoFile);
    const bars = (chart: string) => w.page.locator(`svg[data-chart="${chart}"] [data-bar]`);
    expect(await w.page.locator("svg[data-chart]").count()).toBe(4);
    expect(await bars("reps").count()).toBe(report.perRep.length);
    expect(await bars("outcomes").count()).toBe(5);
    expect(await bars("rules").count()).toBe(report.perRule.length);
    expect(await bars("timeline").count()).toBe(report.timeline.length);
    // Target markers for reps with a target; every chart is laid out and visible.
    expect(await w.page.locator('svg[data-chart="reps"] [data-target]').count()).toBe(
      report.perRep.filter((r) => r.targetShare !== null).length,
    );
    for (const chart of ["reps", "outcomes", "rules", "timeline"]) {
      const box = await w.page.locator(`svg[data-chart="${chart}"]`).boundingBox();
      expect(box?.width, chart).toBeGreaterThan(600);
      expect(box?.height, chart).toBeGreaterThan(100);
    }
    // A rep with more customers has a longer bar.
    const widths = await w.page.locator('svg[data-chart="reps"] [data-bar]').evaluateAll((gs) =>
      gs.map((g) => {
        const rect = g.querySelector("rect");
        return rect ? rect.getBoundingClientRect().width : 0;
      }),
    );
    const assigned = report.perRep.map((r) => r.assigned);
    const most = assigned.indexOf(Math.max(...assigned));
    const least = assigned.indexOf(Math.min(...assigned.filter((a) => a > 0)));
    expect(widths[most]).toBeGreaterThan(widths[least] ?? 0);
    await w.page.close();
  });

  it("expands a queued customer's explanation", async () => {
    const w = await open(demoFile);
    const first = w.page.locator("#queued details").first();
    await first.locator("summary").click();
    await expect.poll(() => first.locator("pre").isVisible()).toBe(true);
    expect(await first.locator("pre").textContent()).toMatch(/^Customer c-\d+ → queued in /);
    await w.page.close();
  });

  it("renders hostile input as text: no script runs, nothing is loaded", async () => {
    const file = join(dir, "hostile.html");
    writeFileSync(file, hostileReport());
    const w = await open(file);
    expect(w.consoleErrors).toEqual([]);
    expect(w.pageErrors).toEqual([]);
    expect(w.requests).toEqual([pathToFileURL(file).href]);
    expect(await w.page.locator("script, img, iframe").count()).toBe(0);
    expect(await w.page.locator("h1").textContent()).toContain("<script>alert('id')</script>");
    await w.page.close();
  });

  it("keeps docs/report.png current when asked (LEADROUTE_SCREENSHOT=1)", async () => {
    if (process.env.LEADROUTE_SCREENSHOT !== "1") return;
    const w = await open(demoFile, 1100);
    await w.page.screenshot({
      path: new URL("../../docs/report.png", import.meta.url).pathname,
      fullPage: true,
      clip: { x: 0, y: 0, width: 1100, height: 1560 },
    });
    await w.page.close();
  });
});
