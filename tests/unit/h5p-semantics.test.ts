import fs from 'node:fs';
import t from 'tap';
import { checkEditorFile, checkParams, imageMatches, parseUberName, type SemanticsField } from '../../server/src/domain/h5p/semantics-rules.js';
import { quickCheckAssetsDir } from '../../server/src/data/h5p-quickcheck.js';

/** Params saved from the H5P editor are checked against the library's semantics.json (Art. 9.3). */
const quickCheck = JSON.parse(fs.readFileSync(`${quickCheckAssetsDir()}/semantics.json`, 'utf8')) as SemanticsField[];

t.test('QuickCheck semantics', async (t) => {
  const ok = { question: 'Số nào là số nguyên tố?', options: [{ text: '21', correct: false }, { text: '29', correct: true }] };
  t.same(checkParams(quickCheck, ok), [], 'a valid content');
  t.same(checkParams(quickCheck, { ...ok, l10n: { check: 'Kiểm tra' } }), [], 'common texts may be given');
  t.same(checkParams(quickCheck, { options: ok.options }), [{ path: 'question', reason: 'required' }]);
  t.same(checkParams(quickCheck, { ...ok, question: '<p> </p>' }), [{ path: 'question', reason: 'required' }], 'empty HTML is empty');
  t.match(checkParams(quickCheck, { ...ok, question: 'x'.repeat(2001) }), [{ path: 'question', reason: /longer than 2000/ }]);
  t.match(checkParams(quickCheck, { ...ok, options: [ok.options[0]] }), [{ path: 'options', reason: /fewer than 2/ }]);
  t.match(checkParams(quickCheck, { ...ok, options: Array(9).fill(ok.options[0]) }), [{ path: 'options', reason: /more than 8/ }]);
  t.match(checkParams(quickCheck, { ...ok, options: [{ text: 1, correct: 'yes' }, ok.options[1]] }), [{ path: 'options[0].text', reason: 'must be text' }, { path: 'options[0].correct', reason: 'must be true or false' }]);
  t.match(checkParams(quickCheck, { ...ok, options: 'a,b' }), [{ path: 'options', reason: 'must be a list' }]);
  t.match(checkParams(quickCheck, [ok]), [{ path: '', reason: /object/ }]);
  t.match(checkParams(quickCheck, null), [{ path: '', reason: /object/ }]);
});

t.test('other field types', async (t) => {
  const sem: SemanticsField[] = [
    { name: 'n', type: 'number', min: 1, max: 5 },
    { name: 'd', type: 'number', decimals: 1, optional: true },
    { name: 's', type: 'select', options: [{ value: 'a' }, { value: 'b' }] },
    { name: 'img', type: 'image', optional: true },
    { name: 'lib', type: 'library', options: ['H5P.Text 1.1'], optional: true },
    { name: 'code', type: 'text', regexp: { pattern: '^[0-9]+$' }, optional: true },
  ];
  t.same(checkParams(sem, { n: 3, s: 'a', d: 1.5, img: { path: 'images/a.png' }, lib: { library: 'H5P.Text 1.1', params: {} }, code: '12' }), []);
  t.match(checkParams(sem, { n: 9, s: 'c' }), [{ path: 'n', reason: /more than 5/ }, { path: 's', reason: /options/ }]);
  t.match(checkParams(sem, { n: 1.5, s: 'a' }), [{ path: 'n', reason: /whole/ }]);
  t.match(checkParams(sem, { n: 2, s: 'a', img: { path: '../../etc/passwd' } }), [{ path: 'img', reason: /not allowed/ }]);
  t.match(checkParams(sem, { n: 2, s: 'a', lib: { library: 'H5P.Evil 1.0' } }), [{ path: 'lib', reason: /not allowed/ }]);
  t.match(checkParams(sem, { n: 2, s: 'a', code: 'abc' }), [{ path: 'code', reason: /format/ }]);
  t.equal(checkParams(sem, {}).length, 2, 'required number and select');
});

t.test('uber names and editor files', async (t) => {
  t.same(parseUberName('H5P.PhonghocQuickCheck 1.0'), { machineName: 'H5P.PhonghocQuickCheck', majorVersion: 1, minorVersion: 0 });
  t.equal(parseUberName('H5P.X-1.0'), undefined);
  t.equal(parseUberName('../x 1.0'), undefined);
  const allowed = ['png', 'jpg', 'mp4', 'pdf', 'svg'];
  const limits = { imageBytes: 100, mediaBytes: 1000, fileBytes: 500 };
  t.equal(checkEditorFile('image', { name: 'a.png', mimetype: 'image/png', size: 50 }, allowed, limits), undefined);
  t.match(checkEditorFile('image', { name: 'a.png', mimetype: 'image/png', size: 101 }, allowed, limits), /larger/);
  t.match(checkEditorFile('image', { name: 'a.svg', mimetype: 'image/svg+xml', size: 10 }, allowed, limits), /not an image/, 'SVG (scripts) is not taken as an image');
  t.match(checkEditorFile('image', { name: 'a.exe', mimetype: 'image/png', size: 10 }, allowed, limits), /not allowed/);
  t.match(checkEditorFile('video', { name: 'a.png', mimetype: 'image/png', size: 10 }, allowed, limits), /video/);
  t.equal(checkEditorFile('file', { name: 'a.pdf', mimetype: 'application/pdf', size: 500 }, allowed, limits), undefined);
  t.match(checkEditorFile('text', { name: 'a.pdf', mimetype: 'application/pdf', size: 5 }, allowed, limits), /does not take files/);
  t.ok(imageMatches('png', new Uint8Array([0x89, 0x50, 0x4e, 0x47])));
  t.notOk(imageMatches('png', new Uint8Array([0xff, 0xd8, 0xff])));
  t.ok(imageMatches('jpg', new Uint8Array([0xff, 0xd8, 0xff])));
});
