import type { Issue } from "../errors";
import { FORBIDDEN_KEYS, LIMITS } from "../limits";
import { parseInstant } from "../time";

/**
 * A customer record after validation. `record` is the caller's object, untouched; the typed
 * fields are its reserved keys normalized (country and region upper-cased, country derived from
 * region, numbers in postal code / industry turned into strings).
 */
export interface Customer {
  readonly id: string;
  /** Position in the input batch. */
  readonly index: number;
  readonly record: Readonly<Record<string, unknown>>;
  readonly accountId: string | undefined;
  readonly receivedAt: number | undefined;
  readonly tier: string | undefined;
  readonly country: string | undefined;
  readonly region: string | undefined;
  readonly postalCode: string | undefined;
  readonly industry: string | undefined;
  readonly source: string | undefined;
}

export type CustomerCheck =
  | { ok: true; customer: Customer }
  | { ok: false; id: string | undefined; issues: Issue[] };

/** The reserved keys of a customer record; every other key is a free attribute. */
export const RESERVED_CUSTOMER_KEYS = [
  "id",
  "accountId",
  "receivedAt",
  "tier",
  "country",
  "region",
  "postalCode",
  "industry",
  "source",
] as const;

const isAbsent = (v: unknown) => v === undefined || v === null || v === "";

interface StringRule {
  readonly numbers?: boolean;
  readonly pattern?: RegExp;
  readonly hint?: string;
  readonly upper?: boolean;
}

// One object per rule rather than a literal per call: a regular expression literal is a new
// object each time it is evaluated, and these are evaluated for every customer.
const ANY_STRING: StringRule = {};
const STRING_OR_NUMBER: StringRule = { numbers: true };
const REGION: StringRule = {
  upper: true,
  pattern: /^[A-Z]{2}-[A-Z0-9]{1,3}$/,
  hint: "is not an ISO 3166-2 code like CN-SH",
};
const COUNTRY: StringRule = {
  upper: true,
  pattern: /^[A-Z]{2}$/,
  hint: "is not an ISO 3166-1 alpha-2 code like CN",
};

function optionalString(
  record: Record<string, unknown>,
  key: string,
  issues: Issue[],
  opts: StringRule,
): string | undefined {
  const v = Object.hasOwn(record, key) ? record[key] : undefined;
  if (isAbsent(v)) return undefined;
  let s: string;
  if (typeof v === "string") s = v;
  else if (opts.numbers && typeof v === "number" && Number.isFinite(v)) s = String(v);
  else {
    issues.push({
      path: key,
      message: `must be a string${opts.numbers ? " or a number" : ""}, got ${describe(v)}`,
    });
    return undefined;
  }
  if (s.length > LIMITS.maxIdLength) {
    issues.push({ path: key, message: `must be at most ${LIMITS.maxIdLength} characters` });
    return undefined;
  }
  if (opts.upper) s = s.toUpperCase();
  if (opts.pattern && !opts.pattern.test(s)) {
    issues.push({ path: key, message: `"${s}" ${opts.hint ?? "has an invalid format"}` });
    return undefined;
  }
  return s;
}

/**
 * One string per country code (two validated capital letters: at most 676). A code cut from a
 * region would otherwise be a new string per customer, and the state keeps one per customer.
 */
const COUNTRY_CODES = new Map<string, string>();

function countryCode(code: string): string {
  const known = COUNTRY_CODES.get(code);
  if (known !== undefined) return known;
  COUNTRY_CODES.set(code, code);
  return code;
}

/** A short description of a value's type for error messages. */
export function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "number") return Number.isNaN(v) ? "NaN" : String(v);
  return typeof v;
}

/**
 * Validate one customer record. Never throws: a bad record yields its issues so the batch can
 * go on without it.
 */
export function checkCustomer(
  input: unknown,
  index: number,
  timeZone: string,
  nowMs: number,
): CustomerCheck {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return {
      ok: false,
      id: undefined,
      issues: [{ path: "", message: `a customer must be an object, got ${describe(input)}` }],
    };
  }
  const record = input as Record<string, unknown>;
  const issues: Issue[] = [];
  const rawId = Object.hasOwn(record, "id") ? record.id : undefined;
  let id: string | undefined;
  if (typeof rawId === "string" && rawId.length > 0 && rawId.length <= LIMITS.maxIdLength) {
    if (FORBIDDEN_KEYS.has(rawId))
      issues.push({ path: "id", message: `"${rawId}" is a reserved name` });
    else id = rawId;
  } else if (rawId === undefined || rawId === null || rawId === "") {
    issues.push({ path: "id", message: "is required" });
  } else if (typeof rawId === "string") {
    issues.push({ path: "id", message: `must be at most ${LIMITS.maxIdLength} characters` });
  } else {
    issues.push({ path: "id", message: `must be a string, got ${describe(rawId)}` });
  }
  const accountId = optionalString(record, "accountId", issues, STRING_OR_NUMBER);
  const tier = optionalString(record, "tier", issues, ANY_STRING);
  const region = optionalString(record, "region", issues, REGION);
  let country = optionalString(record, "country", issues, COUNTRY);
  if (country !== undefined) country = countryCode(country);
  if (region !== undefined) {
    const fromRegion = countryCode(region.slice(0, 2));
    if (country === undefined) country = fromRegion;
    else if (country !== fromRegion) {
      issues.push({ path: "region", message: `"${region}" is not in country "${country}"` });
    }
  }
  const postalCode = optionalString(record, "postalCode", issues, STRING_OR_NUMBER);
  const industry = optionalString(record, "industry", issues, STRING_OR_NUMBER);
  const source = optionalString(record, "source", issues, ANY_STRING);
  let receivedAt: number | undefined;
  const rawReceived = Object.hasOwn(record, "receivedAt") ? record.receivedAt : undefined;
  if (!isAbsent(rawReceived)) {
    const t = parseInstant(rawReceived, timeZone);
    if (!t.ok) issues.push({ path: "receivedAt", message: t.message });
    else if (t.ms > nowMs) {
      issues.push({
        path: "receivedAt",
        message: "is later than now: a lead cannot be decided before it arrives",
      });
    } else receivedAt = t.ms;
  }
  if (issues.length > 0 || id === undefined) return { ok: false, id, issues };
  return {
    ok: true,
    customer: {
      id,
      index,
      record,
      accountId,
      receivedAt,
      tier,
      country,
      region,
      postalCode,
      industry,
      source,
    },
  };
}
