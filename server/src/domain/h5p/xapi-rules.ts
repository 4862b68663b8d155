import { DomainError } from '../shared/errors.js';
import type { CheckedStatement, H5pResult } from './h5p.types.js';

/**
 * xAPI statements sent by the player (Art. 5.3, 9.2.c: the school follows each student's work).
 * The client is not trusted: the statement's size is capped, the verb must be an IRI, a score
 * must be 0 ≤ raw ≤ max with max > 0, and the actor is replaced by the session's person.
 */
export const XAPI_LIMITS = { statementBytes: 64 * 1024, stateBytes: 256 * 1024, maxScore: 100000 } as const;

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export function checkStatement(raw: unknown, actor: { name: string; login: string; homePage: string }): CheckedStatement {
  const s = obj(raw);
  if (!s) throw new DomainError('H5P_XAPI_INVALID', { reason: 'not an object' });
  if (JSON.stringify(s).length > XAPI_LIMITS.statementBytes) throw new DomainError('H5P_XAPI_INVALID', { reason: 'too large', limit: XAPI_LIMITS.statementBytes });
  const verbId = obj(s.verb)?.id;
  if (typeof verbId !== 'string' || !/^https?:\/\/\S{1,300}$/.test(verbId)) throw new DomainError('H5P_XAPI_INVALID', { reason: 'verb' });
  const verb = (verbId.split('/').pop() ?? '').replace(/[^\w-]/g, '').slice(0, 60);
  if (!verb) throw new DomainError('H5P_XAPI_INVALID', { reason: 'verb' });

  const result = obj(s.result);
  let score: CheckedStatement['score'] = null;
  const sc = obj(result?.score);
  if (sc) {
    const rawScore = num(sc.raw);
    const max = num(sc.max);
    const min = num(sc.min) ?? 0;
    if (rawScore === undefined || max === undefined || min !== 0 || max <= 0 || max > XAPI_LIMITS.maxScore || rawScore < 0 || rawScore > max) {
      throw new DomainError('H5P_XAPI_INVALID', { reason: 'score' });
    }
    score = { raw: rawScore, max, scaled: Math.round((rawScore / max) * 10000) / 10000 };
  }
  const completed = result?.completion === true || verb === 'completed';
  const parent = obj(obj(s.context)?.contextActivities)?.parent;
  const topLevel = !(Array.isArray(parent) ? parent.length : parent);

  // Never the client's actor: the session's person, as an xAPI account.
  const statement: Json = { ...s, actor: { objectType: 'Agent', name: actor.name, account: { homePage: actor.homePage, name: actor.login } } };
  delete statement.authority;
  return { verb, score, completed, topLevel, statement };
}

/**
 * A statement counts as an attempt's result when it is top-level, scored and complete. The
 * `completed` statement that follows an `answered` one with the same score is the same attempt.
 */
export function nextResult(
  prev: H5pResult | null,
  s: CheckedStatement,
  ctx: { contentId: number; studentId: number; at: string; previous: { verb: string; scoreRaw: number | null; scoreMax: number | null } | undefined },
): H5pResult | null {
  if (!s.topLevel || !s.score || !s.completed) return null;
  const sameAttempt = s.verb === 'completed' && ctx.previous?.verb !== 'completed' && ctx.previous?.scoreRaw === s.score.raw && ctx.previous?.scoreMax === s.score.max && !!prev;
  const last = { ...s.score, at: ctx.at };
  const best = prev && prev.best.scaled >= s.score.scaled ? prev.best : last;
  return {
    contentId: ctx.contentId, studentId: ctx.studentId,
    attempts: (prev?.attempts ?? 0) + (sameAttempt ? 0 : 1),
    last, best, completedAt: prev?.completedAt ?? ctx.at,
  };
}

/** The 10-point score the gradebook receives (Circular 22/2021 Art. 6: scores out of 10). */
export function gradebookScore(r: H5pResult, policy: 'best' | 'last'): number {
  return Math.round((policy === 'best' ? r.best.scaled : r.last.scaled) * 10 * 100) / 100;
}
