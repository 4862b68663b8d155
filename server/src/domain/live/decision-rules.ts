import { DomainError } from '../shared/errors.js';
import { addDays } from './school-time.js';
import type { Decision, DecisionInput, Scope } from './live.types.js';

/** What a decision or a lesson needs to be covered for: classes, subjects and a date range. */
export interface CoverageNeed {
  classIds: Scope;
  subjectIds: Scope;
  startsOn: string;
  endsOn: string;
}

type Covering = Pick<Decision, 'id' | 'type' | 'classIds' | 'subjectIds' | 'startsOn' | 'endsOn' | 'revokedAt'>;

/** The shape of a decision: a force-majeure decision has no mode, an online-mode decision has one. */
export function checkDecisionInput(input: DecisionInput): void {
  if (input.type === 'force_majeure' && input.mode !== null) throw new DomainError('VALIDATION_FAILED', { field: 'mode', reason: 'force_majeure_has_no_mode' });
  if (input.type === 'online_mode' && input.mode === null) throw new DomainError('VALIDATION_FAILED', { field: 'mode', reason: 'online_mode_needs_a_mode' });
  if (input.type === 'online_assessment' && input.mode !== null) throw new DomainError('VALIDATION_FAILED', { field: 'mode', reason: 'online_assessment_has_no_mode' });
  // Art. 6.2, 15.1.e: the assessment plan belongs to an online periodic assessment decision.
  if (input.type !== 'online_assessment' && input.assessmentPlan) throw new DomainError('VALIDATION_FAILED', { field: 'assessmentPlan', reason: 'online_assessment_only' });
  if (input.startsOn > input.endsOn) throw new DomainError('INVALID_DATE_RANGE', { field: 'decision' });
  if (!input.reason.trim()) throw new DomainError('VALIDATION_FAILED', { field: 'reason', reason: 'empty' });
}

const coversAll = (have: Scope, need: Scope) =>
  have === 'all' || (need !== 'all' && need.every((id) => have.includes(id)));

/**
 * Art. 5.4: replacing mode only while students cannot come to school for force majeure. Returns
 * the stretches of `need` that no active (not revoked) force-majeure decision covers, per class;
 * several decisions may together cover one range (6A1 until Wednesday, then a new one). Empty
 * when everything is covered.
 */
export function uncoveredByForceMajeure(decisions: readonly Covering[], need: CoverageNeed): { classId: number | 'all'; from: string; to: string }[] {
  return uncoveredByDecisions('force_majeure', decisions, need);
}

/**
 * Art. 6.2: a periodic (mid-term, end-of-term) test is online only by the principal's decision.
 * The stretches of the test's classes × subject × dates no active online-assessment decision covers.
 */
export function uncoveredByOnlineAssessment(decisions: readonly Covering[], need: CoverageNeed): { classId: number | 'all'; from: string; to: string }[] {
  return uncoveredByDecisions('online_assessment', decisions, need);
}

function uncoveredByDecisions(type: Covering['type'], decisions: readonly Covering[], need: CoverageNeed): { classId: number | 'all'; from: string; to: string }[] {
  const active = decisions.filter((d) => d.type === type && d.revokedAt === null && coversAll(d.subjectIds, need.subjectIds));
  const gaps: { classId: number | 'all'; from: string; to: string }[] = [];
  const classes: (number | 'all')[] = need.classIds === 'all' ? ['all'] : need.classIds;
  for (const classId of classes) {
    const ranges = active
      .filter((d) => coversAll(d.classIds, classId === 'all' ? 'all' : [classId]))
      .map((d) => ({ from: d.startsOn, to: d.endsOn }))
      .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    let cursor = need.startsOn; // the first date not yet known to be covered
    for (const r of ranges) {
      if (cursor > need.endsOn) break;
      if (r.to < cursor) continue;
      if (r.from > cursor) {
        const gapEnd = addDays(r.from, -1);
        gaps.push({ classId, from: cursor, to: gapEnd < need.endsOn ? gapEnd : need.endsOn });
      }
      cursor = addDays(r.to, 1);
    }
    if (cursor <= need.endsOn) gaps.push({ classId, from: cursor, to: need.endsOn });
  }
  return gaps;
}

/** The active force-majeure decision covering one class and subject on one day, if any. */
export function coveringForceMajeure<D extends Covering>(decisions: readonly D[], classId: number, subjectId: number, date: string): D | undefined {
  return decisions.find((d) => uncoveredByForceMajeure([d], { classIds: [classId], subjectIds: [subjectId], startsOn: date, endsOn: date }).length === 0);
}
