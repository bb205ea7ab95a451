import { parse } from "csv-parse/sync";
import { FORBIDDEN_KEYS } from "../limits";
import { didYouMean } from "../logic/did-you-mean";
import { RESERVED_CUSTOMER_KEYS } from "../schema/customer";
import { InputFileError } from "./errors";

/** One CSV data row: its cells by column name and the line it ends on. */
interface Row {
  cells: string[];
  line: number;
}

interface Table {
  header: string[];
  rows: Row[];
}

/** csv-parse's `info: true` record shape (its typings do not model that option). */
function isInfoRecord(v: unknown): v is { record: string[]; info: { lines: number } } {
  if (typeof v !== "object" || v === null || !("record" in v) || !("info" in v)) return false;
  const { record, info } = v;
  return (
    Array.isArray(record) &&
    typeof info === "object" &&
    info !== null &&
    "lines" in info &&
    typeof info.lines === "number"
  );
}

/** Parse CSV text into a header and rows; malformed CSV is an {@link InputFileError} with its line. */
export function readCsvTable(file: string, text: string): Table {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    const parsed: unknown[] = parse(text, { bom: true, info: true, skip_empty_lines: true });
    records = parsed.filter(isInfoRecord);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // csv-parse's CsvError carries the line it stopped at.
    const lines = typeof e === "object" && e !== null && "lines" in e ? e.lines : undefined;
    const line = typeof lines === "number" && lines > 0 ? lines : undefined;
    throw new InputFileError(
      file,
      `invalid CSV: ${message.replace(/,? (?:on|at) line \d+,?/, "")}`,
      line !== undefined ? { line } : undefined,
    );
  }
  const [head, ...body] = records;
  if (head === undefined) throw new InputFileError(file, "empty CSV file: expected a header row");
  const header = head.record.map((h) => h.trim());
  const seen = new Map<string, number>();
  header.forEach((name, i) => {
    const at = { line: head.info.lines, column: i + 1 };
    if (name === "") throw new InputFileError(file, `column ${i + 1} has an empty header`, at);
    if (FORBIDDEN_KEYS.has(name) || name.split(".").some((s) => FORBIDDEN_KEYS.has(s)))
      throw new InputFileError(file, `column name "${name}" is reserved`, at);
    const first = seen.get(name);
    if (first !== undefined)
      throw new InputFileError(file, `duplicate column "${name}" (first is column ${first})`, at);
    seen.set(name, i + 1);
  });
  return { header, rows: body.map((r) => ({ cells: r.record, line: r.info.lines })) };
}

/** Customer columns always kept as strings (ids and codes: `007`, `518000`, `5112`). */
const STRING_KEYS: ReadonlySet<string> = new Set(
  RESERVED_CUSTOMER_KEYS.filter((k) => k !== "receivedAt"),
);

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** A free-column cell: numbers (no leading zeros, so codes like `0755` stay text) become numbers. */
function freeValue(cell: string): string | number {
  return NUMBER.test(cell) ? Number(cell) : cell;
}

/**
 * Customers from CSV: columns map 1:1 to record keys, an empty cell is an absent key, reserved
 * string keys (`id`, `accountId`, `postalCode`, `industry`, …) stay text, `receivedAt` of digits
 * only is epoch milliseconds, and other numeric-looking cells become numbers.
 */
export function customersFromCsv(
  file: string,
  text: string,
): { records: Record<string, unknown>[]; lines: number[] } {
  const { header, rows } = readCsvTable(file, text);
  const records = rows.map(({ cells }) => {
    const record: Record<string, unknown> = {};
    header.forEach((key, i) => {
      const cell = cells[i] ?? "";
      if (cell === "") return;
      if (STRING_KEYS.has(key)) record[key] = cell;
      else if (key === "receivedAt") record[key] = /^\d+$/.test(cell) ? Number(cell) : cell;
      else record[key] = freeValue(cell);
    });
    return record;
  });
  return { records, lines: rows.map((r) => r.line) };
}

/** Rep CSV columns (besides `attributes.<key>`), in documentation order. */
export const REP_CSV_COLUMNS = [
  "id",
  "name",
  "email",
  "active",
  "weight",
  "teams",
  "territories",
  "industries",
  "tiers",
  "capacity.perDay",
  "capacity.perWeek",
  "capacity.owned",
  "timezone",
  "workingHours",
  "timeOff",
] as const;

type RepColumn = (typeof REP_CSV_COLUMNS)[number];

const isRepColumn = (name: string): name is RepColumn =>
  (REP_CSV_COLUMNS as readonly string[]).includes(name);

class CellError extends Error {}

function booleanCell(cell: string): boolean {
  const v = cell.trim().toLowerCase();
  if (["true", "yes", "y", "1"].includes(v)) return true;
  if (["false", "no", "n", "0"].includes(v)) return false;
  throw new CellError(`"${cell}" is not a boolean (use true or false)`);
}

function numberCell(cell: string): number {
  const v = cell.trim();
  if (!NUMBER.test(v)) throw new CellError(`"${cell}" is not a number`);
  return Number(v);
}

