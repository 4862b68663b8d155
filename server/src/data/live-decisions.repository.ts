import type { Knex } from 'knex';
import type { LiveDecisionRepository } from '../domain/live/live.repository.js';
import type { Decision, DecisionInput, DecisionType } from '../domain/live/live.types.js';
import { bool, insertedId, int } from './rows.js';

export class KnexLiveDecisionRepository implements LiveDecisionRepository {
  constructor(private readonly db: Knex) {}

  private async decisions(where: (q: Knex.QueryBuilder) => void): Promise<Decision[]> {
    const q = this.db('live_decisions as d').join('people as p', 'p.id', 'd.signer_id').select('d.*', 'p.full_name as signer_name').orderBy('d.id', 'desc');
    where(q);
    const rows = await q;
    if (!rows.length) return [];
    const ids = rows.map((r) => int(r.id));
    const classes = await this.db('live_decision_classes').whereIn('decision_id', ids).select('decision_id', 'class_id');
    const subjects = await this.db('live_decision_subjects').whereIn('decision_id', ids).select('decision_id', 'subject_id');
    const listOf = (links: Record<string, unknown>[], id: number, key: string) => links.filter((l) => int(l.decision_id) === id).map((l) => int(l[key])).sort((a, b) => a - b);
    return rows.map((r) => {
      const id = int(r.id);
      return {
        id, type: r.type, mode: r.mode ?? null,
        classIds: bool(r.all_classes) ? 'all' : listOf(classes, id, 'class_id'),
        subjectIds: bool(r.all_subjects) ? 'all' : listOf(subjects, id, 'subject_id'),
        startsOn: r.starts_on, endsOn: r.ends_on, reason: r.reason, documentNumber: r.document_number ?? null, assessmentPlan: r.assessment_plan ?? null,
        signerId: int(r.signer_id), signerName: r.signer_name, signedAt: r.signed_at,
        revokedAt: r.revoked_at ?? null, revokedById: r.revoked_by_id === null || r.revoked_by_id === undefined ? null : int(r.revoked_by_id), revokeReason: r.revoke_reason ?? null,
      };
    });
  }

  list(f: { type?: DecisionType; includeRevoked: boolean }) {
    return this.decisions((q) => {
      if (f.type) q.where('d.type', f.type);
      if (!f.includeRevoked) q.whereNull('d.revoked_at');
    });
  }

  async get(id: number) {
    return (await this.decisions((q) => q.where('d.id', id)))[0];
  }

  async create(i: DecisionInput & { signerId: number; signedAt: string }) {
    const id = insertedId(await this.db('live_decisions').insert({
      type: i.type, mode: i.mode, all_classes: i.classIds === 'all', all_subjects: i.subjectIds === 'all', starts_on: i.startsOn, ends_on: i.endsOn,
      reason: i.reason, document_number: i.documentNumber, assessment_plan: i.assessmentPlan ?? null, signer_id: i.signerId, signed_at: i.signedAt,
    }).returning('id'));
    if (i.classIds !== 'all') await this.db('live_decision_classes').insert(i.classIds.map((class_id) => ({ decision_id: id, class_id })));
    if (i.subjectIds !== 'all') await this.db('live_decision_subjects').insert(i.subjectIds.map((subject_id) => ({ decision_id: id, subject_id })));
    return id;
  }

  async revoke(id: number, by: { personId: number; at: string; reason: string }) {
    await this.db('live_decisions').where({ id }).update({ revoked_at: by.at, revoked_by_id: by.personId, revoke_reason: by.reason });
  }

  activeForceMajeure(from: string, to: string) {
    return this.decisions((q) => q.where('d.type', 'force_majeure').whereNull('d.revoked_at').where('d.starts_on', '<=', to).where('d.ends_on', '>=', from));
  }

  activeOnlineAssessment(from: string, to: string) {
    return this.decisions((q) => q.where('d.type', 'online_assessment').whereNull('d.revoked_at').where('d.starts_on', '<=', to).where('d.ends_on', '>=', from));
  }
}
