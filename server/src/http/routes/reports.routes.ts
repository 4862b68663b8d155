import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { IdParams } from '../../contracts/common.schema.js';
import {
  AttendanceQuery, AttendanceReport, ClassRangeQuery, CreateReportBody, FileParams, ReportScope, ReportTextBody, SemesterReport, SemesterReportList,
  StudentProgressReport, TeachingQuery, TeachingReport,
  type AttendanceQuery as AttendanceQueryT, type ClassRangeQuery as ClassRangeQueryT, type CreateReportBody as CreateReportBodyT,
  type FileParams as FileParamsT, type ReportTextBody as ReportTextBodyT, type TeachingQuery as TeachingQueryT,
} from '../../contracts/reports.schema.js';
import type { ReportViewer } from '../../domain/reports/report.types.js';
import type { Services } from '../../services.js';
import { actorOf, requirePrincipal } from '../auth.plugin.js';

function viewerOf(req: FastifyRequest): ReportViewer {
  const p = requirePrincipal(req);
  return { ...actorOf(req), personId: p.personId, roles: p.roles };
}

const TYPES = { pdf: 'application/pdf', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

/** A file download with its Vietnamese-safe name (RFC 6266 / 5987). */
function sendFile(reply: FastifyReply, format: 'pdf' | 'xlsx', f: { fileName: string; body: Buffer }) {
  const ascii = f.fileName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^\w.-]/g, '_');
  return reply.type(TYPES[format])
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
    .header('cache-control', 'no-store')
    .send(f.body);
}

type IdP = { Params: { id: number } };

/** Reports (Art. 9.2.c) and the twice-yearly evaluation report (Art. 15.6). */
export async function reportsRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const sem = services.semesterReports;
  const rep = services.reports;
  const tags = ['reports'];

  app.get('/api/reports/scope', {
    schema: { tags, summary: 'Lớp và giáo viên người dùng được xem báo cáo', response: { 200: ReportScope } },
    config: { access: 'reports.read' },
  }, (req) => rep.scope(viewerOf(req)));

  // ----- The semester evaluation report (Art. 15.6)

  app.get('/api/reports/semester', {
    schema: { tags, summary: 'Các học kì và trạng thái báo cáo đánh giá', response: { 200: SemesterReportList } },
    config: { access: 'reports.semester' },
  }, (req) => sem.semesters(viewerOf(req)));

  app.post<{ Body: CreateReportBodyT }>('/api/reports/semester', {
    schema: { tags, summary: 'Mở (hoặc tạo bản nháp) báo cáo đánh giá của một học kì', body: CreateReportBody, response: { 200: SemesterReport } },
    config: { access: 'reports.semester' },
  }, (req) => sem.open(viewerOf(req), req.body.semesterId));

  app.get<IdP>('/api/reports/semester/:id', {
    schema: { tags, summary: 'Báo cáo đánh giá: số liệu và nội dung', params: IdParams, response: { 200: SemesterReport } },
    config: { access: 'reports.semester' },
  }, (req) => sem.get(viewerOf(req), req.params.id));

  app.put<IdP & { Body: ReportTextBodyT }>('/api/reports/semester/:id', {
    schema: { tags, summary: 'Lưu khó khăn, nguyên nhân, đề xuất và nơi nhận (bản nháp)', params: IdParams, body: ReportTextBody, response: { 200: SemesterReport } },
    config: { access: 'reports.semester' },
  }, (req) => sem.updateText(viewerOf(req), req.params.id, req.body));

  app.post<IdP>('/api/reports/semester/:id/recompute', {
    schema: { tags, summary: 'Tính lại số liệu từ hệ thống (bản nháp)', params: IdParams, response: { 200: SemesterReport } },
    config: { access: 'reports.semester' },
  }, (req) => sem.recompute(viewerOf(req), req.params.id));

  app.post<IdP>('/api/reports/semester/:id/finalize', {
    schema: { tags, summary: 'Hiệu trưởng chốt báo cáo: lưu PDF, bảng tính và đưa vào hồ sơ lưu trữ', params: IdParams, response: { 200: SemesterReport } },
    config: { access: 'reports.finalize' },
  }, (req) => sem.finalize(viewerOf(req), req.params.id));

  app.get<{ Params: FileParamsT }>('/api/reports/semester/:id/file/:format', {
    schema: { tags, summary: 'Tải tệp PDF hoặc bảng tính của báo cáo đã chốt', params: FileParams },
    config: { access: 'reports.semester' },
  }, async (req, reply) => sendFile(reply, req.params.format, await sem.file(viewerOf(req), req.params.id, req.params.format)));

  // ----- Other reports (Art. 9.2.c): JSON, or ?format=pdf|xlsx

  app.get<{ Querystring: TeachingQueryT }>('/api/reports/teaching', {
    schema: { tags, summary: 'Hoạt động dạy học của giáo viên', querystring: TeachingQuery, response: { 200: TeachingReport } },
    config: { access: 'reports.read' },
  }, async (req, reply) => {
    const f = req.query.format;
    return f && f !== 'json' ? sendFile(reply, f, await rep.teachingFile(viewerOf(req), req.query, f)) : rep.teaching(viewerOf(req), req.query);
  });

  app.get<{ Querystring: ClassRangeQueryT }>('/api/reports/student-progress', {
    schema: { tags, summary: 'Tiến độ học tập của từng học sinh trong lớp', querystring: ClassRangeQuery, response: { 200: StudentProgressReport } },
    config: { access: 'reports.read' },
  }, async (req, reply) => {
    const f = req.query.format;
    return f && f !== 'json' ? sendFile(reply, f, await rep.studentProgressFile(viewerOf(req), req.query, f)) : rep.studentProgress(viewerOf(req), req.query);
  });

  app.get<{ Querystring: AttendanceQueryT }>('/api/reports/attendance', {
    schema: { tags, summary: 'Chuyên cần theo lớp và theo buổi học', querystring: AttendanceQuery, response: { 200: AttendanceReport } },
    config: { access: 'reports.read' },
  }, async (req, reply) => {
    const f = req.query.format;
    return f && f !== 'json' ? sendFile(reply, f, await rep.attendanceFile(viewerOf(req), req.query, f)) : rep.attendance(viewerOf(req), req.query);
  });
}
