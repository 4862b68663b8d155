import t from 'tap';
import { pageFileIds, pageH5pIds, sanitizeLessonPage } from '../../server/src/domain/materials/lesson-page.js';
import { checkContainerEntries, classifyFile, cleanFileName } from '../../server/src/domain/materials/material-file-types.js';
import { contentDisposition, parseByteRange } from '../../server/src/http/routes/file-range.js';
import { DomainError } from '../../server/src/domain/shared/errors.js';

const ctx = { materialId: 5, files: new Map([[7, 'image' as const], [8, 'video' as const], [9, 'audio' as const], [10, 'pdf' as const]]) };
const clean = (html: string) => sanitizeLessonPage(html, ctx);

t.test('the lesson page allowlist', async (t) => {
  t.equal(clean('<h2>Bài 1</h2><p>Một <strong>phân số</strong> và <em>tử số</em></p><ul><li>a</li></ul><ol><li>b</li></ol>'),
    '<h2>Bài 1</h2><p>Một <strong>phân số</strong> và <em>tử số</em></p><ul><li>a</li></ul><ol><li>b</li></ol>', 'text formatting kept');
  t.equal(clean('<table><thead><tr><th colspan="2">A</th></tr></thead><tbody><tr><td rowspan="x" style="color:red">1</td></tr></tbody></table>'),
    '<table><thead><tr><th colspan="2">A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>', 'tables, bad spans and styles dropped');
  t.equal(clean('<h1>Tiêu đề</h1>'), '<h2>Tiêu đề</h2>', 'h1 becomes h2 (the page has its title)');
});

t.test('script in every disguise is removed', async (t) => {
  t.equal(clean('<p>a<script>alert(1)</script>b</p>'), '<p>ab</p>', 'script element and its text');
  t.equal(clean('<p onclick="alert(1)" onmouseover="x">a</p>'), '<p>a</p>', 'event handlers');
  t.equal(clean('<img src="/api/materials/5/files/7" onerror="alert(1)">'), '<img src="/api/materials/5/files/7" />', 'onerror on an own image');
  t.equal(clean('<a href="javascript:alert(1)">x</a>'), '<a>x</a>', 'javascript: link');
  t.equal(clean('<a href="JaVaScRiPt:alert(1)">x</a>'), '<a>x</a>', 'mixed-case javascript:');
  t.equal(clean('<a href="java&#x09;script:alert(1)">x</a>'), '<a>x</a>', 'entity-split javascript:');
  t.equal(clean('<a href="data:text/html,<script>alert(1)</script>">x</a>'), '<a>x</a>', 'data: link');
  t.equal(clean('<a href="/api/auth/logout">x</a>'), '<a>x</a>', 'relative links (http/https only)');
  t.equal(clean('<a href="//evil.example/x">x</a>'), '<a>x</a>', 'protocol-relative link');
  t.equal(clean('<a href="https://sgk.vn/bai-1" target="_self">SGK</a>'), '<a href="https://sgk.vn/bai-1" target="_blank" rel="noopener noreferrer">SGK</a>', 'https link opens safely');
  t.equal(clean('<iframe src="https://evil.example"></iframe><object data="x"></object><embed src="x"><form><input></form>'), '', 'frames, objects, forms');
  t.equal(clean('<style>body{display:none}</style><p style="background:url(javascript:x)">a</p>'), '<p>a</p>', 'styles');
  t.equal(clean('<svg><script>alert(1)</script></svg><math><mi>x</mi></math>'), 'x', 'svg and math');
  t.equal(clean('<p><span class="x" id="y">a</span></p>'), '<p>a</p>', 'spans, classes and ids');
});

