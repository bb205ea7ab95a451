import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matchesPlain, plainKey, shapeOfKey } from "../../src/engine/plain-key";
import { createRouter, isLeadRouteError } from "../../src/index";
import { forbiddenKeyIssues } from "../../src/schema/forbidden-keys";

/** JSON values without -0 (JSON itself cannot tell it from 0; plainKey refuses it). */
const json = fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown);

describe("plainKey", () => {
  it("is the same text exactly for the same JSON data, and spells that data", () => {
    fc.assert(
      fc.property(json, json, (a, b) => {
        const ka = plainKey(a);
        expect(ka).toBeDefined();
        expect(JSON.parse(ka!)).toEqual(a);
        expect(ka === plainKey(b)).toBe(JSON.stringify(a) === JSON.stringify(b));
      }),
      { numRuns: 500 },
    );
  });

  it("has no key for what is not plain data", () => {
    class Box {
      x = 1;
    }
    const hole: unknown[] = [1];
    hole[2] = 3;
    const deep = JSON.parse(`${"[".repeat(9)}1${"]".repeat(9)}`);
    for (const value of [
      undefined,
      { a: undefined },
      new Date(0),
      { at: new Date(0) },
      new Map(),
      new Box(),
      [Number.NaN],
      { n: Number.POSITIVE_INFINITY },
      -0,
      hole,
      () => 1,
      Symbol("s"),
      10n,
      deep,
    ]) {
      expect(plainKey(value), String(value)).toBeUndefined();
    }
    expect(plainKey(Object.assign(Object.create(null), { a: 1 }))).toBe('{"a":1}');
  });

  it("has no key for data a schema would read differently from its JSON", () => {
    const hidden = { id: "a" };
    Object.defineProperty(hidden, "active", { value: false, enumerable: false });
    const withToJSON = { id: "a", toJSON: () => ({ id: "b" }) };
    const list: unknown[] = ["east"];
    Object.defineProperty(list, "toJSON", { value: () => ["west"], enumerable: false });
    for (const value of [hidden, withToJSON, list, { territories: list }]) {
      expect(plainKey(value)).toBeUndefined();
    }
    // An array is read by index by JSON and schemas alike: other properties change nothing.
    expect(plainKey(Object.assign(["east"], { note: 1 }))).toBe(plainKey(["east"]));
  });

  it("stops early on large values and on objects referred to from many places", () => {
    expect(plainKey({ name: "x".repeat(16_000) })).toBeDefined();
    expect(plainKey({ name: "x".repeat(20_000) })).toBeUndefined();
    expect(plainKey(Array.from({ length: 2_000 }, (_, i) => i))).toBeUndefined();
    // Five levels of 40 keys all pointing to the same child: 40^5 paths if walked naively.
    let node: unknown = 1;
    for (let level = 0; level < 5; level++) {
      const child = node;
      node = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, child]));
    }
    // The walk gives up after 1,000 values (a naive one runs for seconds, past the test's
    // timeout, then fails on the length of the string).
    expect(plainKey({ attributes: node })).toBeUndefined();
  });

  it("tells key order and types apart", () => {
    expect(plainKey({ a: 1, b: 2 })).not.toBe(plainKey({ b: 2, a: 1 }));
    expect(plainKey(["1"])).not.toBe(plainKey([1]));
    expect(plainKey({ a: null })).not.toBe(plainKey({ a: "null" }));
  });
});

describe("matchesPlain", () => {
  /** Small JSON values that often coincide, so equal and near-equal pairs both come up. */
  const small = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: "small" },
      fc.constantFrom(0, 1, "a", "b", true, null),
      fc.array(tie("value"), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom("a", "b", "c"), tie("value"), { maxKeys: 3 }),
    ),
  })).value;

  it("holds exactly when the value's key is the shape's key", () => {
    fc.assert(
      fc.property(fc.oneof(json, small), fc.oneof(json, small), (a, b) => {
        const key = plainKey(a)!;
        expect(matchesPlain(b, shapeOfKey(key))).toBe(plainKey(b) === key);
        expect(matchesPlain(a, shapeOfKey(key))).toBe(true);
      }),
      { numRuns: 1_000 },
    );
  });

  it("refuses what plainKey refuses, even when its JSON is the shape's", () => {
    const hidden = { id: "a" };
    Object.defineProperty(hidden, "active", { value: false, enumerable: false });
    const dated = { at: new Date(0) };
    const withToJSON = { id: "a", toJSON: () => ({ id: "a" }) };
    const hole: unknown[] = [1];
    hole[2] = 3;
    class Box {
      id = "a";
    }
    for (const value of [hidden, dated, withToJSON, hole, new Box(), { n: -0 }, { a: undefined }]) {
      const shape = shapeOfKey(JSON.stringify(value));
      expect(matchesPlain(value, shape), JSON.stringify(value)).toBe(false);
    }
    expect(matchesPlain({ n: 0 }, shapeOfKey('{"n":0}'))).toBe(true);
  });

  it("is not fooled by a polluted Object.prototype", () => {
    Object.defineProperty(Object.prototype, "items", { value: [], configurable: true });
    try {
      expect(matchesPlain([], shapeOfKey("{}"))).toBe(false);
      expect(matchesPlain({}, shapeOfKey("[]"))).toBe(false);
      expect(matchesPlain({}, shapeOfKey("{}"))).toBe(true);
    } finally {
      delete (Object.prototype as { items?: unknown }).items;
    }
  });
});

