// Mail resources made through the API for the mail e2e tests: a zone, mail on it, mailboxes, each
// awaited to ACTIVE (a FAILED one throws with its events).
import {
  CreateDnsZoneDocument,
  CreateMailboxDocument,
  CreateMailDomainDocument,
  type CreateMailboxInput,
  type HostplaneClient,
} from '@hostplane/schema/sdk';
import { expect } from 'vitest';
import { watchStatus } from '../support/watch.js';

export const MAIL_SCOPES = ['mail:read', 'mail:write', 'dns:read', 'dns:write', 'tenants:read'];

export async function activeZone(c: HostplaneClient, tenantId: string, name: string) {
  const { createDnsZone } = await c.mutate(CreateDnsZoneDocument, { input: { tenantId, name } });
  if (!createDnsZone.dnsZone) throw new Error(JSON.stringify(createDnsZone.userErrors));
  expect((await watchStatus(c, createDnsZone.dnsZone.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
  return createDnsZone.dnsZone;
}

export async function activeMailDomain(c: HostplaneClient, zoneId: string) {
  const { createMailDomain } = await c.mutate(CreateMailDomainDocument, { input: { zoneId } });
  if (!createMailDomain.mailDomain) throw new Error(JSON.stringify(createMailDomain.userErrors));
  const watched = await watchStatus(c, createMailDomain.mailDomain.id, ['ACTIVE', 'FAILED'], 90_000);
  if (watched.status !== 'ACTIVE') throw new Error(`mail domain ${watched.status}: ${JSON.stringify(watched.events)}`);
  return createMailDomain.mailDomain;
}

export async function activeMailbox(c: HostplaneClient, input: CreateMailboxInput) {
  const { createMailbox } = await c.mutate(CreateMailboxDocument, { input });
  if (!createMailbox.mailbox) throw new Error(JSON.stringify(createMailbox.userErrors));
  const watched = await watchStatus(c, createMailbox.mailbox.id, ['ACTIVE', 'FAILED'], 90_000);
  if (watched.status !== 'ACTIVE') throw new Error(`mailbox ${watched.status}: ${JSON.stringify(watched.events)}`);
  return createMailbox.mailbox;
}
