import t from 'tap';
import { buildTestApp, type Client } from '../helpers/app.js';
import { dialects } from '../helpers/db.js';
import { ERRORS, type ErrorCode } from '../../server/src/contracts/error-codes.js';
import { todayInVietnam } from '../../server/src/domain/shared/dates.js';
import {
  DEMO_IT_ID, DEMO_PARENT_LOGIN, DEMO_PRINCIPAL_ID, DEMO_STUDENT_ID, DEMO_TEACHER_ID, DEMO_VICE_PRINCIPAL_ID,
} from '../../server/src/domain/demo/demo-school.js';
import { sanitizeDisclosure } from '../../server/src/domain/disclosure/disclosure-html.js';

/**
 * Art. 15.3–15.4: the school's online-teaching rules, plan and conditions, written by the principal
 * and shown on a public page that needs no sign-in — only what was published, never a draft.
 */
interface PublicSection { section: string; number: number; publishedOn: string; html: string; boxData: BoxFacts | null; history: { number: number; publishedOn: string }[] }
interface PublicView { school: { name: string; address: string | null; phone: string | null } | null; sections: PublicSection[] }
interface BoxFacts { takenOn: string; schoolYear: string | null; classes: number; studentAccounts: number; teacherAccounts: number; devices: { kind: string; count: number; items: { name: string; model: string | null }[] }[] }
interface EditorSection { section: string; draft: { id: number; html: string; includeBoxData: boolean } | null; current: { publicNo: number; html: string } | null; withdrawnAt: string | null; history: { number: number }[] }

const DANGEROUS = [
  '<h2>Nội quy học sinh</h2>',
  '<p onclick="steal()" style="color:red" class="x">Vào lớp đúng giờ.</p>',
  '<script>fetch("/api/auth/me")</script>',
  '<a href="javascript:alert(1)">bấm vào đây</a>',
  '<a href="JaVaScRiPt:alert(2)">lần nữa</a>',
  '<a href="https://moet.gov.vn/thong-tu-09" onmouseover="x()">Thông tư 09</a>',
  '<img src="x" onerror="alert(3)">',
  '<iframe src="https://example.com"></iframe>',
  '<style>body { display: none }</style>',
  '<svg onload="alert(4)"><circle /></svg>',
  '<form action="https://evil.example"><input name="password"></form>',
  '<ph-h5p-player content-id="3"></ph-h5p-player>',
  '<ul><li>Giữ trật tự</li></ul>',
].join('');

