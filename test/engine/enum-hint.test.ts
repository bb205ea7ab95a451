import { expect, it } from "vitest";
import { safeParseRuleSet } from "../../src/index";

it("an enum typo names the value, a did-you-mean hint and the allowed values", () => {
  const result = safeParseRuleSet({
    id: "x",
    hitPolicy: "priorty",
    pools: { p: { members: ["a"], strategy: "weigthed" } },
    rules: [{ id: "r", assign: { pool: "p" } }],
  });
  expect(result.success).toBe(false);
  if (result.success) return;
  expect(result.error.issues).toEqual(
    expect.arrayContaining([
      {
        path: "hitPolicy",
        message:
          'unknown value "priorty" (did you mean "priority"?); allowed: "priority", "first", "unique"',
      },
      expect.objectContaining({
        path: "pools.p.strategy",
        message: expect.stringContaining('did you mean "weighted"?'),
      }),
    ]),
  );
});
