import {
  AuditOutcome,
  encodeCursor,
  pageRequest,
  type AuditLogsArgs,
  type AuditPort,
  type Viewer,
} from '@hostplane/schema';
import { idOrNil } from '../common/ids.js';
import type { ServiceDeps } from '../services.js';

/** Audit entries a viewer may read: everything for a platform admin, else its brands' and its own. */
function visibleWhere(viewer: Viewer): Record<string, unknown> {
  const brands = viewer.brandFilter();
  if (viewer.tenantId) return { apiKeyId: viewer.apiKeyId };
  if (!brands) return {};
  return { OR: [{ brandId: { in: brands } }, { apiKeyId: viewer.apiKeyId }] };
}

export class AuditService implements AuditPort {
  constructor(private readonly deps: ServiceDeps) {}

  /** Newest first; the sequential id is the keyset, so paging is stable while entries arrive. */
  async list(viewer: Viewer, args: AuditLogsArgs) {
    viewer.require('audit_logs:read');
    const page = pageRequest(args);
    const f = args.filter ?? {};
    const where = {
      AND: [
        visibleWhere(viewer),
        f.operation ? { operation: f.operation } : {},
        f.apiKeyId ? { apiKeyId: idOrNil('ApiKey', f.apiKeyId) } : {},
        f.outcome ? { outcome: f.outcome } : {},
        f.since ? { at: { gte: f.since } } : {},
        f.until ? { at: { lt: f.until } } : {},
      ],
    };
    const after = page.after && /^\d{1,19}$/.test(page.after.key) ? { id: { lt: BigInt(page.after.key) } } : {};
    const [rows, totalCount] = await Promise.all([
      this.deps.db.auditLog.findMany({ where: { AND: [where, after] }, orderBy: { id: 'desc' }, take: page.limit + 1 }),
      this.deps.db.auditLog.count({ where }),
    ]);
    const edges = rows.slice(0, page.limit).map((node) => ({
      cursor: encodeCursor(node.id.toString(), node.id.toString()),
      node: { ...node, outcome: node.outcome as AuditOutcome, input: node.input as Record<string, unknown> },
    }));
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > page.limit, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount,
    };
  }
}
