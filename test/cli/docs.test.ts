/**
 * docs/cli.md (and the "Command-line output" section of docs/simulation.md) show real output:
 * every ```console block starting with `$ leadroute …` is run again in-process (in
 * examples/demo, with the files the doc itself defines) and compared.
 */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cli, DEMO, demo } from "./helpers";

const read = (name: string) => readFileSync(new URL(`../../docs/${name}`, import.meta.url), "utf8");
const doc = read("cli.md");
// docs/simulation.md belongs to the analysis docs; its last section shows CLI output.
const simulationDoc = read("simulation.md");
const simulationCli = simulationDoc.slice(
  Math.max(0, simulationDoc.indexOf("## Command-line output")),
);

const files: Record<string, string> = {};
for (const m of doc.matchAll(/```\w+ title="([^"]+)"\n([\s\S]*?)```/g)) files[m[1]!] = m[2]!;

const consoleBlocks = (text: string) =>
  [...text.matchAll(/```console\n([\s\S]*?)```/g)].map((m) => m[1]!);
const blocks = consoleBlocks(doc);
const allBlocks = [...blocks, ...consoleBlocks(simulationCli)];

/** Run `leadroute ARGS` as if in examples/demo: doc-defined files first, then the demo's. */
function runInDemo(args: string[]) {
  const resolved = args.map((a) =>
    !Object.hasOwn(files, a) && existsSync(demo(a)) && /\.\w+$/.test(a) ? demo(a) : a,
  );
  return cli(resolved, files);
}

describe("docs/cli.md", () => {
  it("has examples of every command", () => {
    const commands = new Set(
      blocks.map((b) => /^\$ leadroute (\w+)/.exec(b)?.[1]).filter((c) => c !== undefined),
    );
    for (const c of ["simulate", "explain", "diff", "validate", "lint", "schema"]) {
      expect(commands, c).toContain(c);
    }
  });

  it("docs/simulation.md ends with real simulate output", () => {
    expect(consoleBlocks(simulationCli).some((b) => b.startsWith("$ leadroute simulate"))).toBe(
      true,
    );
  });

  for (const block of allBlocks) {
    const [first = "", ...rest] = block.replace(/\n$/, "").split("\n");
    it(first, () => {
      if (first.startsWith("$ head -")) {
        const [, n, name] = /^\$ head -(\d+) (\S+)$/.exec(first) ?? [];
        const lines = readFileSync(demo(name!), "utf8").split("\n").slice(0, Number(n));
        expect(rest.join("\n")).toBe(lines.join("\n"));
        return;
      }
      expect(first.startsWith("$ leadroute ")).toBe(true);
      let expectedCode = 0;
      let body = rest;
      const echo = rest.lastIndexOf("$ echo $?");
      if (echo !== -1) {
        expectedCode = Number(rest[echo + 1]);
        body = rest.slice(0, echo);
      }
      const args = first.slice("$ leadroute ".length).split(/\s+/);
      const r = runInDemo(args);
      // Output names demo files by their path here; the doc runs inside examples/demo.
      const actual = (r.stdout + r.stderr).replaceAll(`${DEMO}/`, "").replace(/\n$/, "");
      expect(r.code).toBe(expectedCode);
      if (body[body.length - 1] === "…") {
        const shown = body.slice(0, -1);
        expect(actual.split("\n").slice(0, shown.length)).toEqual(shown);
      } else {
        expect(actual).toBe(body.join("\n"));
      }
    });
  }
});
