import { describe, expect, it } from "vitest";
import { createRouter } from "../../src/index";

// 35 territories: the first 30 get a bit of the membership mask, the last 5 do not.
const territories = Object.fromEntries(
  Array.from({ length: 35 }, (_, i) => [
    `t${i}`,
    { regions: [`CN-${String(i).padStart(2, "0")}`] },
  ]),
);
const rule = (id: string, names: string[]) => ({
  id,
  match: { territory: names },
  assign: { queue: id },
});
const router = createRouter({
  id: "mask",
  timezone: "UTC",
  hitPolicy: "first",
  territories,
  rules: [
    rule("masked", ["t3", "t29"]),
    rule("unmasked", ["t33"]),
    rule("mixed", ["t1", "t34"]),
    { id: "rest", assign: { queue: "rest" } },
  ],
});
const region = (i: number) => `CN-${String(i).padStart(2, "0")}`;

describe("territory matcher with and without mask bits", () => {
  it.each(["summary", "full"] as const)("matches every territory in %s", (explain) => {
    const customers = [3, 29, 33, 1, 34, 30, 0].map((i) => ({ id: `c${i}`, region: region(i) }));
    const queues = router
      .assign({ customers, reps: [], now: "2026-03-02T00:00:00Z", explain })
      .decisions.map((d) => d.queue);
    expect(queues).toEqual(["masked", "masked", "unmasked", "mixed", "mixed", "rest", "rest"]);
  });

  it("shows the first failing matcher in full explanations", () => {
    const e = router.assign({
      customers: [{ id: "x", region: region(34) }],
      reps: [],
      now: "2026-03-02T00:00:00Z",
      explain: "full",
    }).decisions[0]!.explanation;
    expect(e.rules.map((r) => [r.ruleId, r.matched, r.failed?.matcher])).toEqual([
      ["masked", false, "territory"],
      ["unmasked", false, "territory"],
      ["mixed", true, undefined],
      ["rest", true, undefined],
    ]);
  });
});
