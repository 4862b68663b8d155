import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { Id, IdParams, Nullable } from '../../contracts/common.schema.js';
import {
  ClassProgress, ClassSubjectChoice, ClassSubjectParams, ProgressEventBody, ProgressState, StudentProgress, StudentProgressQuery,
  type ClassSubjectParams as ClassSubjectParamsT, type ProgressEventBody as ProgressEventBodyT, type StudentProgressQuery as StudentProgressQueryT,
} from '../../contracts/progress.schema.js';
import type { ProgressEvent } from '../../domain/progress/progress.types.js';
import { DomainError } from '../../domain/shared/errors.js';
import type { ProgressActor } from '../../domain/progress/progress.service.js';
import type { Services } from '../../services.js';
import { actorOf, requirePrincipal } from '../auth.plugin.js';

export function spaceActorOf(req: FastifyRequest): ProgressActor {
  const p = requirePrincipal(req);
  return { ...actorOf(req), personId: p.personId, roles: p.roles };
}

const perAccount = (req: FastifyRequest) => `progress|${req.principal?.accountId ?? req.ip}`;

/** The tracker's body as a domain event (the schema allows every field; the type decides which count). */
function toEvent(b: ProgressEventBodyT): ProgressEvent {
  switch (b.type) {
    case 'opened': return { type: 'opened' };
    case 'heartbeat':
      if (b.seconds === undefined) throw new DomainError('VALIDATION_FAILED', { field: 'seconds', reason: 'required for a heartbeat' });
      return { type: 'heartbeat', seconds: b.seconds };
    case 'completed': return { type: 'completed', ...(b.contentId ? { contentId: b.contentId } : {}) };
    case 'score':
      if (!b.score) throw new DomainError('VALIDATION_FAILED', { field: 'score', reason: 'required for a score' });
      return { type: 'score', completed: b.completed ?? false, score: b.score, ...(b.contentId ? { contentId: b.contentId } : {}) };
  }
}

/** Learning progress (Art. 5.3, 9.2.c): the tracker's reports, the teacher's matrix, a student's own page. */
export async function progressRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const s = services.progress;
  const tags = ['progress'];

  app.post<{ Params: { id: number }; Body: ProgressEventBodyT }>('/api/progress/materials/:id/events', {
    schema: { tags, summary: 'Ghi nhận việc học một học liệu (mở, thời gian học, hoàn thành, điểm H5P)', params: IdParams, body: ProgressEventBody, response: { 200: ProgressState } },
    // A tracker sends about 3 reports a minute; the cap leaves room for several tabs and H5P scores.
    config: { access: 'progress.record', rateLimit: { max: 60, timeWindow: '1 minute', keyGenerator: perAccount } },
  }, (req) => s.record(spaceActorOf(req), req.params.id, toEvent(req.body)));

  app.get('/api/progress/classes', {
    schema: { tags, summary: 'Các lớp × môn xem được tiến độ', response: { 200: Type.Array(ClassSubjectChoice) } },
    config: { access: 'progress.read' },
  }, (req) => s.spaces(requirePrincipal(req)));

  app.get<{ Params: ClassSubjectParamsT }>('/api/progress/classes/:classId/subjects/:subjectId', {
    schema: { tags, summary: 'Tiến độ của lớp theo môn: học liệu × học sinh', params: ClassSubjectParams, response: { 200: ClassProgress } },
    config: { access: 'progress.read' },
  }, (req) => s.classProgress(requirePrincipal(req), req.params.classId, req.params.subjectId));

  app.get<{ Params: { id: number }; Querystring: StudentProgressQueryT }>('/api/progress/students/:id', {
    schema: { tags, summary: 'Tiến độ của một học sinh', params: IdParams, querystring: StudentProgressQuery, response: { 200: StudentProgress } },
    config: { access: 'progress.read' },
  }, (req) => s.student(requirePrincipal(req), req.params.id, req.query.subjectId));

  app.get('/api/progress/children', {
    schema: { tags, summary: 'Con của phụ huynh (để xem tiến độ)', response: { 200: Type.Array(Type.Object({ id: Id, fullName: Type.String(), className: Nullable(Type.String()) })) } },
    config: { access: 'progress.read' },
  }, (req) => s.children(requirePrincipal(req)));

  app.get('/api/progress/me', {
    schema: { tags, summary: 'Tiến độ của em', response: { 200: StudentProgress } },
    config: { access: 'progress.own' },
  }, (req) => {
    const p = requirePrincipal(req);
    return s.student(p, p.personId);
  });
}
