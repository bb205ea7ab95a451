import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  createRouter,
  formatOperation,
  parseRuleSet,
  type RouterState,
  type RuleSet,
} from "../../src/index";

/**
 * docs/recipes.md is executable: every fenced `json` block is a rule set preceded by
 * `<!-- recipe: name -->`; each is parsed, and checked below to behave as the page says.
 */

const doc = readFileSync(new URL("../../docs/recipes.md", import.meta.url), "utf8");

/** Every ```json block of the page, by the recipe name on the line before it. */
function recipeBlocks(markdown: string): Map<string, string> {
  const lines = markdown.split("\n");
  const blocks = new Map<string, string>();
  lines.forEach((line, i) => {
    if (line !== "```json") return;
    const marker = /^<!-- recipe: ([a-z0-9-]+) -->$/.exec(lines[i - 1] ?? "");
    if (!marker) throw new Error(`line ${i + 1}: a json block without <!-- recipe: name -->`);
    const close = lines.indexOf("```", i + 1);
    if (close === -1) throw new Error(`line ${i + 1}: unclosed json block`);
    if (blocks.has(marker[1]!)) throw new Error(`recipe ${marker[1]} appears twice`);
    blocks.set(marker[1]!, lines.slice(i + 1, close).join("\n"));
  });
  return blocks;
}

const blocks = recipeBlocks(doc);

/** The fenced block after `<!-- output: name -->`, without its fences. */
function outputBlock(name: string): string {
  const lines = doc.split("\n");
  const at = lines.indexOf(`<!-- output: ${name} -->`);
  const close = lines.indexOf("```", at + 2);
  if (at === -1 || close === -1) throw new Error(`no output block ${name}`);
  return lines.slice(at + 2, close).join("\n");
}
const recipe = (name: string): RuleSet => {
  const text = blocks.get(name);
  if (text === undefined) throw new Error(`no recipe ${name} in docs/recipes.md`);
  return parseRuleSet(JSON.parse(text));
};

const CHECKED = [
  "source-region-industry",
  "grading",
  "weighted-rotation",
  "public-pool",
  "account-owner",
  "transfers",
  "offboarding",
];

it("has a check below for every recipe, and a recipe for every check", () => {
  expect([...blocks.keys()].sort()).toEqual([...CHECKED].sort());
});

it.each(CHECKED)("recipe %s parses", (name) => {
  expect(() => recipe(name)).not.toThrow();
});

const T0 = "2026-12-01T09:00:00+08:00";
const owners = (state: RouterState, ids: string[]) => ids.map((id) => state.customers[id]?.owner);

describe("assignment by source, region and industry", () => {
  const router = createRouter(recipe("source-region-industry"));
  const reps = [
    { id: "he" },
    { id: "chen", teams: ["east-software"] },
    { id: "lin", teams: ["east-software"] },
    { id: "wang", teams: ["east"] },
    { id: "li", teams: ["east"] },
    { id: "zheng", teams: ["south"] },
    { id: "zhao" },
    { id: "qian" },
  ];
  const route = (customer: Record<string, unknown>, roster: unknown[] = reps) => {
    const result = router.assign({ customers: [{ id: "c", ...customer }], reps: roster, now: T0 });
    expect(result.conflicts.filter((c) => c.type === "rule_overlap")).toEqual([]);
    const d = result.decisions[0]!;
    return { rule: d.ruleId, to: d.repId ?? `queue:${d.queue}`, attempts: d.explanation.attempts };
  };

  it("sends partner leads to the partner manager, whatever their region", () => {
    expect(route({ source: "partner", region: "CN-SH", industry: "software" })).toMatchObject({
      rule: "partner",
      to: "he",
    });
  });

  it("sends eastern software companies (by name or code prefix) to the specialists", () => {
    expect(["chen", "lin"]).toContain(route({ region: "CN-SH", industry: "511210" }).to);
    expect(route({ region: "CN-JS", industry: "software" }).rule).toBe("east-software");
    expect(route({ region: "CN-JS", industry: "541511" }).rule).toBe("east");
  });

  it("falls through to the east team when both specialists are away", () => {
    const away = [{ from: "2026-11-30", to: "2026-12-05" }];
    const roster = reps.map((r) =>
      r.id === "chen" || r.id === "lin" ? { ...r, timeOff: away } : r,
    );
    const d = route({ region: "CN-SH", industry: "software" }, roster);
    expect(d.rule).toBe("east");
    expect(["wang", "li"]).toContain(d.to);
    expect(d.attempts.map((a) => a.ruleId)).toEqual(["east-software", "east"]);
  });

  it("sends Guangdong and Shenzhen postal codes to the south team", () => {
    expect(route({ region: "CN-GD", source: "web" })).toMatchObject({ rule: "south", to: "zheng" });
    expect(route({ country: "CN", postalCode: "518057" })).toMatchObject({ to: "zheng" });
  });

  it("sends other web leads to inside sales and the rest to the public pool", () => {
    expect(route({ region: "CN-BJ", source: "landing-page" }).rule).toBe("web");
    expect(["zhao", "qian"]).toContain(route({ region: "CN-BJ", source: "web" }).to);
    expect(route({ region: "CN-BJ", source: "fair" })).toEqual({
      rule: undefined,
      to: "queue:public-pool",
      attempts: [],
    });
  });
});

