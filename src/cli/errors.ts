/**
 * Exit codes of the `leadroute` CLI (documented in docs/cli.md): 0 success; 1 a validation or
 * lint failure, or a user error the CLI explains (an invalid rule set, an unknown customer id);
 * 2 a usage error (unknown command or option, missing argument); 3 an input file that cannot be
 * read or parsed, or an output file that cannot be written.
 */
export const EXIT = { ok: 0, failure: 1, usage: 2, input: 3 } as const;

/** One of the documented exit codes ({@link EXIT}). */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error the CLI reports as one message line (plus optional detail lines) and an exit code. */
export class CliError extends Error {
  override readonly name: string = "CliError";
  readonly exitCode: ExitCode;
  readonly details: readonly string[];

  constructor(exitCode: ExitCode, message: string, details: readonly string[] = []) {
    super(message);
    this.exitCode = exitCode;
    this.details = details;
  }
}

/** Where in a file a problem was found (1-based line and column). */
export interface FilePosition {
  line: number;
  column?: number | undefined;
}

/**
 * A file that cannot be read or parsed: reported as one compiler-style line
 * `file:line:column: message`, exit code 3.
 */
export class InputFileError extends CliError {
  override readonly name: string = "InputFileError";
  readonly file: string;
  readonly position: FilePosition | undefined;

  constructor(file: string, message: string, position?: FilePosition) {
    const where = position
      ? `${file}:${position.line}${position.column !== undefined ? `:${position.column}` : ""}`
      : file;
    super(EXIT.input, `${where}: ${message}`);
    this.file = file;
    this.position = position;
  }
}
