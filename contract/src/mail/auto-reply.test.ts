// The auto-reply rules both sides apply: plain text only, real days, a sane interval.
import { describe, expect, it } from 'vitest';
import { autoReplyProblem, isIsoDay } from './auto-reply.js';

const ok = { subject: 'Away', body: 'Back on Monday.\r\nRegards', intervalDays: 7 };

describe('auto-reply rules', () => {
  it('accepts text with quotes, backslashes and line breaks', () => {
    expect(autoReplyProblem({ ...ok, body: 'a "b" \\ c\n.\n\tend' })).toBeNull();
    expect(autoReplyProblem({ ...ok, startDate: '2026-12-01', endDate: '2026-12-01' })).toBeNull();
  });

  it('names the field of each problem', () => {
    expect(autoReplyProblem({ ...ok, subject: 'two\nlines' })?.field).toBe('subject');
    expect(autoReplyProblem({ ...ok, subject: ' ' })?.field).toBe('subject');
    expect(autoReplyProblem({ ...ok, body: 'nul\u0000' })?.field).toBe('body');
    expect(autoReplyProblem({ ...ok, body: 'lone \ud800 surrogate' })?.field).toBe('body');
    expect(autoReplyProblem({ ...ok, startDate: '2026-13-01' })?.field).toBe('startDate');
    expect(autoReplyProblem({ ...ok, endDate: '2026-1-1' })?.field).toBe('endDate');
    expect(autoReplyProblem({ ...ok, startDate: '2026-12-02', endDate: '2026-12-01' })?.field).toBe('endDate');
    expect(autoReplyProblem({ ...ok, intervalDays: 0 })?.field).toBe('intervalDays');
    expect(autoReplyProblem({ ...ok, intervalDays: 1.5 })?.field).toBe('intervalDays');
  });

  it('takes only real calendar days', () => {
    expect(isIsoDay('2028-02-29')).toBe(true);
    expect(isIsoDay('2026-02-29')).toBe(false);
    expect(isIsoDay('2026-02-28T00:00')).toBe(false);
  });
});
