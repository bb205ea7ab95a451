import { describe, expect, it } from "vitest";
import { createRouter, initialState, LeadRouteError } from "../../src/index";
import { designRuleSet } from "./fixtures";

const router = createRouter(designRuleSet());
const NOW = "2026-03-02T10:00:00+08:00";

/** The error `fn` throws (fails the test when it throws anything else, or nothing). */
function errorOf(fn: () => unknown): LeadRouteError {
  try {
    fn();
  } catch (error) {
    if (error instanceof LeadRouteError) return error;
    throw error;
  }
  throw new Error("expected a LeadRouteError");
}

const assignWith = (reps: unknown[], state?: unknown) => () =>
  router.assign({
    customers: [{ id: "c1" }],
    reps,
    // The state comes from storage here: deliberately unchecked.
    state: state as never,
    now: NOW,
  });

describe("reps are checked per call", () => {
  it("lists an unknown key with a hint, and accepts free keys inside attributes", () => {
    const error = errorOf(assignWith([{ id: "wang", territory: ["east"] }]));
    expect(error.code).toBe("invalid_reps");
    expect(error.issues).toEqual([
      {
        path: "reps[0].territory",
        message: 'unknown key "territory" (did you mean "territories"?)',
      },
    ]);
    expect(
      assignWith([{ id: "wang", attributes: { territory: "anything", "x-y": 1 } }]),
    ).not.toThrow();
  });

  it("lists a duplicate id, an unknown territory and a bad time zone in one error", () => {
    const error = errorOf(
      assignWith([
        { id: "wang" },
        { id: "li", territories: ["esat"] },
        { id: "wang", timezone: "Asia/Shangai" },
      ]),
    );
    expect(error.code).toBe("invalid_reps");
    expect(error.issues).toEqual(
      expect.arrayContaining([
        { path: "reps[2].id", message: expect.stringContaining('duplicate rep id "wang"') },
        {
          path: "reps[1].territories[0]",
          message: 'unknown territory "esat" (did you mean "east"?)',
        },
        { path: "reps[2].timezone", message: expect.stringContaining("Asia/Shangai") },
      ]),
    );
    expect(error.issues).toHaveLength(3);
  });

  // Regression: one malformed rep must not hide the other reps' issues (DESIGN §10: configuration
  // errors list every issue).
  it("lists a typo key together with a duplicate id and an unknown territory", () => {
    const error = errorOf(
      assignWith([
        { id: "wang", teamz: ["smb"] },
        { id: "wang" },
        { id: "li", territories: ["esat"] },
      ]),
    );
    expect(error.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(["reps[0].teamz", "reps[1].id", "reps[2].territories[0]"]),
    );
  });

  it("rejects malformed working hours with their paths", () => {
    const error = errorOf(
      assignWith([{ id: "a", workingHours: [{ days: [0, 8], from: "9:00", to: "25:00" }] }]),
    );
    expect(error.issues.map((i) => i.path)).toEqual([
      "reps[0].workingHours[0].days[0]",
      "reps[0].workingHours[0].days[1]",
      "reps[0].workingHours[0].from",
      "reps[0].workingHours[0].to",
    ]);
  });

  it("rejects time off without an offset, or ending before it starts", () => {
    const error = errorOf(
      assignWith([
        { id: "a", timeOff: [{ from: "2026-03-02T10:00:00", to: "2026-03-03" }] },
        { id: "b", timeOff: [{ from: "2026-03-02", to: "2026-03-01" }] },
      ]),
    );
    expect(error.issues.map((i) => i.path)).toEqual([
      "reps[0].timeOff[0].from",
      "reps[1].timeOff[0].to",
    ]);
  });

  it("requires reps to be an array of objects with ids", () => {
    for (const reps of [{}, [{}], [{ id: "" }], [null], "wang"]) {
      expect(errorOf(assignWith(reps as unknown[])).code).toBe("invalid_reps");
    }
  });
});

describe("state is checked when it does not come from this library", () => {
  it("accepts the initial state and its JSON copy", () => {
    expect(assignWith([{ id: "wang" }], initialState())).not.toThrow();
    expect(assignWith([{ id: "wang" }], JSON.parse(JSON.stringify(initialState())))).not.toThrow();
  });

  it("lists every problem of a damaged state with its path", () => {
    const error = errorOf(
      assignWith([{ id: "wang" }], {
        schemaVersion: 2,
        version: -1,
        clock: "yesterday",
        seq: 0,
        customers: { c9: { owner: "wang", protectedUntil: "2026-03-02T10:00:00" } },
        reps: { wang: { dayCount: 1.5 } },
        pools: {},
        extra: true,
      }),
    );
    expect(error.code).toBe("invalid_state");
    const paths = error.issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "state.schemaVersion",
        "state.version",
        "state.clock",
        "state.customers.c9.protectedUntil",
        "state.reps.wang.dayCount",
        "state.extra",
      ]),
    );
  });

  it("never lets a prototype key of a stored state reach an object prototype", () => {
    const state = JSON.parse(
      '{"schemaVersion":1,"version":0,"clock":null,"seq":0,"customers":{"__proto__":{"owner":"x"}},"reps":{"__proto__":{"dayCount":3}},"pools":{}}',
    );
    let result: ReturnType<ReturnType<typeof assignWith>> | undefined;
    try {
      result = assignWith([{ id: "wang" }], state)();
    } catch (error) {
      // Refusing it is fine too, as long as it is a configuration error.
      expect(error).toBeInstanceOf(LeadRouteError);
    }
    if (result) {
      expect(Object.hasOwn(result.state.customers, "__proto__")).toBe(false);
      expect(Object.getPrototypeOf(result.state.customers)).toBe(Object.prototype);
      expect(Object.getPrototypeOf(result.state.reps)).toBe(Object.prototype);
    }
    expect(({} as Record<string, unknown>).owner).toBeUndefined();
    expect(({} as Record<string, unknown>).dayCount).toBeUndefined();
  });
});

describe("call arguments", () => {
  it("rejects a bad now, a bad explain level and non-array customers", () => {
    const base = { customers: [], reps: [], now: NOW };
    expect(
      errorOf(() => router.assign({ ...base, now: "2026-03-02T10:00:00" })).issues[0]?.path,
    ).toBe("now");
    expect(errorOf(() => router.assign({ ...base, explain: "verbose" as never })).code).toBe(
      "invalid_input",
    );
    expect(errorOf(() => router.assign({ ...base, customers: {} as never })).code).toBe(
      "invalid_input",
    );
  });

  it("explains only customers of the batch, and says why a rejected one cannot be explained", () => {
    const input = {
      customers: [{ id: "c1" }, { id: "c2", receivedAt: "bad" }],
      reps: [],
      now: NOW,
    };
    expect(errorOf(() => router.explain({ ...input, customerId: "nobody" })).issues[0]?.path).toBe(
      "customerId",
    );
    expect(errorOf(() => router.explain({ ...input, customerId: "c2" })).issues[0]?.path).toBe(
      "customers[1].receivedAt",
    );
  });
});
