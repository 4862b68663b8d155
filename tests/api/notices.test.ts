import t from 'tap';
import { buildTestApp, type Client } from '../helpers/app.js';
import { dialects } from '../helpers/db.js';
import { ERRORS, type ErrorCode } from '../../server/src/contracts/error-codes.js';
import { DEMO_PARENT_LOGIN, DEMO_PRINCIPAL_ID, DEMO_STUDENT_ID, DEMO_TEACHER_ID, DEMO_VICE_PRINCIPAL_ID } from '../../server/src/domain/demo/demo-school.js';

interface Res { statusCode: number; json(): any }
interface Asserts { ok(v: unknown, msg: string): unknown; equal(a: unknown, b: unknown, msg: string): unknown }
interface MyNotice { id: number; title: string; readAt: string | null; supersededById: number | null; supersedesId: number | null; children: { id: number; fullName: string; className: string }[] }

/** The refusal's stable code, checked against its status and both messages. */
function codeOf(t: Asserts, res: Res): ErrorCode | 'accepted' {
  if (res.statusCode === 200) return 'accepted';
  const e = res.json().error;
  t.ok(e.message.vi && e.message.en, `${e.code} has Vietnamese and English messages`);
  t.equal(res.statusCode, ERRORS[e.code as ErrorCode].status, `${e.code} → ${res.statusCode}`);
  return e.code;
}

