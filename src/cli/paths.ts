import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { CliError, EXIT } from "./errors";

/** The bundled example's files. */
export interface DemoFiles {
  dir: string;
  rules: string;
  reps: string;
  customers: string;
  state: string;
}

/**
 * Locate `examples/demo` relative to this module: two levels up from `src/cli/` when run from
 * source, one level up from `dist/` when run from the build, so it works from a checkout and
 * from an installed package alike.
 */
export function demoFiles(from: string = import.meta.url): DemoFiles {
  let dir = dirname(fileURLToPath(from));
  const tried: string[] = [];
  for (let up = 0; up < 4; up++) {
    const candidate = join(dir, "examples", "demo");
    tried.push(candidate);
    if (existsSync(join(candidate, "rules.yaml"))) {
      return {
        dir: candidate,
        rules: join(candidate, "rules.yaml"),
        reps: join(candidate, "reps.csv"),
        customers: join(candidate, "customers.csv"),
        state: join(candidate, "state.json"),
      };
    }
    dir = dirname(dir);
  }
  throw new CliError(
    EXIT.input,
    `the bundled example was not found (looked in ${tried.join(", ")})`,
  );
}
