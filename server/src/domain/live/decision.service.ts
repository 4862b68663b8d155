import { DomainError } from '../shared/errors.js';
import type { Repos, Transactor } from '../repos.js';
import type { ArchiveWriter } from '../archive/archive-writer.js';
import { schoolDate } from './school-time.js';
import { checkDecisionInput, uncoveredByForceMajeure } from './decision-rules.js';
import type { Decision, DecisionInput, DecisionType, LiveActor, Scope } from './live.types.js';

/**
 * The principal's decisions on online teaching (Art. 5.4, 15.1.a): supporting mode at any time,
 * replacing mode only inside a force-majeure decision; online periodic tests (Art. 6.2) likewise. Each is recorded with who signed it, when,
 * its scope (classes, subjects, dates) and reason, and is revoked rather than deleted. Recording and
 * revoking are appended to the records archive as evidence (Art. 8.1.a) in the same transaction.
 */
export class LiveDecisionService {
  constructor(
    private readonly tx: Transactor,
    private readonly now: () => Date = () => new Date(),
    private readonly archive: () => ArchiveWriter,
  ) {}

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
      const recorded = await r.liveDecisions.get(id);
      if (recorded) await this.archive().append(r, await archiveEntry(r, 'decision.recorded', recorded, actor.personId, recorded.signedAt));
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
      const revoked = await r.liveDecisions.get(id);
      if (revoked?.revokedAt) await this.archive().append(r, await archiveEntry(r, 'decision.revoked', revoked, actor.personId, revoked.revokedAt));
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

const TYPE_TITLE: Record<DecisionType, string> = {
  force_majeure: 'Quyết định về trường hợp bất khả kháng',
  online_mode: 'Quyết định tổ chức dạy học trực tuyến',
  online_assessment: 'Quyết định kiểm tra, đánh giá định kì trực tuyến',
};

/** The archive record of a decision (Art. 8.1.a evidence for Art. 15): the decision as it stands, in the year and semester of the act. */
async function archiveEntry(r: Repos, kind: 'decision.recorded' | 'decision.revoked', d: Decision, actorId: number, at: string) {
  const day = schoolDate(at);
  const years = await r.school.listYears();
  const year = years.find((y) => y.startsOn <= day && day <= y.endsOn) ?? years.find((y) => y.startsOn <= d.startsOn && d.startsOn <= y.endsOn) ?? null;
  const semester = year?.semesters.find((s) => s.startsOn <= day && day <= s.endsOn) ?? null;
  const mode = d.mode === 'replacing' ? ' (thay thế)' : d.mode === 'supporting' ? ' (hỗ trợ)' : '';
  const number = d.documentNumber ? ` số ${d.documentNumber}` : '';
  const title = `${kind === 'decision.revoked' ? 'Thu hồi: ' : ''}${TYPE_TITLE[d.type]}${mode}${number}, ${d.startsOn} – ${d.endsOn}`;
  return {
    category: 'evidence' as const,
    kind,
    ref: `live_decisions:${d.id}`,
    title,
    schoolYearId: year?.id ?? null,
    semesterId: semester?.id ?? null,
    actorId,
    payload: { ...d },
  };
}
