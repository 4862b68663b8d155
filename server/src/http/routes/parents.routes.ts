import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { Created, IdParams } from '../../contracts/common.schema.js';
import {
  Child, ChildConsents, ChildOverview, ClassConsents, ConsentBody, MessageBody, NewThreadBody, StudentIdParams, SuperviseQuery, Thread, ThreadDetail,
  type ConsentBody as ConsentBodyT, type MessageBody as MessageBodyT, type NewThreadBody as NewThreadBodyT, type SuperviseQuery as SuperviseQueryT,
} from '../../contracts/parents.schema.js';
import type { ParentsViewer } from '../../domain/parents/parents.types.js';
import type { Services } from '../../services.js';
import { actorOf, requirePrincipal } from '../auth.plugin.js';

type IdP = { Params: { id: number } };
type StudentP = { Params: { studentId: number } };

function viewerOf(req: FastifyRequest): ParentsViewer {
  const p = requirePrincipal(req);
  return { ...actorOf(req), personId: p.personId, roles: p.roles };
}

/** RFC 6266 file name: ASCII fallback plus the UTF-8 name. */
function attachment(name: string): string {
  const ascii = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^A-Za-z0-9._-]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Parents (Art. 15.1.e, 16.2), messages with the homeroom teacher, consent (Law 91/2025/QH15), data export. */
export async function parentsRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { view, messages, consents, exports } = services.parents;
  const tags = ['parents'];

  app.get('/api/parents/children', {
    schema: { tags, summary: 'Các con của phụ huynh và lớp học', response: { 200: Type.Array(Child) } },
    config: { access: 'parents.view' },
  }, (req) => view.children(viewerOf(req)));

  app.get<StudentP>('/api/parents/children/:studentId/overview', {
    schema: { tags, summary: 'Lịch học trực tuyến, điểm danh và nhận xét của con', params: StudentIdParams, response: { 200: ChildOverview } },
    config: { access: 'parents.view' },
  }, (req) => view.overview(viewerOf(req), req.params.studentId));

  // Consent (Law 91/2025/QH15, Decree 356/2025/NĐ-CP)

  app.get<StudentP>('/api/parents/children/:studentId/consents', {
    schema: { tags, summary: 'Sự đồng ý xử lý dữ liệu cá nhân của con: tình trạng và lịch sử', params: StudentIdParams, response: { 200: ChildConsents } },
    config: { access: 'parents.consent' },
  }, (req) => consents.forChild(viewerOf(req), req.params.studentId));

  app.post<StudentP & { Body: ConsentBodyT }>('/api/parents/children/:studentId/consents', {
    schema: { tags, summary: 'Đồng ý hoặc rút lại sự đồng ý cho một mục đích', params: StudentIdParams, body: ConsentBody, response: { 200: Created } },
    config: { access: 'parents.consent' },
  }, (req) => consents.decide(viewerOf(req), req.params.studentId, req.body));

  app.get<IdP>('/api/consents/classes/:id', {
    schema: { tags, summary: 'Tình trạng đồng ý xử lý dữ liệu của một lớp (ai chưa trả lời)', params: IdParams, response: { 200: ClassConsents } },
    config: { access: 'parents.consent_overview' },
  }, (req) => consents.forClass(viewerOf(req), req.params.id));

  app.get<IdP>('/api/consents/classes/:id/export.xlsx', {
    schema: { tags, summary: 'Xuất tình trạng đồng ý của lớp (.xlsx)', params: IdParams },
    config: { access: 'parents.consent_overview' },
  }, async (req, reply) => {
    const { fileName, body } = await consents.exportClass(viewerOf(req), req.params.id);
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', attachment(fileName)).header('cache-control', 'private, no-store').send(body);
  });

  // Data-subject access: what the school holds about one child

  app.get<StudentP>('/api/students/:studentId/data-export', {
    schema: { tags, summary: 'Tải toàn bộ dữ liệu nhà trường lưu về học sinh (.zip: JSON theo nhóm, tệp bài nộp, bản tóm tắt PDF)', params: StudentIdParams },
    config: { access: 'parents.data_export', rateLimit: { max: 10, timeWindow: '1 minute' } },
  }, async (req, reply) => {
    const bundle = await exports.export(viewerOf(req), req.params.studentId);
    return reply.type('application/zip').header('content-disposition', attachment(bundle.fileName)).header('cache-control', 'private, no-store')
      .send(services.parents.zip(bundle));
  });

  // Messages between a parent and the homeroom teacher

  app.get('/api/parent-threads', {
    schema: { tags, summary: 'Tin nhắn phụ huynh – giáo viên chủ nhiệm (của mình / của lớp chủ nhiệm)', response: { 200: Type.Array(Thread) } },
    config: { access: 'parents.message' },
  }, (req) => messages.list(viewerOf(req)));

  app.post<{ Body: NewThreadBodyT }>('/api/parent-threads', {
    schema: { tags, summary: 'Phụ huynh nhắn tin cho giáo viên chủ nhiệm lớp của con', body: NewThreadBody, response: { 200: Created } },
    config: { access: 'parents.message', rateLimit: { max: 20, timeWindow: '1 minute' } },
  }, (req) => messages.start(viewerOf(req), req.body));

  app.get<{ Querystring: SuperviseQueryT }>('/api/parent-threads/supervision', {
    schema: { tags, summary: 'Hiệu trưởng xem danh sách tin nhắn để giám sát', querystring: SuperviseQuery, response: { 200: Type.Array(Thread) } },
    config: { access: 'parents.supervise' },
  }, (req) => messages.superviseList(viewerOf(req), req.query.classId));

  app.get<IdP>('/api/parent-threads/:id/supervision', {
    schema: { tags, summary: 'Hiệu trưởng đọc một cuộc trao đổi (ghi nhật kí)', params: IdParams, response: { 200: ThreadDetail } },
    config: { access: 'parents.supervise' },
  }, (req) => messages.superviseOpen(viewerOf(req), req.params.id));

  app.get<IdP>('/api/parent-threads/:id', {
    schema: { tags, summary: 'Mở một cuộc trao đổi (đánh dấu đã đọc)', params: IdParams, response: { 200: ThreadDetail } },
    config: { access: 'parents.message' },
  }, (req) => messages.open(viewerOf(req), req.params.id));

  app.post<IdP & { Body: MessageBodyT }>('/api/parent-threads/:id/messages', {
    schema: { tags, summary: 'Gửi tin nhắn trong cuộc trao đổi', params: IdParams, body: MessageBody, response: { 200: Created } },
    config: { access: 'parents.message', rateLimit: { max: 30, timeWindow: '1 minute' } },
  }, (req) => messages.reply(viewerOf(req), req.params.id, req.body.body));
}
