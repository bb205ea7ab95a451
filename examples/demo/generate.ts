/**
 * Generates the demo data next to rules.yaml: reps.csv, customers.csv and state.json.
 *
 * Deterministic: a seeded PRNG (mulberry32), fixed dates, no clock. The state is not written by
 * hand: five weeks of earlier leads are routed with the same rules (`createRouter().assign`), so
 * owners, protection ends, counters and rotation pointers are exactly what the engine would have
 * recorded. The committed files are checked against this script by test/cli/demo-data.test.ts.
 *
 * Regenerate with `npm run demo:generate`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { repsFromCsv } from "../../src/cli/csv";
import { createRouter } from "../../src/index";

/** mulberry32: a small, fast, seeded 32-bit PRNG. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** Pick by weight: `[[value, weight], …]`. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [v, w] of items) {
      r -= w;
      if (r < 0) return v;
    }
    return items[items.length - 1]![0];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

// ---------------------------------------------------------------------------------------------
// Reps

interface RepRow {
  id: string;
  name: string;
  nameZh: string;
  teams: string;
  territories?: string;
  industries?: string;
  tiers?: string;
  weight?: number;
  perDay?: number;
  perWeek?: number;
  timezone?: string;
  workingHours: string;
  timeOff?: string;
  level: "senior" | "junior";
  active?: boolean;
}

const OFFICE = "1-5 09:00-18:00";

const REPS: readonly RepRow[] = [
  // Key account managers: weighted pool, tier A only.
  {
    id: "ka-wang",
    name: "Wang Lei",
    nameZh: "王磊",
    teams: "key-accounts",
    tiers: "A",
    weight: 3,
    workingHours: "1-5 08:30-19:00",
    level: "senior",
  },
  {
    id: "ka-li",
    name: "Li Na",
    nameZh: "李娜",
    teams: "key-accounts",
    tiers: "A",
    weight: 2,
    workingHours: "1-5 08:30-19:00",
    level: "senior",
  },
  {
    id: "ka-zhang",
    name: "Zhang Wei",
    nameZh: "张伟",
    teams: "key-accounts",
    tiers: "A",
    weight: 2,
    workingHours: "1-5 08:30-19:00",
    level: "senior",
  },
  {
    id: "ka-liu",
    name: "Liu Yang",
    nameZh: "刘洋",
    teams: "key-accounts",
    tiers: "A",
    weight: 1,
    workingHours: "1-5 08:30-19:00",
    timeOff: "2026-12-01..2026-12-04",
    level: "junior",
  },
  // Regional SMB teams: round-robin pools selected by team and territory.
  {
    id: "e-chen",
    name: "Chen Jing",
    nameZh: "陈静",
    teams: "smb",
    territories: "east",
    workingHours: `${OFFICE};6 10:00-14:00`,
    level: "senior",
  },
  {
    id: "e-yang",
    name: "Yang Fan",
    nameZh: "杨帆",
    teams: "smb",
    territories: "east",
    workingHours: OFFICE,
    level: "junior",
  },
  {
    id: "e-huang",
    name: "Huang Lei",
    nameZh: "黄磊",
    teams: "smb",
    territories: "east",
    workingHours: OFFICE,
    level: "junior",
  },
  {
    id: "e-zhou",
    name: "Zhou Jie",
    nameZh: "周杰",
    teams: "smb",
    territories: "east",
    workingHours: OFFICE,
    level: "senior",
    active: false,
  },
  {
    id: "e-xu",
    name: "Xu Min",
    nameZh: "徐敏",
    teams: "smb",
    territories: "east",
    workingHours: "1-5 10:00-19:00",
    level: "junior",
  },
  {
    id: "s-wu",
    name: "Wu Hao",
    nameZh: "吴昊",
    teams: "smb",
    territories: "south",
    workingHours: OFFICE,
    level: "senior",
  },
  {
    id: "s-xu",
    name: "Xu Ting",
    nameZh: "许婷",
    teams: "smb",
    territories: "south",
    workingHours: OFFICE,
    level: "junior",
  },
  {
    id: "s-sun",
    name: "Sun Yue",
    nameZh: "孙悦",
    teams: "smb",
    territories: "south",
    workingHours: OFFICE,
    timeOff: "2026-12-07..2026-12-09",
    level: "junior",
  },
  {
    id: "n-ma",
    name: "Ma Chao",
    nameZh: "马超",
    teams: "smb",
    territories: "north",
    workingHours: OFFICE,
    level: "senior",
  },
  {
    id: "n-zhu",
    name: "Zhu Lin",
    nameZh: "朱琳",
    teams: "smb",
    territories: "north",
    workingHours: OFFICE,
    level: "junior",
  },
  {
    id: "n-hu",
    name: "Hu Bin",
    nameZh: "胡斌",
    teams: "smb",
    territories: "north",
    workingHours: OFFICE,
    perDay: 8,
    level: "junior",
  },
  {
    id: "w-guo",
    name: "Guo Qiang",
    nameZh: "郭强",
    teams: "smb",
    territories: "west",
    workingHours: OFFICE,
    level: "senior",
  },
  {
    id: "w-he",
    name: "He Huan",
    nameZh: "何欢",
    teams: "smb",
    territories: "west",
    workingHours: OFFICE,
    level: "junior",
  },
  {
    id: "w-lin",
    name: "Lin Feng",
    nameZh: "林峰",
    teams: "smb",
    territories: "west",
    workingHours: OFFICE,
    timeOff: "2026-12-11T12:00:00+08:00..2026-12-14",
    level: "junior",
  },
  // Healthcare specialists (industry coverage by NAICS prefix), least-loaded.
  {
    id: "h-gao",
    name: "Gao Yuan",
    nameZh: "高远",
    teams: "healthcare",
    industries: "62*",
    workingHours: OFFICE,
    level: "senior",
  },
  {
    id: "h-luo",
    name: "Luo Qi",
    nameZh: "罗琦",
    teams: "healthcare",
    industries: "62*",
    workingHours: OFFICE,
    level: "junior",
  },
  // Channel managers: sticky by account.
  {
    id: "p-cao",
    name: "Cao Ying",
    nameZh: "曹颖",
    teams: "partner",
    tiers: "B;C",
    workingHours: OFFICE,
    level: "senior",
  },
  {
    id: "p-peng",
    name: "Peng Fei",
    nameZh: "彭飞",
    teams: "partner",
    tiers: "B;C",
    workingHours: OFFICE,
    level: "junior",
  },
  // Overseas: follow the sun.
  {
    id: "o-sarah",
    name: "Sarah Miller",
    nameZh: "莎拉",
    teams: "intl",
    territories: "overseas",
    timezone: "America/Los_Angeles",
    workingHours: "1-5 08:00-17:00",
    level: "senior",
  },
  {
    id: "o-jonas",
    name: "Jonas Becker",
    nameZh: "约纳斯",
    teams: "intl",
    territories: "overseas",
    timezone: "Europe/Berlin",
    workingHours: "1-5 09:00-18:00",
    timeOff: "2026-12-04..2026-12-06",
    level: "senior",
  },
  {
    id: "o-tan",
    name: "Tan Mei Ling",
    nameZh: "陈美玲",
    teams: "intl",
    territories: "overseas",
    timezone: "Asia/Singapore",
    workingHours: "1-5 09:00-18:00",
    level: "junior",
  },
  // Inside sales: least-loaded, long hours, higher caps.
  {
    id: "in-zheng",
    name: "Zheng Shuang",
    nameZh: "郑爽",
    teams: "inside",
    workingHours: "1-5 08:00-20:00;6 10:00-16:00",
    perDay: 30,
    perWeek: 120,
    level: "senior",
  },
  {
    id: "in-tang",
    name: "Tang Ning",
    nameZh: "唐宁",
    teams: "inside",
    workingHours: "1-5 08:00-20:00;7 10:00-16:00",
    perDay: 30,
    perWeek: 120,
    timeOff: "2026-12-10..2026-12-11",
    level: "junior",
  },
  {
    id: "in-feng",
    name: "Feng Tao",
    nameZh: "冯涛",
    teams: "inside",
    workingHours: "1-5 12:00-22:00",
    perDay: 30,
    perWeek: 120,
    level: "junior",
  },
  {
    id: "in-deng",
    name: "Deng Li",
    nameZh: "邓丽",
    teams: "inside",
    workingHours: "1-5 08:00-20:00",
    perDay: 30,
    perWeek: 120,
    level: "junior",
  },
];

const REP_HEADER = [
  "id",
  "name",
  "email",
  "active",
  "teams",
  "territories",
  "industries",
  "tiers",
  "weight",
  "capacity.perDay",
  "capacity.perWeek",
  "timezone",
  "workingHours",
  "timeOff",
  "attributes.nameZh",
  "attributes.level",
];

function repRows(allActive: boolean): string[][] {
  return REPS.map((r) => [
    r.id,
    r.name,
    `${r.name.toLowerCase().replace(/ /g, ".")}@example.com`,
    allActive || r.active !== false ? "true" : "false",
    r.teams,
    r.territories ?? "",
    r.industries ?? "",
    r.tiers ?? "",
    r.weight === undefined ? "" : String(r.weight),
    r.perDay === undefined ? "" : String(r.perDay),
    r.perWeek === undefined ? "" : String(r.perWeek),
    r.timezone ?? "",
    r.workingHours,
    r.timeOff ?? "",
    r.nameZh,
    r.level,
  ]);
}

// ---------------------------------------------------------------------------------------------
// Customers

interface Place {
  region?: string;
  country: string;
  /** Postal code prefixes (3 digits) and length; empty for no postal code. */
  postal: readonly string[];
  city: string;
}

