import { version } from "../../../package.json";
import type { SimulationReport } from "../../analysis/simulate";
import { OUTCOMES, type Outcome } from "../../explain/codes";
import { formatExplanation } from "../../explain/format";
import type { Locale } from "../../explain/locales";
import type { Conflict } from "../../explain/types";
import type { RuleSet } from "../../schema/rule-set";
import { countList, ruleSetLabel } from "../render/simulation";
import { num, percent, points } from "../render/table";
import { esc } from "./escape";
import { REPORT_CSS } from "./style";
import { type Bar, horizontalBars, stackedColumns } from "./svg";

/** What the report shows besides the simulation itself. */
export interface ReportOptions {
  now: string | number;
  nowSource: "option" | "customers";
  customersFile: string;
  /** Language of the explanation texts. */
  locale: Locale;
  /** The rule set, for pool and rule descriptions. */
  ruleSet?: RuleSet | undefined;
}

/** Most rows of the conflict and queued-customer tables; the rest is in the `--out` JSON. */
export const MAX_TABLE_ROWS = 1000;

const OUTCOME_LABELS: Record<Outcome, string> = {
  assigned: "assigned",
  kept: "kept by owner",
  account_owner: "account owner",
  queued: "queued",
  conflict: "conflict",
};

function legend(items: readonly (readonly [string, string])[]): string {
  return `<div class="legend">${items
    .map(([cls, label]) =>
      cls === "line"
        ? `<span><i class="line"></i>${esc(label)}</span>`
        : `<span><i class="${esc(cls)}"></i>${esc(label)}</span>`,
    )
    .join("")}</div>`;
}

