import type {
  AttendanceQuery, AttendanceReport, ClassRangeQuery, ReportScope, StudentProgressReport, TeachingQuery, TeachingReport,
} from '../../contracts/reports.schema.js';
import type { Repos, Transactor } from '../repos.js';
import { DomainError } from '../shared/errors.js';
import { dateText, MOTTO, numText, pctText, type DocSpec, type SheetDoc } from './report-document.js';
import { attendanceFigures, checkRange, pct } from './report-rules.js';
import type { ReportViewer } from './report.types.js';

export interface ReportRenderPorts {
  renderPdf(spec: DocSpec): Promise<Buffer>;
  writeWorkbook(sheets: SheetDoc[]): Promise<Buffer>;
}

const isManager = (v: ReportViewer) => v.roles.includes('principal') || v.roles.includes('vice_principal');

/** A report as a table: what the PDF and the workbook both show. */
interface Tabular {
  title: string;
  subtitle: string;
  fileBase: string;
  columns: { header: string; key: string; type: 'text' | 'number'; weight?: number }[];
  rows: Record<string, string | number | null>[];
}

/**
 * The school's other reports (Art. 9.2.c): teachers' teaching activity, each student's progress
 * in a class, attendance per class and per lesson, over a date range. Scope: the principal and
 * vice principals everything; a teacher their own activity and the classes they teach or are
 * homeroom teacher of.
 */
export class ReportsService {
  constructor(private readonly tx: Transactor, private readonly ports: ReportRenderPorts, private readonly now: () => Date = () => new Date()) {}

  async scope(v: ReportViewer): Promise<ReportScope> {
    return this.tx.read(async (r) => {
      const year = await r.school.currentYear();
      if (!year) return { manager: isManager(v), canFinalize: v.roles.includes('principal'), classes: [], teachers: [], schoolYear: null };
      const all = (await r.school.listClasses(year.id)).sort((a, b) => a.grade - b.grade || a.name.localeCompare(b.name, 'vi', { numeric: true }));
      const mine = isManager(v) ? null : await this.myClassIds(r, v, year.id);
      const teachers = (await r.reports.teachers(year.id)).filter((t) => isManager(v) || t.id === v.personId);
      return {
        manager: isManager(v),
        canFinalize: v.roles.includes('principal'),
        classes: all.filter((c) => !mine || mine.has(c.id)).map((c) => ({ id: c.id, name: c.name, grade: c.grade })),
        teachers: teachers.map((t) => ({ id: t.id, fullName: t.fullName })),
        schoolYear: { id: year.id, name: year.name, startsOn: year.startsOn, endsOn: year.endsOn },
      };
    });
  }

  private async myClassIds(r: Repos, v: ReportViewer, yearId: number): Promise<Set<number>> {
    const { taught, homeroom } = await r.reports.teacherClassIds(v.personId, yearId);
    return new Set([...taught, ...homeroom]);
  }

  /** A class the viewer may report on: unknown → 404, outside the viewer's classes → 403. */
  private async assertClass(r: Repos, v: ReportViewer, classId: number) {
    const cls = await r.school.getClass(classId);
    if (!cls) throw new DomainError('NOT_FOUND', { classId });
    if (isManager(v)) return cls;
    if (!(await this.myClassIds(r, v, cls.schoolYearId)).has(classId)) throw new DomainError('FORBIDDEN', { classId });
    return cls;
  }

