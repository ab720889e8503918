// The webroot a new child resource (an FQDN, a daemon) is created under, checked once for all of them.
import { decodeIdOf, UserErrorCode, type Viewer } from '@hostplane/schema';
import { refusal } from '../common/refuse.js';
import type { Db } from '../db/index.js';
import { isGone } from '../resources/gone.js';
import { tenantUnusable } from './tenant-usable.js';
import { visibleWebrootsWhere, withOwner } from './webroot-records.js';

/**
 * The webroot behind `globalId` with its owner, when the viewer may see it, it is not being
 * deleted and its tenant may take new resources; otherwise the userError at `webrootId`
 * (NOT_FOUND, or INVALID_STATE naming the webroot's or the tenant's status).
 */
export async function resolveWebrootOwner(db: Db, viewer: Viewer, globalId: string) {
  const id = decodeIdOf('Webroot', globalId);
  const webroot = id
    ? await db.webroot.findFirst({ where: { id, ...visibleWebrootsWhere(viewer) }, include: withOwner })
    : null;
  if (!webroot) return refusal('webrootId', 'Webroot not found.', UserErrorCode.NOT_FOUND);
  if (isGone(webroot.status)) {
    return refusal('webrootId', `Webroot ${webroot.name} is ${webroot.status}.`, UserErrorCode.INVALID_STATE);
  }
  const unusable = tenantUnusable('webrootId', webroot.tenant);
  return unusable ? { userErrors: [unusable] } : { webroot };
}
