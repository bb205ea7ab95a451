/** The report's stylesheet, inlined: a report must open offline and from an email attachment. */
export const REPORT_CSS = `
:root { --fg:#1d2330; --muted:#5f6b7a; --line:#e3e7ee; --bg:#f6f8fb; --card:#fff;
  --assigned:#2f6fdb; --kept:#7b5cd6; --account:#0f9d8f; --queued:#e69a12; --conflict:#d64545; --rejected:#8a94a3; }
* { box-sizing: border-box; }
body { margin:0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", "PingFang SC", sans-serif; color:var(--fg); background:var(--bg); }
main { max-width: 1120px; margin: 0 auto; padding: 24px 24px 48px; }
header h1 { font-size: 22px; margin: 0 0 4px; }
header p { margin: 0; color: var(--muted); }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.92em; }
h2 { font-size: 17px; margin: 0 0 4px; }
.sub { color: var(--muted); margin: 0 0 10px; font-size: 13px; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 16px 18px; margin-top: 16px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(104px, 1fr)); gap: 10px; background: none; border: 0; padding: 0; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 10px 12px; }
.card b { display: block; font-size: 22px; font-variant-numeric: tabular-nums; }
.card span { color: var(--muted); font-size: 12px; }
.card.assigned { border-top: 4px solid var(--assigned); } .card.kept { border-top: 4px solid var(--kept); }
.card.account_owner { border-top: 4px solid var(--account); } .card.queued { border-top: 4px solid var(--queued); }
.card.conflict { border-top: 4px solid var(--conflict); } .card.rejected { border-top: 4px solid var(--rejected); }
.grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
.grid2 section { margin-top: 16px; }
@media (max-width: 900px) { .grid2 { grid-template-columns: 1fr; } }
.legend { display: flex; flex-wrap: wrap; gap: 14px; margin: 4px 0 8px; font-size: 12px; color: var(--muted); }
.legend i { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
.legend i.line { width: 3px; height: 13px; background: var(--fg); border-radius: 0; }
svg.chart { display: block; font-size: 11px; }
svg .grid { stroke: var(--line); stroke-width: 1; }
svg .tick { fill: var(--muted); }
svg .label { fill: var(--fg); }
svg .note { fill: var(--muted); font-variant-numeric: tabular-nums; }
svg .target { stroke: var(--fg); stroke-width: 2.5; }
svg g.bar:hover .seg { opacity: 0.8; }
.s-assigned, .s-assigned-i { fill: var(--assigned); background: var(--assigned); }
.s-kept { fill: var(--kept); background: var(--kept); }
.s-account_owner { fill: var(--account); background: var(--account); }
.s-queued { fill: var(--queued); background: var(--queued); }
.s-conflict { fill: var(--conflict); background: var(--conflict); }
.s-other { fill: var(--rejected); background: var(--rejected); }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; background: #fafbfd; position: sticky; top: 0; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.scroll { max-height: 560px; overflow: auto; border: 1px solid var(--line); border-radius: 6px; }
details summary { cursor: pointer; color: var(--assigned); }
pre { white-space: pre-wrap; margin: 6px 0 0; font: 12px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--bg); padding: 8px; border-radius: 6px; }
.pill { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 12px; background: var(--bg); border: 1px solid var(--line); }
.note { color: var(--muted); font-size: 12px; margin-top: 6px; }
footer { color: var(--muted); font-size: 12px; margin-top: 20px; text-align: center; }
`;
