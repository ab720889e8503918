import {
  decodeIdOf,
  forbidden,
  userError,
  UserErrorCode,
  type BrandMutationResult,
  type BrandRecord,
  type BrandsPort,
  type CreateBrandInput,
  type PageArgs,
  type UpdateBrandInput,
  type UserError,
  type Viewer,
} from '@hostplane/schema';
import { Prisma } from '../db/index.js';
import { byCreatedAt, keysetPage } from '../common/keyset.js';
import { isEmail, isHostname, isSlug } from '../common/validation.js';
import type { Loaders } from '../loaders.js';
import type { ServiceDeps } from '../services.js';
import { refuse } from '../common/refuse.js';
import { reservedSuffixProblems } from '../webroots/hostname-claims.js';

function validateBrandFields(input: { [K in keyof CreateBrandInput]?: CreateBrandInput[K] | null }): UserError[] {
  const errors: UserError[] = [];
  if (input.name != null && !isSlug(input.name)) {
    errors.push(userError('name', 'name must be 2 to 40 lowercase letters, digits and dashes.'));
  }
  if (input.baseHostname != null && !isHostname(input.baseHostname)) {
    errors.push(userError('baseHostname', 'baseHostname must be a valid lowercase hostname.'));
  }
  if (input.nsHostnames != null) {
    if (input.nsHostnames.length < 2 || input.nsHostnames.length > 8) {
      errors.push(userError('nsHostnames', 'Give 2 to 8 name servers.'));
    } else if (!input.nsHostnames.every(isHostname)) {
      errors.push(userError('nsHostnames', 'Every name server must be a valid lowercase hostname.'));
    }
  }
  if (input.hostmasterEmail != null && !isEmail(input.hostmasterEmail)) {
    errors.push(userError('hostmasterEmail', 'hostmasterEmail must be an e-mail address.'));
  }
  return errors;
}

/** Lowercase, without trailing dots, each once; null when the input leaves the list alone. */
function normalizedSuffixes(list: string[] | null | undefined): string[] | null {
  if (list == null) return null;
  return [...new Set(list.map((s) => s.trim().toLowerCase().replace(/\.$/, '')))];
}

