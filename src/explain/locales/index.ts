import { LeadRouteError } from "../../errors";
import { en } from "./en";
import type { Messages, ReasonCode, ReasonDetailsByCode } from "./types";
import { zhCN } from "./zh-CN";

export type { Messages, ReasonCode, ReasonDetailsByCode } from "./types";

/** The locales `formatExplanation` renders, the default (`en`) first. */
export const LOCALES = ["en", "zh-CN"] as const;

/** A locale `formatExplanation` can render. */
export type Locale = (typeof LOCALES)[number];

/**
 * The message table of every locale. Typed as a record over `Locale`, so a locale without a
 * table is a compile error; frozen so that no caller can change another caller's text.
 */
export const LOCALE_TABLES: Readonly<Record<Locale, Messages>> = Object.freeze({
  en,
  "zh-CN": zhCN,
});

/** Whether `value` names a supported locale; a type guard for CLI flags and host settings. */
export function isLocale(value: unknown): value is Locale {
  return LOCALES.some((locale) => locale === value);
}

/**
 * The message table of a locale. Throws `LeadRouteError` (`invalid_input`) for an unknown
 * locale, which only untyped callers can pass.
 */
export function messagesFor(locale: Locale): Messages {
  if (!isLocale(locale)) {
    throw new LeadRouteError("invalid_input", [
      {
        path: "locale",
        message: `unknown locale ${JSON.stringify(String(locale))} (expected one of: ${LOCALES.join(", ")})`,
      },
    ]);
  }
  return LOCALE_TABLES[locale];
}

/**
 * One exclusion or claim-denial reason with its facts as a phrase in `locale` (default `en`),
 * e.g. `describeReason("daily_cap_reached", { count: 30, limit: 30 })` → `"daily cap 30/30"`.
 * Pure; throws `LeadRouteError` for an unknown locale or code (untyped callers only).
 */
export function describeReason<C extends ReasonCode>(
  code: C,
  details: ReasonDetailsByCode[C],
  locale: Locale = "en",
): string {
  const reasons = messagesFor(locale).reasons;
  if (!Object.hasOwn(reasons, code)) {
    throw new LeadRouteError("invalid_input", [
      { path: "code", message: `unknown reason code ${JSON.stringify(String(code))}` },
    ]);
  }
  const describe: (details: ReasonDetailsByCode[C]) => string = reasons[code];
  return describe(details);
}