const MAINLAND: readonly (readonly [Place, number])[] = [
  [{ region: "CN-SH", country: "CN", postal: ["200", "201"], city: "Shanghai" }, 16],
  [{ region: "CN-JS", country: "CN", postal: ["210", "214", "215"], city: "Suzhou" }, 9],
  [{ region: "CN-ZJ", country: "CN", postal: ["310", "315"], city: "Hangzhou" }, 8],
  [{ region: "CN-AH", country: "CN", postal: ["230"], city: "Hefei" }, 2],
  [{ region: "CN-GD", country: "CN", postal: ["510", "518", "523"], city: "Shenzhen" }, 17],
  [{ region: "CN-FJ", country: "CN", postal: ["350", "361"], city: "Xiamen" }, 5],
  [{ region: "CN-GX", country: "CN", postal: [], city: "Nanning" }, 1],
  [{ region: "CN-HI", country: "CN", postal: [], city: "Haikou" }, 1],
  [{ region: "CN-BJ", country: "CN", postal: ["100", "101"], city: "Beijing" }, 12],
  [{ region: "CN-TJ", country: "CN", postal: ["300"], city: "Tianjin" }, 3],
  [{ region: "CN-SD", country: "CN", postal: ["250", "266"], city: "Qingdao" }, 4],
  [{ region: "CN-LN", country: "CN", postal: ["110", "116"], city: "Dalian" }, 2],
  [{ region: "CN-SC", country: "CN", postal: ["610"], city: "Chengdu" }, 6],
  [{ region: "CN-CQ", country: "CN", postal: ["400"], city: "Chongqing" }, 3],
  [{ region: "CN-SN", country: "CN", postal: ["710"], city: "Xi'an" }, 2],
  [{ region: "CN-YN", country: "CN", postal: ["650"], city: "Kunming" }, 1],
  // Outside every mainland territory: only inbound small leads are routed, the rest fall back.
  [{ region: "CN-XJ", country: "CN", postal: [], city: "Urumqi" }, 1],
  [{ region: "CN-NM", country: "CN", postal: [], city: "Hohhot" }, 1],
  [{ region: "CN-HL", country: "CN", postal: [], city: "Harbin" }, 1],
];

