import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  DraftBody, EditorSection, EditorView, PublicDisclosure, PublicVersion, SectionParams, SectionVersionParams, DisclosureVersion,
  type DraftBodyT, type SectionParamsT, type SectionVersionParamsT,
} from '../../contracts/disclosure.schema.js';
import type { DisclosureActor } from '../../domain/disclosure/disclosure.service.js';
import type { Services } from '../../services.js';
import { actorOf, requirePrincipal } from '../auth.plugin.js';

function disclosureActorOf(req: FastifyRequest): DisclosureActor {
  const p = requirePrincipal(req);
  return { ...actorOf(req), personId: p.personId, roles: p.roles };
}

/**
 * Art. 15.3–15.4: the public page's data (no sign-in; rate limited per address) and the
 * principal's editing of the rules, plan and conditions (draft → published, withdrawn, restored).
 */
export async function disclosureRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const s = services.disclosure;
  const tags = ['disclosure'];
  // Anyone on the internet may read: generous for a school's visitors, bounded for scrapers.
  const open = { access: 'public' as const, rateLimit: { max: 120, timeWindow: '1 minute' } };
  const manage = { access: 'disclosure.manage' as const, rateLimit: { max: 60, timeWindow: '1 minute' } };

  app.get('/api/public/disclosure', {
    schema: { tags, summary: 'Công khai nội quy, kế hoạch và điều kiện dạy học trực tuyến (không cần đăng nhập)', response: { 200: PublicDisclosure } },
    config: open,
  }, async (_req, reply) => {
    // Visitors see a publication (or a withdrawal) on their next load.
    void reply.header('cache-control', 'no-cache');
    return s.publicView();
  });

  app.get<{ Params: SectionVersionParamsT }>('/api/public/disclosure/:section/:number', {
    schema: { tags, summary: 'Một phiên bản đã công khai của một mục', params: SectionVersionParams, response: { 200: PublicVersion } },
    config: open,
  }, async (req, reply) => {
    void reply.header('cache-control', 'no-cache');
    return s.publicVersion(req.params.section, req.params.number);
  });

  app.get('/api/disclosure', {
    schema: { tags, summary: 'Soạn thảo công khai: bản nháp, bản đang công khai, lịch sử, số liệu của máy', response: { 200: EditorView } },
    config: { access: 'disclosure.read' },
  }, () => s.editorView());

  app.get<{ Params: SectionVersionParamsT }>('/api/disclosure/:section/versions/:number', {
    schema: { tags, summary: 'Một phiên bản đã công khai (kể cả khi mục đã gỡ)', params: SectionVersionParams, response: { 200: DisclosureVersion } },
    config: { access: 'disclosure.read' },
  }, (req) => s.version(req.params.section, req.params.number));

  app.put<{ Params: SectionParamsT; Body: DraftBodyT }>('/api/disclosure/:section/draft', {
    schema: { tags, summary: 'Lưu bản nháp của một mục', params: SectionParams, body: DraftBody, response: { 200: EditorSection } },
    config: manage,
  }, (req) => s.saveDraft(disclosureActorOf(req), req.params.section, { html: req.body.html, includeBoxData: req.body.includeBoxData ?? false }));

  app.delete<{ Params: SectionParamsT }>('/api/disclosure/:section/draft', {
    schema: { tags, summary: 'Bỏ bản nháp', params: SectionParams, response: { 200: EditorSection } },
    config: manage,
  }, (req) => s.discardDraft(disclosureActorOf(req), req.params.section));

  app.post<{ Params: SectionParamsT }>('/api/disclosure/:section/publish', {
    schema: { tags, summary: 'Công khai bản nháp (thành phiên bản mới)', params: SectionParams, response: { 200: EditorSection } },
    config: manage,
  }, (req) => s.publish(disclosureActorOf(req), req.params.section));

  app.post<{ Params: SectionParamsT }>('/api/disclosure/:section/unpublish', {
    schema: { tags, summary: 'Gỡ mục khỏi trang công khai', params: SectionParams, response: { 200: EditorSection } },
    config: manage,
  }, (req) => s.unpublish(disclosureActorOf(req), req.params.section));

  app.post<{ Params: SectionParamsT }>('/api/disclosure/:section/restore', {
    schema: { tags, summary: 'Công khai lại mục đã gỡ', params: SectionParams, response: { 200: EditorSection } },
    config: manage,
  }, (req) => s.restore(disclosureActorOf(req), req.params.section));
}
