/**
 * The fuzzer: valid inputs from `arbitraries.ts`, mutated by `hostile.ts`, or fully random,
 * thrown at every public entry point. The only outcomes allowed:
 *
 * - a `LeadRouteError` of the expected code with non-empty issues, each a string path and a
 *   non-empty message (a configuration mistake), or
 * - a result in which every customer record is accounted for exactly once: decided, or
 *   rejected with its issues.
 *
 * Never another exception, never a case slower than `caseTimeLimitMs`, never a lost or
 * duplicated customer, never a property added to `Object.prototype` (checked after each case),
 * never a mutated input (inputs are deep-frozen), never an invalid state.
 */
import fc from "fast-check";
import {
  analyzeRuleSet,
  createRouter,
  diffRuleSets,
  formatExplanation,
  formatOperation,
  isLeadRouteError,
  LeadRouteError,
  type LeadRouteErrorCode,
  LOCALES,
  OUTCOMES,
  parseRuleSet,
  type RouterState,
  replay,
  safeParseRuleSet,
  simulate,
} from "../../src/index";
import { StateSchema } from "../../src/schema/state";
import { OPERATORS, type Scenario, scenarioArb } from "./arbitraries";
import {
  deepFreeze,
  HOSTILE_TOKENS,
  KEY_POOL,
  type Mutation,
  mutate,
  mutationsArb,
  nodePaths,
  randomJson,
} from "./hostile";

/** The entry points the fuzzer targets, one `it` each in `fuzz.test.ts`. */
export const TARGETS = [
  "parseRuleSet",
  "reps",
  "customers",
  "state",
  "assign",
  "operations",
  "replay",
  "analysis",
] as const;
export type Target = (typeof TARGETS)[number];

/** Relative share of the cases each target gets in {@link fuzz}. */
export const TARGET_WEIGHTS: Record<Target, number> = {
  parseRuleSet: 3,
  reps: 2,
  customers: 3,
  state: 2,
  assign: 3,
  operations: 2,
  replay: 1,
  analysis: 1,
};

/** What a run did: cases per target and how they ended. */
export interface FuzzReport {
  seed: number;
  cases: number;
  durationMs: number;
  /** Target → outcome (`ok`, `error:invalid_rule_set`, `decided`, `rejected`, …) → count. */
  outcomes: Record<string, Record<string, number>>;
  /** The slowest case, in milliseconds. */
  slowestCaseMs: number;
  /** Time spent running cases (the rest is generating them). */
  runMs?: number;
}

/** The hang bound: a case slower than this fails (`FUZZ_CASE_MS`; other knobs in fuzz.test.ts). */
export const CASE_TIME_LIMIT_MS = Number(process.env.FUZZ_CASE_MS ?? 20_000);

/** Thrown for a broken guarantee, so fast-check shrinks and reports it with its seed. */
class Violation extends Error {
  override readonly name = "Violation";
}

function fail(message: string): never {
  throw new Violation(message);
}

// ---------------------------------------------------------------------------------------------
// Checks

const PROTOTYPES: readonly [string, object][] = [
  ["Object.prototype", Object.prototype],
  ["Array.prototype", Array.prototype],
  ["Function.prototype", Function.prototype],
  ["String.prototype", String.prototype],
];
const pristine = PROTOTYPES.map(([, p]) => Reflect.ownKeys(p).length);

/** Fails when any case added a property to a built-in prototype (and cleans up, so the next case is judged fresh). */
export function checkNoPollution(): void {
  const probe: Record<string, unknown> = {};
  const polluted: string[] = [];
  PROTOTYPES.forEach(([name, proto], i) => {
    const keys = Reflect.ownKeys(proto);
    if (keys.length !== pristine[i]) polluted.push(`${name} has ${keys.length} keys`);
  });
  if (probe.polluted !== undefined) polluted.push("({}).polluted is defined");
  if (Object.getPrototypeOf(probe) !== Object.prototype) polluted.push("{} lost its prototype");
  if (polluted.length > 0) {
    for (const [, proto] of PROTOTYPES) delete (proto as Record<string, unknown>).polluted;
    fail(`prototype pollution: ${polluted.join("; ")}`);
  }
}