describe("reps prepared once per rule set", () => {
  const router = createRouter({
    id: "roster",
    timezone: "UTC",
    pools: {
      seniors: { members: { when: { "==": [{ var: "rep.attributes.level" }, "senior"] } } },
    },
    rules: [{ id: "all", assign: { pool: "seniors" } }],
  });
  const assign = (reps: unknown[], customers = [{ id: "c1" }]) =>
    router.assign({ customers, reps, now: "2026-01-05T09:00:00Z" });

  it("sees a rep changed in place between calls", () => {
    const wang = { id: "wang", attributes: { level: "senior" } };
    const li = { id: "li", attributes: { level: "senior" } };
    const reps = [wang, li];
    expect(assign(reps).decisions[0]!.repId).toBe("li");
    wang.attributes.level = "junior";
    li.attributes.level = "junior";
    expect(assign(reps).decisions[0]!.outcome).toBe("queued");
    (li as { active?: boolean }).active = false;
    li.attributes.level = "senior";
    const d = assign(reps).decisions[0]!;
    expect(d.outcome).toBe("queued");
    expect(d.explanation.attempts[0]!.excludedCounts).toEqual({ inactive: 1 });
  });

  it("sees every change made in place to a rep object it has already reused", () => {
    const rep = { id: "chu", attributes: { level: "senior" } } as Record<string, unknown> & {
      attributes: { level: string };
    };
    // Kept on the second call, found again by identity from the third on.
    for (let i = 0; i < 4; i++) expect(assign([rep]).decisions[0]!.repId).toBe("chu");
    rep.attributes.level = "junior";
    expect(assign([rep]).decisions[0]!.outcome).toBe("queued");
    rep.attributes.level = "senior";
    expect(assign([rep]).decisions[0]!.repId).toBe("chu");
    Object.defineProperty(rep, "active", { value: false, enumerable: false, configurable: true });
    expect(assign([rep]).decisions[0]!.explanation.attempts[0]!.excludedCounts).toEqual({
      inactive: 1,
    });
    delete rep.active;
    expect(assign([rep]).decisions[0]!.repId).toBe("chu");
    rep.timeOff = [{ from: new Date("2026-01-01T00:00:00Z"), to: "2026-01-02T00:00:00Z" }];
    expect(() => assign([rep])).toThrow(/timeOff/);
  });

  it("never freezes nor keeps the caller's objects", () => {
    const attributes = { level: "senior" };
    const rep = {
      id: "zhao",
      attributes,
      workingHours: [{ days: [1], from: "09:00", to: "17:00" }],
    };
    for (let i = 0; i < 3; i++) assign([rep]);
    expect(Object.isFrozen(rep)).toBe(false);
    expect(Object.isFrozen(attributes)).toBe(false);
    expect(Object.isFrozen(rep.workingHours[0])).toBe(false);
    // A JSON-equal rep prepared before: changing the first one's objects now changes nothing.
    attributes.level = "junior";
    expect(assign([{ id: "zhao", attributes: { level: "senior" } }]).decisions[0]!.repId).toBe(
      "zhao",
    );
  });

  it("reads a hidden property every time, also after an equal-looking rep was kept", () => {
    const plain = { id: "qian", attributes: { level: "senior" } };
    for (let i = 0; i < 3; i++) expect(assign([plain]).decisions[0]!.repId).toBe("qian");
    const hidden = { id: "qian", attributes: { level: "senior" } };
    Object.defineProperty(hidden, "active", { value: false, enumerable: false });
    for (let i = 0; i < 3; i++) {
      const d = assign([hidden]).decisions[0]!;
      expect(d.outcome).toBe("queued");
      expect(d.explanation.attempts[0]!.excludedCounts).toEqual({ inactive: 1 });
    }
  });

  it("reports a bad rep every time, also after a JSON-equal good one", () => {
    const good = {
      id: "sun",
      timeOff: [{ from: "2026-02-01T00:00:00.000Z", to: "2026-02-02T00:00:00Z" }],
    };
    assign([good]);
    assign([good]);
    const bad = {
      id: "sun",
      timeOff: [{ from: new Date("2026-02-01T00:00:00Z"), to: "2026-02-02T00:00:00Z" }],
    };
    expect(JSON.stringify(bad)).toBe(JSON.stringify(good));
    for (let i = 0; i < 2; i++) {
      let error: unknown;
      try {
        assign([bad]);
      } catch (e) {
        error = e;
      }
      expect(isLeadRouteError(error)).toBe(true);
      expect(JSON.stringify(error)).toContain("reps[0].timeOff[0].from");
    }
    const unknownZone = { id: "sun", timezone: "Mars/Base" };
    for (let i = 0; i < 2; i++) expect(() => assign([unknownZone])).toThrow(/Mars\/Base/);
  });

  it("lists prototype keys first, rep by rep, on every call, also beside prepared reps", () => {
    const clean = { id: "zhou", attributes: { level: "senior" } };
    const shared = JSON.parse('{"constructor": 1}');
    const reps = [
      clean,
      { id: "wu", attributes: JSON.parse('{"level": "senior", "__proto__": {"x": 1}}') },
      { id: "zheng", attributes: { level: "senior", nested: shared }, timezone: "Mars/Base" },
      { id: "feng", attributes: { level: "senior", again: shared } },
    ];
    for (let i = 0; i < 3; i++) assign([clean]);
    // What one scan of the whole array finds, in its order, before any other issue.
    const scan = forbiddenKeyIssues(reps, ["reps"]);
    expect(scan.map((issue) => issue.path)).toEqual([
      "reps[1].attributes.__proto__",
      "reps[2].attributes.nested.constructor",
    ]);
    for (let i = 0; i < 3; i++) {
      let error: unknown;
      try {
        assign(reps);
      } catch (e) {
        error = e;
      }
      expect(isLeadRouteError(error)).toBe(true);
      const { issues } = error as { issues: { path: string; message: string }[] };
      expect(issues.slice(0, scan.length)).toEqual(scan);
      expect(issues.filter((issue) => issue.message.includes("reserved name"))).toEqual(scan);
      expect(issues.slice(scan.length).map((issue) => issue.path)).toContain("reps[2].timezone");
    }
  });

  it("never keeps a rep whose prototype key was reported under an earlier rep", () => {
    const shared = JSON.parse('{"constructor": 1}');
    const a = { id: "a", attributes: { level: "senior", meta: shared } };
    const b = { id: "b", attributes: { level: "senior", meta: shared } };
    for (let i = 0; i < 3; i++) expect(() => assign([a, b])).toThrow(/reserved name/);
    // b's data alone, in new objects: still refused (it was not kept on the calls above).
    const alone = {
      id: "b",
      attributes: { level: "senior", meta: JSON.parse('{"constructor":1}') },
    };
    for (let i = 0; i < 3; i++) expect(() => assign([alone])).toThrow(/reserved name/);
  });

  it("reports prototype keys at the path one scan of the array gives", () => {
    const reps: unknown[] = [];
    const a = { id: "a", attributes: { self: reps } };
    const b = JSON.parse('{"id": "b", "__proto__": 1}');
    reps.push(a, b);
    const paths = forbiddenKeyIssues(reps, ["reps"]).map((issue) => issue.path);
    expect(paths).toEqual(["reps[1].__proto__"]);
    let error: unknown;
    try {
      assign(reps);
    } catch (e) {
      error = e;
    }
    expect((error as { issues: { path: string }[] }).issues[0]!.path).toBe("reps[1].__proto__");
  });

  it("decides the same with a fresh rule set and a warmed one", () => {
    const ruleSet = {
      id: "same",
      timezone: "UTC",
      pools: { p: { members: ["a", "b", "c"], strategy: "weighted" as const } },
      rules: [{ id: "r", assign: { pool: "p" } }],
    };
    const reps = [
      { id: "a", weight: 3, capacity: { perDay: 2 } },
      { id: "b", workingHours: [{ days: [1, 2, 3, 4, 5], from: "08:00", to: "12:00" }] },
      { id: "c", timeOff: [{ from: "2026-01-05T00:00:00Z", to: "2026-01-05T10:00:00Z" }] },
    ];
    const customers = Array.from({ length: 12 }, (_, i) => ({
      id: `c${i}`,
      receivedAt: `2026-01-05T${String(7 + i).padStart(2, "0")}:00:00Z`,
    }));
    const run = (r: ReturnType<typeof createRouter>) =>
      JSON.stringify(r.assign({ customers, reps, now: "2026-01-05T23:00:00Z", explain: "full" }));
    const warmed = createRouter(ruleSet);
    const first = run(warmed);
    // Reps are kept the second time their data comes, and reused from the third.
    expect(run(warmed)).toBe(first);
    expect(run(warmed)).toBe(first);
    expect(run(createRouter(ruleSet))).toBe(first);
  });
});
