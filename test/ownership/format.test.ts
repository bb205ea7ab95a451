import { describe, expect, it } from "vitest";
import { formatOperation, LOCALES } from "../../src";
import { OWNERSHIP, poolState, REPS, router, sh, T0 } from "./helpers";

function scene() {
  const r = router();
  const pool = poolState(r, [{ id: "c1", accountId: "A1" }]);
  const granted = r.claim({ customerId: "c1", repId: "wang", reps: REPS, state: pool, now: T0 });
  const denied = r.claim({
    customerId: "c1",
    repId: "li",
    reps: REPS,
    state: granted.state,
    now: sh("2026-03-03T10:00:00"),
    expectedVersion: pool.version,
  });
  const activity = r.recordActivity({
    customerId: "c1",
    repId: "wang",
    state: granted.state,
    now: sh("2026-03-12T09:00:00"),
  });
  const swept = r.sweep({ state: granted.state, now: sh("2026-03-20T00:00:00") });
  const transfer = r.transfer({
    customerId: "c1",
    toRepId: "zhao",
    actor: "boss",
    reason: "territory change",
    reps: REPS,
    state: granted.state,
    now: T0,
  });
  return { granted, denied, activity, swept, transfer };
}

describe("formatOperation", () => {
  it("renders a granted claim and a denied one with its reason and collision (en)", () => {
    const s = scene();
    expect(formatOperation(s.granted.explanation)).toMatchInlineSnapshot(`
      "Claim of customer c1 by wang: granted (rule set acme@r1)
        At 2026-03-02T02:00:00.000Z
        Owner: the public pool → wang
        Protected until 2026-03-17T02:00:00.000Z"
    `);
    expect(formatOperation(s.denied.explanation)).toMatchInlineSnapshot(`
      "Claim of customer c1 by li: denied (rule set acme@r1)
        At 2026-03-03T02:00:00.000Z
        Reason: protected by owner wang until 2026-03-17T02:00:00.000Z
        Owner: wang
        Conflicts:
          Claim collision: li expected version 1, but the owner changed at version 2 (now wang)"
    `);
  });

  it("renders activity, sweep and transfer (en)", () => {
    const s = scene();
    expect(formatOperation(s.activity.explanation)).toMatchInlineSnapshot(`
      "Activity on customer c1 by wang: recorded (rule set acme@r1)
        At 2026-03-12T01:00:00.000Z
        Owner: wang
        Protection extended from 2026-03-17T02:00:00.000Z to 2026-03-19T01:00:00.000Z"
    `);
    expect(formatOperation(s.swept.released[0]!.explanation)).toMatchInlineSnapshot(`
      "Reclaim (sweep) of customer c1 from wang: returned to the public pool (rule set acme@r1)
        At 2026-03-17T02:00:00.000Z
        Owner: wang → the public pool
        Idle since 2026-03-02T02:00:00.000Z; released after 15 idle days
        Release cool-down for the previous owner until 2026-03-31T02:00:00.000Z"
    `);
    expect(formatOperation(s.transfer.explanation)).toMatchInlineSnapshot(`
      "Transfer of customer c1 to zhao: transferred (rule set acme@r1)
        At 2026-03-02T02:00:00.000Z
        Owner: wang → zhao
        Protected until 2026-03-17T02:00:00.000Z
        Ordered by boss: "territory change""
    `);
  });

  it("renders zh-CN with the Chinese vocabulary", () => {
    const s = scene();
    expect(formatOperation(s.denied.explanation, { locale: "zh-CN" })).toMatchInlineSnapshot(`
      "领取客户 c1（销售 li）：被拒绝（分配规则 acme@r1）
        时间 2026-03-03T02:00:00.000Z
        原因：负责人 wang 的保护期至 2026-03-17T02:00:00.000Z
        负责人：wang
        冲突：
          领取撞单：li 预期版本 1，但负责人已在版本 2 变更（现为 wang）"
    `);
    expect(
      formatOperation(s.swept.released[0]!.explanation, { locale: "zh-CN" }),
    ).toMatchInlineSnapshot(`
      "回收客户 c1（原负责人 wang）：已回收至公海（分配规则 acme@r1）
        时间 2026-03-17T02:00:00.000Z
        负责人：wang → 公海
        自 2026-03-02T02:00:00.000Z 起未跟进；15 天未跟进即回收
        原负责人的再领取冷却期至 2026-03-31T02:00:00.000Z"
    `);
  });

  it("every locale renders every explanation on one line per fact, deterministically", () => {
    const s = scene();
    const explanations = [
      s.granted.explanation,
      s.denied.explanation,
      s.activity.explanation,
      s.swept.released[0]!.explanation,
      s.transfer.explanation,
    ];
    for (const locale of LOCALES) {
      for (const e of explanations) {
        const text = formatOperation(e, { locale });
        expect(text).toBe(formatOperation(structuredClone(e), { locale }));
        expect(text).not.toMatch(/undefined|\[object/);
        expect(text.split("\n")[0]).toContain("c1");
      }
    }
    expect(() => formatOperation(s.granted.explanation, { locale: "fr" as "en" })).toThrow(
      /unknown locale/,
    );
  });

  it("a transfer note with a newline cannot break the line structure", () => {
    const r = router(OWNERSHIP);
    const t = r.transfer({
      customer: { id: "c9" },
      toRepId: "li",
      actor: "boss\nx",
      reason: "a\nb",
      reps: REPS,
      now: T0,
    });
    const lines = formatOperation(t.explanation).split("\n");
    expect(lines.filter((l) => !l.startsWith("  ")).length).toBe(1);
  });
});
