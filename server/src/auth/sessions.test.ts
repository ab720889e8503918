import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlatform } from '@hostplane/e2e/harness';
import { InProcessApi } from '../testing/in-process.js';
import { ApiKeySessions } from './sessions.js';

// The NOTIFY path is end to end in e2e/src/access/keys-and-scopes.test.ts; this is the safety net
// for a revocation whose notification never arrived (written by SQL here: no NOTIFY at all).
describe('API key sessions sweep', () => {
  let api: InProcessApi;
  beforeAll(async () => {
    api = await InProcessApi.start(getPlatform().databaseUrl);
  });
  afterAll(async () => api?.close());

  it('ends the sessions of revoked or deleted keys and keeps the others', async () => {
    const [revoked, deleted, live] = await Promise.all([1, 2, 3].map(() => api.viewer(['tenants:read'], ['*'])));
    const sessions = new ApiKeySessions(api.db, pino({ level: 'silent' }));
    const ended: string[] = [];
    sessions.track(revoked!.apiKeyId, () => ended.push('revoked a'));
    sessions.track(revoked!.apiKeyId, () => ended.push('revoked b'));
    sessions.track(deleted!.apiKeyId, () => ended.push('deleted'));
    const forgetLive = sessions.track(live!.apiKeyId, () => ended.push('live'));

    await sessions.sweep();
    expect(ended).toEqual([]);

    await api.db.apiKey.update({ where: { id: revoked!.apiKeyId }, data: { revokedAt: new Date() } });
    await api.db.apiKey.delete({ where: { id: deleted!.apiKeyId } });
    await sessions.sweep();
    expect(ended.sort()).toEqual(['deleted', 'revoked a', 'revoked b']);
    expect(sessions.size).toBe(1);

    forgetLive();
    expect(sessions.size).toBe(0);
  });
});
