import type { Command } from "commander";
import { analyzeRuleSet, type Finding } from "../../analysis/analyze";
import { createRouter } from "../../engine/router";
import { ruleSetJsonSchema } from "../../schema/json-schema";
import { safeParseRuleSet } from "../../schema/parse";
import { type CommandContext, json, print } from "../context";
import { CliError, EXIT } from "../errors";
import { checkRepsAndState, loadRuleSet } from "../inputs";
import { loadRepsFile, loadRuleSetFile, loadStateFile } from "../load";
import { ruleSetLabel } from "../render/simulation";
import { type Column, renderTable } from "../render/table";

interface ValidateOptions {
  reps?: string | undefined;
  state?: string | undefined;
  json?: boolean | undefined;
}

/** Register `leadroute validate`: every issue of a rule set (and optionally reps and state). */
export function registerValidate(program: Command, ctx: CommandContext): void {
  program
    .command("validate")
    .description("check a rule set (and optionally reps and a state): every issue with its path")
    .argument("<file>", "rule set (.json, .yaml, .yml)")
    .option("--reps <file>", "also check these reps against the rule set")
    .option("--state <file>", "also check this state")
    .option("--json", "print the result as JSON")
    .action((file: string, opts: ValidateOptions) => {
      const raw = loadRuleSetFile(ctx.io, file);
      const parsed = safeParseRuleSet(raw);
      if (!parsed.success) {
        const issues = parsed.error.issues;
        if (opts.json) print(ctx.io, json({ valid: false, file, issues }));
        else {
          const n = issues.length;
          print(
            ctx.io,
            [
              `${file}: invalid rule set (${n} issue${n === 1 ? "" : "s"})`,
              ...issues.map((i) => `  ${i.path ? `${i.path}: ` : ""}${i.message}`),
            ].join("\n"),
          );
        }
        ctx.exit(EXIT.failure);
        return;
      }
      const rs = parsed.data;
      const checked: string[] = [];
      if (opts.reps !== undefined || opts.state !== undefined) {
        const reps = opts.reps === undefined ? [] : loadRepsFile(ctx.io, opts.reps);
        const state = opts.state === undefined ? undefined : loadStateFile(ctx.io, opts.state);
        try {
          checkRepsAndState(createRouter(rs), reps, state, {
            reps: opts.reps ?? "reps",
            state: opts.state,
          });
        } catch (e) {
          if (!(e instanceof CliError) || e.exitCode !== EXIT.failure) throw e;
          if (opts.json)
            print(ctx.io, json({ valid: false, file, message: e.message, issues: e.details }));
          else print(ctx.io, [e.message, ...e.details].join("\n"));
          ctx.exit(EXIT.failure);
          return;
        }
        if (opts.reps !== undefined) checked.push(`${reps.length} reps in ${opts.reps}`);
        if (opts.state !== undefined) checked.push(`the state in ${opts.state}`);
      }
      if (opts.json) {
        print(
          ctx.io,
          json({ valid: true, file, ruleSet: { id: rs.id, revision: rs.revision ?? null } }),
        );
        return;
      }
      const counts = `${rs.rules.length} rules, ${Object.keys(rs.pools).length} pools, ${Object.keys(rs.territories).length} territories`;
      print(
        ctx.io,
        [
          `${file}: rule set ${ruleSetLabel({ id: rs.id, revision: rs.revision ?? null })} is valid (${counts})`,
          ...checked.map((c) => `  ${c}: valid`),
        ].join("\n"),
      );
    });
}

interface LintOptions {
  reps?: string | undefined;
  json?: boolean | undefined;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Register `leadroute lint`: static analysis findings; exit 1 on errors. */
export function registerLint(program: Command, ctx: CommandContext): void {
  program
    .command("lint")
    .description(
      "analyze a rule set: overlapping and shadowed rules, unreachable or empty pools, unused territories, …",
    )
    .argument("<file>", "rule set (.json, .yaml, .yml)")
    .option("--reps <file>", "also check pool members, coverage and capacity against these reps")
    .option("--json", "print the findings as JSON")
    .action((file: string, opts: LintOptions) => {
      const rs = loadRuleSet(ctx.io, file);
      const reps = opts.reps === undefined ? undefined : loadRepsFile(ctx.io, opts.reps);
      if (reps !== undefined)
        checkRepsAndState(createRouter(rs), reps, undefined, { reps: opts.reps ?? "reps" });
      const { findings } = analyzeRuleSet(rs, reps);
      const errors = findings.filter((f) => f.severity === "error").length;
      if (opts.json) print(ctx.io, json({ file, findings }));
      else print(ctx.io, renderFindings(file, findings));
      if (errors > 0) ctx.exit(EXIT.failure);
    });
}

/** Findings as a table, errors first, with a count line. */
export function renderFindings(file: string, findings: readonly Finding[]): string {
  const count = (s: Finding["severity"]) => findings.filter((f) => f.severity === s).length;
  const plural = (n: number, word: string) =>
    `${n} ${word}${n === 1 || word === "info" ? "" : "s"}`;
  const summary = `${file}: ${plural(count("error"), "error")}, ${plural(count("warning"), "warning")}, ${plural(count("info"), "info")}`;
  if (findings.length === 0) return `${summary}\n`;
  const sorted = [...findings].sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity],
  );
  const columns: Column[] = [
    { header: "severity" },
    { header: "code" },
    { header: "path" },
    { header: "message" },
  ];
  return `${renderTable(
    columns,
    sorted.map((f) => [f.severity, f.code, f.path, f.message]),
  )}\n\n${summary}\n`;
}

/** Register `leadroute schema`: the JSON Schema of a rule set. */
export function registerSchema(program: Command, ctx: CommandContext): void {
  program
    .command("schema")
    .description("print the JSON Schema of a rule set (for editors and other tools)")
    .action(() => {
      print(ctx.io, json(ruleSetJsonSchema()));
    });
}
