import { describe, expect, it } from "vitest";
import { escapeHtml } from "../../src/cli/report/escape";
import { niceStep } from "../../src/cli/report/svg";
import { cli, hostileReport } from "./helpers";

describe("escapeHtml", () => {
  it("escapes the five HTML-special characters", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;",
    );
  });
});

describe("HTML report", () => {
  it("escapes every string from the inputs", () => {
    const html = hostileReport();
    expect(html).not.toMatch(/<script|<img|<svg onload|r<b>1|rule<i>|<\/td><script/i);
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;&quot;");
    expect(html).toContain("rule&lt;i&gt;");
    expect(html).toContain("q&lt;svg onload=alert(1)&gt;");
  });

  it("is self-contained: no script, no external reference, a CSP that forbids loads", () => {
    const { code, written } = cli(["demo", "--report", "r.html"]);
    expect(code).toBe(0);
    const html = written.get("r.html") ?? "";
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|\bhref=|url\(|@import/i);
    // The only URL is the SVG namespace, which is an identifier, not a request.
    expect(html.match(/https?:\/\/[^"\s)]+/g) ?? []).toEqual(
      expect.arrayContaining(["http://www.w3.org/2000/svg"]),
    );
    expect(new Set(html.match(/https?:\/\/[^"\s)]+/g))).toEqual(
      new Set(["http://www.w3.org/2000/svg"]),
    );
  });

  it("draws one bar per rep, outcome, rule and day", () => {
    const { written, stdout } = cli(["demo", "--report", "r.html", "--json"]);
    const report = JSON.parse(stdout);
    const html = written.get("r.html") ?? "";
    const count = (chart: string) => {
      const svg =
        html.match(new RegExp(`<svg[^>]*data-chart="${chart}"[\\s\\S]*?</svg>`))?.[0] ?? "";
      return (svg.match(/data-bar=""/g) ?? []).length;
    };
    expect(count("reps")).toBe(report.perRep.length);
    expect(count("outcomes")).toBe(5);
    expect(count("rules")).toBe(report.perRule.length);
    expect(count("timeline")).toBe(report.timeline.length);
    expect(report.timeline.length).toBe(14);
  });

  it("is deterministic", () => {
    const a = cli(["demo", "--report", "r.html"]).written.get("r.html");
    const b = cli(["demo", "--report", "r.html"]).written.get("r.html");
    expect(a).toBe(b);
  });

  it("lists queued customers with their explanation in the chosen language", () => {
    const html = cli(["demo", "--report", "r.html", "--lang", "zh-CN"]).written.get("r.html") ?? "";
    expect(html).toMatch(/<pre>客户 c-\d+ → 进入队列/);
  });
});

describe("niceStep", () => {
  it("gives 1, 2 or 5 times a power of ten", () => {
    expect(niceStep(100)).toBe(20);
    expect(niceStep(42)).toBe(10);
    expect(niceStep(7)).toBe(2);
    expect(niceStep(0)).toBe(1);
    expect(niceStep(1700)).toBe(500);
  });
});
