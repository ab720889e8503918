// The admin panel's infrastructure page shows what each node's agent reported: the programs it
// has with their versions, what it lacks with the Debian package to install, and when it reported;
// and a mail node's host certificate, with why its last order failed.
import { randomUUID } from 'node:crypto';
import { ApplyClusterDocument } from '@hostplane/schema/sdk';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlatform } from '../harness/platform.js';
import { admin, closeClients, withDatabase } from '../support/clients.js';
import { logIn, screenshot, screenshotOnFailure, startPanel, type Panel } from './support/panel.js';

describe('admin panel: node capabilities', () => {
  let panel: Panel;
  let page: Page;
  screenshotOnFailure(() => page);
  const hostname = `bare-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    // A node whose agent reported no nginx (arranged by SQL: only an agent's report writes it).
    const { applyCluster } = await admin().mutate(ApplyClusterDocument, {
      input: {
        region: 'e2e-infra',
        cluster: 'e2e-infra',
        lbAddresses: [],
        shards: [],
        nodes: [{ hostname, shards: [] }],
      },
    });
    if (!applyCluster.cluster) throw new Error(JSON.stringify(applyCluster.userErrors));
    const missing = [
      {
        name: 'nginx',
        available: false,
        version: null,
        path: '/opt/nginx',
        package: 'nginx',
        reason: '/opt/nginx not found',
      },
    ];
    await withDatabase(async (db) => {
      await db.query('UPDATE "Node" SET capabilities = $1, "capabilitiesReportedAt" = now() WHERE hostname = $2', [
        JSON.stringify(missing),
        hostname,
      ]);
      // A mail host certificate whose orders keep failing (only the worker's order writes one).
      await db.query(
        `INSERT INTO "MailNodeCertificate" ("nodeId", hostname, "wrappedKey", "masterKeyId", "renewFailures", "lastError", "renewAfter")
         SELECT id, $2, '\\x00', 'test', 3, 'HTTP-01: connection refused', now() + interval '1 day'
         FROM "Node" WHERE hostname = $1`,
        [hostname, `mail.${hostname}.example`],
      );
    });
    panel = await startPanel('infrastructure');
    page = await panel.newPage();
    await logIn(page, getPlatform().adminKey);
  });
  afterAll(async () => {
    await panel?.close();
    await closeClients();
  });

  it('lists each node with its capabilities, the packages it lacks and when it reported', async () => {
    await page.goto('/admin/infrastructure');
    // The first node's row (the test platform's second data node, `localhost-2`, is in the table too).
    const local = page
      .getByRole('table', { name: 'Nodes of local' })
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: 'localhost', exact: true }) });
    await expect.poll(() => local.textContent()).toMatch(/php-fpm 8\.2 \(8\.2\.\d+\)/);
    await expect(local.textContent()).resolves.toMatch(/nothing/);

    const bare = page.getByRole('table', { name: 'Nodes of e2e-infra' }).getByRole('row').filter({ hasText: hostname });
    const lacking = bare.getByRole('list', { name: `Missing on ${hostname}` });
    await expect(lacking.textContent()).resolves.toBe('nginx: install nginx');
    await expect(bare.locator('time').count()).resolves.toBe(1);
    await expect(bare.getByLabel(`Mail certificate error on mail.${hostname}.example`).textContent()).resolves.toBe(
      'Last order failed (3 in a row): HTTP-01: connection refused',
    );
    await expect(bare.textContent()).resolves.toContain('not issued yet');
    await screenshot(page, 'infrastructure');
  });
});
