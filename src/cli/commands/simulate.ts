import { basename } from "node:path";
import type { Command } from "commander";
import { Option } from "commander";
import { type SimulationReport, simulate } from "../../analysis/simulate";
import type { Locale } from "../../explain/locales";
import { type CommandContext, json, print, writeOutput } from "../context";
import { type InputFiles, loadInputs } from "../inputs";
import { renderSimulation } from "../render/simulation";
import { renderReportHtml } from "../report/html";

/** Options of `leadroute simulate` (and of `demo`, which fills in the files). */
export interface SimulateOptions extends InputFiles {
  json?: boolean | undefined;
  out?: string | undefined;
  report?: string | undefined;
  explain?: "summary" | "full" | undefined;
  lang?: Locale | undefined;
}

/**
 * The report as `--json` prints it: everything except the events and the explanations (those
 * are in the `--out` file), so the output stays readable and small enough to pipe.
 */
export function machineReport(report: SimulationReport): unknown {
  const { events: _events, decisions, ...rest } = report.result;
  return {
    ...report,
    result: { ...rest, decisions: decisions.map(({ explanation: _e, ...d }) => d) },
  };
}

/** Run a simulation and write its outputs (stdout, `--out`, `--report`). */
export function runSimulate(ctx: CommandContext, opts: SimulateOptions): void {
  const steps = 4 + (opts.out ? 1 : 0) + (opts.report ? 1 : 0);
  const progress = ctx.progress(steps);
  try {
    const inputs = loadInputs(ctx.io, opts, progress);
    progress.step(`routing ${inputs.customers.length} customers`);
    const report = simulate(inputs.router, {
      customers: inputs.customers,
      reps: inputs.reps,
      ...(inputs.state !== undefined ? { state: inputs.state } : {}),
      now: inputs.now,
      explain: opts.explain ?? "summary",
    });
    if (opts.out !== undefined) {
      progress.step(`writing ${opts.out}`);
      writeOutput(ctx.io, opts.out, json(report));
    }
    if (opts.report !== undefined) {
      progress.step(`writing ${opts.report}`);
      writeOutput(
        ctx.io,
        opts.report,
        renderReportHtml(report, {
          now: inputs.now,
          nowSource: inputs.nowSource,
          customersFile: basename(opts.customers),
          locale: opts.lang ?? "en",
          ruleSet: inputs.ruleSet,
        }),
      );
    }
    progress.done();
    if (opts.json) print(ctx.io, json(machineReport(report)));
    else {
      let text = renderSimulation(report, {
        now: inputs.now,
        nowSource: inputs.nowSource,
        customersFile: basename(opts.customers),
        customerLines: inputs.customerLines,
      });
      if (opts.out !== undefined)
        text += `\nFull report (with explanations and events): ${opts.out}\n`;
      if (opts.report !== undefined) text += `\nHTML report: ${opts.report}\n`;
      print(ctx.io, text);
    }
  } finally {
    progress.done();
  }
}

/** Options shared by the commands that route customers. */
export function inputOptions(
  command: Command,
  rulesHelp = "rule set (.json, .yaml, .yml)",
): Command {
  return command
    .requiredOption("--rules <file>", rulesHelp)
    .requiredOption("--reps <file>", "reps (.csv, .json, .yaml, .yml, .ndjson)")
    .requiredOption("--customers <file>", "customers (.csv, .json, .yaml, .yml, .ndjson)")
    .option("--state <file>", "state returned by a previous run (.json, .yaml)")
    .option(
      "--now <time>",
      "the current moment, ISO-8601 with offset or epoch ms (default: the latest receivedAt)",
    );
}

/** Output options of simulate and demo. */
export function outputOptions(command: Command): Command {
  return command
    .option("--json", "print the report as JSON (without events and explanations)")
    .option("--out <file>", "write the full report as JSON, with explanations and events")
    .option("--report <file>", "write a self-contained HTML report")
    .addOption(
      new Option("--explain <detail>", "detail of the explanations in --out and --report")
        .choices(["summary", "full"])
        .default("summary"),
    )
    .addOption(
      new Option("--lang <locale>", "language of the explanations in --report")
        .choices(["en", "zh-CN"])
        .default("en"),
    );
}

/** Register `leadroute simulate`. */
export function registerSimulate(program: Command, ctx: CommandContext): void {
  const command = program
    .command("simulate")
    .description("route a batch of customers and report who gets how much and why");
  outputOptions(inputOptions(command)).action((opts: SimulateOptions) => runSimulate(ctx, opts));
}
