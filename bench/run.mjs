/**
 * `npm run bench`: leadroute against its peers on the same data, in the same process.
 *
 *   node --expose-gc bench/run.mjs [--quick] [--skip-w2]   (npm run bench builds first)
 *
 * 1. Builds the W1 workload (bench/workload.mjs) and checks that every engine picks the same
 *    rule for every customer it runs (the run stops if one does not).
 * 2. Times W1 (10,000 customers × 200 rules × 500 reps), W3 (10 … 10,000 rules), W4 (full vs
 *    summary explanations) with tinybench, and W2 (1,000,000 customers in chunks of 10,000,
 *    threading the state) in a child process for an honest peak RSS.
 * 3. Prints the tables and writes bench/results/latest.json (partial.json for --quick or --skip-w2).
 *
 * Figures are medians (p50) of per-iteration wall time; the machine's load average is recorded
 * with them, because other processes on a shared machine slow every engine alike.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { LogicEngine } from "json-logic-engine";
import jsonLogic from "json-logic-js";
import { Engine } from "json-rules-engine";
import { fmt, measure as measureRow, round } from "./measure.mjs";
import * as W from "./workload.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const dist = process.env.LEADROUTE_BENCH_DIST ?? "../dist/index.js";
const { createRouter } = await import(dist);
const quick = process.argv.includes("--quick");
const skipW2 = process.argv.includes("--skip-w2");
const scale = quick ? 0.25 : 1;

const load = () => os.loadavg().map((l) => Math.round(l * 100) / 100);
const results = {
  date: new Date().toISOString(),
  machine: {
    cpu: os.cpus()[0]?.model ?? "unknown",
    cpus: os.cpus().length,
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverageAtStart: load(),
  },
  quick,
  checks: {},
  w1: {},
  w1ByStrategy: [],
  w1Young: [],
  perLead: null,
  w3: [],
  w4: {},
  w2: null,
  w2Runs: [],
  targets: [],
};

/** Time `fn` (which handles `n` customers): customers/s at the median (see measure.mjs). */
const measure = (name, n, fn, options = {}) => measureRow(name, n, fn, { ...options, scale });

// ---------------------------------------------------------------------------------------------
// W1 data and the peers.
const RULES = W.abstractRules(200);
const ruleSet = W.leadrouteRuleSet(RULES);
const reps = W.reps();
const customers = W.customers(0, 10_000);
const now = customers[customers.length - 1].receivedAt;
const router = createRouter(ruleSet);
const queueRouter = createRouter({
  ...ruleSet,
  rules: ruleSet.rules.map((r) => ({ ...r, assign: { queue: "leads" } })),
});

const logic = RULES.map(W.ruleLogic);
const jsonLogicFirst = (c) => {
  const data = { customer: c };
  for (let i = 0; i < logic.length; i++)
    if (jsonLogic.truthy(jsonLogic.apply(logic[i], data))) return i;
  return -1;
};
const engine = new LogicEngine();
const compiled = logic.map((l) => engine.build(l));
const logicEngineFirst = (c) => {
  const data = { customer: c };
  for (let i = 0; i < compiled.length; i++) if (compiled[i](data)) return i;
  return -1;
};
const rulesEngine = new Engine(RULES.map(W.rulesEngineRule), { allowUndefinedFacts: true });
rulesEngine.addOperator("startsWith", (a, b) => typeof a === "string" && a.startsWith(b));
const rulesEngineFirst = async (c) => {
  const { events } = await rulesEngine.run(c);
  let first = -1;
  for (const e of events) if (first < 0 || e.params.index < first) first = e.params.index;
  return first;
};
let zen;
try {
  const { ZenEngine } = await import("@gorules/zen-engine");
  const zenEngine = new ZenEngine();
  const decision = zenEngine.createDecision(W.zenDecision(RULES));
  const index = new Map(RULES.map((r, i) => [r.id, i]));
  zen = {
    engine: zenEngine,
    first: async (c) => index.get((await decision.evaluate(c)).result.ruleId) ?? -1,
  };
} catch (error) {
  console.log(
    `note: @gorules/zen-engine is not available (${error.message}); skipped. Its lockfile entry breaks npm ci (npm omits its other platforms' optional packages), so it is not a devDependency: npm install --no-save @gorules/zen-engine@0.54.0 to include it.`,
  );
}

