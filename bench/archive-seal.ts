// Sealing and exporting a semester of the demo school (issue 5 point 3, "done means"): the full demo
// school (12 classes, ~480 students), once as seeded and once with a semester of online teaching added
// (every teaching assignment holding one online lesson a week for the semester's weeks, attendance of
// the class, two gradebook columns for every student × subject). Times the sealing transaction (gathering
// + appending to the chain) and the export (PDF, .xlsx, index, manifest, zip) separately, and the
// size of the zip. Measures only; it does not pass or fail.
//
//   npx tsx bench/archive-seal.ts [--weeks 18]   (set PHONGHOC_TEST_PG_URL to add PostgreSQL)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildTestApp } from '../tests/helpers/app.js';
import type { Dialect } from '../tests/helpers/db.js';
import { addSemesterActivity } from '../tests/helpers/archive-activity.js';
import { ArchiveService, type ArchiveExporter } from '../server/src/domain/archive/archive.service.js';
import { FsArchiveExporter } from '../server/src/data/archive-export.js';

const arg = process.argv.indexOf('--weeks');
const WEEKS = arg > 0 ? Number(process.argv[arg + 1]) : 18;

const teardowns: (() => unknown)[] = [];
const tap = { teardown: (fn: () => unknown) => teardowns.push(fn) };

async function bench(dialect: Dialect, activity: boolean) {
  const { services, database } = await buildTestApp(tap, dialect, { demo: 'full' });
  const knex = database.db.knex;
  const [sem1] = await knex('semesters').orderBy('number').select('id', 'ends_on');
  const added = activity ? await addSemesterActivity(knex, sem1.id, { lessonsPerAssignment: WEEKS }) : { lessons: 0, attendance: 0, scores: 0 };
  const clock = new Date(new Date(`${sem1.ends_on}T00:00:00+07:00`).getTime() + 2 * 86400_000);
  const files = new FsArchiveExporter(database.dataDir);
  let exportMs = 0;
  const timed: ArchiveExporter = {
    locate: (f) => files.locate(f),
    write: async (input, progress) => {
      const t0 = performance.now();
      const out = await files.write(input, progress);
      exportMs = performance.now() - t0;
      return out;
    },
  };
  services.archive = new ArchiveService({ tx: services.tx, writer: services.archiveWriter, exporter: timed, now: () => clock });
  const principal = await knex('accounts').where({ login: 'CB79000001' }).first();
  const t0 = performance.now();
  const seal = await services.archive.seal({ accountId: principal.id, login: 'CB79000001', ip: null, personId: principal.person_id, roles: ['principal'] }, sem1.id);
  const totalMs = performance.now() - t0;
  const t1 = performance.now();
  const v = await services.archive.verify();
  const verifyMs = performance.now() - t1;
  if (!v.ok) throw new Error('the chain does not verify');
  const zip = path.join(files.dir, seal.exportFile!);
  const payloadBytes = Number((await knex('archive_records').where({ semester_id: sem1.id }).select(knex.raw('sum(length(payload)) as n')).first())?.n ?? 0);
  return {
    dialect, school: activity ? `demo + ${WEEKS} weeks online` : 'demo as seeded',
    activity: `${added.lessons} lessons, ${added.attendance} attendances, ${added.scores} scores`,
    records: seal.recordCount, sealMs: totalMs - exportMs, exportMs, totalMs, verifyMs, zipBytes: fs.statSync(zip).size, payloadBytes,
  };
}

const dialects: Dialect[] = process.env.PHONGHOC_TEST_PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];
const rows = [];
try {
  for (const d of dialects) for (const activity of [false, true]) rows.push(await bench(d, activity));
} finally {
  for (const fn of teardowns.reverse()) await fn();
}
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(2)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.log(`Archive seal + export on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
console.log('| dialect | school | activity | records | seal (tx) | export | total | verify chain | zip | payloads |');
console.log('|---|---|---|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.dialect} | ${r.school} | ${r.activity} | ${r.records} | ${s(r.sealMs)} | ${s(r.exportMs)} | ${s(r.totalMs)} | ${s(r.verifyMs)} | ${mb(r.zipBytes)} | ${mb(r.payloadBytes)} |`);
