import { readFileSync, writeFileSync } from "node:fs";

/**
 * Everything the CLI does to the outside world, injectable so tests run commands in-process:
 * output streams, file reads and writes, and whether stderr is a terminal (for the progress bar).
 */
export interface CliIo {
  /** Write text to standard output (no newline is added). */
  stdout(text: string): void;
  /** Write text to standard error (no newline is added). */
  stderr(text: string): void;
  /** Read a UTF-8 text file; throws a Node.js system error (`code` `ENOENT`, …) when it cannot. */
  readFile(path: string): string;
  /** Write a UTF-8 text file, replacing it. */
  writeFile(path: string, data: string): void;
  /** True when stderr is an interactive terminal: only then is a progress bar drawn. */
  stderrIsTTY?: boolean | undefined;
  /** Width of the stderr terminal in columns, when known. */
  stderrColumns?: number | undefined;
}

/** The real process I/O. */
export function processIo(): CliIo {
  return {
    stdout: (text) => {
      process.stdout.write(text);
    },
    stderr: (text) => {
      process.stderr.write(text);
    },
    readFile: (path) => readFileSync(path, "utf8"),
    writeFile: (path, data) => writeFileSync(path, data, "utf8"),
    stderrIsTTY: process.stderr.isTTY === true,
    stderrColumns: process.stderr.columns,
  };
}