// ---------------------------------------------------------------------------------------------
console.log(
  `leadroute bench — ${results.machine.cpu} ×${results.machine.cpus}, Node ${process.version}`,
);
console.log(`load average at start: ${results.machine.loadAverageAtStart.join(", ")}\n`);
console.log("Equal decisions: the rule each engine picks, customer by customer");
// Only the picked rules are kept: the checking calls' results are not left alive (tens of MB)
// to slow the garbage collection of the timed runs.
const decided = (explain) =>
  router.assign({ customers, reps, now, explain }).decisions.map((d) => ({
    ruleId: d.ruleId,
    outcome: d.outcome,
  }));
const summaryPicks = decided("summary");
const expected = summaryPicks.map((d) => d.ruleId);
const unassigned = summaryPicks.filter((d) => d.outcome !== "assigned").length;
const position = new Map(RULES.map((r, i) => [r.id, i]));
function check(name, picks, count) {
  let mismatches = 0;
  for (let i = 0; i < count; i++) {
    const want = position.get(expected[i]) ?? -2;
    if (picks[i] !== want) {
      mismatches++;
      if (mismatches <= 3) {
        console.log(
          `    ${customers[i].id}: leadroute ${expected[i]}, ${name} ${RULES[picks[i]]?.id}`,
        );
      }
    }
  }
  results.checks[name] = { customers: count, mismatches };
  console.log(`  ${name.padEnd(44)} ${count} customers, ${mismatches} mismatches`);
  if (mismatches > 0)
    throw new Error(`${name} disagrees with leadroute on ${mismatches} customers`);
}
if (unassigned > 0)
  throw new Error(`${unassigned} customers not assigned: the comparison needs all`);
check(
  "leadroute full explanations",
  decided("full").map((d) => position.get(d.ruleId) ?? -1),
  customers.length,
);
check("json-logic-js first match", customers.map(jsonLogicFirst), customers.length);
check("json-logic-engine compiled first match", customers.map(logicEngineFirst), customers.length);
const rulesEngineCount = quick ? 300 : 1_000;
const rePicks = [];
for (let i = 0; i < rulesEngineCount; i++) rePicks.push(await rulesEngineFirst(customers[i]));
check("json-rules-engine", rePicks, rulesEngineCount);
if (zen) {
  const zenCount = quick ? 1_000 : 4_000;
  const zenPicks = [];
  for (let i = 0; i < zenCount; i++) zenPicks.push(await zen.first(customers[i]));
  check("zen-engine decision table", zenPicks, zenCount);
}
const winners = new Map();
for (const id of expected) winners.set(id, (winners.get(id) ?? 0) + 1);
const catchAll = [...winners]
  .filter(([id]) => id.startsWith("catch-all"))
  .reduce((s, [, n]) => s + n, 0);
results.checks.distribution = { distinctWinningRules: winners.size, caughtByCatchAll: catchAll };
console.log(
  `  (${winners.size} distinct winning rules; ${catchAll} customers fall to a catch-all)\n`,
);

// ---------------------------------------------------------------------------------------------
console.log("W1: 10,000 customers × 200 rules × 500 reps in 25 pools");
const w1 = results.w1;
w1.leadrouteSummary = await measure(
  "leadroute assign, summary explanations",
  customers.length,
  () => {
    router.assign({ customers, reps, now, explain: "summary" });
  },
);
w1.leadrouteRulesOnly = await measure(
  "leadroute assign, every rule → a queue",
  customers.length,
  () => {
    queueRouter.assign({ customers, reps, now, explain: "summary" });
  },
);
const slice = (n) => customers.slice(0, n);
const jlCustomers = slice(2_000);
w1.jsonLogicJs = await measure("json-logic-js first-match loop", jlCustomers.length, () => {
  for (const c of jlCustomers) jsonLogicFirst(c);
});
w1.jsonLogicEngine = await measure(
  "json-logic-engine compiled first-match loop",
  customers.length,
  () => {
    for (const c of customers) logicEngineFirst(c);
  },
);
const reCustomers = slice(quick ? 100 : 300);
w1.jsonRulesEngine = await measure(
  "json-rules-engine (all rules, first by position)",
  reCustomers.length,
  async () => {
    for (const c of reCustomers) await rulesEngineFirst(c);
  },
  { iterations: 3, time: 1000 },
);
if (zen) {
  const zc = slice(2_000);
  w1.zenSequential = await measure(
    "zen-engine decision table, one at a time",
    zc.length,
    async () => {
      for (const c of zc) await zen.first(c);
    },
  );
  w1.zenConcurrent = await measure(
    "zen-engine decision table, 64 in flight",
    zc.length,
    async () => {
      for (let i = 0; i < zc.length; i += 64) await Promise.all(zc.slice(i, i + 64).map(zen.first));
    },
  );
  zen.engine.dispose();
}

