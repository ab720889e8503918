import { GraphQLError } from 'graphql';
import { decodeIdOf, type Context, type MiddlewareFn, type Viewer } from '@hostplane/schema';
import type { Db } from '../db/index.js';
import type { Logger } from '../logger.js';
import { redactSecrets } from './redact.js';

interface Payload {
  userErrors?: { code: string }[];
  [field: string]: unknown;
}

/** The brand a mutation touched: from the record in its payload, else from its input. */
function brandOf(result: Payload | undefined, args: Record<string, unknown>): string | null {
  for (const [field, value] of Object.entries(result ?? {})) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
    const record = value as { brandId?: unknown; id?: unknown };
    if (typeof record.brandId === 'string') return record.brandId;
    if (field === 'brand' && typeof record.id === 'string') return record.id;
  }
  const input = args.input as { brandId?: unknown } | undefined;
  return typeof input?.brandId === 'string' ? decodeIdOf('Brand', input.brandId) : null;
}

/**
 * The brand an entry is filed under (whose administrators read it): the brand touched when the
 * caller may act on it, else the caller's own (its only brand; none when it has several). A
 * refused attempt on another brand is the caller's record, never the target's: filing it there
 * would let any key write into a foreign brand's audit log.
 */
function fileUnder(viewer: Viewer, touched: string | null): string | null {
  if (touched && viewer.canAccessBrand(touched)) return touched;
  const [only, ...others] = viewer.brandIds;
  return only && only !== '*' && others.length === 0 ? only : null;
}

/**
 * Records every mutation (root Mutation fields only): who, what (secrets redacted), how it
 * ended. Written after the resolver, so a failed audit write is logged but never changes the
 * answer the caller already earned.
 */
export function auditMiddleware(db: Db, logger: Logger): MiddlewareFn<Context> {
  return async ({ info, args, context }, next) => {
    if (info.parentType.name !== 'Mutation') return next();
    let outcome: 'SUCCESS' | 'USER_ERROR' | 'ERROR' = 'SUCCESS';
    let errorCode: string | null = null;
    let result: Payload | undefined;
    try {
      result = (await next()) as Payload | undefined;
      const first = result?.userErrors?.[0];
      if (first) {
        outcome = 'USER_ERROR';
        errorCode = first.code;
      }
      return result;
    } catch (error) {
      outcome = 'ERROR';
      errorCode = error instanceof GraphQLError ? String(error.extensions.code ?? 'INTERNAL') : 'INTERNAL';
      throw error;
    } finally {
      await db.auditLog
        .create({
          data: {
            apiKeyId: context.viewer.apiKeyId,
            operation: info.fieldName,
            input: JSON.parse(JSON.stringify(redactSecrets(args))) as object,
            outcome,
            errorCode,
            brandId: fileUnder(context.viewer, brandOf(result, args)),
            requestId: context.requestId,
          },
        })
        .catch((error: unknown) => logger.error({ err: error, requestId: context.requestId }, 'audit write failed'));
    }
  };
}