function listCell(cell: string): string[] {
  return cell
    .split(";")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

const WINDOW = /^([1-7](?:-[1-7])?(?:,[1-7](?:-[1-7])?)*)\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})$/;

/** `1-5 09:00-18:00;6 10:00-14:00` → working windows (ISO weekdays, 1 = Monday). */
export function parseWorkingHours(cell: string): { days: number[]; from: string; to: string }[] {
  return listCell(cell).map((part) => {
    const m = WINDOW.exec(part);
    if (m === null)
      throw new CellError(
        `"${part}" is not a working window like "1-5 09:00-18:00" (ISO weekdays 1=Mon … 7=Sun)`,
      );
    const days: number[] = [];
    for (const item of m[1]!.split(",")) {
      const [lo, hi = lo] = item.split("-").map(Number);
      if (lo === undefined || hi === undefined || hi < lo)
        throw new CellError(`"${item}" is not a day range (low-high, 1=Mon … 7=Sun)`);
      for (let d = lo; d <= hi; d++) if (!days.includes(d)) days.push(d);
    }
    const pad = (t: string) => (t.length === 4 ? `0${t}` : t);
    return { days, from: pad(m[2]!), to: pad(m[3]!) };
  });
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Is `YYYY-MM-DD` a real calendar day (no February 30)? */
function isCalendarDate(date: string): boolean {
  const m = DATE_ONLY.exec(date);
  if (m === null) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number(m[1]) >= 1000 && d.toISOString().slice(0, 10) === date;
}

/** The calendar day after `YYYY-MM-DD` (proleptic Gregorian; no time zone involved). */
function nextDay(date: string): string {
  const m = DATE_ONLY.exec(date)!;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1));
  return d.toISOString().slice(0, 10);
}

/**
 * `2026-12-01..2026-12-03;2026-12-24T12:00:00+08:00..2026-12-27` → time-off intervals. A
 * date-only end is inclusive (the whole day is off, as in `..` postal ranges); a date-time end
 * is exclusive, as in JSON.
 */
export function parseTimeOff(cell: string): { from: string; to: string }[] {
  return listCell(cell).map((part) => {
    const ends = part.split("..").map((s) => s.trim());
    const [from, to] = ends;
    if (ends.length !== 2 || !from || !to)
      throw new CellError(`"${part}" is not an interval like "2026-12-01..2026-12-03"`);
    if (DATE_ONLY.test(to) && !isCalendarDate(to))
      throw new CellError(`"${to}" is not a valid date`);
    return { from, to: DATE_ONLY.test(to) ? nextDay(to) : to };
  });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const seg of path.slice(0, -1)) {
    const child = Object.hasOwn(node, seg) ? node[seg] : undefined;
    if (isRecord(child)) {
      node = child;
    } else {
      const fresh: Record<string, unknown> = {};
      node[seg] = fresh;
      node = fresh;
    }
  }
  node[path[path.length - 1]!] = value;
}

function repCell(column: RepColumn, cell: string): unknown {
  switch (column) {
    case "active":
      return booleanCell(cell);
    case "weight":
    case "capacity.perDay":
    case "capacity.perWeek":
    case "capacity.owned":
      return numberCell(cell);
    case "teams":
    case "territories":
    case "industries":
    case "tiers":
      return listCell(cell);
    case "workingHours":
      return parseWorkingHours(cell);
    case "timeOff":
      return parseTimeOff(cell);
    case "id":
    case "name":
    case "email":
    case "timezone":
      return cell;
  }
}

/**
 * Reps from CSV: the documented columns ({@link REP_CSV_COLUMNS}) plus `attributes.<key>`;
 * lists are `;`-separated; an empty cell is absent. An unknown column or a malformed cell is an
 * {@link InputFileError} naming the line and column (with a did-you-mean hint for columns).
 */
export function repsFromCsv(file: string, text: string): Record<string, unknown>[] {
  const { header, rows } = readCsvTable(file, text);
  header.forEach((name, i) => {
    if (isRepColumn(name) || /^attributes\.[^.]+$/.test(name)) return;
    const hint = didYouMean(name, REP_CSV_COLUMNS);
    throw new InputFileError(
      file,
      `unknown rep column "${name}"${hint ? ` (did you mean "${hint}"?)` : ""}; see docs/cli.md for the rep columns`,
      { line: 1, column: i + 1 },
    );
  });
  return rows.map(({ cells, line }) => {
    const rep: Record<string, unknown> = {};
    header.forEach((name, i) => {
      const cell = cells[i] ?? "";
      if (cell.trim() === "") return;
      try {
        if (isRepColumn(name)) setPath(rep, name.split("."), repCell(name, cell));
        else setPath(rep, name.split("."), freeValue(cell));
      } catch (e) {
        if (!(e instanceof CellError)) throw e;
        throw new InputFileError(file, `column "${name}": ${e.message}`, { line, column: i + 1 });
      }
    });
    return rep;
  });
}
