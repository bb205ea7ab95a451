import type { RuleSetDiff } from "../../analysis/diff";
import { type RunContext, ruleSetLabel } from "./simulation";
import { type Column, percent, renderTable, sanitize, signed } from "./table";

const right = (header: string): Column => ({ header, align: "right" });
const left = (header: string): Column => ({ header });

/** Where a decision summary sends the customer: the rep, or `queue:<name>`, and the rule. */
function where(d: { repId: string | null; queue: string | null; ruleId: string | null }): string {
  const dest = d.repId ?? `queue:${d.queue ?? ""}`;
  return d.ruleId === null ? dest : `${dest} (${d.ruleId})`;
}

/** How many from→to pairs the human report lists. */
const MAX_MOVES = 20;

/** The human diff report: headline, moves, per rule, per rep and a sample of changed customers. */
export function renderDiff(diff: RuleSetDiff, ctx: Omit<RunContext, "customerLines">): string {
  const out: string[] = [];
  const section = (title: string, body: string) => out.push("", title, body);
  const nowNote =
    ctx.nowSource === "customers" ? ` (latest receivedAt in ${ctx.customersFile})` : "";
  out.push(
    `Rule change ${sanitize(ruleSetLabel(diff.before))} -> ${sanitize(ruleSetLabel(diff.after))}`,
    `  now        ${sanitize(String(ctx.now))}${nowNote}`,
    `  customers  ${diff.customers} decided under both`,
    `  changed    ${diff.changed} (${percent(diff.changedShare)}) go to another rep or queue`,
  );
  if (diff.changed === 0) return `${out.join("\n")}\n`;

  const moves = diff.matrix.slice(0, MAX_MOVES);
  const hidden = diff.matrix.length - moves.length;
  section(
    `Moves (from -> to${hidden > 0 ? `, the ${MAX_MOVES} largest of ${diff.matrix.length}` : ""})`,
    renderTable(
      [left("from"), left("to"), right("customers")],
      moves.map((m) => [m.from, m.to, String(m.count)]),
    ) + (hidden > 0 ? `\n  … and ${hidden} more pairs (see --json)` : ""),
  );
  section(
    "Rules (decisions per rule)",
    renderTable(
      [left("rule"), right("before"), right("after"), right("delta")],
      diff.rules.map((r) => [r.ruleId, String(r.before), String(r.after), signed(r.delta)]),
    ),
  );
  section(
    "Reps (customers per rep)",
    renderTable(
      [left("rep"), right("before"), right("after"), right("delta")],
      diff.reps
        .filter((r) => r.delta !== 0)
        .map((r) => [r.repId, String(r.before), String(r.after), signed(r.delta)]),
    ),
  );
  if (diff.sample.length > 0) {
    section(
      `Sample of changed customers (${diff.sample.length} of ${diff.changed}; \`leadroute explain\` shows why)`,
      renderTable(
        [left("customer"), left("before"), left("after")],
        diff.sample.map((s) => [s.customerId, where(s.before), where(s.after)]),
      ),
    );
  }
  return `${out.join("\n")}\n`;
}
