// Exam start (issue 4): N students (default 500) sign in and start a 40-question quiz within
// 10 seconds, autosave every 30 seconds (staggered), and submit within one minute of each other.
// Against the real appliance over HTTP (startAppliance in a child process, SQLite in the bench's
// own data directory, real argon2id password checks), from this process with Node's fetch.
// Reports p50/p95/p99 latency per step and errors, then checks in the database that every
// answer each simulated student last sent is the one stored. It measures; it does not pass or fail.
//
//   npx tsx bench/exam-start.ts [--students 500] [--exam-seconds 120] [--start-window 10] [--login-lead 0]
//
// Also run at the end of `npm run bench`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Options {
  students: number; examSeconds: number; startWindowSeconds: number; submitWindowSeconds: number; saveEverySeconds: number;
  /** 0: each student signs in right before starting (the issue's case); N: sign-ins spread over N seconds before the start window. */
  loginLeadSeconds: number;
}

// ---------------------------------------------------------------------------------------------
// The server side (child process): prepare the data directory, then run the appliance.

async function prepare(dataDir: string, students: number): Promise<{ quizId: number; logins: string[] }> {
  const { openDatabase, migrate } = await import('../server/src/db/database.js');
  const { seedDemoSchool } = await import('../server/src/db/seed-demo.js');
  const { Argon2Hasher } = await import('../server/src/data/argon2-hasher.js');
  const { KnexTransactor } = await import('../server/src/data/transactor.js');
  const { QuizService } = await import('../server/src/domain/quizzes/quiz.service.js');
  const { seedQuizBank, single, trueFalse, numeric } = await import('../tests/helpers/quiz-bank.js');
  const { DEMO_PRINCIPAL_ID } = await import('../server/src/domain/demo/demo-school.js');
  const db = openDatabase({ dataDir });
  try {
    await migrate(db);
    // Grade 6 with enough classes of 42 for the students (the demo school's other grades come too).
    const classesPerGrade = Math.min(15, Math.max(3, Math.ceil(students / 42)));
    await seedDemoSchool(db.knex, new Argon2Hasher(), { classesPerGrade, studentsPerClass: 42 });
    const knex = db.knex;
    const tx = new KnexTransactor(knex);
    const grade6 = await knex('classes').where({ grade: 6 }).select('id').orderBy('name');
    const classIds = grade6.map((c: { id: number }) => c.id);
    const assignment = await knex('teaching_assignments').whereIn('class_id', classIds).first();
    const bank = await seedQuizBank(tx, assignment.subject_id, 6, [
      { lesson: 0, level: 'nhan_biet', make: single, n: 30 },
      { lesson: 0, level: 'thong_hieu', make: trueFalse, n: 20 },
      { lesson: 1, level: 'van_dung', make: numeric, n: 15 },
    ]);
    const principal = await knex('people').where({ personal_id: DEMO_PRINCIPAL_ID }).first();
    const actor = { accountId: null, login: DEMO_PRINCIPAL_ID, ip: null, personId: principal.id as number, roles: ['principal'] };
    const quizzes = new QuizService(tx);
    const quizId = await quizzes.create(actor, {
      title: 'Kiểm tra 45 phút (benchmark)', subjectId: assignment.subject_id, grade: 6, classIds, kind: 'regular',
      matrix: [
        { curriculumLessonId: bank.lessons[0]!.id, level: 'nhan_biet', count: 20, pointsEach: 0.25 },
        { curriculumLessonId: bank.lessons[0]!.id, level: 'thong_hieu', count: 12, pointsEach: 0.25 },
        { curriculumLessonId: bank.lessons[1]!.id, level: 'van_dung', count: 8, pointsEach: 0.25 },
      ],
      opensAt: new Date(Date.now() - 60_000).toISOString(), closesAt: new Date(Date.now() + 3 * 3600_000).toISOString(), timeLimitMinutes: 45,
      attemptsAllowed: 1, attemptScoring: 'best', feedback: 'score', shuffleQuestions: true, shuffleOptions: true, gradebookTarget: null,
    });
    await quizzes.publish(actor, quizId);
    const rows = await knex('enrolments as e').join('people as p', 'p.id', 'e.student_id').whereIn('e.class_id', classIds).select('p.personal_id').orderBy('p.id').limit(students);
    return { quizId, logins: rows.map((r: { personal_id: string }) => r.personal_id) };
  } finally {
    await db.close();
  }
}

