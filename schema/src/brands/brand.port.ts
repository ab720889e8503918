import type { ConnectionResult, PageArgs } from '../common/connection.js';
import type { UserError } from '../common/user-error.js';
import type { Viewer } from '../common/viewer.js';
import type { CreateBrandInput, UpdateBrandInput } from './brand.input.js';
import type { BrandRecord } from './brand.type.js';

export interface BrandMutationResult {
  brand: BrandRecord | null;
  userErrors: UserError[];
}

export interface BrandsPort {
  list(viewer: Viewer, args: PageArgs): Promise<ConnectionResult<BrandRecord>>;
  get(viewer: Viewer, id: string): Promise<BrandRecord | null>;
  /** Batched load by raw id for nested fields; FORBIDDEN outside the viewer's brands. */
  load(viewer: Viewer, brandId: string): Promise<BrandRecord>;
  create(viewer: Viewer, input: CreateBrandInput): Promise<BrandMutationResult>;
  update(viewer: Viewer, input: UpdateBrandInput): Promise<BrandMutationResult>;
  delete(viewer: Viewer, id: string): Promise<BrandMutationResult>;
}
