import type { Command } from "commander";
import type { CommandContext } from "../context";
import { demoFiles } from "../paths";
import { outputOptions, runSimulate, type SimulateOptions } from "./simulate";

/** Register `leadroute demo`: simulate on the bundled example (examples/demo). */
export function registerDemo(program: Command, ctx: CommandContext): void {
  const command = program
    .command("demo")
    .description(
      "simulate the bundled example: 29 reps, 2,000 leads over two weeks, an existing book of business",
    );
  outputOptions(command).action(
    (opts: Omit<SimulateOptions, "rules" | "reps" | "customers" | "state" | "now">) => {
      const files = demoFiles();
      runSimulate(ctx, {
        ...opts,
        rules: files.rules,
        reps: files.reps,
        customers: files.customers,
        state: files.state,
      });
    },
  );
}
