/**
 * W1 with summary explanations (the same data as bench/run.mjs) in a process of its own, so that
 * bench/run.mjs can time it under other V8 flags. Prints the row as one JSON object on stdout.
 *
 *   node [flags] bench/w1-child.mjs [--quick]
 */
import { measure } from "./measure.mjs";
import * as W from "./workload.mjs";

const { createRouter } = await import(process.env.LEADROUTE_BENCH_DIST ?? "../dist/index.js");
const scale = process.argv.includes("--quick") ? 0.25 : 1;
const router = createRouter(W.leadrouteRuleSet(W.abstractRules(200)));
const reps = W.reps();
const customers = W.customers(0, 10_000);
const now = customers[customers.length - 1].receivedAt;
// Warmed up as the parent's router is by its equal-decisions check before it is timed.
for (let i = 0; i < 3; i++) router.assign({ customers, reps, now, explain: "summary" });
const row = await measure(
  "leadroute assign, summary explanations",
  customers.length,
  () => {
    router.assign({ customers, reps, now, explain: "summary" });
  },
  { scale, quiet: true },
);
process.stdout.write(`${JSON.stringify(row)}\n`);