for (const dialect of dialects()) {
  t.test(`public disclosure (${dialect})`, async (t) => {
    const { app, login, demo } = await buildTestApp(t, dialect, { demo: 'small' });
    const principal = await login(DEMO_PRINCIPAL_ID);
    const anon = (url: string, remoteAddress = '198.51.100.7') => app.inject({ method: 'GET', url, remoteAddress });
    const publicView = async (): Promise<PublicView> => {
      const res = await anon('/api/public/disclosure');
      t.equal(res.statusCode, 200, 'the public page answers without a session');
      return res.json();
    };
    const put = (c: Client, section: string, html: string, includeBoxData?: boolean) =>
      c.request({ method: 'PUT', url: `/api/disclosure/${section}/draft`, payload: { html, ...(includeBoxData === undefined ? {} : { includeBoxData }) } });
    const post = (c: Client, section: string, action: string) => c.request({ method: 'POST', url: `/api/disclosure/${section}/${action}`, payload: {} });
    const codeOf = (res: { statusCode: number; json(): { error: { code: ErrorCode } } }) => {
      const code = res.json().error.code;
      t.equal(res.statusCode, ERRORS[code].status, `${code} → ${ERRORS[code].status}`);
      return code;
    };
    const principalName = demo!.staff.find((s) => s.personalId === DEMO_PRINCIPAL_ID)!.fullName;

    await t.test('before anything is published: the school only, no sections', async (t) => {
      const res = await anon('/api/public/disclosure');
      t.equal(res.statusCode, 200);
      t.notOk(res.headers['set-cookie'], 'no cookie is handed to visitors');
      const view = res.json() as PublicView;
      t.equal(view.school?.name, demo!.school.name);
      t.equal(view.school?.address, demo!.school.address);
      t.same(view.sections, []);
      t.equal((await anon('/api/public/disclosure/rules_students/1')).statusCode, 404);
      t.equal((await anon('/api/public/disclosure/not_a_section/1')).statusCode, 400);
    });

    await t.test('sanitization: scripts, handlers, javascript: links, frames, media and styles are stripped', async (t) => {
      const res = await put(principal, 'rules_students', DANGEROUS);
      t.equal(res.statusCode, 200, res.body);
      const html = (res.json() as EditorSection).draft!.html;
      for (const bad of ['<script', 'onclick', 'onerror', 'onload', 'onmouseover', 'javascript:', 'JaVaScRiPt', '<img', '<iframe', '<style', '<svg', '<form', '<input', 'style=', 'class=', 'ph-h5p-player', 'fetch(']) {
        t.notOk(html.toLowerCase().includes(bad.toLowerCase()), `no ${bad}`);
      }
      t.match(html, /<p>Vào lớp đúng giờ\.<\/p>/, 'the text stays');
      t.match(html, /<a href="https:\/\/moet\.gov\.vn\/thong-tu-09" target="_blank" rel="noopener noreferrer">Thông tư 09<\/a>/, 'an https link stays, opened without referrer');
      t.match(html, /<ul><li>Giữ trật tự<\/li><\/ul>/);
      t.equal(sanitizeDisclosure('Dòng 1\nDòng 2 & <3\n\nĐoạn 2'), '<p>Dòng 1<br />Dòng 2 &amp; &lt;3</p><p>Đoạn 2</p>', 'plain text becomes escaped paragraphs');
      t.equal(codeOf(await put(principal, 'plan', '<p> </p><script>x</script>')), 'DISCLOSURE_EMPTY', 'nothing left after sanitizing is refused');
      t.equal((await put(principal, 'plan', 'x'.repeat(200_001))).statusCode, 400, 'too long');
    });

    await t.test('a draft is not public; publishing makes version 1 with its date', async (t) => {
      const before = await anon('/api/public/disclosure');
      t.notOk(before.body.includes('Vào lớp đúng giờ'), 'the draft text is nowhere in the public reply');
      t.same((before.json() as PublicView).sections, []);

      const res = await post(principal, 'rules_students', 'publish');
      t.equal(res.statusCode, 200, res.body);
      const ed = res.json() as EditorSection;
      t.equal(ed.draft, null, 'the draft became the published version');
      t.equal(ed.current?.publicNo, 1);

      const pub = await anon('/api/public/disclosure');
      const view = pub.json() as PublicView;
      t.equal(view.sections.length, 1);
      const s = view.sections[0]!;
      t.equal(s.section, 'rules_students');
      t.equal(s.number, 1);
      t.equal(s.publishedOn, todayInVietnam(), 'dated in the school calendar');
      t.match(s.html, /Vào lớp đúng giờ/);
      t.notOk(s.html.includes('<script'), 'the public page serves the sanitized text');
      t.same(s.history, [{ number: 1, publishedOn: todayInVietnam() }]);
      t.notOk(/"id"\s*:/.test(pub.body), 'no internal id on the public reply');
      t.notOk(pub.body.includes(principalName), 'no one\'s name on the public reply');
      t.notOk(pub.body.includes(DEMO_PRINCIPAL_ID), 'no login on the public reply');
      t.equal(codeOf(await post(principal, 'rules_students', 'publish')), 'NOT_FOUND', 'nothing to publish without a draft');
    });

    await t.test('a newer draft stays hidden until it is published; older versions stay reachable', async (t) => {
      t.equal((await put(principal, 'rules_students', '<p>Bản sửa đổi lần hai: bật camera khi giáo viên yêu cầu.</p>')).statusCode, 200);
      // Saving the draft again updates the same working draft.
      const again = await put(principal, 'rules_students', '<p>Bản sửa đổi lần hai: bật camera khi giáo viên yêu cầu. Giữ micro tắt.</p>');
      const draftId = (again.json() as EditorSection).draft!.id;
      let pub = await anon('/api/public/disclosure');
      t.notOk(pub.body.includes('Bản sửa đổi'), 'the newer draft is not shown');
      t.match((pub.json() as PublicView).sections[0]!.html, /Vào lớp đúng giờ/, 'version 1 is still the one shown');
      t.equal((await anon('/api/public/disclosure/rules_students/2')).statusCode, 404, 'no version 2 before publishing');
      t.notOk(pub.body.includes(String(draftId)) && /"id"/.test(pub.body), 'the draft\'s id does not leak');

      t.equal((await post(principal, 'rules_students', 'publish')).statusCode, 200);
      pub = await anon('/api/public/disclosure');
      const s = (pub.json() as PublicView).sections[0]!;
      t.equal(s.number, 2);
      t.match(s.html, /Giữ micro tắt/);
      t.same(s.history.map((h) => h.number), [2, 1], 'older published versions are listed, newest first');
      const v1 = await anon('/api/public/disclosure/rules_students/1');
      t.equal(v1.statusCode, 200);
      t.match(v1.json().html, /Vào lớp đúng giờ/, 'version 1 is still reachable');
      t.notOk(/"id"\s*:/.test(v1.body));

      // Another section's numbering starts at 1: drafts and other sections leave no gaps.
      await put(principal, 'plan', '<p>Bản nháp kế hoạch A</p>');
      await principal.request({ method: 'DELETE', url: '/api/disclosure/plan/draft' });
      await put(principal, 'plan', '<p>Kế hoạch dạy học trực tuyến học kì I</p>');
      await post(principal, 'plan', 'publish');
      const plan = ((await publicView()).sections.find((x) => x.section === 'plan'))!;
      t.equal(plan.number, 1);
      t.notOk(JSON.stringify(await publicView()).includes('Bản nháp kế hoạch A'), 'a discarded draft never shows');
    });

    await t.test('unpublishing takes the whole section down; restoring brings it back', async (t) => {
      t.equal((await post(principal, 'rules_students', 'unpublish')).statusCode, 200);
      let view = await publicView();
      t.notOk(view.sections.some((s) => s.section === 'rules_students'), 'the section disappears');
      t.ok(view.sections.some((s) => s.section === 'plan'), 'other sections stay');
      t.equal((await anon('/api/public/disclosure/rules_students/1')).statusCode, 404, 'its older versions too');
      t.equal((await anon('/api/public/disclosure/rules_students/2')).statusCode, 404);
      t.equal(codeOf(await post(principal, 'rules_students', 'unpublish')), 'DISCLOSURE_NOT_PUBLIC');
      t.equal(codeOf(await post(principal, 'rules_teachers', 'unpublish')), 'DISCLOSURE_NOT_PUBLIC', 'never published');
      t.equal(codeOf(await post(principal, 'plan', 'restore')), 'DISCLOSURE_NOT_WITHDRAWN');

      const editor = (await principal.request({ url: '/api/disclosure' })).json() as { sections: EditorSection[] };
      const rs = editor.sections.find((s) => s.section === 'rules_students')!;
      t.ok(rs.withdrawnAt, 'the editor shows the withdrawal');
      t.same(rs.history.map((h) => h.number), [2, 1], 'the versions are kept');
      t.equal((await principal.request({ url: '/api/disclosure/rules_students/versions/1' })).statusCode, 200, 'the principal still reads them');

      t.equal((await post(principal, 'rules_students', 'restore')).statusCode, 200);
      view = await publicView();
      t.equal(view.sections.find((s) => s.section === 'rules_students')?.number, 2, 'back with its latest version');
      // A withdrawn section published again comes back with the new version.
      await post(principal, 'plan', 'unpublish');
      await put(principal, 'plan', '<p>Kế hoạch điều chỉnh</p>');
      await post(principal, 'plan', 'publish');
      t.equal((await publicView()).sections.find((s) => s.section === 'plan')?.number, 2);
    });

    await t.test('only the principal edits; the vice principal reads; others are refused', async (t) => {
      const vice = await login(DEMO_VICE_PRINCIPAL_ID);
      t.equal((await vice.request({ url: '/api/disclosure' })).statusCode, 200, 'the vice principal reads');
      t.equal((await put(vice, 'rules_teachers', '<p>x</p>')).statusCode, 403);
      t.equal((await post(vice, 'rules_students', 'unpublish')).statusCode, 403);
      for (const who of [DEMO_TEACHER_ID, DEMO_IT_ID, DEMO_STUDENT_ID, DEMO_PARENT_LOGIN]) {
        const c = await login(who);
        t.equal((await c.request({ url: '/api/disclosure' })).statusCode, 403, `${who} does not read drafts`);
        t.equal((await put(c, 'rules_teachers', '<p>x</p>')).statusCode, 403, `${who} does not edit`);
        t.equal((await post(c, 'rules_students', 'publish')).statusCode, 403, `${who} does not publish`);
        t.equal((await c.request({ method: 'DELETE', url: '/api/disclosure/rules_students/draft' })).statusCode, 403);
        t.equal((await c.request({ url: '/api/public/disclosure' })).statusCode, 200, `${who} sees the public page too`);
      }
      const anonPut = await app.inject({ method: 'PUT', url: '/api/disclosure/rules_teachers/draft', payload: { html: '<p>x</p>' } });
      t.equal(anonPut.statusCode, 401);
      // Without the CSRF header a signed-in principal's write is refused too.
      const noCsrf = await app.inject({ method: 'PUT', url: '/api/disclosure/rules_teachers/draft', payload: { html: '<p>x</p>' }, headers: { cookie: principal.cookie } });
      t.equal(noCsrf.statusCode, 403);
      t.notOk((await principal.request({ url: '/api/disclosure' })).json().sections.find((s: EditorSection) => s.section === 'rules_teachers').draft, 'nothing was written');
    });

    await t.test('conditions: the box\'s own figures, frozen when published and shown only then', async (t) => {
      for (const d of [{ kind: 'camera', name: 'Camera PTZ phòng học', model: 'Axis M5525' }, { kind: 'microphone', name: 'Micro trần', model: 'Shure MXA310' }, { kind: 'display', name: 'Màn hình tương tác 75 inch' }]) {
        t.equal((await principal.request({ method: 'POST', url: '/api/devices/inventory', payload: d })).statusCode, 200);
      }
      const editor = (await principal.request({ url: '/api/disclosure' })).json() as { boxFacts: BoxFacts; startingTexts: Record<string, string> };
      t.equal(editor.boxFacts.devices.find((d) => d.kind === 'camera')?.count, 1);
      t.equal(editor.boxFacts.classes, demo!.classes.length);
      t.equal(editor.boxFacts.studentAccounts, demo!.students.length);
      t.match(editor.startingTexts.rules_students, /Nội quy học trực tuyến dành cho học sinh/, 'a Vietnamese starting text for the rules');
      t.match(editor.startingTexts.rules_teachers, /giáo viên/);

      const saved = await put(principal, 'conditions', '<p>Đường truyền cáp quang 300 Mbps.</p>', true);
      t.equal((saved.json() as EditorSection).draft?.includeBoxData, true);
      t.notOk((await publicView()).sections.some((s) => s.section === 'conditions'), 'not shown before publishing');
      t.notOk((await anon('/api/public/disclosure')).body.includes('Axis'), 'the device list is not public before publishing');
      await post(principal, 'conditions', 'publish');
      const cond = (await publicView()).sections.find((s) => s.section === 'conditions')!;
      t.ok(cond.boxData, 'the figures are published');
      t.equal(cond.boxData!.devices.find((d) => d.kind === 'camera')?.count, 1);
      t.same(cond.boxData!.devices.find((d) => d.kind === 'microphone')?.items, [{ name: 'Micro trần', model: 'Shure MXA310' }]);
      t.equal(cond.boxData!.takenOn, todayInVietnam());
      t.equal(cond.boxData!.classes, demo!.classes.length);

      await principal.request({ method: 'POST', url: '/api/devices/inventory', payload: { kind: 'camera', name: 'Camera thứ hai' } });
      const again = (await publicView()).sections.find((s) => s.section === 'conditions')!;
      t.equal(again.boxData!.devices.find((d) => d.kind === 'camera')?.count, 1, 'a later device does not change what was published');

      // The figures belong to the conditions only.
      const rules = await put(principal, 'rules_teachers', '<p>Nội quy giáo viên</p>', true);
      t.equal((rules.json() as EditorSection).draft?.includeBoxData, false);
      // Conditions may be only the box's figures, without text.
      t.equal((await put(principal, 'conditions', '', true)).statusCode, 200);
      t.equal(codeOf(await put(principal, 'conditions', '', false)), 'DISCLOSURE_EMPTY');
    });

    await t.test('every change is audited', async (t) => {
      const audit = async (action: string) => (await principal.request({ url: `/api/audit?action=${action}&limit=100` })).json() as { action: string; actorLogin: string; details: Record<string, unknown> }[];
      const published = await audit('disclosure.published');
      t.ok(published.length >= 5, `${published.length} publications`);
      t.ok(published.every((e) => e.actorLogin === DEMO_PRINCIPAL_ID));
      t.ok(published.some((e) => e.details.section === 'rules_students' && e.details.number === 2));
      t.ok((await audit('disclosure.draft_saved')).some((e) => e.details.sanitized === true), 'a sanitized save is marked');
      t.equal((await audit('disclosure.unpublished')).length, 2);
      t.equal((await audit('disclosure.restored')).length, 1);
      t.equal((await audit('disclosure.draft_discarded')).length, 1);
    });

    await t.test('publications and withdrawals are Art. 8.1.a evidence in the records archive', async (t) => {
      const res = await principal.request({ url: '/api/archive/records?category=evidence&limit=500' });
      t.equal(res.statusCode, 200, res.body);
      const records = (res.json() as { seq: number; kind: string; ref: string; title: string; actorName: string | null }[]).filter((x) => x.kind.startsWith('disclosure.'));
      const published = records.filter((x) => x.kind === 'disclosure.published');
      t.equal(published.length, (await principal.request({ url: '/api/audit?action=disclosure.published&limit=100' })).json().length, 'one record per publication');
      t.ok(published.some((x) => x.title === 'Công khai: Nội quy dạy học trực tuyến dành cho học sinh (phiên bản 2)'), 'titled in Vietnamese with the version');
      t.equal(records.filter((x) => x.kind === 'disclosure.withdrawn').length, 2);
      const one = (await principal.request({ url: `/api/archive/records/${published.find((x) => x.title === 'Công khai: Nội quy dạy học trực tuyến dành cho học sinh (phiên bản 2)')!.seq}` })).json() as { payload: { html: string; publishedOn: string } };
      t.match(one.payload.html, /Giữ micro tắt/, 'the archived record holds the published text');
      t.equal(one.payload.publishedOn, todayInVietnam());
      const verify = await principal.request({ url: '/api/archive/verify' });
      t.equal(verify.statusCode, 200);
      t.equal(verify.json().ok, true, 'the chain still verifies');
    });

    await t.test('the public routes are rate limited per address', async (t) => {
      let limited = 0;
      for (let i = 0; i < 125; i++) if ((await anon('/api/public/disclosure', '203.0.113.99')).statusCode === 429) limited++;
      t.ok(limited >= 1, `${limited} of 125 quick requests refused`);
      t.equal((await anon('/api/public/disclosure', '203.0.113.100')).statusCode, 200, 'another address is not affected');
    });
  });
}