function table(
  headers: readonly (readonly [string, "n" | ""])[],
  rows: readonly (readonly string[])[],
  scroll = false,
): string {
  const head = headers.map(([h, c]) => `<th${c ? ` class="${c}"` : ""}>${esc(h)}</th>`).join("");
  const body = rows
    .map(
      (r) =>
        `<tr>${r.map((cell, i) => `<td${headers[i]?.[1] ? ` class="${headers[i]![1]}"` : ""}>${cell}</td>`).join("")}</tr>`,
    )
    .join("\n");
  const t = `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
  return scroll ? `<div class="scroll">${t}</div>` : t;
}

/** A conflict's facts in one line of text (escaped by the caller). */
export function conflictText(c: Conflict): string {
  switch (c.type) {
    case "rule_overlap":
      return `rules ${c.ruleIds.join(", ")} matched at priority ${c.priority ?? "-"}; ${
        c.resolution === "declared_order"
          ? `"${c.winner ?? ""}" won by declared order`
          : "nobody assigned"
      }`;
    case "protected_owner":
      return `owner ${c.owner} is protected until ${c.protectedUntil}; rule "${c.ruleId}" would have sent it elsewhere`;
    case "duplicate_in_batch":
      return `account ${c.accountId} also has ${c.firstCustomerId} in this batch`;
    case "no_eligible_rep": {
      const excluded = countList(c.excluded);
      return `rule "${c.ruleId}": none of ${c.candidates} candidates eligible${excluded ? ` (${excluded})` : ""}`;
    }
    case "claim_collision":
      return `claim by ${c.repId} lost: owner changed at version ${c.changedAtVersion} (expected ${c.expectedVersion})`;
  }
}

/**
 * The simulation as one self-contained HTML page: summary cards, inline SVG charts (customers
 * per rep against the target share, outcomes, per rule, per day), fairness, queues, conflicts,
 * the queued customers with their explanations, and rejected records. No script, no network:
 * a Content-Security-Policy forbids every external load. All input text is HTML-escaped.
 * Deterministic: no timestamp of its own.
 */
export function renderReportHtml(report: SimulationReport, opts: ReportOptions): string {
  const t = report.totals;
  const label = ruleSetLabel(report.ruleSet);
  const rs = opts.ruleSet;

  const cards = [
    ["", "customers", String(t.customers)],
    ...OUTCOMES.map((o) => [o, OUTCOME_LABELS[o], String(t.byOutcome[o])]),
    ["rejected", "rejected records", String(t.rejected)],
    [
      "",
      "max deviation",
      report.fairness.maxDeviation === null ? "–" : num(report.fairness.maxDeviation, 1),
    ],
    ["", "Gini (count/weight)", report.fairness.gini === null ? "–" : num(report.fairness.gini, 3)],
  ]
    .map(
      ([cls, name, value]) =>
        `<div class="card ${esc(cls ?? "")}"><b>${esc(value ?? "")}</b><span>${esc(name ?? "")}</span></div>`,
    )
    .join("");

  // Customers per rep: the assigned bar against the weighted target (a marker).
  const assignedTotal = t.byOutcome.assigned;
  const repBars: Bar[] = report.perRep.map((r) => ({
    key: r.repId,
    label: r.name ? `${r.name} (${r.repId})` : r.repId,
    segments: [{ value: r.assigned, className: "s-assigned", label: "assigned" }],
    marker:
      r.targetShare === null
        ? undefined
        : {
            value: r.targetShare * assignedTotal,
            label: `target ${percent(r.targetShare)} = ${num(r.targetShare * assignedTotal, 1)}`,
          },
    note: `${r.assigned} · ${percent(r.share)}${r.targetShare === null ? "" : ` vs ${percent(r.targetShare)}`} · +${r.kept + r.accountOwner} owned`,
  }));

  const outcomeBars: Bar[] = OUTCOMES.map((o) => ({
    key: o,
    label: OUTCOME_LABELS[o],
    segments: [{ value: t.byOutcome[o], className: `s-${o}`, label: o }],
    note: `${t.byOutcome[o]} · ${percent(t.decided === 0 ? 0 : t.byOutcome[o] / t.decided)}`,
  }));

  const ruleBars: Bar[] = report.perRule.map((r) => ({
    key: r.ruleId,
    label: r.ruleId === "(none)" ? "(no rule)" : r.ruleId,
    segments: [
      { value: r.assigned, className: "s-assigned", label: "assigned" },
      { value: r.queued, className: "s-queued", label: "queued" },
      {
        value: Math.max(0, r.customers - r.assigned - r.queued),
        className: "s-other",
        label: "other outcomes",
      },
    ],
    note: `${r.customers} · ${r.assigned} assigned · ${r.queued} queued`,
  }));

  const dayBars: Bar[] = report.timeline.map((d) => ({
    key: d.day,
    label: d.day.slice(5),
    segments: [
      { value: d.assigned, className: "s-assigned", label: "assigned" },
      { value: d.kept, className: "s-kept", label: "kept" },
      { value: d.accountOwner, className: "s-account_owner", label: "account owner" },
      { value: d.queued, className: "s-queued", label: "queued" },
      { value: d.conflict, className: "s-conflict", label: "conflict" },
    ],
  }));

  const poolRows = report.fairness.pools.map((p) => [
    `<code>${esc(p.poolId)}</code>${
      rs && Object.hasOwn(rs.pools, p.poolId) && rs.pools[p.poolId]?.description
        ? `<br><span class="note">${esc(rs.pools[p.poolId]!.description!)}</span>`
        : ""
    }`,
    esc(p.strategy),
    p.maxDeviation === null ? "–" : esc(num(p.maxDeviation)),
    p.gini === null ? "–" : esc(num(p.gini, 3)),
  ]);

  const repRows = report.perRep.map((r) => [
    `<code>${esc(r.repId)}</code>`,
    esc(r.name ?? ""),
    esc(num(r.weight)),
    String(r.assigned),
    String(r.kept),
    String(r.accountOwner),
    String(r.total),
    String(r.queuedForCapacity),
    esc(percent(r.share)),
    r.targetShare === null ? "–" : esc(percent(r.targetShare)),
    r.deviation === null ? "–" : esc(points(r.deviation)),
  ]);

  const queueRows = report.queues.map((q) => [
    `<code>${esc(q.queue)}</code>`,
    String(q.count),
    esc(countList(q.reasons)),
  ]);

  const conflicts = report.conflicts.list;
  const conflictRows = conflicts
    .slice(0, MAX_TABLE_ROWS)
    .map((c) => [
      `<span class="pill">${esc(c.type)}</span>`,
      `<code>${esc(c.customerId)}</code>`,
      esc(conflictText(c)),
    ]);
  const conflictTypeRows = Object.entries(report.conflicts.byType).map(([type, n]) => [
    esc(type),
    String(n),
  ]);

  const queued = report.result.decisions.filter((d) => d.outcome === "queued");
  const queuedRows = queued.slice(0, MAX_TABLE_ROWS).map((d) => {
    const text = formatExplanation(d.explanation, { locale: opts.locale });
    return [
      `<code>${esc(d.customerId)}</code>`,
      `<code>${esc(d.queue ?? "")}</code>`,
      esc(d.explanation.queueReason ?? ""),
      d.ruleId === undefined ? "–" : `<code>${esc(d.ruleId)}</code>`,
      `<details><summary>why</summary><pre>${esc(text)}</pre></details>`,
    ];
  });

  const rejected = report.result.rejected;
  const rejectedRows = rejected
    .slice(0, MAX_TABLE_ROWS)
    .map((r) => [
      String(r.index),
      `<code>${esc(r.customerId ?? "")}</code>`,
      esc(r.issues.map((i) => `${i.path ? `${i.path}: ` : ""}${i.message}`).join("; ")),
    ]);

  const more = (shown: number, all: number) =>
    all > shown
      ? `<p class="note">Showing ${shown} of ${all}; the full list is in the JSON written by <code>--out</code>.</p>`
      : "";
  const nowNote =
    opts.nowSource === "customers" ? ` (latest receivedAt in ${opts.customersFile})` : "";

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="leadroute ${esc(version)}">
<title>leadroute simulation · ${esc(label)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
<header>
<h1>Simulation of rule set <code>${esc(label)}</code></h1>
<p>now ${esc(String(opts.now))}${esc(nowNote)} · ${t.customers} customers, ${t.decided} decided, ${t.rejected} rejected${rs?.description ? ` · ${esc(rs.description)}` : ""}</p>
</header>

<section class="cards">${cards}</section>

<section id="reps">
<h2>Customers per rep against the target share</h2>
<p class="sub">Bars: customers assigned by the rules. Marker: the rep's weighted share of the assignments made through its pools. Kept and account-owner customers are listed as “owned” and not counted against the target.</p>
${legend([
  ["s-assigned", "assigned"],
  ["line", "target"],
])}
${horizontalBars("reps", "Customers per rep against the target share", repBars)}
</section>

<section id="outcomes">
<h2>Outcomes</h2>
<p class="sub">Every decided customer, by outcome.</p>
${horizontalBars("outcomes", "Outcomes", outcomeBars)}
</section>
<section id="rules">
<h2>Per rule</h2>
<p class="sub">Customers decided by each rule (the winning rule).</p>
${legend([
  ["s-assigned", "assigned"],
  ["s-queued", "queued"],
  ["s-other", "kept / account owner / conflict"],
])}
${horizontalBars("rules", "Customers per rule", ruleBars)}
</section>

<section id="timeline">
<h2>Per day</h2>
<p class="sub">Decisions per calendar day in ${esc(rs?.timezone ?? "the rule set's time zone")}.</p>
${legend([
  ["s-assigned", "assigned"],
  ["s-kept", "kept"],
  ["s-account_owner", "account owner"],
  ["s-queued", "queued"],
  ["s-conflict", "conflict"],
])}
${stackedColumns("timeline", "Decisions per day", dayBars)}
</section>

<section id="rep-table">
<h2>Reps</h2>
<p class="sub">“capped”: customers queued while this rep was excluded for a daily, weekly or owned cap. Deviation in percentage points.</p>
${table(
  [
    ["rep", ""],
    ["name", ""],
    ["weight", "n"],
    ["assigned", "n"],
    ["kept", "n"],
    ["account", "n"],
    ["total", "n"],
    ["capped", "n"],
    ["share", "n"],
    ["target", "n"],
    ["deviation", "n"],
  ],
  repRows,
)}
</section>

<div class="grid2">
<section id="fairness">
<h2>Fairness per pool</h2>
<p class="sub">Deviation: largest |count − n·w/W| in customers. Gini of count/weight (0 = perfectly even).</p>
${table(
  [
    ["pool", ""],
    ["strategy", ""],
    ["deviation", "n"],
    ["Gini", "n"],
  ],
  poolRows,
)}
</section>
<section id="queues">
<h2>Queues</h2>
<p class="sub">Customers left without a rep, per queue and reason.</p>
${
  queueRows.length === 0
    ? "<p>No customer was queued.</p>"
    : table(
        [
          ["queue", ""],
          ["customers", "n"],
          ["reasons", ""],
        ],
        queueRows,
      )
}
<h2 style="margin-top:14px">Conflicts by type</h2>
${table(
  [
    ["type", ""],
    ["count", "n"],
  ],
  conflictTypeRows,
)}
</section>
</div>

<section id="conflicts">
<h2>Conflicts (${conflicts.length})</h2>
<p class="sub">Two claims on one customer, reported with the facts behind them.</p>
${
  conflictRows.length === 0
    ? "<p>No conflicts.</p>"
    : table(
        [
          ["type", ""],
          ["customer", ""],
          ["details", ""],
        ],
        conflictRows,
        true,
      )
}
${more(conflictRows.length, conflicts.length)}
</section>

<section id="queued">
<h2>Queued customers (${queued.length})</h2>
<p class="sub">Each with its explanation: the rules considered, the reps excluded and why.</p>
${
  queuedRows.length === 0
    ? "<p>No customer was queued.</p>"
    : table(
        [
          ["customer", ""],
          ["queue", ""],
          ["reason", ""],
          ["rule", ""],
          ["explanation", ""],
        ],
        queuedRows,
        true,
      )
}
${more(queuedRows.length, queued.length)}
</section>

${
  rejected.length === 0
    ? ""
    : `<section id="rejected">
<h2>Rejected records (${rejected.length})</h2>
${table(
  [
    ["index", "n"],
    ["id", ""],
    ["issues", ""],
  ],
  rejectedRows,
  true,
)}
${more(rejectedRows.length, rejected.length)}
</section>`
}
<footer>Generated by leadroute ${esc(version)} · deterministic: the same inputs give the same report.</footer>
</main>
</body>
</html>
`;
}
