/**
 * docs/reliability.md is checked against the source: the limits table lists every limit with
 * its value, and every test file the page cites exists, so the page cannot drift from the code.
 */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LIMITS } from "../../src/index";
import { LOGIC_LIMITS } from "../../src/logic";
import { HOSTILE_TOKENS } from "../fuzz/hostile";

const page = readFileSync(new URL("../../docs/reliability.md", import.meta.url), "utf8");

/** The text under `## heading` up to the next `## `. */
function section(heading: string): string {
  const start = page.indexOf(`\n## ${heading}\n`);
  if (start === -1) throw new Error(`heading not found: ${heading}`);
  const rest = page.slice(start + heading.length + 5);
  const end = rest.indexOf("\n## ");
  return end === -1 ? rest : rest.slice(0, end);
}

/** First and second cells of the table rows whose first cell is one backticked code. */
function tableRows(markdown: string): Map<string, string> {
  const rows = new Map<string, string>();
  for (const line of markdown.split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    const m = /^`([^`]+)`$/.exec(cells[1] ?? "");
    if (m) rows.set(m[1]!, cells[2] ?? "");
  }
  return rows;
}

describe("docs/reliability.md", () => {
  it("the limits table lists every limit of LIMITS and LOGIC_LIMITS with its value, nothing more", () => {
    const rows = tableRows(section("Limits"));
    const expected = new Map<string, string>([
      ...Object.entries(LIMITS).map(([k, v]): [string, string] => [`LIMITS.${k}`, String(v)]),
      ...Object.entries(LOGIC_LIMITS).map(([k, v]): [string, string] => [
        `LOGIC_LIMITS.${k}`,
        String(v),
      ]),
    ]);
    expect(Object.fromEntries(rows)).toEqual(Object.fromEntries(expected));
  });

  it("every test file it cites exists", () => {
    const cited = [...page.matchAll(/`(test\/[^`]+?\.ts)`/g)].map((m) => m[1]!);
    expect(cited.length).toBeGreaterThan(10);
    const missing = [...new Set(cited)].filter(
      (f) => !existsSync(new URL(`../../${f}`, import.meta.url)),
    );
    expect(missing).toEqual([]);
  });

  it("counts the fuzzer's hostile values as the fuzzer does", () => {
    expect(section("Fuzzing").replace(/\s+/g, " ")).toContain(
      `one of ${HOSTILE_TOKENS.length} hostile values`,
    );
  });

  it("reports a real fuzz run", () => {
    expect(section("Fuzzing")).toMatch(/A real run of `npm run fuzz`: \d[\d,]* cases/);
  });
});
