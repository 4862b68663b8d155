import t from 'tap';
import type { Knex } from 'knex';
import { buildTestApp } from '../helpers/app.js';
import { dialects } from '../helpers/db.js';
import type { Dashboard } from '../../server/src/contracts/dashboard.schema.js';
import {
  DEMO_IT_ID, DEMO_PARENT_LOGIN, DEMO_PRINCIPAL_ID, DEMO_STUDENT_ID, DEMO_TEACHER_ID, DEMO_VICE_PRINCIPAL_ID,
} from '../../server/src/domain/demo/demo-school.js';
import {
  addAlert, addAssignment, addCamera, addClass, addDevice, addLesson, addPresence, addQuiz, addWaitingMaterial, currentYear, fillGradebook,
  personId, subjectId, todayStartMs,
} from '../helpers/dashboard-activity.js';

for (const dialect of dialects()) {
  t.test(`${dialect}: the principal's dashboard counts what the other modules stored`, async (t) => {
    const { app, database, login, services } = await buildTestApp(t, dialect, { demo: 'small' });
    const knex = database.db.knex;
    const now = Date.now();
    const dayStart = todayStartMs();
    const { semesterId } = await currentYear(knex);
    const toan = await subjectId(knex, 'TOAN');
    const nv = await subjectId(knex, 'NV');
    const hdtn = await subjectId(knex, 'HDTN');
    const teacher = await personId(knex, DEMO_TEACHER_ID);

    // A class of five: a live lesson now with three connected, one who left, one who never came.
    const { classId, studentIds: s } = await addClass(knex, { name: '6A9', grade: 6, students: 5 });
    await addAssignment(knex, classId, toan, teacher);
    const live = await addLesson(knex, { classId, subjectId: toan, teacherId: teacher, startsAt: now - 10 * 60_000, endsAt: now + 35 * 60_000, status: 'live', mode: 'replacing', topic: 'Phân số' });
    for (const id of s.slice(0, 3)) await addPresence(knex, live, id, now - 9 * 60_000, null);
    await addPresence(knex, live, s[3]!, now - 9 * 60_000, now - 5 * 60_000);
    await addPresence(knex, live, teacher, now - 10 * 60_000, null); // the teacher is not a student of the class
    await addPresence(knex, live, await personId(knex, DEMO_STUDENT_ID), now - 8 * 60_000, null); // nor is a student of 6A1
    // Held earlier today (first seconds of the school day): all five came, one twice.
    const ended = await addLesson(knex, { classId, subjectId: nv, teacherId: teacher, startsAt: dayStart + 1000, endsAt: dayStart + 2000, status: 'ended' });
    for (const id of s) await addPresence(knex, ended, id, dayStart + 1000, dayStart + 1500);
    await addPresence(knex, ended, s[0]!, dayStart + 1600, dayStart + 1900);
    // Yesterday's lesson does not count today; a missed, a cancelled and a later one are counted apart.
    const yesterday = await addLesson(knex, { classId, subjectId: nv, teacherId: teacher, startsAt: dayStart - 5 * 3_600_000, endsAt: dayStart - 4 * 3_600_000, status: 'ended' });
    await addPresence(knex, yesterday, s[4]!, dayStart - 5 * 3_600_000, dayStart - 4 * 3_600_000);
    await addLesson(knex, { classId, subjectId: nv, teacherId: teacher, startsAt: dayStart + 3000, endsAt: dayStart + 4000, status: 'scheduled' });
    await addLesson(knex, { classId, subjectId: nv, teacherId: teacher, startsAt: dayStart + 5000, endsAt: dayStart + 6000, status: 'cancelled' });
    await addLesson(knex, { classId, subjectId: nv, teacherId: teacher, startsAt: dayStart + 86_400_000 - 2000, endsAt: dayStart + 86_400_000 - 1000, status: 'scheduled' });

    // The gradebook half filled: Toán grade 6 (140 periods: ĐĐGtx1–4, ĐĐGgk, ĐĐGck) = 6 columns × 5 students; 15 cells.
    await fillGradebook(knex, { subjectId: toan, semesterId, studentIds: s, columns: [1, 2, 3].map((slot) => ({ kind: 'regular', slot })), by: teacher });
    await fillGradebook(knex, { subjectId: toan, semesterId, studentIds: [s[0]!], columns: [{ kind: 'regular', slot: 9 }], by: teacher }); // outside the layout
    // Quizzes: one open now, one closed with an essay to grade, one closed and graded, one next semester's.
    await addQuiz(knex, { classId, subjectId: toan, grade: 6, opensAt: now - 3_600_000, closesAt: now + 3_600_000, by: teacher });
    await addQuiz(knex, { classId, subjectId: toan, grade: 6, opensAt: now - 3 * 86_400_000, closesAt: now - 2 * 86_400_000, by: teacher, attempts: [{ studentId: s[0]!, score: null }, { studentId: s[1]!, score: 8 }] });
    await addQuiz(knex, { classId, subjectId: toan, grade: 6, opensAt: now - 5 * 86_400_000, closesAt: now - 4 * 86_400_000, by: teacher, attempts: [{ studentId: s[2]!, score: 9 }] });
    await addQuiz(knex, { classId, subjectId: toan, grade: 6, opensAt: now + 400 * 86_400_000, closesAt: now + 401 * 86_400_000, by: teacher });

    // Two more materials waiting: one in a leader's group (1 day), one in a subject without a group (10 days: the principal's).
    await addWaitingMaterial(knex, { subjectId: toan, grade: 6, ownerId: teacher, title: 'Phiếu học tập phân số', submittedDaysAgo: 1 });
    await addWaitingMaterial(knex, { subjectId: hdtn, grade: 6, ownerId: teacher, title: 'Hoạt động: an toàn giao thông', submittedDaysAgo: 10 });

    // The room: a camera with an error, a microphone with an active alert, a cleared critical alert.
    const mic = await addDevice(knex, { kind: 'microphone', name: 'Micro đa hướng', host: '192.0.2.10', port: 80 });
    await addDevice(knex, { kind: 'display', name: 'Màn hình tương tác' });
    await addAlert(knex, { deviceId: mic, severity: 'warning', vi: 'Micro đa hướng không phản hồi.', raisedMinutesAgo: 12 });
    await addAlert(knex, { deviceId: null, severity: 'critical', rule: 'disk_low', vi: 'Ổ đĩa gần đầy.', raisedMinutesAgo: 200, cleared: true });
    await addCamera(knex, { name: 'Camera lớp học', xaddr: 'http://192.0.2.20/onvif/device_service', lastError: 'Không kết nối được', isDefault: true });

    const principal = await login(DEMO_PRINCIPAL_ID);
    const res = await principal.request({ url: '/api/dashboard' });
    t.equal(res.statusCode, 200, res.body);
    const d = res.json() as Dashboard;

    t.test('live lessons now', async (t) => {
      t.equal(d.live.lessons.length, 1);
      const l = d.live.lessons[0]!;
      t.match(l, { id: live, className: '6A9', subjectName: 'Toán', topic: 'Phân số', mode: 'replacing', present: 3, joined: 4, enrolled: 5 });
      t.ok(l.teacherName.length > 0, 'teacher named');
    });

    t.test("today's attendance", async (t) => {
      const c = d.attendance.classes.find((x) => x.classId === classId);
      // Live lesson: 4 of 5 joined; the ended one: 5 of 5 (a second interval counts once); yesterday's not at all.
      t.match(c, { className: '6A9', lessons: 2, present: 9, expected: 10 });
      t.equal(c?.rate, 0.9);
      t.same(d.attendance.totals, { present: 9, expected: 10, rate: 0.9 }, 'only 6A9 had lessons today');
      t.same(d.attendance.lessons, { live: 1, ended: 1, upcoming: 1, missed: 1, cancelled: 1 });
    });

    t.test('materials waiting, per step, oldest first', async (t) => {
      t.same(d.materials.leaderStep.map((m) => [m.title, m.waitingDays]), [['Luyện tập: thứ tự trong tập hợp số tự nhiên', 8], ['Phiếu học tập phân số', 1]]);
      t.same(d.materials.principalStep.map((m) => [m.title, m.waitingDays]), [['Hoạt động: an toàn giao thông', 10], ['Kể lại một trải nghiệm của em', 5]]);
      t.equal(d.materials.principalStep[0]?.leaderName, null, 'no group, no leader: the principal reviews it');
      t.ok(d.materials.leaderStep[0]?.leaderName, 'the leader is named');
    });

    t.test('assessment progress', async (t) => {
      const row = d.assessment.rows.find((r) => r.classId === classId && r.subjectId === toan);
      t.match(row, { students: 5, regular: { filled: 15, required: 20 }, periodic: { filled: 0, required: 10 }, quizzes: { upcoming: 0, open: 1, waitingGrading: 1, graded: 1 } });
      t.equal(row?.rate, 0.5, 'half filled (the cell outside the layout is not counted)');
      t.equal(d.assessment.rows.filter((r) => r.classId === classId).length, 1, 'one assignment, one row');
      const others = d.assessment.rows.filter((r) => r.classId !== classId);
      t.ok(others.length > 10, 'every class × subject of the demo school');
      t.equal(d.assessment.totals.filled, 15);
      t.equal(d.assessment.totals.required, d.assessment.rows.reduce((sum, r) => sum + r.regular.required + r.periodic.required, 0));
      t.equal(d.semester?.id, semesterId);
    });

    t.test('plan versus actual comes from the plans module (the demo approved 6A1 Toán)', async (t) => {
      const pva = await services.teachingPlans.planVersusActual({ semesterId });
      const approved = pva.filter((r) => r.planState === 'approved');
      t.equal(approved.length, 1);
      t.same(d.plans?.rows.map((r) => [r.className, r.subjectName, r.planned, r.held]), approved.map((r) => [r.className, r.subjectName, r.plannedToDate, r.heldToDate]));
      t.ok((d.plans?.rows[0]?.planned ?? 0) > 0, 'lessons due by this week');
      t.equal(d.plans?.withoutPlan, pva.filter((r) => r.planState === 'none').length, 'every other class × subject has no plan');
      t.equal(d.plans?.withoutPlan, d.assessment.rows.length - 1, '… which is every teaching assignment but one');
      t.equal(d.plans?.pending, 0);
    });

    t.test('device health', async (t) => {
      t.equal(d.devices.status, 'warning', 'an active warning; the cleared critical one no longer counts');
      t.same(d.devices.alerts.map((a) => [a.severity, a.message.vi, a.deviceId]), [['warning', 'Micro đa hướng không phản hồi.', mic]]);
      t.match(d.devices.devices.find((x) => x.id === mic), { name: 'Micro đa hướng', activeAlerts: 1, reachable: null });
      t.equal(d.devices.devices.length, 2);
      t.same(d.devices.cameras.map((c) => [c.name, c.lastError, c.isDefault]), [['Camera lớp học', 'Không kết nối được', true]]);
      t.notOk(JSON.stringify(d.devices.cameras).includes('not-a-secret'), 'no camera credentials in the reply');
      t.equal(d.devices.checkedAt, null, 'the health poller has not run in this test');
      t.equal(d.devices.box, null);
    });

    t.test('with the health poller measuring, reachability and the box figures appear', async (t) => {
      await services.healthPoller.tick();
      const again = (await principal.request({ url: '/api/dashboard' })).json() as Dashboard;
      t.ok(again.devices.checkedAt, 'measured');
      t.type(again.devices.box?.memoryAvailablePct, 'number');
    });

    t.test('the vice principal reads it; teachers, students, parents and IT are refused', async (t) => {
      const vice = await login(DEMO_VICE_PRINCIPAL_ID);
      t.equal((await vice.request({ url: '/api/dashboard' })).statusCode, 200);
      for (const who of [DEMO_TEACHER_ID, DEMO_STUDENT_ID, DEMO_PARENT_LOGIN, DEMO_IT_ID]) {
        const res = await (await login(who)).request({ url: '/api/dashboard' });
        t.equal(res.statusCode, 403, `${who} refused`);
        t.equal(res.json().error.code, 'FORBIDDEN');
      }
      t.equal((await app.inject({ url: '/api/dashboard' })).statusCode, 401, 'signed out');
    });

    if (dialect === 'sqlite') {
      t.test('every query of the dashboard is served by an index (SQLite query plans)', async (t) => {
        const queries: { sql: string; bindings: unknown[] }[] = [];
        const listen = (q: { sql: string; bindings?: unknown[] }) => { if (/^\s*select/i.test(q.sql)) queries.push({ sql: q.sql, bindings: q.bindings ?? [] }); };
        knex.on('query', listen);
        await services.dashboard.overview({ personId: 1, roles: ['principal'], accountId: 1, login: DEMO_PRINCIPAL_ID } as never);
        knex.removeListener('query', listen);
        t.ok(queries.length >= 10, `${queries.length} queries`);
        // Tables that grow with the school's activity; the small reference tables (classes, subjects, devices…) may be scanned.
        const big = ['live_lessons', 'live_attendance', 'enrolments', 'material_versions', 'material_reviews', 'gradebook_scores', 'quizzes', 'quiz_attempts', 'people', 'device_alerts', 'teaching_assignments'];
        for (const q of queries) {
          const aliases = new Map<string, string>();
          for (const m of q.sql.matchAll(/[`"](\w+)[`"] as [`"](\w+)[`"]/g)) aliases.set(m[2]!, m[1]!);
          const plan = (await knex.raw(`explain query plan ${q.sql}`, q.bindings as Knex.RawBinding[])) as { detail: string }[];
          const scans = plan.map((p) => p.detail).filter((detail) => {
            const m = /^SCAN (\w+)(.*)$/.exec(detail);
            if (!m || /USING (COVERING )?INDEX/.test(m[2]!)) return false;
            return big.includes(aliases.get(m[1]!) ?? m[1]!);
          });
          t.same(scans, [], `indexed: ${q.sql.slice(0, 100)}…`);
        }
      });
    }
  });

  t.test(`${dialect}: an empty school gives empty figures, not errors`, async (t) => {
    const { services } = await buildTestApp(t, dialect, { demo: false });
    const d = await services.dashboard.overview({ personId: 1, roles: ['principal'], accountId: 1, login: 'x' } as never);
    t.equal(d.schoolYear, null);
    t.equal(d.semester, null);
    t.same(d.live.lessons, []);
    t.same(d.attendance.totals, { present: 0, expected: 0, rate: null });
    t.same(d.materials, { leaderStep: [], principalStep: [] });
    t.same(d.assessment, { rows: [], totals: { filled: 0, required: 0, rate: null } });
    t.equal(d.plans, null);
    t.equal(d.devices.status, 'ok');
    await t.rejects(services.dashboard.overview({ personId: 1, roles: ['teacher'], accountId: 1, login: 'x' } as never), { code: 'FORBIDDEN' }, 'the service refuses other roles too');
  });
}
