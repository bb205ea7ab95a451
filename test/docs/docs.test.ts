import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createRouter } from "../../src/engine/router";
import {
  CONFLICT_TYPES,
  EXCLUSION_CODES,
  OUTCOMES,
  OWNERSHIP_STEPS,
  QUEUE_REASONS,
  WIN_REASONS,
} from "../../src/explain/codes";
import { formatExplanation } from "../../src/explain/format";
import { RESERVED_CUSTOMER_KEYS } from "../../src/schema/customer";
import { ruleSetJsonSchema } from "../../src/schema/json-schema";
import { parseRuleSet } from "../../src/schema/parse";
import { RepSchema } from "../../src/schema/rep";
import { StateSchema } from "../../src/schema/state";

/**
 * The docs are checked against the source: every code list and every schema key is derived from
 * the code, so a code or field added without documentation (or removed from the docs) fails here.
 */

const read = (name: string): string =>
  readFileSync(new URL(`../../docs/${name}`, import.meta.url), "utf8");

/** The text under a heading (exact line, e.g. `## Outcomes`) up to the next heading of its level or above. */
function section(markdown: string, heading: string): string {
  const lines = markdown.split("\n");
  const start = lines.indexOf(heading);
  if (start === -1) throw new Error(`heading not found: ${heading}`);
  const level = heading.indexOf(" ");
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => {
    const m = /^(#+) /.exec(line);
    return m !== null && m[1]!.length <= level;
  });
  return (end === -1 ? rest : rest.slice(0, end)).join("\n");
}

/** The text before a heading (exact line). */
function before(markdown: string, heading: string): string {
  const at = markdown.split("\n").indexOf(heading);
  if (at === -1) throw new Error(`heading not found: ${heading}`);
  return markdown.split("\n").slice(0, at).join("\n");
}

/** The first cells of the table rows in `markdown` that hold exactly one backticked code. */
function firstColumnCodes(markdown: string): string[] {
  const codes: string[] = [];
  for (const line of markdown.split("\n")) {
    if (!line.startsWith("|")) continue;
    const cell = line.slice(1).split("|")[0]?.trim() ?? "";
    const m = /^`([^`]+)`$/.exec(cell);
    if (m) codes.push(m[1]!);
  }
  return codes;
}

/** Every property name of a JSON Schema, at every depth (values of `default`, `enum` … are data, not schema). */
function schemaKeys(schema: unknown): Set<string> {
  const keys = new Set<string>();
  const DATA = new Set(["default", "enum", "const", "examples"]);
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (typeof node !== "object" || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (DATA.has(key)) continue;
      if (key === "properties" && typeof value === "object" && value !== null) {
        for (const name of Object.keys(value)) keys.add(name);
      }
      walk(value);
    }
  };
  walk(schema);
  keys.delete("$schema");
  return keys;
}

/** Every object key of a JSON value, at every depth. */
function valueKeys(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) valueKeys(v, out);
  else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      valueKeys(v, out);
    }
  }
  return out;
}

/** The fenced block right after `<!-- example: name -->`, without its fences. */
function exampleBlock(markdown: string, name: string): string {
  const lines = markdown.split("\n");
  const at = lines.indexOf(`<!-- example: ${name} -->`);
  if (at === -1 || !lines[at + 1]?.startsWith("```")) {
    throw new Error(`no fenced block after <!-- example: ${name} -->`);
  }
  const close = lines.indexOf("```", at + 2);
  if (close === -1) throw new Error(`unclosed block for example ${name}`);
  return lines.slice(at + 2, close).join("\n");
}

