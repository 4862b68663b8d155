import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { IdParams, Ok } from '../../contracts/common.schema.js';
import {
  AdoptBody, CellBody, ClassSummary, CommentBody, EntriesBody, EntriesReply, Grid, GridQuery, HistoryItem, HistoryQuery, MyStudents, Options,
  ReopenBody, ResultsQuery, SemesterState, StudentResults, SummaryQuery, ColumnsQuery, TargetColumns,
  type ColumnsQuery as ColumnsQueryT,
  type AdoptBody as AdoptBodyT, type CellBody as CellBodyT, type CommentBody as CommentBodyT, type EntriesBody as EntriesBodyT,
  type GridQuery as GridQueryT, type HistoryQuery as HistoryQueryT, type ReopenBody as ReopenBodyT, type ResultsQuery as ResultsQueryT,
  type SummaryQuery as SummaryQueryT,
} from '../../contracts/gradebook.schema.js';
import type { GradebookViewer } from '../../domain/gradebook/gradebook.service.js';
import type { Services } from '../../services.js';
import { actorOf, requirePrincipal } from '../auth.plugin.js';

function viewerOf(req: FastifyRequest): GradebookViewer {
  const p = requirePrincipal(req);
  return { ...actorOf(req), personId: p.personId, roles: p.roles };
}

type IdP = { Params: { id: number } };

/** The gradebook (Circular 22/2021 Art. 6–9, Circular 27/2020 Art. 7; Circular 09/2021 Art. 9.2). */
export async function gradebookRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const s = services.gradebook;
  const tags = ['gradebook'];

  app.get('/api/gradebook/options', {
    schema: { tags, summary: 'Lớp, môn, học kì mà người dùng được mở sổ điểm', response: { 200: Options } },
    config: { access: 'gradebook.read' },
  }, (req) => s.options(viewerOf(req)));

  app.get<{ Querystring: ColumnsQueryT }>('/api/gradebook/columns', {
    schema: { tags, summary: 'Các cột điểm của một môn ở một lớp (để bài kiểm tra, nhiệm vụ, H5P chọn cột)', querystring: ColumnsQuery, response: { 200: TargetColumns } },
    config: { access: 'gradebook.read' },
  }, (req) => s.targetColumns(viewerOf(req), req.query));

  app.get<{ Querystring: GridQueryT }>('/api/gradebook/grid', {
    schema: { tags, summary: 'Bảng điểm một môn của một lớp trong một học kì', querystring: GridQuery, response: { 200: Grid } },
    config: { access: 'gradebook.read' },
  }, (req) => s.grid(viewerOf(req), req.query));

  app.put<{ Body: CellBodyT }>('/api/gradebook/cell', {
    schema: { tags, summary: 'Nhập hoặc xoá một điểm (giáo viên bộ môn của lớp)', body: CellBody, response: { 200: EntriesReply } },
    config: { access: 'gradebook.enter' },
  }, (req) => s.enterCell(viewerOf(req), req.body));

  app.put<{ Body: EntriesBodyT }>('/api/gradebook/cells', {
    schema: { tags, summary: 'Nhập nhiều điểm một lần (tất cả hoặc không)', body: EntriesBody, response: { 200: EntriesReply } },
    config: { access: 'gradebook.enter' },
  }, (req) => s.enter(viewerOf(req), req.body));

  app.post<{ Body: AdoptBodyT }>('/api/gradebook/adopt', {
    schema: { tags, summary: 'Lấy điểm của bài kiểm tra, nhiệm vụ hoặc H5P vào ô điểm', body: AdoptBody, response: { 200: EntriesReply } },
    config: { access: 'gradebook.enter' },
  }, (req) => s.adopt(viewerOf(req), req.body));

  app.put<{ Body: CommentBodyT }>('/api/gradebook/comment', {
    schema: { tags, summary: 'Nhận xét của giáo viên bộ môn', body: CommentBody, response: { 200: Ok } },
    config: { access: 'gradebook.enter' },
  }, (req) => s.comment(viewerOf(req), req.body));

  app.get<{ Querystring: HistoryQueryT }>('/api/gradebook/history', {
    schema: { tags, summary: 'Lịch sử sửa điểm (giá trị cũ → mới, ai, khi nào)', querystring: HistoryQuery, response: { 200: Type.Array(HistoryItem) } },
    config: { access: 'gradebook.read' },
  }, (req) => s.history(viewerOf(req), req.query));

  app.get<{ Querystring: GridQueryT }>('/api/gradebook/export.xlsx', {
    schema: { tags, summary: 'Xuất bảng điểm môn học (.xlsx)', querystring: GridQuery },
    config: { access: 'gradebook.read' },
  }, async (req, reply) => {
    const { fileName, body } = await s.exportSubject(viewerOf(req), req.query);
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', `attachment; filename="${fileName}"`).send(body);
  });

  app.post<IdP>('/api/gradebook/semesters/:id/lock', {
    schema: { tags, summary: 'Hiệu trưởng khoá sổ điểm học kì', params: IdParams, response: { 200: SemesterState } },
    config: { access: 'gradebook.lock' },
  }, (req) => s.lock(viewerOf(req), req.params.id));

  app.post<IdP & { Body: ReopenBodyT }>('/api/gradebook/semesters/:id/reopen', {
    schema: { tags, summary: 'Hiệu trưởng mở lại sổ điểm học kì (ghi lí do)', params: IdParams, body: ReopenBody, response: { 200: SemesterState } },
    config: { access: 'gradebook.lock' },
  }, (req) => s.reopen(viewerOf(req), req.params.id, req.body.reason));

  app.get<{ Querystring: SummaryQueryT }>('/api/gradebook/class-summary', {
    schema: { tags, summary: 'Tổng hợp kết quả học tập của lớp (giáo viên chủ nhiệm)', querystring: SummaryQuery, response: { 200: ClassSummary } },
    config: { access: 'gradebook.read' },
  }, (req) => s.classSummary(viewerOf(req), req.query));

  app.get('/api/gradebook/my-students', {
    schema: { tags, summary: 'Học sinh mà tài khoản được xem kết quả (bản thân, con)', response: { 200: MyStudents } },
    config: { access: 'gradebook.results' },
  }, (req) => s.myStudents(viewerOf(req)));

  app.get<IdP & { Querystring: ResultsQueryT }>('/api/gradebook/students/:id/results', {
    schema: { tags, summary: 'Kết quả học tập của một học sinh', params: IdParams, querystring: ResultsQuery, response: { 200: StudentResults } },
    config: { access: 'gradebook.results' },
  }, (req) => s.studentResults(viewerOf(req), req.params.id, req.query.schoolYearId));
}
