/**
 * The `leadroute` executable: runs the CLI on the process arguments with the real I/O and sets
 * the exit code. Everything testable lives in `run` (src/cli/run.ts).
 */
import { processIo } from "./io";
import { run } from "./run";

// `leadroute demo --json | head` closes the pipe early: stop quietly, not with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
}

process.exitCode = run(process.argv.slice(2), processIo());
