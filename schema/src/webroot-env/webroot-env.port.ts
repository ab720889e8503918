import type { Viewer } from '../common/viewer.js';
import type { WebrootMutationResult } from '../webroots/webroot.port.js';
import type { WebrootRecord } from '../webroots/webroot.type.js';
import type { DeleteWebrootEnvVarInput, SetWebrootEnvInput } from './webroot-env.input.js';
import type { WebrootEnvVarRecord } from './webroot-env.type.js';

/** A webroot's environment (`webroots:read|write`); implemented by `server`, every method authorizes. */
export interface WebrootEnvPort {
  /** The variables of a webroot the viewer may see, by name; secrets without their value. */
  ofWebroot(viewer: Viewer, webroot: WebrootRecord): Promise<WebrootEnvVarRecord[]>;
  /** Sets and removes in one go; the webroot's UPDATE then rolls the environment out (async). */
  set(viewer: Viewer, input: SetWebrootEnvInput): Promise<WebrootMutationResult>;
  remove(viewer: Viewer, input: DeleteWebrootEnvVarInput): Promise<WebrootMutationResult>;
}
