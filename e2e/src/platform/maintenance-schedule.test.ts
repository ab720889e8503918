import { Client, Connection } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { getPlatform } from '../harness/platform.js';

describe('maintenance schedules', () => {
  it('the running worker has registered the daily history-pruning schedule', async () => {
    const connection = await Connection.connect({ address: getPlatform().temporalAddress });
    try {
      const client = new Client({ connection });
      const schedule = await client.schedule.getHandle('hostplane-prune-history').describe();
      expect(schedule.action).toMatchObject({ type: 'startWorkflow', workflowType: 'pruneHistoryWorkflow' });
      expect(schedule.action.type === 'startWorkflow' && schedule.action.args).toEqual([
        { eventDays: 30, auditDays: 365 },
      ]);
    } finally {
      await connection.close();
    }
  });
});
