import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { simulate } from "../../src/analysis/simulate";
import type { CliIo } from "../../src/cli/io";
import { renderReportHtml } from "../../src/cli/report/html";
import { run } from "../../src/cli/run";
import { createRouter } from "../../src/index";

export const DEMO = fileURLToPath(new URL("../../examples/demo", import.meta.url));
export const demo = (name: string) => join(DEMO, name);

/** The demo input options shared by simulate, explain and diff. */
export const DEMO_INPUTS = [
  "--rules",
  demo("rules.yaml"),
  "--reps",
  demo("reps.csv"),
  "--customers",
  demo("customers.csv"),
  "--state",
  demo("state.json"),
];

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  written: Map<string, string>;
}

/**
 * Run the CLI in-process. Files are read from `files` first, then (for absolute paths) from
 * disk; writes are captured, never touching the disk.
 */
export function cli(
  argv: readonly string[],
  files: Record<string, string> = {},
  extra: Partial<CliIo> = {},
): CliRun {
  let stdout = "";
  let stderr = "";
  const written = new Map<string, string>();
  const io: CliIo = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    readFile(path) {
      if (Object.hasOwn(files, path)) return files[path]!;
      if (written.has(path)) return written.get(path)!;
      if (path.startsWith("/")) return readFileSync(path, "utf8");
      throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), {
        code: "ENOENT",
      });
    },
    writeFile(path, data) {
      written.set(path, data);
    },
    ...extra,
  };
  const code = run(argv, io);
  return { code, stdout, stderr, written };
}

/** A tiny simulation whose every string is hostile HTML. */
export function hostileReport() {
  const evil = `<img src=x onerror="alert(1)">&'"`;
  const router = createRouter({
    id: "<script>alert('id')</script>",
    revision: evil,
    pools: { p: { members: ["r<b>1</b>"] } },
    rules: [
      { id: "rule<i>", match: { source: ["web"] }, assign: { pool: "p" } },
      { id: "to-queue", match: { source: ["x"] }, assign: { queue: "q<svg onload=alert(1)>" } },
    ],
    fallback: { queue: "fallback</td><script>" },
  });
  const report = simulate(router, {
    customers: [
      { id: "c<1>", source: "web" },
      { id: `c"2"`, source: "x" },
      { id: "c&3", source: "other" },
      { id: "c4", region: "<bad>" },
    ],
    reps: [{ id: "r<b>1</b>", name: evil }],
    now: "2026-12-01T00:00:00Z",
  });
  return renderReportHtml(report, {
    now: "2026-12-01T00:00:00Z",
    nowSource: "option",
    customersFile: "<customers>.csv",
    locale: "en",
  });
}