  /** Teaching activity per teacher (Art. 9.2.c). A teacher sees only their own row. */
  async teaching(v: ReportViewer, q: TeachingQuery): Promise<TeachingReport> {
    const range = checkRange(q.from, q.to);
    return this.tx.read(async (r) => {
      const year = await r.school.currentYear();
      let teachers = year ? await r.reports.teachers(year.id) : [];
      if (q.teacherId !== undefined) {
        if (!isManager(v) && q.teacherId !== v.personId) throw new DomainError('FORBIDDEN', { teacherId: q.teacherId });
        const person = await r.people.get(q.teacherId);
        if (!person || person.kind !== 'staff') throw new DomainError('NOT_FOUND', { teacherId: q.teacherId });
        teachers = teachers.filter((t) => t.id === q.teacherId);
        if (!teachers.length) teachers = [{ id: person.id, fullName: person.fullName, personalId: person.personalId ?? null, nameKey: person.fullName }];
      } else if (!isManager(v)) {
        const me = teachers.find((t) => t.id === v.personId);
        const person = me ? undefined : await r.people.get(v.personId);
        teachers = me ? [me] : person ? [{ id: person.id, fullName: person.fullName, personalId: person.personalId ?? null, nameKey: person.fullName }] : [];
      }
      const ids = teachers.map((t) => t.id);
      const lessons = (await r.reports.lessons(range.from, range.to)).filter((l) => l.startedAt !== null && (l.status === 'ended' || l.status === 'live'));
      const activity = new Map((await r.reports.teacherActivity(ids, range.from, range.to)).map((a) => [a.teacherId, a]));
      return {
        from: q.from, to: q.to,
        rows: teachers.map((t) => {
          const mine = lessons.filter((l) => l.teacherId === t.id);
          const a = activity.get(t.id);
          return {
            teacherId: t.id, fullName: t.fullName, personalId: t.personalId,
            lessonsHeld: mine.length,
            lessonMinutes: mine.reduce((n, l) => n + (l.endedAt && l.startedAt ? Math.max(0, Math.round((Date.parse(l.endedAt) - Date.parse(l.startedAt)) / 60_000)) : 0), 0),
            materialsAuthored: a?.materialsAuthored ?? 0, materialsApproved: a?.materialsApproved ?? 0,
            tasksGiven: a?.tasksGiven ?? 0, quizzesGiven: a?.quizzesGiven ?? 0, gradingDone: a?.gradingDone ?? 0, answers: a?.answers ?? 0,
          };
        }),
      };
    });
  }

  /**
   * Each student's progress in a class (Art. 9.2.c): attendance at held lessons, tasks for them
   * and submitted, published quizzes for the class and done (mean of each quiz's best attempt),
   * the mean of their gradebook scores in the semesters the range touches, materials opened and
   * completed.
   */
  async studentProgress(v: ReportViewer, q: ClassRangeQuery): Promise<StudentProgressReport> {
    const range = checkRange(q.from, q.to);
    return this.tx.read(async (r) => {
      const cls = await this.assertClass(r, v, q.classId);
      const students = await r.gradebook.classStudents(cls.id);
      const ids = students.map((s) => s.id);
      const lessons = (await r.reports.lessons(range.from, range.to, { classIds: [cls.id] })).filter((l) => l.startedAt !== null && (l.status === 'ended' || l.status === 'live'));
      const present = await r.reports.attendanceByStudent(cls.id, range.from, range.to);
      const tasks = await r.reports.tasks(range.from, range.to, cls.id);
      const quizzes = await r.reports.quizzes(range.from, range.to, cls.id);
      const attempts = await r.reports.attempts(quizzes.map((x) => x.id));
      const semesters = (await r.gradebook.semestersOfYear(cls.schoolYearId)).filter((s) => s.startsOn <= q.to && s.endsOn >= q.from);
      const scores = ids.length && semesters.length ? await r.reports.gradebookScores(ids, semesters.map((s) => s.id)) : [];
      const progress = ids.length ? await r.reports.progress(range.from, range.to, ids) : [];
      return {
        from: q.from, to: q.to, class: { id: cls.id, name: cls.name, grade: cls.grade },
        rows: students.map((s) => {
          const mineTasks = tasks.filter((t) => t.studentIds.includes(s.id));
          const submitted = mineTasks.filter((t) => t.submittedIds.includes(s.id)).length;
          const best = new Map<number, number>();
          for (const a of attempts) {
            if (a.studentId !== s.id || a.status !== 'submitted' || a.score === null || a.maxScore <= 0) continue;
            const p = (a.score / a.maxScore) * 100;
            best.set(a.quizId, Math.max(best.get(a.quizId) ?? 0, p));
          }
          const done = new Set(attempts.filter((a) => a.studentId === s.id && a.status === 'submitted').map((a) => a.quizId));
          const mineScores = scores.filter((x) => x.studentId === s.id);
          const mineProgress = progress.filter((p) => p.studentId === s.id);
          const came = present.get(s.id) ?? 0;
          return {
            studentId: s.id, fullName: s.fullName, personalId: s.personalId,
            lessons: lessons.length, present: came, attendanceRate: pct(came, lessons.length),
            tasks: mineTasks.length, tasksSubmitted: submitted, taskRate: pct(submitted, mineTasks.length),
            quizzes: quizzes.length, quizzesDone: done.size,
            quizAveragePct: best.size ? Math.round(([...best.values()].reduce((a, b) => a + b, 0) / best.size) * 10) / 10 : null,
            gradebookAverage: mineScores.length ? Math.round(mineScores.reduce((n, x) => n + x.scoreTenths, 0) / mineScores.length) / 10 : null,
            gradebookScores: mineScores.length,
            materialsOpened: mineProgress.length,
            materialsCompleted: mineProgress.filter((p) => p.completedAt !== null && p.completedAt >= range.from && p.completedAt < range.to).length,
          };
        }),
      };
    });
  }

