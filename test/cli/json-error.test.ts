import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findJsonSyntaxError, lineColumn } from "../../src/cli/json-error";

const parses = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe("findJsonSyntaxError", () => {
  it("finds nothing in valid JSON", () => {
    fc.assert(
      fc.property(fc.json(), fc.constantFrom(0, 2), (text, indent) => {
        const pretty = indent ? JSON.stringify(JSON.parse(text), null, indent) : text;
        expect(findJsonSyntaxError(pretty)).toBeUndefined();
      }),
    );
  });

  it("agrees with JSON.parse on arbitrary text (differential)", () => {
    const jsonish = fc.stringMatching(/^[\s{}[\]":,0-9.eE+\-tuefalsnr\\a"]{0,30}$/);
    fc.assert(
      fc.property(fc.oneof(jsonish, fc.string()), (text) => {
        expect(findJsonSyntaxError(text) === undefined).toBe(parses(text));
      }),
      { numRuns: 2000 },
    );
  });

  it("agrees with JSON.parse on corrupted valid JSON and points inside the text", () => {
    fc.assert(
      fc.property(
        fc.json(),
        fc.nat(),
        fc.constantFrom("", ",", "}", "]", '"', "x", ":"),
        (text, at, insert) => {
          const i = at % (text.length + 1);
          const broken = text.slice(0, i) + insert + text.slice(i + 1);
          const found = findJsonSyntaxError(broken);
          expect(found === undefined).toBe(parses(broken));
          if (found) {
            expect(found.line).toBeGreaterThanOrEqual(1);
            expect(found.column).toBeGreaterThanOrEqual(1);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("does not overflow on deep nesting", () => {
    const deep = `${"[".repeat(200_000)}`;
    expect(() => findJsonSyntaxError(deep)).not.toThrow();
  });
});

describe("lineColumn", () => {
  it("counts lines and columns from 1", () => {
    expect(lineColumn("ab\ncd", 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn("ab\n", 3)).toEqual({ line: 2, column: 1 });
  });
});
