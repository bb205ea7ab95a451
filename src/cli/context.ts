import { CliError, EXIT } from "./errors";
import type { CliIo } from "./io";
import { createProgress, type Progress } from "./progress";

/** What every command action gets: the I/O and a way to set the exit code. */
export interface CommandContext {
  readonly io: CliIo;
  /** Set the process exit code of this run (0 unless a command says otherwise). */
  exit(code: number): void;
  /** A progress bar over `steps` steps (silent unless stderr is a terminal). */
  progress(steps: number): Progress;
}

/** A fresh context over `io`. */
export function createContext(io: CliIo): CommandContext & { readonly code: number } {
  let code = 0;
  return {
    io,
    exit(c) {
      code = c;
    },
    progress: (steps) => createProgress(io, steps),
    get code() {
      return code;
    },
  };
}

/** Write a block of text to stdout, ending with exactly one newline. */
export function print(io: CliIo, text: string): void {
  io.stdout(text.endsWith("\n") ? text : `${text}\n`);
}

/** Stable, readable JSON (two-space indent, newline at the end). */
export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Write an output file; a failure (no such folder, no permission) is one line naming it, exit 3. */
export function writeOutput(io: CliIo, file: string, data: string): void {
  try {
    io.writeFile(file, data);
  } catch (e) {
    const code = typeof e === "object" && e !== null && "code" in e ? e.code : undefined;
    const reason =
      code === "ENOENT"
        ? "its folder does not exist"
        : code === "EACCES" || code === "EPERM"
          ? "permission denied"
          : code === "EISDIR"
            ? "is a directory"
            : e instanceof Error
              ? e.message
              : String(e);
    throw new CliError(EXIT.input, `${file}: cannot write the file: ${reason}`);
  }
}