t.test('media only from the material\'s own uploaded files', async (t) => {
  t.equal(clean('<img src="https://evil.example/x.png">'), '', 'outside image dropped');
  t.equal(clean('<img src="data:image/png;base64,AAAA">'), '', 'data: image dropped');
  t.equal(clean('<img src="/api/materials/6/files/7">'), '', 'another material\'s file dropped');
  t.equal(clean('<img src="/api/materials/5/files/99">'), '', 'an unknown file dropped');
  t.equal(clean('<img src="/api/materials/5/files/8">'), '', 'a video file in an img dropped');
  t.equal(clean('<img src="/api/materials/5/files/10">'), '', 'a PDF is not an image');
  t.equal(clean('<img src="/api/materials/5/files/7" alt="Hình 1" width="300" height="abc">'), '<img src="/api/materials/5/files/7" alt="Hình 1" width="300" />');
  t.equal(clean('<video src="/api/materials/5/files/8" autoplay></video>'), '<video src="/api/materials/5/files/8" controls preload="metadata"></video>', 'video gets controls, no autoplay');
  t.equal(clean('<audio src="/api/materials/5/files/9"></audio>'), '<audio src="/api/materials/5/files/9" controls preload="metadata"></audio>');
  t.equal(clean('<video src="/api/materials/5/files/9"></video>'), '', 'audio file in a video element dropped');
  t.equal(clean('<video><source src="https://evil.example/v.mp4"></video>'), '', 'source elements are not allowed');
});

t.test('the H5P placeholder', async (t) => {
  t.equal(clean('<ph-h5p-player content-id="12"></ph-h5p-player>'), '<ph-h5p-player content-id="12"></ph-h5p-player>');
  t.equal(clean('<ph-h5p-player content-id="12" onclick="x" src="https://evil"></ph-h5p-player>'), '<ph-h5p-player content-id="12"></ph-h5p-player>', 'only the content id');
  t.equal(clean('<ph-h5p-player content-id="12&quot;><script>"></ph-h5p-player>'), '', 'a non-numeric id drops the player');
  t.equal(clean('<ph-h5p-player></ph-h5p-player>'), '');
  t.same(pageH5pIds('<ph-h5p-player content-id="12"></ph-h5p-player><p>x</p><ph-h5p-player content-id="3"></ph-h5p-player>'), [12, 3]);
  t.same(pageFileIds('<img src="/api/materials/5/files/7" /><video src="/api/materials/5/files/8"></video><img src="/api/materials/6/files/1" />', 5), [7, 8]);
});

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const code = (fn: () => unknown) => { try { fn(); return 'ok'; } catch (e) { return e instanceof DomainError ? `${e.code}:${String(e.details?.reason)}` : String(e); } };

