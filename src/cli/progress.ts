import type { CliIo } from "./io";

/** A one-line progress bar on stderr, drawn only when stderr is a terminal. */
export interface Progress {
  /** Start the next step, with a label such as `reading customers.csv`. */
  step(label: string): void;
  /** Clear the bar. */
  done(): void;
}

const WIDTH = 24;

/**
 * A progress bar over `total` steps, redrawn in place with `\r`. When stderr is not a terminal
 * (a pipe, a file, a test) nothing is written, so output stays clean and deterministic.
 */
export function createProgress(io: CliIo, total: number): Progress {
  if (!io.stderrIsTTY) return { step() {}, done() {} };
  let current = 0;
  let drawn = false;
  const columns = io.stderrColumns ?? 80;
  return {
    step(label) {
      current = Math.min(current + 1, total);
      const filled = Math.round((current / total) * WIDTH);
      const bar = `[${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}] ${current}/${total} ${label}`;
      io.stderr(`\r\u001b[2K${bar.slice(0, Math.max(10, columns - 1))}`);
      drawn = true;
    },
    done() {
      if (drawn) io.stderr("\r\u001b[2K");
      drawn = false;
    },
  };
}
