import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { Created, IdParams, Ok } from '../../contracts/common.schema.js';
import {
  AssignmentBody, ClassBody, School, SchoolBody, SchoolClass, SchoolYear, SchoolYearBody, Subject, SubjectBody, SubjectGroup, SubjectGroupBody,
  type AssignmentBody as AssignmentBodyT, type ClassBody as ClassBodyT, type SchoolBody as SchoolBodyT, type SchoolYearBody as SchoolYearBodyT,
  type SubjectBody as SubjectBodyT, type SubjectGroupBody as SubjectGroupBodyT,
} from '../../contracts/school.schema.js';
import type { Services } from '../../services.js';
import { actorOf, requirePrincipal } from '../auth.plugin.js';

type IdP = { Params: { id: number } };
const periods = (p: Record<string, number>) => Object.fromEntries(Object.entries(p).map(([g, n]) => [Number(g), n]));

/** School structure (Art. 15.1.d). Handlers validate, call one service method and shape the reply. */
export async function schoolRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const s = services.school;
  const tags = ['school'];

  app.get('/api/school', { schema: { tags, summary: 'Thông tin nhà trường', response: { 200: School } }, config: { access: 'self' } }, () => s.school());
  app.put<{ Body: SchoolBodyT }>('/api/school', { schema: { tags, summary: 'Sửa thông tin nhà trường', body: SchoolBody, response: { 200: Ok } }, config: { access: 'school.manage' } },
    async (req) => { await s.updateSchool(actorOf(req), req.body); return { ok: true as const }; });

  app.get('/api/school-years', { schema: { tags, summary: 'Năm học và học kì', response: { 200: Type.Array(SchoolYear) } }, config: { access: 'self' } }, () => s.listYears());
  app.post<{ Body: SchoolYearBodyT }>('/api/school-years', { schema: { tags, summary: 'Thêm năm học', body: SchoolYearBody, response: { 200: Created } }, config: { access: 'school.manage' } },
    async (req) => ({ id: await s.createYear(actorOf(req), req.body) }));
  app.put<IdP & { Body: SchoolYearBodyT }>('/api/school-years/:id', { schema: { tags, summary: 'Sửa năm học', params: IdParams, body: SchoolYearBody, response: { 200: Ok } }, config: { access: 'school.manage' } },
    async (req) => { await s.updateYear(actorOf(req), req.params.id, req.body); return { ok: true as const }; });

  app.get('/api/subject-groups', { schema: { tags, summary: 'Tổ chuyên môn', response: { 200: Type.Array(SubjectGroup) } }, config: { access: 'school.read' } }, () => s.listGroups());
  app.post<{ Body: SubjectGroupBodyT }>('/api/subject-groups', { schema: { tags, summary: 'Thêm tổ chuyên môn', body: SubjectGroupBody, response: { 200: Created } }, config: { access: 'school.manage' } },
    async (req) => ({ id: await s.saveGroup(actorOf(req), null, req.body.name, req.body.leaderId, req.body.memberIds) }));
  app.put<IdP & { Body: SubjectGroupBodyT }>('/api/subject-groups/:id', { schema: { tags, summary: 'Sửa tổ chuyên môn, tổ trưởng, thành viên', params: IdParams, body: SubjectGroupBody, response: { 200: Ok } }, config: { access: 'school.manage' } },
    async (req) => { await s.saveGroup(actorOf(req), req.params.id, req.body.name, req.body.leaderId, req.body.memberIds); return { ok: true as const }; });

  app.get<{ Querystring: { grade?: number } }>('/api/subjects', {
    schema: { tags, summary: 'Môn học theo khối, số tiết/năm', querystring: Type.Object({ grade: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })) }), response: { 200: Type.Array(Subject) } },
    config: { access: 'self' },
  }, (req) => s.listSubjects(req.query.grade));
  app.post<{ Body: SubjectBodyT }>('/api/subjects', { schema: { tags, summary: 'Thêm môn học', body: SubjectBody, response: { 200: Created } }, config: { access: 'school.manage' } },
    async (req) => ({ id: await s.saveSubject(actorOf(req), null, { ...req.body, periods: periods(req.body.periods) }) }));
  app.put<IdP & { Body: SubjectBodyT }>('/api/subjects/:id', { schema: { tags, summary: 'Sửa môn học', params: IdParams, body: SubjectBody, response: { 200: Ok } }, config: { access: 'school.manage' } },
    async (req) => { await s.saveSubject(actorOf(req), req.params.id, { ...req.body, periods: periods(req.body.periods) }); return { ok: true as const }; });

  app.get<{ Querystring: { yearId?: number; grade?: number } }>('/api/classes', {
    schema: { tags, summary: 'Danh sách lớp (cảnh báo sĩ số vượt quy định)', querystring: Type.Object({ yearId: Type.Optional(Type.Integer({ minimum: 1 })), grade: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })) }), response: { 200: Type.Array(SchoolClass) } },
    config: { access: 'school.read' },
  }, (req) => s.listClasses(req.query.yearId, req.query.grade === undefined ? undefined : { grade: req.query.grade }));
  app.get<IdP>('/api/classes/:id', { schema: { tags, summary: 'Một lớp', params: IdParams, response: { 200: SchoolClass } }, config: { access: 'school.read' } }, (req) => s.getClass(req.params.id));
  app.post<{ Body: ClassBodyT }>('/api/classes', { schema: { tags, summary: 'Thêm lớp', body: ClassBody, response: { 200: Created } }, config: { access: 'school.manage' } },
    async (req) => ({ id: await s.saveClass(actorOf(req), null, req.body) }));
  app.put<IdP & { Body: ClassBodyT }>('/api/classes/:id', { schema: { tags, summary: 'Sửa lớp, giáo viên chủ nhiệm', params: IdParams, body: ClassBody, response: { 200: Ok } }, config: { access: 'school.manage' } },
    async (req) => { await s.saveClass(actorOf(req), req.params.id, req.body); return { ok: true as const }; });

  app.post<IdP & { Querystring: { reissueAll: boolean } }>('/api/classes/:id/password-slips', {
    schema: { tags, summary: 'In phiếu mật khẩu tạm cho học sinh của lớp (.xlsx)', params: IdParams, querystring: Type.Object({ reissueAll: Type.Boolean({ default: false }) }) },
    config: { access: 'class.password_slips', rateLimit: { max: 10, timeWindow: '1 minute' } },
  }, async (req, reply) => {
    const p = requirePrincipal(req);
    const { className, slips } = await services.passwordSlips.issueForClass({ ...actorOf(req), personId: p.personId, roles: p.roles }, req.params.id, { reissueAll: req.query.reissueAll });
    const data = await services.passwordSlips.workbook(className, slips, `https://${req.hostname}`);
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="phieu-mat-khau-${className}.xlsx"`).header('x-slip-count', String(slips.length)).send(data);
  });

  app.get<{ Querystring: { classId?: number; teacherId?: number } }>('/api/assignments', {
    schema: { tags, summary: 'Phân công giảng dạy', querystring: Type.Object({ classId: Type.Optional(Type.Integer({ minimum: 1 })), teacherId: Type.Optional(Type.Integer({ minimum: 1 })) }), response: { 200: Type.Array(Type.Object({ id: Type.Integer(), classId: Type.Integer(), className: Type.String(), subjectId: Type.Integer(), subjectName: Type.String(), teacherId: Type.Integer(), teacherName: Type.String() })) } },
    config: { access: 'school.read' },
  }, (req) => s.listAssignments(req.query));
  app.post<{ Body: AssignmentBodyT }>('/api/assignments', { schema: { tags, summary: 'Phân công giáo viên dạy môn ở lớp', body: AssignmentBody, response: { 200: Created } }, config: { access: 'school.manage' } },
    async (req) => ({ id: await s.assign(actorOf(req), req.body.classId, req.body.subjectId, req.body.teacherId) }));
  app.delete<IdP>('/api/assignments/:id', { schema: { tags, summary: 'Bỏ phân công', params: IdParams, response: { 200: Ok } }, config: { access: 'school.manage' } },
    async (req) => { await s.unassign(actorOf(req), req.params.id); return { ok: true as const }; });
}
