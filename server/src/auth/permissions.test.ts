import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLInputType,
} from 'graphql';
import { buildHostplaneSchema, toGlobalId, type ResourcePermissionsRecord } from '@hostplane/schema';
import { getPlatform } from '@hostplane/e2e/harness';
import { InProcessApi } from '../testing/in-process.js';
import { seedBrandAndShard } from '../testing/seed.js';
import { generateShortName } from '../tenants/tenant-name.js';
import { OPERATION_RULES } from './operations.js';
import { mayCall } from './permissions.js';

const CAN = 'viewerCan { update delete retry suspend unsuspend migrate }';
const TENANT = `query T($id: ID!) { tenant(id: $id) { id ${CAN} webroots { id ${CAN} } } }`;
const NODE = `query N($id: ID!) { node(id: $id) { id ... on AsyncResource { status ${CAN} } } }`;
const ALLOWED = 'query { viewer { allowedOperations } }';

type Can = ResourcePermissionsRecord;

/** The smallest value GraphQL accepts for `type` (required fields only); every ID is `id`. */
function placeholder(type: GraphQLInputType, id: string): unknown {
  if (isNonNullType(type)) return placeholder(type.ofType, id);
  if (isListType(type)) return [];
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((field) => isNonNullType(field.type));
    return Object.fromEntries(fields.map((field) => [field.name, placeholder(field.type, id)]));
  }
  return ({ ID: id, String: 'x', Int: 1, Float: 1, Boolean: false } as Record<string, unknown>)[type.name] ?? 'x';
}
const none: Can = { update: false, delete: false, retry: false, suspend: false, unsuspend: false, migrate: false };
type TenantAnswer = { tenant: { viewerCan: Can; webroots: { viewerCan: Can }[] } };