t.test('file types: magic bytes and extension together', async (t) => {
  t.equal(classifyFile('Hình 1.PNG', PNG).mime, 'image/png', 'extension case does not matter');
  t.equal(classifyFile('a.pdf', Buffer.from('%PDF-1.7\n')).category, 'pdf');
  t.equal(classifyFile('a.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0])).mime, 'image/jpeg');
  t.equal(classifyFile('a.webp', Buffer.from('RIFF\0\0\0\0WEBPVP8 ', 'latin1')).mime, 'image/webp');
  t.equal(classifyFile('a.webm', Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x01])).category, 'video');
  t.equal(classifyFile('a.mp4', Buffer.from('\0\0\0\x20ftypisom', 'latin1')).mime, 'video/mp4');
  t.equal(classifyFile('a.mp3', Buffer.from('ID3\x04', 'latin1')).category, 'audio');
  t.equal(classifyFile('a.wav', Buffer.from('RIFF\0\0\0\0WAVEfmt ', 'latin1')).category, 'audio');
  t.equal(code(() => classifyFile('a.pdf', PNG)), 'UNSUPPORTED_FILE_TYPE:content_does_not_match_extension', 'a PNG named .pdf');
  t.equal(code(() => classifyFile('a.png', Buffer.from('%PDF-1.7'))), 'UNSUPPORTED_FILE_TYPE:content_does_not_match_extension', 'a PDF named .png');
  t.equal(code(() => classifyFile('a.exe', Buffer.from('MZ'))), 'UNSUPPORTED_FILE_TYPE:extension');
  t.equal(code(() => classifyFile('a.svg', Buffer.from('<svg'))), 'UNSUPPORTED_FILE_TYPE:extension', 'SVG can carry script');
  t.equal(code(() => classifyFile('a.html', Buffer.from('<html>'))), 'UNSUPPORTED_FILE_TYPE:extension');
  t.equal(code(() => classifyFile('pdf', Buffer.from('%PDF-'))), 'UNSUPPORTED_FILE_TYPE:extension', 'no extension');
  t.equal(code(() => classifyFile('a.doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))), 'UNSUPPORTED_FILE_TYPE:extension', 'legacy office (macros) refused');
  const docx = classifyFile('a.docx', Buffer.from('PK\x03\x04', 'latin1'));
  t.equal(code(() => checkContainerEntries(docx, 'a.docx', ['[Content_Types].xml', 'word/document.xml'])), 'ok');
  t.equal(code(() => checkContainerEntries(docx, 'a.docx', ['[Content_Types].xml', 'xl/workbook.xml'])), 'UNSUPPORTED_FILE_TYPE:container_content', 'an xlsx named .docx');
  t.equal(code(() => checkContainerEntries(docx, 'a.docx', ['hello.txt'])), 'UNSUPPORTED_FILE_TYPE:container_content', 'a plain zip named .docx');
  const odtHead = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(26), Buffer.from('mimetypeapplication/vnd.oasis.opendocument.text')]);
  const odt = classifyFile('a.odt', odtHead);
  t.equal(code(() => checkContainerEntries(odt, 'a.odt', ['mimetype', 'content.xml'])), 'ok');
  t.equal(code(() => classifyFile('a.odt', Buffer.from('PK\x03\x04', 'latin1'))), 'UNSUPPORTED_FILE_TYPE:content_does_not_match_extension', 'a zip without the ODF mimetype');
  t.equal(cleanFileName('../../etc/Bài 1.pdf'), 'Bài 1.pdf', 'folders removed from names');
  t.equal(cleanFileName('C:\\Users\\gv\\Bài\u0000 2.pdf'), 'Bài 2.pdf');
  t.equal(cleanFileName('Bai 1.pdf'.normalize('NFD')), 'Bai 1.pdf');
});

t.test('byte ranges', async (t) => {
  t.equal(parseByteRange(undefined, 100), null);
  t.same(parseByteRange('bytes=0-9', 100), { start: 0, end: 9 });
  t.same(parseByteRange('bytes=90-', 100), { start: 90, end: 99 });
  t.same(parseByteRange('bytes=-10', 100), { start: 90, end: 99 });
  t.same(parseByteRange('bytes=-500', 100), { start: 0, end: 99 }, 'a suffix longer than the file');
  t.same(parseByteRange('bytes=50-1000', 100), { start: 50, end: 99 });
  t.equal(parseByteRange('bytes=100-', 100), 'unsatisfiable');
  t.equal(parseByteRange('bytes=9-3', 100), 'unsatisfiable');
  t.equal(parseByteRange('bytes=-0', 100), 'unsatisfiable');
  t.equal(parseByteRange('bytes=-', 100), 'unsatisfiable');
  t.equal(parseByteRange('bytes=x-1', 100), 'unsatisfiable');
  t.equal(parseByteRange('bytes=0-0', 0), 'unsatisfiable', 'an empty file');
  t.equal(parseByteRange('items=0-1', 100), null, 'another unit is ignored');
  t.equal(parseByteRange('bytes=0-1,5-6', 100), null, 'several ranges: the whole file');
  t.equal(contentDisposition('inline', 'Bài giảng "số" 1.pdf'), 'inline; filename="Bai giang _so_ 1.pdf"; filename*=UTF-8\'\'B%C3%A0i%20gi%E1%BA%A3ng%20%22s%E1%BB%91%22%201.pdf');
  t.equal(contentDisposition('attachment', 'Đề (1).docx'), 'attachment; filename="De (1).docx"; filename*=UTF-8\'\'%C4%90%E1%BB%81%20%281%29.docx');
});
