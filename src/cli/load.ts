import { parseDocument } from "yaml";
import { customersFromCsv, repsFromCsv } from "./csv";
import { InputFileError } from "./errors";
import type { CliIo } from "./io";
import { findJsonSyntaxError } from "./json-error";

/** Input formats, chosen by file extension. */
export type InputFormat = "json" | "yaml" | "csv" | "ndjson";

const EXTENSIONS: readonly [string, InputFormat][] = [
  [".json", "json"],
  [".yaml", "yaml"],
  [".yml", "yaml"],
  [".csv", "csv"],
  [".ndjson", "ndjson"],
  [".jsonl", "ndjson"],
];

/** The format of a file by its extension (case-insensitive), or an {@link InputFileError}. */
export function formatOf(file: string): InputFormat {
  const lower = file.toLowerCase();
  for (const [ext, format] of EXTENSIONS) if (lower.endsWith(ext)) return format;
  throw new InputFileError(
    file,
    "unsupported file type: expected .json, .yaml, .yml, .csv or .ndjson",
  );
}

/** Read a text file, turning system errors into one clear line naming the file. */
export function readText(io: CliIo, file: string): string {
  try {
    return io.readFile(file).replace(/^\uFEFF/, "");
  } catch (e) {
    const code = typeof e === "object" && e !== null && "code" in e ? e.code : undefined;
    const reason =
      code === "ENOENT"
        ? "file not found"
        : code === "EISDIR"
          ? "is a directory, not a file"
          : code === "EACCES" || code === "EPERM"
            ? "permission denied"
            : `cannot read file (${e instanceof Error ? e.message : String(e)})`;
    throw new InputFileError(file, reason);
  }
}

/** Parse JSON; a syntax error names its line and column. */
export function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const located = findJsonSyntaxError(text);
    if (located) {
      throw new InputFileError(file, `invalid JSON: ${located.message}`, {
        line: located.line,
        column: located.column,
      });
    }
    throw new InputFileError(file, `invalid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Parse YAML (1.2 core schema: dates stay strings); an error names its line and column. */
export function parseYaml(file: string, text: string): unknown {
  const doc = parseDocument(text, { prettyErrors: true });
  const error = doc.errors[0];
  if (error !== undefined) {
    const pos = error.linePos?.[0];
    const message = (error.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "");
    throw new InputFileError(
      file,
      `invalid YAML: ${message}`,
      pos ? { line: pos.line, column: pos.col } : undefined,
    );
  }
  return doc.toJS({ maxAliasCount: 100 });
}

/** Parse newline-delimited JSON: one value per non-blank line, with its 1-based line number. */
export function parseNdjson(file: string, text: string): { records: unknown[]; lines: number[] } {
  const out: unknown[] = [];
  const lines: number[] = [];
  text.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (line === "") return;
    try {
      out.push(JSON.parse(line));
      lines.push(i + 1);
    } catch (e) {
      const located = findJsonSyntaxError(line);
      const leading = raw.length - raw.trimStart().length;
      throw new InputFileError(
        file,
        `invalid JSON: ${located?.message ?? (e instanceof Error ? e.message : String(e))}`,
        { line: i + 1, column: located ? located.column + leading : undefined },
      );
    }
  });
  return { records: out, lines };
}

function structured(file: string, text: string, format: "json" | "yaml"): unknown {
  return format === "json" ? parseJson(file, text) : parseYaml(file, text);
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A list of records: an array, or an object holding the array under `key`. */
function listOf(file: string, value: unknown, key: "customers" | "reps"): unknown[] {
  if (Array.isArray(value)) return value;
  if (isObject(value) && Object.hasOwn(value, key) && Array.isArray(value[key])) return value[key];
  throw new InputFileError(file, `expected a list of ${key} (an array, or { "${key}": [...] })`);
}

/** A rule set file (`.json`, `.yaml`, `.yml`), unparsed by the engine: the raw input. */
export function loadRuleSetFile(io: CliIo, file: string): unknown {
  const format = formatOf(file);
  if (format !== "json" && format !== "yaml")
    throw new InputFileError(file, "a rule set must be a .json, .yaml or .yml file");
  const value = structured(file, readText(io, file), format);
  if (!isObject(value)) throw new InputFileError(file, "a rule set must be an object");
  return value;
}

/** Reps from `.json`/`.yaml` (array or `{ reps }`), `.ndjson` or `.csv` (documented columns). */
export function loadRepsFile(io: CliIo, file: string): unknown[] {
  const format = formatOf(file);
  const text = readText(io, file);
  if (format === "csv") return repsFromCsv(file, text);
  if (format === "ndjson") return parseNdjson(file, text).records;
  return listOf(file, structured(file, text, format), "reps");
}

/** Records read from a file, with the source line of each when the format has one per record. */
export interface LoadedRecords {
  records: unknown[];
  lines?: number[] | undefined;
}

/** Customers from `.json`/`.yaml` (array or `{ customers }`), `.ndjson` or `.csv` (1:1 columns). */
export function loadCustomersFile(io: CliIo, file: string): LoadedRecords {
  const format = formatOf(file);
  const text = readText(io, file);
  if (format === "csv") return customersFromCsv(file, text);
  if (format === "ndjson") return parseNdjson(file, text);
  return { records: listOf(file, structured(file, text, format), "customers") };
}

/** A state file (`.json` or `.yaml`) as returned by a previous `assign`; checked by the engine. */
export function loadStateFile(io: CliIo, file: string): unknown {
  const format = formatOf(file);
  if (format !== "json" && format !== "yaml")
    throw new InputFileError(file, "a state must be a .json, .yaml or .yml file");
  const value = structured(file, readText(io, file), format);
  if (!isObject(value)) throw new InputFileError(file, "a state must be an object");
  return value;
}
