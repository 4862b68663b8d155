import t from 'tap';
import { isBlankHtml, sanitizeDisclosure } from '../../server/src/domain/disclosure/disclosure-html.js';
import { STARTING_TEXTS } from '../../server/src/domain/disclosure/starting-texts.js';
import { DISCLOSURE_SECTIONS } from '../../server/src/domain/disclosure/disclosure.types.js';

/** Art. 15.4: what the principal writes is shown to anyone, so it can never carry script. */
t.test('sanitizing the principal\'s text', async (t) => {
  const cases: [string, string][] = [
    ['<p>Nội quy<script>alert(1)</script></p>', '<p>Nội quy</p>'],
    ['<p onclick="x()" onmouseover="y()">A</p>', '<p>A</p>'],
    ['<a href="javascript:alert(1)">x</a>', '<a>x</a>'],
    ['<a href=" jav&#x09;ascript:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', '<a>x</a>'],
    ['<a href="//evil.example/x">x</a>', '<a>x</a>'],
    ['<a href="https://moet.gov.vn">Bộ</a>', '<a href="https://moet.gov.vn" target="_blank" rel="noopener noreferrer">Bộ</a>'],
    ['<img src="/api/materials/1/files/2" onerror="x()"><p>B</p>', '<p>B</p>'],
    ['<iframe src="https://example.com"></iframe><p>C</p>', '<p>C</p>'],
    ['<ph-h5p-player content-id="5"></ph-h5p-player><p>D</p>', '<p>D</p>'],
    ['<h1>Tiêu đề</h1>', '<h2>Tiêu đề</h2>'],
    ['<p style="color:red" class="big">E</p>', '<p>E</p>'],
  ];
  for (const [input, out] of cases) t.equal(sanitizeDisclosure(input), out, input);
  t.equal(sanitizeDisclosure('  '), '');
  t.equal(sanitizeDisclosure('a < b và c > d'), '<p>a &lt; b và c &gt; d</p>', 'plain text is escaped, not parsed');
  t.ok(isBlankHtml('<p><br></p><p>&nbsp;</p>'));
  t.notOk(isBlankHtml('<p>x</p>'));
});

t.test('the starting texts survive the sanitizer unchanged and are Vietnamese', async (t) => {
  for (const section of DISCLOSURE_SECTIONS) {
    const text = STARTING_TEXTS[section];
    t.equal(sanitizeDisclosure(text), text, `${section} is already clean`);
    t.match(text, /[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]/, `${section} is written in Vietnamese`);
  }
});
