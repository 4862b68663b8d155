import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import t from 'tap';
import JSZip from 'jszip';
import { buildTestApp, type Client } from '../helpers/app.js';
import { dialects } from '../helpers/db.js';
import { DEMO_PARENT_LOGIN, DEMO_PRINCIPAL_ID, DEMO_STUDENT_ID, DEMO_TEACHER_ID } from '../../server/src/domain/demo/demo-school.js';
import { buildQuickCheckPackage } from '../../server/src/data/h5p-quickcheck.js';

/**
 * The H5P editor (Art. 9.3) through the real app on SQLite and PostgreSQL, with
 * @lumieducation/h5p-server's H5PEditor doing the work over the project's folders.
 *
 * The real core and editor client files (h5p-php-library, h5p-editor-php-library) are not on npm
 * and cannot be installed in CI. This test therefore writes STAND-INS: a directory with exactly the
 * file names h5p-server's integration object lists (editorAssetList.json: js/jquery.js, js/h5p.js,
 * styles/h5p.css, scripts/h5peditor-editor.js, …), each with a small marker text. That is enough
 * for the server side (detection, model, AJAX protocol, saving, static serving). The editor's
 * browser part (H5PEditor.init in a page) needs the real scripts and is NOT exercised here.
 */
const assetList = createRequire(import.meta.url)('@lumieducation/h5p-server/build/src/editorAssetList.json') as {
  scripts: { core: string[]; editor: string[] }; styles: { core: string[]; editor: string[] };
};

function writeStandIns(h5pDir: string) {
  const core = [...assetList.scripts.core, ...assetList.styles.core];
  const editor = [...assetList.scripts.editor, ...assetList.styles.editor, 'language/vi.js', 'images/binary-file.png'];
  for (const [sub, files] of [['core', core], ['editor', editor]] as const) {
    for (const f of files) {
      const p = path.join(h5pDir, sub, f);
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, `/* stand-in for h5p-php-library ${sub}/${f} (not installable in CI) */\n`);
    }
  }
  // The PHP half is never served.
  fs.writeFileSync(path.join(h5pDir, 'core', 'h5p.classes.php'), "<?php $coreApi = array('majorVersion' => 1, 'minorVersion' => 27);");
}

const VALID = {
  library: 'H5P.PhonghocQuickCheck 1.0',
  params: { question: '<p>2 + 3 = ?</p>', options: [{ text: '5', correct: true }, { text: '6', correct: false }] },
  metadata: { title: 'Cộng hai số', license: 'U' },
};

