import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Area,
  areaCovers,
  areasMayIntersect,
  countryArea,
  patternCovers,
  patternsMayIntersect,
  regionArea,
} from "../../src/analysis/relations";
import { compilePattern, matchesPattern } from "../../src/match/patterns";

const p = compilePattern;

describe("code patterns", () => {
  it("intersect when one prefix extends the other or an exact value matches", () => {
    expect(patternsMayIntersect(p("5112*"), p("51*"))).toBe(true);
    expect(patternsMayIntersect(p("51*"), p("52*"))).toBe(false);
    expect(patternsMayIntersect(p("software"), p("soft*"))).toBe(true);
    expect(patternsMayIntersect(p("software"), p("retail"))).toBe(false);
    expect(patternsMayIntersect(p("518500"), p("518000..518999"))).toBe(true);
    expect(patternsMayIntersect(p("100..199"), p("200..299"))).toBe(false);
    expect(patternsMayIntersect(p("100..199"), p("150..299"))).toBe(true);
  });

  it("cover only when certain", () => {
    expect(patternCovers(p("51*"), p("5112*"))).toBe(true);
    expect(patternCovers(p("5112*"), p("51*"))).toBe(false);
    expect(patternCovers(p("51*"), p("518000"))).toBe(true);
    expect(patternCovers(p("100..299"), p("150..199"))).toBe(true);
    // Numeric ranges compare numbers: "0518100" is inside 518000..518999 but not under "518*".
    expect(patternCovers(p("518*"), p("518000..518999"))).toBe(false);
    expect(patternCovers(p("AB*"), p("AB1..AB9"))).toBe(true);
    expect(patternCovers(p("x"), p("x*"))).toBe(false);
  });

  // Differential check against the matcher itself: a claimed cover never misses a code, a
  // denied intersection never hides a common code.
  const pattern = fc.oneof(
    fc.stringMatching(/^[0-9]{1,3}$/),
    fc.stringMatching(/^[0-9]{0,3}$/).map((s) => `${s}*`),
    fc
      .tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 999 }))
      .map(
        ([a, b]) =>
          `${String(Math.min(a, b)).padStart(3, "0")}..${String(Math.max(a, b)).padStart(3, "0")}`,
      ),
  );
  const code = fc.stringMatching(/^[0-9]{0,4}$/);
  it("agree with matchesPattern (property)", () => {
    fc.assert(
      fc.property(pattern, pattern, code, (a, b, c) => {
        const pa = p(a);
        const pb = p(b);
        if (matchesPattern(pa, c) && matchesPattern(pb, c))
          expect(patternsMayIntersect(pa, pb)).toBe(true);
        if (patternCovers(pa, pb) && matchesPattern(pb, c))
          expect(matchesPattern(pa, c)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

const area = (over: Partial<Area>): Area => ({
  countries: new Set(),
  regions: new Set(),
  postal: [],
  scoped: new Map(),
  ...over,
});

describe("areas", () => {
  it("intersect through countries, regions and postal codes", () => {
    expect(areasMayIntersect(countryArea(["cn"]), regionArea(["CN-SH"]))).toBe(true);
    expect(areasMayIntersect(countryArea(["US"]), regionArea(["CN-SH"]))).toBe(false);
    expect(areasMayIntersect(regionArea(["CN-SH"]), regionArea(["CN-GD"]))).toBe(false);
    expect(areasMayIntersect(area({ postal: [p("51*")] }), countryArea(["US"]))).toBe(true);
    expect(
      areasMayIntersect(area({ scoped: new Map([["CN", [p("51*")]]]) }), countryArea(["US"])),
    ).toBe(false);
    expect(
      areasMayIntersect(area({ scoped: new Map([["CN", [p("51*")]]]) }), regionArea(["CN-GD"])),
    ).toBe(true);
    expect(areasMayIntersect(area({ postal: [p("51*")] }), area({ postal: [p("52*")] }))).toBe(
      false,
    );
  });

  it("cover only when certain", () => {
    expect(areaCovers(countryArea(["CN"]), regionArea(["CN-SH", "CN-GD"]))).toBe(true);
    expect(areaCovers(regionArea(["CN-SH"]), countryArea(["CN"]))).toBe(false);
    expect(areaCovers(countryArea(["CN"]), area({ scoped: new Map([["CN", [p("51*")]]]) }))).toBe(
      true,
    );
    // An unscoped postal pattern reaches customers of any country.
    expect(areaCovers(countryArea(["CN"]), area({ postal: [p("51*")] }))).toBe(false);
    expect(
      areaCovers(area({ postal: [p("5*")] }), area({ scoped: new Map([["US", [p("51*")]]]) })),
    ).toBe(true);
  });
});
