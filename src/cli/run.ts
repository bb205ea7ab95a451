import { Command, CommanderError } from "commander";
import { version } from "../../package.json";
import { isLeadRouteError } from "../errors";
import { registerLint, registerSchema, registerValidate } from "./commands/check";
import { registerDemo } from "./commands/demo";
import { registerDiff } from "./commands/diff";
import { registerExplain } from "./commands/explain";
import { registerSimulate } from "./commands/simulate";
import { createContext } from "./context";
import { CliError, EXIT } from "./errors";
import type { CliIo } from "./io";

const EXIT_CODES_HELP = `
Exit codes:
  0  success
  1  validation or lint failure, or a user error that is explained (e.g. an unknown customer id)
  2  usage error (unknown command or option, missing or invalid option value)
  3  file error (input missing, unreadable or malformed; output not writable)

Docs: docs/cli.md`;

/** The commander program of `leadroute`, writing through `io`. */
function buildProgram(ctx: ReturnType<typeof createContext>): Command {
  const { io } = ctx;
  const program = new Command();
  program
    .name("leadroute")
    .description(
      "Deterministic, explainable lead routing: try a rule set on your data, see who gets how much and why.",
    )
    .version(version, "-V, --version")
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
    })
    .showHelpAfterError("(run leadroute --help for usage)")
    .addHelpText("after", EXIT_CODES_HELP);
  registerDemo(program, ctx);
  registerSimulate(program, ctx);
  registerExplain(program, ctx);
  registerDiff(program, ctx);
  registerValidate(program, ctx);
  registerLint(program, ctx);
  registerSchema(program, ctx);
  return program;
}

/**
 * Run the CLI on `argv` (the arguments after the program name) and return the exit code.
 * All output goes through `io`; the process is never exited here and no error escapes: a
 * missing or malformed file, an invalid rule set or a usage mistake is one clear message on
 * stderr and its exit code (0 ok, 1 validation/lint failure or explained user error, 2 usage
 * error, 3 file error).
 */
export function run(argv: readonly string[], io: CliIo): number {
  const ctx = createContext(io);
  const program = buildProgram(ctx);
  try {
    program.parse([...argv], { from: "user" });
    return ctx.code;
  } catch (e) {
    return report(io, e);
  }
}

function report(io: CliIo, e: unknown): number {
  if (e instanceof CommanderError) {
    // Help and version are printed by commander already.
    if (e.code === "commander.helpDisplayed" || e.code === "commander.version") return EXIT.ok;
    return EXIT.usage;
  }
  if (e instanceof CliError) {
    io.stderr(`leadroute: ${[e.message, ...e.details].join("\n")}\n`);
    return e.exitCode;
  }
  if (isLeadRouteError(e)) {
    io.stderr(`leadroute: ${e.message}\n`);
    return EXIT.failure;
  }
  // A bug: say so in one line rather than dumping a stack trace on a sales-ops user.
  const message = e instanceof Error ? e.message : String(e);
  io.stderr(`leadroute: internal error: ${message} (please report it)\n`);
  return EXIT.failure;
}
