import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Knex } from 'knex';
import t from 'tap';
import { buildTestApp } from '../helpers/app.js';
import { dialects } from '../helpers/db.js';
import { DEMO_PRINCIPAL_ID, DEMO_STUDENT_ID, DEMO_TEACHER_ID, DEMO_VICE_PRINCIPAL_ID } from '../../server/src/domain/demo/demo-school.js';
import type { SemesterReport } from '../../server/src/contracts/reports.schema.js';
import { SemesterReportService } from '../../server/src/domain/reports/semester-report.service.js';
import { FsReportFileStore } from '../../server/src/data/report-files.js';
import { renderPdf } from '../../server/src/data/pdf-document.js';
import { writeWorkbook } from '../../server/src/data/spreadsheet.js';
import { DomainError } from '../../server/src/domain/shared/errors.js';
import fs from 'node:fs';

/**
 * The semester report's figures match the stored data (issue 5, Art. 15.6): known lessons,
 * attendance, reviews, progress, quizzes, tasks, gradebook cells, device buckets and alerts are
 * inserted into semester II of the demo school (where the demo seeds nothing), and every figure is
 * checked against them. Then: finalize freezes the report (PDF and .xlsx read back, archived), a
 * finalized report refuses every change, and the scopes of the other reports hold.
 */
const dir = mkdtempSync(path.join(tmpdir(), 'ph-reports-'));
const pdfText = (buf: Buffer, name: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, buf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
};
const at = (s: string) => new Date(s).toISOString();

async function personId(k: Knex, personalId: string): Promise<number> {
  return Number((await k('people').where({ personal_id: personalId }).first('id')).id);
}