for (const dialect of dialects()) {
  t.test(`notices on ${dialect}`, async (t) => {
    const { login, database } = await buildTestApp(t, dialect, { demo: 'small' });
    const knex = database.db.knex;
    const p = await login(DEMO_PRINCIPAL_ID);
    const vp = await login(DEMO_VICE_PRINCIPAL_ID);
    const teacher = await login(DEMO_TEACHER_ID);
    const student = await login(DEMO_STUDENT_ID);
    const parent = await login(DEMO_PARENT_LOGIN);

    const classes = (await p.request({ url: '/api/classes' })).json() as { id: number; name: string; grade: number; homeroomTeacherId: number | null }[];
    const c6a1 = classes.find((c) => c.name === '6A1')!;
    const c6a2 = classes.find((c) => c.name === '6A2')!;
    // A student of 6A2 and the parent of a 6A2 child (not the demo parent), with their logins.
    const loginOf = async (personId: number) => (await knex('accounts').where({ person_id: personId }).first('login')).login as string;
    const in6a2 = await knex('enrolments').where({ class_id: c6a2.id }).orderBy('student_id').select('student_id');
    const demoParent = await knex('accounts').where({ login: DEMO_PARENT_LOGIN }).first('person_id');
    const demoChildren = (await knex('parent_links').where({ parent_id: demoParent.person_id }).select('student_id')).map((r) => Number(r.student_id));
    const otherParentLink = await knex('parent_links as l').join('enrolments as e', 'e.student_id', 'l.student_id').where('e.class_id', c6a2.id)
      .whereNot('l.parent_id', demoParent.person_id).first('l.parent_id', 'l.student_id');
    const otherStudent = await login(await loginOf(Number(in6a2.find((r) => !demoChildren.includes(Number(r.student_id)))!.student_id)));
    const otherParent = await login(await loginOf(Number(otherParentLink.parent_id)));
    // A teacher who is nobody's homeroom teacher.
    const homerooms = classes.map((c) => c.homeroomTeacherId).filter((x): x is number => x !== null);
    const plainTeacher = await knex('people as p').join('accounts as a', 'a.person_id', 'p.id').join('account_roles as r', 'r.account_id', 'a.id')
      .where('r.role', 'teacher').whereNotIn('p.id', homerooms).first('a.login');
    const notHomeroom = await login(plainTeacher.login);
    t.ok(demoChildren.length === 2, 'the demo parent has two children');
    const childClasses = (await knex('enrolments as e').join('classes as c', 'c.id', 'e.class_id').whereIn('e.student_id', demoChildren).select('c.name')).map((r) => r.name).sort();
    t.ok(childClasses.includes('6A1') && childClasses.length === 2, `the children are in ${childClasses.join(', ')}`);

    const archived = (kind: string, ref: string) => knex('archive_records').where({ kind, ref }).select('seq', 'category', 'title', 'payload', 'actor_id');
    const mine = async (c: Client) => (await c.request({ url: '/api/notices/mine' })).json() as MyNotice[];
    const create = (c: Client, body: Record<string, unknown>) => c.request({ method: 'POST', url: '/api/notices', payload: { kind: 'general', title: 'Họp phụ huynh cuối kì', body: 'Kính mời quý phụ huynh dự họp lúc 8 giờ Chủ nhật.', ...body } });
    const publish = (c: Client, id: number) => c.request({ method: 'POST', url: `/api/notices/${id}/publish` });
    const classes6a1 = { scope: 'classes', classIds: [c6a1.id], to: 'both' };

    let decisionId = 0;
    await t.test('recording and revoking a decision go to the records archive (Art. 8.1.a)', async (t) => {
      const res = await p.request({ method: 'POST', url: '/api/decisions', payload: {
        type: 'online_mode', mode: 'supporting', classIds: [c6a1.id, c6a2.id], subjectIds: 'all', startsOn: '2026-12-01', endsOn: '2026-12-15', reason: 'Ôn tập trực tuyến trước kiểm tra cuối kì', documentNumber: '21/QĐ-THCS',
      } });
      t.equal(res.statusCode, 200);
      decisionId = res.json().id;
      const rec = await archived('decision.recorded', `live_decisions:${decisionId}`);
      t.equal(rec.length, 1, 'one archive record');
      t.equal(rec[0].category, 'evidence');
      t.match(rec[0].title, /dạy học trực tuyến \(hỗ trợ\) số 21\/QĐ-THCS/);
      t.match(JSON.parse(rec[0].payload), { id: decisionId, documentNumber: '21/QĐ-THCS', classIds: [c6a1.id, c6a2.id], revokedAt: null });

      const other = (await p.request({ method: 'POST', url: '/api/decisions', payload: { type: 'online_mode', mode: 'supporting', classIds: 'all', subjectIds: 'all', startsOn: '2027-01-04', endsOn: '2027-01-08', reason: 'Thử nghiệm học trực tuyến' } })).json().id as number;
      t.equal((await p.request({ method: 'POST', url: `/api/decisions/${other}/revoke`, payload: { reason: 'Đổi kế hoạch' } })).statusCode, 200);
      const revoked = await archived('decision.revoked', `live_decisions:${other}`);
      t.equal(revoked.length, 1);
      t.match(JSON.parse(revoked[0].payload), { id: other, revokeReason: 'Đổi kế hoạch' });
      // A refused decision leaves no archive record.
      const before = Number((await knex('archive_records').count({ c: '*' }))[0]!.c);
      t.equal(codeOf(t, await p.request({ method: 'POST', url: '/api/decisions', payload: { type: 'online_mode', mode: 'replacing', classIds: 'all', subjectIds: 'all', startsOn: '2027-02-01', endsOn: '2027-02-02', reason: 'Không có bất khả kháng' } })), 'REPLACING_MODE_NEEDS_FORCE_MAJEURE');
      t.equal(Number((await knex('archive_records').count({ c: '*' }))[0]!.c), before, 'nothing archived for a refused decision');
    });

    await t.test('the assessment plan of an online periodic assessment (Art. 6.2, 15.1.e)', async (t) => {
      t.equal(codeOf(t, await p.request({ method: 'POST', url: '/api/decisions', payload: { type: 'online_mode', mode: 'supporting', classIds: 'all', subjectIds: 'all', startsOn: '2027-03-01', endsOn: '2027-03-02', reason: 'Ôn tập', assessmentPlan: 'Toán 45 phút' } })), 'VALIDATION_FAILED', 'only an online assessment has a plan');
      await p.request({ method: 'POST', url: '/api/decisions', payload: { type: 'force_majeure', classIds: [c6a1.id], subjectIds: 'all', startsOn: '2026-12-14', endsOn: '2026-12-20', reason: 'Lũ lụt, học sinh không thể đến trường' } });
      const res = await p.request({ method: 'POST', url: '/api/decisions', payload: {
        type: 'online_assessment', classIds: [c6a1.id], subjectIds: 'all', startsOn: '2026-12-16', endsOn: '2026-12-18', reason: 'Lũ lụt kéo dài', assessmentPlan: 'Toán: 16/12/2026, 7 giờ 30, 90 phút, trắc nghiệm và tự luận.',
      } });
      t.equal(res.statusCode, 200);
      const id = res.json().id as number;
      const d = ((await p.request({ url: '/api/decisions' })).json() as { id: number; assessmentPlan: string | null }[]).find((x) => x.id === id)!;
      t.equal(d.assessmentPlan, 'Toán: 16/12/2026, 7 giờ 30, 90 phút, trắc nghiệm và tự luận.');
      const draft = (await p.request({ url: `/api/notices/from-decision/${id}` })).json();
      t.equal(draft.kind, 'assessment_plan');
      t.match(draft.body, /Kế hoạch kiểm tra:\nToán: 16\/12\/2026, 7 giờ 30, 90 phút/);
      t.same(draft.audience, classes6a1);
      t.equal(codeOf(t, await create(p, { ...draft, kind: 'online_mode' })), 'NOTICE_DECISION_KIND_MISMATCH');
    });

    let fromDecision = 0;
    await t.test('a notice from the decision reaches its classes only', async (t) => {
      const draft = (await p.request({ url: `/api/notices/from-decision/${decisionId}` })).json();
      t.match(draft, { kind: 'online_mode', decisionId, audience: { scope: 'classes', classIds: [c6a1.id, c6a2.id], to: 'both' } });
      t.match(draft.body, /từ ngày 01\/12\/2026 đến ngày 15\/12\/2026/);
      t.match(draft.body, /6A1, 6A2/);
      const res = await create(p, { ...draft, audience: classes6a1 });
      t.equal(res.statusCode, 200);
      fromDecision = res.json().id;
      t.same(await mine(student), [], 'a draft reaches nobody');
      t.equal(codeOf(t, await student.request({ method: 'POST', url: `/api/notices/${fromDecision}/read` })), 'NOT_FOUND', 'nor can a draft be read');
      const pub = await publish(p, fromDecision);
      t.equal(pub.statusCode, 200);
      const inClass = Number((await knex('enrolments').where({ class_id: c6a1.id }).count({ c: '*' }))[0]!.c);
      t.ok(pub.json().recipients > inClass, `${pub.json().recipients} people: the class's ${inClass} students and their parents`);
      t.equal((await mine(student)).filter((n) => n.id === fromDecision).length, 1, 'the 6A1 student sees it');
      t.equal((await mine(parent)).filter((n) => n.id === fromDecision).length, 1, 'the parent of a 6A1 child sees it');
      t.same((await mine(parent)).find((n) => n.id === fromDecision)!.children.map((c) => c.className), ['6A1'], 'through the 6A1 child only');
      t.notOk((await mine(otherStudent)).some((n) => n.id === fromDecision), 'a student of another class never sees it');
      t.notOk((await mine(otherParent)).some((n) => n.id === fromDecision), 'a parent of another child never sees it');
      t.equal(codeOf(t, await otherStudent.request({ method: 'POST', url: `/api/notices/${fromDecision}/read` })), 'NOT_FOUND', 'nor marks it read');
      t.equal(codeOf(t, await otherParent.request({ method: 'POST', url: `/api/notices/${fromDecision}/read` })), 'NOT_FOUND');
      const rec = await archived('notice.published', `notices:${fromDecision}`);
      t.equal(rec.length, 1, 'archived on publishing');
      t.equal(rec[0].category, 'evidence');
      t.match(JSON.parse(rec[0].payload), { id: fromDecision, decisionId, classes: ['6A1'], recipients: pub.json().recipients });
      const audit = await knex('audit_log').where({ action: 'notice.published', entity_id: String(fromDecision) }).count({ c: '*' });
      t.equal(Number(audit[0]!.c), 1, 'audited');
    });

    await t.test('published notices are immutable', async (t) => {
      const body = { kind: 'online_mode', title: 'Sửa lại', body: 'Nội dung khác hẳn', audience: classes6a1, decisionId };
      t.equal(codeOf(t, await p.request({ method: 'PUT', url: `/api/notices/${fromDecision}`, payload: body })), 'NOTICE_PUBLISHED_IMMUTABLE');
      t.equal(codeOf(t, await p.request({ method: 'DELETE', url: `/api/notices/${fromDecision}` })), 'NOTICE_PUBLISHED_IMMUTABLE');
      t.equal(codeOf(t, await publish(p, fromDecision)), 'NOTICE_PUBLISHED_IMMUTABLE', 'published once');
      const n = (await p.request({ url: `/api/notices/${fromDecision}` })).json();
      t.not(n.title, 'Sửa lại', 'the title is unchanged');
      t.equal((await archived('notice.published', `notices:${fromDecision}`)).length, 1, 'archived once');
      // A correction supersedes it.
      const fix = (await create(p, { kind: 'online_mode', title: 'Đính chính: lịch học trực tuyến', body: 'Lịch học bắt đầu từ 02/12/2026.', audience: classes6a1, decisionId, supersedesId: fromDecision })).json().id as number;
      t.equal((await mine(student)).find((n) => n.id === fromDecision)!.supersededById, null, 'a draft correction changes nothing yet');
      t.equal((await publish(p, fix)).statusCode, 200);
      const seen = await mine(student);
      t.equal(seen.find((n) => n.id === fromDecision)!.supersededById, fix, 'the old one says it is replaced');
      t.equal(seen.find((n) => n.id === fix)!.supersedesId, fromDecision);
      t.equal(codeOf(t, await create(p, { title: 'Lần hai', audience: classes6a1, supersedesId: fromDecision })), 'NOTICE_SUPERSEDE_NOT_PUBLISHED', 'replaced only once');
    });

    await t.test('drafts change until published', async (t) => {
      const id = (await create(p, { audience: { scope: 'grades', grades: [6], to: 'parents' } })).json().id as number;
      t.equal((await p.request({ method: 'PUT', url: `/api/notices/${id}`, payload: { kind: 'general', title: 'Họp phụ huynh khối 6', body: 'Họp lúc 8 giờ.', audience: { scope: 'grades', grades: [6], to: 'parents' } } })).statusCode, 200);
      t.equal((await p.request({ url: `/api/notices/${id}` })).json().title, 'Họp phụ huynh khối 6');
      t.equal((await p.request({ method: 'DELETE', url: `/api/notices/${id}` })).statusCode, 200);
      t.equal(codeOf(t, await p.request({ url: `/api/notices/${id}` })), 'NOT_FOUND');
      t.equal(codeOf(t, await create(p, { audience: { scope: 'classes', classIds: [999999], to: 'both' } })), 'NOT_FOUND', 'an unknown class');
    });

    await t.test('only authors in scope write and publish', async (t) => {
      const teacherNotice = await create(teacher, { audience: { scope: 'classes', classIds: [c6a1.id], to: 'parents' } });
      t.equal(teacherNotice.statusCode, 200, 'the homeroom teacher of 6A1 writes to 6A1');
      const tid = teacherNotice.json().id as number;
      t.equal(codeOf(t, await create(teacher, { audience: { scope: 'classes', classIds: [c6a2.id], to: 'parents' } })), 'NOTICE_AUDIENCE_OUT_OF_SCOPE', 'not to another class');
      t.equal(codeOf(t, await create(teacher, { audience: { scope: 'classes', classIds: [c6a1.id, c6a2.id], to: 'parents' } })), 'NOTICE_AUDIENCE_OUT_OF_SCOPE');
      t.equal(codeOf(t, await create(teacher, { audience: { scope: 'school', to: 'both' } })), 'NOTICE_AUDIENCE_OUT_OF_SCOPE', 'not the school');
      t.equal(codeOf(t, await create(teacher, { audience: { scope: 'grades', grades: [6], to: 'both' } })), 'NOTICE_AUDIENCE_OUT_OF_SCOPE', 'not a grade');
      t.equal(codeOf(t, await teacher.request({ method: 'PUT', url: `/api/notices/${tid}`, payload: { kind: 'general', title: 'Đổi lớp', body: 'Đổi lớp nhận', audience: { scope: 'classes', classIds: [c6a2.id], to: 'both' } } })), 'NOTICE_AUDIENCE_OUT_OF_SCOPE', 'nor by editing the draft');
      t.equal(codeOf(t, await create(notHomeroom, { audience: classes6a1 })), 'NOTICE_AUDIENCE_OUT_OF_SCOPE', 'a teacher without a homeroom class');
      t.same((await notHomeroom.request({ url: '/api/notices/audience' })).json().classes, [], 'who is offered no class');
      t.same((await teacher.request({ url: '/api/notices/audience' })).json().classes.map((c: { name: string }) => c.name), ['6A1']);
      t.equal(codeOf(t, await teacher.request({ url: `/api/notices/${fromDecision}` })), 'NOT_FOUND', "a teacher does not open the principal's notice");
      t.equal(codeOf(t, await teacher.request({ url: `/api/notices/${fromDecision}/receipts` })), 'NOT_FOUND', 'nor its receipts');
      t.equal(codeOf(t, await notHomeroom.request({ method: 'POST', url: `/api/notices/${tid}/publish` })), 'NOT_FOUND', "another teacher cannot publish the teacher's draft");
      t.ok(!(await teacher.request({ url: '/api/notices' })).json().some((n: { id: number }) => n.id === fromDecision), "the teacher's list holds their own notices");
      for (const c of [student, parent]) {
        t.equal((await create(c, { audience: classes6a1 })).statusCode, 403, 'students and parents do not write notices');
        t.equal((await c.request({ url: `/api/notices/${fromDecision}/receipts` })).statusCode, 403);
      }
      t.equal((await teacher.request({ url: '/api/notices/mine' })).statusCode, 403, 'staff have no inbox of notices');
      t.equal((await publish(teacher, tid)).statusCode, 200);
      t.ok((await mine(parent)).some((n) => n.id === tid), "the teacher's notice reaches the 6A1 parent");
      t.notOk((await mine(student)).some((n) => n.id === tid), 'but not the students (parents only)');
      const vpNotice = (await create(vp, { audience: { scope: 'school', to: 'both' }, title: 'Lịch nghỉ Tết' })).json().id as number;
      t.equal((await publish(vp, vpNotice)).statusCode, 200, 'the vice principal addresses the school');
    });

    await t.test('read receipts: once per person, per class, parents by child', async (t) => {
      const id = (await create(p, { title: 'Thông báo toàn trường', audience: { scope: 'school', to: 'both' } })).json().id as number;
      const pub = (await publish(p, id)).json();
      const people = Number((await knex('enrolments as e').join('classes as c', 'c.id', 'e.class_id').join('school_years as y', 'y.id', 'c.school_year_id').where('y.is_current', true).count({ c: '*' }))[0]!.c);
      const parents = Number((await knex('parent_links as l').join('enrolments as e', 'e.student_id', 'l.student_id').join('classes as c', 'c.id', 'e.class_id').join('school_years as y', 'y.id', 'c.school_year_id').where('y.is_current', true).countDistinct({ c: 'l.parent_id' }))[0]!.c);
      t.equal(pub.recipients, people + parents, `${people} students and ${parents} parents, each counted once`);
      const seen = (await mine(parent)).find((n) => n.id === id)!;
      t.equal(seen.children.length, 2, 'the demo parent sees one notice about both children');
      t.equal((await mine(parent)).filter((n) => n.id === id).length, 1, 'listed once');
      t.equal(seen.readAt, null);
      const first = (await parent.request({ method: 'POST', url: `/api/notices/${id}/read` })).json().readAt as string;
      const again = (await parent.request({ method: 'POST', url: `/api/notices/${id}/read` })).json().readAt as string;
      t.equal(again, first, 'reading again keeps the first time');
      await student.request({ method: 'POST', url: `/api/notices/${id}/read` });
      t.equal((await mine(parent)).find((n) => n.id === id)!.readAt, first);
      const unreadFirst = await mine(parent);
      t.ok(unreadFirst.findIndex((n) => n.readAt) > unreadFirst.findLastIndex((n) => !n.readAt), 'unread notices come first');

      const r = (await p.request({ url: `/api/notices/${id}/receipts` })).json();
      t.equal(r.total, pub.recipients);
      t.equal(r.read, 2, 'the parent counted once, plus the student');
      const childClassRows = r.classes.filter((c: { className: string }) => childClasses.includes(c.className));
      t.equal(childClassRows.length, 2);
      for (const c of childClassRows) t.equal(c.parents.read, 1, `the parent is read in ${c.className}, through that child`);
      t.equal(r.classes.find((c: { className: string }) => c.className === '6A1').students.read, 1);
      t.equal(r.classes.reduce((s: number, c: { students: { total: number } }) => s + c.students.total, 0), people);
      t.equal(r.unread.filter((u: { personId: number }) => u.personId === demoParent.person_id).length, 0, 'the parent who read is not listed as unread');
      const unreadParent = r.unread.find((u: { kind: string }) => u.kind === 'parent');
      t.ok(unreadParent.studentName && unreadParent.className, 'an unread parent is listed by child and class');
      const list = (await p.request({ url: '/api/notices' })).json().find((n: { id: number }) => n.id === id);
      t.match(list, { recipientCount: pub.recipients, readCount: 2, status: 'published' });
      const audit = await knex('audit_log').where({ action: 'notice.read', entity_id: String(id) }).count({ c: '*' });
      t.equal(Number(audit[0]!.c), 2, 'one audit line per first reading');
    });

    await t.test('a revoked decision gives no notice', async (t) => {
      const id = (await p.request({ method: 'POST', url: '/api/decisions', payload: { type: 'online_mode', mode: 'supporting', classIds: 'all', subjectIds: 'all', startsOn: '2027-04-01', endsOn: '2027-04-02', reason: 'Ôn tập' } })).json().id;
      const draft = (await p.request({ url: `/api/notices/from-decision/${id}` })).json();
      const nid = (await create(p, draft)).json().id;
      await p.request({ method: 'POST', url: `/api/decisions/${id}/revoke`, payload: { reason: 'Huỷ kế hoạch' } });
      t.equal(codeOf(t, await p.request({ url: `/api/notices/from-decision/${id}` })), 'NOTICE_DECISION_REVOKED');
      t.equal(codeOf(t, await publish(p, nid)), 'NOTICE_DECISION_REVOKED', 'a draft from it is not sent');
      t.equal((await archived('notice.published', `notices:${nid}`)).length, 0);
    });
  });
}
