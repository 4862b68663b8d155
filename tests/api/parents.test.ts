import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import t from 'tap';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { buildTestApp, type Client } from '../helpers/app.js';
import { dialects } from '../helpers/db.js';
import { insertedId } from '../../server/src/data/rows.js';
import { CONSENT_TEXTS } from '../../server/src/domain/parents/consent-texts.js';
import { MESSAGE_LIMIT } from '../../server/src/domain/parents/parent-messages.service.js';
import { EXPORT_LIMIT } from '../../server/src/domain/parents/data-export.service.js';
import { DEMO_PARENT_LOGIN, DEMO_PRINCIPAL_ID, DEMO_TEACHER_ID } from '../../server/src/domain/demo/demo-school.js';

const iso = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString();
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

interface Child { id: number; fullName: string; classId: number | null; className: string | null; homeroomTeacherId: number | null }

for (const dialect of dialects()) {
  t.test(`parents on ${dialect}`, async (t) => {
    const { login, database, demo, services } = await buildTestApp(t, dialect, { demo: 'small' });
    const knex = database.db.knex;
    const d = demo!;
    const parent = await login(DEMO_PARENT_LOGIN);
    const principal = await login(DEMO_PRINCIPAL_ID);
    const homeroom = await login(DEMO_TEACHER_ID);
    const myChildren = (await parent.request({ url: '/api/parents/children' })).json() as Child[];
    t.equal(myChildren.length, 2, 'the demo parent has two children');
    const child = myChildren.find((c) => c.className === '6A1')!;
    t.ok(child && child.homeroomTeacherId, 'one child is in 6A1 with a homeroom teacher');
    const sibling = myChildren.find((c) => c.id !== child.id)!;

    // Another family: a parent with no child in common, and one of their children.
    const mine = new Set((d.parents.find((p) => p.login === DEMO_PARENT_LOGIN)!).childrenPersonalIds);
    const otherParentDemo = d.parents.find((p) => p.login !== DEMO_PARENT_LOGIN && p.childrenPersonalIds.every((c) => !mine.has(c)) && p.childrenPersonalIds.some((c) => d.classes.find((k) => k.name === '6A1')!.students.some((s) => s.personalId === c)))!;
    const otherParent = await login(otherParentDemo.login);
    const otherChildren = (await otherParent.request({ url: '/api/parents/children' })).json() as Child[];
    const stranger = otherChildren.find((c) => c.className === '6A1')!;
    t.ok(stranger && stranger.id !== child.id, 'a classmate of another family');

    const c6a1 = d.classes.find((c) => c.name === '6A1')!;
    const otherClass = d.classes.find((c) => c.name !== '6A1' && c.homeroomTeacherPersonalId !== DEMO_TEACHER_ID && c.name !== sibling.className)!;
    const otherTeacher = await login(otherClass.homeroomTeacherPersonalId);
    const otherTeacherId = (await otherTeacher.request({ url: '/api/auth/me' })).json().personId as number;
    const teacherId = (await homeroom.request({ url: '/api/auth/me' })).json().personId as number;
    t.equal(teacherId, child.homeroomTeacherId, 'the demo teacher is the homeroom teacher of 6A1');

    // --- data arranged directly: lessons, attendance, comments, task feedback, a submitted file ---
    const classRow = await knex('classes').where({ name: '6A1' }).first();
    const assignment = await knex('teaching_assignments').where({ class_id: classRow.id }).first();
    const otherClassRow = await knex('classes').where({ name: otherClass.name }).first();
    const otherAssignment = await knex('teaching_assignments').where({ class_id: otherClassRow.id }).first();
    const lesson = async (classId: number, a: { subject_id: number; teacher_id: number }, startOffset: number, status: string, topic: string, mode = 'supporting') => insertedId(await knex('live_lessons').insert({
      class_id: classId, subject_id: a.subject_id, teacher_id: a.teacher_id, topic, starts_at: iso(startOffset), ends_at: iso(startOffset + 45 * MIN), mode, status,
      recording_allowed: false, created_at: iso(-10 * DAY), started_at: status === 'ended' ? iso(startOffset) : null, ended_at: status === 'ended' ? iso(startOffset + 45 * MIN) : null,
      cancelled_at: status === 'cancelled' ? iso(-5 * DAY) : null,
    }).returning('id'));
    const onTime = await lesson(classRow.id, assignment, -3 * DAY, 'ended', 'Bài 1: Tập hợp');
    const late = await lesson(classRow.id, assignment, -2 * DAY, 'ended', 'Bài 2: Phần tử');
    const missed = await lesson(classRow.id, assignment, -1 * DAY, 'ended', 'Bài 3: Số tự nhiên');
    await lesson(classRow.id, assignment, -4 * DAY, 'cancelled', 'Bài 0: Huỷ');
    const upcoming = await lesson(classRow.id, assignment, 2 * DAY, 'scheduled', 'Bài 4: Phép cộng', 'replacing');
    const foreign = await lesson(otherClassRow.id, otherAssignment, 1 * DAY, 'scheduled', 'Lớp khác: không được thấy');
    const attend = (lessonId: number, personId: number, joinOffset: number) => knex('live_attendance').insert({ lesson_id: lessonId, person_id: personId, joined_at: iso(joinOffset), left_at: iso(joinOffset + 30 * MIN), reconnects: 0 });
    await attend(onTime, child.id, -3 * DAY + 1 * MIN);
    await attend(late, child.id, -2 * DAY + 12 * MIN);
    await attend(missed, stranger.id, -1 * DAY);

    const semester = await knex('semesters').orderBy('number').first();
    await knex('gradebook_comments').insert({ student_id: child.id, subject_id: assignment.subject_id, semester_id: semester.id, text: 'Con tiến bộ rõ, cần luyện thêm phép chia.', updated_by_id: assignment.teacher_id, updated_at: iso(-DAY) });
    await knex('gradebook_comments').insert({ student_id: stranger.id, subject_id: assignment.subject_id, semester_id: semester.id, text: 'NHẬN XÉT CỦA BẠN KHÁC', updated_by_id: assignment.teacher_id, updated_at: iso(-DAY) });
    const task = insertedId(await knex('tasks').insert({
      class_id: classRow.id, subject_id: assignment.subject_id, teacher_id: assignment.teacher_id, title: 'Bài tập về tập hợp', audience: 'class', opens_at: iso(-9 * DAY), due_at: iso(-8 * DAY),
      late_policy: 'refuse', resubmission: 'none', max_score: 10, created_at: iso(-9 * DAY), updated_at: iso(-9 * DAY),
    }).returning('id'));
    const hidden = insertedId(await knex('tasks').insert({
      class_id: classRow.id, subject_id: assignment.subject_id, teacher_id: assignment.teacher_id, title: 'Nhiệm vụ chưa công bố điểm', audience: 'class', opens_at: iso(-9 * DAY), due_at: iso(-8 * DAY),
      late_policy: 'refuse', resubmission: 'none', max_score: 10, created_at: iso(-9 * DAY), updated_at: iso(-9 * DAY),
    }).returning('id'));
    const submit = async (studentId: number, fileName: string, content: string) => {
      const sub = insertedId(await knex('task_submissions').insert({ task_id: task, student_id: studentId, version: 1, submitted_at: iso(-8.5 * DAY), late: false, text: null }).returning('id'));
      const stored = `${task}/${studentId}/v1-${fileName}`;
      fs.mkdirSync(path.join(services.taskFiles.root, String(task), String(studentId)), { recursive: true });
      fs.writeFileSync(path.join(services.taskFiles.root, stored), content);
      await knex('task_submission_files').insert({ submission_id: sub, file_name: fileName, stored_path: stored, mime: 'text/plain', size: Buffer.byteLength(content) });
      return sub;
    };
    const childSub = await submit(child.id, 'bai-lam.txt', 'BÀI LÀM CỦA CON');
    await submit(stranger.id, 'bai-ban-khac.txt', 'BÀI LÀM CỦA BẠN KHÁC');
    await knex('task_grades').insert({ task_id: task, student_id: child.id, status: 'graded', submission_id: childSub, raw_score: 8.5, penalty: 0, score: 8.5, comment: 'Trình bày sạch đẹp.', graded_by_id: assignment.teacher_id, graded_at: iso(-7 * DAY), released_at: iso(-6 * DAY) });
    await knex('task_grades').insert({ task_id: hidden, student_id: child.id, status: 'graded', raw_score: 3, penalty: 0, score: 3, comment: 'Chưa công bố', graded_by_id: assignment.teacher_id, graded_at: iso(-7 * DAY), released_at: null });

    await t.test('a parent sees only their own children: every endpoint refuses another child', async (t) => {
      const probes: [string, (c: Client) => Promise<{ statusCode: number; body: string }>][] = [
        ['overview', (c) => c.request({ url: `/api/parents/children/${stranger.id}/overview` })],
        ['consents', (c) => c.request({ url: `/api/parents/children/${stranger.id}/consents` })],
        ['give consent', (c) => c.request({ method: 'POST', url: `/api/parents/children/${stranger.id}/consents`, payload: { purpose: 'teaching_assessment', decision: 'given', textVersion: CONSENT_TEXTS.teaching_assessment.version, childAgreement: 'agreed' } })],
        ['data export', (c) => c.request({ url: `/api/students/${stranger.id}/data-export` })],
        ['message about', (c) => c.request({ method: 'POST', url: '/api/parent-threads', payload: { studentId: stranger.id, subject: 'Hỏi', body: 'Xin chào' } })],
        ['results (gradebook)', (c) => c.request({ url: `/api/gradebook/students/${stranger.id}/results` })],
        ['tasks (tasks module)', (c) => c.request({ url: `/api/tasks/mine?studentId=${stranger.id}` })],
      ];
      for (const [name, probe] of probes) {
        const res = await probe(parent);
        t.ok([403, 404].includes(res.statusCode), `${name}: ${res.statusCode}`);
        t.notOk(res.body.includes(stranger.fullName), `${name}: nothing of the other child`);
      }
      // Unknown ids are 404, a staff member's id too (not a student).
      t.equal((await parent.request({ url: '/api/parents/children/999999/overview' })).statusCode, 404);
      t.equal((await parent.request({ url: `/api/parents/children/${teacherId}/overview` })).statusCode, 404);
      // A student or teacher cannot use the parent's view at all.
      t.equal((await homeroom.request({ url: `/api/parents/children/${child.id}/overview` })).statusCode, 403);
      const own = await parent.request({ url: `/api/parents/children/${child.id}/overview` });
      t.equal(own.statusCode, 200, 'own child opens');
      t.notOk(own.body.includes('NHẬN XÉT CỦA BẠN KHÁC'), 'no comment of a classmate in the overview');
    });

    await t.test('the child\'s lessons, attendance and released comments', async (t) => {
      const o = (await parent.request({ url: `/api/parents/children/${child.id}/overview` })).json();
      t.same(o.upcoming.map((l: { id: number }) => l.id), [upcoming], 'upcoming: the class\'s scheduled lesson only (not another class\'s)');
      t.equal(o.upcoming[0].mode, 'replacing');
      t.notOk(o.upcoming.concat(o.past).some((l: { id: number }) => l.id === foreign));
      const state = Object.fromEntries(o.past.map((l: { id: number; attendance: string }) => [l.id, l.attendance]));
      t.equal(state[onTime], 'present');
      t.equal(state[late], 'late');
      t.equal(state[missed], 'absent', 'another student\'s join does not count for this child');
      t.ok(Object.values(state).includes('cancelled'));
      t.same({ held: o.attendance.held, present: o.attendance.present, late: o.attendance.late, absent: o.attendance.absent }, { held: 3, present: 1, late: 1, absent: 1 });
      t.ok(Math.abs(o.attendance.rate - 2 / 3) < 1e-9, 'rate: attended of held');
      t.same(o.past.map((l: { id: number }) => l.id).slice(0, 3), [missed, late, onTime], 'past lessons newest first');
      t.ok(o.comments.some((c: { text: string }) => c.text.includes('phép chia')), 'the gradebook comment');
      const fb = o.taskFeedback.map((f: { taskTitle: string; score: number; comment: string }) => [f.taskTitle, f.score, f.comment]);
      t.same(fb.find((f: string[]) => f[0] === 'Bài tập về tập hợp'), ['Bài tập về tập hợp', 8.5, 'Trình bày sạch đẹp.'], 'released task feedback');
      t.notOk(fb.some((f: string[]) => f[0] === 'Nhiệm vụ chưa công bố điểm'), 'a grade not released stays hidden');
      const sib = (await parent.request({ url: `/api/parents/children/${sibling.id}/overview` })).json();
      t.notOk(sib.upcoming.some((l: { id: number }) => l.id === upcoming), 'the other child does not see 6A1\'s lessons');
    });

    let threadId = 0;
    await t.test('messages with the homeroom teacher', async (t) => {
      // A parent can never address a teacher of a class their child is not in.
      const wrong = await parent.request({ method: 'POST', url: '/api/parent-threads', payload: { studentId: child.id, teacherId: otherTeacherId, subject: 'Hỏi', body: 'Thưa cô' } });
      t.equal(wrong.statusCode, 403);
      t.equal(wrong.json().error.code, 'PARENT_NOT_HOMEROOM_TEACHER');
      if (sibling.homeroomTeacherId !== teacherId) {
        const cross = await parent.request({ method: 'POST', url: '/api/parent-threads', payload: { studentId: sibling.id, teacherId, subject: 'Hỏi', body: 'Thưa thầy' } });
        t.equal(cross.statusCode, 403, 'the 6A1 homeroom teacher is not the sibling\'s');
      }
      t.equal((await parent.request({ method: 'POST', url: '/api/parent-threads', payload: { studentId: child.id, subject: 'Hỏi', body: 'x'.repeat(2001) } })).json().error.code, 'PARENT_MESSAGE_TOO_LONG');
      t.equal((await parent.request({ method: 'POST', url: '/api/parent-threads', payload: { studentId: child.id, subject: 'Hỏi', body: '   \n ' } })).statusCode, 400);
      const started = await parent.request({ method: 'POST', url: '/api/parent-threads', payload: { studentId: child.id, teacherId, subject: 'Xin phép nghỉ học', body: 'Thưa thầy, con bị sốt nên xin nghỉ buổi học trực tuyến ngày mai.' } });
      t.equal(started.statusCode, 200, started.body);
      threadId = started.json().id;

      const inbox = (await homeroom.request({ url: '/api/parent-threads' })).json();
      t.same(inbox.map((x: { id: number; unread: number }) => [x.id, x.unread]), [[threadId, 1]], 'the homeroom teacher\'s inbox: one unread thread');
      t.same((await otherTeacher.request({ url: '/api/parent-threads' })).json(), [], 'another class\'s homeroom teacher sees nothing');
      t.equal((await otherTeacher.request({ url: `/api/parent-threads/${threadId}` })).statusCode, 403);
      t.equal((await otherTeacher.request({ method: 'POST', url: `/api/parent-threads/${threadId}/messages`, payload: { body: 'chen ngang' } })).statusCode, 403);
      t.equal((await otherParent.request({ url: `/api/parent-threads/${threadId}` })).statusCode, 403);
      t.equal((await otherParent.request({ url: '/api/parent-threads' })).json().length, 0);
      t.equal((await homeroom.request({ method: 'POST', url: '/api/parent-threads', payload: { studentId: child.id, subject: 'a', body: 'b' } })).statusCode, 403, 'teachers answer, parents start');

      const opened = (await homeroom.request({ url: `/api/parent-threads/${threadId}` })).json();
      t.equal(opened.mySide, 'teacher');
      t.equal(opened.messages.length, 1);
      t.equal((await homeroom.request({ url: '/api/parent-threads' })).json()[0].unread, 0, 'read once opened');
      t.equal((await homeroom.request({ method: 'POST', url: `/api/parent-threads/${threadId}/messages`, payload: { body: 'Thầy đã nhận, chúc con mau khỏe.' } })).statusCode, 200);
      const mineList = (await parent.request({ url: '/api/parent-threads' })).json();
      t.equal(mineList[0].unread, 1, 'the parent has an unread answer');
      const detail = (await parent.request({ url: `/api/parent-threads/${threadId}` })).json();
      t.same(detail.messages.map((m: { authorSide: string }) => m.authorSide), ['parent', 'teacher']);
      t.ok(detail.otherReadAt, 'the teacher\'s read mark is shown');

      // Supervision: the principal reads, the reading is audited, read marks stay.
      const list = (await principal.request({ url: `/api/parent-threads/supervision?classId=${classRow.id}` })).json();
      t.ok(list.some((x: { id: number }) => x.id === threadId));
      t.equal((await principal.request({ url: '/api/parent-threads' })).statusCode, 403, 'the principal is not a side of the thread');
      const sup = (await principal.request({ url: `/api/parent-threads/${threadId}/supervision` })).json();
      t.equal(sup.mySide, 'supervisor');
      const audit = await knex('audit_log').where({ action: 'parent_thread.supervised_read', entity_id: String(threadId) });
      t.equal(audit.length, 1, 'supervised reading audited');
      t.equal((await homeroom.request({ url: `/api/parent-threads/${threadId}/supervision` })).statusCode, 403);

      // Rate limit: MESSAGE_LIMIT.count messages per window per author.
      let last = 0;
      for (let i = 0; i < MESSAGE_LIMIT.count; i++) last = (await parent.request({ method: 'POST', url: `/api/parent-threads/${threadId}/messages`, payload: { body: `Tin nhắn ${i}` } })).statusCode;
      t.equal(last, 429, 'the parent is slowed down');
    });

    await t.test('consent: given, withdrawn, kept; silence is not consent', async (t) => {
      const url = `/api/parents/children/${child.id}/consents`;
      const start = (await parent.request({ url })).json();
      t.ok(start.statuses.every((s: { state: string; effective: boolean }) => s.state === 'unanswered' && !s.effective), 'nothing answered, nothing effective');
      t.ok(start.asksChild, 'a grade-6 child is 7 or older: their agreement is asked');
      const v = CONSENT_TEXTS.teaching_assessment.version;
      const give = (body: Record<string, unknown>) => parent.request({ method: 'POST', url, payload: { purpose: 'teaching_assessment', decision: 'given', textVersion: v, ...body } });
      t.equal((await give({})).json().error.code, 'CONSENT_CHILD_AGREEMENT_REQUIRED');
      t.equal((await give({ textVersion: '2019.1', childAgreement: 'agreed' })).json().error.code, 'CONSENT_TEXT_OUTDATED');
      t.equal((await parent.request({ method: 'POST', url, payload: { purpose: 'lesson_recording', decision: 'withdrawn', textVersion: v } })).json().error.code, 'CONSENT_NOTHING_TO_WITHDRAW');
      t.equal((await give({ childAgreement: 'agreed' })).statusCode, 200);
      t.equal((await parent.request({ method: 'POST', url, payload: { purpose: 'publish_media', decision: 'given', textVersion: CONSENT_TEXTS.publish_media.version, childAgreement: 'refused' } })).statusCode, 200);
      let now = (await parent.request({ url })).json();
      const st = (p: string) => now.statuses.find((s: { purpose: string }) => s.purpose === p);
      t.equal(st('teaching_assessment').state, 'given');
      t.ok(st('teaching_assessment').effective);
      t.equal((await services.parents.consents.effective([child.id], 'teaching_assessment')).get(child.id), true, 'effective for other modules');
      t.equal(st('publish_media').state, 'child_refused', 'the child refused: not effective');
      t.notOk(st('publish_media').effective);
      t.equal(st('lesson_recording').state, 'unanswered');
      t.equal((await parent.request({ method: 'POST', url, payload: { purpose: 'teaching_assessment', decision: 'withdrawn', textVersion: v } })).statusCode, 200);
      now = (await parent.request({ url })).json();
      t.equal(st('teaching_assessment').state, 'withdrawn');
      t.same(now.history.filter((h: { purpose: string }) => h.purpose === 'teaching_assessment').map((h: { decision: string; textVersion: string; parentName: string }) => [h.decision, h.textVersion]), [['given', v], ['withdrawn', v]], 'history keeps both');
      t.equal(now.history[0].childAgreement, 'agreed');
      const rows = await knex('consent_records').where({ student_id: child.id });
      t.equal(rows.length, 3, 'nothing deleted');
      t.ok(rows.every((r: { account_id: number | null; text_sha256: string }) => r.account_id && r.text_sha256.length === 64), 'account and text hash recorded');
      t.equal((await knex('audit_log').where({ action: 'consent.withdrawn', entity_id: String(child.id) })).length, 1);
      // Other modules ask whether processing may go on: the withdrawal took effect.
      const eff = await services.parents.consents.effective([child.id, stranger.id], 'teaching_assessment');
      t.same([eff.get(child.id), eff.get(stranger.id)], [false, false]);
      // Other families and staff.
      t.equal((await otherParent.request({ url })).statusCode, 403);
      t.equal((await homeroom.request({ url })).statusCode, 403);

      // The principal's view of the class: who has not answered; the export.
      const cls = (await principal.request({ url: `/api/consents/classes/${classRow.id}` })).json();
      t.equal(cls.students.length, c6a1.students.length);
      t.equal(cls.unanswered.teaching_assessment, c6a1.students.length - 1, 'all but one student unanswered (a withdrawal is an answer)');
      t.equal(cls.unanswered.lesson_recording, c6a1.students.length);
      t.equal(cls.students.find((s: { id: number }) => s.id === child.id).statuses.find((s: { purpose: string }) => s.purpose === 'teaching_assessment').state, 'withdrawn');
      t.equal((await homeroom.request({ url: `/api/consents/classes/${classRow.id}` })).statusCode, 403);
      t.equal((await principal.request({ url: '/api/consents/classes/999999' })).statusCode, 404);
      const x = await principal.request({ url: `/api/consents/classes/${classRow.id}/export.xlsx` });
      t.equal(x.statusCode, 200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
      const text = JSON.stringify(wb.worksheets[0]!.getSheetValues());
      t.ok(text.includes(child.fullName) && text.includes('Đã rút lại') && text.includes('Chưa trả lời'), 'the sheet has the statuses in Vietnamese');
    });

    await t.test('the per-student export: every area, nothing of another student', async (t) => {
      // A second linked parent's own conversation about the child: theirs, not the first parent's to download.
      const now = new Date().toISOString();
      const second = insertedId(await knex('people').insert({ kind: 'parent', full_name: 'Trần Thị Hai', name_key: 'hai tran thi', search_key: 'tran thi hai', status: 'active', created_at: now, updated_at: now }).returning('id'));
      await knex('parent_links').insert({ parent_id: second, student_id: child.id, relation: 'guardian' });
      const th = insertedId(await knex('parent_threads').insert({ student_id: child.id, parent_id: second, class_id: classRow.id, subject: 'Riêng', created_at: now, last_message_at: now, message_count: 1 }).returning('id'));
      await knex('parent_messages').insert({ thread_id: th, author_id: second, author_side: 'parent', body: 'TIN NHẮN CỦA PHỤ HUYNH KHÁC', at: now });
      const res = await parent.request({ url: `/api/students/${child.id}/data-export` });
      t.equal(res.statusCode, 200, res.body.slice(0, 200));
      t.equal(res.headers['content-type'], 'application/zip');
      const zip = await JSZip.loadAsync(res.rawPayload);
      const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir).sort();
      const areas = ['ca-nhan', 'lop-hoc', 'phu-huynh', 'diem-danh', 'so-diem', 'nhiem-vu', 'kiem-tra', 'hoi-dap', 'tien-do', 'dong-y', 'tin-nhan', 'nhat-ky'];
      for (const a of areas) t.ok(names.some((n) => n.endsWith(`-${a}.json`)), `area ${a}`);
      t.ok(names.some((n) => n.endsWith('00-tom-tat.pdf')), 'the PDF summary');
      t.ok(names.some((n) => n.endsWith('bai-lam.txt')), 'the child\'s file');
      t.notOk(names.some((n) => n.includes('bai-ban-khac')), 'not a classmate\'s file');
      let all = '';
      for (const n of names.filter((x) => !x.endsWith('.pdf'))) all += await zip.files[n]!.async('string');
      for (const n of names.filter((x) => x.endsWith('.json'))) {
        const j = JSON.parse(await zip.files[n]!.async('string'));
        t.equal(j.studentId, child.id, `${n} is about the child`);
      }
      t.notOk(all.includes(stranger.fullName), 'no classmate\'s name anywhere');
      t.notOk(all.includes('NHẬN XÉT CỦA BẠN KHÁC') || all.includes('BÀI LÀM CỦA BẠN KHÁC'), 'no classmate\'s comment or work');
      t.ok(all.includes('BÀI LÀM CỦA CON') && all.includes('phép chia') && all.includes('Xin phép nghỉ học'), 'the child\'s work, comment and messages');
      const json = async (a: string) => JSON.parse(await zip.files[names.find((n) => n.endsWith(`-${a}.json`))!]!.async('string')).data;
      t.equal((await json('diem-danh')).length, 3, 'three held lessons');
      t.equal((await json('dong-y')).length, 3, 'the consent history');
      const hash = (await knex('accounts').where({ person_id: child.id }).first()).password_hash as string;
      t.notOk(all.includes(hash) || all.includes('password_hash'), 'no password hash');
      t.equal((await json('ca-nhan')).person.full_name, child.fullName);
      t.ok((await json('nhat-ky')).some((a: { action: string }) => a.action === 'consent.given'), 'audit entries about the child');
      // The PDF reads back in Vietnamese.
      const pdfPath = path.join(database.dataDir, 'summary.pdf');
      fs.writeFileSync(pdfPath, await zip.files[names.find((n) => n.endsWith('.pdf'))!]!.async('nodebuffer'));
      const pdfText = execFileSync('pdftotext', ['-layout', pdfPath, '-']).toString();
      t.match(pdfText, /DỮ LIỆU CÁ NHÂN NHÀ TRƯỜNG ĐANG LƯU GIỮ/);
      t.ok(pdfText.includes(child.fullName));
      t.equal((await knex('audit_log').where({ action: 'person.data_exported', entity_id: String(child.id) })).length, 1, 'audited');

      t.notOk(all.includes('TIN NHẮN CỦA PHỤ HUYNH KHÁC'), 'not another parent\'s conversation');
      t.equal((await principal.request({ url: `/api/students/${stranger.id}/data-export` })).statusCode, 200, 'the principal may export any student');
      const full = await JSZip.loadAsync((await principal.request({ url: `/api/students/${child.id}/data-export` })).rawPayload);
      const msgs = await full.files[Object.keys(full.files).find((n) => n.endsWith('-tin-nhan.json'))!]!.async('string');
      t.ok(msgs.includes('TIN NHẮN CỦA PHỤ HUYNH KHÁC') && msgs.includes('Xin phép nghỉ học'), 'the principal\'s export has every conversation about the child');
      t.equal((await homeroom.request({ url: `/api/students/${child.id}/data-export` })).statusCode, 403);
      // Rate limit per requester.
      let code = 0;
      for (let i = 1; i <= EXPORT_LIMIT.count; i++) code = (await parent.request({ url: `/api/students/${sibling.id}/data-export` })).statusCode;
      t.equal(code, 429, 'the parent is slowed down after the limit');
    });
  });
}
