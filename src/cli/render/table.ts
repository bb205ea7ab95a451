/** Plain-text tables for terminals: columns aligned by display width (CJK counts double). */

/** A column: its header and alignment (numbers right, text left). */
export interface Column {
  header: string;
  align?: "left" | "right";
}

/** Terminal cells of one code point: 2 for East Asian wide and full-width characters, 0 for combining marks. */
function charWidth(cp: number): number {
  if (cp === 0 || (cp >= 0x300 && cp <= 0x36f) || cp === 0x200b) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  )
    return 2;
  return 1;
}

/** Width of a string in terminal cells. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch.codePointAt(0) ?? 0);
  return w;
}

/** Control characters (and escape sequences) from input data must not reach the terminal. */
export function sanitize(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, " ");
}

function pad(text: string, width: number, align: "left" | "right"): string {
  const fill = " ".repeat(Math.max(0, width - displayWidth(text)));
  return align === "right" ? fill + text : text + fill;
}

/**
 * Render rows under headers with two spaces between columns and `indent` before each line.
 * Cells are sanitized (no control characters); trailing spaces are trimmed.
 */
export function renderTable(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
  indent = "  ",
): string {
  const cells = rows.map((r) => columns.map((_, i) => sanitize(r[i] ?? "")));
  const widths = columns.map((c, i) =>
    Math.max(displayWidth(c.header), ...cells.map((r) => displayWidth(r[i] ?? ""))),
  );
  const line = (values: readonly string[]) =>
    (
      indent + values.map((v, i) => pad(v, widths[i]!, columns[i]!.align ?? "left")).join("  ")
    ).trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)].join("\n");
}

/** A percentage with one decimal: `0.1234` → `12.3%`. */
export function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

/** A signed difference in percentage points: `0.006` → `+0.6`. */
export function points(delta: number): string {
  const v = (delta * 100).toFixed(1);
  return delta > 0 && v !== "0.0" ? `+${v}` : v === "-0.0" ? "0.0" : v;
}

/** A number with at most `digits` decimals, trailing zeros removed. */
export function num(value: number, digits = 2): string {
  return String(Number(value.toFixed(digits)));
}

/** A signed integer: `+3`, `-2`, `0`. */
export function signed(value: number): string {
  return value > 0 ? `+${value}` : String(value);
}
