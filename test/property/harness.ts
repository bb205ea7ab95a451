/** Running generated worlds through the engine, and independent calendar arithmetic to check it. */
import {
  type AssignResult,
  createRouter,
  type ExplainDetail,
  type Router,
  type RouterState,
} from "../../src/index";
import { TEST_OPERATORS, type World } from "./arbitraries";

export interface RunOptions {
  router?: Router;
  explain?: ExplainDetail;
  /** Applied to the state before each call (e.g. a JSON round-trip). */
  through?: (state: RouterState) => RouterState;
}

/** A router for the world's rule set, with the test operators when the world uses them. */
export function routerFor(world: World): Router {
  return createRouter(world.ruleSet, world.operators ? { operators: TEST_OPERATORS } : {});
}

/** Assign every batch of a world in order, threading the state; returns each call's result. */
export function runWorld(world: World, options: RunOptions = {}): AssignResult[] {
  const router = options.router ?? routerFor(world);
  const results: AssignResult[] = [];
  let state: RouterState | undefined;
  for (const batch of world.batches) {
    const result = router.assign({
      customers: batch.customers,
      reps: world.reps,
      state: state && options.through ? options.through(state) : state,
      now: batch.now,
      explain: options.explain,
    });
    results.push(result);
    state = result.state;
  }
  return results;
}

/** Calendar date `YYYY-MM-DD` of an instant in a time zone, computed with `Intl` (not the engine). */
export function localDate(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(ms);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** ISO week `YYYY-Www` of a calendar date (the week of its Thursday). */
export function isoWeek(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  const day = Date.UTC(y!, m! - 1, d!) / 86_400_000;
  const weekday = ((((day + 3) % 7) + 7) % 7) + 1; // 1970-01-01 was a Thursday (4)
  const thursday = day + 4 - weekday;
  const year = new Date(thursday * 86_400_000).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1) / 86_400_000) / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** A state without the fields that count calls (`version`, and the per-customer `ownerVersion`). */
export function withoutVersions(state: RouterState): unknown {
  return {
    ...state,
    version: 0,
    customers: Object.fromEntries(
      Object.entries(state.customers).map(([id, c]) => {
        const { ownerVersion: _ignored, ...rest } = c;
        return [id, rest];
      }),
    ),
  };
}

/** `n` property runs, scaled by the `PROPERTY_SCALE` environment variable (for long bug hunts). */
export function runs(n: number): number {
  const scale = Number(process.env.PROPERTY_SCALE ?? "1");
  return Math.max(1, Math.round(n * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}