// The issue's reference figures evaluate every rule for every lead: the customers no specific
// rule takes (they fall to a catch-all, the last 10 rules) make every peer do exactly that.
const fallThrough = customers.filter((_, i) => expected[i]?.startsWith("catch-all"));
console.log(
  `\nW1, the ${fmt(fallThrough.length)} customers only a catch-all takes (peers evaluate all 200 rules)`,
);
const w1b = {};
results.w1EveryRule = w1b;
w1b.leadrouteSummary = await measure(
  "leadroute assign, summary explanations",
  fallThrough.length,
  () => {
    router.assign({ customers: fallThrough, reps, now, explain: "summary" });
  },
);
w1b.leadrouteRulesOnly = await measure(
  "leadroute assign, every rule → a queue",
  fallThrough.length,
  () => {
    queueRouter.assign({ customers: fallThrough, reps, now, explain: "summary" });
  },
);
const jlFall = fallThrough.slice(0, 1_000);
w1b.jsonLogicJs = await measure("json-logic-js first-match loop", jlFall.length, () => {
  for (const c of jlFall) jsonLogicFirst(c);
});
w1b.jsonLogicEngine = await measure(
  "json-logic-engine compiled first-match loop",
  fallThrough.length,
  () => {
    for (const c of fallThrough) logicEngineFirst(c);
  },
);

// ---------------------------------------------------------------------------------------------
// What each strategy costs: the W1 rule set with every pool on one strategy (the same rules,
// reps and customers; the rep picked differs, so only the timing is compared).
console.log("\nW1 with every pool on one strategy (summary explanations)");
for (const strategy of ["round-robin", "weighted", "least-loaded", "sticky"]) {
  const pools = Object.fromEntries(
    Object.entries(ruleSet.pools).map(([id, pool]) => [id, { ...pool, strategy }]),
  );
  const r = createRouter({ ...ruleSet, pools });
  const row = await measure(`leadroute, every pool ${strategy}`, customers.length, () => {
    r.assign({ customers, reps, now });
  });
  results.w1ByStrategy.push({ strategy, ...row });
}

// ---------------------------------------------------------------------------------------------
console.log("\nW4: full explanations against summary (W1 data)");
results.w4.summary = w1.leadrouteSummary;
results.w4.full = await measure("leadroute assign, full explanations", customers.length, () => {
  router.assign({ customers, reps, now, explain: "full" });
});
results.w4.fullOverSummary = round(
  results.w4.full.msPerIteration / results.w4.summary.msPerIteration,
  2,
);
console.log(`  full / summary time: ${results.w4.fullOverSummary}×`);

// ---------------------------------------------------------------------------------------------
console.log("\nW3: cost per customer as the rule set grows (summary explanations)");
for (const count of [10, 100, 1_000, 10_000]) {
  const rules = W.abstractRules(count);
  const t0 = performance.now();
  const r = createRouter(W.leadrouteRuleSet(rules));
  const compileMs = performance.now() - t0;
  const picks = r.assign({ customers, reps, now }).decisions.map((d) => d.ruleId);
  const built = W.abstractRules(count)
    .map(W.ruleLogic)
    .map((l) => engine.build(l));
  const peerFirst = (c) => {
    const data = { customer: c };
    for (let i = 0; i < built.length; i++) if (built[i](data)) return rules[i].id;
    return undefined;
  };
  const peerCustomers = slice(count >= 10_000 ? 1_000 : 10_000);
  const agree = peerCustomers.every((c, i) => peerFirst(c) === picks[i]);
  if (!agree) throw new Error(`W3 ${count} rules: json-logic-engine disagrees with leadroute`);
  const lr = await measure(`leadroute, ${fmt(count)} rules`, customers.length, () => {
    r.assign({ customers, reps, now });
  });
  const peer = await measure(`json-logic-engine, ${fmt(count)} rules`, peerCustomers.length, () => {
    for (const c of peerCustomers) peerFirst(c);
  });
  results.w3.push({
    rules: count,
    compileMs: round(compileMs, 1),
    leadroute: lr,
    jsonLogicEngine: peer,
  });
}

