// Benchmarks of the foundation's hot paths on this machine. They measure; they do not pass or fail.
// `npm run bench` (SQLite; set PHONGHOC_TEST_PG_URL to add PostgreSQL rows).
import { performance } from 'node:perf_hooks';
import { buildTestApp, loginClient } from '../tests/helpers/app.js';
import type { Dialect } from '../tests/helpers/db.js';
import { DEMO_PASSWORD, DEMO_PRINCIPAL_ID, buildDemoSchool } from '../server/src/domain/demo/demo-school.js';

interface Row { dialect: string; what: string; n: number; p50: number; p95: number; max: number }

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { p50: at(0.5), p95: at(0.95), max: s[s.length - 1]! };
}

async function time(n: number, fn: (i: number) => Promise<unknown>) {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    out.push(performance.now() - t0);
  }
  return stats(out);
}

const teardowns: (() => unknown)[] = [];
const tap = { teardown: (fn: () => unknown) => teardowns.push(fn) };

async function bench(dialect: Dialect): Promise<Row[]> {
  const rows: Row[] = [];
  const t0 = performance.now();
  const { app } = await buildTestApp(tap, dialect, { demo: 'full' });
  rows.push({ dialect, what: 'migrate + seed demo school (≈480 students)', n: 1, p50: performance.now() - t0, p95: NaN, max: NaN });

  rows.push({ dialect, what: 'POST /api/auth/login (argon2id)', n: 20, ...(await time(20, (i) => loginClient(app, DEMO_PRINCIPAL_ID, DEMO_PASSWORD, `10.2.0.${i + 1}`))) });
  const p = await loginClient(app, DEMO_PRINCIPAL_ID, DEMO_PASSWORD, '10.2.1.1');
  rows.push({ dialect, what: 'GET /api/auth/me (session lookup)', n: 200, ...(await time(200, () => p.request({ url: '/api/auth/me' }))) });
  const words = ['nguyen', 'thi', 'anh', 'tran van', 'le', 'hoa', 'minh'];
  rows.push({ dialect, what: 'GET /api/people?q= (diacritic-free search)', n: 100, ...(await time(100, (i) => p.request({ url: `/api/people?q=${encodeURIComponent(words[i % words.length]!)}&limit=50` }))) });
  rows.push({ dialect, what: 'GET /api/classes (counts, size warnings)', n: 100, ...(await time(100, () => p.request({ url: '/api/classes' }))) });

  // A whole grade's roster in one file: 4 classes of 45 students, previewed.
  const demo = buildDemoSchool({ seed: 7, classesPerGrade: 3 });
  const lines = ['Mã định danh Bộ GD&ĐT,Họ và tên,Ngày sinh,Giới tính,Lớp'];
  demo.students.forEach((s, i) => lines.push(`8${String(i).padStart(19, '0')},${s.fullName},${s.birthDate.split('-').reverse().join('/')},${s.gender === 'male' ? 'Nam' : 'Nữ'},${s.className}`));
  const csv = Buffer.from(lines.join('\n'));
  const boundary = 'bench';
  const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="r.csv"\r\nContent-Type: text/csv\r\n\r\n`), csv, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  const headers = { 'content-type': `multipart/form-data; boundary=${boundary}` };
  rows.push({ dialect, what: `roster preview, ${demo.students.length} rows`, n: 5, ...(await time(5, () => p.request({ method: 'POST', url: '/api/roster/students/import?mode=preview', payload, headers }))) });
  const t1 = performance.now();
  const res = await p.request({ method: 'POST', url: '/api/roster/students/import?mode=accepted', payload, headers });
  rows.push({ dialect, what: `roster import (one transaction), ${res.json().created} created`, n: 1, p50: performance.now() - t1, p95: NaN, max: NaN });
  rows.push({ dialect, what: 'GET /api/roster/students/export (.xlsx)', n: 3, ...(await time(3, () => p.request({ url: '/api/roster/students/export' }))) });
  return rows;
}

const dialects: Dialect[] = process.env.PHONGHOC_TEST_PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];
const all: Row[] = [];
for (const d of dialects) all.push(...(await bench(d)));
for (const fn of teardowns.reverse()) await fn();

const f = (x: number) => (Number.isNaN(x) ? '' : x.toFixed(1));
console.log(`\nPhonghoc foundation benchmarks — ${new Date().toISOString().slice(0, 10)}, ${(await import('node:os')).cpus().length} cores, milliseconds\n`);
console.log(['dialect', 'what', 'n', 'p50', 'p95', 'max'].join('\t'));
for (const r of all) console.log([r.dialect, r.what, r.n, f(r.p50), f(r.p95), f(r.max)].join('\t'));

// Exam start (issue 4): 500 students sign in, start a 40-question quiz, autosave, submit (bench/exam-start.ts).
const { runExamStart, printExamStart } = await import('./exam-start.js');
printExamStart(await runExamStart());
