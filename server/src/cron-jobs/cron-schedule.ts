import { CronExpressionParser } from 'cron-parser';

/**
 * One field of the five: numbers, `*`, ranges, steps, lists, and three-letter month and weekday
 * names. No `L`, `W`, `#`, `?` or `@hourly`: the schedule must mean the same to this check and to
 * Temporal's parser, which runs it.
 */
const FIELD = /^(\*|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(\/[0-9]+)?(,(\*|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(\/[0-9]+)?)*$/;
const NAMES = /[A-Za-z]+/g;
const MONTHS = new Set(['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']);
const DAYS = new Set(['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT']);
const FIELD_NAMES = ['minute', 'hour', 'day of month', 'month', 'day of week'] as const;

/** Why `schedule` is not a five-field cron expression this platform runs, or null when it is. */
export function cronScheduleProblem(schedule: string, timeZone: string): string | null {
  const fields = schedule.trim().split(/\s+/);
  if (fields.length !== 5)
    return `must have 5 fields (minute hour day-of-month month day-of-week), not ${fields.length}`;
  for (const [i, field] of fields.entries()) {
    if (!FIELD.test(field)) return `${FIELD_NAMES[i]} field "${field}" is not cron syntax`;
    const names = (field.match(NAMES) ?? []).map((n) => n.toUpperCase());
    const allowed = i === 3 ? MONTHS : i === 4 ? DAYS : new Set<string>();
    const unknown = names.find((n) => !allowed.has(n));
    if (unknown) return `${FIELD_NAMES[i]} field has an unknown name "${unknown}"`;
    // Temporal reads day of week 0–6 (Sunday 0); cron-parser would also take 7.
    if (i === 4 && /(^|[^0-9/])7/.test(field)) return 'day of week runs from 0 (Sunday) to 6';
  }
  try {
    CronExpressionParser.parse(fields.join(' '), { tz: timeZone, strict: false });
  } catch (error) {
    return (error as Error).message;
  }
  return null;
}

/** Why `timeZone` is not an IANA zone name this platform knows, or null when it is. */
export function timeZoneProblem(timeZone: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/.test(timeZone)) return 'must be an IANA time zone name';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return null;
  } catch {
    return `"${timeZone}" is not a known IANA time zone`;
  }
}