const OVERSEAS: readonly (readonly [Place, number])[] = [
  [{ region: "US-CA", country: "US", postal: [], city: "San Jose" }, 4],
  [{ region: "US-NY", country: "US", postal: [], city: "New York" }, 2],
  [{ country: "CA", postal: [], city: "Toronto" }, 1],
  [{ country: "DE", postal: [], city: "Munich" }, 3],
  [{ country: "GB", postal: [], city: "London" }, 2],
  [{ country: "FR", postal: [], city: "Lyon" }, 1],
  [{ country: "SG", postal: [], city: "Singapore" }, 3],
  [{ country: "JP", postal: [], city: "Osaka" }, 2],
  [{ country: "AE", postal: [], city: "Dubai" }, 1],
];

const INDUSTRIES: readonly (readonly [string, number])[] = [
  ["511210", 14], // software publishers
  ["541511", 8], // custom programming
  ["541512", 8], // systems design
  ["334111", 5], // computer manufacturing
  ["336111", 6], // automobile manufacturing
  ["333249", 6], // industrial machinery
  ["445110", 6], // supermarkets
  ["454110", 6], // e-commerce
  ["522110", 6], // banking
  ["524113", 4], // insurance
  ["621111", 5], // physicians' offices
  ["622110", 5], // hospitals
  ["611310", 5], // universities
  ["484121", 4], // trucking
  ["531210", 3], // real estate
];

