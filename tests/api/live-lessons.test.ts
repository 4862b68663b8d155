import t from 'tap';
import ExcelJS from 'exceljs';
import { buildTestApp, type Client } from '../helpers/app.js';
import { dialects } from '../helpers/db.js';
import { ERRORS, type ErrorCode } from '../../server/src/contracts/error-codes.js';
import { DomainError } from '../../server/src/domain/shared/errors.js';
import { schoolDate } from '../../server/src/domain/live/school-time.js';
import type { Viewer } from '../../server/src/domain/live/live.types.js';
import type { LessonPort, RecordsPort } from '../../server/src/domain/live-room/ports.js';
import type { Role } from '../../server/src/domain/people/person.types.js';
import { DEMO_IT_ID, DEMO_PARENT_LOGIN, DEMO_PRINCIPAL_ID, DEMO_STUDENT_ID, DEMO_TEACHER_ID, DEMO_VICE_PRINCIPAL_ID } from '../../server/src/domain/demo/demo-school.js';

/** An instant in school time (UTC+7). */
const at = (date: string, hhmm: string, ss = '00') => `${date}T${hhmm}:${ss}+07:00`;
const when = (date: string, hhmm: string, ss = '00') => new Date(at(date, hhmm, ss));

interface Assignment { id: number; classId: number; className: string; subjectId: number; subjectName: string; teacherId: number }
interface Lesson { id: number; classId: number; teacherId: number; status: string; decisionId: number | null; startsAt: string; myRole?: string; children?: { id: number }[] }

interface Asserts { ok(v: unknown, msg: string): unknown; equal(a: unknown, b: unknown, msg: string): unknown }

/** The error of a refused call: its stable code, with both messages present. */
function errorOf(t: Asserts, res: { statusCode: number; json(): { error: { code: ErrorCode; message: { vi: string; en: string }; details?: Record<string, unknown> } } }) {
  const e = res.json().error;
  t.ok(e.message.vi && e.message.en, `${e.code} has Vietnamese and English messages`);
  t.equal(res.statusCode, ERRORS[e.code].status, `${e.code} → ${ERRORS[e.code].status}`);
  return e;
}

/** The code a domain call is refused with. */
async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'accepted';
  } catch (err) {
    return err instanceof DomainError ? err.code : String(err);
  }
}

