import fp from 'fastify-plugin';
import type { FastifyError, FastifyInstance } from 'fastify';
import { ERRORS, type ErrorBody, type ErrorCode } from '../contracts/error-codes.js';
import { isDomainError } from '../domain/shared/errors.js';

export function errorBody(code: ErrorCode, details?: Record<string, unknown>): ErrorBody {
  const e = ERRORS[code];
  return { error: { code, message: { vi: e.vi, en: e.en }, ...(details ? { details } : {}) } };
}

/**
 * One error handler: domain errors keep their stable code; schema failures become
 * VALIDATION_FAILED with the offending fields; anything unexpected is logged and hidden (500).
 */
export const errorsPlugin = fp(async function errors(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (isDomainError(err)) {
      return reply.status(ERRORS[err.code].status).send(errorBody(err.code, err.details));
    }
    if (err.validation) {
      const fields = err.validation.map((v) => ({ field: `${err.validationContext ?? ''}${v.instancePath || ''}`, problem: v.message ?? v.keyword }));
      return reply.status(400).send(errorBody('VALIDATION_FAILED', { fields }));
    }
    const dbConflict = dbConstraint(err);
    if (dbConflict) return reply.status(409).send(errorBody('CONFLICT', { constraint: dbConflict }));
    if (err.statusCode === 429) return reply.status(429).send(errorBody('RATE_LIMITED'));
    if (err.code === 'FST_REQ_FILE_TOO_LARGE' || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413) {
      return reply.status(413).send(errorBody('UPLOAD_TOO_LARGE'));
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.statusCode === 415) return reply.status(415).send(errorBody('UNSUPPORTED_FILE_TYPE'));
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(400).send(errorBody('VALIDATION_FAILED', { reason: err.message }));
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send(errorBody('INTERNAL'));
  });
  app.setNotFoundHandler((req, reply) => reply.status(404).send(errorBody('NOT_FOUND', { path: req.url.split('?')[0] })));
}, { name: 'phonghoc-errors' });

/**
 * A unique or foreign-key violation from either database (SQLite's SQLITE_CONSTRAINT_*, PostgreSQL's
 * 23505/23503) is the caller's conflict, not a server fault. The transaction has rolled back.
 */
function dbConstraint(err: { code?: string }): 'unique' | 'reference' | undefined {
  const code = String(err.code ?? '');
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505') return 'unique';
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503') return 'reference';
  return undefined;
}