const SOURCES: readonly (readonly [string, number])[] = [
  ["web", 38],
  ["phone", 9],
  ["event", 14],
  ["referral", 10],
  ["partner", 12],
  ["outbound", 10],
  ["marketplace", 7],
];

const TITLES: readonly (readonly [string, number])[] = [
  ["", 40],
  ["CTO", 8],
  ["CIO", 5],
  ["IT Manager", 14],
  ["Head of Sales", 8],
  ["Procurement", 10],
  ["CEO", 6],
  ["Operations Director", 7],
  ["student", 1.5],
  ["job seeker", 0.8],
];

const NAME_PARTS = [
  "Huaxin",
  "Jinqiao",
  "Tianrui",
  "Hengtong",
  "Zhongke",
  "Xinda",
  "Ruifeng",
  "Boyuan",
  "Kaiyuan",
  "Minghui",
  "Yongsheng",
  "Haitian",
  "Longxin",
  "Zhihui",
  "Dongfang",
  "Wanxiang",
  "Hongtai",
  "Shengshi",
  "Anke",
  "Baida",
];

const SUFFIX: Record<string, readonly string[]> = {
  "51": ["Software", "Cloud", "Data"],
  "54": ["Technology", "Digital", "IT Services", "R&D Center"],
  "33": ["Electronics", "Machinery", "Motors", "Precision"],
  "44": ["Retail", "Mart"],
  "45": ["E-Commerce", "Online"],
  "52": ["Bank", "Insurance", "Capital"],
  "62": ["Hospital", "Clinic", "Medical"],
  "61": ["University", "Academy"],
  "48": ["Logistics", "Freight"],
  "53": ["Properties", "Real Estate"],
};

const DAY = 86_400_000;
const SHANGHAI_OFFSET = 8 * 3_600_000;

/** Days of the demo batch: Monday 2026-11-30 to Sunday 2026-12-13 (Asia/Shanghai). */
const BATCH_DAYS = 14;
const BATCH_START = Date.UTC(2026, 10, 30) - 8 * 3_600_000;
/** The history before it: five weeks from Monday 2026-10-26. */
const HISTORY_DAYS = 35;
const HISTORY_START = Date.UTC(2026, 9, 26) - 8 * 3_600_000;