for (const dialect of dialects()) {
  t.test(`semester report and other reports (${dialect})`, async (t) => {
    const { database, login } = await buildTestApp(t, dialect, { demo: 'small' });
    const k = database.db.knex;
    const principal = await login(DEMO_PRINCIPAL_ID);
    const vice = await login(DEMO_VICE_PRINCIPAL_ID);
    const teacher = await login(DEMO_TEACHER_ID);
    const student = await login(DEMO_STUDENT_ID);
    const teacherId = await personId(k, DEMO_TEACHER_ID);
    const principalId = await personId(k, DEMO_PRINCIPAL_ID);

    const sem2 = await k('semesters').where({ number: 2 }).first();
    t.equal(sem2.starts_on, '2027-01-11');
    const classA = await k('classes').where({ homeroom_teacher_id: teacherId }).first();
    const classB = await k('classes').where({ grade: classA.grade }).whereNot({ id: classA.id }).first();
    const studentsA = (await k('enrolments').where({ class_id: classA.id }).orderBy('student_id').select('student_id')).map((r) => Number(r.student_id));
    const studentsB = (await k('enrolments').where({ class_id: classB.id }).select('student_id')).map((r) => Number(r.student_id));
    const nA = studentsA.length;
    const nB = studentsB.length;
    t.ok(nA >= 8 && nB >= 2, `${nA} and ${nB} students`);
    const pct = (a: number, b: number) => Math.round((a * 1000) / b) / 10;
    const toan = await k('subjects').where({ code: 'TOAN' }).first().then((s) => s ?? k('subjects').where('name', 'Toán').first());
    const van = await k('subjects').whereNot({ id: toan.id }).where('assessment', 'score').first();
    const otherTeacher = Number((await k('teaching_assignments').whereNot({ teacher_id: teacherId }).first('teacher_id')).teacher_id);
    // Class B must not be the teacher's (homeroom or taught) for the scope checks below.
    const bTaught = await k('teaching_assignments').where({ class_id: classB.id, teacher_id: teacherId }).first();
    t.notOk(bTaught, 'the demo teacher does not teach the other class');

    // --- The draft before anything is inserted: no lessons, no attendance in semester II.
    const open0 = await principal.request({ method: 'POST', url: '/api/reports/semester', payload: { semesterId: Number(sem2.id) } });
    t.equal(open0.statusCode, 200, open0.body);
    const r0 = open0.json() as SemesterReport;
    t.equal(r0.status, 'draft');
    t.equal(r0.figures.lessons.scheduled, 0);
    t.equal(r0.figures.attendance.lessons, 0);
    t.equal(r0.figures.materials.approved, 0);
    t.equal(r0.figures.assessments.quizzes.held, 0);
    t.equal(r0.figures.assessments.tasks.given, 0);
    t.ok(r0.addressee.includes('Sở Giáo dục và Đào tạo'), 'addressed to the provincial department by default');
    t.equal(r0.figures.planVersusActual, null, 'no plan yet, nothing held');
    const again = await principal.request({ method: 'POST', url: '/api/reports/semester', payload: { semesterId: Number(sem2.id) } });
    t.equal((again.json() as SemesterReport).id, r0.id, 'one report per semester');

    // --- Lessons and attendance.
    const lesson = async (o: { classId: number; subjectId: number; teacher: number; mode: string; status: string; starts: string; minutes?: number }) => {
      const starts = at(o.starts);
      const ends = new Date(Date.parse(starts) + 45 * 60_000).toISOString();
      const row: Record<string, unknown> = {
        class_id: o.classId, subject_id: o.subjectId, teacher_id: o.teacher, topic: 'Bài học', starts_at: starts, ends_at: ends, mode: o.mode, status: o.status,
        created_at: at('2027-01-12T00:00:00Z'),
      };
      if (o.minutes !== undefined) Object.assign(row, { started_at: starts, ended_at: new Date(Date.parse(starts) + o.minutes * 60_000).toISOString() });
      if (o.status === 'cancelled') Object.assign(row, { cancelled_at: starts, cancel_reason: 'Mất điện' });
      const [r] = await k('live_lessons').insert(row).returning('id');
      return Number(typeof r === 'object' ? r.id : r);
    };
    const attend = (lessonId: number, person: number, joined: string, left: string) =>
      k('live_attendance').insert({ lesson_id: lessonId, person_id: person, joined_at: at(joined), left_at: at(left), reconnects: 0 });

    const L1 = await lesson({ classId: classA.id, subjectId: toan.id, teacher: teacherId, mode: 'supporting', status: 'ended', starts: '2027-02-01T01:00:00Z', minutes: 45 });
    const L2 = await lesson({ classId: classA.id, subjectId: toan.id, teacher: teacherId, mode: 'replacing', status: 'ended', starts: '2027-03-02T01:00:00Z', minutes: 40 });
    await lesson({ classId: classA.id, subjectId: toan.id, teacher: teacherId, mode: 'supporting', status: 'cancelled', starts: '2027-03-03T01:00:00Z' });
    await lesson({ classId: classA.id, subjectId: toan.id, teacher: teacherId, mode: 'supporting', status: 'scheduled', starts: '2027-05-20T01:00:00Z' });
    const L5 = await lesson({ classId: classB.id, subjectId: van.id, teacher: otherTeacher, mode: 'supporting', status: 'ended', starts: '2027-02-03T02:00:00Z', minutes: 30 });
    // Outside the semester (semester I): never counted.
    await lesson({ classId: classA.id, subjectId: toan.id, teacher: teacherId, mode: 'supporting', status: 'ended', starts: '2026-12-01T01:00:00Z', minutes: 45 });
    // L1: three students, one of them twice (a reconnect), and the teacher (not a student of the class).
    await attend(L1, studentsA[0]!, '2027-02-01T01:00:00Z', '2027-02-01T01:20:00Z');
    await attend(L1, studentsA[0]!, '2027-02-01T01:25:00Z', '2027-02-01T01:45:00Z');
    await attend(L1, studentsA[1]!, '2027-02-01T01:02:00Z', '2027-02-01T01:45:00Z');
    await attend(L1, studentsA[2]!, '2027-02-01T01:10:00Z', '2027-02-01T01:45:00Z');
    await attend(L1, teacherId, '2027-02-01T00:58:00Z', '2027-02-01T01:45:00Z');
    // L2: the whole class. A student of class B joining L2 does not count for class A.
    for (const s of studentsA) await attend(L2, s, '2027-03-02T01:00:00Z', '2027-03-02T01:40:00Z');
    await attend(L2, studentsB[0]!, '2027-03-02T01:00:00Z', '2027-03-02T01:40:00Z');
    void L5; // nobody came

    // --- Materials: reviews and use.
    const material = async (publishedAt: string | null) => {
      const [m] = await k('materials').insert({ subject_id: toan.id, grade: classA.grade, kind: 'lecture', owner_id: teacherId, created_at: at('2027-02-09T00:00:00Z'), updated_at: at('2027-02-09T00:00:00Z'), published_at: publishedAt ? at(publishedAt) : null }).returning('id');
      const id = Number(typeof m === 'object' ? m.id : m);
      const [v] = await k('material_versions').insert({
        material_id: id, number: 1, status: publishedAt ? 'published' : 'returned', title: 'Phân số', author: 'GV', licence: 'CC BY', search_key: 'phan so', content_type: 'page',
        page_html: '<p>x</p>', created_by: teacherId, created_at: at('2027-02-09T00:00:00Z'), updated_at: at('2027-02-09T00:00:00Z'),
      }).returning('id');
      const vid = Number(typeof v === 'object' ? v.id : v);
      if (publishedAt) await k('materials').where({ id }).update({ published_version_id: vid });
      return { id, vid };
    };
    const review = (m: { id: number; vid: number }, action: string, when: string) =>
      k('material_reviews').insert({ material_id: m.id, version_id: m.vid, action, to_status: action, actor_id: principalId, at: at(when) });
    const publishedBefore = Number((await k('materials').whereNotNull('published_version_id').count({ n: '*' }).first())!.n);
    const m1 = await material('2027-02-12T03:00:00Z');
    const m2 = await material(null);
    await review(m1, 'submit', '2027-02-10T03:00:00Z');
    await review(m1, 'pass', '2027-02-11T03:00:00Z');
    await review(m1, 'approve', '2027-02-12T03:00:00Z');
    await review(m2, 'submit', '2027-02-10T04:00:00Z');
    await review(m2, 'return', '2027-02-11T04:00:00Z');
    await review(m2, 'approve', '2026-12-20T04:00:00Z'); // semester I: not counted
    const progress = (s: number, m: number, first: string, last: string, completed: string | null, ms: number) => k('progress_records').insert({
      student_id: s, material_id: m, first_opened_at: at(first), last_seen_at: at(last), open_count: 1, active_ms: ms, credited_until: at(last), completed_at: completed ? at(completed) : null,
    });
    await progress(studentsA[0]!, m1.id, '2027-02-13T01:00:00Z', '2027-02-20T01:00:00Z', '2027-02-20T01:00:00Z', 600_000);
    await progress(studentsA[1]!, m1.id, '2027-02-14T01:00:00Z', '2027-02-14T01:30:00Z', null, 120_000);
    await progress(studentsA[2]!, m2.id, '2026-11-01T01:00:00Z', '2026-12-01T01:00:00Z', '2026-12-01T01:00:00Z', 999_000); // semester I

    // --- Quizzes and attempts.
    const quiz = async (kind: string, status: string, opens: string) => {
      const [q] = await k('quizzes').insert({
        title: 'Kiểm tra', subject_id: toan.id, grade: classA.grade, kind, matrix: '[]', opens_at: at(opens), closes_at: new Date(Date.parse(opens) + 3_600_000).toISOString(),
        time_limit_minutes: 15, feedback: 'score', status, created_by_id: teacherId, created_at: at('2027-02-01T00:00:00Z'), updated_at: at('2027-02-01T00:00:00Z'),
      }).returning('id');
      const id = Number(typeof q === 'object' ? q.id : q);
      await k('quiz_classes').insert({ quiz_id: id, class_id: classA.id });
      return id;
    };
    const attempt = (quizId: number, s: number, n: number, status: string, score: number | null) => k('quiz_attempts').insert({
      quiz_id: quizId, student_id: s, number: n, seed: 'x', questions: '[]', started_at: at('2027-02-15T02:00:00Z'), deadline_at: at('2027-02-15T02:15:00Z'),
      status, submitted_at: status === 'submitted' ? at('2027-02-15T02:10:00Z') : null, score, max_score: 10,
    });
    const q1 = await quiz('regular', 'published', '2027-02-15T02:00:00Z');
    await quiz('midterm', 'published', '2027-03-10T02:00:00Z');
    await quiz('regular', 'draft', '2027-03-11T02:00:00Z');
    await attempt(q1, studentsA[0]!, 1, 'submitted', 8);
    await attempt(q1, studentsA[1]!, 1, 'submitted', 6);
    await attempt(q1, studentsA[2]!, 1, 'in_progress', null);

    // --- Tasks.
    const task = async (audience: string, opens: string, deleted = false) => {
      const [r] = await k('tasks').insert({
        class_id: classA.id, subject_id: toan.id, teacher_id: teacherId, title: 'Bài tập', audience, opens_at: at(opens), due_at: new Date(Date.parse(at(opens)) + 86_400_000 * 3).toISOString(),
        late_policy: 'accept', resubmission: 'until_graded', created_at: at(opens), updated_at: at(opens), deleted_at: deleted ? at(opens) : null,
      }).returning('id');
      return Number(typeof r === 'object' ? r.id : r);
    };
    const submit = (taskId: number, s: number, version: number) => k('task_submissions').insert({ task_id: taskId, student_id: s, version, submitted_at: at('2027-02-06T01:00:00Z'), late: false, text: 'bài làm' });
    const grade = (taskId: number, s: number, status: string) => k('task_grades').insert({ task_id: taskId, student_id: s, status, score: status === 'graded' ? 8 : null, graded_by_id: teacherId, graded_at: at('2027-02-07T01:00:00Z') });
    const T1 = await task('class', '2027-02-05T01:00:00Z');
    for (const s of studentsA.slice(0, 5)) await submit(T1, s, 1);
    await submit(T1, studentsA[0]!, 2);
    await grade(T1, studentsA[0]!, 'graded');
    await grade(T1, studentsA[1]!, 'graded');
    await grade(T1, studentsA[2]!, 'graded');
    await grade(T1, studentsA[3]!, 'returned');
    const T2 = await task('student', '2027-03-01T01:00:00Z');
    await k('task_assignees').insert([{ task_id: T2, student_id: studentsA[6]! }, { task_id: T2, student_id: studentsA[7]! }]);
    await submit(T2, studentsA[6]!, 1);
    await task('class', '2027-03-05T01:00:00Z', true); // deleted

    // --- Gradebook: class A × Toán, semester II.
    const cell = (s: number, kind: string, slot: number, tenths: number) => k('gradebook_scores').insert({
      student_id: s, subject_id: toan.id, semester_id: sem2.id, column_kind: kind, slot, score_tenths: tenths, source_kind: 'manual', recorded_at: at('2027-03-01T00:00:00Z'),
    });
    const periods = Number((await k('subject_grades').where({ subject_id: toan.id, grade: classA.grade }).first()).periods_per_year);
    const regular = periods <= 35 ? 2 : periods <= 70 ? 3 : 4; // Circular 22 Art. 6.2
    for (let slot = 1; slot <= regular; slot++) await cell(studentsA[0]!, 'regular', slot, 70 + slot);
    await cell(studentsA[0]!, 'midterm', 0, 80);
    await cell(studentsA[0]!, 'endterm', 0, 90);
    await cell(studentsA[1]!, 'regular', 1, 50);
    await cell(studentsA[1]!, 'midterm', 0, 60);
    await cell(studentsA[1]!, 'regular', 9, 60); // not a column of this subject: not counted

    // --- Devices: availability and alerts.
    const [d] = await k('devices').insert({ kind: 'camera', name: 'Camera phòng học', added_at: at('2026-09-01T00:00:00Z') }).returning('id');
    const deviceId = Number(typeof d === 'object' ? d.id : d);
    const h0 = Date.parse('2027-02-01T01:00:00Z');
    const hour = (i: number) => new Date(h0 + i * 3_600_000).toISOString();
    for (let i = 0; i < 4; i++) {
      await k('device_metric_buckets').insert({ metric: 'cpu.load_pct', resolution: 'hour', bucket_start: hour(i), min: 1, avg: 20, max: 40, count: 60 });
      await k('device_metric_buckets').insert({ metric: `device.up:${deviceId}`, resolution: 'hour', bucket_start: hour(i), min: i === 3 ? 0 : 1, avg: i === 3 ? 0.5 : 1, max: 1, count: 60 });
    }
    const alert = (raised: string, cleared: string | null) => k('device_alerts').insert({
      rule: 'device_offline', subject: `device:${deviceId}`, device_id: deviceId, severity: 'warning', message_vi: 'Mất kết nối', message_en: 'Offline', raised_at: raised, cleared_at: cleared,
    });
    await alert(at('2027-01-01T00:00:00Z'), new Date(h0 + 5 * 60_000).toISOString()); // raised before, open into hour 0
    await alert(new Date(h0 + 2 * 3_600_000 + 600_000).toISOString(), new Date(h0 + 2 * 3_600_000 + 1_200_000).toISOString()); // inside hour 2

    // --- Recompute: every figure equals what was inserted.
    const rec = await principal.request({ method: 'POST', url: `/api/reports/semester/${r0.id}/recompute` });
    t.equal(rec.statusCode, 200, rec.body);
    const f = (rec.json() as SemesterReport).figures;
    t.same(f.lessons, {
      scheduled: 5, held: 3, cancelled: 1, notHeld: 0, minutesHeld: 115,
      byMode: { supporting: { held: 2, minutes: 75 }, replacing: { held: 1, minutes: 40 } },
      byMonth: [{ month: '2027-02', supporting: 2, replacing: 0 }, { month: '2027-03', supporting: 0, replacing: 1 }],
      byGradeSubject: [
        { grade: classA.grade, subjectId: toan.id, subjectName: toan.name, supporting: 1, replacing: 1 },
        { grade: classA.grade, subjectId: van.id, subjectName: van.name, supporting: 1, replacing: 0 },
      ].sort((a, b) => a.subjectName.localeCompare(b.subjectName, 'vi')),
    });
    t.match(f.attendance, { lessons: 3, expected: 2 * nA + nB, present: 3 + nA, rate: pct(3 + nA, 2 * nA + nB) });
    t.same(f.attendance.byClass.map((c) => [c.classId, c.lessons, c.expected, c.present, c.rate]).sort((a, b) => a[0]! - b[0]!), [
      [classA.id, 2, 2 * nA, 3 + nA, pct(3 + nA, 2 * nA)], [classB.id, 1, nB, 0, 0],
    ].sort((a, b) => a[0]! - b[0]!));
    t.same(f.attendance.byLesson.map((l) => [l.lessonId, l.expected, l.present, l.rate, l.mode]), [[L1, nA, 3, pct(3, nA), 'supporting'], [L5, nB, 0, 0, 'supporting'], [L2, nA, nA, 100, 'replacing']]);
    t.same(f.materials, {
      submitted: 2, approved: 1, returned: 1, publishedAtEnd: publishedBefore + 1,
      approvedBySubject: [{ subjectId: toan.id, subjectName: toan.name, grade: classA.grade, approved: 1 }],
      used: { materials: 1, students: 2, completed: 1, activeMinutes: 12 },
    });
    t.same(f.assessments.quizzes, { held: 2, regular: 1, midterm: 1, endterm: 0, attempts: 2, students: 2, averagePct: 70 });
    t.same(f.assessments.tasks, { given: 2, expected: nA + 2, submitted: 6, graded: 3, submissionRate: pct(6, nA + 2) });
    const gb = f.assessments.gradebook.byClassSubject.find((x) => x.classId === classA.id && x.subjectId === toan.id)!;
    t.match(gb, { students: nA, expected: nA * (regular + 2), filled: regular + 4, completeness: pct(regular + 4, nA * (regular + 2)) });
    t.equal(f.assessments.gradebook.filled, regular + 4, 'no other cell in semester II');
    t.equal(f.assessments.gradebook.expected, f.assessments.gradebook.byClassSubject.reduce((n, x) => n + x.expected, 0));
    t.same(f.devices, {
      monitoredHours: 4, healthyHours: 2, healthyPct: 50,
      devices: [{ deviceId, name: 'Camera phòng học', kind: 'camera', hours: 4, availabilityPct: 87.5 }],
      alerts: { total: 1, critical: 0, warning: 1, byRule: [{ rule: 'device_offline', count: 1 }] },
    });

    // --- Scope refusals on the semester report.
    t.equal((await teacher.request({ url: '/api/reports/semester' })).statusCode, 403);
    t.equal((await student.request({ url: `/api/reports/semester/${r0.id}` })).statusCode, 403);
    t.equal((await vice.request({ method: 'POST', url: `/api/reports/semester/${r0.id}/finalize` })).statusCode, 403, 'only the principal finalizes');
    t.equal((await principal.request({ url: `/api/reports/semester/${r0.id}/file/pdf` })).json().error.code, 'REPORT_NOT_FINALIZED');

    // --- Text, then finalize (refused while a heading is empty).
    const put = await vice.request({ method: 'PUT', url: `/api/reports/semester/${r0.id}`, payload: { difficulties: 'Đường truyền yếu ở điểm trường Bản Lướt.', causes: 'Thiếu thiết bị.' } });
    t.equal(put.statusCode, 200, put.body);
    const early = await principal.request({ method: 'POST', url: `/api/reports/semester/${r0.id}/finalize` });
    t.equal(early.json().error.code, 'REPORT_TEXT_MISSING');
    t.same(early.json().error.details.fields, ['proposals']);
    await principal.request({ method: 'PUT', url: `/api/reports/semester/${r0.id}`, payload: { proposals: 'Đề nghị Sở hỗ trợ 20 máy tính bảng.\n\nTập huấn giáo viên.' } });
    // Data changed after the last computation is not in the frozen figures: they are the ones the principal read.
    await attend(L5, studentsB[1]!, '2027-02-03T02:00:00Z', '2027-02-03T02:20:00Z');
    const fin = await principal.request({ method: 'POST', url: `/api/reports/semester/${r0.id}/finalize` });
    t.equal(fin.statusCode, 200, fin.body);
    const final = fin.json() as SemesterReport;
    t.equal(final.status, 'finalized');
    t.same(final.figures, f, 'figures frozen as last computed');
    t.ok(final.archiveSeq && final.archiveSeq > 0);
    const archived = await k('archive_records').where({ seq: final.archiveSeq }).first();
    t.match(archived, { category: 'evidence', kind: 'report.semester', ref: `semester_reports:${r0.id}`, semester_id: Number(sem2.id) });
    t.match(JSON.parse(archived.payload), { reportId: r0.id, proposals: 'Đề nghị Sở hỗ trợ 20 máy tính bảng.\n\nTập huấn giáo viên.' });

    // --- Immutable once finalized.
    for (const [method, url, payload] of [
      ['PUT', `/api/reports/semester/${r0.id}`, { difficulties: 'khác' }], ['POST', `/api/reports/semester/${r0.id}/recompute`, undefined], ['POST', `/api/reports/semester/${r0.id}/finalize`, undefined],
    ] as const) {
      const res = await principal.request({ method, url, ...(payload ? { payload } : {}) });
      t.equal(res.json().error?.code, 'REPORT_FINALIZED', `${method} ${url} refused`);
    }
    const row = await k('semester_reports').where({ id: r0.id }).first();
    t.equal(row.difficulties, 'Đường truyền yếu ở điểm trường Bản Lướt.');

    // --- The files: PDF read back with pdftotext, workbook with exceljs; same bytes as archived.
    const pdf = await vice.request({ url: `/api/reports/semester/${r0.id}/file/pdf` });
    t.equal(pdf.statusCode, 200);
    t.equal(pdf.headers['content-type'], 'application/pdf');
    t.match(String(pdf.headers['content-disposition']), /filename\*=UTF-8''bao-cao-danh-gia-hk2-2026-2027\.pdf/);
    const text = pdfText(pdf.rawPayload, 'sem.pdf');
    const school = await k('schools').first();
    for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', school.name, 'BÁO CÁO ĐÁNH GIÁ', 'Học kì II, năm học 2026-2027',
      'Sở Giáo dục và Đào tạo', 'Đường truyền yếu ở điểm trường Bản Lướt.', 'Thiếu thiết bị.', 'Tập huấn giáo viên.', `${String(pct(3 + nA, 2 * nA + nB)).replace('.', ',')} %`, '87,5 %', 'KHÓ KHĂN', 'NGUYÊN NHÂN', 'ĐỀ XUẤT']) {
      t.ok(text.includes(s), `PDF contains ${s}`);
    }
    const xlsx = await principal.request({ url: `/api/reports/semester/${r0.id}/file/xlsx` });
    t.equal(xlsx.statusCode, 200);
    const { createHash } = await import('node:crypto');
    t.equal(createHash('sha256').update(pdf.rawPayload).digest('hex'), final.files!.pdfSha256);
    t.equal(createHash('sha256').update(xlsx.rawPayload).digest('hex'), final.files!.xlsxSha256);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    for (const n of ['Thông tin chung', 'Buổi học', 'Chuyên cần theo lớp', 'Chuyên cần theo buổi', 'Học liệu', 'Kiểm tra, đánh giá', 'Sổ điểm', 'Thiết bị']) t.ok(names.includes(n), `sheet ${n}`);
    const byLesson = wb.getWorksheet('Chuyên cần theo buổi')!;
    // Title, blank, header, then one row per held lesson.
    t.same([4, 5, 6].map((r) => [byLesson.getCell(r, 1).value, byLesson.getCell(r, 7).value, byLesson.getCell(r, 8).value]), [[L1, nA, 3], [L5, nB, 0], [L2, nA, nA]]);
    const months = wb.getWorksheet('Buổi học theo tháng')!;
    t.same([months.getCell(4, 1).value, months.getCell(4, 2).value, months.getCell(5, 3).value], ['02/2027', 2, 1]);

    // --- Other reports: teaching activity.
    const teach = await teacher.request({ url: '/api/reports/teaching?from=2027-01-11&to=2027-05-23' });
    t.equal(teach.statusCode, 200, teach.body);
    t.same(teach.json().rows.map((r: { teacherId: number }) => r.teacherId), [teacherId], 'a teacher sees only their own activity');
    t.match(teach.json().rows[0], { lessonsHeld: 2, lessonMinutes: 85, materialsAuthored: 2, materialsApproved: 1, tasksGiven: 2, quizzesGiven: 2, gradingDone: 4 });
    t.equal((await teacher.request({ url: `/api/reports/teaching?from=2027-01-11&to=2027-05-23&teacherId=${otherTeacher}` })).statusCode, 403);
    const all = await principal.request({ url: '/api/reports/teaching?from=2027-01-11&to=2027-05-23' });
    t.ok(all.json().rows.length > 5, 'the principal sees every teacher');
    t.match(all.json().rows.find((r: { teacherId: number }) => r.teacherId === otherTeacher), { lessonsHeld: 1, lessonMinutes: 30 });
    t.equal((await teacher.request({ url: '/api/reports/teaching?from=2027-05-23&to=2027-01-11' })).json().error.code, 'INVALID_DATE_RANGE');
    t.equal((await teacher.request({ url: '/api/reports/teaching?from=2026-01-01&to=2027-05-23' })).json().error.code, 'REPORT_RANGE_TOO_LONG');

    // --- Each student's progress in the homeroom class; another class is refused.
    const prog = await teacher.request({ url: `/api/reports/student-progress?classId=${classA.id}&from=2027-01-11&to=2027-05-23` });
    t.equal(prog.statusCode, 200, prog.body);
    const p0 = prog.json().rows.find((r: { studentId: number }) => r.studentId === studentsA[0]);
    t.match(p0, { lessons: 2, present: 2, attendanceRate: 100, tasks: 1, tasksSubmitted: 1, quizzes: 2, quizzesDone: 1, quizAveragePct: 80, gradebookScores: regular + 2, materialsOpened: 1, materialsCompleted: 1 });
    const p7 = prog.json().rows.find((r: { studentId: number }) => r.studentId === studentsA[7]);
    t.match(p7, { lessons: 2, present: 1, attendanceRate: 50, tasks: 2, tasksSubmitted: 0, taskRate: 0, quizzesDone: 0, quizAveragePct: null, gradebookAverage: null });
    const sum = Array.from({ length: regular }, (_, i) => 70 + i + 1).reduce((a, b) => a + b, 0) + 80 + 90;
    t.equal(p0.gradebookAverage, Math.round(sum / (regular + 2)) / 10);
    t.equal((await teacher.request({ url: `/api/reports/student-progress?classId=${classB.id}&from=2027-01-11&to=2027-05-23` })).statusCode, 403, 'not the teacher\'s class');
    t.equal((await teacher.request({ url: '/api/reports/student-progress?classId=999999&from=2027-01-11&to=2027-05-23' })).statusCode, 404);
    t.equal((await student.request({ url: `/api/reports/student-progress?classId=${classA.id}&from=2027-01-11&to=2027-05-23` })).statusCode, 403);

    // --- Attendance: the teacher's classes only; the principal every class; files.
    const att = await teacher.request({ url: '/api/reports/attendance?from=2027-01-11&to=2027-05-23' });
    t.same(att.json().byClass.map((c: { classId: number }) => c.classId), [classA.id]);
    t.equal((await teacher.request({ url: `/api/reports/attendance?classId=${classB.id}&from=2027-01-11&to=2027-05-23` })).statusCode, 403);
    const attAll = await principal.request({ url: '/api/reports/attendance?from=2027-01-11&to=2027-05-23' });
    t.same(attAll.json().byClass.map((c: { classId: number; present: number }) => [c.classId, c.present]).sort(), [[classA.id, 3 + nA], [classB.id, 1]].sort());
    const attPdf = await principal.request({ url: '/api/reports/attendance?from=2027-01-11&to=2027-05-23&format=pdf' });
    t.equal(attPdf.statusCode, 200);
    const attText = pdfText(attPdf.rawPayload, 'att.pdf');
    t.ok(attText.includes('BÁO CÁO CHUYÊN CẦN') && attText.includes(classA.name) && attText.includes('Từ ngày 11/01/2027 đến ngày 23/05/2027'));
    const progX = await teacher.request({ url: `/api/reports/student-progress?classId=${classA.id}&from=2027-01-11&to=2027-05-23&format=xlsx` });
    t.equal(progX.statusCode, 200);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(progX.rawPayload as unknown as ArrayBuffer);
    const sheet = wb2.worksheets[0]!;
    t.equal(sheet.getCell(3, 2).value, 'Họ và tên');
    t.equal(sheet.rowCount, 3 + nA, 'one row per student');

    // The audit log has the report's life.
    const audit = await k('audit_log').where('entity', 'semester_report').orderBy('id').select('action');
    t.same(audit.map((a) => a.action), ['semester_report.created', 'semester_report.recomputed', 'semester_report.text_saved', 'semester_report.text_saved', 'semester_report.finalized']);
  });
}

