import { describe, expect, it } from "vitest";
import {
  displayWidth,
  percent,
  points,
  renderTable,
  sanitize,
  signed,
} from "../../src/cli/render/table";

describe("renderTable", () => {
  it("aligns columns by display width, numbers right", () => {
    const text = renderTable(
      [{ header: "rep" }, { header: "name" }, { header: "n", align: "right" }],
      [
        ["wang", "王磊", "12"],
        ["li", "Li Na", "3"],
      ],
    );
    expect(text).toBe(["  rep   name    n", "  wang  王磊   12", "  li    Li Na   3"].join("\n"));
    const lines = text.split("\n");
    expect(new Set(lines.map(displayWidth)).size).toBe(1);
  });

  it("strips control characters from cells", () => {
    expect(renderTable([{ header: "x" }], [["a\u001b[31mb\nc"]])).toBe("  x\n  a [31mb c");
  });
});

describe("helpers", () => {
  it("measures wide characters as two cells", () => {
    expect(displayWidth("abc")).toBe(3);
    expect(displayWidth("客户")).toBe(4);
    expect(displayWidth("e\u0301")).toBe(1);
  });
  it("formats shares and deltas", () => {
    expect(percent(0.1234)).toBe("12.3%");
    expect(points(0.006)).toBe("+0.6");
    expect(points(-0.0004)).toBe("0.0");
    expect(points(-0.031)).toBe("-3.1");
    expect(signed(3)).toBe("+3");
    expect(signed(0)).toBe("0");
    expect(sanitize("a\tb")).toBe("a b");
  });
});