async function serve(dataDir: string, httpPort: number, httpsPort: number) {
  process.setSourceMapsEnabled(false); // production runs compiled JS without source maps
  const { loadConfig } = await import('../server/src/config/config.js');
  const { startAppliance } = await import('../server/src/server.js');
  const config = loadConfig({
    PHONGHOC_DATA_DIR: dataDir, PHONGHOC_HTTP_HOST: '127.0.0.1', PHONGHOC_HTTP_PORT: String(httpPort), PHONGHOC_HTTPS_HOST: '127.0.0.1',
    PHONGHOC_HTTPS_PORT: String(httpsPort), PHONGHOC_HOSTNAME: 'localhost', PHONGHOC_PUBLIC_ADDRESSES: '127.0.0.1', PHONGHOC_SECURE_COOKIES: 'false',
    PHONGHOC_LOG_LEVEL: 'error', PHONGHOC_SESSION_IDLE_MINUTES: '120',
  });
  const appliance = await startAppliance(config, { healthPolling: false });
  process.stdout.write(`READY ${httpPort}\n`);
  const stop = async () => {
    await appliance.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
}

// ---------------------------------------------------------------------------------------------
// The students (this process).

type Step = 'login' | 'start' | 'save' | 'submit';
interface Sample { step: Step; ms: number; ok: boolean; status: number }

interface Question { key: string; type: string; body: { options?: { id: string }[]; statements?: { id: string }[] } }

function freePort(): Promise<number> {
  return import('node:net').then((net) => new Promise<number>((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  }));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** A plausible answer to a question of the paper (which one does not matter: what is sent must be stored). */
function anAnswer(q: Question, rnd: () => number): unknown {
  switch (q.type) {
    case 'single': { const o = q.body.options ?? []; return o[Math.floor(rnd() * o.length)]!.id; }
    case 'true_false': return Object.fromEntries((q.body.statements ?? []).map((s) => [s.id, rnd() < 0.5]));
    case 'numeric': return String(Math.floor(rnd() * 40)).replace(/(\d)$/, rnd() < 0.3 ? '$1,5' : '$1');
    default: return 'trả lời';
  }
}

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ExamStartReport {
  rows: { step: Step; n: number; errors: number; p50: number; p95: number; p99: number; max: number }[];
  students: number;
  answersSent: number;
  answersLost: number;
  attemptsSubmitted: number;
  wallSeconds: number;
  loadBefore: number[];
  loadAfter: number[];
  cpuServerSeconds: number | null;
  loginLeadSeconds: number;
}

export async function runExamStart(opts: Partial<Options> = {}): Promise<ExamStartReport> {
  const o: Options = { students: 500, examSeconds: 120, startWindowSeconds: 10, submitWindowSeconds: 60, saveEverySeconds: 30, loginLeadSeconds: 0, ...opts };
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phonghoc-bench-exam-'));
  const loadBefore = os.loadavg();
  let child: ChildProcess | undefined;
  try {
    process.stdout.write(`exam-start: preparing ${o.students} students and a 40-question quiz in ${dataDir}…\n`);
    const { quizId, logins } = await prepare(dataDir, o.students);
    if (logins.length < o.students) throw new Error(`only ${logins.length} students seeded`);
    const httpPort = await freePort();
    let httpsPort = await freePort();
    while (httpsPort === httpPort) httpsPort = await freePort();
    child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve', dataDir, String(httpPort), String(httpsPort)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child!.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
      child!.stdout!.on('data', (d: Buffer) => { if (d.toString().includes('READY')) resolve(); });
    });
    const base = `http://127.0.0.1:${httpPort}`;
    const cpu0 = childCpuSeconds(child.pid!);
    const samples: Sample[] = [];
    const call = async (step: Step, method: string, url: string, body: unknown, cookie?: string, csrf?: string) => {
      const t0 = performance.now();
      let status = 0;
      let json: unknown = null;
      try {
        const res = await fetch(`${base}${url}`, {
          method, headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}), 'user-agent': 'bench-student' },
          body: JSON.stringify(body),
        });
        status = res.status;
        const text = await res.text();
        json = text ? JSON.parse(text) : null;
        samples.push({ step, ms: performance.now() - t0, ok: res.ok, status });
        return { res, json, status };
      } catch {
        samples.push({ step, ms: performance.now() - t0, ok: false, status });
        return { res: null, json, status };
      }
    };

    const t0 = performance.now();
    const lead = o.loginLeadSeconds * 1000;
    const examEnd = lead + o.startWindowSeconds * 1000 + o.examSeconds * 1000;
    const lastSent = new Map<number, Map<string, unknown>>(); // attempt id → question key → answer
    let answersSent = 0;

    const student = async (i: number) => {
      const rnd = rng(i + 1);
      const startAt = lead + (i / o.students) * o.startWindowSeconds * 1000;
      await sleep((lead ? (i / o.students) * lead : startAt) - (performance.now() - t0));
      const login = await call('login', 'POST', '/api/auth/login', { login: logins[i], password: 'Phonghoc@2026' });
      if (!login.res?.ok) return;
      const cookie = (login.res.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
      const csrf = (login.json as { csrfToken: string }).csrfToken;
      await sleep(startAt - (performance.now() - t0));
      const started = await call('start', 'POST', `/api/quizzes/${quizId}/attempts`, {}, cookie, csrf);
      if (!started.res?.ok) return;
      const view = started.json as { id: number; questions: Question[] };
      const sent = new Map<string, unknown>();
      lastSent.set(view.id, sent);
      let seq = 0;
      let next = 0; // the next question the student reaches
      const send = (n: number) => {
        const batch: { questionKey: string; answer: unknown }[] = [];
        for (let k = 0; k < n && next < view.questions.length; k++) batch.push({ questionKey: view.questions[next]!.key, answer: anAnswer(view.questions[next++]!, rnd) });
        // Second thoughts: one earlier answer changed.
        if (next > 3 && rnd() < 0.5) { const q = view.questions[Math.floor(rnd() * (next - 1))]!; batch.push({ questionKey: q.key, answer: anAnswer(q, rnd) }); }
        for (const b of batch) sent.set(b.questionKey, b.answer);
        answersSent += batch.length;
        return batch;
      };
      // Autosave every 30 s, the phase spread over the interval; about 40 answers over the exam.
      const saves = Math.max(1, Math.floor(o.examSeconds / o.saveEverySeconds));
      const perSave = Math.ceil((view.questions.length * 0.85) / saves);
      let at = performance.now() - t0 + rnd() * o.saveEverySeconds * 1000;
      const submitAt = examEnd + rnd() * o.submitWindowSeconds * 1000;
      while (at < submitAt - 1000) {
        await sleep(at - (performance.now() - t0));
        await call('save', 'PUT', `/api/quiz-attempts/${view.id}/answers`, { seq: ++seq, answers: send(perSave) }, cookie, csrf);
        at += o.saveEverySeconds * 1000;
      }
      await sleep(submitAt - (performance.now() - t0));
      await call('submit', 'POST', `/api/quiz-attempts/${view.id}/submit`, { final: { seq: ++seq, answers: send(view.questions.length) } }, cookie, csrf);
    };
    await Promise.all(Array.from({ length: o.students }, (_, i) => student(i)));
    const wallSeconds = (performance.now() - t0) / 1000;
    const cpuServerSeconds = cpu0 === null ? null : (childCpuSeconds(child.pid!) ?? cpu0) - cpu0;
    const loadAfter = os.loadavg();
    child.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
    child = undefined;

    // No lost answer: what each student last sent per question is what the database holds.
    const { openDatabase } = await import('../server/src/db/database.js');
    const db = openDatabase({ dataDir });
    let answersLost = 0;
    let attemptsSubmitted = 0;
    try {
      const stored = await db.knex('quiz_answers').select('attempt_id', 'question_key', 'answer');
      const byAttempt = new Map<number, Map<string, string>>();
      for (const r of stored) {
        if (!byAttempt.has(Number(r.attempt_id))) byAttempt.set(Number(r.attempt_id), new Map());
        byAttempt.get(Number(r.attempt_id))!.set(r.question_key, r.answer);
      }
      for (const [attemptId, sent] of lastSent) {
        const have = byAttempt.get(attemptId) ?? new Map();
        for (const [key, answer] of sent) if (have.get(key) !== JSON.stringify(answer)) answersLost++;
      }
      attemptsSubmitted = Number((await db.knex('quiz_attempts').where({ quiz_id: quizId, status: 'submitted', submitted_by: 'student' }).count('* as n').first())?.n ?? 0);
    } finally {
      await db.close();
    }

    const rows = (['login', 'start', 'save', 'submit'] as const).map((step) => {
      const of = samples.filter((s) => s.step === step);
      const ms = of.map((s) => s.ms).sort((a, b) => a - b);
      const q = (p: number) => (ms.length ? ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]! : NaN);
      return { step, n: of.length, errors: of.filter((s) => !s.ok).length, p50: q(0.5), p95: q(0.95), p99: q(0.99), max: ms[ms.length - 1] ?? NaN };
    });
    return { rows, students: o.students, answersSent, answersLost, attemptsSubmitted, wallSeconds, loadBefore, loadAfter, cpuServerSeconds, loginLeadSeconds: o.loginLeadSeconds };
  } finally {
    child?.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** CPU seconds (user + system) of a process so far, from /proc. */
function childCpuSeconds(pid: number): number | null {
  try {
    const rest = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(rest[11]) + Number(rest[12])) / 100;
  } catch {
    return null;
  }
}

