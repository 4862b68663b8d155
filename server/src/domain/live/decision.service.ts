import { DomainError } from '../shared/errors.js';
import type { Repos, Transactor } from '../repos.js';
import { checkDecisionInput, uncoveredByForceMajeure } from './decision-rules.js';
import type { Decision, DecisionInput, DecisionType, LiveActor, Scope } from './live.types.js';

/**
 * The principal's decisions on online teaching (Art. 5.4, 15.1.a): supporting mode at any time,
 * replacing mode only inside a force-majeure decision; online periodic tests (Art. 6.2) likewise. Each is recorded with who signed it, when,
 * its scope (classes, subjects, dates) and reason, and is revoked rather than deleted.
 */
export class LiveDecisionService {
  constructor(private readonly tx: Transactor, private readonly now: () => Date = () => new Date()) {}

  async list(filter: { type?: DecisionType; includeRevoked?: boolean } = {}): Promise<Decision[]> {
    return this.tx.read((r) => r.liveDecisions.list({ ...filter, includeRevoked: filter.includeRevoked ?? true }));
  }

  async get(id: number): Promise<Decision> {
    const d = await this.tx.read((r) => r.liveDecisions.get(id));
    if (!d) throw new DomainError('NOT_FOUND', { decisionId: id });
    return d;
  }

  async record(actor: LiveActor, raw: DecisionInput): Promise<number> {
    // Art. 5.4: the principal decides; the signer is the principal who records it.
    if (!actor.roles.includes('principal')) throw new DomainError('FORBIDDEN', { action: 'live.decide' });
    const input: DecisionInput = { ...raw, reason: raw.reason.trim(), classIds: unique(raw.classIds, 'classIds'), subjectIds: unique(raw.subjectIds, 'subjectIds') };
    checkDecisionInput(input);
    return this.tx.run(async (r) => {
      await assertScopeExists(r, input.classIds, input.subjectIds);
      if (input.type === 'online_mode' && input.mode === 'replacing') {
        const forceMajeure = await r.liveDecisions.activeForceMajeure(input.startsOn, input.endsOn);
        const gaps = uncoveredByForceMajeure(forceMajeure, input);
        if (gaps.length) throw new DomainError('REPLACING_MODE_NEEDS_FORCE_MAJEURE', { uncovered: gaps });
      }
      if (input.type === 'online_assessment') {
        // Art. 6.2: periodic tests are in person; online only while students cannot come for force majeure.
        const forceMajeure = await r.liveDecisions.activeForceMajeure(input.startsOn, input.endsOn);
        const gaps = uncoveredByForceMajeure(forceMajeure, input);
        if (gaps.length) throw new DomainError('ONLINE_ASSESSMENT_NEEDS_FORCE_MAJEURE', { uncovered: gaps });
      }
      const id = await r.liveDecisions.create({ ...input, signerId: actor.personId, signedAt: this.now().toISOString() });
      await r.audit.record(actor, 'live_decision.recorded', 'live_decision', id, { type: input.type, mode: input.mode, startsOn: input.startsOn, endsOn: input.endsOn });
      return id;
    });
  }

  /**
   * Revocation keeps the decision as evidence. Lessons already scheduled in replacing mode under a
   * revoked force-majeure decision are not cancelled silently: their ids come back so the principal
   * can cancel or change them.
   */
  async revoke(actor: LiveActor, id: number, reason: string): Promise<{ uncoveredLessonIds: number[] }> {
    if (!actor.roles.includes('principal')) throw new DomainError('FORBIDDEN', { action: 'live.decide' });
    return this.tx.run(async (r) => {
      const d = await r.liveDecisions.get(id);
      if (!d) throw new DomainError('NOT_FOUND', { decisionId: id });
      if (d.revokedAt) throw new DomainError('DECISION_ALREADY_REVOKED', { decisionId: id, revokedAt: d.revokedAt });
      await r.liveDecisions.revoke(id, { personId: actor.personId, at: this.now().toISOString(), reason: reason.trim() });
      await r.audit.record(actor, 'live_decision.revoked', 'live_decision', id, { reason: reason.trim() });
      return { uncoveredLessonIds: d.type === 'force_majeure' ? await r.liveLessons.idsByDecision(id, 'scheduled') : [] };
    });
  }
}

function unique(scope: Scope, field: string): Scope {
  if (scope === 'all') return scope;
  if (!scope.length) throw new DomainError('VALIDATION_FAILED', { field, reason: 'empty' });
  return [...new Set(scope)].sort((a, b) => a - b);
}

async function assertScopeExists(r: Repos, classIds: Scope, subjectIds: Scope): Promise<void> {
  if (classIds !== 'all') {
    for (const classId of classIds) if (!(await r.school.getClass(classId))) throw new DomainError('NOT_FOUND', { classId });
  }
  if (subjectIds !== 'all') {
    const known = new Set((await r.school.listSubjects()).map((s) => s.id));
    for (const subjectId of subjectIds) if (!known.has(subjectId)) throw new DomainError('NOT_FOUND', { subjectId });
  }
}
