import type { SimulationReport } from "../../analysis/simulate";
import { OUTCOMES } from "../../explain/codes";
import { type Column, num, percent, points, renderTable, sanitize } from "./table";

/** What the report header says about the run besides the report itself. */
export interface RunContext {
  /** `now` as the user gave it, or as read from the customers. */
  now: string | number;
  nowSource: "option" | "customers";
  customersFile: string;
  /** 1-based source line of each customer record, when the format has lines (CSV, NDJSON). */
  customerLines?: readonly number[] | undefined;
}

const right = (header: string): Column => ({ header, align: "right" });
const left = (header: string): Column => ({ header });

/** `a 3, b 1` from a partial count record, largest first (ties by name). */
export function countList(counts: Partial<Record<string, number>>): string {
  return Object.entries(counts)
    .filter((e): e is [string, number] => typeof e[1] === "number" && e[1] > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
}

/** The ruleset label `id@revision` (or `id`). */
export function ruleSetLabel(rs: { id: string; revision: string | null }): string {
  return rs.revision === null ? rs.id : `${rs.id}@${rs.revision}`;
}

/** How many rejected records the human report lists before summarizing the rest. */
const MAX_REJECTED_SHOWN = 20;

/**
 * The human simulation report: header, outcomes, reps, rules, queues, conflicts, fairness,
 * timeline and rejected records, as aligned plain-text tables. Deterministic.
 */
export function renderSimulation(report: SimulationReport, ctx: RunContext): string {
  const out: string[] = [];
  const section = (title: string, body: string) => out.push("", title, body);
  const t = report.totals;
  const nowNote =
    ctx.nowSource === "customers" ? ` (latest receivedAt in ${ctx.customersFile})` : "";
  out.push(
    `Simulation of rule set ${sanitize(ruleSetLabel(report.ruleSet))}`,
    `  now        ${sanitize(String(ctx.now))}${nowNote}`,
    `  customers  ${t.customers} (${t.decided} decided, ${t.rejected} rejected)`,
  );

  const decided = Math.max(1, t.decided);
  section(
    "Outcomes",
    renderTable(
      [left("outcome"), right("customers"), right("share")],
      OUTCOMES.map((o) => [o, String(t.byOutcome[o]), percent(t.byOutcome[o] / decided)]),
    ),
  );

  section(
    "Reps (share and target of the assigned customers; deviation in percentage points)",
    renderTable(
      [
        left("rep"),
        left("name"),
        right("weight"),
        right("assigned"),
        right("kept"),
        right("account"),
        right("total"),
        right("capped"),
        right("share"),
        right("target"),
        right("deviation"),
      ],
      report.perRep.map((r) => [
        r.repId,
        r.name ?? "",
        num(r.weight),
        String(r.assigned),
        String(r.kept),
        String(r.accountOwner),
        String(r.total),
        String(r.queuedForCapacity),
        percent(r.share),
        r.targetShare === null ? "-" : percent(r.targetShare),
        r.deviation === null ? "-" : points(r.deviation),
      ]),
    ),
  );

  section(
    "Rules",
    renderTable(
      [left("rule"), right("customers"), right("assigned"), right("queued")],
      report.perRule.map((r) => [
        r.ruleId,
        String(r.customers),
        String(r.assigned),
        String(r.queued),
      ]),
    ),
  );

  section(
    "Queues",
    report.queues.length === 0
      ? "  (no customer was queued)"
      : renderTable(
          [left("queue"), right("customers"), left("reasons")],
          report.queues.map((q) => [q.queue, String(q.count), countList(q.reasons)]),
        ),
  );

  section(
    "Conflicts",
    renderTable(
      [left("type"), right("count")],
      Object.entries(report.conflicts.byType).map(([type, n]) => [type, String(n)]),
    ),
  );

  const f = report.fairness;
  section(
    "Fairness (deviation: largest |count - n*w/W| in customers; Gini of count/weight)",
    [
      `  largest deviation  ${f.maxDeviation === null ? "-" : num(f.maxDeviation)}`,
      `  Gini               ${f.gini === null ? "-" : num(f.gini, 3)}`,
      renderTable(
        [left("pool"), left("strategy"), right("deviation"), right("gini")],
        f.pools.map((p) => [
          p.poolId,
          p.strategy,
          p.maxDeviation === null ? "-" : num(p.maxDeviation),
          p.gini === null ? "-" : num(p.gini, 3),
        ]),
      ),
    ].join("\n"),
  );

  section(
    "Timeline (per day of decision, rule set time zone)",
    renderTable(
      [
        left("day"),
        right("assigned"),
        right("kept"),
        right("account"),
        right("queued"),
        right("conflict"),
      ],
      report.timeline.map((d) => [
        d.day,
        String(d.assigned),
        String(d.kept),
        String(d.accountOwner),
        String(d.queued),
        String(d.conflict),
      ]),
    ),
  );

  const rejected = report.result.rejected;
  if (rejected.length > 0) {
    const shown = rejected.slice(0, MAX_REJECTED_SHOWN);
    const rows = shown.map((r) => {
      const line = ctx.customerLines?.[r.index];
      return [
        line !== undefined ? `${ctx.customersFile}:${line}` : `#${r.index}`,
        r.customerId ?? "",
        r.issues.map((i) => `${i.path ? `${i.path}: ` : ""}${i.message}`).join("; "),
      ];
    });
    const more = rejected.length - shown.length;
    section(
      `Rejected records (${rejected.length})`,
      renderTable([left("record"), left("id"), left("issues")], rows) +
        (more > 0 ? `\n  … and ${more} more (see --json)` : ""),
    );
  }
  return `${out.join("\n")}\n`;
}
