/**
 * Inline SVG charts rendered as strings: no chart library, no script, no external asset.
 * Every bar carries `data-bar` (and its chart `data-chart`) so a browser test can count them.
 */
import { esc } from "./escape";

/** One coloured part of a bar. */
export interface Segment {
  value: number;
  /** CSS class giving the colour (`s-assigned`, `s-queued`, …). */
  className: string;
  /** What the segment counts, for the tooltip. */
  label: string;
}

/** One bar of a chart: stacked segments, an optional target marker, a note next to it. */
export interface Bar {
  /** Stable key written to `data-key`. */
  key: string;
  label: string;
  segments: Segment[];
  marker?: { value: number; label: string } | undefined;
  note?: string | undefined;
}

/** A round step for axis ticks: 1, 2 or 5 times a power of ten, about `count` ticks up to `max`. */
export function niceStep(max: number, count = 5): number {
  if (!(max > 0)) return 1;
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / power;
  const step = (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10) * power;
  return Math.max(1, step);
}

const fmt = (n: number): string => String(Number(n.toFixed(2)));

const total = (bar: Bar): number => bar.segments.reduce((s, x) => s + x.value, 0);

/** Ticks 0, step, 2·step… covering `max`. */
function ticks(max: number): { values: number[]; top: number } {
  const step = niceStep(max);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const values: number[] = [];
  for (let v = 0; v <= top + step / 2; v += step) values.push(v);
  return { values, top };
}

/** Horizontal bars, one row per bar, with an axis, optional target markers and notes. */
export function horizontalBars(chart: string, title: string, bars: readonly Bar[]): string {
  const width = 820;
  const labelW = 190;
  const noteW = 210;
  const plotW = width - labelW - noteW - 10;
  const rowH = 24;
  const top = 26;
  const height = top + bars.length * rowH + 8;
  const max = Math.max(0, ...bars.map((b) => Math.max(total(b), b.marker?.value ?? 0)));
  const axis = ticks(max);
  const x = (v: number) => labelW + (axis.top === 0 ? 0 : (v / axis.top) * plotW);

  const parts: string[] = [];
  for (const v of axis.values) {
    parts.push(
      `<line class="grid" x1="${fmt(x(v))}" x2="${fmt(x(v))}" y1="${top - 4}" y2="${height - 6}"/>`,
      `<text class="tick" x="${fmt(x(v))}" y="${top - 10}" text-anchor="middle">${fmt(v)}</text>`,
    );
  }
  bars.forEach((bar, i) => {
    const y = top + i * rowH;
    const barY = y + 4;
    const barH = rowH - 8;
    const segs: string[] = [];
    let at = 0;
    for (const s of bar.segments) {
      if (s.value <= 0) continue;
      segs.push(
        `<rect class="seg ${esc(s.className)}" x="${fmt(x(at))}" y="${barY}" width="${fmt(x(at + s.value) - x(at))}" height="${barH}"><title>${esc(bar.label)}: ${esc(s.label)} ${fmt(s.value)}</title></rect>`,
      );
      at += s.value;
    }
    const marker = bar.marker
      ? `<line class="target" data-target="" x1="${fmt(x(bar.marker.value))}" x2="${fmt(x(bar.marker.value))}" y1="${y + 1}" y2="${y + rowH - 1}"><title>${esc(bar.label)}: ${esc(bar.marker.label)}</title></line>`
      : "";
    parts.push(
      `<g class="bar" data-bar="" data-key="${esc(bar.key)}">`,
      `<text class="label" x="${labelW - 8}" y="${y + rowH / 2 + 4}" text-anchor="end">${esc(bar.label)}</text>`,
      ...segs,
      marker,
      bar.note
        ? `<text class="note" x="${width - noteW + 4}" y="${y + rowH / 2 + 4}">${esc(bar.note)}</text>`
        : "",
      "</g>",
    );
  });
  return `<svg class="chart" data-chart="${esc(chart)}" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${esc(title)}" xmlns="http://www.w3.org/2000/svg">${parts.join("")}</svg>`;
}

/** Vertical stacked columns (a timeline), with a y axis and thinned x labels. */
export function stackedColumns(chart: string, title: string, bars: readonly Bar[]): string {
  const width = 820;
  const height = 280;
  const left = 44;
  const right = 10;
  const topPad = 14;
  const bottom = 36;
  const plotH = height - topPad - bottom;
  const slot = bars.length === 0 ? 0 : (width - left - right) / bars.length;
  const colW = Math.max(2, Math.min(48, slot * 0.7));
  const max = Math.max(0, ...bars.map(total));
  const axis = ticks(max);
  const y = (v: number) => topPad + plotH - (axis.top === 0 ? 0 : (v / axis.top) * plotH);
  const every = Math.max(1, Math.ceil(bars.length / 16));

  const parts: string[] = [];
  for (const v of axis.values) {
    parts.push(
      `<line class="grid" x1="${left}" x2="${width - right}" y1="${fmt(y(v))}" y2="${fmt(y(v))}"/>`,
      `<text class="tick" x="${left - 6}" y="${fmt(y(v) + 4)}" text-anchor="end">${fmt(v)}</text>`,
    );
  }
  bars.forEach((bar, i) => {
    const cx = left + slot * i + slot / 2;
    const segs: string[] = [];
    let at = 0;
    for (const s of bar.segments) {
      if (s.value <= 0) continue;
      segs.push(
        `<rect class="seg ${esc(s.className)}" x="${fmt(cx - colW / 2)}" y="${fmt(y(at + s.value))}" width="${fmt(colW)}" height="${fmt(y(at) - y(at + s.value))}"><title>${esc(bar.label)}: ${esc(s.label)} ${fmt(s.value)}</title></rect>`,
      );
      at += s.value;
    }
    const label =
      i % every === 0
        ? `<text class="tick" x="${fmt(cx)}" y="${height - bottom + 16}" text-anchor="middle">${esc(bar.label)}</text>`
        : "";
    parts.push(`<g class="bar" data-bar="" data-key="${esc(bar.key)}">`, ...segs, label, "</g>");
  });
  return `<svg class="chart" data-chart="${esc(chart)}" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${esc(title)}" xmlns="http://www.w3.org/2000/svg">${parts.join("")}</svg>`;
}