function multipart(fields: Record<string, string>, file?: { name: string; type: string; data: Buffer }) {
  const boundary = '----phonghoc' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A real 2×2 PNG (h5p-server reads its dimensions). */
function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
const PNG = png();
const IMAGE_FIELD = JSON.stringify({ name: 'image', type: 'image', label: 'Image' });

for (const dialect of dialects()) {
  t.test(`H5P editor on ${dialect}`, async (t) => {
    const { app, login, database } = await buildTestApp(t, dialect, { demo: 'small' });
    const knex = database.db.knex;
    const teacher = await login(DEMO_TEACHER_ID);
    const principal = await login(DEMO_PRINCIPAL_ID);
    const student = await login(DEMO_STUDENT_ID);
    const parent = await login(DEMO_PARENT_LOGIN);
    const h5pDir = path.join(database.dataDir, 'h5p');
    const code = (res: { json(): unknown }) => (res.json() as { error?: { code?: string } }).error?.code;

    const snapshot = async () => ({
      contentDirs: fs.existsSync(path.join(h5pDir, 'content')) ? fs.readdirSync(path.join(h5pDir, 'content')).sort() : [],
      contents: Number((await knex('h5p_contents').count({ n: '*' }))[0]!.n),
      audit: Number((await knex('audit_log').where('action', 'like', 'h5p.%').count({ n: '*' }))[0]!.n),
    });

    // ── Without the core and editor files ─────────────────────────────────────────────────
    const status = await teacher.request({ url: '/api/h5p/editor' });
    t.match(status.json(), { available: false, core: false, editor: false }, 'the status says the editor is not installed');
    for (const [method, url, payload] of [
      ['GET', '/api/h5p/editor/model', undefined], ['GET', '/api/h5p/ajax?action=content-type-cache', undefined],
      ['GET', '/api/h5p/ajax?action=libraries&machineName=H5P.PhonghocQuickCheck&majorVersion=1&minorVersion=0', undefined],
      ['POST', '/api/h5p/ajax?action=libraries', { libraries: ['H5P.PhonghocQuickCheck 1.0'] }], ['POST', '/api/h5p/editor/contents', VALID],
      ['PUT', '/api/h5p/editor/contents/1', VALID], ['GET', '/api/h5p/editor/temp-files/a.png', undefined],
    ] as const) {
      const res = await teacher.request({ method, url, ...(payload ? { payload } : {}) });
      t.equal(res.statusCode, 409, `${method} ${url} without the files → 409`);
      t.equal(code(res), 'H5P_EDITOR_UNAVAILABLE');
    }
    t.match((await teacher.request({ url: '/api/h5p/editor/model' })).json(), { error: { message: { vi: /chưa cài/ } } }, 'with a Vietnamese explanation');
    t.equal((await app.inject({ url: '/h5p-core/js/h5p.js' })).statusCode, 404, 'no core files served');
    t.equal((await app.inject({ url: '/h5p-editor/scripts/h5peditor.js' })).statusCode, 404, 'no editor files served');

    // The QuickCheck library arrives by a normal upload (the box installs content types from packages).
    const pkg = await buildQuickCheckPackage({ title: 'x', question: 'q', options: [{ text: 'a', correct: true }, { text: 'b', correct: false }] });
    const m = multipart({}, { name: 'quick.h5p', type: 'application/zip', data: pkg });
    t.equal((await teacher.request({ method: 'POST', url: '/api/h5p/contents', payload: m.payload, headers: m.headers })).statusCode, 200, 'QuickCheck installed by upload');

    // ── With the (stand-in) files ─────────────────────────────────────────────────────────
    writeStandIns(h5pDir);
    t.match((await teacher.request({ url: '/api/h5p/editor' })).json(), { available: true, core: true, editor: true, coreApi: '1.27' }, 'detected without a restart');
    t.equal((await student.request({ url: '/api/h5p/editor/model' })).statusCode, 403, 'students do not edit');
    t.equal((await parent.request({ url: '/api/h5p/ajax?action=content-type-cache' })).statusCode, 403);

    const model = await teacher.request({ url: '/api/h5p/editor/model' });
    t.equal(model.statusCode, 200, model.body);
    const mj = model.json();
    t.match(mj.integration, { ajaxPath: '/api/h5p/ajax?action=', editor: { ajaxPath: '/api/h5p/ajax?action=', filesPath: '/api/h5p/editor/temp-files', libraryUrl: '/h5p-editor/' }, l10n: { H5P: {} } }, 'H5PIntegration with the editor section');
    t.equal(mj.contentId, null);
    t.ok(mj.scripts.some((s: string) => s.startsWith('/h5p-core/js/h5p.js')), 'core scripts listed');
    t.ok(mj.scripts.some((s: string) => s.startsWith('/h5p-editor/scripts/h5peditor-editor.js')), 'editor scripts listed');
    t.ok(mj.styles.some((s: string) => s.startsWith('/h5p-core/styles/h5p.css')), 'core styles listed');
    for (const url of [...mj.scripts, ...mj.styles] as string[]) {
      const res = await app.inject({ url });
      t.equal(res.statusCode, 200, `${url} is served`);
    }
    const h5pJs = await app.inject({ url: '/h5p-core/js/h5p.js' });
    t.match(h5pJs.headers['content-type'], /javascript/);
    t.match(h5pJs.body, /stand-in for h5p-php-library core\/js\/h5p\.js/);
    t.equal((await app.inject({ url: '/h5p-core/h5p.classes.php' })).statusCode, 404, 'PHP files are not served');
    t.equal((await app.inject({ url: '/h5p-core/..%2F..%2Fphonghoc.sqlite' })).statusCode, 404, 'no way out of the core folder');
    t.equal((await app.inject({ url: '/h5p-editor/../content/1/content.json' })).statusCode, 404);

    // ── AJAX protocol ─────────────────────────────────────────────────────────────────────
    const ctc = await teacher.request({ url: '/api/h5p/ajax?action=content-type-cache' });
    t.equal(ctc.statusCode, 200, ctc.body);
    const libs = ctc.json().libraries as { machineName: string; installed: boolean; canInstall: boolean; isUpToDate?: boolean }[];
    t.same(libs.map((l) => l.machineName), ['H5P.PhonghocQuickCheck'], 'the installed runnable content types, nothing from the Hub');
    t.match(libs[0], { installed: true, canInstall: false }, 'no install offered');
    const install = await teacher.request({ method: 'POST', url: '/api/h5p/ajax?action=library-install&id=H5P.MultiChoice', payload: {} });
    t.equal(install.statusCode, 409);
    t.equal(code(install), 'H5P_HUB_OFFLINE', 'installs from the Hub are refused: the box is offline');
    t.match(install.json(), { error: { message: { vi: /gói \.h5p/ } } });
    t.equal(code(await teacher.request({ method: 'POST', url: '/api/h5p/ajax?action=library-upload', payload: {} })), 'H5P_HUB_OFFLINE');
    t.equal((await teacher.request({ url: '/api/h5p/ajax?action=nonsense' })).statusCode, 400);

    const libData = await teacher.request({ url: '/api/h5p/ajax?action=libraries&machineName=H5P.PhonghocQuickCheck&majorVersion=1&minorVersion=0' });
    t.equal(libData.statusCode, 200, libData.body);
    t.same(libData.json().semantics.map((f: { name: string }) => f.name), ['question', 'options', 'l10n'], 'QuickCheck\'s semantics');
    t.equal((await teacher.request({ url: '/api/h5p/ajax?action=libraries&machineName=H5P.Nothing&majorVersion=1&minorVersion=0' })).statusCode, 404, 'unknown library: 404');
    t.equal((await teacher.request({ url: '/api/h5p/ajax?action=libraries' })).statusCode, 400);

    // jQuery's url-encoded form, as the editor sends it.
    const overview = await teacher.request({ method: 'POST', url: '/api/h5p/ajax?action=libraries', payload: 'libraries%5B%5D=H5P.PhonghocQuickCheck+1.0', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    t.equal(overview.statusCode, 200, overview.body);
    t.match(overview.json(), [{ name: 'H5P.PhonghocQuickCheck', majorVersion: 1, minorVersion: 0, title: 'Phonghoc Quick Check' }]);

    // ── Files added in the editor: type- and size-checked ─────────────────────────────────
    const upFile = (name: string, type: string, data: Buffer, field = IMAGE_FIELD) => {
      const mp = multipart({ field, contentId: '' }, { name, type, data });
      return teacher.request({ method: 'POST', url: '/api/h5p/ajax?action=files', payload: mp.payload, headers: mp.headers });
    };
    const img = await upFile('hinh.png', 'image/png', PNG);
    t.equal(img.statusCode, 200, img.body);
    t.match(img.json(), { mime: 'image/png', path: /\.png#tmp$/ }, 'an image goes to temporary storage');
    const tmpName = (img.json().path as string).replace(/#tmp$/, '');
    const tmpGet = await teacher.request({ url: `/api/h5p/editor/temp-files/${tmpName}` });
    t.equal(tmpGet.statusCode, 200, 'the editor shows it back');
    t.match(tmpGet.headers['content-security-policy'], /sandbox/);
    t.equal((await principal.request({ url: `/api/h5p/editor/temp-files/${tmpName}` })).statusCode, 404, 'another person\'s temporary file is not served');
    for (const [name, type, data, why] of [
      ['virus.exe', 'application/octet-stream', Buffer.from('MZ'), 'an .exe'],
      ['trang.html', 'text/html', Buffer.from('<script>alert(1)</script>'), 'an .html'],
      ['doi-ten.png', 'image/png', Buffer.from('<svg onload=alert(1)>'), 'a renamed file that is not a PNG'],
      ['video.mp4', 'video/mp4', Buffer.alloc(100), 'a video in an image field'],
      ['lon.png', 'image/png', Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]), 'an image over 10 MB'],
    ] as const) {
      const res = await upFile(name, type, data);
      t.equal(res.statusCode, 400, `${why} is refused`);
      t.equal(code(res), 'H5P_EDITOR_FILE_REFUSED');
    }
    t.equal(code(await upFile('a.png', 'image/png', PNG, 'not json')), 'VALIDATION_FAILED');

    // ── Saving new content ────────────────────────────────────────────────────────────────
    const before = await snapshot();
    for (const [why, body, expected] of [
      ['one option only (min 2)', { ...VALID, params: { ...VALID.params, options: [{ text: '5', correct: true }] } }, 'H5P_EDITOR_INVALID_PARAMS'],
      ['no question', { ...VALID, params: { options: VALID.params.options } }, 'H5P_EDITOR_INVALID_PARAMS'],
      ['an option that is not text', { ...VALID, params: { ...VALID.params, options: [{ text: 5, correct: true }, { text: '6', correct: 'yes' }] } }, 'H5P_EDITOR_INVALID_PARAMS'],
      ['params not an object', { ...VALID, params: [1, 2] }, 'H5P_EDITOR_INVALID_PARAMS'],
      ['a library not installed', { ...VALID, library: 'H5P.MultiChoice 1.16' }, 'H5P_EDITOR_UNKNOWN_LIBRARY'],
      ['a malformed library name', { ...VALID, library: '../../etc' }, 'VALIDATION_FAILED'],
      ['no title', { ...VALID, metadata: { title: '' } }, 'VALIDATION_FAILED'],
    ] as const) {
      const res = await teacher.request({ method: 'POST', url: '/api/h5p/editor/contents', payload: body });
      t.equal(res.statusCode, 400, `${why}: 400`);
      t.equal(code(res), expected, `${why}: ${expected}`);
    }
    const invalid = await teacher.request({ method: 'POST', url: '/api/h5p/editor/contents', payload: { ...VALID, params: { options: [{ text: '5', correct: true }] } } });
    t.match(invalid.json().error.details.errors, [{ path: 'question', reason: 'required' }, { path: 'options', reason: /fewer than 2/ }], 'the reasons, field by field');
    t.same(await snapshot(), before, 'refused saves leave no row, folder or audit entry');

    const created = await teacher.request({ method: 'POST', url: '/api/h5p/editor/contents', payload: VALID });
    t.equal(created.statusCode, 200, created.body);
    const id = created.json().id as number;
    t.same(created.json().libraries, ['H5P.PhonghocQuickCheck 1.0']);
    const row = await knex('h5p_contents').where({ id }).first();
    t.match(row, { title: 'Cộng hai số', main_library: 'H5P.PhonghocQuickCheck 1.0', file_name: null, deleted_at: null });
    t.ok(Number(row.size_bytes) > 0, 'size of the folder recorded');
    t.ok(await knex('audit_log').where({ action: 'h5p.created', entity_id: String(id) }).first(), 'audited');
    const cj = await teacher.request({ url: `/api/h5p/contents/${id}/files/content.json` });
    t.equal(cj.statusCode, 200);
    t.match(cj.json(), { question: '<p>2 + 3 = ?</p>', options: [{ text: '5', correct: true }, { text: '6', correct: false }] }, 'content.json served by the player route');
    const hj = await teacher.request({ url: `/api/h5p/contents/${id}/files/h5p.json` });
    t.match(hj.json(), { title: 'Cộng hai số', mainLibrary: 'H5P.PhonghocQuickCheck', preloadedDependencies: [{ machineName: 'H5P.PhonghocQuickCheck', majorVersion: 1, minorVersion: 0 }] }, 'h5p.json written by h5p-server');
    t.ok((await teacher.request({ url: '/api/h5p/contents' })).json().some((c: { id: number }) => c.id === id), 'listed with the uploaded contents');

    // Played by a student of the class it is assigned to, like an uploaded content.
    const studentId = Number((await knex('accounts').where({ login: DEMO_STUDENT_ID }).first('person_id')).person_id);
    const teacherId = Number((await knex('accounts').where({ login: DEMO_TEACHER_ID }).first('person_id')).person_id);
    const classId = Number((await knex('enrolments').where({ student_id: studentId }).first('class_id')).class_id);
    const subjectId = Number((await knex('teaching_assignments').where({ teacher_id: teacherId, class_id: classId }).first('subject_id')).subject_id);
    t.equal((await student.request({ url: `/api/h5p/contents/${id}` })).statusCode, 404, 'not yet assigned');
    t.equal((await teacher.request({ method: 'POST', url: '/api/h5p/activities', payload: { contentId: id, classId, subjectId } })).statusCode, 200);
    const play = await student.request({ url: `/api/h5p/contents/${id}` });
    t.equal(play.statusCode, 200);
    t.equal(play.json().paths.contentJsonPath, `/api/h5p/contents/${id}/files`);
    t.match((await student.request({ url: `/api/h5p/contents/${id}/files/content.json` })).json(), { question: '<p>2 + 3 = ?</p>' }, 'the student plays it');
    const xapi = await student.request({
      method: 'POST', url: `/api/h5p/contents/${id}/xapi`,
      payload: { statement: { verb: { id: 'http://adlnet.gov/expapi/verbs/answered' }, object: { id: `http://box/h5p/${id}` }, result: { score: { min: 0, raw: 1, max: 1 }, completion: true } } },
    });
    t.equal(xapi.statusCode, 200, xapi.body);
    t.match(xapi.json().result, { best: { raw: 1, max: 1 } }, 'and the result is recorded');
    t.equal((await student.request({ method: 'POST', url: '/api/h5p/editor/contents', payload: VALID })).statusCode, 403);

    // ── Editing ───────────────────────────────────────────────────────────────────────────
    const editModel = await teacher.request({ url: `/api/h5p/editor/model?contentId=${id}` });
    t.equal(editModel.statusCode, 200, editModel.body);
    t.match(editModel.json(), { contentId: id, content: { library: 'H5P.PhonghocQuickCheck 1.0', params: { question: '<p>2 + 3 = ?</p>' }, metadata: { title: 'Cộng hai số' } } }, 'the model carries the content to edit');
    const edited = { ...VALID, params: { ...VALID.params, question: '<p>2 + 4 = ?</p>', options: [{ text: '6', correct: true }, { text: '7', correct: false }, { text: '8', correct: false }] }, metadata: { title: 'Cộng hai số (sửa)' } };
    const put = await teacher.request({ method: 'PUT', url: `/api/h5p/editor/contents/${id}`, payload: edited });
    t.equal(put.statusCode, 200, put.body);
    t.equal(put.json().id, id, 'same content');
    t.match((await student.request({ url: `/api/h5p/contents/${id}/files/content.json` })).json(), { question: '<p>2 + 4 = ?</p>', options: [{}, {}, {}] }, 'the student gets the new version');
    t.equal((await knex('h5p_contents').where({ id }).first('title')).title, 'Cộng hai số (sửa)');
    t.ok(await knex('audit_log').where({ action: 'h5p.edited', entity_id: String(id) }).first(), 'edit audited');
    const beforeBad = fs.readFileSync(path.join(h5pDir, 'content', String(id), 'content.json'), 'utf8');
    const badEdit = await teacher.request({ method: 'PUT', url: `/api/h5p/editor/contents/${id}`, payload: { ...edited, params: { question: '' , options: edited.params.options } } });
    t.equal(code(badEdit), 'H5P_EDITOR_INVALID_PARAMS', 'an invalid edit is refused');
    t.equal(fs.readFileSync(path.join(h5pDir, 'content', String(id), 'content.json'), 'utf8'), beforeBad, 'and the content stays as it was');
    t.equal((await principal.request({ method: 'PUT', url: `/api/h5p/editor/contents/${id}`, payload: edited })).statusCode, 200, 'a manager may edit it');
    const leader = await knex('subject_groups').whereNot({ leader_id: teacherId }).whereNotNull('leader_id').first('leader_id');
    const leaderLogin = (await knex('accounts').where({ person_id: leader.leader_id }).first('login')).login as string;
    const other = await login(leaderLogin);
    t.equal((await other.request({ method: 'PUT', url: `/api/h5p/editor/contents/${id}`, payload: edited })).statusCode, 403, 'another teacher may not change someone else\'s content');
    t.equal((await other.request({ url: `/api/h5p/editor/model?contentId=${id}` })).statusCode, 403);
    t.equal((await teacher.request({ method: 'PUT', url: '/api/h5p/editor/contents/999999', payload: edited })).statusCode, 404);

    // ── A content type with an image field: the editor's upload ends up in the content's folder ──
    // (a tiny test library, installed by the normal upload like any content type)
    const zip = new JSZip();
    zip.file('h5p.json', JSON.stringify({ title: 'img', language: 'vi', mainLibrary: 'H5P.EditorImageTest', embedTypes: ['iframe'], license: 'U', preloadedDependencies: [{ machineName: 'H5P.EditorImageTest', majorVersion: 1, minorVersion: 0 }] }));
    zip.file('content/content.json', JSON.stringify({ caption: 'x' }));
    zip.file('H5P.EditorImageTest-1.0/library.json', JSON.stringify({ title: 'Editor image test', machineName: 'H5P.EditorImageTest', majorVersion: 1, minorVersion: 0, patchVersion: 0, runnable: 1, embedTypes: ['iframe'], preloadedJs: [{ path: 'test.js' }] }));
    zip.file('H5P.EditorImageTest-1.0/semantics.json', JSON.stringify([{ name: 'caption', type: 'text', label: 'Caption' }, { name: 'picture', type: 'image', label: 'Picture' }]));
    zip.file('H5P.EditorImageTest-1.0/test.js', 'H5P.EditorImageTest = function () {};');
    const imgPkg = multipart({}, { name: 'image-test.h5p', type: 'application/zip', data: await zip.generateAsync({ type: 'nodebuffer' }) });
    const imgUp = await teacher.request({ method: 'POST', url: '/api/h5p/contents', payload: imgPkg.payload, headers: imgPkg.headers });
    t.equal(imgUp.statusCode, 200, imgUp.body);
    const pictureField = JSON.stringify({ name: 'picture', type: 'image', label: 'Picture' });
    const pic = await upFile('bang-so.png', 'image/png', PNG, pictureField);
    t.equal(pic.statusCode, 200, pic.body);
    t.match(pic.json(), { width: 2, height: 2 }, 'h5p-server read the image');
    const noPicture = await teacher.request({ method: 'POST', url: '/api/h5p/editor/contents', payload: { library: 'H5P.EditorImageTest 1.0', params: { caption: 'Bảng số' }, metadata: { title: 'Ảnh' } } });
    t.match(noPicture.json(), { error: { code: 'H5P_EDITOR_INVALID_PARAMS', details: { errors: [{ path: 'picture', reason: 'required' }] } } }, 'a required image is required');
    const withPic = await teacher.request({ method: 'POST', url: '/api/h5p/editor/contents', payload: { library: 'H5P.EditorImageTest 1.0', params: { caption: 'Bảng số', picture: { path: pic.json().path, mime: 'image/png', width: 2, height: 2 } }, metadata: { title: 'Ảnh' } } });
    t.equal(withPic.statusCode, 200, withPic.body);
    const picId = withPic.json().id as number;
    const picParams = (await teacher.request({ url: `/api/h5p/contents/${picId}/files/content.json` })).json() as { picture: { path: string } };
    t.notMatch(picParams.picture.path, /#tmp/, 'the saved params point into the content');
    const picFile = await teacher.request({ url: `/api/h5p/contents/${picId}/files/${picParams.picture.path}` });
    t.equal(picFile.statusCode, 200, 'the image was copied into content/<id>/ and is served by the player route');
    t.same(picFile.rawPayload, PNG);
    t.equal((await teacher.request({ url: `/api/h5p/editor/content-files/${picId}/${picParams.picture.path}` })).statusCode, 200, 'and shown in the editor when editing');
    t.equal((await student.request({ url: `/api/h5p/contents/${picId}/files/${picParams.picture.path}` })).statusCode, 404, 'students only once assigned');

    // Deleted like an uploaded content once unassigned.
    const act = (await teacher.request({ url: `/api/h5p/activities?contentId=${id}` })).json()[0];
    t.equal((await teacher.request({ method: 'DELETE', url: `/api/h5p/activities/${act.id}` })).statusCode, 200);
    t.equal((await teacher.request({ method: 'DELETE', url: `/api/h5p/contents/${id}` })).statusCode, 200, 'deleted like an uploaded one');
    t.equal((await teacher.request({ method: 'PUT', url: `/api/h5p/editor/contents/${id}`, payload: edited })).statusCode, 404, 'a deleted content is not edited');
  });
}
