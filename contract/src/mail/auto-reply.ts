// The auto-reply (Sieve vacation) rules both the API and the node agent apply. The agent writes
// subject and body into a Sieve script as quoted strings; these rules keep what reaches it plain
// text (no control characters but line breaks (LF or CRLF) and tabs in the body), so escaping `"` and `\` is
// all the script needs and a tenant's text can never become Sieve code.
import type { MailAutoReplySpec } from './index.js';

export const MAX_AUTO_REPLY_SUBJECT = 200;
export const MAX_AUTO_REPLY_BODY = 16_384;

const SUBJECT_BAD = /[\u0000-\u001f\u007f]/;
const BODY_BAD = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// A lone surrogate has no UTF-8 form: Sieve (and mail) would get invalid text.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** True for `YYYY-MM-DD` naming a real calendar day. */
export function isIsoDay(day: string): boolean {
  if (!ISO_DAY.test(day)) return false;
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === day;
}

/** Why `reply` cannot be an auto-reply, with the input field it concerns, or null. */
export function autoReplyProblem(reply: MailAutoReplySpec): { field: string; message: string } | null {
  const { subject, body, startDate, endDate, intervalDays } = reply;
  if (subject.trim().length === 0 || subject.length > MAX_AUTO_REPLY_SUBJECT)
    return { field: 'subject', message: `The subject is 1–${MAX_AUTO_REPLY_SUBJECT} characters.` };
  if (SUBJECT_BAD.test(subject) || LONE_SURROGATE.test(subject))
    return { field: 'subject', message: 'The subject is one line of text, without control characters.' };
  if (body.trim().length === 0 || body.length > MAX_AUTO_REPLY_BODY)
    return { field: 'body', message: `The body is 1–${MAX_AUTO_REPLY_BODY} characters.` };
  if (BODY_BAD.test(body) || LONE_SURROGATE.test(body))
    return { field: 'body', message: 'The body is text: no control characters but line breaks and tabs.' };
  if (startDate !== undefined && !isIsoDay(startDate))
    return { field: 'startDate', message: 'The start date is a day as YYYY-MM-DD.' };
  if (endDate !== undefined && !isIsoDay(endDate))
    return { field: 'endDate', message: 'The end date is a day as YYYY-MM-DD.' };
  if (startDate !== undefined && endDate !== undefined && endDate < startDate)
    return { field: 'endDate', message: 'The end date is not before the start date.' };
  if (!Number.isInteger(intervalDays) || intervalDays < 1 || intervalDays > 30)
    return { field: 'intervalDays', message: 'The interval is a whole number of days, 1–30.' };
  return null;
}
