// Bad webroot and FQDN input is a userError with nothing written and no workflow started.
import { randomUUID } from 'node:crypto';
import {
  BindFqdnDocument,
  CreateWebrootDocument,
  ListWebrootsDocument,
  SuspendTenantDocument,
  UpdateWebrootDocument,
  type CreateWebrootInput,
} from '@hostplane/schema/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, closeClients, createBrand, createTenant } from '../support/clients.js';
import { watchTenant } from '../support/watch.js';
import { createActiveWebroot, watchFqdn } from '../support/web.js';

describe('webroot and FQDN input', () => {
  const tag = randomUUID().slice(0, 8);
  let tenant: { id: string; name: string };
  let webroot: { id: string; name: string };

  beforeAll(async () => {
    const brand = await createBrand();
    tenant = await createTenant(admin(), brand.id, 'input tenant');
    await watchTenant(admin(), tenant.id, ['ACTIVE']);
    webroot = await createActiveWebroot(admin(), { tenantId: tenant.id, runtime: 'STATIC' });
  }, 60_000);
  afterAll(closeClients);

  const create = async (input: Omit<CreateWebrootInput, 'tenantId'>) =>
    (await admin().mutate(CreateWebrootDocument, { input: { tenantId: tenant.id, ...input } })).createWebroot;

  it('refuses blocklisted and malformed PHP settings, naming the field', async () => {
    const blocked = await create({
      runtime: 'PHP',
      phpSettings: { phpAdminValues: [{ key: 'disable_functions', value: '' }] },
    });
    expect(blocked.webroot).toBeNull();
    expect(blocked.userErrors).toEqual([
      {
        field: ['input', 'phpSettings', 'phpAdminValues'],
        code: 'INVALID',
        message: 'disable_functions is managed by the platform and cannot be set',
      },
    ]);
    const opcache = await create({
      runtime: 'PHP',
      phpSettings: { phpValues: [{ key: 'opcache.enable', value: '0' }] },
    });
    expect(opcache.userErrors[0]?.message).toMatch(/opcache.enable is managed by the platform/);
    const injected = await create({
      runtime: 'PHP',
      phpSettings: {
        phpValues: [{ key: 'memory_limit', value: '1G\nphp_admin_value[open_basedir] = /' }],
      },
    });
    expect(injected.userErrors[0]?.message).toMatch(/not allowed in a php.ini value/);
    const pm = await create({
      runtime: 'PHP',
      phpSettings: { processManager: { mode: 'DYNAMIC', maxChildren: 2, startServers: 5 } },
    });
    expect(pm.userErrors[0]).toMatchObject({ field: ['input', 'phpSettings', 'processManager'] });
    const misplaced = await create({ runtime: 'STATIC', phpSettings: {}, appCommand: ['node'] });
    expect(misplaced.userErrors.map((e) => e.field.join('.'))).toEqual(['input.phpSettings', 'input.appCommand']);
  });

  it('refuses directives smuggled through the document root and the app command, and unknown versions', async () => {
    const root = await create({ runtime: 'STATIC', documentRoot: 'public;\n    root /etc' });
    expect(root.userErrors[0]).toMatchObject({ field: ['input', 'documentRoot'], code: 'INVALID' });
    expect((await create({ runtime: 'STATIC', documentRoot: '../other' })).userErrors[0]?.field).toEqual([
      'input',
      'documentRoot',
    ]);
    const shell = await create({ runtime: 'NODE', appCommand: ['node server.js && curl evil'] });
    expect(shell.userErrors[0]).toMatchObject({
      field: ['input', 'appCommand'],
      message: expect.stringMatching(/may not contain spaces/),
    });
    const newline = await create({
      runtime: 'NODE',
      appCommand: ['node', 'server.js\n[program:evil]'],
    });
    expect(newline.userErrors[0]?.message).toMatch(/control characters/);
    const version = await create({ runtime: 'PHP', runtimeVersion: '5.6' });
    expect(version.userErrors).toEqual([
      {
        field: ['input', 'runtimeVersion'],
        code: 'INVALID',
        message: 'PHP 5.6 is not available; available: 8.2.', // what the local node reports
      },
    ]);
    const update = await admin().mutate(UpdateWebrootDocument, {
      input: { id: webroot.id, runtime: 'RUBY', runtimeVersion: '1.8' },
    });
    expect(update.updateWebroot.userErrors[0]?.field).toEqual(['input', 'runtimeVersion']);
    const { webroots } = await admin().query(ListWebrootsDocument, {
      first: 10,
      filter: { tenantId: tenant.id },
    });
    expect(webroots.edges.map((e) => e.node.id)).toEqual([webroot.id]); // nothing else was written
  });

  it('refuses invalid host names, including smuggled directives, and normalizes case', async () => {
    const bind = async (hostname: string) =>
      (await admin().mutate(BindFqdnDocument, { input: { webrootId: webroot.id, hostname } })).bindFqdn;
    for (const bad of [
      'evil.test;\n    root /etc',
      'no-dot',
      '*.wild.test',
      'under_score.test',
      'a b.test',
      '-lead.test',
      `${'x'.repeat(64)}.test`,
    ]) {
      const result = await bind(bad);
      expect(result.fqdn, bad).toBeNull();
      expect(result.userErrors[0], bad).toMatchObject({
        field: ['input', 'hostname'],
        code: 'INVALID',
      });
    }
    const ok = await bind(`Case-${tag}.Example.TEST.`);
    expect(ok.fqdn?.hostname).toBe(`case-${tag}.example.test`);
    await watchFqdn(admin(), ok.fqdn!.id, ['ACTIVE']);
  });

  it('keeps FQDNs unique platform-wide, case-insensitively, across brands', async () => {
    const other = await createTenant(admin(), (await createBrand()).id, 'other brand');
    await watchTenant(admin(), other.id, ['ACTIVE']);
    const theirs = await createActiveWebroot(admin(), { tenantId: other.id, runtime: 'STATIC' });
    const taken = await admin().mutate(BindFqdnDocument, {
      input: { webrootId: theirs.id, hostname: `CASE-${tag}.example.test` },
    });
    expect(taken.bindFqdn.userErrors).toEqual([
      {
        field: ['input', 'hostname'],
        code: 'TAKEN',
        message: `case-${tag}.example.test is already bound to a webroot.`,
      },
    ]);
  });

  it('refuses binding to, and creating webroots for, a suspended tenant', async () => {
    await admin().mutate(SuspendTenantDocument, { input: { id: tenant.id, reason: 'abuse' } });
    await watchTenant(admin(), tenant.id, ['SUSPENDED']);
    const bound = await admin().mutate(BindFqdnDocument, {
      input: { webrootId: webroot.id, hostname: `late-${tag}.example.test` },
    });
    expect(bound.bindFqdn.userErrors).toEqual([
      {
        field: ['input', 'webrootId'],
        code: 'INVALID_STATE',
        message: `Tenant ${tenant.name} is SUSPENDED.`,
      },
    ]);
    expect((await create({ runtime: 'STATIC' })).userErrors[0]?.code).toBe('INVALID_STATE');
    const updated = await admin().mutate(UpdateWebrootDocument, {
      input: { id: webroot.id, documentRoot: 'www' },
    });
    expect(updated.updateWebroot.userErrors[0]?.code).toBe('INVALID_STATE');
  });
});