const sorted = (values: Iterable<string>): string[] =>
  [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

const ruleSetKeys = sorted(schemaKeys(ruleSetJsonSchema()));
const repKeys = sorted(
  schemaKeys(z.toJSONSchema(RepSchema, { io: "input", unrepresentable: "any" })),
);
const stateKeys = sorted(
  schemaKeys(z.toJSONSchema(StateSchema, { io: "input", unrepresentable: "any" })),
);

describe("docs/explanations.md", () => {
  const doc = read("explanations.md");
  const tables = [
    ["## Outcomes", OUTCOMES],
    ["## Exclusion reason codes", EXCLUSION_CODES],
    ["## Conflict types", CONFLICT_TYPES],
    ["## Queue reasons", QUEUE_REASONS],
    ["## Win reasons", WIN_REASONS],
    ["## Ownership steps", OWNERSHIP_STEPS],
  ] as const;

  it.each(tables)("%s has one table row per code, and no other", (heading, codes) => {
    const documented = firstColumnCodes(section(doc, heading));
    expect(sorted(documented)).toEqual(sorted(codes));
  });

  it("lists the exclusion codes in the order the filters run", () => {
    expect(firstColumnCodes(section(doc, "## Exclusion reason codes"))).toEqual([
      ...EXCLUSION_CODES,
    ]);
  });

  it("shows the worked example exactly as the engine computes and renders it", () => {
    const input = JSON.parse(exampleBlock(doc, "input")) as {
      ruleSet: unknown;
      reps: unknown[];
      customers: unknown[];
      now: string;
    };
    const router = createRouter(input.ruleSet);
    const call = { customers: input.customers, reps: input.reps, now: input.now };
    const decision = router.assign(call).decisions.find((d) => d.customerId === "c-2");
    expect(decision).toBeDefined();
    const summary = decision!.explanation;
    const full = router.explain({ ...call, customerId: "c-2" });
    expect(summary.detail).toBe("summary");
    expect(full.detail).toBe("full");
    expect(exampleBlock(doc, "summary-json")).toBe(JSON.stringify(summary, null, 2));
    expect(exampleBlock(doc, "summary-en")).toBe(formatExplanation(summary));
    expect(exampleBlock(doc, "full-en")).toBe(formatExplanation(full, { locale: "en" }));
    expect(exampleBlock(doc, "full-zh-CN")).toBe(formatExplanation(full, { locale: "zh-CN" }));
  });
});

describe("docs/rule-set.md", () => {
  const doc = read("rule-set.md");
  const ruleSetPart = before(doc, "## Reps");

  it("finds the schema keys it checks", () => {
    // Guards the walker: a broken walk would make the checks below vacuous.
    expect(ruleSetKeys).toEqual(
      expect.arrayContaining([
        "id",
        "rules",
        "assign",
        "onNoEligibleRep",
        "newInPoolCooldownHours",
      ]),
    );
    expect(repKeys).toEqual(expect.arrayContaining(["id", "workingHours", "from", "perDay"]));
    expect(ruleSetKeys).not.toContain("$schema");
  });

  it("documents every rule-set key in a table row, before the rep reference", () => {
    const documented = new Set(firstColumnCodes(ruleSetPart));
    const missing = ruleSetKeys.filter((key) => !documented.has(key));
    expect(missing).toEqual([]);
  });

  it("documents every rep key in a table row of the Reps section", () => {
    const documented = new Set(firstColumnCodes(section(doc, "## Reps")));
    const missing = repKeys.filter((key) => !documented.has(key));
    expect(missing).toEqual([]);
  });

  it("documents every reserved customer key in a table row of the Customer records section", () => {
    const documented = new Set(firstColumnCodes(section(doc, "## Customer records")));
    expect(RESERVED_CUSTOMER_KEYS.filter((key) => !documented.has(key))).toEqual([]);
  });

  it("names every state key in the State section", () => {
    const text = section(doc, "## State");
    expect(stateKeys.filter((key) => !text.includes(`\`${key}\``))).toEqual([]);
  });

  it("gives a complete example that parses and uses every key of the schema", () => {
    const example: unknown = JSON.parse(exampleBlock(doc, "rule-set"));
    expect(() => parseRuleSet(example)).not.toThrow();
    const used = valueKeys(example);
    expect(ruleSetKeys.filter((key) => !used.has(key))).toEqual([]);
  });
});
