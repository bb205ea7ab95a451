/**
 * The tables of docs/performance.md, rendered from a bench result (bench/results/latest.json),
 * so the page shows exactly what the last run measured: a test compares each block of the page
 * with this rendering.
 *
 *   node bench/tables.mjs [results.json]   prints every block with its marker
 */
import { readFileSync } from "node:fs";

const n = (x) => Math.round(x).toLocaleString("en-US");
const ratio = (x) => (x >= 10 ? `${Math.round(x)}×` : `${x.toFixed(2)}×`);

function table(head, align, rows) {
  const cells = [head, ...rows];
  const widths = head.map((_, c) => Math.max(3, ...cells.map((r) => r[c].length)));
  const line = (r) =>
    `| ${r.map((v, c) => (align[c] === "r" ? v.padStart(widths[c]) : v.padEnd(widths[c]))).join(" | ")} |`;
  const rule = `| ${widths.map((w, c) => (align[c] === "r" ? `${"-".repeat(w - 1)}:` : "-".repeat(w))).join(" | ")} |`;
  return [line(head), rule, ...rows.map(line)].join("\n");
}

/** Whether two W2 results are the same run (results read back from JSON are copies). */
const sameRun = (a, b) => a.wallMs === b.wallMs && a.peakRssMB === b.peakRssMB;

/** Every table block of the page, by marker name. */
export function renderTables(r) {
  const w1 = r.w1;
  const s = w1.leadrouteSummary.customersPerSecond;
  const status = table(
    ["target (issue 5)", "measured", "met"],
    ["l", "r", "l"],
    r.targets.map((t) => [
      t.name,
      t.unit === "×" ? `${t.measured}×` : `${n(t.measured)} ${t.unit}`,
      t.met ? "yes" : "no",
    ]),
  );
  const row = (name, x) => [name, n(x.customersPerSecond), ratio(s / x.customersPerSecond)];
  const comparison = table(
    ["engine", "customers/s", "ratio"],
    ["l", "r", "r"],
    [
      row("leadroute `assign`, summary explanations", w1.leadrouteSummary),
      row("leadroute `assign`, full explanations", r.w4.full),
      row("leadroute `assign`, every rule → a queue (matching + pipeline)", w1.leadrouteRulesOnly),
      row("json-logic-engine 5.0.7, compiled, first-match loop", w1.jsonLogicEngine),
      row("json-logic-js 2.0.5, first-match loop", w1.jsonLogicJs),
      ...(w1.zenConcurrent
        ? [
            row("@gorules/zen-engine 0.54.0 decision table, 64 in flight", w1.zenConcurrent),
            row("@gorules/zen-engine 0.54.0 decision table, one at a time", w1.zenSequential),
          ]
        : []),
      row("json-rules-engine 7.3.1", w1.jsonRulesEngine),
    ],
  );
  const e = r.w1EveryRule;
  const es = e.leadrouteSummary.customersPerSecond;
  const erow = (name, x) => [name, n(x.customersPerSecond), ratio(es / x.customersPerSecond)];
  const everyRule = table(
    ["engine", "customers/s", "ratio"],
    ["l", "r", "r"],
    [
      erow("leadroute `assign`, summary explanations", e.leadrouteSummary),
      erow("leadroute `assign`, every rule → a queue", e.leadrouteRulesOnly),
      erow("json-logic-engine 5.0.7 compiled loop", e.jsonLogicEngine),
      erow("json-logic-js 2.0.5 loop", e.jsonLogicJs),
    ],
  );
  const w3 = table(
    ["rules", "compile", "leadroute µs/customer", "json-logic-engine loop µs/customer"],
    ["r", "r", "r", "r"],
    r.w3.map((x) => [
      n(x.rules),
      `${Math.round(x.compileMs)} ms`,
      x.leadroute.microsPerCustomer.toFixed(1),
      x.jsonLogicEngine.microsPerCustomer.toFixed(x.jsonLogicEngine.microsPerCustomer < 1 ? 2 : 1),
    ]),
  );
  const w2row = (name, x) => [
    name,
    `${n(x.customersPerSecond)}/s`,
    `${n(x.firstTenthPerSecond)}/s`,
    `${n(x.lastTenthPerSecond)}/s`,
    `${n(x.peakRssMB)} MB`,
  ];
  // A run without W2 (--skip-w2) has no W2 table.
  const w2 =
    r.w2 &&
    table(
      ["run", "overall", "first tenth", "last tenth", "peak RSS"],
      ["l", "r", "r", "r", "r"],
      [
        ...r.w2Runs.map((x, i) =>
          w2row(`Node defaults, run ${i + 1}${sameRun(x, r.w2) ? " (median)" : ""}`, x),
        ),
        w2row(`\`--max-old-space-size=${r.w2capped.maxOldSpaceMB}\``, r.w2capped),
      ],
    );
  const strategies = table(
    ["every pool on", "customers/s", "µs/customer"],
    ["l", "r", "r"],
    r.w1ByStrategy.map((x) => [
      `\`${x.strategy}\``,
      n(x.customersPerSecond),
      x.microsPerCustomer.toFixed(1),
    ]),
  );
  const young = table(
    ["W1 summary, child process", "customers/s", "µs/customer"],
    ["l", "r", "r"],
    r.w1Young.map((x) => [
      x.flags === "" ? "Node defaults" : `\`node ${x.flags}\``,
      n(x.customersPerSecond),
      x.microsPerCustomer.toFixed(1),
    ]),
  );
  const perLead = table(
    ["W1 customers", "customers/s", "µs/customer"],
    ["l", "r", "r"],
    [
      [
        "10,000 in one call (W1)",
        n(w1.leadrouteSummary.customersPerSecond),
        w1.leadrouteSummary.microsPerCustomer.toFixed(1),
      ],
      [
        `${n(r.perLead.customers)}, one per call, state threaded`,
        n(r.perLead.customersPerSecond),
        r.perLead.microsPerCustomer.toFixed(1),
      ],
    ],
  );
  return {
    status,
    comparison,
    "every-rule": everyRule,
    strategies,
    young,
    "per-lead": perLead,
    w3,
    ...(w2 ? { w2 } : {}),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2] ?? new URL("./results/latest.json", import.meta.url);
  const tables = renderTables(JSON.parse(readFileSync(file, "utf8")));
  for (const [name, text] of Object.entries(tables)) {
    console.log(`<!-- bench: ${name} -->\n\n${text}\n\n<!-- /bench -->\n`);
  }
}