// ---------------------------------------------------------------------------------------------
// A host that calls once per lead: the W1 customers one by one, threading the state, with the
// same 500 reps every call (each call checks the roster and returns a new state).
console.log("\nW1 customers one per call, threading the state");
const single = customers.slice(0, quick ? 500 : 2_000);
results.perLead = await measure("leadroute assign, one customer per call", single.length, () => {
  let state;
  for (const c of single)
    state = router.assign({ customers: [c], reps, state, now: c.receivedAt }).state;
});

// ---------------------------------------------------------------------------------------------
// W1 in child processes: Node's defaults, then a larger young generation. Most of what a batch
// allocates is its result (decisions, explanations, events), which lives until the call ends;
// a young generation that holds more of it copies less of it. A host tuning, not a target.
const childEnv = {
  ...process.env,
  LEADROUTE_BENCH_DIST: dist.startsWith(".") ? join(here, dist) : dist,
};
console.log("\nW1 summary in a child process, by young-generation size");
for (const flags of [[], ["--max-semi-space-size=64"]]) {
  const out = execFileSync(
    process.execPath,
    ["--expose-gc", ...flags, join(here, "w1-child.mjs"), ...(quick ? ["--quick"] : [])],
    { encoding: "utf8", env: childEnv },
  );
  const row = { flags: flags.join(" "), ...JSON.parse(out) };
  results.w1Young.push(row);
  console.log(
    `  ${(row.flags || "Node defaults").padEnd(44)} ${fmt(row.customersPerSecond).padStart(11)} customers/s  (${row.microsPerCustomer} µs each)`,
  );
}

// ---------------------------------------------------------------------------------------------
if (!skipW2) {
  const total = quick ? 200_000 : 1_000_000;
  console.log(
    `\nW2: ${fmt(total)} customers in chunks of 10,000, threading the state (child process)`,
  );
  // Three runs: how fast the end of a stream goes depends on when V8 happens to collect, which
  // varies from run to run; the status shows the run whose linearity is the median.
  const linearity = (run) => run.lastTenthPerSecond / run.firstTenthPerSecond;
  for (let i = 0; i < 3; i++) {
    const out = execFileSync(
      process.execPath,
      ["--expose-gc", join(here, "w2.mjs"), String(total), "10000"],
      { encoding: "utf8", env: childEnv, maxBuffer: 2 ** 26 },
    );
    const run = JSON.parse(out);
    results.w2Runs.push(run);
    console.log(
      `  run ${i + 1}: ${fmt(Math.round(run.customersPerSecond))}/s, last tenth ÷ first tenth ${round(linearity(run), 2)}, peak RSS ${Math.round(run.peakRssMB)} MB`,
    );
  }
  results.w2 = [...results.w2Runs].sort((a, b) => linearity(a) - linearity(b))[1];
  // The same stream with V8's old space capped: the live state must fit, garbage is collected
  // sooner. Shows how much of the default run's RSS is uncollected garbage, and what it costs.
  const capped = execFileSync(
    process.execPath,
    ["--max-old-space-size=512", join(here, "w2.mjs"), String(total), "10000"],
    {
      encoding: "utf8",
      env: childEnv,
      maxBuffer: 2 ** 26,
    },
  );
  results.w2capped = { maxOldSpaceMB: 512, ...JSON.parse(capped) };
  const w2 = results.w2;
  console.log(
    `  median run: ${fmt(Math.round(w2.customersPerSecond))} customers/s overall; first tenth ${fmt(Math.round(w2.firstTenthPerSecond))}/s, last tenth ${fmt(Math.round(w2.lastTenthPerSecond))}/s`,
  );
  console.log(
    `  peak RSS ${Math.round(w2.peakRssMB)} MB, peak heap ${Math.round(w2.peakHeapMB)} MB, ${fmt(w2.stateCustomers)} customers in the final state, ${w2.liveStateBytesPerCustomer} bytes each when collected`,
  );
  const c = results.w2capped;
  console.log(
    `  with --max-old-space-size=512: ${fmt(Math.round(c.customersPerSecond))} customers/s, first tenth ${fmt(Math.round(c.firstTenthPerSecond))}/s, last tenth ${fmt(Math.round(c.lastTenthPerSecond))}/s, peak RSS ${Math.round(c.peakRssMB)} MB`,
  );
}

// ---------------------------------------------------------------------------------------------
const target = (name, measured, goal, met, unit = "") =>
  results.targets.push({ name, measured, goal, unit, met });