describe('viewerCan and viewer.allowedOperations', () => {
  let api: InProcessApi;
  let brandA: string;
  let brandB: string;
  let tenantA: { id: string; globalId: string };
  let webrootGlobalId: string;

  beforeAll(async () => {
    api = await InProcessApi.start(getPlatform().databaseUrl);
    const a = await seedBrandAndShard(api.db);
    const b = await seedBrandAndShard(api.db);
    brandA = a.brand.id;
    brandB = b.brand.id;
    const tenant = await api.db.tenant.create({
      data: { brandId: brandA, shardId: a.shard.id, name: generateShortName('t_'), status: 'ACTIVE' },
    });
    tenantA = { id: tenant.id, globalId: toGlobalId('Tenant', tenant.id) };
    const webroot = await api.db.webroot.create({
      data: {
        name: generateShortName('web_'),
        tenantId: tenant.id,
        runtime: 'STATIC',
        runtimeVersion: '',
        status: 'ACTIVE',
        lastOperation: 'UPDATE',
      },
    });
    webrootGlobalId = toGlobalId('Webroot', webroot.id);
    // The webroot's history: created, active, then an update whose workflow is halfway.
    const owner = { brandId: brandA, tenantId: tenant.id, resourceType: 'Webroot', resourceId: webroot.id };
    const events = [
      { kind: 'CREATED' as const, status: 'PENDING' as const },
      { kind: 'STEP' as const, step: 'webroot configured', stepState: 'SUCCEEDED' },
      { kind: 'STATUS' as const, status: 'ACTIVE' as const },
      { kind: 'STATUS' as const, status: 'PENDING' as const },
      { kind: 'STEP' as const, step: 'nginx reloaded', stepState: 'STARTED' },
      { kind: 'STEP' as const, step: 'nginx reloaded', stepState: 'SUCCEEDED' },
    ];
    for (const event of events) await api.db.event.create({ data: { ...owner, ...event } });
  });
  afterAll(async () => api?.close());

  const run = async (viewer: Awaited<ReturnType<InProcessApi['viewer']>>, query: string, id?: string) =>
    api.run(viewer, query, id ? { id } : {});

  it('names every root field of the schema, and nothing else', async () => {
    const viewer = await api.viewer(['*'], ['*']);
    const result = await run(viewer, getIntrospectionQuery());
    type Schema = { __schema: { types: { name: string; fields: { name: string }[] | null }[] } };
    const roots = (result.data as Schema).__schema.types
      .filter((type) => ['Query', 'Mutation', 'Subscription'].includes(type.name))
      .flatMap((type) => type.fields!.map((field) => field.name));
    expect(Object.keys(OPERATION_RULES).sort()).toEqual(roots.sort());
  });

  it('lets an admin do everything its types have, and list every root field', async () => {
    const admin = await api.viewer(['*'], ['*']);
    const result = await run(admin, TENANT, tenantA.globalId);
    expect(result.errors).toBeUndefined();
    const { tenant } = result.data as TenantAnswer;
    expect(tenant.viewerCan).toEqual({
      ...none,
      update: true,
      delete: true,
      retry: true,
      suspend: true,
      unsuspend: true,
    });
    expect(tenant.webroots[0]!.viewerCan).toEqual({ ...none, update: true, delete: true, retry: true });
    const allowed = ((await run(admin, ALLOWED)).data as { viewer: { allowedOperations: string[] } }).viewer;
    expect(allowed.allowedOperations).toEqual(Object.keys(OPERATION_RULES).sort());
  });

  it('answers all false to a read-only key, whose operations are only queries', async () => {
    const reader = await api.viewer(['tenants:read', 'webroots:read'], ['*']);
    const { tenant } = (await run(reader, TENANT, tenantA.globalId)).data as TenantAnswer;
    expect(tenant.viewerCan).toEqual(none);
    expect(tenant.webroots[0]!.viewerCan).toEqual(none);
    const { allowedOperations } = ((await run(reader, ALLOWED)).data as { viewer: { allowedOperations: string[] } })
      .viewer;
    expect(allowedOperations).toEqual(expect.arrayContaining(['tenants', 'tenant', 'webroots', 'viewer', 'node']));
    expect(
      allowedOperations.filter((op) => /^(create|update|delete|retry|suspend|unsuspend|migrate)/.test(op)),
    ).toEqual([]);
    // The API agrees: the mutation viewerCan denies is refused.
    const refused = await api.run(
      reader,
      'mutation($id: ID!) { retryTenant(input: { id: $id }) { userErrors { code } } }',
      {
        id: tenantA.globalId,
      },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('lets a tenant-bound key manage its resources but not its own lifecycle', async () => {
    const own = await api.viewer(['tenants:*', 'webroots:*'], [brandA], tenantA.id);
    const { tenant } = (await run(own, TENANT, tenantA.globalId)).data as TenantAnswer;
    expect(tenant.viewerCan).toEqual({ ...none, update: true });
    expect(tenant.webroots[0]!.viewerCan).toEqual({ ...none, update: true, delete: true, retry: true });
    const { allowedOperations } = ((await run(own, ALLOWED)).data as { viewer: { allowedOperations: string[] } })
      .viewer;
    expect(allowedOperations).toEqual(expect.arrayContaining(['createWebroot', 'updateTenant', 'deleteWebroot']));
    expect(allowedOperations).not.toContain('createTenant');
    expect(allowedOperations).not.toContain('suspendTenant');
    expect(allowedOperations).not.toContain('createBrand');
    // The API agrees on both sides: suspend is refused, a label change goes through.
    const suspend = await api.run(
      own,
      'mutation($id: ID!) { suspendTenant(input: { id: $id, reason: "x" }) { userErrors { code } } }',
      { id: tenantA.globalId },
    );
    expect(suspend.data).toEqual({ suspendTenant: { userErrors: [{ code: 'FORBIDDEN' }] } });
    const label = await api.run(
      own,
      'mutation($id: ID!) { updateTenant(input: { id: $id, displayName: "mine" }) { userErrors { code } } }',
      { id: tenantA.globalId },
    );
    expect(label.data).toEqual({ updateTenant: { userErrors: [] } });
  });

  it('is refused by the API for every mutation the table denies: no scopes, a brand key, a tenant-bound key', async () => {
    const schema = await buildHostplaneSchema();
    const mutations = Object.values(schema.getMutationType()!.getFields());
    const keys = [
      await api.viewer([], ['*']),
      await api.viewer(['*'], [brandB]),
      await api.viewer(['*'], [brandA], tenantA.id),
    ];
    let checked = 0;
    for (const key of keys) {
      for (const field of mutations.filter((m) => !mayCall(key, m.name))) {
        const args = field.args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
        const pass = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
        const payload = getNamedType(field.type);
        const selection =
          isObjectType(payload) && payload.getFields().userErrors ? 'userErrors { code }' : '__typename';
        const variables = Object.fromEntries(
          field.args.map((arg) => [arg.name, placeholder(arg.type, tenantA.globalId)]),
        );
        const result = await api.run(key, `mutation(${args}) { ${field.name}(${pass}) { ${selection} } }`, variables);
        const thrown = result.errors?.[0]?.extensions?.code;
        const refused = (result.data?.[field.name] as { userErrors?: { code: string }[] } | undefined)?.userErrors;
        // A retry reads the status first: an ACTIVE tenant is INVALID_STATE before the binding is asked.
        const codes = field.name === 'retryTenant' && key.tenantId ? ['FORBIDDEN', 'INVALID_STATE'] : ['FORBIDDEN'];
        expect(codes, `${field.name} for ${key.scopes.join(',')} ${key.tenantId ?? ''}`).toContain(
          thrown ?? refused?.[0]?.code,
        );
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(mutations.length); // every mutation for the scopeless key, and more
  });

  it('shows a foreign brand’s key nothing to ask viewerCan about', async () => {
    const foreign = await api.viewer(['*'], [brandB]);
    const byId = await run(foreign, TENANT, tenantA.globalId);
    expect(byId.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const byNode = await run(foreign, NODE, webrootGlobalId);
    expect(byNode.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // Its own brand it may still change, but brands are created by platform administrators only.
    const { allowedOperations } = ((await run(foreign, ALLOWED)).data as { viewer: { allowedOperations: string[] } })
      .viewer;
    expect(allowedOperations).toContain('updateBrand');
    expect(allowedOperations).not.toContain('createBrand');
    // Even a record handed to it directly is out of its reach.
    expect(foreign.permissionsOn('Tenant', { brandId: brandA, tenantId: tenantA.id })).toEqual(none);
    expect(foreign.permissionsOn('Tenant', { brandId: brandB, tenantId: tenantA.id }).suspend).toBe(true);
  });

  it('exposes the last operation and only its steps through the interface', async () => {
    const admin = await api.viewer(['*'], ['*']);
    const query = `query N($id: ID!) { node(id: $id) { ... on AsyncResource {
      status lastOperation { name steps { step stepState } events { kind status } } } } }`;
    const result = await run(admin, query, webrootGlobalId);
    expect(result.errors).toBeUndefined();
    expect((result.data as { node: unknown }).node).toEqual({
      status: 'ACTIVE',
      lastOperation: {
        name: 'UPDATE',
        steps: [
          { step: 'nginx reloaded', stepState: 'STARTED' },
          { step: 'nginx reloaded', stepState: 'SUCCEEDED' },
        ],
        events: [
          { kind: 'STATUS', status: 'PENDING' },
          { kind: 'STEP', status: null },
          { kind: 'STEP', status: null },
        ],
      },
    });
  });
});
