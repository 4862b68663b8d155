import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { PasswordReset, RolesBody, DisabledBody } from '../../contracts/auth.schema.js';
import { Created, IdParams, Ok, Role } from '../../contracts/common.schema.js';
import {
  ParentLinkBody, PeoplePage, PeopleQuery, PersonCreateBody, PersonDetail, PersonUpdateBody,
  type ParentLinkBody as ParentLinkBodyT, type PeopleQuery as PeopleQueryT, type PersonCreateBody as PersonCreateBodyT, type PersonUpdateBody as PersonUpdateBodyT,
} from '../../contracts/people.schema.js';
import type { Role as RoleT } from '../../domain/people/person.types.js';
import type { Services } from '../../services.js';
import { actorOf, requirePrincipal } from '../auth.plugin.js';

type IdP = { Params: { id: number } };
const orNull = <T>(v: T | undefined | null): T | null => v ?? null;

/** People (Art. 15.1.i) and their accounts. */
export async function peopleRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const tags = ['people'];

  app.get<{ Querystring: PeopleQueryT }>('/api/people', {
    schema: { tags, summary: 'Tìm học sinh, cán bộ, phụ huynh (không phân biệt dấu)', querystring: PeopleQuery, response: { 200: PeoplePage } },
    config: { access: 'people.read' },
  }, (req) => {
    const q = req.query;
    return services.people.list(requirePrincipal(req), {
      limit: q.limit, offset: q.offset,
      ...(q.kind ? { kind: q.kind } : {}), ...(q.role ? { role: q.role as RoleT } : {}), ...(q.q ? { search: q.q } : {}), ...(q.classId ? { classId: q.classId } : {}),
    });
  });

  app.get<IdP>('/api/people/:id', { schema: { tags, summary: 'Hồ sơ một người', params: IdParams, response: { 200: PersonDetail } }, config: { access: 'people.read' } },
    (req) => services.people.get(requirePrincipal(req), req.params.id));

  app.post<{ Body: PersonCreateBodyT }>('/api/people', { schema: { tags, summary: 'Thêm người và tạo tài khoản', body: PersonCreateBody, response: { 200: Created } }, config: { access: 'people.manage' } },
    async (req) => {
      const b = req.body;
      const { id } = await services.people.create(actorOf(req), {
        kind: b.kind, personalId: b.personalId, citizenId: orNull(b.citizenId), fullName: b.fullName, birthDate: b.birthDate, gender: b.gender,
        phone: b.phone, email: b.email, position: b.position, classId: orNull(b.classId), ...(b.roles ? { roles: b.roles as RoleT[] } : {}),
      });
      return { id };
    });

  app.put<IdP & { Body: PersonUpdateBodyT }>('/api/people/:id', { schema: { tags, summary: 'Sửa hồ sơ (mã định danh không đổi được)', params: IdParams, body: PersonUpdateBody, response: { 200: Ok } }, config: { access: 'people.manage' } },
    async (req) => {
      const current = await services.people.get(requirePrincipal(req), req.params.id);
      await services.people.update(actorOf(req), req.params.id, { ...req.body, kind: current.kind, citizenId: orNull(req.body.citizenId) });
      return { ok: true as const };
    });

  app.post<IdP & { Body: ParentLinkBodyT }>('/api/people/:id/parents', { schema: { tags, summary: 'Liên kết phụ huynh với học sinh', params: IdParams, body: ParentLinkBody, response: { 200: Ok } }, config: { access: 'people.manage' } },
    async (req) => { await services.people.linkParent(actorOf(req), req.body.parentId, req.params.id, req.body.relation); return { ok: true as const }; });

  app.post<IdP>('/api/people/:id/reset-password', {
    schema: { tags, summary: 'Cấp lại mật khẩu tạm (phải đổi khi đăng nhập)', params: IdParams, response: { 200: PasswordReset } },
    config: { access: 'accounts.manage', rateLimit: { max: 60, timeWindow: '1 minute' } },
  }, (req) => services.accounts.resetPassword(actorOf(req), req.params.id));

  app.put<IdP & { Body: { roles: string[] } }>('/api/people/:id/roles', { schema: { tags, summary: 'Vai trò của cán bộ', params: IdParams, body: RolesBody, response: { 200: Type.Object({ roles: Type.Array(Role) }) } }, config: { access: 'accounts.manage' } },
    async (req) => ({ roles: await services.accounts.setStaffRoles(actorOf(req), requirePrincipal(req).roles, req.params.id, req.body.roles as RoleT[]) }));

  app.put<IdP & { Body: { disabled: boolean } }>('/api/people/:id/disabled', { schema: { tags, summary: 'Khoá hoặc mở tài khoản', params: IdParams, body: DisabledBody, response: { 200: Ok } }, config: { access: 'accounts.manage' } },
    async (req) => { await services.accounts.setDisabled(actorOf(req), requirePrincipal(req).roles, req.params.id, req.body.disabled); return { ok: true as const }; });
}
