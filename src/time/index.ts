/**
 * Calendar arithmetic of the engine. Instants are epoch milliseconds; wall-clock questions
 * (days, ISO weeks, working hours) are answered in an IANA time zone.
 */
export {
  addCalendarDays,
  addHours,
  dayKey,
  dayKeyStableUntil,
  inInterval,
  isoWeekKey,
  weekKeyStableUntil,
} from "./calendar";
export { DAY_MS, HOUR_MS, MINUTE_MS } from "./civil";
export { MAX_INSTANT_MS, MIN_INSTANT_MS, parseInstant, type TimeResult, toIso } from "./parse";
export {
  isWithinWorkingHours,
  NEXT_WORKING_START_HORIZON_MS,
  nextWorkingStart,
  validateWorkingWindows,
  type WorkingWindow,
  type WorkingWindowIssue,
  workingHoursStableUntil,
} from "./working-hours";
export {
  instantFromLocal,
  isValidTimeZone,
  type LocalParts,
  localParts,
  startOfLocalDay,
  zoneOffsetMs,
} from "./zone";