export class BrandService implements BrandsPort {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly loaders: Loaders,
  ) {}

  list(viewer: Viewer, args: PageArgs) {
    viewer.require('brands:read');
    const brands = viewer.brandFilter();
    return keysetPage<BrandRecord>({
      args,
      where: brands ? { id: { in: brands } } : {},
      ...byCreatedAt,
      findMany: (q) => this.deps.db.brand.findMany(q),
      count: (q) => this.deps.db.brand.count(q),
    });
  }

  async get(viewer: Viewer, globalId: string) {
    viewer.require('brands:read');
    const id = decodeIdOf('Brand', globalId);
    if (!id || !viewer.canAccessBrand(id)) return null;
    return this.loaders.brandById.load(id);
  }

  async load(viewer: Viewer, brandId: string): Promise<BrandRecord> {
    if (!viewer.canAccessBrand(brandId)) throw forbidden('reading this brand');
    const brand = await this.loaders.brandById.load(brandId);
    if (!brand) throw new Error(`brand ${brandId} vanished`);
    return brand;
  }

  async create(viewer: Viewer, input: CreateBrandInput): Promise<BrandMutationResult> {
    viewer.require('brands:write');
    if (!viewer.isPlatformAdmin) throw forbidden('creating brands (platform administrators only)');
    const suffixes = normalizedSuffixes(input.reservedHostnameSuffixes);
    const errors = [
      ...validateBrandFields(input),
      ...(await reservedSuffixProblems(this.deps.db, null, suffixes ?? [], isHostname)),
    ];
    if (errors.length) return { brand: null, userErrors: errors };
    try {
      const brand = await this.deps.db.brand.create({
        data: { ...input, reservedHostnameSuffixes: suffixes ?? [] },
      });
      return { brand, userErrors: [] };
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        return refuse('brand', 'name', `A brand named ${input.name} already exists.`, UserErrorCode.TAKEN);
      }
      throw error;
    }
  }

  async update(viewer: Viewer, input: UpdateBrandInput): Promise<BrandMutationResult> {
    viewer.require('brands:write');
    // A brand's hostnames are every tenant's: a tenant's key never changes them, whatever its scopes.
    if (viewer.tenantId !== null) throw forbidden('changing brands (tenant-bound keys never do)');
    const id = decodeIdOf('Brand', input.id);
    if (!id || !viewer.canAccessBrand(id) || !(await this.loaders.brandById.load(id))) {
      return refuse('brand', 'id', 'Brand not found.', UserErrorCode.NOT_FOUND);
    }
    const suffixes = normalizedSuffixes(input.reservedHostnameSuffixes);
    // Reserving a name takes it from every other brand: the operator's decision, not a reseller's.
    if (suffixes && !viewer.isPlatformAdmin) throw forbidden('reserving host names (platform administrators only)');
    const errors = [
      ...validateBrandFields(input),
      ...(suffixes ? await reservedSuffixProblems(this.deps.db, id, suffixes, isHostname) : []),
    ];
    if (errors.length) return { brand: null, userErrors: errors };
    const brand = await this.deps.db.brand.update({
      where: { id },
      data: {
        ...(input.baseHostname != null ? { baseHostname: input.baseHostname } : {}),
        ...(input.nsHostnames != null ? { nsHostnames: input.nsHostnames } : {}),
        ...(input.hostmasterEmail != null ? { hostmasterEmail: input.hostmasterEmail } : {}),
        ...(suffixes ? { reservedHostnameSuffixes: suffixes } : {}),
      },
    });
    return { brand, userErrors: [] };
  }

  async delete(viewer: Viewer, globalId: string): Promise<BrandMutationResult> {
    viewer.require('brands:write');
    if (!viewer.isPlatformAdmin) throw forbidden('deleting brands (platform administrators only)');
    const id = decodeIdOf('Brand', globalId);
    const brand = id ? await this.deps.db.brand.findUnique({ where: { id } }) : null;
    if (!brand) return refuse('brand', 'id', 'Brand not found.', UserErrorCode.NOT_FOUND);
    const tenants = await this.deps.db.tenant.count({ where: { brandId: brand.id, status: { not: 'DELETED' } } });
    if (tenants > 0) {
      return refuse('brand', 'id', `Brand ${brand.name} still has ${tenants} tenant(s).`, UserErrorCode.INVALID_STATE);
    }
    // Its own DNS zones are served until deleted (deleteDnsZone), like a tenant's things.
    const zones = await this.deps.db.dnsZone.count({ where: { brandId: brand.id, status: { not: 'DELETED' } } });
    if (zones > 0) {
      return refuse('brand', 'id', `Brand ${brand.name} still has ${zones} DNS zone(s).`, UserErrorCode.INVALID_STATE);
    }
    // Every tenant left is DELETED, and so is everything it owned; those rows keep their foreign
    // keys (onDelete: Restrict), so they go first, children before parents.
    const ofBrand = { tenant: { brandId: brand.id } };
    const db = this.deps.db;
    await db.$transaction([
      db.cronJob.deleteMany({ where: ofBrand }), // its runs go with it (cascade)
      db.daemon.deleteMany({ where: ofBrand }),
      db.sshKey.deleteMany({ where: ofBrand }),
      db.egressRule.deleteMany({ where: ofBrand }),
      db.fqdn.deleteMany({ where: { webroot: ofBrand } }),
      db.webroot.deleteMany({ where: ofBrand }),
      db.databaseAccessRule.deleteMany({ where: { database: ofBrand } }),
      db.databaseUser.deleteMany({ where: { database: ofBrand } }),
      db.database.deleteMany({ where: ofBrand }),
      db.valkeyUser.deleteMany({ where: { instance: ofBrand } }),
      db.valkeyInstance.deleteMany({ where: ofBrand }),
      // Mail before the zones its domains live in.
      db.mailAlias.deleteMany({ where: ofBrand }),
      db.mailbox.deleteMany({ where: ofBrand }),
      db.mailDomain.deleteMany({ where: ofBrand }),
      // DNS zones and records: the brand's own (all DELETED, checked above) and its deleted tenants'.
      db.dnsRecord.deleteMany({ where: { OR: [{ brandId: brand.id }, ofBrand] } }),
      db.dnsZone.deleteMany({ where: { OR: [{ brandId: brand.id }, ofBrand] } }),
      db.tenant.deleteMany({ where: { brandId: brand.id } }),
      db.brand.delete({ where: { id: brand.id } }),
    ]);
    return { brand: null, userErrors: [] };
  }
}