const s = w1.leadrouteSummary.customersPerSecond;
target("W1 summary ≥ 100k customers/s", s, 100_000, s >= 100_000, "customers/s");
/** A ratio target against a peer: leadroute's W1 summary throughput ÷ the peer's. */
const overPeer = (name, peer, goal, digits) => {
  const ratio = s / peer.customersPerSecond;
  target(name, round(ratio, digits), goal, ratio >= goal, "×");
};
overPeer("≥ 25× json-logic-js", w1.jsonLogicJs, 25, 1);
overPeer("≥ 500× json-rules-engine", w1.jsonRulesEngine, 500, 1);
overPeer("≥ 2× json-logic-engine compiled", w1.jsonLogicEngine, 2, 2);
if (zen) {
  target(
    "(no target) vs zen-engine, one at a time",
    round(s / w1.zenSequential.customersPerSecond, 1),
    null,
    null,
    "×",
  );
}
const w3first = results.w3[0].leadroute.microsPerCustomer;
const w3last = results.w3[results.w3.length - 1].leadroute.microsPerCustomer;
target("W3 cost 10 → 10,000 rules < 3×", round(w3last / w3first, 2), 3, w3last / w3first < 3, "×");
target("W4 full ≤ 3× summary", results.w4.fullOverSummary, 3, results.w4.fullOverSummary <= 3, "×");
if (results.w2) {
  const ratio = results.w2.lastTenthPerSecond / results.w2.firstTenthPerSecond;
  target(
    "W2 linear (last tenth ≥ 80% of first tenth's speed)",
    round(ratio, 2),
    0.8,
    ratio >= 0.8,
    "×",
  );
  target(
    "W2 peak RSS < 300 MB",
    Math.round(results.w2.peakRssMB),
    300,
    results.w2.peakRssMB < 300,
    "MB",
  );
}
results.machine.loadAverageAtEnd = load();

console.log("\nComparison (W1, customers/s at the median; ratio = leadroute summary ÷ engine)");
const rows = [
  ["leadroute, summary explanations", w1.leadrouteSummary],
  ["leadroute, full explanations", results.w4.full],
  ["leadroute, rules only (targets are queues)", w1.leadrouteRulesOnly],
  ["json-logic-engine 5.0.7 compiled loop", w1.jsonLogicEngine],
  ["json-logic-js 2.0.5 loop", w1.jsonLogicJs],
  ...(zen
    ? [
        ["zen-engine 0.54.0, one at a time", w1.zenSequential],
        ["zen-engine 0.54.0, 64 in flight", w1.zenConcurrent],
      ]
    : []),
  ["json-rules-engine 7.3.1", w1.jsonRulesEngine],
];
console.log(`  ${"engine".padEnd(46)} ${"customers/s".padStart(12)} ${"ratio".padStart(9)}`);
for (const [name, row] of rows) {
  const ratio = s / row.customersPerSecond;
  console.log(
    `  ${name.padEnd(46)} ${fmt(row.customersPerSecond).padStart(12)} ${`${ratio < 10 ? ratio.toFixed(2) : Math.round(ratio)}×`.padStart(9)}`,
  );
}
console.log(
  "\nEvery rule evaluated (catch-all customers only; ratio = leadroute summary ÷ engine)",
);
for (const [name, row] of [
  ["leadroute, summary explanations", w1b.leadrouteSummary],
  ["leadroute, rules only (targets are queues)", w1b.leadrouteRulesOnly],
  ["json-logic-engine 5.0.7 compiled loop", w1b.jsonLogicEngine],
  ["json-logic-js 2.0.5 loop", w1b.jsonLogicJs],
]) {
  const ratio = w1b.leadrouteSummary.customersPerSecond / row.customersPerSecond;
  console.log(
    `  ${name.padEnd(46)} ${fmt(row.customersPerSecond).padStart(12)} ${`${ratio < 10 ? ratio.toFixed(2) : Math.round(ratio)}×`.padStart(9)}`,
  );
}
console.log("\nTargets");
for (const t of results.targets) {
  const mark = t.met === null ? "  " : t.met ? "ok" : "NO";
  console.log(`  [${mark}] ${t.name.padEnd(52)} measured ${fmt(t.measured)}${t.unit}`);
}
console.log(`\nload average at end: ${results.machine.loadAverageAtEnd.join(", ")}`);

mkdirSync(join(here, "results"), { recursive: true });
// Only a complete run replaces latest.json (the run docs/performance.md shows).
const file = quick || skipW2 ? "partial.json" : "latest.json";
writeFileSync(join(here, "results", file), `${JSON.stringify(results, null, 2)}\n`);
console.log(
  `wrote bench/results/${file}${file === "partial.json" ? " (--quick and --skip-w2 runs do not replace latest.json)" : ""}`,
);