for (const dialect of dialects()) {
  t.test(`live lessons on ${dialect}`, async (t) => {
    const { login, services, database } = await buildTestApp(t, dialect, { demo: 'small' });
    const p = await login(DEMO_PRINCIPAL_ID);
    const vp = await login(DEMO_VICE_PRINCIPAL_ID);
    const teacher = await login(DEMO_TEACHER_ID);
    const student = await login(DEMO_STUDENT_ID);
    const parent = await login(DEMO_PARENT_LOGIN);
    const it = await login(DEMO_IT_ID);
    const me = async (c: Client): Promise<Viewer & { fullName: string }> => {
      const m = (await c.request({ url: '/api/auth/me' })).json();
      return { personId: m.personId, roles: m.roles as Role[], fullName: m.fullName };
    };
    const [pMe, vpMe, tMe, sMe, parentMe] = [await me(p), await me(vp), await me(teacher), await me(student), await me(parent)];
    // The live room's ports are these services: a change on either side stops the type check.
    const ports: { lessons: LessonPort; records: RecordsPort } = { lessons: services.liveLessons, records: services.liveRecords };
    t.ok(ports.lessons && ports.records);

    const classes = (await p.request({ url: '/api/classes' })).json() as { id: number; name: string; grade: number }[];
    const c6a1 = classes.find((c) => c.name === '6A1')!;
    const c6a2 = classes.find((c) => c.name === '6A2')!;
    const in6a1 = (await p.request({ url: `/api/assignments?classId=${c6a1.id}` })).json() as Assignment[];
    const mine = in6a1.find((a) => a.teacherId === tMe.personId)!;
    const others = in6a1.filter((a) => a.teacherId !== tMe.personId);
    const other = others[0]!;
    const in6a2 = (await p.request({ url: `/api/assignments?classId=${c6a2.id}` })).json() as Assignment[];
    const of6a2 = in6a2.find((a) => a.teacherId !== tMe.personId && a.teacherId !== other.teacherId)!;
    const teachesIn6a2 = in6a2.some((a) => a.teacherId === tMe.personId);
    const classList = (await p.request({ url: `/api/people?kind=student&classId=${c6a1.id}&limit=100` })).json().items as { id: number; fullName: string; personalId: string }[];
    const otherStudent = (await p.request({ url: `/api/people?kind=student&classId=${c6a2.id}&limit=1` })).json().items[0] as { id: number };
    t.ok(mine && other && classList.length >= 3, 'the demo class has the teacher, another teacher and students');

    const schedule = (c: Client, body: Record<string, unknown>) => c.request({ method: 'POST', url: '/api/live-lessons', payload: { recordingAllowed: false, ...body } });
    const slot = (date: string, from: string, to: string) => ({ startsAt: at(date, from), endsAt: at(date, to) });
    const decide = (body: Record<string, unknown>) => p.request({ method: 'POST', url: '/api/decisions', payload: { reason: 'Bão số 9 đổ bộ, học sinh không thể đến trường', ...body } });
    const MAR = '2027-03';

    await t.test('decisions are recorded by the principal only (Art. 5.4)', async (t) => {
      const body = { type: 'online_mode', mode: 'supporting', classIds: 'all', subjectIds: 'all', startsOn: `${MAR}-01`, endsOn: `${MAR}-31`, reason: 'Tăng cường ôn tập trực tuyến' };
      for (const c of [vp, teacher, student]) t.equal((await c.request({ method: 'POST', url: '/api/decisions', payload: body })).statusCode, 403);
      const ok = await p.request({ method: 'POST', url: '/api/decisions', payload: body });
      t.equal(ok.statusCode, 200, ok.body);
      const list = (await teacher.request({ url: '/api/decisions' })).json() as { id: number; signerId: number; signedAt: string; mode: string; classIds: unknown }[];
      const d = list.find((x) => x.id === ok.json().id)!;
      t.equal(d.signerId, pMe.personId, 'the signer is the principal');
      t.ok(d.signedAt);
      t.equal(d.classIds, 'all');
      t.equal((await student.request({ url: '/api/decisions' })).statusCode, 403, 'students do not read decisions');

      const noMode = errorOf(t, await decide({ type: 'online_mode', classIds: [c6a1.id], subjectIds: 'all', startsOn: `${MAR}-01`, endsOn: `${MAR}-02` }));
      t.equal(noMode.code, 'VALIDATION_FAILED');
      const fmMode = errorOf(t, await decide({ type: 'force_majeure', mode: 'replacing', classIds: [c6a1.id], subjectIds: 'all', startsOn: `${MAR}-01`, endsOn: `${MAR}-02` }));
      t.equal(fmMode.code, 'VALIDATION_FAILED');
      const backwards = errorOf(t, await decide({ type: 'force_majeure', classIds: [c6a1.id], subjectIds: 'all', startsOn: `${MAR}-05`, endsOn: `${MAR}-02` }));
      t.equal(backwards.code, 'INVALID_DATE_RANGE');
      const unknownClass = errorOf(t, await decide({ type: 'force_majeure', classIds: [999999], subjectIds: 'all', startsOn: `${MAR}-01`, endsOn: `${MAR}-02` }));
      t.equal(unknownClass.code, 'NOT_FOUND');
      const replacing = errorOf(t, await decide({ type: 'online_mode', mode: 'replacing', classIds: [c6a1.id], subjectIds: 'all', startsOn: `${MAR}-16`, endsOn: `${MAR}-18` }));
      t.equal(replacing.code, 'REPLACING_MODE_NEEDS_FORCE_MAJEURE', 'replacing mode needs force majeure');
      t.match(replacing.message.vi, /bất khả kháng/);
    });

    let lessonId = 0;
    let replacingId = 0;
    let forceMajeureId = 0;

    await t.test('scheduling: assignment, school year, slot, overlap', async (t) => {
      const res = await schedule(teacher, { classId: c6a1.id, subjectId: mine.subjectId, topic: 'Bài 12: Phân số bằng nhau', mode: 'supporting', recordingAllowed: true, ...slot(`${MAR}-15`, '08:00', '08:45') });
      t.equal(res.statusCode, 200, res.body);
      lessonId = res.json().id;
      const lesson = (await teacher.request({ url: `/api/live-lessons/${lessonId}` })).json() as Lesson & { startsAt: string; endsAt: string; teacherName: string };
      t.equal(lesson.startsAt, '2027-03-15T01:00:00.000Z', 'instants are stored in UTC');
      t.equal(lesson.status, 'scheduled');
      t.equal(lesson.teacherId, tMe.personId);

      t.equal(errorOf(t, await schedule(teacher, { classId: c6a1.id, subjectId: other.subjectId, topic: 'Không được phân công', mode: 'supporting', ...slot(`${MAR}-15`, '10:00', '10:45') })).code,
        'LIVE_NOT_ASSIGNED', 'a teacher schedules only a class × subject assigned to them');
      t.equal(errorOf(t, await schedule(teacher, { classId: c6a1.id, subjectId: mine.subjectId, topic: 'Cho người khác', mode: 'supporting', teacherId: other.teacherId, ...slot(`${MAR}-15`, '10:00', '10:45') })).code,
        'FORBIDDEN', 'a teacher does not schedule for a colleague');
      const classClash = errorOf(t, await schedule(p, { classId: c6a1.id, subjectId: other.subjectId, topic: 'Trùng giờ lớp', mode: 'supporting', ...slot(`${MAR}-15`, '08:30', '09:15') }));
      t.equal(classClash.code, 'LIVE_LESSON_OVERLAP');
      t.same(classClash.details, { lessonId, conflict: 'class' });
      const teacherClash = errorOf(t, await schedule(p, { classId: c6a2.id, subjectId: of6a2.subjectId, teacherId: tMe.personId, topic: 'Trùng giờ giáo viên', mode: 'supporting', ...slot(`${MAR}-15`, '07:30', '08:01') }));
      t.equal(teacherClash.code, 'LIVE_LESSON_OVERLAP');
      t.equal(teacherClash.details?.conflict, 'teacher');
      const back = await schedule(p, { classId: c6a1.id, subjectId: other.subjectId, topic: 'Ngay sau đó', mode: 'supporting', ...slot(`${MAR}-15`, '08:45', '09:30') });
      t.equal(back.statusCode, 200, 'back-to-back lessons do not overlap');
      t.equal((await p.request({ url: `/api/live-lessons/${back.json().id}` })).json().teacherId, other.teacherId, 'the manager schedules for the assigned teacher by default');

      t.equal(errorOf(t, await schedule(teacher, { classId: c6a1.id, subjectId: mine.subjectId, topic: 'Hè', mode: 'supporting', ...slot('2027-07-20', '08:00', '08:45') })).code, 'LIVE_OUTSIDE_SCHOOL_YEAR');
      t.equal(errorOf(t, await schedule(teacher, { classId: c6a1.id, subjectId: mine.subjectId, topic: 'Ngược', mode: 'supporting', ...slot(`${MAR}-15`, '11:00', '10:00') })).code, 'INVALID_DATE_RANGE');
      t.equal(errorOf(t, await schedule(teacher, { classId: c6a1.id, subjectId: mine.subjectId, topic: 'Quá dài', mode: 'supporting', ...slot(`${MAR}-15`, '13:00', '17:30') })).code, 'INVALID_DATE_RANGE');
      t.equal(errorOf(t, await teacher.request({ method: 'POST', url: '/api/live-lessons', payload: {} })).code, 'VALIDATION_FAILED');
      t.equal(errorOf(t, await schedule(teacher, { classId: c6a1.id, subjectId: mine.subjectId, topic: 'Không múi giờ', mode: 'supporting', startsAt: `${MAR}-15T13:00:00`, endsAt: `${MAR}-15T13:45:00` })).code,
        'VALIDATION_FAILED', 'an instant without its offset is ambiguous');
      t.equal(errorOf(t, await schedule(p, { classId: 999999, subjectId: mine.subjectId, topic: 'Lớp lạ', mode: 'supporting', ...slot(`${MAR}-15`, '13:00', '13:45') })).code, 'NOT_FOUND');
      t.equal((await student.request({ method: 'POST', url: '/api/live-lessons', payload: {} })).statusCode, 403);
    });

    await t.test('replacing mode only inside an active force-majeure decision (Art. 5.4)', async (t) => {
      const replacing = { classId: c6a1.id, subjectId: mine.subjectId, topic: 'Bài 13: So sánh phân số', mode: 'replacing' };
      t.equal(errorOf(t, await schedule(teacher, { ...replacing, ...slot(`${MAR}-17`, '08:00', '08:45') })).code, 'REPLACING_MODE_NEEDS_FORCE_MAJEURE', 'refused without force majeure');

      const fm = await decide({ type: 'force_majeure', classIds: [c6a1.id, c6a2.id], subjectIds: 'all', startsOn: `${MAR}-16`, endsOn: `${MAR}-19`, documentNumber: '15/QĐ-THCS' });
      t.equal(fm.statusCode, 200, fm.body);
      forceMajeureId = fm.json().id;
      // A second decision continues the first for 6A1 only: together they cover the 16th to the 24th.
      t.equal((await decide({ type: 'force_majeure', classIds: [c6a1.id], subjectIds: 'all', startsOn: `${MAR}-20`, endsOn: `${MAR}-24` })).statusCode, 200);

      const inside = await schedule(teacher, { ...replacing, ...slot(`${MAR}-17`, '08:00', '08:45') });
      t.equal(inside.statusCode, 200, 'accepted inside force majeure');
      replacingId = inside.json().id;
      t.equal((await teacher.request({ url: `/api/live-lessons/${replacingId}` })).json().decisionId, forceMajeureId, 'the lesson names the decision it relies on');
      t.equal(errorOf(t, await schedule(teacher, { ...replacing, ...slot(`${MAR}-25`, '08:00', '08:45') })).code, 'REPLACING_MODE_NEEDS_FORCE_MAJEURE', 'refused after the decision ends');

      const modeOk = await decide({ type: 'online_mode', mode: 'replacing', classIds: [c6a1.id], subjectIds: 'all', startsOn: `${MAR}-16`, endsOn: `${MAR}-24` });
      t.equal(modeOk.statusCode, 200, 'a replacing-mode decision covered by two force-majeure decisions together');
      t.equal(errorOf(t, await decide({ type: 'online_mode', mode: 'replacing', classIds: [c6a2.id], subjectIds: 'all', startsOn: `${MAR}-16`, endsOn: `${MAR}-24` })).code,
        'REPLACING_MODE_NEEDS_FORCE_MAJEURE', '6A2 is covered only until the 19th');

      t.equal((await vp.request({ method: 'POST', url: `/api/decisions/${forceMajeureId}/revoke`, payload: { reason: 'Hết bão' } })).statusCode, 403, 'only the principal revokes');
      const revoked = await p.request({ method: 'POST', url: `/api/decisions/${forceMajeureId}/revoke`, payload: { reason: 'Bão đã tan, học sinh trở lại trường' } });
      t.equal(revoked.statusCode, 200, revoked.body);
      t.same(revoked.json().uncoveredLessonIds, [replacingId], 'lessons relying on it are named for the principal');
      t.equal(errorOf(t, await p.request({ method: 'POST', url: `/api/decisions/${forceMajeureId}/revoke`, payload: { reason: 'Lần nữa' } })).code, 'DECISION_ALREADY_REVOKED');
      t.equal(errorOf(t, await p.request({ method: 'POST', url: '/api/decisions/999999/revoke', payload: { reason: 'Không có' } })).code, 'NOT_FOUND');
      t.equal(errorOf(t, await schedule(teacher, { ...replacing, ...slot(`${MAR}-18`, '08:00', '08:45') })).code, 'REPLACING_MODE_NEEDS_FORCE_MAJEURE', 'refused after revocation');
      t.equal((await schedule(teacher, { ...replacing, ...slot(`${MAR}-20`, '08:00', '08:45') })).statusCode, 200, 'the other decision still covers the 20th');
      const active = (await p.request({ url: '/api/decisions?includeRevoked=false&type=force_majeure' })).json() as { id: number; revokedAt: string | null }[];
      t.notOk(active.some((d) => d.id === forceMajeureId), 'a revoked decision is kept but not active');
      const all = (await p.request({ url: '/api/decisions' })).json() as { id: number; revokedAt: string | null; revokeReason: string | null; documentNumber: string | null }[];
      t.match(all.find((d) => d.id === forceMajeureId), { revokeReason: 'Bão đã tan, học sinh trở lại trường', documentNumber: '15/QĐ-THCS' });
    });

    await t.test('cancelling: own lesson, not started; a cancelled slot is free again', async (t) => {
      const res = await schedule(teacher, { classId: c6a1.id, subjectId: mine.subjectId, topic: 'Sẽ huỷ', mode: 'supporting', ...slot(`${MAR}-22`, '14:00', '14:45') });
      const id = res.json().id;
      t.equal((await student.request({ method: 'POST', url: `/api/live-lessons/${id}/cancel`, payload: {} })).statusCode, 403);
      t.equal((await teacher.request({ method: 'POST', url: `/api/live-lessons/${id}/cancel`, payload: { reason: 'Giáo viên ốm' } })).statusCode, 200);
      const cancelled = (await teacher.request({ url: `/api/live-lessons/${id}` })).json();
      t.match(cancelled, { status: 'cancelled', cancelReason: 'Giáo viên ốm' });
      t.equal(errorOf(t, await teacher.request({ method: 'POST', url: `/api/live-lessons/${id}/cancel`, payload: {} })).code, 'LIVE_LESSON_CANCELLED');
      t.equal((await schedule(teacher, { classId: c6a1.id, subjectId: mine.subjectId, topic: 'Dạy bù', mode: 'supporting', ...slot(`${MAR}-22`, '14:00', '14:45') })).statusCode, 200);
      const theirs = (await p.request({ url: `/api/live-lessons?from=${MAR}-15&to=${MAR}-15&teacherId=${other.teacherId}` })).json() as Lesson[];
      t.equal(errorOf(t, await teacher.request({ method: 'POST', url: `/api/live-lessons/${theirs[0]!.id}/cancel`, payload: {} })).code, 'FORBIDDEN', 'not a colleague\'s lesson');
    });

    await t.test('who sees which lessons', async (t) => {
      const other6a2 = await schedule(p, { classId: c6a2.id, subjectId: of6a2.subjectId, topic: 'Lớp 6A2', mode: 'supporting', ...slot(`${MAR}-15`, '09:00', '09:45') });
      t.equal(other6a2.statusCode, 200, other6a2.body);
      const range = `from=${MAR}-01&to=${MAR}-31`;
      const ids = async (c: Client, extra = '') => ((await c.request({ url: `/api/live-lessons?${range}${extra}` })).json() as Lesson[]);
      const forStudent = await ids(student);
      t.ok(forStudent.length >= 3 && forStudent.every((l) => l.classId === c6a1.id), 'a student sees their class only');
      t.ok(forStudent.every((l, i) => i === 0 || forStudent[i - 1]!.startsAt <= l.startsAt), 'in time order');
      t.notOk((await ids(student, `&classId=${c6a2.id}`)).length, 'asking for another class gives nothing');
      t.ok((await ids(parent)).some((l) => l.classId === c6a1.id), 'a parent sees the child\'s class');
      t.notOk((await ids(parent)).some((l) => l.classId === c6a2.id));
      t.ok((await ids(it)).some((l) => l.classId === c6a2.id), 'IT sees the whole schedule');
      t.ok((await ids(p)).some((l) => l.classId === c6a2.id));
      const forTeacher = await ids(teacher);
      t.ok(forTeacher.some((l) => l.teacherId === other.teacherId && l.classId === c6a1.id), 'a teacher sees lessons of a class they teach');
      t.equal(forTeacher.some((l) => l.classId === c6a2.id && l.teacherId !== tMe.personId), teachesIn6a2, 'of other classes only when they teach there');
      t.equal(errorOf(t, await student.request({ url: `/api/live-lessons/${other6a2.json().id}` })).code, 'FORBIDDEN');
      t.equal(errorOf(t, await student.request({ url: '/api/live-lessons/999999' })).code, 'NOT_FOUND');
      t.equal(errorOf(t, await p.request({ url: `/api/live-lessons?from=${MAR}-31&to=${MAR}-01` })).code, 'INVALID_DATE_RANGE');
    });

    await t.test("today's lessons per role, in time order (kiosk home)", async (t) => {
      const today = schoolDate(new Date());
      const year = (await p.request({ url: '/api/school-years' })).json().find((y: { isCurrent: boolean }) => y.isCurrent);
      if (today < year.startsOn || today > year.endsOn) {
        // Runs outside the demo year: stretch the year so that today is a school day.
        const res = await p.request({ method: 'PUT', url: `/api/school-years/${year.id}`, payload: {
          name: year.name, isCurrent: true, startsOn: today < year.startsOn ? today : year.startsOn, endsOn: today > year.endsOn ? today : year.endsOn,
          semesters: year.semesters.map(({ id: _id, ...s }: { id: number }) => s),
        } });
        t.equal(res.statusCode, 200, res.body);
      }
      const later = await schedule(teacher, { classId: c6a1.id, subjectId: mine.subjectId, topic: 'Buổi sau', mode: 'supporting', ...slot(today, '06:50', '07:30') });
      const first = await schedule(teacher, { classId: c6a1.id, subjectId: mine.subjectId, topic: 'Buổi đầu', mode: 'supporting', ...slot(today, '06:00', '06:40') });
      const elsewhere = await schedule(p, { classId: c6a2.id, subjectId: of6a2.subjectId, topic: 'Lớp khác', mode: 'supporting', ...slot(today, '06:00', '06:40') });
      t.ok([later, first, elsewhere].every((r) => r.statusCode === 200), later.body + first.body + elsewhere.body);
      const todayOf = async (c: Client) => (await c.request({ url: '/api/live-lessons/today' })).json() as Lesson[];
      const mineToday = [first.json().id, later.json().id];

      const tt = await todayOf(teacher);
      t.same(tt.map((l) => l.id), mineToday, 'the teacher: own lessons, earliest first');
      t.ok(tt.every((l) => l.myRole === 'teacher'));
      const st = await todayOf(student);
      t.same(st.map((l) => l.id), mineToday, 'the student: the class\'s lessons');
      t.ok(st.every((l) => l.myRole === 'student'));
      t.equal((st[0] as Lesson & { joinableFrom: string }).joinableFrom, new Date(Date.parse(at(today, '06:00')) - 15 * 60_000).toISOString(), 'the join button opens 15 minutes ahead');
      const pt = await todayOf(parent);
      t.same(pt.map((l) => l.id), mineToday, 'the parent: the children\'s classes');
      t.ok(pt.every((l) => l.myRole === 'parent' && l.children!.some((c) => c.id === sMe.personId)));
      const prt = await todayOf(p);
      t.same(prt.map((l) => l.id).sort(), [...mineToday, elsewhere.json().id].sort(), 'the principal: every lesson, to observe');
      t.ok(prt.every((l) => l.myRole === 'observer'));
      t.same(await todayOf(it), [], 'IT has no lessons on the home page');
    });

    await t.test('canJoin: who, as what, and when (Art. 9.1)', async (t) => {
      const lv = services.liveLessons;
      const day = `${MAR}-15`;
      const studentOf6a2: Viewer = { personId: otherStudent.id, roles: ['student'] };
      t.equal(await refusal(lv.canJoin(sMe, lessonId, when(day, '07:44'))), 'LIVE_NOT_OPEN_YET', 'not before 15 minutes ahead');
      t.same(await lv.canJoin(sMe, lessonId, when(day, '07:45')), { role: 'student' });
      t.same(await lv.canJoin(tMe, lessonId, when(day, '07:50')), { role: 'teacher' });
      t.same(await lv.canJoin(pMe, lessonId, when(day, '08:10')), { role: 'observer' });
      t.same(await lv.canJoin(vpMe, lessonId, when(day, '08:10')), { role: 'observer' });
      t.equal(await refusal(lv.canJoin(parentMe, lessonId, when(day, '08:10'))), 'LIVE_NOT_PARTICIPANT', 'parents do not enter the room');
      t.equal(await refusal(lv.canJoin(studentOf6a2, lessonId, when(day, '08:10'))), 'LIVE_NOT_PARTICIPANT', 'nor students of another class');
      t.equal(await refusal(lv.canJoin(sMe, lessonId, when(day, '08:45'))), 'LIVE_LESSON_ENDED', 'a lesson that never started is over with its slot');
      t.equal(await refusal(lv.canJoin(sMe, 999999)), 'NOT_FOUND');
      const info = await lv.info(lessonId);
      t.match(info, { id: lessonId, title: 'Bài 12: Phân số bằng nhau', className: '6A1', teacherId: tMe.personId, recordingAllowed: true });
    });

    await t.test('records of the lesson and its summary (Art. 8.1.b)', async (t) => {
      const lv = services.liveLessons;
      const rec = services.liveRecords;
      const day = `${MAR}-15`;
      const [a, b, c] = [classList.find((s) => s.id === sMe.personId)!, ...classList.filter((s) => s.id !== sMe.personId).slice(0, 2)] as { id: number; fullName: string; personalId: string }[];

      await lv.markLive(lessonId, when(day, '07:58'));
      await lv.markLive(lessonId, when(day, '07:59'));
      t.equal((await p.request({ url: `/api/live-lessons/${lessonId}` })).json().startedAt, new Date(at(day, '07:58')).toISOString(), 'markLive is idempotent');
      t.same(await lv.canJoin(sMe, lessonId, when(day, '08:50')), { role: 'student' }, 'a live lesson may run over its slot');

      // Student A: a reconnect after 30 s is one interval, after 5 minutes a second one.
      await rec.join(lessonId, a!.id, when(day, '07:55'));
      await rec.join(lessonId, a!.id, when(day, '07:56')); // a second tab: nothing new
      await rec.leave(lessonId, a!.id, when(day, '08:10'));
      await rec.join(lessonId, a!.id, when(day, '08:10', '30'));
      await rec.leave(lessonId, a!.id, when(day, '08:20'));
      await rec.join(lessonId, a!.id, when(day, '08:25'));
      await rec.leave(lessonId, a!.id, when(day, '08:45'));
      // Student B: late, stays till the end without a leave event.
      await rec.join(lessonId, b!.id, when(day, '08:07'));
      await rec.join(lessonId, tMe.personId, when(day, '07:57'));

      await rec.chat(lessonId, a!.id, null, 'Em chào thầy cô ạ', when(day, '08:01'));
      await rec.chat(lessonId, a!.id, null, 'Em nghe rõ ạ', when(day, '08:02'));
      await rec.chat(lessonId, b!.id, tMe.personId, 'Thầy ơi em vào muộn', when(day, '08:08'));
      t.equal(await refusal(rec.chat(lessonId, b!.id, a!.id, 'Nói riêng với bạn', when(day, '08:09'))), 'FORBIDDEN', 'private messages only with the teacher');
      t.equal(await refusal(rec.chat(lessonId, b!.id, null, '   ', when(day, '08:09'))), 'VALIDATION_FAILED');
      const qa = await rec.question(lessonId, a!.id, 'Vì sao 2/4 bằng 1/2?', when(day, '08:12'));
      await rec.question(lessonId, b!.id, 'Phân số tối giản là gì?', when(day, '08:15'));
      await rec.markAnswered(qa, tMe.personId, when(day, '08:13'));
      await rec.hand(lessonId, a!.id, true, a!.id, when(day, '08:14'));
      await rec.hand(lessonId, a!.id, true, a!.id, when(day, '08:14', '10')); // already raised
      await rec.hand(lessonId, a!.id, false, tMe.personId, when(day, '08:16'));
      await rec.hand(lessonId, a!.id, true, a!.id, when(day, '08:30'));
      for (let i = 0; i < 3; i++) await rec.reaction(lessonId, b!.id, 'like', when(day, '08:31'));
      await rec.reaction(lessonId, b!.id, 'clap', when(day, '08:31'));
      t.equal(await refusal(rec.reaction(lessonId, b!.id, '<script>', when(day, '08:31'))), 'VALIDATION_FAILED');

      // Polls: a second answer replaces the first while open; closed polls and bad options are refused.
      const single = await rec.openPoll(lessonId, '2/4 bằng phân số nào?', ['1/3', '1/2', '2/3'], false, when(day, '08:32'));
      await rec.answerPoll(single, a!.id, [0], when(day, '08:33'));
      await rec.answerPoll(single, a!.id, [1], when(day, '08:33', '20'));
      await rec.answerPoll(single, b!.id, [1], when(day, '08:34'));
      t.equal(await refusal(rec.answerPoll(single, b!.id, [5], when(day, '08:34'))), 'VALIDATION_FAILED', 'an option out of range');
      t.equal(await refusal(rec.answerPoll(single, b!.id, [0, 1], when(day, '08:34'))), 'VALIDATION_FAILED', 'two options in a single-choice poll');
      t.match(await rec.pollResults(single), { counts: [0, 2, 0], answered: 2, open: true }, 'live results, one answer per student');
      await rec.closePoll(single, when(day, '08:35'));
      t.equal(await refusal(rec.answerPoll(single, c!.id, [2], when(day, '08:36'))), 'LIVE_POLL_CLOSED', 'a closed poll refuses answers');
      const multi = await rec.openPoll(lessonId, 'Phân số nào tối giản?', ['1/2', '2/4', '3/5'], true, when(day, '08:37'));
      await rec.answerPoll(multi, a!.id, [2, 0, 0], when(day, '08:38'));
      t.equal(await refusal(rec.openPoll(lessonId, 'Một lựa chọn?', ['A'], false, when(day, '08:39'))), 'VALIDATION_FAILED', 'a poll needs two options');
      t.equal(await refusal(rec.answerPoll(999999, a!.id, [0], when(day, '08:39'))), 'NOT_FOUND');

      await rec.recording(lessonId, { file: `${database.dataDir}/recordings/lesson-${lessonId}.webm`, bytes: 1_234_567, durationMs: 600_000, startedAt: when(day, '08:05'), endedAt: when(day, '08:15') });
      t.equal(await refusal(rec.recording(lessonId, { file: '/etc/passwd', bytes: 1, durationMs: 1, startedAt: when(day, '08:05'), endedAt: when(day, '08:06') })), 'LIVE_RECORDING_PATH_INVALID');
      t.equal(await refusal(rec.recording(lessonId, { file: '../outside.webm', bytes: 1, durationMs: 1, startedAt: when(day, '08:05'), endedAt: when(day, '08:06') })), 'LIVE_RECORDING_PATH_INVALID');
      t.equal(await refusal(rec.recording(replacingId, { file: 'recordings/x.webm', bytes: 1, durationMs: 1, startedAt: when(day, '08:05'), endedAt: when(day, '08:06') })), 'LIVE_RECORDING_NOT_ALLOWED');

      await lv.markEnded(lessonId, when(day, '08:46'));
      await lv.markEnded(lessonId, when(day, '08:50'));
      t.equal(await refusal(rec.join(lessonId, c!.id, when(day, '08:47'))), 'LIVE_LESSON_ENDED', 'no joins after the end');
      t.equal(await refusal(lv.canJoin(sMe, lessonId, when(day, '08:47'))), 'LIVE_LESSON_ENDED');
      t.equal(await refusal(lv.markLive(lessonId)), 'LIVE_LESSON_ENDED');
      t.equal(errorOf(t, await teacher.request({ method: 'POST', url: `/api/live-lessons/${lessonId}/cancel`, payload: {} })).code, 'LIVE_NOT_CANCELLABLE');
      t.match(await rec.pollResults(multi), { open: false, counts: [1, 0, 1] }, 'the end closes open polls');

      const res = await teacher.request({ url: `/api/live-lessons/${lessonId}/summary` });
      t.equal(res.statusCode, 200, res.body.slice(0, 300));
      const s = res.json();
      t.equal(s.lesson.status, 'ended');
      t.equal(s.lesson.endedAt, new Date(at(day, '08:46')).toISOString(), 'markEnded is idempotent');
      t.same(s.students.map((x: { personId: number }) => x.personId), classList.map((x) => x.id), 'every student of the class, in class-list order');
      const row = (id: number) => s.students.find((x: { personId: number }) => x.personId === id);
      t.match(row(a!.id), { present: true, late: false, minutes: 40, joins: 2, firstJoinAt: new Date(at(day, '07:55')).toISOString(), chatMessages: 2, questions: 1, handsRaised: 2, reactions: 0, pollAnswers: 2 },
        'A: 08:00–08:20 (the 30 s reconnect is one interval) and 08:25–08:45');
      t.match(row(b!.id), { present: true, late: true, minutes: 39, joins: 1, lastLeftAt: new Date(at(day, '08:46')).toISOString(), chatMessages: 1, questions: 1, handsRaised: 0, reactions: 4, pollAnswers: 1 },
        'B: late at 08:07, present until the end closed the interval');
      t.match(row(c!.id), { present: false, late: false, minutes: 0, joins: 0, pollAnswers: 0 }, 'C: absent');
      t.notOk(row(tMe.personId), 'the teacher is not a student row');
      t.match(s.totals, { students: classList.length, present: 2, absent: classList.length - 2, late: 1, chatMessages: 3, questions: 2, answeredQuestions: 1, handsRaised: 2, reactions: 4, polls: 2 });
      t.same(s.questions.map((q: { text: string; answered: boolean }) => [q.text, q.answered]), [['Vì sao 2/4 bằng 1/2?', true], ['Phân số tối giản là gì?', false]]);
      t.match(s.polls, [{ id: single, counts: [0, 2, 0], answered: 2, open: false, multiple: false }, { id: multi, counts: [1, 0, 1], answered: 1, multiple: true }]);

      t.equal((await p.request({ url: `/api/live-lessons/${lessonId}/summary` })).statusCode, 200, 'the principal reads every summary');
      const colleague = (await p.request({ url: `/api/people/${other.teacherId}` })).json();
      const otherTeacher = await login(colleague.login);
      t.equal(errorOf(t, await otherTeacher.request({ url: `/api/live-lessons/${lessonId}/summary` })).code, 'FORBIDDEN', 'a teacher reads the summary of own lessons only');
      t.equal((await student.request({ url: `/api/live-lessons/${lessonId}/summary` })).statusCode, 403);
      t.equal(errorOf(t, await teacher.request({ url: '/api/live-lessons/999999/summary' })).code, 'NOT_FOUND');

      const xlsx = await p.request({ url: `/api/live-lessons/${lessonId}/summary.xlsx` });
      t.equal(xlsx.statusCode, 200);
      t.match(xlsx.headers['content-disposition'], /\.xlsx"$/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const sheet = wb.getWorksheet('Điểm danh')!;
      const header = Array.from({ length: 11 }, (_, k) => sheet.getRow(3).getCell(k + 1).value);
      t.same(header, ['STT', 'Mã định danh', 'Họ và tên', 'Có mặt', 'Vào muộn', 'Số phút', 'Số lần vào', 'Tin nhắn', 'Câu hỏi', 'Giơ tay', 'Trả lời bình chọn']);
      t.match(String(sheet.getCell(1, 1).value), /Lớp 6A1/);
      const rows = [...Array(classList.length).keys()].map((i) => Array.from({ length: 11 }, (_, k) => sheet.getRow(4 + i).getCell(k + 1).value));
      t.same(rows.map((r) => r[2]), classList.map((x) => x.fullName), 'names in Vietnamese class-list order');
      t.same(rows.find((r) => r[1] === a!.personalId), [classList.indexOf(a!) + 1, a!.personalId, a!.fullName, 'Có', null, 40, 2, 2, 1, 2, 2]);
      t.same(rows.find((r) => r[1] === c!.personalId)!.slice(3, 5), ['Vắng', null]);
      t.ok(wb.getWorksheet('Câu hỏi') && wb.getWorksheet('Bình chọn'));

      const recordings = await student.request({ url: `/api/live-lessons/${lessonId}/recordings` });
      t.equal(recordings.statusCode, 200);
      t.match(recordings.json(), [{ file: `recordings/lesson-${lessonId}.webm`, bytes: 1_234_567, durationMs: 600_000 }], 'stored relative to the data directory');
      t.equal((await teacher.request({ url: `/api/live-lessons/${lessonId}/recordings` })).statusCode, 200);
      t.equal((await p.request({ url: `/api/live-lessons/${lessonId}/recordings` })).statusCode, 200);
      t.equal(errorOf(t, await parent.request({ url: `/api/live-lessons/${lessonId}/recordings` })).code, 'FORBIDDEN', 'parents do not get the recordings');
      t.equal(errorOf(t, await it.request({ url: `/api/live-lessons/${lessonId}/recordings` })).code, 'FORBIDDEN');
    });

    await t.test('cancelled lessons cannot be joined or started', async (t) => {
      const res = await schedule(teacher, { classId: c6a1.id, subjectId: mine.subjectId, topic: 'Huỷ', mode: 'supporting', ...slot(`${MAR}-26`, '08:00', '08:45') });
      const id = res.json().id;
      await teacher.request({ method: 'POST', url: `/api/live-lessons/${id}/cancel`, payload: {} });
      t.equal(await refusal(services.liveLessons.canJoin(sMe, id, when(`${MAR}-26`, '08:00'))), 'LIVE_LESSON_CANCELLED');
      t.equal(await refusal(services.liveLessons.markLive(id)), 'LIVE_LESSON_CANCELLED');
      t.equal(await refusal(services.liveRecords.join(id, sMe.personId, when(`${MAR}-26`, '08:00'))), 'LIVE_LESSON_CANCELLED');
    });

    await t.test('scheduling and decisions are audited', async (t) => {
      const audit = (await p.request({ url: '/api/audit?action=live_&limit=100' })).json() as { action: string }[];
      for (const action of ['live_decision.recorded', 'live_decision.revoked', 'live_lesson.scheduled', 'live_lesson.cancelled']) {
        t.ok(audit.some((a) => a.action === action), action);
      }
    });
  });
}

t.test('every live error code has a status and both messages', async (t) => {
  const codes: ErrorCode[] = [
    'REPLACING_MODE_NEEDS_FORCE_MAJEURE', 'DECISION_ALREADY_REVOKED', 'LIVE_NOT_ASSIGNED', 'LIVE_OUTSIDE_SCHOOL_YEAR', 'LIVE_LESSON_OVERLAP', 'LIVE_LESSON_CANCELLED',
    'LIVE_NOT_CANCELLABLE', 'LIVE_NOT_OPEN_YET', 'LIVE_NOT_PARTICIPANT', 'LIVE_RECORDING_PATH_INVALID', 'LIVE_LESSON_ENDED', 'LIVE_POLL_CLOSED', 'LIVE_RECORDING_NOT_ALLOWED',
  ];
  for (const code of codes) t.ok(ERRORS[code].status >= 400 && ERRORS[code].vi.length > 10 && ERRORS[code].en.length > 10, code);
});
