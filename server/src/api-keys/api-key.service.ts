import {
  decodeIdOf,
  SCOPES,
  userError,
  UserErrorCode,
  type ApiKeyRecord,
  type ApiKeysPort,
  type CreateApiKeyInput,
  type PageArgs,
  type UserError,
  type Viewer,
} from '@hostplane/schema';
import { generateApiKeySecret } from '../auth/api-key-secret.js';
import { API_KEY_REVOKED_CHANNEL } from '../events/channel.js';
import { byCreatedAt, keysetPage } from '../common/keyset.js';
import type { ServiceDeps } from '../services.js';

const VALID_SCOPES = new Set<string>([...SCOPES, '*', ...SCOPES.map((s) => `${s.split(':')[0]}:*`)]);

/** Keys visible to the viewer: a platform admin sees all; others only keys confined to their brands. */
function visibleKeysWhere(viewer: Viewer): Record<string, unknown> {
  const brands = viewer.brandFilter();
  return {
    ...(brands ? { brandIds: { hasSome: brands }, NOT: { brandIds: { has: '*' } } } : {}),
    ...(viewer.tenantId ? { tenantId: viewer.tenantId } : {}),
  };
}

function isVisible(viewer: Viewer, key: ApiKeyRecord): boolean {
  if (viewer.tenantId && key.tenantId !== viewer.tenantId) return false;
  return key.brandIds.every((b) => viewer.canAccessBrand(b));
}

export class ApiKeyService implements ApiKeysPort {
  constructor(private readonly deps: ServiceDeps) {}

  async list(viewer: Viewer, args: PageArgs) {
    viewer.require('api_keys:read');
    const page = await keysetPage<ApiKeyRecord>({
      args,
      where: visibleKeysWhere(viewer),
      ...byCreatedAt,
      findMany: (q) => this.deps.db.apiKey.findMany({ ...q, omit: { secretHash: true } }),
      count: (q) => this.deps.db.apiKey.count(q),
    });
    // A brand key must not see keys that also span other brands: filter exactly, after the page.
    return { ...page, edges: page.edges.filter((e) => isVisible(viewer, e.node)) };
  }

  async get(viewer: Viewer, globalId: string) {
    viewer.require('api_keys:read');
    const id = decodeIdOf('ApiKey', globalId);
    const key = id ? await this.deps.db.apiKey.findUnique({ where: { id }, omit: { secretHash: true } }) : null;
    return key && isVisible(viewer, key) ? key : null;
  }

  async create(viewer: Viewer, input: CreateApiKeyInput) {
    viewer.require('api_keys:write');
    const errors = await this.validate(viewer, input);
    if (errors.length) return { apiKey: null, secret: null, userErrors: errors };
    const brandIds = input.brandIds.map((b) => (b === '*' ? '*' : decodeIdOf('Brand', b)!));
    const tenantId = input.tenantId ? decodeIdOf('Tenant', input.tenantId) : null;
    const secret = generateApiKeySecret();
    const row = await this.deps.db.apiKey.create({
      data: {
        name: input.name.trim(),
        scopes: [...new Set(input.scopes)],
        brandIds: [...new Set(brandIds)],
        tenantId,
        prefix: secret.prefix,
        secretHash: secret.secretHash,
      },
      omit: { secretHash: true },
    });
    return { apiKey: row, secret: secret.plaintext, userErrors: [] };
  }

  async revoke(viewer: Viewer, globalId: string) {
    viewer.require('api_keys:write');
    const key = await this.get(viewer, globalId);
    if (!key) return { apiKey: null, userErrors: [userError('id', 'API key not found.', UserErrorCode.NOT_FOUND)] };
    // The NOTIFY commits with the revocation: every API process then closes the key's open sockets.
    const row = await this.deps.db.$transaction(async (tx) => {
      const revoked = await tx.apiKey.update({
        where: { id: key.id },
        data: { revokedAt: key.revokedAt ?? new Date() },
        omit: { secretHash: true },
      });
      await tx.$executeRaw`SELECT pg_notify(${API_KEY_REVOKED_CHANNEL}, ${key.id})`;
      return revoked;
    });
    return { apiKey: row, userErrors: [] };
  }

  /** A new key never exceeds its creator: scopes, brands and tenant binding are all bounded. */
  private async validate(viewer: Viewer, input: CreateApiKeyInput): Promise<UserError[]> {
    const errors: UserError[] = [];
    const name = input.name.trim();
    if (!name || name.length > 100) errors.push(userError('name', 'name must be 1 to 100 characters.'));
    if (!input.scopes.length) errors.push(userError('scopes', 'Give at least one scope.', UserErrorCode.REQUIRED));
    for (const scope of input.scopes) {
      if (!VALID_SCOPES.has(scope)) errors.push(userError('scopes', `Unknown scope ${scope}.`));
      else if (!(scope === '*' ? viewer.can('*') && viewer.scopes.includes('*') : viewer.can(scope))) {
        errors.push(
          userError('scopes', `You cannot grant ${scope}: your key does not hold it.`, UserErrorCode.FORBIDDEN),
        );
      }
    }
    if (!input.brandIds.length)
      errors.push(userError('brandIds', 'Give at least one brand or *.', UserErrorCode.REQUIRED));
    for (const brand of input.brandIds) {
      if (brand === '*') {
        if (!viewer.brandIds.includes('*'))
          errors.push(userError('brandIds', 'Only a platform key can grant *.', UserErrorCode.FORBIDDEN));
        continue;
      }
      const id = decodeIdOf('Brand', brand);
      const exists = id && viewer.canAccessBrand(id) && (await this.deps.db.brand.findUnique({ where: { id } }));
      if (!exists) errors.push(userError('brandIds', `Brand ${brand} not found.`, UserErrorCode.NOT_FOUND));
    }
    if (input.tenantId || viewer.tenantId) {
      const id = input.tenantId ? decodeIdOf('Tenant', input.tenantId) : null;
      const tenant = id ? await this.deps.db.tenant.findUnique({ where: { id } }) : null;
      const allowed =
        tenant && viewer.canAccessBrand(tenant.brandId) && (!viewer.tenantId || viewer.tenantId === tenant.id);
      if (!allowed) {
        errors.push(
          userError(
            'tenantId',
            viewer.tenantId && !input.tenantId
              ? 'A tenant key can only create keys for its tenant.'
              : 'Tenant not found.',
            UserErrorCode.NOT_FOUND,
          ),
        );
      } else if (!input.brandIds.every((b) => b !== '*' && decodeIdOf('Brand', b) === tenant.brandId)) {
        errors.push(userError('brandIds', 'A tenant-bound key must be limited to the tenant’s brand.'));
      }
    }
    return errors;
  }
}
