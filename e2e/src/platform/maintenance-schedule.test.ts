import { payloadDataConverter } from '@hostplane/contract/codec';
import { Client, Connection } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { getPlatform } from '../harness/platform.js';

describe('maintenance schedules', () => {
  it('the running worker has registered the daily history-pruning schedule', async () => {
    const connection = await Connection.connect({ address: getPlatform().temporalAddress });
    try {
      // Its arguments are encrypted like every payload: read with the run's key.
      const dataConverter = payloadDataConverter({ HOSTPLANE_PAYLOAD_KEY: getPlatform().payloadKey });
      const client = new Client({ connection, dataConverter });
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
