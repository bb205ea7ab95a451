/**
 * docs/performance.md shows the last bench run: each table between `<!-- bench: name -->` and
 * `<!-- /bench -->` is exactly what bench/tables.mjs renders from bench/results/latest.json.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module of the bench, without types
import { renderTables } from "../../bench/tables.mjs";

const doc = readFileSync(new URL("../../docs/performance.md", import.meta.url), "utf8");
const results = JSON.parse(
  readFileSync(new URL("../../bench/results/latest.json", import.meta.url), "utf8"),
);
const tables: Record<string, string> = renderTables(results);

function block(name: string): string | undefined {
  const start = doc.indexOf(`<!-- bench: ${name} -->`);
  if (start < 0) return undefined;
  const end = doc.indexOf("<!-- /bench -->", start);
  return doc.slice(doc.indexOf("-->", start) + 3, end).trim();
}

describe("docs/performance.md", () => {
  it.each(Object.keys(tables))("shows the %s table of bench/results/latest.json", (name) => {
    expect(block(name)).toBe(tables[name]);
  });

  it("names the run it shows", () => {
    const at = new Date(results.date);
    const stamp = `${at.toISOString().slice(0, 10)} ${at.toISOString().slice(11, 16)} UTC`;
    expect(doc).toContain(stamp);
    expect(results.quick).toBe(false);
  });

  it("shows a run whose equal-decisions check passed", () => {
    for (const [name, check] of Object.entries(results.checks)) {
      if (name !== "distribution") expect((check as { mismatches: number }).mismatches).toBe(0);
    }
  });
});
