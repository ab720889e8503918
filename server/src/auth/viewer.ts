import { forbidden, type ResourceOwner, type ResourcePermissionsRecord, type Viewer } from '@hostplane/schema';
import { allowedOperations, mayCall, permissionsOn } from './permissions.js';

interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  brandIds: string[];
  tenantId: string | null;
}

/** The caller, as its API key defines it. */
export class ApiKeyViewer implements Viewer {
  readonly apiKeyId: string;
  readonly name: string;
  readonly prefix: string;
  readonly scopes: readonly string[];
  readonly brandIds: readonly string[];
  readonly tenantId: string | null;
  readonly isPlatformAdmin: boolean;

  constructor(row: ApiKeyRow) {
    this.apiKeyId = row.id;
    this.name = row.name;
    this.prefix = row.prefix;
    this.scopes = row.scopes;
    this.brandIds = row.brandIds;
    this.tenantId = row.tenantId;
    this.isPlatformAdmin = row.brandIds.includes('*') && row.tenantId === null;
  }

  can(scope: string): boolean {
    const resource = scope.split(':')[0];
    return this.scopes.some((s) => s === '*' || s === scope || s === `${resource}:*`);
  }

  require(scope: string): void {
    if (!this.can(scope)) throw forbidden(`an operation that needs the scope ${scope}`);
  }

  canAccessBrand(brandId: string): boolean {
    return this.brandIds.includes('*') || this.brandIds.includes(brandId);
  }

  brandFilter(): string[] | null {
    return this.brandIds.includes('*') ? null : [...this.brandIds];
  }

  mayCall(operation: string): boolean {
    return mayCall(this, operation);
  }

  allowedOperations(): string[] {
    return allowedOperations(this);
  }

  permissionsOn(type: string, owner: ResourceOwner): ResourcePermissionsRecord {
    return permissionsOn(this, type, owner);
  }
}