describe("customer grading (A/B/C) with different reclaim periods", () => {
  const router = createRouter(recipe("grading"));
  const reps = ["wang", "li", "zhao", "qian", "sun"].map((id) => ({ id }));
  const customers = [
    { id: "a", annualRevenue: 200_000_000 },
    { id: "b", annualRevenue: 10_000_000 },
    { id: "c", annualRevenue: 500_000 },
    { id: "graded", annualRevenue: 1, tier: "A" },
  ];
  const first = router.assign({ customers, reps, now: T0 });
  const { state } = first;

  it("grades by revenue, a grade given in the CRM winning, and sends A to key accounts", () => {
    expect(first.decisions.map((d) => [d.customerId, d.explanation.tier])).toEqual([
      ["a", { id: "A", source: "computed" }],
      ["b", { id: "B", source: "computed" }],
      ["c", { id: "C", source: "computed" }],
      ["graded", { id: "A", source: "given" }],
    ]);
    expect(owners(state, ["a", "b", "c", "graded"])).toEqual(["wang", "zhao", "qian", "li"]);
  });

  it("reclaims A after 90 idle days, B after 30, C after 14", () => {
    const releaseAt = (id: string) => router.lookup({ customerId: id, state, now: T0 }).releaseAt;
    expect(releaseAt("a")).toBe("2027-03-01T01:00:00.000Z");
    expect(releaseAt("b")).toBe("2026-12-31T01:00:00.000Z");
    expect(releaseAt("c")).toBe("2026-12-15T01:00:00.000Z");
    const sweep = router.sweep({ state, now: "2026-12-15T09:00:00+08:00" });
    expect(sweep.released.map((r) => r.customerId)).toEqual(["c"]);
    // The owner may not take it back for 30 days.
    const back = router.claim({
      customerId: "c",
      repId: "qian",
      reps,
      state: sweep.state,
      now: "2026-12-20T09:00:00+08:00",
    });
    expect(back.outcome === "denied" && back.reason).toBe("release_cooldown");
  });

  it("protects every grade for the same 14 days, then the owner keeps it until reclaimed", () => {
    const claim = (now: string) =>
      router.claim({ customerId: "b", repId: "sun", reps, state, now });
    const during = claim("2026-12-10T09:00:00+08:00");
    expect(during.outcome === "denied" && during.reason).toBe("protected_by_owner");
    const after = claim("2026-12-20T09:00:00+08:00");
    expect(after.outcome === "denied" && after.reason).toBe("owned_by_other");
    expect(after.outcome === "denied" && after.details).toEqual({
      owner: "zhao",
      until: "2026-12-31T01:00:00.000Z",
    });
  });
});

describe("fair rotation with weights for senior and junior reps", () => {
  const router = createRouter(recipe("weighted-rotation"));
  // The roster shown in the recipe.
  const reps = [
    { id: "wang", teams: ["sales"], weight: 2, attributes: { level: "senior" } },
    { id: "li", teams: ["sales"], weight: 2, attributes: { level: "senior" } },
    {
      id: "zhao",
      teams: ["sales"],
      weight: 1,
      attributes: { level: "junior" },
      capacity: { perDay: 8 },
    },
    {
      id: "qian",
      teams: ["sales"],
      weight: 1,
      attributes: { level: "junior" },
      capacity: { perDay: 8 },
    },
  ];
  const counts = (n: number, extra: Record<string, unknown> = {}) => {
    const customers = Array.from({ length: n }, (_, i) => ({ id: `l${i}`, ...extra }));
    const result = router.assign({ customers, reps, now: "2026-12-01T10:00:00+08:00" });
    const count: Record<string, number> = {};
    for (const d of result.decisions) if (d.repId) count[d.repId] = (count[d.repId] ?? 0) + 1;
    return { count, queued: result.decisions.filter((d) => d.outcome === "queued").length };
  };

  it("gives seniors twice the juniors' share", () => {
    expect(counts(30)).toEqual({ count: { wang: 10, li: 10, zhao: 5, qian: 5 }, queued: 0 });
  });

  it("stops a junior at 8 a day and lets the seniors absorb the rest", () => {
    const { count, queued } = counts(60);
    expect({ count, queued }).toEqual({ count: { wang: 22, li: 22, zhao: 8, qian: 8 }, queued: 0 });
  });

  it("sends tier-A leads to seniors only", () => {
    expect(counts(10, { tier: "A" }).count).toEqual({ wang: 5, li: 5 });
  });
});

