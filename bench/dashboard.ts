// The principal's dashboard (issue 5 point 5): latency of the one request the page makes every
// 30 seconds, on the full demo school (12 classes, ~480 students) with a busy day added: live lessons
// now, lessons held earlier, the gradebook partly filled for every class × subject, quizzes, a device
// alert. The real app through fastify.inject (no network). It measures; it does not pass or fail.
//
//   npx tsx bench/dashboard.ts [--requests 50]   (set PHONGHOC_TEST_PG_URL to add PostgreSQL)
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { buildTestApp } from '../tests/helpers/app.js';
import type { Dialect } from '../tests/helpers/db.js';
import { seedBusyDay } from '../tests/helpers/dashboard-activity.js';
import { DEMO_PRINCIPAL_ID } from '../server/src/domain/demo/demo-school.js';
import type { Dashboard } from '../server/src/contracts/dashboard.schema.js';

const arg = process.argv.indexOf('--requests');
const REQUESTS = arg > 0 ? Number(process.argv[arg + 1]) : 50;

const teardowns: (() => unknown)[] = [];
const tap = { teardown: (fn: () => unknown) => teardowns.push(fn) };

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function bench(dialect: Dialect) {
  const { app, login, database } = await buildTestApp(tap, dialect, { demo: 'full' });
  await seedBusyDay(database.db.knex, { liveClasses: 4, endedClasses: 12 });
  const scores = await database.db.knex('gradebook_scores').count({ n: '*' }).first();
  const principal = await login(DEMO_PRINCIPAL_ID);
  // One warm-up request (the first one compiles the reply's serializer).
  const first = await principal.request({ url: '/api/dashboard' });
  if (first.statusCode !== 200) throw new Error(`GET /api/dashboard: ${first.statusCode} ${first.body}`);
  const d = first.json() as Dashboard;
  const samples: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const t0 = performance.now();
    const res = await principal.request({ url: '/api/dashboard' });
    samples.push(performance.now() - t0);
    if (res.statusCode !== 200) throw new Error(`GET /api/dashboard: ${res.statusCode}`);
  }
  samples.sort((a, b) => a - b);
  await app.close();
  return {
    dialect, n: REQUESTS, p50: quantile(samples, 0.5), p95: quantile(samples, 0.95), max: samples[samples.length - 1]!, bytes: first.body.length,
    shape: `${d.live.lessons.length} live lessons, ${d.attendance.classes.length} classes with attendance, ${d.assessment.rows.length} class × subject rows, ${Number(scores?.n ?? 0)} gradebook cells, ${d.plans?.rows.length ?? 0} plans`,
  };
}

const dialects: Dialect[] = process.env.PHONGHOC_TEST_PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];
const rows = [];
for (const dialect of dialects) rows.push(await bench(dialect));
for (const fn of teardowns.reverse()) await fn();

console.log(`\nGET /api/dashboard on the demo school — ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, milliseconds\n`);
console.log(['dialect', 'requests', 'p50', 'p95', 'max', 'reply bytes', 'data'].join('\t'));
for (const r of rows) console.log([r.dialect, r.n, r.p50.toFixed(1), r.p95.toFixed(1), r.max.toFixed(1), r.bytes, r.shape].join('\t'));