/** ISO-8601 in Shanghai time (+08:00), to the second. */
function shanghaiIso(ms: number): string {
  return `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

interface Customer {
  id: string;
  accountId: string;
  receivedAt: string;
  receivedMs: number;
  company: string;
  region: string;
  country: string;
  postalCode: string;
  industry: string;
  source: string;
  annualRevenue: number;
  employees: number;
  jobTitle: string;
  tier: string;
  stage: string;
}

const CUSTOMER_HEADER = [
  "id",
  "accountId",
  "receivedAt",
  "company",
  "region",
  "country",
  "postalCode",
  "industry",
  "source",
  "annualRevenue",
  "employees",
  "jobTitle",
  "tier",
  "stage",
] as const;

/** A moment on `day` (0-based from `start`): mostly office hours, some evenings and nights. */
function arrival(rnd: Random, start: number, days: number): number {
  let day: number;
  do day = rnd.int(0, days - 1);
  while (day % 7 >= 5 && !rnd.chance(0.3)); // weekends get about 30% of a weekday's leads
  const hour = rnd.weighted<number>([
    [rnd.int(9, 17), 78],
    [rnd.int(18, 22), 15],
    [rnd.int(0, 8), 5],
    [23, 2],
  ]);
  return start + day * 86_400_000 + hour * 3_600_000 + rnd.int(0, 3599) * 1000;
}

function revenue(rnd: Random): number {
  const band = rnd.weighted<"A" | "B" | "C">([
    ["A", 5],
    ["B", 25],
    ["C", 70],
  ]);
  const [lo, hi] = band === "A" ? [8.7, 10.3] : band === "B" ? [7.7, 8.69] : [5.5, 7.69];
  return Math.round(10 ** (lo + rnd.next() * (hi - lo)) / 10_000) * 10_000;
}

class CustomerFactory {
  private accounts: { id: string; company: string; place: Place; industry: string }[] = [];
  private nextAccount = 1;

  constructor(private readonly rnd: Random) {}

  /** Accounts created so far (for leads of known companies). */
  get knownAccounts(): number {
    return this.accounts.length;
  }

  make(id: string, receivedMs: number, reuseAccount: boolean): Customer {
    const rnd = this.rnd;
    let account = reuseAccount && this.accounts.length > 0 ? rnd.pick(this.accounts) : undefined;
    if (account === undefined) {
      const place = rnd.chance(0.13) ? rnd.weighted(OVERSEAS) : rnd.weighted(MAINLAND);
      const industry = rnd.weighted(INDUSTRIES);
      const suffixes = SUFFIX[industry.slice(0, 2)] ?? ["Group"];
      const company = `${place.city} ${rnd.pick(NAME_PARTS)} ${rnd.pick(suffixes)}`;
      account = {
        id: `acct-${String(this.nextAccount++).padStart(5, "0")}`,
        company,
        place,
        industry,
      };
      this.accounts.push(account);
    }
    const { place } = account;
    // Some mainland leads only give a postal code (web forms without a province field).
    const postalOnly = place.country === "CN" && place.postal.length > 0 && rnd.chance(0.25);
    const noLocation = rnd.chance(0.025);
    const postalCode =
      place.postal.length > 0 && !noLocation
        ? `${rnd.pick(place.postal)}${String(rnd.int(0, 999)).padStart(3, "0")}`
        : "";
    const annualRevenue = revenue(rnd);
    if (place.country !== "CN") {
      // Overseas leads arrive around the clock (Shanghai time), not in Shanghai office hours.
      const dayStart = Math.floor((receivedMs + SHANGHAI_OFFSET) / DAY) * DAY - SHANGHAI_OFFSET;
      receivedMs = dayStart + rnd.int(0, 86_399) * 1000;
    }
    return {
      id,
      accountId: account.id,
      receivedAt: shanghaiIso(receivedMs),
      receivedMs,
      company: account.company,
      region: postalOnly || noLocation ? "" : (place.region ?? ""),
      country: noLocation ? "" : place.country,
      postalCode,
      industry: account.industry,
      source: rnd.weighted(SOURCES),
      annualRevenue,
      employees: Math.max(3, Math.round(annualRevenue / (rnd.int(40, 160) * 10_000))),
      jobTitle: rnd.weighted(TITLES),
      // Marketing's strategic-account list marks a few leads as tier A whatever their revenue.
      tier: rnd.chance(0.01) ? "A" : "",
      stage: "new",
    };
  }
}

function customerRow(c: Customer): string[] {
  return CUSTOMER_HEADER.map((k) => String(c[k]));
}

// ---------------------------------------------------------------------------------------------
// CSV

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csv(header: readonly string[], rows: readonly string[][]): string {
  return `${[header, ...rows].map((r) => r.map(csvField).join(",")).join("\n")}\n`;
}

// ---------------------------------------------------------------------------------------------

/** The generated demo files, as text. */
export interface DemoFiles {
  "reps.csv": string;
  "customers.csv": string;
  "state.json": string;
}

/** Number of leads in the demo batch. */
export const DEMO_CUSTOMERS = 2000;

/**
 * Generate the demo files from the rule set text. Pure and deterministic: the same rules give
 * byte-identical files.
 */
export function generateDemo(rulesYaml: string): DemoFiles {
  const rnd = new Random(20261127);
  const factory = new CustomerFactory(rnd);

  // Five weeks of history, routed with the same rules while Zhou Jie was still on the team.
  const history: Customer[] = [];
  for (let i = 1; i <= 420; i++) {
    const at = arrival(rnd, HISTORY_START, HISTORY_DAYS);
    history.push(factory.make(`h-${String(i).padStart(5, "0")}`, at, rnd.chance(0.1)));
  }
  history.sort((a, b) => a.receivedMs - b.receivedMs || (a.id < b.id ? -1 : 1));
  const repsThen = csv(REP_HEADER, repRows(true));
  const router = createRouter(parseYaml(rulesYaml));
  const last = history[history.length - 1]!;
  const toRecord = (c: Customer): Record<string, unknown> => {
    const rec: Record<string, unknown> = {};
    for (const k of CUSTOMER_HEADER) {
      const v = c[k];
      if (v !== "") rec[k] = v;
    }
    return rec;
  };
  const past = router.assign({
    customers: history.map(toRecord),
    reps: repsFromCsv("reps.csv", repsThen),
    now: last.receivedAt,
  });

  // The two-week batch: new leads, new leads of known accounts, and returning customers.
  const batch: Customer[] = [];
  let n = 0;
  while (batch.length < DEMO_CUSTOMERS) {
    const at = arrival(rnd, BATCH_START, BATCH_DAYS);
    if (rnd.chance(0.06)) {
      // A customer we already know asks again (same id, same company, new inquiry).
      const h = rnd.pick(history);
      if (batch.some((c) => c.id === h.id)) continue;
      batch.push({
        ...h,
        receivedAt: shanghaiIso(at),
        receivedMs: at,
        source: rnd.weighted(SOURCES),
      });
      continue;
    }
    n++;
    batch.push(factory.make(`c-${String(n).padStart(5, "0")}`, at, rnd.chance(0.14)));
  }
  // Listed in arrival order, as an export from a CRM would be.
  batch.sort((a, b) => a.receivedMs - b.receivedMs || (a.id < b.id ? -1 : 1));

  return {
    "reps.csv": csv(REP_HEADER, repRows(false)),
    "customers.csv": csv(CUSTOMER_HEADER, batch.map(customerRow)),
    "state.json": `${JSON.stringify(past.state, null, 2)}\n`,
  };
}

/** Write the files next to rules.yaml in `dir`. */
function main(dir: string): void {
  const files = generateDemo(readFileSync(join(dir, "rules.yaml"), "utf8"));
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(dir, name), text, "utf8");
    process.stdout.write(`wrote ${join(dir, name)}\n`);
  }
}

if (process.argv[1] !== undefined && /generate\.(?:ts|mjs|js)$/.test(process.argv[1])) {
  main(process.argv[2] ?? "examples/demo");
}
