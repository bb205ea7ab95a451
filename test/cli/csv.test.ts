import { describe, expect, it } from "vitest";
import {
  customersFromCsv,
  parseTimeOff,
  parseWorkingHours,
  REP_CSV_COLUMNS,
  repsFromCsv,
} from "../../src/cli/csv";
import { InputFileError } from "../../src/cli/errors";
import { createRouter } from "../../src/index";

describe("customers from CSV", () => {
  it("maps columns 1:1, drops empty cells, keeps codes as text and types free numbers", () => {
    const text = [
      "id,accountId,receivedAt,region,postalCode,industry,tier,annualRevenue,employees,score,phone,note",
      "c1,007,2026-12-01T09:00:00+08:00,CN-SH,200001,5112,,120000000,45,-1.5,0755123,hello",
      "c2,,1764550800000,,,,A,,,,,",
    ].join("\n");
    const { records, lines } = customersFromCsv("c.csv", text);
    expect(records).toEqual([
      {
        id: "c1",
        accountId: "007",
        receivedAt: "2026-12-01T09:00:00+08:00",
        region: "CN-SH",
        postalCode: "200001",
        industry: "5112",
        annualRevenue: 120000000,
        employees: 45,
        score: -1.5,
        phone: "0755123",
        note: "hello",
      },
      { id: "c2", receivedAt: 1764550800000, tier: "A" },
    ]);
    expect(lines).toEqual([2, 3]);
  });

  it("keeps every reserved key as text even when it looks numeric", () => {
    const { records } = customersFromCsv("c.csv", "id,source,country\n123,456,CN\n");
    expect(records).toEqual([{ id: "123", source: "456", country: "CN" }]);
  });
});

describe("reps from CSV", () => {
  const header =
    "id,name,email,active,weight,teams,territories,industries,tiers,capacity.perDay,capacity.perWeek,capacity.owned,timezone,workingHours,timeOff,attributes.level,attributes.quota";

  it("maps every documented column to the nested rep fields", () => {
    const text = `${header}\nwang,Wang Lei,w@example.com,yes,3,key-accounts; east ,east;south,5112*;62*,A;B,20,80,300,Asia/Shanghai,1-5 09:00-18:00;6 10:00-14:00,2026-12-01..2026-12-03;2026-12-24T12:00:00+08:00..2026-12-27T00:00:00+08:00,senior,1500000\n`;
    expect(repsFromCsv("r.csv", text)).toEqual([
      {
        id: "wang",
        name: "Wang Lei",
        email: "w@example.com",
        active: true,
        weight: 3,
        teams: ["key-accounts", "east"],
        territories: ["east", "south"],
        industries: ["5112*", "62*"],
        tiers: ["A", "B"],
        capacity: { perDay: 20, perWeek: 80, owned: 300 },
        timezone: "Asia/Shanghai",
        workingHours: [
          { days: [1, 2, 3, 4, 5], from: "09:00", to: "18:00" },
          { days: [6], from: "10:00", to: "14:00" },
        ],
        timeOff: [
          { from: "2026-12-01", to: "2026-12-04" },
          { from: "2026-12-24T12:00:00+08:00", to: "2026-12-27T00:00:00+08:00" },
        ],
        attributes: { level: "senior", quota: 1500000 },
      },
    ]);
  });

  it("leaves out empty cells, so defaults apply", () => {
    expect(repsFromCsv("r.csv", "id,active,weight,capacity.perDay\nli,,,\n")).toEqual([
      { id: "li" },
    ]);
  });

  it("gives reps the engine accepts", () => {
    const reps = repsFromCsv(
      "r.csv",
      "id,teams,territories,workingHours,timeOff,capacity.perDay\na,smb,east,1-5 09:00-18:00,2026-12-01..2026-12-01,5\n",
    );
    const router = createRouter({
      id: "t",
      timezone: "Asia/Shanghai",
      territories: { east: { regions: ["CN-SH"] } },
      pools: { p: { members: ["a"] } },
      rules: [{ id: "r", assign: { pool: "p" } }],
    });
    const now = "2026-12-01T10:00:00+08:00";
    const onDayOff = router.assign({ customers: [{ id: "c", region: "CN-SH" }], reps, now });
    expect(onDayOff.decisions[0]?.outcome).toBe("queued");
    // The inclusive end: the day after is a working day again.
    const next = router.assign({
      customers: [{ id: "c", region: "CN-SH" }],
      reps,
      now: "2026-12-02T10:00:00+08:00",
    });
    expect(next.decisions[0]?.repId).toBe("a");
  });

  it("names an unknown column with a hint, at line 1", () => {
    try {
      repsFromCsv("r.csv", "id,temas\na,smb\n");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputFileError);
      expect((e as Error).message).toBe(
        'r.csv:1:2: unknown rep column "temas" (did you mean "teams"?); see docs/cli.md for the rep columns',
      );
    }
  });

  it("names the line and column of a malformed cell", () => {
    const bad: [string, string][] = [
      [
        "id,active\na,true\nb,maybe\n",
        'r.csv:3:2: column "active": "maybe" is not a boolean (use true or false)',
      ],
      ["id,weight\na,heavy\n", 'r.csv:2:2: column "weight": "heavy" is not a number'],
      [
        "id,workingHours\na,weekdays 9-5\n",
        'r.csv:2:2: column "workingHours": "weekdays 9-5" is not a working window like "1-5 09:00-18:00" (ISO weekdays 1=Mon … 7=Sun)',
      ],
      [
        "id,timeOff\na,2026-12-01\n",
        'r.csv:2:2: column "timeOff": "2026-12-01" is not an interval like "2026-12-01..2026-12-03"',
      ],
    ];
    for (const [text, message] of bad) {
      expect(() => repsFromCsv("r.csv", text)).toThrow(message);
    }
  });

  it("documents every column it reads in docs/cli.md", async () => {
    const { readFileSync } = await import("node:fs");
    const doc = readFileSync(new URL("../../docs/cli.md", import.meta.url), "utf8");
    for (const column of [...REP_CSV_COLUMNS, "attributes.<key>"]) {
      expect(doc, column).toContain(`\`${column}\``);
    }
  });
});

describe("cell formats", () => {
  it("expands day ranges and lists, padding one-digit hours", () => {
    expect(parseWorkingHours("1,3-4,7 8:30-12:00")).toEqual([
      { days: [1, 3, 4, 7], from: "08:30", to: "12:00" },
    ]);
    expect(parseWorkingHours("5 22:00-06:00")).toEqual([{ days: [5], from: "22:00", to: "06:00" }]);
    expect(() => parseWorkingHours("5-1 09:00-10:00")).toThrow("is not a day range");
  });
  it("makes a date-only end inclusive, across month and year ends", () => {
    expect(parseTimeOff("2026-12-30..2026-12-31")).toEqual([
      { from: "2026-12-30", to: "2027-01-01" },
    ]);
    expect(parseTimeOff("2028-02-28..2028-02-28")).toEqual([
      { from: "2028-02-28", to: "2028-02-29" },
    ]);
    expect(() => parseTimeOff("2026-12-01..2026-13-01")).toThrow("is not a valid date");
    expect(() => parseTimeOff("2026-02-01..2026-02-30")).toThrow("is not a valid date");
  });
});
