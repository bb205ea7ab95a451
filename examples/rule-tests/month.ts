/**
 * A month of leads shaped like ours: deterministic (a seeded generator, fixed dates), so the
 * tests give the same figures on every run. A team would rather load last month's export here
 * (a CSV or JSON dump of the CRM's leads); the tests do not care where the records come from.
 */

/** mulberry32: a small seeded PRNG, so the month is the same on every run. */
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

const REGIONS = [
  "CN-SH",
  "CN-JS",
  "CN-ZJ",
  "CN-GD",
  "CN-FJ",
  "CN-AH",
  "CN-BJ",
  "US-CA",
  "DE-BE",
  "JP-13",
];
const SOURCES = ["web", "web", "web", "fair", "referral"];

/** `perDay` leads on each day of December 2026, received between 09:00 and 17:59 Shanghai time. */
export function monthOfLeads(perDay = 20, seed = 2026): Record<string, unknown>[] {
  const random = mulberry32(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const leads: Record<string, unknown>[] = [];
  for (let day = 1; day <= 31; day++) {
    for (let i = 0; i < perDay; i++) {
      const hour = 9 + Math.floor(random() * 9);
      const minute = Math.floor(random() * 60);
      const roll = random();
      leads.push({
        id: `L${String(day).padStart(2, "0")}-${String(i).padStart(3, "0")}`,
        receivedAt: `2026-12-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00+08:00`,
        region: pick(REGIONS),
        source: pick(SOURCES),
        // About 4 % tier A (≥ 100 M), 20 % tier B (≥ 10 M), the rest tier C.
        annualRevenue: roll < 0.04 ? 200_000_000 : roll < 0.24 ? 20_000_000 : 1_000_000,
      });
    }
  }
  return leads;
}
