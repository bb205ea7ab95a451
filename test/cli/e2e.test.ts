/**
 * End to end: the CLI as built by tsup.config.ts (same entry, format and shebang banner), run
 * with node as a separate process. Built into node_modules/.cache so dist/ is left alone.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Options } from "tsup";
import { beforeAll, describe, expect, it } from "vitest";
import config from "../../tsup.config";
import { cli, demo } from "./helpers";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const OUT = join(ROOT, "node_modules", ".cache", "leadroute-e2e");
const CLI = join(OUT, "cli.js");

function cliOptions(): Options {
  const all = Array.isArray(config) ? config : [config];
  const found = all.find(
    (o): o is Options =>
      typeof o === "object" && o !== null && typeof o.entry === "object" && "cli" in o.entry,
  );
  if (!found) throw new Error("tsup.config.ts has no `cli` entry");
  return found;
}

describe("built CLI", () => {
  beforeAll(async () => {
    rmSync(OUT, { recursive: true, force: true });
    await build({ ...cliOptions(), outDir: OUT, config: false, silent: true, sourcemap: false });
  }, 120_000);

  it("is an executable ESM file with a node shebang", () => {
    expect(readFileSync(CLI, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
    expect(statSync(CLI).mode & 0o111).not.toBe(0);
  });

  it("runs the demo from the build, finding the bundled example", () => {
    const out = execFileSync(process.execPath, [CLI, "demo"], { encoding: "utf8", cwd: "/" });
    expect(out).toContain("Simulation of rule set demo-cn@2026-11-27.1");
    expect(out).toContain("customers  2000 (2000 decided, 0 rejected)");
  });

  it("gives the same JSON as the in-process run, and exit codes through the process", () => {
    const json = execFileSync(process.execPath, [CLI, "demo", "--json"], {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(json).toBe(cli(["demo", "--json"]).stdout);
    const missing = spawnSync(process.execPath, [CLI, "validate", "/nonexistent/rules.yaml"], {
      encoding: "utf8",
    });
    expect(missing.status).toBe(3);
    expect(missing.stderr).toBe("leadroute: /nonexistent/rules.yaml: file not found\n");
    const usage = spawnSync(process.execPath, [CLI, "simulate"], { encoding: "utf8" });
    expect(usage.status).toBe(2);
    const lint = spawnSync(process.execPath, [CLI, "lint", demo("rules.yaml")], {
      encoding: "utf8",
    });
    expect(lint.status).toBe(0);
  });
});