t.test('a finalization that fails leaves nothing: no files, still a draft, not archived', async (t) => {
  const dialect = dialects()[0]!;
  const { database, login, services } = await buildTestApp(t, dialect, { demo: 'small' });
  const k = database.db.knex;
  const principal = await login(DEMO_PRINCIPAL_ID);
  const sem1 = await k('semesters').where({ number: 1 }).first();
  const open = (await principal.request({ method: 'POST', url: '/api/reports/semester', payload: { semesterId: Number(sem1.id) } })).json() as SemesterReport;
  await principal.request({ method: 'PUT', url: `/api/reports/semester/${open.id}`, payload: { difficulties: 'a', causes: 'b', proposals: 'c' } });
  const archivedBefore = Number((await k('archive_records').count({ n: '*' }).first())!.n);
  // The archive refuses (e.g. the semester is sealed) after the files were written and the row updated.
  const failing = new SemesterReportService(services.tx, {
    renderPdf, writeWorkbook, files: new FsReportFileStore(database.dataDir),
    archive: () => ({ append: async () => { throw new DomainError('ARCHIVE_SEALED', { semesterId: Number(sem1.id) }); } }),
  });
  const me = await k('people').where({ personal_id: DEMO_PRINCIPAL_ID }).first();
  const viewer = { accountId: null, login: DEMO_PRINCIPAL_ID, ip: null, personId: Number(me.id), roles: ['principal' as const] };
  await t.rejects(failing.finalize(viewer, open.id), { code: 'ARCHIVE_SEALED' });
  const row = await k('semester_reports').where({ id: open.id }).first();
  t.equal(row.status, 'draft');
  t.equal(row.pdf_path, null);
  const dir = path.join(database.dataDir, 'reports', String(open.id));
  t.same(fs.existsSync(dir) ? fs.readdirSync(dir) : [], [], 'no file left behind');
  t.equal(Number((await k('archive_records').count({ n: '*' }).first())!.n), archivedBefore, 'nothing archived');
  t.equal(await k('audit_log').where({ action: 'semester_report.finalized' }).first(), undefined);
  // The real service then finalizes it.
  // Two finalizations at once (a double click on two screens): one wins, the other is refused and removes only its own files.
  const both = await Promise.all([1, 2].map(() => principal.request({ method: 'POST', url: `/api/reports/semester/${open.id}/finalize` })));
  t.same(both.map((r) => r.statusCode).sort(), [200, 409]);
  t.equal(both.find((r) => r.statusCode === 409)!.json().error.code, 'REPORT_FINALIZED');
  const done = await k('semester_reports').where({ id: open.id }).first();
  t.match(done.pdf_path, new RegExp(`^reports/${open.id}/[0-9a-z-]+/bao-cao-danh-gia-hk1-2026-2027\\.pdf$`));
  t.ok(fs.existsSync(path.join(database.dataDir, done.pdf_path)) && fs.existsSync(path.join(database.dataDir, done.xlsx_path)));
  t.equal(fs.readdirSync(dir).length, 1, 'only the successful attempt\'s folder');
});
