import { describe, expect, it } from "vitest";
import { createRouter } from "../../src";
import {
  extendedProtection,
  idleReleaseDays,
  idleStart,
  protectionEnd,
  releaseAt,
} from "../../src/ownership/protection";
import type { CustomerState } from "../../src/schema/state";
import { OWNERSHIP, REPS, router, ruleSet, sh, utc } from "./helpers";

const ms = (iso: string) => Date.parse(iso);
const rsWith = (ownership: Record<string, unknown>, timezone = "Asia/Shanghai") =>
  createRouter({ ...ruleSet(ownership), timezone }).ruleSet;

const owned = (fields: Partial<CustomerState>): CustomerState => ({
  owner: "wang",
  ownedSince: utc("2026-03-01T10:00:00"),
  ...fields,
});

describe("protection end", () => {
  it("is start + protection.days calendar days, keeping the wall-clock time", () => {
    const rs = rsWith(OWNERSHIP);
    expect(protectionEnd(ms(sh("2026-03-01T10:00:00")), rs)).toBe(ms(sh("2026-03-16T10:00:00")));
  });

  it("is DST-safe: calendar days across a DST change keep 09:00 (23 or 25 hours)", () => {
    const rs = rsWith({ protection: { days: 1 } }, "America/New_York");
    const start = ms("2026-03-07T09:00:00-05:00");
    expect(protectionEnd(start, rs)).toBe(ms("2026-03-08T09:00:00-04:00"));
    expect(protectionEnd(start, rs)! - start).toBe(23 * 3_600_000);
    const fall = ms("2026-10-31T09:00:00-04:00");
    expect(protectionEnd(fall, rs)).toBe(ms("2026-11-01T09:00:00-05:00"));
    expect(protectionEnd(fall, rs)! - fall).toBe(25 * 3_600_000);
  });

  it("is absent without protection or with 0 days", () => {
    expect(protectionEnd(0, rsWith({}))).toBeUndefined();
    expect(protectionEnd(0, rsWith({ protection: { days: 0 } }))).toBeUndefined();
  });
});

describe("activity extends protection", () => {
  const rs = rsWith(OWNERSHIP); // 15 days, +7 on activity, max 30
  const base = owned({ protectedUntil: utc("2026-03-16T10:00:00") });

  it("moves the end to activity + extendOnActivityDays when that is later", () => {
    const at = ms(sh("2026-03-12T15:30:00"));
    expect(extendedProtection(base, at, rs)).toBe(ms(sh("2026-03-19T15:30:00")));
  });

  it("never shortens: an early activity leaves the end where it was", () => {
    const at = ms(sh("2026-03-02T08:00:00"));
    expect(extendedProtection(base, at, rs)).toBe(ms(base.protectedUntil!));
  });

  it("never goes past maxDays from the ownership start", () => {
    const late = owned({ protectedUntil: utc("2026-03-29T10:00:00") });
    const at = ms(sh("2026-03-28T10:00:00"));
    expect(extendedProtection(late, at, rs)).toBe(ms(sh("2026-03-31T10:00:00")));
  });

  it("is unbounded without maxDays", () => {
    const unbounded = rsWith({ protection: { days: 15, extendOnActivityDays: 7 } });
    const at = ms(sh("2026-06-01T10:00:00"));
    expect(extendedProtection(base, at, unbounded)).toBe(ms(sh("2026-06-08T10:00:00")));
  });

  it("is unchanged with extendOnActivityDays 0, and opens protection when only extension is configured", () => {
    const noExtend = rsWith({ protection: { days: 15 } });
    expect(extendedProtection(base, ms(sh("2026-03-15T00:00:00")), noExtend)).toBe(
      ms(base.protectedUntil!),
    );
    const onlyExtend = rsWith({ protection: { days: 0, extendOnActivityDays: 2 } });
    const bare = owned({});
    expect(extendedProtection(bare, ms(sh("2026-03-05T10:00:00")), onlyExtend)).toBe(
      ms(sh("2026-03-07T10:00:00")),
    );
  });

  it("through recordActivity: the state carries the extended end, capped at maxDays", () => {
    const r = router();
    const start = r.claim({
      customer: { id: "c1" },
      repId: "wang",
      reps: REPS,
      now: sh("2026-03-01T10:00:00"),
    });
    expect(start.state.customers.c1?.protectedUntil).toBe(utc("2026-03-16T10:00:00"));
    let state = start.state;
    for (const day of ["2026-03-14", "2026-03-20", "2026-03-27", "2026-03-30"]) {
      state = r.recordActivity({
        customerId: "c1",
        repId: "wang",
        state,
        now: sh(`${day}T10:00:00`),
      }).state;
    }
    // 03-14 → 03-21, 03-20 → 03-27, 03-27 → min(04-03, cap 03-31), 03-30 → stays 03-31.
    expect(state.customers.c1?.protectedUntil).toBe(utc("2026-03-31T10:00:00"));
    expect(state.customers.c1?.lastActivityAt).toBe(utc("2026-03-30T10:00:00"));
  });
});

describe("idle clock and release moment", () => {
  const rs = rsWith(OWNERSHIP);

  it("idle starts at the later of ownership start and last activity", () => {
    expect(idleStart(owned({}))).toBe(ms(utc("2026-03-01T10:00:00")));
    expect(idleStart(owned({ lastActivityAt: utc("2026-03-05T11:00:00") }))).toBe(
      ms(utc("2026-03-05T11:00:00")),
    );
  });

  it("releaseAt = max(protection end, idle start + idleReleaseDays)", () => {
    const c = owned({
      protectedUntil: utc("2026-03-20T10:00:00"),
      lastActivityAt: utc("2026-03-02T10:00:00"),
    });
    expect(releaseAt(c, rs)).toBe(ms(utc("2026-03-20T10:00:00")));
    const idle = owned({
      protectedUntil: utc("2026-03-16T10:00:00"),
      lastActivityAt: utc("2026-03-10T09:00:00"),
    });
    expect(releaseAt(idle, rs)).toBe(ms(utc("2026-03-25T09:00:00")));
  });

  it("per tier: the tier's days; a tier not listed or no tier is never released", () => {
    const perTier = rsWith({ idleReleaseDays: { A: 30, C: 7 } });
    expect(idleReleaseDays(owned({ tier: "A" }), perTier)).toBe(30);
    expect(releaseAt(owned({ tier: "C" }), perTier)).toBe(ms(utc("2026-03-08T10:00:00")));
    expect(releaseAt(owned({ tier: "B" }), perTier)).toBeUndefined();
    expect(releaseAt(owned({}), perTier)).toBeUndefined();
  });

  it("no idleReleaseDays: never released; pool customers have no release moment", () => {
    expect(releaseAt(owned({}), rsWith({ protection: { days: 3 } }))).toBeUndefined();
    expect(releaseAt({ owner: null }, rs)).toBeUndefined();
  });
});
