import fs from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { buildTestApp, type Client } from '../helpers/app.js';
import { dialects } from '../helpers/db.js';
import { DEMO_PARENT_LOGIN, DEMO_PRINCIPAL_ID, DEMO_STUDENT_ID, DEMO_TEACHER_ID } from '../../server/src/domain/demo/demo-school.js';
import { buildQuickCheckPackage, type PackOptions } from '../../server/src/data/h5p-quickcheck.js';

/**
 * H5P (Art. 9.3) through the real app on SQLite and PostgreSQL: upload → installed → files served
 * → xAPI recorded only for the session's person → saved state → result → gradebook; access rules;
 * malicious or invalid packages are refused and leave nothing on disk or in the database.
 */
const QUESTION = { title: 'Số nguyên tố', question: 'Số nào là số nguyên tố?', options: [{ text: '21', correct: false }, { text: '29', correct: true }] };

function multipart(fileName: string, data: Buffer) {
  const boundary = '----phonghoc' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/zip\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, data, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(c: Client, data: Buffer, name = 'bai-tap.h5p') {
  const m = multipart(name, data);
  return c.request({ method: 'POST', url: '/api/h5p/contents', payload: m.payload, headers: m.headers });
}

const pack = (opts: PackOptions = {}) => buildQuickCheckPackage(QUESTION, opts);

const statement = (verb: string, score?: { raw: number; max: number }, extra: Record<string, unknown> = {}) => ({
  statement: {
    actor: { name: 'Kẻ giả mạo', mbox: 'mailto:someone@else.vn' },
    verb: { id: `http://adlnet.gov/expapi/verbs/${verb}`, display: { 'en-US': verb } },
    object: { id: 'http://box/h5p/1', objectType: 'Activity' },
    ...(score ? { result: { score: { min: 0, ...score }, completion: true, success: score.raw === score.max } } : {}),
    ...extra,
  },
});

for (const dialect of dialects()) {
  t.test(`H5P on ${dialect}`, async (t) => {
    const { app, login, services, database } = await buildTestApp(t, dialect, { demo: 'small' });
    const knex = database.db.knex;
    const teacher = await login(DEMO_TEACHER_ID);
    const principal = await login(DEMO_PRINCIPAL_ID);
    const student = await login(DEMO_STUDENT_ID);
    const parent = await login(DEMO_PARENT_LOGIN);

    const personId = async (login: string) => Number((await knex('accounts').where({ login }).first('person_id')).person_id);
    const teacherId = await personId(DEMO_TEACHER_ID);
    const studentId = await personId(DEMO_STUDENT_ID);
    const enrolment = await knex('enrolments').where({ student_id: studentId }).first('class_id', 'school_year_id');
    const classId = Number(enrolment.class_id);
    const taught = await knex('teaching_assignments').where({ teacher_id: teacherId, class_id: classId }).first('subject_id');
    t.ok(taught, 'the demo teacher teaches a subject in the demo student\'s class');
    const subjectId = Number(taught.subject_id);
    const semester = await knex('semesters').where({ school_year_id: enrolment.school_year_id, number: 1 }).first('id');
    const otherClassStudent = await knex('enrolments').whereNot({ class_id: classId }).first('student_id');
    const otherLogin = (await knex('accounts').where({ person_id: otherClassStudent.student_id }).first('login')).login as string;
    const other = await login(otherLogin);
    const h5pRoot = path.join(database.dataDir, 'h5p');

    const snapshot = async () => ({
      files: services.h5pFiles.listAll().filter((f) => !f.startsWith('tmp/')),
      tmp: services.h5pFiles.listAll().filter((f) => f.startsWith('tmp/')),
      contents: Number((await knex('h5p_contents').count({ n: '*' }))[0]!.n),
      libraries: (await knex('h5p_libraries').orderBy('id').select('machine_name', 'major_version', 'minor_version', 'patch_version')).map((r) => `${r.machine_name} ${r.major_version}.${r.minor_version}.${r.patch_version}`),
      audit: Number((await knex('audit_log').where('action', 'like', 'h5p.%').count({ n: '*' }))[0]!.n),
    });

    // ── Upload ──────────────────────────────────────────────────────────────────────────────
    t.equal((await upload(student, await pack())).statusCode, 403, 'students do not upload');
    const up = await upload(teacher, await pack());
    t.equal(up.statusCode, 200, up.body);
    const contentId = up.json().id as number;
    t.same(up.json().installed, ['H5P.PhonghocQuickCheck 1.0.0']);
    t.ok(fs.existsSync(path.join(h5pRoot, 'libraries', 'H5P.PhonghocQuickCheck-1.0', 'quick-check.js')), 'library in libraries/<Machine-Major.Minor>/');
    t.ok(fs.existsSync(path.join(h5pRoot, 'content', String(contentId), 'h5p.json')), 'h5p.json in content/<id>/');
    t.ok(fs.existsSync(path.join(h5pRoot, 'content', String(contentId), 'content.json')), 'content.json in content/<id>/');
    t.same((await snapshot()).tmp, [], 'no staging left');

    const again = await upload(teacher, await pack());
    t.equal(again.statusCode, 200);
    t.same(again.json().installed, [], 'the same library version is not written again');
    t.same(again.json().kept, ['H5P.PhonghocQuickCheck 1.0']);
    const secondId = again.json().id as number;

    // ── Files for the player ────────────────────────────────────────────────────────────────
    const cj = await teacher.request({ url: `/api/h5p/contents/${contentId}/files/content.json` });
    t.equal(cj.statusCode, 200);
    t.match(cj.json(), { question: QUESTION.question });
    const lib = await teacher.request({ url: '/api/h5p/libraries/H5P.PhonghocQuickCheck-1.0/library.json' });
    t.equal(lib.statusCode, 200);
    t.equal(lib.json().machineName, 'H5P.PhonghocQuickCheck');
    const js = await student.request({ url: '/api/h5p/libraries/H5P.PhonghocQuickCheck-1.0/quick-check.js' });
    t.equal(js.statusCode, 200, 'library code is served to any signed-in player');
    t.match(js.headers['content-type'], /javascript/);
    t.equal((await teacher.request({ url: `/api/h5p/contents/${contentId}/files/..%2F..%2Fphonghoc.sqlite` })).statusCode, 404, 'no way out of the content folder');
    t.equal((await teacher.request({ url: '/api/h5p/libraries/H5P.PhonghocQuickCheck-1.0/../../content/1/content.json' })).statusCode, 404);
    t.equal((await teacher.request({ url: `/api/h5p/contents/${contentId}/files/missing.json` })).statusCode, 404);
    t.match((await teacher.request({ url: `/api/h5p/contents/${contentId}/files/missing.json` })).json(), { error: { code: 'NOT_FOUND' } }, 'a missing file is a JSON 404, not the UI');
    const anon = await app.inject({ url: `/api/h5p/contents/${contentId}/files/content.json` });
    t.equal(anon.statusCode, 401);
    const playerJs = await app.inject({ url: '/h5p-player/main.bundle.js' });
    t.equal(playerJs.statusCode, 200, 'h5p-standalone is served at /h5p-player/');

    // ── Access before and after assignment ──────────────────────────────────────────────────
    t.equal((await student.request({ url: `/api/h5p/contents/${contentId}` })).statusCode, 404, 'not assigned: the student does not see it');
    t.equal((await student.request({ url: `/api/h5p/contents/${contentId}/files/content.json` })).statusCode, 404);
    t.same((await student.request({ url: '/api/h5p/contents' })).json(), []);
    t.equal((await parent.request({ url: `/api/h5p/contents/${contentId}` })).statusCode, 403);
    t.equal((await student.request({ method: 'POST', url: `/api/h5p/contents/${contentId}/xapi`, payload: statement('answered', { raw: 1, max: 1 }) })).statusCode, 404, 'no statement for content one cannot see');

    // A teacher assigns only where they teach; the gradebook target must be a semester of the class's year.
    const otherClass = await knex('classes').whereNot({ id: classId }).whereNotIn('id', knex('teaching_assignments').where({ teacher_id: teacherId }).select('class_id')).first('id');
    const notMine = await teacher.request({ method: 'POST', url: '/api/h5p/activities', payload: { contentId, classId: Number(otherClass.id), subjectId } });
    t.equal(notMine.statusCode, 403);
    t.equal(notMine.json().error.code, 'H5P_NOT_TEACHING');
    const badSemester = await teacher.request({ method: 'POST', url: '/api/h5p/activities', payload: { contentId, classId, subjectId, gradebook: { semesterId: 999999, column: { kind: 'regular', slot: 1 } } } });
    t.equal(badSemester.statusCode, 400);
    const assign = await teacher.request({
      method: 'POST', url: '/api/h5p/activities',
      payload: { contentId, classId, subjectId, dueOn: '2026-12-31', gradebook: { semesterId: Number(semester.id), column: { kind: 'regular', slot: 1 } }, scorePolicy: 'best' },
    });
    t.equal(assign.statusCode, 200, assign.body);
    const activityId = assign.json().id as number;

    const play = await student.request({ url: `/api/h5p/contents/${contentId}` });
    t.equal(play.statusCode, 200);
    t.match(play.json(), { content: { id: contentId }, paths: { h5pJsonPath: `/api/h5p/contents/${contentId}/files`, librariesPath: '/api/h5p/libraries' }, state: null, result: null });
    t.equal((await student.request({ url: `/api/h5p/contents/${contentId}/files/h5p.json` })).statusCode, 200);
    t.equal((await student.request({ url: `/api/h5p/contents/${secondId}` })).statusCode, 404, 'the other (unassigned) content stays hidden');
    services.h5p.addAudience(async (c, p) => c === secondId && p === studentId);
    t.equal((await student.request({ url: `/api/h5p/contents/${secondId}` })).statusCode, 200, 'another module (a published material) may widen the audience');
    t.equal((await other.request({ url: `/api/h5p/contents/${secondId}` })).statusCode, 404, 'only for whom it says');
    t.equal((await other.request({ url: `/api/h5p/contents/${contentId}` })).statusCode, 404, 'a student of another class does not see it');
    t.same((await student.request({ url: '/api/h5p/contents' })).json().map((c: { id: number }) => c.id), [contentId]);

    // ── Saved state ─────────────────────────────────────────────────────────────────────────
    t.equal((await student.request({ method: 'POST', url: `/api/h5p/contents/${contentId}/state`, payload: { data: '{"selected":1,"checked":false}' } })).statusCode, 200);
    t.equal((await student.request({ method: 'POST', url: `/api/h5p/contents/${contentId}/state`, payload: { data: 'not json' } })).statusCode, 400);
    t.equal((await student.request({ url: `/api/h5p/contents/${contentId}/state` })).json().data, '{"selected":1,"checked":false}');
    t.equal((await student.request({ url: `/api/h5p/contents/${contentId}` })).json().state, '{"selected":1,"checked":false}', 'the state comes back when the player loads');
    t.equal((await teacher.request({ url: `/api/h5p/contents/${contentId}/state` })).json().data, null, 'state is per person');

    // ── xAPI ────────────────────────────────────────────────────────────────────────────────
    const bad = [
      { statement: { verb: { id: 'answered' } } },
      statement('answered', { raw: 2, max: 1 }),
      statement('answered', { raw: -1, max: 1 }),
      statement('answered', { raw: 1, max: 0 }),
      { statement: { verb: { id: 'http://adlnet.gov/expapi/verbs/answered' }, filler: 'x'.repeat(70 * 1024) } },
    ];
    for (const b of bad) {
      const r = await student.request({ method: 'POST', url: `/api/h5p/contents/${contentId}/xapi`, payload: b });
      t.equal(r.statusCode, 400, `refused: ${JSON.stringify(b).slice(0, 80)}`);
    }
    t.equal((await student.request({ method: 'POST', url: `/api/h5p/contents/${contentId}/xapi`, payload: { statement: { verb: { id: 'http://x/y' } }, filler: 'x'.repeat(200 * 1024) } })).statusCode, 413, 'body size limit');

    const wrong = await student.request({ method: 'POST', url: `/api/h5p/contents/${contentId}/xapi`, payload: statement('answered', { raw: 0, max: 1 }) });
    t.equal(wrong.statusCode, 200, wrong.body);
    t.match(wrong.json(), { recorded: true, verb: 'answered', result: { attempts: 1, last: { raw: 0, max: 1 }, best: { raw: 0 } } });
    const right = await student.request({ method: 'POST', url: `/api/h5p/contents/${contentId}/xapi`, payload: statement('answered', { raw: 1, max: 1 }) });
    t.match(right.json(), { result: { attempts: 2, last: { raw: 1, scaled: 1 }, best: { raw: 1, scaled: 1 } } });
    t.match(right.json().gradebook, [{ activityId, score: 10, ok: true }], 'the best attempt × 10 went to the gradebook');
    const completed = await student.request({ method: 'POST', url: `/api/h5p/contents/${contentId}/xapi`, payload: statement('completed', { raw: 1, max: 1 }) });
    t.match(completed.json(), { verb: 'completed', result: { attempts: 2 } }, 'the completed statement after answered is the same attempt');
    const sub = await student.request({ method: 'POST', url: `/api/h5p/contents/${contentId}/xapi`, payload: statement('answered', { raw: 0, max: 5 }, { context: { contextActivities: { parent: [{ id: 'http://box/h5p/1' }] } } }) });
    t.equal(sub.json().result, null, 'a sub-content statement does not change the result');
    const worse = await student.request({ method: 'POST', url: `/api/h5p/contents/${contentId}/xapi`, payload: statement('answered', { raw: 0, max: 1 }) });
    t.match(worse.json(), { result: { attempts: 3, last: { raw: 0 }, best: { raw: 1 } }, gradebook: [{ score: 10 }] }, 'policy best: a worse attempt keeps 10');

    const rows = await knex('h5p_statements').where({ content_id: contentId }).orderBy('id');
    t.equal(rows.length, 5);
    t.ok(rows.every((r) => Number(r.person_id) === studentId), 'statements belong to the session\'s person');
    const stored = JSON.parse(rows[0].statement);
    t.equal(stored.actor.account.name, DEMO_STUDENT_ID, 'the actor is the session\'s person');
    t.notOk(JSON.stringify(stored).includes('someone@else.vn'), 'the client\'s actor is dropped');

    const latest = await services.h5p.latestResult(contentId, studentId);
    t.match(latest, { attempts: 3, last: { raw: 0 }, best: { raw: 1, scaled: 1 } }, 'latestResult for the tasks module');
    const acts = (await student.request({ url: '/api/h5p/activities' })).json();
    t.match(acts, [{ id: activityId, contentId, myResult: { best: { raw: 1 } } }]);

    // The gradebook cell (written through services.gradebookFeed).
    const cell = await knex('gradebook_scores').where({ student_id: studentId, subject_id: subjectId, semester_id: semester.id, column_kind: 'regular', slot: 1 }).first();
    t.ok(cell, 'the gradebook has the score');
    t.equal(Number(cell.score_tenths), 100);
    t.equal(cell.source_kind, 'h5p');
    t.equal(Number(cell.source_id), activityId);

    // Teachers see the class's results; staff statements are recorded but make no result.
    const results = await teacher.request({ url: `/api/h5p/contents/${contentId}/results` });
    t.equal(results.statusCode, 200);
    t.match(results.json().find((r: { studentId: number }) => r.studentId === studentId), { result: { best: { raw: 1 } } });
    const staffStatement = await teacher.request({ method: 'POST', url: `/api/h5p/contents/${contentId}/xapi`, payload: statement('answered', { raw: 1, max: 1 }) });
    t.match(staffStatement.json(), { recorded: true, result: null });
    t.equal((await student.request({ url: `/api/h5p/contents/${contentId}/results` })).statusCode, 403);

    // ── Versions: upgrade accepted, downgrade refused ────────────────────────────────────────
    const upgrade = await upload(teacher, await pack({ patchVersion: 3 }));
    t.equal(upgrade.statusCode, 200, upgrade.body);
    t.same(upgrade.json().installed, ['H5P.PhonghocQuickCheck 1.0.3']);
    t.equal(JSON.parse(fs.readFileSync(path.join(h5pRoot, 'libraries', 'H5P.PhonghocQuickCheck-1.0', 'library.json'), 'utf8')).patchVersion, 3);

    // ── Refused packages leave nothing behind ─────────────────────────────────────────────────
    const before = await snapshot();
    const cases: { name: string; data: () => Promise<Buffer>; code: string; file?: string }[] = [
      { name: 'downgrade', data: () => pack({ patchVersion: 1 }), code: 'H5P_LIBRARY_DOWNGRADE' },
      { name: 'path traversal', data: () => pack({ tweak: (z) => z.file('../../evil.json', '{}') }), code: 'H5P_UNSAFE_PATH' },
      { name: 'absolute path', data: () => pack({ tweak: (z) => z.file('/etc/cron.d/evil.json', '{}') }), code: 'H5P_UNSAFE_PATH' },
      { name: 'symlink', data: () => pack({ tweak: (z) => z.file('content/images/link.png', '/etc/passwd', { unixPermissions: 0o120777 }) }), code: 'H5P_UNSAFE_PATH' },
      { name: 'forbidden type', data: () => pack({ tweak: (z) => z.file('content/run.php', '<?php system($_GET[1]);') }), code: 'H5P_FILE_TYPE_NOT_ALLOWED' },
      { name: 'script in content', data: () => pack({ tweak: (z) => z.file('content/x.js', 'alert(1)') }), code: 'H5P_FILE_TYPE_NOT_ALLOWED' },
      { name: 'no h5p.json', data: () => pack({ tweak: (z) => z.remove('h5p.json') }), code: 'H5P_MISSING_H5P_JSON' },
      { name: 'broken h5p.json', data: () => pack({ tweak: (z) => z.file('h5p.json', '{"title": ') }), code: 'H5P_INVALID_METADATA' },
      {
        name: 'missing dependency', code: 'H5P_MISSING_LIBRARY',
        data: () => pack({ tweak: (z) => z.file('h5p.json', JSON.stringify({ title: 'x', mainLibrary: 'H5P.PhonghocQuickCheck', preloadedDependencies: [{ machineName: 'H5P.PhonghocQuickCheck', majorVersion: 1, minorVersion: 0 }, { machineName: 'H5P.NotHere', majorVersion: 2, minorVersion: 1 }] })) }),
      },
      { name: 'zip bomb', data: () => pack({ tweak: (z) => z.file('content/big.txt', Buffer.alloc(60 * 1024 * 1024)) }), code: 'H5P_ZIP_BOMB' },
      { name: 'not a zip', data: async () => Buffer.from('this is not a zip at all'), code: 'H5P_NOT_A_PACKAGE' },
      { name: 'wrong extension', data: () => pack(), code: 'H5P_NOT_A_PACKAGE', file: 'bai-tap.zip' },
    ];
    for (const c of cases) {
      const res = await upload(teacher, await c.data(), c.file);
      t.equal(res.json().error?.code, c.code, `${c.name}: ${c.code} (${res.statusCode})`);
      t.ok(res.json().error?.message?.vi, `${c.name}: a Vietnamese message`);
      t.same(await snapshot(), before, `${c.name}: nothing left on disk or in the database`);
    }
    t.notOk(fs.existsSync(path.join(database.dataDir, 'evil.json')) || fs.existsSync(path.join(h5pRoot, 'evil.json')));


    // ── Delete: refused while assigned; then by the uploader ──────────────────────────────────
    t.equal((await teacher.request({ method: 'DELETE', url: `/api/h5p/contents/${contentId}` })).json().error.code, 'H5P_CONTENT_IN_USE');
    t.equal((await student.request({ method: 'DELETE', url: `/api/h5p/activities/${activityId}` })).statusCode, 403);
    t.equal((await teacher.request({ method: 'DELETE', url: `/api/h5p/activities/${activityId}` })).statusCode, 200);
    t.equal((await student.request({ url: `/api/h5p/contents/${contentId}` })).statusCode, 404, 'unassigned: hidden again');
    t.equal((await principal.request({ method: 'DELETE', url: `/api/h5p/contents/${secondId}` })).statusCode, 200, 'a manager may delete');
    t.equal((await teacher.request({ url: `/api/h5p/contents/${secondId}` })).statusCode, 404);

    // ── Editor availability ───────────────────────────────────────────────────────────────────
    const ed = await teacher.request({ url: '/api/h5p/editor' });
    t.match(ed.json(), { available: false, core: false, editor: false });
    t.equal((await student.request({ url: '/api/h5p/editor' })).statusCode, 403);
    const audits = await knex('audit_log').where('action', 'like', 'h5p.%').pluck('action');
    for (const a of ['h5p.uploaded', 'h5p.assigned', 'h5p.gradebook_recorded', 'h5p.unassigned', 'h5p.deleted']) t.ok(audits.includes(a), `audited: ${a}`);
  });
}
