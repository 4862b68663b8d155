import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { Created, IdParams, Ok } from '../../contracts/common.schema.js';
import {
  AttemptListItem, AttemptReview, AttemptView, EventBody, GradeBody, GradeReply, MyAttempts, PublishReply, Quiz, QuizBody, QuizQuery, QuizResults, ResultsQuery,
  SaveBody, SaveReply, SubmitBody,
  type EventBody as EventBodyT, type GradeBody as GradeBodyT, type QuizBody as QuizBodyT, type QuizQuery as QuizQueryT, type ResultsQuery as ResultsQueryT,
  type SaveBody as SaveBodyT, type SubmitBody as SubmitBodyT,
} from '../../contracts/quizzes.schema.js';
import type { QuizActor } from '../../domain/quizzes/quiz.service.js';
import type { ClientSeen } from '../../domain/quizzes/attempt.service.js';
import type { QuizInput } from '../../domain/quizzes/quiz.types.js';
import type { Services } from '../../services.js';
import { actorOf, requirePrincipal } from '../auth.plugin.js';

type IdP = { Params: { id: number } };

function quizActorOf(req: FastifyRequest): QuizActor {
  const p = requirePrincipal(req);
  return { ...actorOf(req), personId: p.personId, roles: p.roles };
}

/** Where the request comes from, for the integrity log of periodic tests (Art. 6.2). */
function seenOf(req: FastifyRequest): ClientSeen {
  const ua = req.headers['user-agent'];
  return { ip: req.ip ?? null, userAgent: typeof ua === 'string' ? ua : null, sessionHash: req.principal?.sessionId.slice(0, 32) ?? null };
}

const toInput = (b: QuizBodyT): QuizInput => ({
  ...b, attemptScoring: b.attemptScoring ?? 'best', gradebookTarget: b.gradebookTarget ?? null,
});

