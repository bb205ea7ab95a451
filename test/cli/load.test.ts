import { describe, expect, it } from "vitest";
import { InputFileError } from "../../src/cli/errors";
import type { CliIo } from "../../src/cli/io";
import {
  formatOf,
  loadCustomersFile,
  loadRepsFile,
  loadRuleSetFile,
  loadStateFile,
  parseJson,
  parseNdjson,
  parseYaml,
} from "../../src/cli/load";

function memoryIo(files: Record<string, string>): CliIo {
  return {
    stdout() {},
    stderr() {},
    writeFile() {},
    readFile(path) {
      if (Object.hasOwn(files, path)) return files[path]!;
      if (path.startsWith("dir")) throw Object.assign(new Error("EISDIR"), { code: "EISDIR" });
      throw Object.assign(new Error("ENOENT"), { code: "ENOENT" });
    },
  };
}

function fileError(f: () => unknown): InputFileError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputFileError) return e;
    throw e;
  }
  throw new Error("expected an InputFileError");
}

describe("formatOf", () => {
  it("chooses the format by extension, case-insensitively", () => {
    expect(formatOf("a.json")).toBe("json");
    expect(formatOf("a.YAML")).toBe("yaml");
    expect(formatOf("dir.v2/a.yml")).toBe("yaml");
    expect(formatOf("a.csv")).toBe("csv");
    expect(formatOf("a.ndjson")).toBe("ndjson");
    expect(formatOf("a.jsonl")).toBe("ndjson");
  });
  it("refuses other extensions, naming the file", () => {
    const e = fileError(() => formatOf("leads.xlsx"));
    expect(e.message).toBe(
      "leads.xlsx: unsupported file type: expected .json, .yaml, .yml, .csv or .ndjson",
    );
    expect(e.exitCode).toBe(3);
  });
});

describe("reading files", () => {
  it("reports a missing file in one line", () => {
    const e = fileError(() => loadRuleSetFile(memoryIo({}), "rules.yaml"));
    expect(e.message).toBe("rules.yaml: file not found");
  });
  it("reports a directory", () => {
    const e = fileError(() => loadRepsFile(memoryIo({}), "dir.json"));
    expect(e.message).toContain("is a directory");
  });
  it("strips a byte-order mark", () => {
    const io = memoryIo({ "s.json": '\uFEFF{"schemaVersion":1}' });
    expect(loadStateFile(io, "s.json")).toEqual({ schemaVersion: 1 });
  });
});

describe("JSON", () => {
  it("names line and column of a syntax error", () => {
    const text = '{\n  "id": "x",\n  "rules": [\n    { "id": "a" },\n  ]\n}';
    const e = fileError(() => parseJson("rules.json", text));
    expect(e.message).toBe('rules.json:5:3: invalid JSON: expected a value, found "]"');
    expect(e.position).toEqual({ line: 5, column: 3 });
  });
  it("names a missing comma", () => {
    const e = fileError(() => parseJson("r.json", '{"a": 1\n "b": 2}'));
    expect(e.message).toBe('r.json:2:2: invalid JSON: expected "," or "}", found "\\""');
  });
  it("names an unterminated string at the end", () => {
    const e = fileError(() => parseJson("r.json", '{"a": "x'));
    expect(e.message).toBe("r.json:1:9: invalid JSON: unterminated string");
  });
  it("accepts a rule set as an object only", () => {
    const e = fileError(() => loadRuleSetFile(memoryIo({ "r.json": "[1]" }), "r.json"));
    expect(e.message).toBe("r.json: a rule set must be an object");
  });
  it("refuses CSV for a rule set", () => {
    const e = fileError(() => loadRuleSetFile(memoryIo({ "r.csv": "a\n1" }), "r.csv"));
    expect(e.message).toBe("r.csv: a rule set must be a .json, .yaml or .yml file");
  });
  it("reads customers as an array or under a `customers` key", () => {
    const io = memoryIo({
      "a.json": '[{"id":"c1"}]',
      "b.json": '{"customers":[{"id":"c1"}]}',
      "c.json": '{"leads":[]}',
    });
    expect(loadCustomersFile(io, "a.json").records).toEqual([{ id: "c1" }]);
    expect(loadCustomersFile(io, "b.json").records).toEqual([{ id: "c1" }]);
    expect(fileError(() => loadCustomersFile(io, "c.json")).message).toBe(
      'c.json: expected a list of customers (an array, or { "customers": [...] })',
    );
  });
});

describe("YAML", () => {
  it("names line and column of a syntax error", () => {
    const e = fileError(() => parseYaml("rules.yaml", "id: x\nrules: [a, b\nfoo: 1\n"));
    expect(e.message).toMatch(/^rules\.yaml:3:1: invalid YAML: /);
    expect(e.message).not.toContain("\n");
  });
  it("refuses duplicate keys", () => {
    const e = fileError(() => parseYaml("r.yaml", "id: a\nid: b\n"));
    expect(e.message).toBe("r.yaml:2:1: invalid YAML: Map keys must be unique");
  });
  it("keeps dates as strings (YAML 1.2 core schema)", () => {
    expect(parseYaml("r.yaml", "d: 2026-12-01\n")).toEqual({ d: "2026-12-01" });
  });
});

describe("NDJSON", () => {
  it("reads one record per non-blank line, with line numbers", () => {
    expect(parseNdjson("c.ndjson", '{"id":"a"}\n\n{"id":"b"}\n')).toEqual({
      records: [{ id: "a" }, { id: "b" }],
      lines: [1, 3],
    });
  });
  it("names the line and column of a bad record", () => {
    const e = fileError(() => parseNdjson("c.ndjson", '{"id":"a"}\n  {"id" "b"}\n'));
    expect(e.message).toBe(
      'c.ndjson:2:9: invalid JSON: expected ":" after the property name, found "\\""',
    );
  });
});

describe("CSV", () => {
  it("names the line of a record with too many fields", () => {
    const io = memoryIo({ "c.csv": "id,region\nc1,CN-SH\nc2,CN-BJ,extra\n" });
    const e = fileError(() => loadCustomersFile(io, "c.csv"));
    expect(e.message).toBe("c.csv:3: invalid CSV: Invalid Record Length: expect 2, got 3");
  });
  it("names an unclosed quote", () => {
    const io = memoryIo({ "c.csv": 'id,company\nc1,"Acme\n' });
    expect(fileError(() => loadCustomersFile(io, "c.csv")).message).toMatch(
      /^c\.csv:\d+: invalid CSV: Quote Not Closed/,
    );
  });
  it("refuses an empty file, an empty header and duplicate columns", () => {
    const io = memoryIo({ "a.csv": "", "b.csv": "id,,x\n", "c.csv": "id,x,x\n" });
    expect(fileError(() => loadCustomersFile(io, "a.csv")).message).toBe(
      "a.csv: empty CSV file: expected a header row",
    );
    expect(fileError(() => loadCustomersFile(io, "b.csv")).message).toBe(
      "b.csv:1:2: column 2 has an empty header",
    );
    expect(fileError(() => loadCustomersFile(io, "c.csv")).message).toBe(
      'c.csv:1:3: duplicate column "x" (first is column 2)',
    );
  });
  it("refuses prototype keys as column names", () => {
    const io = memoryIo({
      "a.csv": "id,__proto__\nc1,1\n",
      "r.csv": "id,attributes.constructor\n",
    });
    expect(fileError(() => loadCustomersFile(io, "a.csv")).message).toBe(
      'a.csv:1:2: column name "__proto__" is reserved',
    );
    expect(fileError(() => loadRepsFile(io, "r.csv")).message).toContain("is reserved");
  });
});
