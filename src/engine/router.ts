import { LeadRouteError } from "../errors";
import type { ExplainDetail, Explanation } from "../explain/types";
import type { CustomOperators } from "../logic";
import * as ownership from "../ownership";
import type {
  ActivityInput,
  ActivityResult,
  ClaimInput,
  ClaimResult,
  LookupInput,
  LookupResult,
  OffboardInput,
  OffboardResult,
  ReleaseInput,
  ReleaseResult,
  SweepInput,
  SweepResult,
  TransferInput,
  TransferResult,
} from "../ownership/types";
import { type ParseOptions, parseRuleSet } from "../schema/parse";
import type { RuleSet } from "../schema/rule-set";
import type { RouterState } from "../schema/state";
import { type AssignInput, type AssignResult, runAssign } from "./assign";
import { type CompiledRuleSet, compileRuleSet } from "./compile";

/** Arguments of `router.explain`: the same inputs as the `assign` that decided the customer. */
export interface ExplainInput {
  customerId: string;
  customers: readonly unknown[];
  reps: readonly unknown[];
  state?: RouterState | undefined;
  now: string | number;
}

/** A router: a rule set compiled once, with pure operations over caller-held state. */
export interface Router {
  /**
   * The parsed rule set the router was compiled from, for reading only: the router compiled its
   * rules from it and keeps reps prepared under its defaults, so a change made to it afterwards
   * would apply only in part.
   */
  readonly ruleSet: RuleSet;
  /** Decide a batch of customers (DESIGN §4, §8). Pure: returns decisions, events and the next state. */
  assign(input: AssignInput): AssignResult;
  /** Recompute the full explanation of one customer from the same inputs as its `assign`. */
  explain(input: ExplainInput): Explanation;
  /** Who owns a customer or an account, and may a rep claim it now or from when (查重, DESIGN §7). Read-only. */
  lookup(input: LookupInput): LookupResult;
  /** A rep claims a customer from the public pool (领取); a denial names the first failing check. */
  claim(input: ClaimInput): ClaimResult;
  /** The owner's follow-up: restarts the idle clock and extends protection. */
  recordActivity(input: ActivityInput): ActivityResult;
  /** The owner returns a customer to the public pool (释放); cool-downs start. */
  release(input: ReleaseInput): ReleaseResult;
  /** Return idle customers to the public pool at their release moments (回收). */
  sweep(input: SweepInput): SweepResult;
  /** A manager moves a customer to another rep (转移), overriding protection and cool-downs. */
  transfer(input: TransferInput): TransferResult;
  /** Re-route a leaving rep's customers through the rules, one decision each. */
  offboard(input: OffboardInput): OffboardResult;
}

/** Internal access to the compiled rule set (for the ownership operations and analysis). */
export const COMPILED = Symbol("leadroute.compiled");
export type RouterWithInternals = Router & { readonly [COMPILED]: CompiledRuleSet };

/**
 * Create a router from a parsed rule set or raw input (parsed here). Custom JSON Logic operators
 * are bound to this router only; json-logic-js's global table is never touched.
 */
export function createRouter(ruleSet: unknown, options: ParseOptions = {}): Router {
  const operators: CustomOperators | undefined = options.operators;
  const parsed = parseRuleSet(ruleSet, { operators });
  const compiled = compileRuleSet(parsed, operators);
  const router: RouterWithInternals = {
    ruleSet: parsed,
    [COMPILED]: compiled,
    assign: (input) => runAssign(compiled, input),
    lookup: (input) => ownership.lookup(compiled, input),
    claim: (input) => ownership.claim(compiled, input),
    recordActivity: (input) => ownership.recordActivity(compiled, input),
    release: (input) => ownership.release(compiled, input),
    sweep: (input) => ownership.sweep(compiled, input),
    transfer: (input) => ownership.transfer(compiled, input),
    offboard: (input) => ownership.offboard(compiled, input),
    explain(input) {
      if (typeof input?.customerId !== "string") {
        throw new LeadRouteError("invalid_input", [
          { path: "customerId", message: "must be the id of a customer in `customers`" },
        ]);
      }
      const detail: ExplainDetail = "summary";
      const result = runAssign(compiled, { ...input, explain: detail }, input.customerId);
      const decision = result.decisions.find((d) => d.customerId === input.customerId);
      if (!decision) {
        const rejected = result.rejected.find((r) => r.customerId === input.customerId);
        throw new LeadRouteError(
          "invalid_input",
          rejected
            ? rejected.issues.map((i) => ({
                path: `customers[${rejected.index}].${i.path}`,
                message: i.message,
              }))
            : [{ path: "customerId", message: `no customer "${input.customerId}" in customers` }],
        );
      }
      return decision.explanation;
    },
  };
  return router;
}