/** Quizzes and tests (Art. 6.1, 6.2): teachers build and publish, students take them, teachers grade and read results. */
export async function quizRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const quizzes = services.quizzes;
  const attempts = services.quizAttempts;
  const tags = ['quizzes'];

  app.get<{ Querystring: QuizQueryT }>('/api/quizzes', {
    schema: { tags, summary: 'Bài kiểm tra (giáo viên: của môn, lớp mình dạy; học sinh: của lớp mình)', querystring: QuizQuery, response: { 200: Type.Array(Quiz) } },
    config: { access: 'quiz.read' },
  }, (req) => quizzes.list(requirePrincipal(req), req.query));

  app.get('/api/quizzes/options', {
    schema: {
      tags, summary: 'Môn, lớp được phân công và học kì (để tạo bài kiểm tra)',
      response: { 200: Type.Object({
        teaching: Type.Array(Type.Object({ classId: Type.Integer(), className: Type.String(), grade: Type.Integer(), subjectId: Type.Integer(), subjectName: Type.String() })),
        semesters: Type.Array(Type.Object({ id: Type.Integer(), number: Type.Integer(), yearName: Type.String() })),
      }) },
    },
    config: { access: 'quiz.manage' },
  }, (req) => quizzes.options(requirePrincipal(req)));

  app.post<{ Body: QuizBodyT }>('/api/quizzes', {
    schema: { tags, summary: 'Tạo bài kiểm tra theo ma trận đề', body: QuizBody, response: { 200: Created } },
    config: { access: 'quiz.manage' },
  }, async (req) => ({ id: await quizzes.create(quizActorOf(req), toInput(req.body)) }));

  app.get<IdP>('/api/quizzes/:id', {
    schema: { tags, summary: 'Một bài kiểm tra', params: IdParams, response: { 200: Quiz } },
    config: { access: 'quiz.read' },
  }, (req) => quizzes.get(requirePrincipal(req), req.params.id));

  app.put<IdP & { Body: QuizBodyT }>('/api/quizzes/:id', {
    schema: { tags, summary: 'Sửa bài kiểm tra (khi chưa có học sinh làm bài)', params: IdParams, body: QuizBody, response: { 200: Ok } },
    config: { access: 'quiz.manage' },
  }, async (req) => { await quizzes.update(quizActorOf(req), req.params.id, toInput(req.body)); return { ok: true as const }; });

  app.delete<IdP>('/api/quizzes/:id', {
    schema: { tags, summary: 'Xoá bài kiểm tra nháp', params: IdParams, response: { 200: Ok } },
    config: { access: 'quiz.manage' },
  }, async (req) => { await quizzes.remove(quizActorOf(req), req.params.id); return { ok: true as const }; });

  app.post<IdP>('/api/quizzes/:id/publish', {
    schema: { tags, summary: 'Giao bài kiểm tra cho lớp (kiểm tra định kỳ cần quyết định của hiệu trưởng)', params: IdParams, response: { 200: PublishReply } },
    config: { access: 'quiz.manage' },
  }, async (req) => ({ ok: true as const, ...(await quizzes.publish(quizActorOf(req), req.params.id)) }));

  app.get<IdP>('/api/quizzes/:id/attempts', {
    schema: { tags, summary: 'Các lượt làm bài của học sinh', params: IdParams, response: { 200: Type.Array(AttemptListItem) } },
    config: { access: 'quiz.manage' },
  }, (req) => attempts.attempts(requirePrincipal(req), req.params.id));

  app.get<IdP & { Querystring: ResultsQueryT }>('/api/quizzes/:id/results', {
    schema: { tags, summary: 'Kết quả theo lớp và theo câu hỏi', params: IdParams, querystring: ResultsQuery, response: { 200: QuizResults } },
    config: { access: 'quiz.manage' },
  }, (req) => attempts.results(requirePrincipal(req), req.params.id, req.query.classId));

  // ---- the student ----

  app.get<IdP>('/api/quizzes/:id/mine', {
    schema: { tags, summary: 'Các lượt làm bài của em', params: IdParams, response: { 200: MyAttempts } },
    config: { access: 'quiz.take' },
  }, (req) => attempts.mine(requirePrincipal(req), req.params.id));

  app.post<IdP>('/api/quizzes/:id/attempts', {
    schema: { tags, summary: 'Bắt đầu (hoặc làm tiếp) bài kiểm tra', params: IdParams, response: { 200: AttemptView } },
    config: { access: 'quiz.take' },
  }, (req) => attempts.start(quizActorOf(req), req.params.id, seenOf(req)));

  app.get<IdP>('/api/quiz-attempts/:id', {
    schema: { tags, summary: 'Bài làm của em (đề, câu trả lời đã lưu, thời gian còn lại theo đồng hồ máy chủ)', params: IdParams, response: { 200: AttemptView } },
    config: { access: 'quiz.take' },
  }, (req) => attempts.get(requirePrincipal(req), req.params.id, seenOf(req)));

  app.put<IdP & { Body: SaveBodyT }>('/api/quiz-attempts/:id/answers', {
    schema: { tags, summary: 'Tự động lưu câu trả lời (theo số thứ tự lần lưu)', params: IdParams, body: SaveBody, response: { 200: SaveReply } },
    config: { access: 'quiz.take' },
    bodyLimit: 256 * 1024,
  }, (req) => attempts.save(requirePrincipal(req), req.params.id, req.body, seenOf(req)));

  app.post<IdP & { Body: SubmitBodyT }>('/api/quiz-attempts/:id/submit', {
    schema: { tags, summary: 'Nộp bài', params: IdParams, body: SubmitBody, response: { 200: AttemptView } },
    config: { access: 'quiz.take' },
    bodyLimit: 256 * 1024,
  }, (req) => attempts.submit(quizActorOf(req), req.params.id, req.body?.final ?? null, seenOf(req)));

  app.post<IdP & { Body: EventBodyT }>('/api/quiz-attempts/:id/events', {
    schema: { tags, summary: 'Ghi nhận rời khỏi trang làm bài (kiểm tra định kỳ)', params: IdParams, body: EventBody, response: { 200: Type.Object({ recorded: Type.Boolean() }) } },
    config: { access: 'quiz.take', rateLimit: { max: 60, timeWindow: '1 minute', keyGenerator: (req) => String(req.principal?.accountId ?? req.ip) } },
  }, (req) => {
    const { kind, ...details } = req.body;
    return attempts.report(requirePrincipal(req), req.params.id, kind, details, seenOf(req));
  });

  // ---- the teacher's grading page ----

  app.get<IdP>('/api/quiz-attempts/:id/review', {
    schema: { tags, summary: 'Bài làm của học sinh với đáp án, điểm và nhật ký làm bài', params: IdParams, response: { 200: AttemptReview } },
    config: { access: 'quiz.manage' },
  }, (req) => attempts.attemptDetail(requirePrincipal(req), req.params.id));

  app.put<IdP & { Body: GradeBodyT }>('/api/quiz-attempts/:id/grades', {
    schema: { tags, summary: 'Chấm câu tự luận', params: IdParams, body: GradeBody, response: { 200: GradeReply } },
    config: { access: 'quiz.manage' },
  }, (req) => attempts.grade(quizActorOf(req), req.params.id, req.body.questionKey, req.body.points, req.body.comment ?? null));
}