  /** Attendance per class and per held lesson (Art. 8.1.b). Without a class: every class in the viewer's scope. */
  async attendance(v: ReportViewer, q: AttendanceQuery): Promise<AttendanceReport> {
    const range = checkRange(q.from, q.to);
    return this.tx.read(async (r) => {
      let classIds: number[] | undefined;
      if (q.classId !== undefined) {
        await this.assertClass(r, v, q.classId);
        classIds = [q.classId];
      } else if (!isManager(v)) {
        const year = await r.school.currentYear();
        classIds = year ? [...(await this.myClassIds(r, v, year.id))] : [];
      }
      const lessons = classIds && classIds.length === 0 ? [] : await r.reports.lessons(range.from, range.to, classIds ? { classIds } : {});
      const f = attendanceFigures(lessons);
      return { from: q.from, to: q.to, byClass: f.byClass, byLesson: f.byLesson };
    });
  }

  // -------------------------------------------------------------------------------------------
  // Files

  async teachingFile(v: ReportViewer, q: TeachingQuery, format: 'pdf' | 'xlsx') {
    const rep = await this.teaching(v, q);
    return this.render(format, {
      title: 'BÁO CÁO HOẠT ĐỘNG DẠY HỌC CỦA GIÁO VIÊN', subtitle: period(q), fileBase: `hoat-dong-day-hoc-${q.from}-${q.to}`,
      columns: [
        { header: 'STT', key: 'stt', type: 'number', weight: 0.5 }, { header: 'Họ và tên', key: 'name', type: 'text', weight: 2.2 },
        { header: 'Buổi dạy trực tuyến', key: 'lessons', type: 'number' }, { header: 'Số phút', key: 'minutes', type: 'number' },
        { header: 'Học liệu soạn', key: 'authored', type: 'number' }, { header: 'Học liệu được duyệt', key: 'approved', type: 'number' },
        { header: 'Nhiệm vụ giao', key: 'tasks', type: 'number' }, { header: 'Bài kiểm tra', key: 'quizzes', type: 'number' },
        { header: 'Lượt chấm bài', key: 'grading', type: 'number' }, { header: 'Trả lời hỏi đáp', key: 'answers', type: 'number' },
      ],
      rows: rep.rows.map((x, i) => ({
        stt: i + 1, name: x.fullName, lessons: x.lessonsHeld, minutes: x.lessonMinutes, authored: x.materialsAuthored, approved: x.materialsApproved,
        tasks: x.tasksGiven, quizzes: x.quizzesGiven, grading: x.gradingDone, answers: x.answers,
      })),
    });
  }

