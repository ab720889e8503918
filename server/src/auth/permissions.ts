// The answers of `viewer.allowedOperations` and `viewerCan`, from the rule table (./operations.ts).
import type { ResourceOwner, ResourcePermissionsRecord } from '@hostplane/schema';
import { OPERATION_RULES, RESOURCE_MUTATIONS } from './operations.js';

/** The parts of a key the rules read. */
export interface KeyBinding {
  readonly tenantId: string | null;
  readonly isPlatformAdmin: boolean;
  can(scope: string): boolean;
  canAccessBrand(brandId: string): boolean;
}

/** May `key` call root field `operation` (for at least some target)? */
export function mayCall(key: KeyBinding, operation: string): boolean {
  const rule = OPERATION_RULES[operation];
  if (!rule) return false;
  if (rule.scope && !key.can(rule.scope)) return false;
  if (rule.binding === 'platformAdmin') return key.isPlatformAdmin;
  if (rule.binding === 'notTenantBound') return key.tenantId === null;
  return true;
}

/** Every root field `key` may call, sorted. */
export function allowedOperations(key: KeyBinding): string[] {
  return Object.keys(OPERATION_RULES)
    .filter((operation) => mayCall(key, operation))
    .sort();
}

/** Is the owner within the key's binding (its brands; its tenant, for a tenant-bound key)? */
export function owns(key: KeyBinding, owner: ResourceOwner): boolean {
  return key.canAccessBrand(owner.brandId) && (key.tenantId === null || key.tenantId === owner.tenantId);
}

/** `viewerCan` of an async resource of GraphQL type `type`: all false outside the key's binding. */
export function permissionsOn(key: KeyBinding, type: string, owner: ResourceOwner): ResourcePermissionsRecord {
  const mutations = RESOURCE_MUTATIONS[type] ?? {};
  const inReach = owns(key, owner);
  const may = (action: keyof ResourcePermissionsRecord) => {
    const mutation = mutations[action];
    return inReach && mutation !== undefined && mayCall(key, mutation);
  };
  return {
    update: may('update'),
    delete: may('delete'),
    retry: may('retry'),
    suspend: may('suspend'),
    unsuspend: may('unsuspend'),
    migrate: may('migrate'),
  };
}
