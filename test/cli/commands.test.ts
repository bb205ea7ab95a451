import { describe, expect, it } from "vitest";
import { cli, DEMO_INPUTS, demo } from "./helpers";

const TYPO_RULES = `
id: acme
rules:
  - id: r1
    prority: 10
    assign: { queue: inbox }
`;

const SMALL_RULES = JSON.stringify({
  id: "small",
  revision: "1",
  timezone: "Asia/Shanghai",
  territories: { east: { regions: ["CN-SH"] } },
  pools: { east: { members: ["a", "b"] } },
  rules: [{ id: "east", match: { territory: ["east"] }, assign: { pool: "east" } }],
  availability: { respectWorkingHours: false },
});
const SMALL_REPS = "id,name,territories\na,Ann,east\nb,Bob,east\n";
const SMALL_CUSTOMERS =
  "id,region,receivedAt\nc1,CN-SH,2026-12-01T09:00:00+08:00\nc2,CN-SH,2026-12-01T10:00:00+08:00\nc3,CN-BJ,2026-12-01T11:00:00+08:00\n";
const SMALL = {
  "rules.json": SMALL_RULES,
  "reps.csv": SMALL_REPS,
  "customers.csv": SMALL_CUSTOMERS,
};
const SMALL_INPUTS = [
  "--rules",
  "rules.json",
  "--reps",
  "reps.csv",
  "--customers",
  "customers.csv",
];

describe("validate", () => {
  it("accepts the demo rule set with its reps and state", () => {
    const r = cli([
      "validate",
      demo("rules.yaml"),
      "--reps",
      demo("reps.csv"),
      "--state",
      demo("state.json"),
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "rule set demo-cn@2026-11-27.1 is valid (10 rules, 9 pools, 8 territories)",
    );
    expect(r.stdout).toContain("29 reps in");
  });

  it("reports a typo with its path and a hint, exit 1", () => {
    const r = cli(["validate", "rules.yaml"], { "rules.yaml": TYPO_RULES });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      'rules.yaml: invalid rule set (1 issue)\n  rules[0].prority: unknown key "prority" (did you mean "priority"?)\n',
    );
  });

  it("lists every issue", () => {
    const rules = JSON.stringify({
      id: "x",
      pools: { inside: { members: ["a"] } },
      rules: [
        { id: "a", assign: { pool: "insde" } },
        { id: "a", match: { territory: ["nowhere"] }, assign: { queue: "q" } },
      ],
    });
    const r = cli(["validate", "r.json", "--json"], { "r.json": rules });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.valid).toBe(false);
    expect(out.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      "rules[0].assign.pool",
      "rules[1].id",
      "rules[1].match.territory[0]",
    ]);
    expect(JSON.stringify(out.issues)).toContain('did you mean \\"inside\\"');
  });

  it("checks reps against the rule set, naming the reps file", () => {
    const r = cli(["validate", "rules.json", "--reps", "reps.csv"], {
      ...SMALL,
      "reps.csv": "id,territories\na,eest\n",
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      'reps.csv: invalid reps (1 issue)\n  reps[0].territories[0]: unknown territory "eest" (did you mean "east"?)\n',
    );
  });
});

describe("lint", () => {
  it("prints findings and exits 0 without errors", () => {
    const r = cli(["lint", demo("rules.yaml"), "--reps", demo("reps.csv")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/warning\s+rule_overlap\s+rules\[4\]/);
    expect(r.stdout).toMatch(/0 errors, \d+ warnings/);
  });

  it("exits 1 on error findings (a pool member missing from the roster)", () => {
    const r = cli(["lint", "rules.json", "--reps", "reps.csv", "--json"], {
      ...SMALL,
      "reps.csv": "id,territories\na,east\n",
    });
    expect(r.code).toBe(1);
    const { findings } = JSON.parse(r.stdout);
    expect(findings).toContainEqual(
      expect.objectContaining({ code: "unknown_member", severity: "error" }),
    );
  });

  it("reports an invalid rule set like validate, exit 1", () => {
    const r = cli(["lint", "rules.yaml"], { "rules.yaml": TYPO_RULES });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'rules[0].prority: unknown key "prority" (did you mean "priority"?)',
    );
  });
});