describe("protection periods and the public pool", () => {
  const router = createRouter(recipe("public-pool"));
  const reps = [{ id: "wang" }, { id: "li" }, { id: "zhao" }];
  const base = router.assign({
    customers: [
      { id: "w1", source: "web" },
      { id: "f1", source: "fair" },
      ...["p1", "p2", "p3", "p4"].map((id) => ({ id, source: "fair" })),
    ],
    reps,
    now: T0,
  });

  it("puts unplaced leads in the public pool, claimable at once", () => {
    expect(base.decisions[1]).toMatchObject({ outcome: "queued", queue: "public-pool" });
    const claim = router.claim({ customerId: "f1", repId: "li", reps, state: base.state, now: T0 });
    expect(claim.outcome).toBe("granted");
  });

  it("limits claims to 3 a day per rep", () => {
    let state = base.state;
    const outcomes = ["p1", "p2", "p3", "p4"].map((customerId) => {
      const r = router.claim({ customerId, repId: "zhao", reps, state, now: T0 });
      state = r.state;
      return r.outcome === "denied" ? [r.reason, r.details] : r.outcome;
    });
    expect(outcomes).toEqual([
      "granted",
      "granted",
      "granted",
      ["claim_limit_reached", { count: 3, limit: 3 }],
    ]);
    const tomorrow = router.claim({
      customerId: "p4",
      repId: "zhao",
      reps,
      state,
      now: "2026-12-02T09:00:00+08:00",
    });
    expect(tomorrow.outcome).toBe("granted");
  });

  it("protects 15 days, extended by follow-ups up to 60 days from the start", () => {
    expect(base.state.customers.w1).toMatchObject({
      owner: "wang",
      protectedUntil: "2026-12-16T01:00:00.000Z",
    });
    const li = router.claim({
      customerId: "w1",
      repId: "li",
      reps,
      state: base.state,
      now: "2026-12-02T09:00:00+08:00",
    });
    expect(li.outcome === "denied" && li.reason).toBe("protected_by_owner");
    let state = base.state;
    const follow = (now: string) => {
      state = router.recordActivity({ customerId: "w1", repId: "wang", state, now }).state;
      return state.customers.w1?.protectedUntil;
    };
    expect(follow("2026-12-14T09:00:00+08:00")).toBe("2026-12-21T01:00:00.000Z"); // +7 days
    expect(follow("2027-01-05T09:00:00+08:00")).toBe("2027-01-12T01:00:00.000Z");
    expect(follow("2027-01-29T09:00:00+08:00")).toBe("2027-01-30T01:00:00.000Z"); // 60-day cap

    // 30 idle days after the last follow-up: a reminder 3 days ahead, then back to the pool.
    const eve = router.sweep({ state, now: "2027-02-25T10:00:00+08:00" });
    expect(eve.dueSoon).toEqual([
      { customerId: "w1", owner: "wang", releaseAt: "2027-02-28T01:00:00.000Z" },
    ]);
    const night = router.sweep({ state, now: "2027-03-01T02:00:00+08:00" });
    expect(night.released.map((r) => [r.customerId, r.releasedAt])).toEqual([
      ["w1", "2027-02-28T01:00:00.000Z"],
    ]);
    const claim = (repId: string, now: string) => {
      const r = router.claim({ customerId: "w1", repId, reps, state: night.state, now });
      return r.outcome === "denied" ? r.reason : r.outcome;
    };
    expect(claim("li", "2027-03-01T08:59:00+08:00")).toBe("new_in_pool_cooldown"); // a day in the pool
    expect(claim("li", "2027-03-01T09:00:00+08:00")).toBe("granted");
    expect(claim("wang", "2027-03-05T09:00:00+08:00")).toBe("release_cooldown"); // 14 days
    expect(claim("wang", "2027-03-14T09:00:00+08:00")).toBe("granted");
  });

  it("never reclaims a won deal", () => {
    const sweep = router.sweep({
      state: base.state,
      now: "2027-02-01T09:00:00+08:00",
      customers: [{ id: "w1", source: "web", stage: "won" }],
    });
    expect(sweep.released).toEqual([]);
    expect(sweep.exempted.map((e) => e.customerId)).toEqual(["w1"]);
  });
});