/** Asserts that `error` is a well-formed LeadRouteError of one of `codes`. */
export function checkConfigError(error: unknown, codes: readonly LeadRouteErrorCode[]): string {
  if (!isLeadRouteError(error) || !(error instanceof LeadRouteError)) {
    const e = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack}` : error;
    fail(`expected a LeadRouteError (${codes.join(" or ")}), got ${String(e).slice(0, 2_000)}`);
  }
  if (!codes.includes(error.code)) {
    fail(`expected code ${codes.join(" or ")}, got ${error.code}: ${error.message.slice(0, 500)}`);
  }
  if (!Array.isArray(error.issues) || error.issues.length === 0)
    fail(`${error.code} without issues`);
  for (const issue of error.issues) {
    if (typeof issue.path !== "string" || typeof issue.message !== "string" || !issue.message) {
      fail(`malformed issue ${JSON.stringify(issue)?.slice(0, 300)}`);
    }
  }
  if (typeof error.message !== "string") fail("error message is not a string");
  return `error:${error.code}`;
}

interface AssignLike {
  decisions: {
    customerId: string;
    outcome: string;
    repId?: string;
    queue?: string;
    explanation: { customerId: string; queueReason?: string; error?: { message: string } };
  }[];
  rejected: { customerId?: string; index: number; issues: { path: string; message: string }[] }[];
  state: RouterState;
}

/**
 * Nothing lost: every index of `customers` (holes included) is rejected or decided exactly once,
 * decisions match the ids of the records that were not rejected, each decision is well formed.
 */
export function checkAccounted(
  customers: readonly unknown[],
  result: AssignLike,
  options: { evaluationErrorsAllowed: boolean },
): void {
  const { decisions, rejected } = result;
  const n = customers.length;
  if (decisions.length + rejected.length !== n) {
    fail(
      `lost customers: ${decisions.length} decisions + ${rejected.length} rejected != ${n} records`,
    );
  }
  const rejectedAt = new Set<number>();
  for (const r of rejected) {
    if (!Number.isInteger(r.index) || r.index < 0 || r.index >= n) fail(`bad index ${r.index}`);
    if (rejectedAt.has(r.index)) fail(`index ${r.index} rejected twice`);
    rejectedAt.add(r.index);
    if (!Array.isArray(r.issues) || r.issues.length === 0) fail(`rejection without issues`);
    for (const i of r.issues) {
      if (typeof i.path !== "string" || typeof i.message !== "string" || !i.message)
        fail(`malformed rejection issue ${JSON.stringify(i)?.slice(0, 200)}`);
    }
    if (r.customerId !== undefined && typeof r.customerId !== "string")
      fail("rejection customerId is not a string");
  }
  const expected: string[] = [];
  for (let i = 0; i < n; i++) {
    if (rejectedAt.has(i)) continue;
    const record = customers[i];
    const id =
      typeof record === "object" && record !== null && Object.hasOwn(record, "id")
        ? (record as { id: unknown }).id
        : undefined;
    if (typeof id !== "string") fail(`record ${i} was neither rejected nor has a string id`);
    expected.push(id);
  }
  const decided = decisions.map((d) => d.customerId);
  if (new Set(decided).size !== decided.length) fail(`a customer decided twice: ${decided}`);
  const sorted = (xs: string[]) => [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (JSON.stringify(sorted(decided)) !== JSON.stringify(sorted(expected))) {
    fail(`decided ${JSON.stringify(decided)}, expected the ids ${JSON.stringify(expected)}`);
  }
  for (const d of decisions) {
    if (!(OUTCOMES as readonly string[]).includes(d.outcome)) fail(`unknown outcome ${d.outcome}`);
    if (d.explanation.customerId !== d.customerId) fail("explanation of another customer");
    const owned = d.outcome === "assigned" || d.outcome === "kept" || d.outcome === "account_owner";
    if (owned && typeof d.repId !== "string") fail(`${d.outcome} without repId`);
    if (!owned && typeof d.queue !== "string") fail(`${d.outcome} without queue`);
    // The iteration budget (LOGIC_LIMITS.maxIterationSteps) is containment by design: a huge
    // array in a record may make a condition stop with evaluation_error.
    const budget = d.explanation.error?.message.includes("iteration steps") === true;
    if (
      d.explanation.queueReason === "evaluation_error" &&
      !options.evaluationErrorsAllowed &&
      !budget
    ) {
      fail(
        `evaluation_error without a throwing operator (an internal error was swallowed): ${JSON.stringify(d.explanation).slice(0, 600)}`,
      );
    }
  }
  checkState(result.state);
}

/** A state the engine returns must be valid JSON data that the engine accepts back. */
export function checkState(state: unknown): void {
  let text: string;
  try {
    text = JSON.stringify(state);
  } catch (e) {
    fail(`state is not JSON-serializable: ${String(e)}`);
  }
  const parsed = StateSchema.safeParse(JSON.parse(text));
  if (!parsed.success)
    fail(`the engine returned a state it would refuse: ${parsed.error.message.slice(0, 600)}`);
}

/** Run `f`; a LeadRouteError of `codes` is an allowed outcome, anything else thrown is a violation. */
function attempt<T>(
  codes: readonly LeadRouteErrorCode[],
  f: () => T,
): { ok: true; value: T } | { ok: false; outcome: string } {
  try {
    return { ok: true, value: f() };
  } catch (error) {
    if (error instanceof Violation) throw error;
    return { ok: false, outcome: checkConfigError(error, codes) };
  }
}

/** Every explanation renders to text in every locale, whatever the records held. */
function renderAll(explanations: readonly unknown[], operation = false): void {
  for (const e of explanations) {
    for (const locale of LOCALES) {
      const text = operation
        ? formatOperation(e as never, { locale })
        : formatExplanation(e as never, { locale });
      if (typeof text !== "string" || text.length === 0) fail(`empty ${locale} rendering`);
    }
  }
}

function serializable(value: unknown, what: string): string {
  try {
    return JSON.stringify(value);
  } catch (e) {
    fail(`${what} is not JSON-serializable although the inputs were JSON: ${String(e)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Targets

/** Router operators, in case the router has them (ownership operations may be added later). */
type Operation = (input: Record<string, unknown>) => unknown;
const OPERATION_NAMES = [
  "explain",
  "lookup",
  "claim",
  "release",
  "recordActivity",
  "sweep",
  "transfer",
  "offboard",
] as const;
type OperationName = (typeof OPERATION_NAMES)[number];

function operationOf(router: object, name: OperationName): Operation | undefined {
  const f: unknown = Reflect.get(router, name);
  return typeof f === "function" ? (input) => Reflect.apply(f, router, [input]) : undefined;
}

/** The ownership operations the router currently offers. */
export function availableOperations(): OperationName[] {
  const router = createRouter({ id: "probe", rules: [] });
  return OPERATION_NAMES.filter((n) => operationOf(router, n) !== undefined);
}

/** Operators that throw on a marker value, to check containment as `evaluation_error`. */
const THROWING_OPERATORS = {
  flag: (...args: unknown[]): unknown => {
    if (args.includes("yes")) throw new Error("operator failure");
    return args.some((a) => a === true);
  },
};

type Stats = Record<string, number>;
const bump = (stats: Stats, key: string, by = 1) => {
  stats[key] = (stats[key] ?? 0) + by;
};

function runAssign(
  stats: Stats,
  router: ReturnType<typeof createRouter>,
  input: Record<string, unknown>,
  codes: readonly LeadRouteErrorCode[],
  options: { evaluationErrorsAllowed: boolean; json: boolean; deep?: boolean; shadowing?: boolean },
) {
  const r = attempt(codes, () => router.assign(input as never));
  if (!r.ok) {
    bump(stats, r.outcome);
    return undefined;
  }
  const customers = input.customers;
  if (!Array.isArray(customers)) fail("assign accepted customers that are not an array");
  // A value no JSON holds (a Symbol, a BigInt) may make a built-in operator throw, and so may
  // comparing a value nested 10,000 deep (the runtime's own recursion overflows the stack) or an
  // object with own toString / valueOf keys (it has no primitive value), as in json-logic-js:
  // all are contained as that customer's evaluation_error. Other JSON data never may.
  checkAccounted(customers, r.value, {
    evaluationErrorsAllowed:
      options.evaluationErrorsAllowed ||
      !options.json ||
      options.deep === true ||
      options.shadowing === true,
  });
  if (options.json) serializable(r.value, "the assign result");
  renderAll(r.value.decisions.slice(0, 3).map((d) => d.explanation));
  bump(stats, "decided", r.value.decisions.length);
  bump(stats, "rejected", r.value.rejected.length);
  for (const d of r.value.decisions)
    if (d.explanation.queueReason === "evaluation_error") bump(stats, "evaluation_error");
  bump(stats, "assign:ok");
  return r.value;
}

/** The valid input of an ownership operation (or `explain`) after the scenario's first batch. */
function operationInput(
  c: { s: Scenario; pick: number; extra: boolean },
  state: RouterState,
): Record<string, unknown> {
  const known = Object.keys(state.customers);
  const customerId = known.length > 0 ? known[c.pick % known.length] : "c0";
  const repId = c.s.reps.length > 0 ? c.s.reps[c.pick % c.s.reps.length]?.id : "ana";
  return {
    customerId,
    customers: c.s.batches[0] ?? [],
    repId,
    toRepId: repId,
    actor: "manager",
    reason: "fuzz",
    reps: c.s.reps,
    state: JSON.parse(JSON.stringify(state)),
    now: c.s.now,
    ...(c.extra ? { accountId: "acc1", explain: "full" } : {}),
  };
}

/** The input of `assign` (and of the analyses) after the scenario's first batch. */
function callInput(s: Scenario, state: RouterState, explain?: string): Record<string, unknown> {
  return {
    customers: s.batches[1] ?? s.batches[0] ?? [],
    reps: s.reps,
    state: JSON.parse(JSON.stringify(state)),
    now: s.now,
    ...(explain !== undefined ? { explain } : {}),
  };
}

/** Events of the scenario's second batch, and the state they start from. */
function replayInput(s: Scenario, withBase: boolean): { events: unknown; base: unknown } {
  const { router, first } = baseline(s);
  const second = router.assign({
    customers: s.batches[1] ?? [],
    reps: s.reps,
    state: first.state,
    now: s.now,
  });
  return {
    events: JSON.parse(JSON.stringify(second.events)),
    base: withBase ? JSON.parse(JSON.stringify(first.state)) : undefined,
  };
}

/** A valid router and the state after the scenario's first batch. */
function baseline(s: Scenario, throwing = false) {
  const router = createRouter(s.ruleSet, { operators: throwing ? THROWING_OPERATORS : OPERATORS });
  const first = router.assign({ customers: s.batches[0] ?? [], reps: s.reps, now: s.now });
  return { router, first };
}

const mutations = mutationsArb();

const ruleSetInput = fc.oneof(
  { weight: 6, arbitrary: fc.record({ s: scenarioArb, m: mutations }) },
  { weight: 1, arbitrary: fc.record({ random: randomJson }) },
  {
    weight: 1,
    arbitrary: fc.record({
      random: fc.anything({
        withBoxedValues: true,
        withMap: true,
        withSet: true,
        withSparseArray: true,
        withNullPrototype: true,
        withDate: true,
        withTypedArray: true,
        withBigInt: true,
        withObjectString: true,
      }),
    }),
  },
);

/** A target: generated case data (printed on failure) and how to run one case. */
interface TargetCases<T> {
  arb: fc.Arbitrary<T>;
  run: (c: T, stats: Stats) => void;
}

const target = <T>(arb: fc.Arbitrary<T>, run: (c: T, stats: Stats) => void): TargetCases<unknown> =>
  ({ arb, run }) as TargetCases<unknown>;

/** One arbitrary of cases per target, with how to run a case. */
const CASES: Record<Target, TargetCases<unknown>> = {
  parseRuleSet: target(ruleSetInput, (c, stats) => {
    const input = "random" in c ? c.random : mutate(c.s.ruleSet, c.m).value;
    deepFreeze(input);
    const codes = ["invalid_rule_set"] as const;
    const safe = attempt([], () => safeParseRuleSet(input, { operators: OPERATORS }));
    if (!safe.ok) fail("safeParseRuleSet threw");
    const thrown = attempt(codes, () => parseRuleSet(input, { operators: OPERATORS }));
    if (safe.value.success !== thrown.ok) fail("safeParseRuleSet and parseRuleSet disagree");
    if (!safe.value.success) checkConfigError(safe.value.error, codes);
    if (!thrown.ok) {
      bump(stats, thrown.outcome);
      return;
    }
    bump(stats, "accepted");
    // An accepted rule set must compile, analyze and route a valid batch.
    const router = createRouter(thrown.value, { operators: OPERATORS });
    const customers = "random" in c ? [{ id: "c" }] : (c.s.batches[0] ?? []);
    const reps = "random" in c ? [] : c.s.reps;
    const analysis = attempt(["invalid_reps"], () =>
      analyzeRuleSet(input, reps, { operators: OPERATORS }),
    );
    if (analysis.ok) serializable(analysis.value, "the analysis");
    runAssign(
      stats,
      router,
      { customers, reps, now: "2026-11-27T09:30:00Z" },
      ["invalid_reps"], // the roster may name a territory the mutation removed
      { evaluationErrorsAllowed: false, json: true },
    );
  }),

  reps: target(fc.record({ s: scenarioArb, m: mutations }), ({ s, m }, stats) => {
    const router = createRouter(s.ruleSet, { operators: OPERATORS });
    const { value: reps, json } = mutate(s.reps, m);
    deepFreeze(reps);
    runAssign(
      stats,
      router,
      { customers: s.batches[0] ?? [], reps, now: s.now },
      ["invalid_reps"],
      { evaluationErrorsAllowed: false, json },
    );
  }),

  customers: target(
    fc.record({ s: scenarioArb, m: mutations, throwing: fc.boolean() }),
    ({ s, m, throwing }, stats) => {
      const router = createRouter(s.ruleSet, {
        operators: throwing ? THROWING_OPERATORS : OPERATORS,
      });
      const { value: customers, json, deep, shadowing } = mutate(s.batches[0] ?? [], m);
      deepFreeze(customers);
      // Only a `customers` that is not an array at all is a call error; bad records are rejected.
      const codes = Array.isArray(customers) ? [] : (["invalid_input"] as const);
      runAssign(stats, router, { customers, reps: s.reps, now: s.now }, codes, {
        evaluationErrorsAllowed: throwing,
        json,
        deep,
        shadowing,
      });
    },
  ),

  state: target(fc.record({ s: scenarioArb, m: mutations }), ({ s, m }, stats) => {
    const { router, first } = baseline(s);
    const stored = JSON.parse(JSON.stringify(first.state));
    const { value: state, json } = mutate(stored, m);
    deepFreeze(state);
    runAssign(
      stats,
      router,
      { customers: s.batches[1] ?? s.batches[0] ?? [], reps: s.reps, state, now: s.now },
      ["invalid_state"],
      { evaluationErrorsAllowed: false, json },
    );
  }),

  assign: target(
    fc.record({
      s: scenarioArb,
      ruleSetMutations: fc.option(mutations, { freq: 3 }),
      inputMutations: mutations,
      throwing: fc.boolean(),
      explain: fc.constantFrom("summary", "full"),
    }),
    (c, stats) => {
      const { s } = c;
      const operators = c.throwing ? THROWING_OPERATORS : OPERATORS;
      const rs = c.ruleSetMutations ? mutate(s.ruleSet, c.ruleSetMutations).value : s.ruleSet;
      deepFreeze(rs);
      const made = attempt(["invalid_rule_set"], () => createRouter(rs, { operators }));
      if (!made.ok) {
        bump(stats, made.outcome);
        return;
      }
      const router = made.value;
      const first = attempt(["invalid_reps"], () =>
        router.assign({ customers: s.batches[0] ?? [], reps: s.reps, now: s.now }),
      );
      if (!first.ok) {
        bump(stats, first.outcome);
        return;
      }
      const {
        value: input,
        json,
        deep,
        shadowing,
      } = mutate(callInput(s, first.value.state, c.explain), c.inputMutations);
      deepFreeze(input);
      const codes = ["invalid_input", "invalid_reps", "invalid_state"] as const;
      if (typeof input !== "object" || input === null) {
        const r = attempt(codes, () => router.assign(input as never));
        if (r.ok) fail("assign accepted a non-object input");
        bump(stats, r.outcome);
        return;
      }
      const once = runAssign(stats, router, input as Record<string, unknown>, codes, {
        evaluationErrorsAllowed: c.throwing,
        json,
        deep,
        shadowing,
      });
      if (once && json) {
        // Same inputs, byte-identical output, hostile inputs included.
        const again = router.assign(input as never);
        if (serializable(again, "result") !== serializable(once, "result"))
          fail("the same inputs gave different outputs");
      }
    },
  ),

  operations: target(
    fc.record({
      s: scenarioArb,
      op: fc.constantFrom(...OPERATION_NAMES),
      pick: fc.nat(20),
      m: mutations,
      extra: fc.boolean(),
      throwing: fc.boolean(),
    }),
    (c, stats) => {
      const { router, first } = baseline(c.s, c.throwing);
      const operation = operationOf(router, c.op);
      if (operation === undefined) {
        bump(stats, `missing:${c.op}`);
        return;
      }
      const { value: input, json } = mutate(operationInput(c, first.state), c.m);
      deepFreeze(input);
      const r = attempt(["invalid_input", "invalid_reps", "invalid_state"], () =>
        operation(input as Record<string, unknown>),
      );
      if (!r.ok) {
        bump(stats, `${c.op}:${r.outcome}`);
        return;
      }
      const value = r.value as { state?: unknown; explanation?: unknown } | undefined;
      if (typeof value !== "object" || value === null) fail(`${c.op} returned ${String(value)}`);
      // A denial returns the caller's state object itself (DESIGN §7), so a non-JSON value the
      // caller put in it comes back as it went in; a state the operation built must be valid.
      const inputState =
        typeof input === "object" && input !== null ? Reflect.get(input, "state") : undefined;
      if (value.state !== undefined && (json || value.state !== inputState))
        checkState(value.state);
      if (c.op === "explain") renderAll([value]);
      else if (c.op !== "lookup" && c.op !== "sweep" && c.op !== "offboard" && value.explanation)
        renderAll([value.explanation], true);
      if (json) serializable(value, `the ${c.op} result`);
      bump(stats, `${c.op}:ok`);
    },
  ),

  replay: target(
    fc.record({ s: scenarioArb, m: mutations, withBase: fc.boolean() }),
    (c, stats) => {
      const { value, json } = mutate(replayInput(c.s, c.withBase), c.m);
      deepFreeze(value);
      const input = (typeof value === "object" && value !== null ? value : {}) as {
        events?: unknown;
        base?: unknown;
      };
      const r = attempt(["invalid_input", "invalid_state"], () =>
        replay(input.events as never, input.base as never),
      );
      if (!r.ok) {
        bump(stats, r.outcome);
        return;
      }
      checkState(r.value);
      if (json) serializable(r.value, "the replayed state");
      bump(stats, "ok");
    },
  ),

  analysis: target(fc.record({ s: scenarioArb, m: mutations, diff: fc.boolean() }), (c, stats) => {
    const { router, first } = baseline(c.s);
    const { value, json } = mutate(
      {
        customers: c.s.batches[1] ?? c.s.batches[0] ?? [],
        reps: c.s.reps,
        state: JSON.parse(JSON.stringify(first.state)),
        now: c.s.now,
      },
      c.m,
    );
    deepFreeze(value);
    const input = (typeof value === "object" && value !== null ? value : {}) as never;
    const codes = ["invalid_input", "invalid_reps", "invalid_state", "invalid_rule_set"] as const;
    const r = attempt(codes, () =>
      c.diff
        ? diffRuleSets(c.s.ruleSet, { ...c.s.ruleSet, hitPolicy: "first" }, {
            ...(input as object),
            operators: OPERATORS,
          } as never)
        : simulate(router, input),
    );
    if (!r.ok) {
      bump(stats, r.outcome);
      return;
    }
    if (json) serializable(r.value, c.diff ? "the diff" : "the simulation");
    bump(stats, c.diff ? "diff:ok" : "simulate:ok");
  }),
};

// ---------------------------------------------------------------------------------------------
// The systematic sweep: every hostile value at every node of one rich valid scenario

/** The value a target's mutations apply to, and the case data carrying a mutation. */
interface SweepSite {
  readonly label: string;
  readonly target: Target;
  readonly base: () => unknown;
  readonly data: (m: Mutation[]) => unknown;
}

function sweepSites(s: Scenario): SweepSite[] {
  const state = () => baseline(s).first.state;
  return [
    { label: "rule set", target: "parseRuleSet", base: () => s.ruleSet, data: (m) => ({ s, m }) },
    { label: "reps", target: "reps", base: () => s.reps, data: (m) => ({ s, m }) },
    {
      label: "customers",
      target: "customers",
      base: () => s.batches[0],
      data: (m) => ({ s, m, throwing: false }),
    },
    {
      label: "state",
      target: "state",
      base: () => JSON.parse(JSON.stringify(state())),
      data: (m) => ({ s, m }),
    },
    {
      label: "assign input",
      target: "assign",
      base: () => callInput(s, state(), "full"),
      data: (m) => ({
        s,
        ruleSetMutations: null,
        inputMutations: m,
        throwing: false,
        explain: "full",
      }),
    },
    ...OPERATION_NAMES.map(
      (op): SweepSite => ({
        label: `${op} input`,
        target: "operations",
        base: () => operationInput({ s, pick: 0, extra: false }, state()),
        data: (m) => ({ s, op, pick: 0, m, extra: false, throwing: false }),
      }),
    ),
    {
      label: "replay input",
      target: "replay",
      base: () => replayInput(s, true),
      data: (m) => ({ s, m, withBase: true }),
    },
    {
      label: "simulate input",
      target: "analysis",
      base: () => callInput(s, state()),
      data: (m) => ({ s, m, diff: false }),
    },
  ];
}

/** The treatments the sweep gives each node: every hostile value, every structural change, every odd key. */
function treatments(at: number): Mutation[] {
  return [
    ...HOSTILE_TOKENS.map((token): Mutation => ({ at, op: "replace", token })),
    { at, op: "delete" },
    { at, op: "hole" },
    { at, op: "wrap" },
    { at, op: "unwrap" },
    { at, op: "retype" },
    ...KEY_POOL.map((key): Mutation => ({ at, op: "addKey", key, token: "protoObject" })),
  ];
}

/**
 * Gives every node of every input of `scenario` each treatment, one case each (every `stride`-th
 * (node, treatment) pair, so a stride of 1 is exhaustive). Throws the first violation with the
 * input, node and treatment; no randomness, so a failure reproduces as it is.
 */
export function sweep(scenario: Scenario, stride = 1): FuzzReport {
  const started = performance.now();
  const outcomes: Record<string, Stats> = {};
  let cases = 0;
  let slowest = 0;
  for (const site of sweepSites(scenario)) {
    const stats: Stats = {};
    outcomes[`sweep ${site.label}`] = stats;
    const nodes = nodePaths(site.base()).length;
    let k = 0;
    for (let at = 0; at < nodes; at++) {
      for (const m of treatments(at)) {
        if (k++ % stride !== 0) continue;
        cases++;
        const t0 = performance.now();
        try {
          CASES[site.target].run(site.data([m]), stats);
          checkNoPollution();
        } catch (error) {
          const path = nodePaths(site.base())[at];
          const why = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
          throw new Error(
            `sweep: ${site.label} at ${JSON.stringify(path)} with ${JSON.stringify(m)}: ${why}`,
            { cause: error },
          );
        }
        const ms = performance.now() - t0;
        slowest = Math.max(slowest, ms);
        if (ms > CASE_TIME_LIMIT_MS)
          fail(
            `sweep: ${site.label} at node ${at} with ${JSON.stringify(m)} took ${Math.round(ms)} ms`,
          );
      }
    }
  }
  return {
    seed: 0,
    cases,
    durationMs: Math.round(performance.now() - started),
    outcomes,
    slowestCaseMs: Math.round(slowest),
  };
}

// ---------------------------------------------------------------------------------------------
// Running

/** The seed of this process: `FUZZ_SEED`, else derived from the time (printed, so any failure reproduces). */
export function defaultSeed(): number {
  const env = process.env.FUZZ_SEED;
  if (env !== undefined && env !== "") return Number(env) | 0;
  return (Date.now() ^ (process.pid << 8)) | 0;
}

/** Runs `cases` cases of one target; throws fast-check's report (seed, path, counterexample) on a violation. */
export function fuzzTarget(target: Target, cases: number, seed: number): FuzzReport {
  const stats: Stats = {};
  const { arb, run } = CASES[target];
  let slowest = 0;
  let runMs = 0;
  const started = performance.now();
  fc.assert(
    fc.property(arb, (c) => {
      const t0 = performance.now();
      try {
        run(c, stats);
      } finally {
        checkNoPollution();
      }
      const ms = performance.now() - t0;
      runMs += ms;
      slowest = Math.max(slowest, ms);
      // FUZZ_PROFILE=<ms>: print the cases slower than that, to find what is expensive.
      if (process.env.FUZZ_PROFILE && ms > Number(process.env.FUZZ_PROFILE))
        console.log(`slow ${target} ${Math.round(ms)}ms ${JSON.stringify(c).slice(-300)}`);
      if (ms > CASE_TIME_LIMIT_MS)
        fail(`case took ${Math.round(ms)} ms (limit ${CASE_TIME_LIMIT_MS} ms): a hang`);
    }),
    { numRuns: cases, seed, endOnFailure: process.env.FUZZ_SHRINK === "0" },
  );
  return {
    seed,
    cases,
    durationMs: Math.round(performance.now() - started),
    outcomes: { [target]: stats },
    slowestCaseMs: Math.round(slowest),
    runMs: Math.round(runMs),
  };
}

/**
 * Runs `cases` cases spread over every target by {@link TARGET_WEIGHTS}, from `seed`.
 * Throws on the first violation with fast-check's report (seed and counterexample path).
 */
export function fuzz(cases: number, seed: number): FuzzReport {
  const total = Object.values(TARGET_WEIGHTS).reduce((a, b) => a + b, 0);
  const report: FuzzReport = { seed, cases: 0, durationMs: 0, outcomes: {}, slowestCaseMs: 0 };
  for (const target of TARGETS) {
    const n = Math.max(1, Math.round((cases * TARGET_WEIGHTS[target]) / total));
    const r = fuzzTarget(target, n, seed);
    report.cases += r.cases;
    report.durationMs += r.durationMs;
    report.slowestCaseMs = Math.max(report.slowestCaseMs, r.slowestCaseMs);
    Object.assign(report.outcomes, r.outcomes);
  }
  return report;
}

/** The mutations type, re-exported for tests that build cases by hand. */
export type { Mutation };