  async studentProgressFile(v: ReportViewer, q: ClassRangeQuery, format: 'pdf' | 'xlsx') {
    const rep = await this.studentProgress(v, q);
    return this.render(format, {
      title: `BÁO CÁO TIẾN ĐỘ HỌC TẬP CỦA HỌC SINH LỚP ${rep.class.name}`, subtitle: period(q), fileBase: `tien-do-hoc-tap-lop-${safe(rep.class.name)}-${q.from}-${q.to}`,
      columns: [
        { header: 'STT', key: 'stt', type: 'number', weight: 0.5 }, { header: 'Họ và tên', key: 'name', type: 'text', weight: 2.2 },
        { header: 'Có mặt / buổi', key: 'att', type: 'text' }, { header: 'Chuyên cần', key: 'attRate', type: 'text' },
        { header: 'Nhiệm vụ nộp / giao', key: 'tasks', type: 'text' }, { header: 'Bài kiểm tra làm / giao', key: 'quizzes', type: 'text' },
        { header: 'Điểm kiểm tra TB', key: 'quizPct', type: 'text' }, { header: 'Điểm TB sổ điểm', key: 'gb', type: 'text' },
        { header: 'Học liệu mở / xong', key: 'mat', type: 'text' },
      ],
      rows: rep.rows.map((x, i) => ({
        stt: i + 1, name: x.fullName, att: `${x.present}/${x.lessons}`, attRate: pctText(x.attendanceRate), tasks: `${x.tasksSubmitted}/${x.tasks}`,
        quizzes: `${x.quizzesDone}/${x.quizzes}`, quizPct: pctText(x.quizAveragePct),
        gb: x.gradebookAverage === null ? '—' : x.gradebookAverage.toLocaleString('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
        mat: `${x.materialsOpened}/${x.materialsCompleted}`,
      })),
    });
  }

  async attendanceFile(v: ReportViewer, q: AttendanceQuery, format: 'pdf' | 'xlsx') {
    const rep = await this.attendance(v, q);
    const byClass: Tabular = {
      title: 'BÁO CÁO CHUYÊN CẦN HỌC TRỰC TUYẾN', subtitle: period(q), fileBase: `chuyen-can-${q.from}-${q.to}`,
      columns: [
        { header: 'Lớp', key: 'c', type: 'text', weight: 1.5 }, { header: 'Số buổi', key: 'l', type: 'number' }, { header: 'Lượt theo danh sách', key: 'e', type: 'number' },
        { header: 'Lượt có mặt', key: 'p', type: 'number' }, { header: 'Tỉ lệ', key: 'r', type: 'text' },
      ],
      rows: rep.byClass.map((x) => ({ c: x.className, l: x.lessons, e: x.expected, p: x.present, r: pctText(x.rate) })),
    };
    const byLesson: Tabular = {
      ...byClass,
      columns: [
        { header: 'Ngày', key: 'd', type: 'text' }, { header: 'Lớp', key: 'c', type: 'text' }, { header: 'Môn', key: 's', type: 'text', weight: 1.5 },
        { header: 'Giáo viên', key: 't', type: 'text', weight: 2 }, { header: 'Sĩ số', key: 'e', type: 'number' }, { header: 'Có mặt', key: 'p', type: 'number' },
        { header: 'Tỉ lệ', key: 'r', type: 'text' },
      ],
      rows: rep.byLesson.map((x) => ({ d: dateText(x.date), c: x.className, s: x.subjectName, t: x.teacherName, e: x.expected, p: x.present, r: pctText(x.rate) })),
    };
    return this.render(format, byClass, [{ heading: 'Theo từng buổi học', sheet: 'Theo buổi học', table: byLesson }]);
  }

  private async render(format: 'pdf' | 'xlsx', t: Tabular, more: { heading: string; sheet: string; table: Tabular }[] = []): Promise<{ fileName: string; body: Buffer }> {
    const school = await this.tx.read((r) => r.school.getSchool());
    const schoolName = school?.name ?? '';
    const cell = (v: string | number | null) => (v === null ? '—' : typeof v === 'number' ? numText(v) : v);
    const tableBlock = (x: Tabular) => ({
      kind: 'table' as const,
      columns: x.columns.map((c) => ({ header: c.header, weight: c.weight ?? 1, align: c.type === 'number' ? 'right' as const : 'left' as const })),
      rows: x.rows.map((row) => x.columns.map((c) => cell(row[c.key] ?? null))),
      emptyText: 'Không có số liệu',
    });
    if (format === 'pdf') {
      const body = await this.ports.renderPdf({
        title: t.title, letterhead: [...MOTTO, schoolName], subtitle: t.subtitle, author: schoolName, createdAt: this.now().toISOString(),
        footer: `${schoolName} — ${t.subtitle}`, landscape: true,
        blocks: [tableBlock(t), ...more.flatMap((m) => [{ kind: 'heading' as const, text: m.heading, level: 2 as const }, tableBlock(m.table)])],
      });
      return { fileName: `${t.fileBase}.pdf`, body };
    }
    const sheet = (name: string, x: Tabular): SheetDoc => ({
      name, title: `${x.title} — ${x.subtitle}`,
      columns: x.columns.map((c) => ({ header: c.header, key: c.key, type: c.type, width: Math.max(10, Math.round((c.weight ?? 1) * 14)) })),
      rows: x.rows,
    });
    const body = await this.ports.writeWorkbook([sheet('Báo cáo', t), ...more.map((m) => sheet(m.sheet, m.table))]);
    return { fileName: `${t.fileBase}.xlsx`, body };
  }
}

const period = (q: { from: string; to: string }) => `Từ ngày ${dateText(q.from)} đến ngày ${dateText(q.to)}`;
const safe = (s: string) => s.replace(/[^0-9A-Za-z-]/g, '');
