import type { UserError } from '../common/user-error.js';
import type { Viewer } from '../common/viewer.js';
import type { TypedRecord } from '../common/node.js';
import type { DashboardStats, PlatformConfig, UpdatePlatformConfigInput } from './platform.type.js';

export interface PlatformPort {
  config(viewer: Viewer): Promise<PlatformConfig>;
  updateConfig(
    viewer: Viewer,
    input: UpdatePlatformConfigInput,
  ): Promise<{ platformConfig: PlatformConfig | null; userErrors: UserError[] }>;
  dashboard(viewer: Viewer): Promise<DashboardStats>;
  /** Substring search over every resource type the viewer may read, brand-filtered. */
  search(viewer: Viewer, query: string, first: number): Promise<TypedRecord[]>;
  /** Fetches any object by global id; null when missing, malformed or not visible. */
  node(viewer: Viewer, globalId: string): Promise<TypedRecord | null>;
}