export function printExamStart(r: ExamStartReport): void {
  const f = (x: number) => (Number.isNaN(x) ? '' : x.toFixed(0));
  console.log(`\nExam start — ${new Date().toISOString().slice(0, 16)}Z, ${os.cpus().length} cores (shared with other work: load average ${r.loadBefore.map((x) => x.toFixed(2)).join(' ')} before, ${r.loadAfter.map((x) => x.toFixed(2)).join(' ')} after), SQLite, HTTP, argon2id logins`);
  console.log(`${r.students} students, a 40-question quiz; ${r.loginLeadSeconds ? `sign-ins spread over ${r.loginLeadSeconds} s before the 10 s start window` : 'each signs in and starts within the 10 s window'}; run took ${r.wallSeconds.toFixed(0)} s; server CPU ${r.cpuServerSeconds === null ? '?' : `${r.cpuServerSeconds.toFixed(1)} s`}\n`);
  console.log(['step', 'n', 'errors', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'].join('\t'));
  for (const row of r.rows) console.log([row.step, row.n, row.errors, f(row.p50), f(row.p95), f(row.p99), f(row.max)].join('\t'));
  console.log(`\nanswers sent ${r.answersSent}, lost ${r.answersLost}; attempts submitted by the student ${r.attemptsSubmitted}/${r.students}`);
}

// ---------------------------------------------------------------------------------------------

const argv = process.argv.slice(2);
if (argv[0] === '--serve') {
  await serve(argv[1]!, Number(argv[2]), Number(argv[3]));
} else if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const arg = (name: string, fallback: number) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? Number(argv[i + 1]) : fallback;
  };
  printExamStart(await runExamStart({ students: arg('students', 500), examSeconds: arg('exam-seconds', 120), startWindowSeconds: arg('start-window', 10), loginLeadSeconds: arg('login-lead', 0) }));
}
