/** docs/simulation.md is checked against the code: finding codes, severities and report fields. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FINDING_CODES, FINDING_SEVERITIES, simulate } from "../../src/analysis";
import { createRouter } from "../../src/index";
import { customers, NOW, reps, ruleSet } from "./fixtures";

const doc = readFileSync(new URL("../../docs/simulation.md", import.meta.url), "utf8");

function section(title: string): string {
  const start = doc.indexOf(`\n## ${title}\n`);
  if (start === -1) throw new Error(`docs/simulation.md has no section "## ${title}"`);
  const end = doc.indexOf("\n## ", start + 1);
  return doc.slice(start, end === -1 ? undefined : end);
}

describe("docs/simulation.md", () => {
  it("documents every finding code with its severity, and no other code", () => {
    const rows = [
      ...section("Static analysis").matchAll(/^\|\s*`([a-z_]+)`\s*\|\s*(\w+)\s*\|/gm),
    ].map((m) => [m[1], m[2]]);
    expect(rows.map(([code]) => code).sort()).toEqual([...FINDING_CODES].sort());
    const severities: Readonly<Record<string, string>> = FINDING_SEVERITIES;
    for (const [code = "", severity] of rows) expect(severity, code).toBe(severities[code]);
  });

  it("documents every field of the simulation report and of a rep row", () => {
    const report = simulate(createRouter(ruleSet), { customers: customers(), reps, now: NOW });
    const simulateDoc = section("`simulate`");
    const documented = (key: string) => new RegExp(`^\\|\\s*(\`\\w+\`, )?\`${key}\`[\\s,|]`, "m");
    for (const key of Object.keys(report)) expect(simulateDoc, key).toMatch(documented(key));
    for (const key of Object.keys(report.perRep[0] ?? {}))
      expect(simulateDoc, key).toMatch(documented(key));
  });

  it("keeps a command-line section", () => {
    expect(section("From the command line")).toContain("docs/cli.md");
  });
});