describe("schema", () => {
  it("prints the rule set JSON Schema", () => {
    const r = cli(["schema"]);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.$schema).toMatch(/json-schema\.org/);
    expect(schema.properties.rules).toBeDefined();
    expect(schema.required).toContain("rules");
  });
});

describe("simulate", () => {
  it("prints aligned human tables", () => {
    const r = cli(["simulate", ...SMALL_INPUTS], SMALL);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("Simulation of rule set small@1");
    expect(r.stdout).toContain(
      "now        2026-12-01T11:00:00+08:00 (latest receivedAt in customers.csv)",
    );
    expect(r.stdout).toMatch(/\n {2}assigned\s+2\s+66\.7%\n/);
    expect(r.stdout).toMatch(/\n {2}a\s+Ann\s+1\s+1\s+0\s+0\s+1\s+0\s+50\.0%\s+50\.0%\s+0\.0\n/);
    expect(r.stdout).toMatch(/\n {2}unassigned\s+1\s+no_rule_matched 1\n/);
  });

  it("prints JSON without events and explanations, and writes the full report with --out", () => {
    const r = cli(["simulate", ...SMALL_INPUTS, "--json", "--out", "full.json"], SMALL);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.totals).toEqual({
      customers: 3,
      decided: 3,
      rejected: 0,
      byOutcome: { assigned: 2, kept: 0, account_owner: 0, queued: 1, conflict: 0 },
    });
    expect(report.result.events).toBeUndefined();
    expect(report.result.decisions[0].explanation).toBeUndefined();
    expect(report.result.decisions[0]).toMatchObject({ customerId: "c1", repId: "a" });
    const full = JSON.parse(r.written.get("full.json") ?? "");
    expect(full.result.events.length).toBeGreaterThan(0);
    expect(full.result.decisions[0].explanation.ruleSet).toEqual({ id: "small", revision: "1" });
  });

  it("is deterministic: the same inputs give byte-identical output", () => {
    const a = cli(["simulate", ...SMALL_INPUTS, "--json"], SMALL);
    const b = cli(["simulate", ...SMALL_INPUTS, "--json"], SMALL);
    expect(a.stdout).toBe(b.stdout);
  });

  it("uses --now when given, and refuses a bad one as a usage error", () => {
    const ok = cli(["simulate", ...SMALL_INPUTS, "--now", "2026-12-02T00:00:00+08:00"], SMALL);
    expect(ok.stdout).toContain("now        2026-12-02T00:00:00+08:00\n");
    const bad = cli(["simulate", ...SMALL_INPUTS, "--now", "2026-12-02T00:00:00"], SMALL);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^leadroute: --now "2026-12-02T00:00:00": /);
  });

  it("asks for --now when no customer has a receivedAt", () => {
    const r = cli(["simulate", ...SMALL_INPUTS], {
      ...SMALL,
      "customers.csv": "id,region\nc1,CN-SH\n",
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("customers.csv: no customer has a valid receivedAt");
    expect(r.stderr).toContain("pass --now");
  });

  it("lists rejected records with their CSV line", () => {
    const r = cli(["simulate", ...SMALL_INPUTS], {
      ...SMALL,
      "customers.csv": `${SMALL_CUSTOMERS}c4,Shanghai,2026-12-01T08:00:00+08:00\n`,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Rejected records (1)");
    expect(r.stdout).toMatch(
      /customers\.csv:5\s+c4\s+region: "SHANGHAI" is not an ISO 3166-2 code/,
    );
  });

  it("writes an HTML report with --report", () => {
    const r = cli(["simulate", ...SMALL_INPUTS, "--report", "out.html"], SMALL);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("HTML report: out.html");
    expect(r.written.get("out.html")).toMatch(/^<!doctype html>/);
  });

  it("names the reps file when reps are invalid", () => {
    const r = cli(["simulate", ...SMALL_INPUTS], { ...SMALL, "reps.csv": "id,weight\na,0\n" });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^leadroute: reps\.csv: invalid reps \(1 issue\)\n {2}reps\[0\]\.weight: /,
    );
  });

  it("draws a progress bar on stderr only when it is a terminal", () => {
    const tty = cli(["simulate", ...SMALL_INPUTS], SMALL, { stderrIsTTY: true, stderrColumns: 80 });
    expect(tty.stderr).toContain("\r");
    expect(tty.stderr).toContain("] 4/4 routing 3 customers");
    expect(tty.stderr.endsWith("\r\u001b[2K")).toBe(true);
    const pipe = cli(["simulate", ...SMALL_INPUTS], SMALL);
    expect(pipe.stderr).toBe("");
    expect(tty.stdout).toBe(pipe.stdout);
  });
});

describe("explain", () => {
  it("explains one customer in English", () => {
    const r = cli(["explain", ...SMALL_INPUTS, "--id", "c2"], SMALL);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe(
      'Customer c2 → assigned to b (rule "east", rule set small@1)',
    );
  });

  it("explains in Chinese with --lang zh-CN", () => {
    const r = cli(["explain", ...SMALL_INPUTS, "--id", "c2", "--lang", "zh-CN"], SMALL);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe('客户 c2 → 分配给 b（规则 "east"，分配规则 small@1）');
  });

  it("explains a demo customer with excluded reps", () => {
    const r = cli(["explain", ...DEMO_INPUTS, "--id", "c-00012"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('rule "south-smb"');
    expect(r.stdout).toContain("excluded s-sun: time off until");
  });

  it("prints the explanation as data with --json", () => {
    const r = cli(["explain", ...SMALL_INPUTS, "--id", "c3", "--json"], SMALL);
    expect(JSON.parse(r.stdout)).toMatchObject({ customerId: "c3", outcome: "queued" });
  });

  it("exits 1 for an unknown customer id", () => {
    const r = cli(["explain", ...SMALL_INPUTS, "--id", "nobody"], SMALL);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'leadroute: customers.csv: cannot explain customer "nobody"\n  customerId: no customer "nobody" in customers\n',
    );
  });

  it("refuses an unknown language as a usage error", () => {
    const r = cli(["explain", ...SMALL_INPUTS, "--id", "c1", "--lang", "fr"], SMALL);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Allowed choices are en, zh-CN");
  });
});

describe("diff", () => {
  const AFTER = JSON.stringify({
    ...JSON.parse(SMALL_RULES),
    revision: "2",
    pools: { east: { members: ["b", "a"] } },
  });

  it("shows what moves between two rule sets", () => {
    const r = cli(["diff", ...SMALL_INPUTS, "--against", "after.json"], {
      ...SMALL,
      "after.json": AFTER,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Rule change small@1 -> small@2");
    expect(r.stdout).toContain("changed    2 (66.7%) go to another rep or queue");
    expect(r.stdout).toMatch(/\n {2}a\s+b\s+1\n/);
    expect(r.stdout).toMatch(/\n {2}c1\s+a \(east\)\s+b \(east\)\n/);
  });

  it("prints JSON with both explanations of each sampled customer", () => {
    const r = cli(["diff", ...SMALL_INPUTS, "--against", "after.json", "--json"], {
      ...SMALL,
      "after.json": AFTER,
    });
    const diff = JSON.parse(r.stdout);
    expect(diff.changed).toBe(2);
    expect(diff.before).toEqual({ id: "small", revision: "1" });
    expect(diff.after).toEqual({ id: "small", revision: "2" });
    expect(diff.sample[0].explanations.after.repId).toBe("b");
  });

  it("runs on the demo with the proposed rule change", () => {
    const r = cli(["diff", ...DEMO_INPUTS, "--against", demo("rules-next.yaml"), "--sample", "3"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Rule change demo-cn@2026-11-27.1 -> demo-cn@2026-12-15.1");
    expect(r.stdout).toMatch(/small-inbound\s+\d+\s+\d+\s+\+\d+/);
  });

  it("reports an invalid second rule set with its file name", () => {
    const r = cli(["diff", ...SMALL_INPUTS, "--against", "after.yaml"], {
      ...SMALL,
      "after.yaml": TYPO_RULES,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^leadroute: after\.yaml: invalid rule set \(1 issue\)/);
  });
});

describe("demo", () => {
  it("simulates the bundled example", () => {
    const r = cli(["demo"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Simulation of rule set demo-cn@2026-11-27.1");
    expect(r.stdout).toContain("customers  2000 (2000 decided, 0 rejected)");
    for (const heading of [
      "Outcomes",
      "Reps",
      "Rules",
      "Queues",
      "Conflicts",
      "Fairness",
      "Timeline",
    ]) {
      expect(r.stdout).toContain(`\n${heading}`);
    }
  });

  it("writes the HTML report with --report", () => {
    const r = cli(["demo", "--report", "demo.html"]);
    expect(r.code).toBe(0);
    expect(r.written.get("demo.html")).toContain('data-chart="reps"');
  });
});

describe("usage and input errors", () => {
  it("exits 2 for an unknown command or option, or a missing option", () => {
    for (const argv of [
      ["bogus"],
      ["simulate", "--rulez", "x"],
      ["simulate", "--rules", "r.yaml"],
      [],
    ]) {
      const r = cli(argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.stdout).toBe("");
    }
  });

  it("prints help and the version with exit 0", () => {
    const help = cli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Exit codes:");
    for (const command of ["demo", "simulate", "explain", "diff", "validate", "lint", "schema"]) {
      expect(help.stdout).toContain(command);
    }
    const version = cli(["--version"]);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("exits 3 with one line for a missing file", () => {
    const r = cli(["simulate", ...SMALL_INPUTS], {
      "rules.json": SMALL_RULES,
      "reps.csv": SMALL_REPS,
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toBe("leadroute: customers.csv: file not found\n");
  });

  it("exits 3 with line and column for malformed JSON", () => {
    const r = cli(["validate", "rules.json"], { "rules.json": '{\n  "id": "x",\n  "rules": [}\n' });
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(
      'leadroute: rules.json:3:13: invalid JSON: expected a value, found "}"\n',
    );
  });

  it("exits 3 with the line for a bad CSV", () => {
    const r = cli(["simulate", ...SMALL_INPUTS], {
      ...SMALL,
      "customers.csv": 'id,region\nc1,CN-SH\nc2,"CN-BJ\n',
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^leadroute: customers\.csv:\d+: invalid CSV: Quote Not Closed/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("exits 3 when an output file cannot be written", () => {
    const r = cli(["simulate", ...SMALL_INPUTS, "--report", "no/such/dir/r.html"], SMALL, {
      writeFile() {
        throw Object.assign(new Error("ENOENT"), { code: "ENOENT" });
      },
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(
      "leadroute: no/such/dir/r.html: cannot write the file: its folder does not exist\n",
    );
  });

  it("never prints a stack trace", () => {
    const cases: [string[], Record<string, string>][] = [
      [["validate", "r.yaml"], { "r.yaml": "id: [" }],
      [["simulate", ...SMALL_INPUTS], { ...SMALL, "reps.csv": "id,temas\na,x\n" }],
      [["simulate", ...SMALL_INPUTS], { ...SMALL, "rules.json": "[]" }],
      [["lint", "r.txt"], {}],
    ];
    for (const [argv, files] of cases) {
      const r = cli(argv, files);
      expect(r.code).toBe(3);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
  });
});
