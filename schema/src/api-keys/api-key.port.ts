import type { ConnectionResult, PageArgs } from '../common/connection.js';
import type { UserError } from '../common/user-error.js';
import type { Viewer } from '../common/viewer.js';
import type { CreateApiKeyInput } from './api-key.input.js';
import type { ApiKeyRecord } from './api-key.type.js';

export interface ApiKeysPort {
  list(viewer: Viewer, args: PageArgs): Promise<ConnectionResult<ApiKeyRecord>>;
  get(viewer: Viewer, id: string): Promise<ApiKeyRecord | null>;
  create(
    viewer: Viewer,
    input: CreateApiKeyInput,
  ): Promise<{ apiKey: ApiKeyRecord | null; secret: string | null; userErrors: UserError[] }>;
  revoke(viewer: Viewer, id: string): Promise<{ apiKey: ApiKeyRecord | null; userErrors: UserError[] }>;
}
