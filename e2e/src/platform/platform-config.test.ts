// updatePlatformConfig: a partial change keeps the other settings, bad values are refused field by
// field and change nothing, and only a platform administrator may write. The settings are the
// run's one global row: the test puts back what it found.
import {
  GetPlatformConfigDocument,
  UpdatePlatformConfigDocument,
  type PlatformConfigFieldsFragment,
} from '@hostplane/schema/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, client, closeClients, createBrand, createKey } from '../support/clients.js';
import { expectCode } from '../support/expect-error.js';

describe('platform settings', () => {
  let before: PlatformConfigFieldsFragment;

  beforeAll(async () => {
    before = (await admin().query(GetPlatformConfigDocument, {})).platformConfig;
  });
  afterAll(async () => {
    const { __typename, ...original } = before as PlatformConfigFieldsFragment & { __typename?: string };
    void __typename;
    await admin().mutate(UpdatePlatformConfigDocument, { input: original });
    await closeClients();
  });

  it('changes only the settings given, and reads them back', async () => {
    const { updatePlatformConfig } = await admin().mutate(UpdatePlatformConfigDocument, {
      input: { baseDomain: 'hosting.e2e.test', nameservers: ['ns-a.e2e.test', 'ns-b.e2e.test'] },
    });
    const expected = {
      baseDomain: 'hosting.e2e.test',
      nameservers: ['ns-a.e2e.test', 'ns-b.e2e.test'],
      hostmasterEmail: before.hostmasterEmail,
    };
    expect(updatePlatformConfig).toMatchObject({ platformConfig: expected, userErrors: [] });
    expect((await admin().query(GetPlatformConfigDocument, {})).platformConfig).toMatchObject(expected);
  });

  it('refuses bad values field by field and writes none of the input', async () => {
    const current = (await admin().query(GetPlatformConfigDocument, {})).platformConfig;
    const { updatePlatformConfig } = await admin().mutate(UpdatePlatformConfigDocument, {
      input: { baseDomain: 'not a domain', nameservers: ['one.e2e.test'], hostmasterEmail: 'nobody' },
    });
    expect(updatePlatformConfig.platformConfig).toBeNull();
    expect(updatePlatformConfig.userErrors.map((e) => [e.field, e.code])).toEqual([
      [['input', 'baseDomain'], 'INVALID'],
      [['input', 'nameservers'], 'INVALID'],
      [['input', 'hostmasterEmail'], 'INVALID'],
    ]);
    expect((await admin().query(GetPlatformConfigDocument, {})).platformConfig).toEqual(current);
  });

  it('is written by platform administrators only', async () => {
    const brandAdmin = client(await createKey(['platform:*'], [(await createBrand()).id]));
    await expectCode(
      brandAdmin.mutate(UpdatePlatformConfigDocument, { input: { baseDomain: 'taken-over.e2e.test' } }),
      'FORBIDDEN',
    );
    const reader = client(await createKey(['platform:read'], ['*']));
    await expectCode(
      reader.mutate(UpdatePlatformConfigDocument, { input: { baseDomain: 'taken-over.e2e.test' } }),
      'FORBIDDEN',
    );
    expect((await admin().query(GetPlatformConfigDocument, {})).platformConfig.baseDomain).not.toBe(
      'taken-over.e2e.test',
    );
  });
});
