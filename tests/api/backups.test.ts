import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { buildTestApp } from '../helpers/app.js';
import { dialects } from '../helpers/db.js';
import { BackupService } from '../../server/src/domain/backups/backup.service.js';
import { FsBackupEngine } from '../../server/src/data/backup-engine.js';
import { DEMO_IT_ID, DEMO_PRINCIPAL_ID, DEMO_TEACHER_ID } from '../../server/src/domain/demo/demo-school.js';

/** The IT page's API (issue 5, point 8): settings, backup now, list, verify; the schedule on an injected clock; PostgreSQL refused. */
for (const dialect of dialects()) {
  t.test(`backups (${dialect})`, async (t) => {
    const { services, database, login } = await buildTestApp(t, dialect, { demo: 'small' });
    const it = await login(DEMO_IT_ID);
    const principal = await login(DEMO_PRINCIPAL_ID);
    const teacher = await login(DEMO_TEACHER_ID);
    const usb = fs.mkdtempSync(path.join(os.tmpdir(), 'phonghoc-usb-'));
    t.teardown(() => fs.rmSync(usb, { recursive: true, force: true }));
    const settings = { enabled: false, time: '18:30', keep: 2, target: usb, includeRecordings: false };

    t.equal((await teacher.request({ url: '/api/backups' })).statusCode, 403, 'teachers do not see backups');
    t.equal((await principal.request({ url: '/api/backups/settings' })).statusCode, 200, 'the principal reads');
    t.equal((await principal.request({ method: 'POST', url: '/api/backups/run', payload: {} })).statusCode, 403, 'the principal does not run them');
    const notSet = await it.request({ method: 'POST', url: '/api/backups/run', payload: {} });

    if (dialect === 'postgres') {
      t.equal(notSet.json().error.code, 'BACKUP_POSTGRES', 'PostgreSQL: refused with what to do');
      t.match(notSet.json().error.message.vi, /pg_dump/);
      t.equal((await it.request({ url: '/api/backups/settings' })).json().databaseSupported, false);
      return;
    }
    t.equal(notSet.json().error.code, 'BACKUP_TARGET_NOT_SET');
    t.equal((await it.request({ method: 'PUT', url: '/api/backups/settings', payload: { ...settings, enabled: true, target: '' } })).json().error.code, 'BACKUP_TARGET_NOT_SET');
    t.equal((await it.request({ method: 'PUT', url: '/api/backups/settings', payload: { ...settings, time: '7:5' } })).statusCode, 400);
    const saved = await it.request({ method: 'PUT', url: '/api/backups/settings', payload: settings });
    t.equal(saved.statusCode, 200, saved.body);
    t.equal(saved.json().check.problem, null);
    t.ok(await database.db.knex('audit_log').where({ action: 'backup.settings_changed' }).first(), 'settings change audited');

    await t.test('backup now, list, verify, a damaged backup seen', async (t) => {
      const run = await it.request({ method: 'POST', url: '/api/backups/run', payload: {} });
      t.equal(run.statusCode, 200, run.body);
      const job = await services.backups.settled();
      t.equal(job?.status, 'succeeded', JSON.stringify(job?.error));
      const list = (await principal.request({ url: '/api/backups' })).json();
      t.equal(list.backups.length, 1);
      const b = list.backups[0];
      t.equal(b.name, job!.name);
      t.ok(b.complete && b.tables > 40 && b.rows > 100 && b.bytes > 0, `${b.tables} tables, ${b.rows} rows, ${b.bytes} bytes`);
      t.equal(b.verification, null, 'not verified yet');
      const v = await it.request({ method: 'POST', url: '/api/backups/verify', payload: { name: b.name } });
      t.same(v.json().problems, []);
      t.equal(v.json().ok, true);
      t.ok(v.json().checkedFiles >= 1);
      t.equal((await it.request({ url: '/api/backups' })).json().backups[0].verification.ok, true, 'the list shows the verification');
      t.equal((await it.request({ method: 'POST', url: '/api/backups/verify', payload: { name: '../../etc' } })).statusCode, 400, 'names are checked');
      t.equal((await it.request({ method: 'POST', url: '/api/backups/verify', payload: { name: 'phonghoc-backup-20200101T000000Z' } })).json().error.code, 'BACKUP_NOT_FOUND');

      // A changed row in the database copy: the file hash and the table hash both see it.
      const dbCopy = path.join(usb, b.name, 'data', 'phonghoc.sqlite');
      const bytes = fs.readFileSync(dbCopy);
      const at = bytes.indexOf(Buffer.from(DEMO_IT_ID));
      t.ok(at > 0);
      bytes[at] = 'X'.charCodeAt(0);
      fs.writeFileSync(dbCopy, bytes);
      const bad = (await it.request({ method: 'POST', url: '/api/backups/verify', payload: { name: b.name } })).json();
      t.equal(bad.ok, false);
      t.match(bad.problems.join('\n'), /phonghoc\.sqlite: SHA-256 differs/);
      fs.writeFileSync(dbCopy, Buffer.concat([bytes, Buffer.from('x')]));
      const quick = (await it.request({ url: '/api/backups' })).json().backups[0];
      t.equal(quick.complete, false, 'a size mismatch shows in the list without a full verification');
      t.ok(await database.db.knex('audit_log').where({ action: 'backup.verify_failed' }).first(), 'failed verification audited');
      fs.rmSync(path.join(usb, b.name), { recursive: true });
    });

    await t.test('the schedule fires at the school\'s time (injected clock), prunes, and a refused run is not retried in a loop', async (t) => {
      let now = new Date('2026-11-30T02:00:00.000Z'); // 09:00 in Vietnam
      const svc = new BackupService({ tx: services.tx, engine: new FsBackupEngine({ dataDir: database.dataDir, database: 'phonghoc.sqlite', version: 'test' }), now: () => now });
      const actor = { accountId: null, login: DEMO_IT_ID, ip: null };
      await svc.saveSettings(actor, { ...settings, enabled: true, keep: 2 });
      t.equal((await svc.overview()).nextRunAt, '2026-11-30T11:30:00.000Z', 'next run: today 18:30 in Vietnam');
      t.equal(await svc.tick(), null, '09:00: nothing');
      now = new Date('2026-11-30T11:29:50.000Z');
      t.equal(await svc.tick(), null, '18:29:50: nothing');
      now = new Date('2026-11-30T11:30:20.000Z');
      const fired = await svc.tick();
      t.equal(fired?.trigger, 'schedule', '18:30: the scheduled backup starts');
      t.equal((await svc.settled())?.status, 'succeeded');
      t.equal(await svc.tick(), null, 'once per day');
      const names: string[] = [];
      for (const day of ['2026-12-01', '2026-12-02']) {
        now = new Date(`${day}T11:31:00.000Z`);
        t.equal((await svc.tick())?.trigger, 'schedule', `${day}: fires`);
        const job = await svc.settled();
        names.push(job!.name!);
        if (day === '2026-12-02') t.equal(job!.pruned.length, 1, 'keep 2: the oldest is removed');
      }
      t.same(fs.readdirSync(usb).filter((n) => n.startsWith('phonghoc-backup-')).sort(), names, 'the newest two remain');
      const audit = await database.db.knex('audit_log').where({ actor_login: 'lich-sao-luu' }).pluck('action');
      t.ok(audit.includes('backup.started') && audit.includes('backup.completed') && audit.includes('backup.pruned'), 'scheduled runs audited');

      // The USB disk was unplugged: the slot is refused once, audited, not retried every minute.
      const unplugged = path.join(usb, 'gone');
      await svc.saveSettings(actor, { ...settings, enabled: true, target: unplugged });
      now = new Date('2026-12-03T11:30:30.000Z');
      const refused = await svc.tick();
      t.equal(refused?.status, 'failed');
      t.equal(refused?.error?.code, 'BACKUP_TARGET_MISSING');
      now = new Date('2026-12-03T11:31:30.000Z');
      t.equal(await svc.tick(), null, 'not retried in a loop');
      t.ok(await database.db.knex('audit_log').where({ action: 'backup.refused', actor_login: 'lich-sao-luu' }).first(), 'the refusal is audited');
    });
  });
}
