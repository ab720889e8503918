// Every answer on every path is GraphQL JSON (GraphQL over HTTP): what Express and its body parser
// would answer with an HTML page (stack trace and server paths included) gets a `{ errors }` body,
// its status, and a stable code. Client mistakes keep their 4xx; anything else is INTERNAL with an
// id, its details only in the log.
import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logger.js';

function answer(status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
  return { status, body: { errors: [{ message, extensions: { code, ...extra } }] } };
}

/** Messages for the body parser's errors (`type` from raw-body / body-parser), by type. */
const BODY_ERRORS: Record<string, string> = {
  'entity.too.large': 'The request body is larger than the API accepts.',
  'entity.parse.failed': 'The request body is not valid JSON.',
  'encoding.unsupported': 'The request body has an unsupported encoding.',
  'charset.unsupported': 'The request body has an unsupported charset.',
  'request.aborted': 'The request was aborted.',
  'request.size.invalid': 'The request body is shorter or longer than its Content-Length.',
  'stream.encoding.set': 'The request body could not be read.',
};

/** The last error handler: an error thrown anywhere in Express becomes a JSON GraphQL error. */
export function jsonErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) return next(error);
    const { status: raw, type } = (error ?? {}) as { status?: unknown; type?: unknown };
    const status = typeof raw === 'number' && raw >= 400 && raw < 500 ? raw : 500;
    let reply;
    if (status < 500) {
      const message = (typeof type === 'string' && BODY_ERRORS[type]) || 'The request is malformed.';
      reply = answer(status, status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST', message);
    } else {
      const errorId = randomUUID();
      logger.error({ err: error, errorId }, 'internal error outside GraphQL');
      reply = answer(500, 'INTERNAL', `Internal error (id ${errorId}).`, { errorId });
    }
    res.status(reply.status).type('application/json').send(JSON.stringify(reply.body));
  };
}

/** POSTs to the GraphQL path must be JSON; anything else would reach Apollo without a body. */
export const requireJsonPost: RequestHandler = (req, res, next) => {
  if (req.method !== 'POST' || req.is('application/json')) return next();
  const reply = answer(415, 'BAD_REQUEST', 'Send the request as application/json.');
  res.status(reply.status).type('application/json').send(JSON.stringify(reply.body));
};

/** Any path the API does not serve. */
export const notFound: RequestHandler = (_req, res) => {
  const reply = answer(404, 'NOT_FOUND', 'Nothing is served here; GraphQL is at /graphql.');
  res.status(reply.status).type('application/json').send(JSON.stringify(reply.body));
};
