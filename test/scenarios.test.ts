/**
 * Runs the JSON scenario fixtures of `test/scenarios/*.json`: each file is one rule set, a
 * roster and a sequence of `assign` calls that thread the state, with the expected decisions,
 * conflicts and rejections of every call. See `test/scenarios/README.md` for the format.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  type AssignResult,
  CONFLICT_TYPES,
  type CustomOperators,
  createRouter,
  type Decision,
  EXCLUSION_CODES,
  OUTCOMES,
  QUEUE_REASONS,
  type RouterState,
  STRATEGY_NAMES,
} from "../src/index";

interface ExpectedDecision {
  customerId: string;
  outcome: string;
  repId?: string;
  queue?: string;
  ruleId?: string;
  strategy?: string;
  /** `explanation.queueReason`. */
  queueReason?: string;
  /** The last attempt's `excludedCounts`, compared exactly. */
  excludedCounts?: Record<string, number>;
  /** A partial explanation, compared with `toMatchObject`. */
  explanation?: Record<string, unknown>;
}

interface ExpectedRejection {
  index: number;
  /** `null`: the rejection names no customer. */
  customerId?: string | null;
  /** A path one of its issues must have. */
  path?: string;
}

interface ExpectedCall {
  decisions: ExpectedDecision[];
  conflicts?: Record<string, unknown>[];
  rejected?: ExpectedRejection[];
  /** A partial state after the call, compared with `toMatchObject`. */
  state?: Record<string, unknown>;
}

interface ScenarioCall {
  description?: string;
  now: string | number;
  customers: unknown[];
  /** Replaces the scenario's roster for this call and the ones after it (a roster edit). */
  reps?: unknown[];
  explain?: "summary" | "full";
  expect: ExpectedCall;
}

interface Scenario {
  description: string;
  /** Names of custom operators to bind: each maps to an entry of {@link TEST_OPERATORS}. */
  operators?: string[];
  ruleSet: Record<string, unknown>;
  reps: unknown[];
  state?: RouterState;
  calls: ScenarioCall[];
}

/** Custom operators a scenario may ask for by name. */
const TEST_OPERATORS: CustomOperators = {
  boom: () => {
    throw new Error("boom: the operator failed");
  },
  // A well-behaved custom operator, so a scenario can show the others still route.
  double: (x) => Number(x) * 2,
};

const DIR = join(import.meta.dirname, "scenarios");
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith(".json"))
  .sort();

function load(file: string): Scenario {
  return JSON.parse(readFileSync(join(DIR, file), "utf8")) as Scenario;
}

function operatorsFor(names: readonly string[] | undefined): CustomOperators | undefined {
  if (names === undefined) return undefined;
  const out: Record<string, CustomOperators[string]> = {};
  for (const name of names) {
    const op = Object.hasOwn(TEST_OPERATORS, name) ? TEST_OPERATORS[name] : undefined;
    if (op === undefined) throw new Error(`scenario asks for unknown test operator "${name}"`);
    out[name] = op;
  }
  return out;
}

/** The fields of a decision that an expectation may name, in the expectation's shape. */
function observed(d: Decision, want: ExpectedDecision): Record<string, unknown> {
  const out: Record<string, unknown> = { customerId: d.customerId, outcome: d.outcome };
  for (const key of ["repId", "queue", "ruleId", "strategy"] as const) {
    if (key in want) out[key] = d[key];
  }
  if ("queueReason" in want) out.queueReason = d.explanation.queueReason;
  return out;
}

function checkDecision(d: Decision, want: ExpectedDecision, where: string): void {
  const { excludedCounts, explanation, ...fields } = want;
  expect(observed(d, want), where).toMatchObject(fields);
  // Invariants of every decision, whatever the scenario says.
  if (d.outcome === "queued" || d.outcome === "conflict") {
    expect(d.queue, `${where}: a queued decision names its queue`).toBeTypeOf("string");
    expect(d.repId, `${where}: a queued decision has no rep`).toBeUndefined();
  } else {
    expect(d.repId, `${where}: an owned decision names its rep`).toBeTypeOf("string");
    expect(d.queue, `${where}: an owned decision has no queue`).toBeUndefined();
  }
  expect(d.explanation.customerId, where).toBe(d.customerId);
  expect(d.explanation.outcome, where).toBe(d.outcome);
  if (excludedCounts !== undefined) {
    const last = d.explanation.attempts.at(-1);
    expect(last, `${where}: expected an attempt with excludedCounts`).toBeDefined();
    expect(last?.excludedCounts, `${where}: excludedCounts`).toEqual(excludedCounts);
  }
  if (explanation !== undefined) {
    expect(d.explanation, `${where}: explanation`).toMatchObject(explanation);
  }
}

