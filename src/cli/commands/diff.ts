import { basename } from "node:path";
import type { Command } from "commander";
import { diffRuleSets } from "../../analysis/diff";
import { createRouter } from "../../engine/router";
import { type CommandContext, json, print } from "../context";
import { CliError, EXIT } from "../errors";
import { checkRepsAndState, type InputFiles, loadInputs, loadRuleSet } from "../inputs";
import { renderDiff } from "../render/diff";
import { inputOptions } from "./simulate";

interface DiffOptions extends InputFiles {
  against: string;
  json?: boolean | undefined;
  sample: string;
}

/** Register `leadroute diff`: the impact of replacing one rule set by another. */
export function registerDiff(program: Command, ctx: CommandContext): void {
  const command = program
    .command("diff")
    .description(
      "route the same customers under two rule sets and show what changes (--rules is before, --against is after)",
    );
  inputOptions(command, "the current rule set (before)")
    .requiredOption("--against <file>", "the proposed rule set (after)")
    .option("--json", "print the diff as JSON (with both explanations of each sampled customer)")
    .option("--sample <n>", "how many changed customers to show", "10")
    .action((opts: DiffOptions) => {
      const sampleSize = Number(opts.sample);
      if (!Number.isInteger(sampleSize) || sampleSize < 0)
        throw new CliError(EXIT.usage, `--sample must be a whole number, got "${opts.sample}"`);
      const progress = ctx.progress(5);
      try {
        const inputs = loadInputs(ctx.io, opts, progress);
        progress.step(`reading ${opts.against}`);
        const after = loadRuleSet(ctx.io, opts.against);
        // The reps must also fit the second rule set (their territories are checked against it).
        checkRepsAndState(createRouter(after), inputs.reps, inputs.state, {
          reps: `${opts.reps} (with ${opts.against})`,
          state: opts.state,
        });
        progress.step(`routing ${inputs.customers.length} customers twice`);
        const diff = diffRuleSets(inputs.ruleSet, after, {
          customers: inputs.customers,
          reps: inputs.reps,
          ...(inputs.state !== undefined ? { state: inputs.state } : {}),
          now: inputs.now,
          sampleSize,
        });
        progress.done();
        print(
          ctx.io,
          opts.json
            ? json(diff)
            : renderDiff(diff, {
                now: inputs.now,
                nowSource: inputs.nowSource,
                customersFile: basename(opts.customers),
              }),
        );
      } finally {
        progress.done();
      }
    });
}
