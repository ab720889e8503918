import { describe, expect, it } from 'vitest';
import { parseStatus } from './supervisorctl.js';

describe('parseStatus', () => {
  it('reads state and pid of each program line and skips error lines', () => {
    const stdout = [
      'kv_abcdefghij                    RUNNING   pid 4242, uptime 0:01:02',
      'web_node000001                   STOPPED   Jan 01 12:00 AM',
      'web_fatal00001                   FATAL     Exited too quickly (process log may have details)',
      'kv_missing: ERROR (no such process)',
      '',
    ].join('\n');
    expect(parseStatus(stdout)).toEqual(
      new Map([
        ['kv_abcdefghij', { state: 'RUNNING', pid: 4242 }],
        ['web_node000001', { state: 'STOPPED', pid: null }],
        ['web_fatal00001', { state: 'FATAL', pid: null }],
      ]),
    );
  });
});
