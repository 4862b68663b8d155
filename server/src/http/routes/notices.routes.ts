import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { Created, IdParams, Ok } from '../../contracts/common.schema.js';
import {
  AudienceOptions, MyNotice, Notice, NoticeBody, NoticeDraft, NoticeListItem, NoticeListQuery, NoticeReceipts, PublishReply, ReadReply,
  type NoticeBody as NoticeBodyT, type NoticeListQuery as NoticeListQueryT,
} from '../../contracts/notices.schema.js';
import type { NoticeActor, NoticeAudience, NoticeInput } from '../../domain/notices/notice.types.js';
import type { Services } from '../../services.js';
import { actorOf, requirePrincipal } from '../auth.plugin.js';

type IdP = { Params: { id: number } };

function noticeActorOf(req: FastifyRequest): NoticeActor {
  const p = requirePrincipal(req);
  return { ...actorOf(req), personId: p.personId, roles: p.roles };
}

function audienceOf(a: NoticeBodyT['audience']): NoticeAudience {
  if (a.scope === 'grades') return { scope: 'grades', grades: a.grades ?? [], to: a.to };
  if (a.scope === 'classes') return { scope: 'classes', classIds: a.classIds ?? [], to: a.to };
  return { scope: 'school', to: a.to };
}

const input = (b: NoticeBodyT): NoticeInput => ({ ...b, audience: audienceOf(b.audience), decisionId: b.decisionId ?? null, supersedesId: b.supersedesId ?? null });

/** Notices to students and parents of the online mode and the assessment plan, with read receipts (Art. 15.1.e). */
export async function noticeRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const s = services.notices;
  const tags = ['notices'];

  app.get('/api/notices/mine', {
    schema: { tags, summary: 'Thông báo gửi đến học sinh hoặc phụ huynh đang đăng nhập (chưa đọc trước)', response: { 200: Type.Array(MyNotice) } },
    config: { access: 'notices.mine' },
  }, (req) => s.mine(requirePrincipal(req)));

  app.post<IdP>('/api/notices/:id/read', {
    schema: { tags, summary: 'Xác nhận đã đọc thông báo', params: IdParams, response: { 200: ReadReply } },
    config: { access: 'notices.mine' },
  }, (req) => s.markRead(noticeActorOf(req), req.params.id));

  app.get('/api/notices/audience', {
    schema: { tags, summary: 'Các lớp người soạn được gửi thông báo', response: { 200: AudienceOptions } },
    config: { access: 'notices.manage' },
  }, (req) => s.audienceOptions(requirePrincipal(req)));

  app.get<IdP>('/api/notices/from-decision/:id', {
    schema: { tags, summary: 'Bản nháp thông báo soạn sẵn từ quyết định của hiệu trưởng', params: IdParams, response: { 200: NoticeDraft } },
    config: { access: 'notices.manage' },
  }, (req) => s.fromDecision(requirePrincipal(req), req.params.id));

  app.get<{ Querystring: NoticeListQueryT }>('/api/notices', {
    schema: { tags, summary: 'Thông báo đã soạn và đã gửi', querystring: NoticeListQuery, response: { 200: Type.Array(NoticeListItem) } },
    config: { access: 'notices.manage' },
  }, (req) => s.list(requirePrincipal(req), req.query));

  app.post<{ Body: NoticeBodyT }>('/api/notices', {
    schema: { tags, summary: 'Soạn thông báo (bản nháp)', body: NoticeBody, response: { 200: Created } },
    config: { access: 'notices.manage' },
  }, async (req) => ({ id: await s.create(noticeActorOf(req), input(req.body)) }));

  app.get<IdP>('/api/notices/:id', {
    schema: { tags, summary: 'Một thông báo', params: IdParams, response: { 200: Notice } },
    config: { access: 'notices.manage' },
  }, (req) => s.get(requirePrincipal(req), req.params.id));

  app.put<IdP & { Body: NoticeBodyT }>('/api/notices/:id', {
    schema: { tags, summary: 'Sửa bản nháp (thông báo đã gửi thì không sửa được)', params: IdParams, body: NoticeBody, response: { 200: Ok } },
    config: { access: 'notices.manage' },
  }, async (req) => { await s.update(noticeActorOf(req), req.params.id, input(req.body)); return { ok: true as const }; });

  app.delete<IdP>('/api/notices/:id', {
    schema: { tags, summary: 'Xoá bản nháp', params: IdParams, response: { 200: Ok } },
    config: { access: 'notices.manage' },
  }, async (req) => { await s.remove(noticeActorOf(req), req.params.id); return { ok: true as const }; });

  app.post<IdP>('/api/notices/:id/publish', {
    schema: { tags, summary: 'Gửi thông báo (sau khi gửi không sửa được; được lưu vào hồ sơ)', params: IdParams, response: { 200: PublishReply } },
    config: { access: 'notices.manage' },
  }, async (req) => ({ ok: true as const, ...(await s.publish(noticeActorOf(req), req.params.id)) }));

  app.get<IdP>('/api/notices/:id/receipts', {
    schema: { tags, summary: 'Ai đã đọc: số đã đọc theo lớp và danh sách chưa đọc', params: IdParams, response: { 200: NoticeReceipts } },
    config: { access: 'notices.manage' },
  }, (req) => s.receipts(requirePrincipal(req), req.params.id));
}