describe("one account, one rep", () => {
  const router = createRouter(recipe("account-owner"));
  const reps = [{ id: "wang" }, { id: "li" }, { id: "zhao" }];
  const first = router.assign({
    customers: [{ id: "x1", accountId: "acme", source: "web" }],
    reps,
    now: T0,
  });

  it("sends a new lead of an owned account to the account's owner", () => {
    const next = router.assign({
      customers: [
        { id: "y1", source: "web" }, // rotation moves on to li
        { id: "x2", accountId: "acme", source: "web" },
        { id: "x3", accountId: "acme", source: "fair" }, // no rule would place it
      ],
      reps,
      state: first.state,
      now: "2026-12-02T09:00:00+08:00",
    });
    expect(next.decisions.map((d) => [d.customerId, d.outcome, d.repId])).toEqual([
      ["y1", "assigned", "li"],
      ["x2", "account_owner", "wang"],
      ["x3", "account_owner", "wang"],
    ]);
  });

  it("denies claiming a contact of a company another rep owns (撞单)", () => {
    const claim = router.claim({
      customer: { id: "x9", accountId: "acme" },
      repId: "li",
      reps,
      state: first.state,
      now: T0,
    });
    expect(claim.outcome === "denied" && [claim.reason, claim.details]).toEqual([
      "account_owned_by_other",
      { owner: "wang" },
    ]);
  });
});

describe("manager transfers with reasons", () => {
  const router = createRouter(recipe("transfers"));
  const reps = [{ id: "wang" }, { id: "li" }];
  const { state } = router.assign({ customers: [{ id: "c-42" }], reps, now: T0 });
  const now = "2026-12-03T15:00:00+08:00";
  const result = router.transfer({
    customerId: "c-42",
    toRepId: "li",
    actor: "manager-sun",
    reason: "customer asked for a Mandarin-speaking rep",
    reps,
    state,
    now,
  });

  it("overrides protection and records actor and reason", () => {
    const claim = router.claim({ customerId: "c-42", repId: "li", reps, state, now });
    expect(claim.outcome === "denied" && claim.reason).toBe("protected_by_owner");
    expect(result.outcome).toBe("transferred");
    expect(result.events[0]).toMatchObject({
      type: "customer_transferred",
      data: {
        actor: "manager-sun",
        reason: "customer asked for a Mandarin-speaking rep",
        previousOwner: "wang",
      },
    });
    // The page shows the rendered explanation verbatim.
    expect(formatOperation(result.explanation)).toBe(outputBlock("transfer"));
  });

  it("gives the new owner fresh protection and the previous owner no cool-down", () => {
    expect(result.state.customers["c-42"]).toMatchObject({
      owner: "li",
      protectedUntil: "2027-01-02T07:00:00.000Z",
    });
    expect(result.state.customers["c-42"]?.cooldowns?.wang).toBeUndefined();
  });
});

describe("a rep leaving", () => {
  const router = createRouter(recipe("offboarding"));
  const reps = [{ id: "wang" }, { id: "li" }, { id: "zhou" }];
  const assigned = router.assign({
    customers: [
      { id: "e1", region: "CN-SH" },
      { id: "e2", region: "CN-ZJ" },
      { id: "e3", region: "CN-SH" },
      { id: "e4", region: "CN-ZJ" },
      { id: "b1", region: "CN-BJ" },
    ],
    reps,
    now: T0,
  });
  const claimed = router.claim({
    customerId: "b1",
    repId: "wang",
    reps,
    state: assigned.state,
    now: T0,
  });
  const now = "2026-12-05T09:00:00+08:00";
  const off = router.offboard({ repId: "wang", reps, state: claimed.state, now });

  it("redistributes the rep's customers by the rules, each with its explanation", () => {
    expect(owners(claimed.state, ["e1", "e4", "b1"])).toEqual(["wang", "wang", "wang"]);
    expect(off.decisions.map((d) => [d.customerId, d.outcome, d.repId ?? d.queue])).toEqual([
      ["b1", "queued", "public-pool"],
      ["e1", "assigned", "li"],
      ["e4", "assigned", "zhou"],
    ]);
    for (const d of off.decisions) expect(d.explanation.ownership?.step).toBe("owner_inactive");
    const book = Object.values(off.state.customers).filter((c) => c.owner === "wang");
    expect(book).toEqual([]);
  });

  it("puts what the rules cannot place in the public pool, claimable after a day", () => {
    const claim = (at: string) =>
      router.claim({ customerId: "b1", repId: "li", reps, state: off.state, now: at });
    const early = claim(now);
    expect(early.outcome === "denied" && early.reason).toBe("new_in_pool_cooldown");
    expect(claim("2026-12-06T09:00:00+08:00").outcome).toBe("granted");
  });
});
