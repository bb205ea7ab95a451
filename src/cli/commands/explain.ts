import { type Command, Option } from "commander";
import { isLeadRouteError } from "../../errors";
import { formatExplanation } from "../../explain/format";
import type { Locale } from "../../explain/locales";
import { type CommandContext, json, print } from "../context";
import { CliError, EXIT } from "../errors";
import { type InputFiles, issueLines, loadInputs } from "../inputs";
import { inputOptions } from "./simulate";

interface ExplainOptions extends InputFiles {
  id: string;
  lang: Locale;
  json?: boolean | undefined;
}

/** Register `leadroute explain`: why one customer went where it went. */
export function registerExplain(program: Command, ctx: CommandContext): void {
  const command = program
    .command("explain")
    .description(
      "explain the decision for one customer: rules, excluded reps, the strategy's pick",
    );
  inputOptions(command)
    .requiredOption("--id <customer>", "id of the customer to explain")
    .addOption(
      new Option("--lang <locale>", "language of the explanation")
        .choices(["en", "zh-CN"])
        .default("en"),
    )
    .option("--json", "print the explanation as data")
    .action((opts: ExplainOptions) => {
      const progress = ctx.progress(4);
      try {
        const inputs = loadInputs(ctx.io, opts, progress);
        progress.step(`explaining ${opts.id}`);
        let explanation: ReturnType<typeof inputs.router.explain>;
        try {
          explanation = inputs.router.explain({
            customerId: opts.id,
            customers: inputs.customers,
            reps: inputs.reps,
            state: inputs.state,
            now: inputs.now,
          });
        } catch (e) {
          if (isLeadRouteError(e) && e.code === "invalid_input") {
            throw new CliError(
              EXIT.failure,
              `${opts.customers}: cannot explain customer "${opts.id}"`,
              issueLines(e),
            );
          }
          throw e;
        }
        progress.done();
        print(
          ctx.io,
          opts.json ? json(explanation) : formatExplanation(explanation, { locale: opts.lang }),
        );
      } finally {
        progress.done();
      }
    });
}