function checkCall(result: AssignResult, want: ExpectedCall, where: string): void {
  expect(
    result.decisions.map((d) => d.customerId),
    `${where}: decision order`,
  ).toEqual(want.decisions.map((d) => d.customerId));
  want.decisions.forEach((w, i) => {
    checkDecision(result.decisions[i]!, w, `${where} decision ${i} (${w.customerId})`);
  });
  const conflicts = want.conflicts ?? [];
  expect(result.conflicts, `${where}: conflicts`).toHaveLength(conflicts.length);
  conflicts.forEach((c, i) => {
    expect(result.conflicts[i], `${where}: conflict ${i}`).toMatchObject(c);
  });
  const rejected = want.rejected ?? [];
  expect(result.rejected, `${where}: rejected`).toHaveLength(rejected.length);
  rejected.forEach((r, i) => {
    const actual = result.rejected[i]!;
    const label = `${where}: rejection ${i}`;
    expect(actual.index, label).toBe(r.index);
    // `customerId: null` in a fixture means the rejection names no customer.
    if (r.customerId !== undefined) expect(actual.customerId ?? null, label).toBe(r.customerId);
    if (r.path !== undefined) {
      expect(
        actual.issues.map((issue) => issue.path),
        label,
      ).toContain(r.path);
    }
    for (const issue of actual.issues) expect(issue.message, label).not.toBe("");
  });
  if (want.state !== undefined) expect(result.state, `${where}: state`).toMatchObject(want.state);
}

describe("scenarios", () => {
  it("finds the fixture files", () => {
    expect(FILES.length).toBeGreaterThan(10);
  });

  for (const file of FILES) {
    const scenario = load(file);
    it(`${file}: ${scenario.description}`, () => {
      const router = createRouter(scenario.ruleSet, {
        operators: operatorsFor(scenario.operators),
      });
      let state: RouterState | undefined = scenario.state;
      let reps = scenario.reps;
      scenario.calls.forEach((call, n) => {
        if (call.reps !== undefined) reps = call.reps;
        const result = router.assign({
          customers: call.customers,
          reps,
          state,
          now: call.now,
          explain: call.explain,
        });
        const where = `call ${n}${call.description ? ` (${call.description})` : ""}`;
        checkCall(result, call.expect, where);
        expect(result.decisions.length + result.rejected.length, `${where}: nothing lost`).toBe(
          call.customers.length,
        );
        state = result.state;
      });
    });
  }
});

/** Every value of `key` anywhere in `value` (keys of `excludedCounts` objects count as codes). */
function collect(value: unknown, visit: (key: string, v: unknown) => void): void {
  if (Array.isArray(value)) for (const v of value) collect(v, visit);
  else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      visit(k, v);
      collect(v, visit);
    }
  }
}

describe("scenario coverage", () => {
  const expectations = FILES.map((f) => load(f).calls.map((c) => c.expect));
  const seen = {
    exclusion: new Set<string>(),
    conflict: new Set<string>(),
    outcome: new Set<string>(),
    queueReason: new Set<string>(),
  };
  collect(expectations, (key, v) => {
    // `excludedCounts` of decisions and `excluded` of no_eligible_rep conflicts count by code.
    const counts = key === "excludedCounts" || key === "excluded";
    if (counts && typeof v === "object" && v !== null && !Array.isArray(v)) {
      for (const code of Object.keys(v)) seen.exclusion.add(code);
    }
    if (key === "code" && typeof v === "string") seen.exclusion.add(v);
    if (key === "type" && typeof v === "string") seen.conflict.add(v);
    if (key === "outcome" && typeof v === "string") seen.outcome.add(v);
    if (key === "queueReason" && typeof v === "string") seen.queueReason.add(v);
  });

  it("covers every exclusion code", () => {
    expect(EXCLUSION_CODES.filter((c) => !seen.exclusion.has(c))).toEqual([]);
  });
  it("covers every conflict type an assign can report", () => {
    // claim_collision belongs to claims (DESIGN §7), not to assign.
    const types = CONFLICT_TYPES.filter((t) => t !== "claim_collision");
    expect(types.filter((t) => !seen.conflict.has(t))).toEqual([]);
  });
  it("covers every outcome", () => {
    expect(OUTCOMES.filter((o) => !seen.outcome.has(o))).toEqual([]);
  });
  it("covers every queue reason", () => {
    expect(QUEUE_REASONS.filter((q) => !seen.queueReason.has(q))).toEqual([]);
  });
  it("covers every strategy and hit policy", () => {
    const strategies = new Set<string>();
    const policies = new Set<string>();
    for (const f of FILES) {
      const rs = load(f).ruleSet;
      policies.add(typeof rs.hitPolicy === "string" ? rs.hitPolicy : "priority");
      const pools = (rs.pools ?? {}) as Record<string, { strategy?: string }>;
      for (const p of Object.values(pools)) strategies.add(p.strategy ?? "round-robin");
    }
    expect(STRATEGY_NAMES.filter((s) => !strategies.has(s))).toEqual([]);
    expect(["first", "priority", "unique"].filter((p) => !policies.has(p))).toEqual([]);
  });
});
