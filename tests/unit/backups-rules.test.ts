import t from 'tap';
import {
  backupName, backupsToPrune, BACKUP_FORMAT, BACKUP_NAME, canonicalRow, compareTables, isSafeRelativePath, latestSlot,
  manifestProblems, nextSlot, scheduleDue, tableHash, validateBackupSettings, DEFAULT_BACKUP_SETTINGS, type SchoolBackupManifest,
} from '../../server/src/domain/backups/backup-rules.js';
import { isDomainError } from '../../server/src/domain/shared/errors.js';

const H = 'a'.repeat(64);

t.test('table hash: order-independent, sensitive to any change of content', async (t) => {
  const rows = [
    { id: 1, name: 'Nguyễn Văn An', score: 8.5, note: null },
    { id: 2, name: 'Trần Thị Bình', score: 7, note: 'vắng' },
    { id: 3, name: 'Lê Đức', score: 10, note: null },
  ];
  const base = tableHash(rows);
  t.equal(base.rows, 3);
  t.match(base.sha256, /^[0-9a-f]{64}$/);
  t.same(tableHash([...rows].reverse()), base, 'row order does not matter');
  t.same(tableHash(rows.map((r) => ({ note: r.note, score: r.score, name: r.name, id: r.id }))), base, 'column order does not matter');
  t.not(tableHash([rows[0]!, rows[1]!]).sha256, base.sha256, 'a deleted row changes it');
  t.not(tableHash([...rows, rows[2]!]).sha256, base.sha256, 'a duplicated row changes it');
  t.not(tableHash([rows[0]!, rows[1]!, { ...rows[2]!, score: 9 }]).sha256, base.sha256, 'a changed value changes it');
  t.not(tableHash([rows[0]!, rows[1]!, { ...rows[2]!, note: '' }]).sha256, base.sha256, 'null and empty text differ');
  t.not(tableHash([rows[0]!, rows[1]!, { ...rows[2]!, id: '3' }]).sha256, base.sha256, 'the number 3 and the text "3" differ');
  t.not(tableHash([rows[0]!, rows[1]!, { ...rows[2]!, name: 'Le Duc' }]).sha256, base.sha256, 'diacritics count');
  // Two rows swapping a value keeps the multiset of values per column but not the rows.
  t.not(tableHash([{ a: 1, b: 2 }, { a: 3, b: 4 }]).sha256, tableHash([{ a: 1, b: 4 }, { a: 3, b: 2 }]).sha256, 'values moved between rows are seen');
  t.equal(tableHash([]).rows, 0);
  t.not(tableHash([]).sha256, tableHash([{ id: 1 }]).sha256);
  t.equal(canonicalRow({ b: Buffer.from([1, 255]), a: 12n }), '[["a",{"$int":"12"}],["b",{"$bytes":"01ff"}]]', 'bytes and big integers are tagged');
});

t.test('compareTables names what differs', async (t) => {
  const a = [{ name: 'people', rows: 3, sha256: H }, { name: 'classes', rows: 2, sha256: 'b'.repeat(64) }];
  t.same(compareTables(a, a), []);
  t.same(compareTables(a, [{ name: 'people', rows: 2, sha256: H }, { name: 'extra', rows: 0, sha256: H }]), [
    'people: 2 rows, expected 3', 'classes: missing', 'extra: not in the backup',
  ]);
  t.same(compareTables(a, [{ name: 'people', rows: 3, sha256: 'c'.repeat(64) }, a[1]!]), ['people: content differs']);
});

t.test('paths in a manifest must stay inside the backup', async (t) => {
  for (const ok of ['phonghoc.sqlite', 'materials/12/abc.pdf', 'tls/ca.key', 'h5p/content/3/content.json', '.hidden/x']) t.ok(isSafeRelativePath(ok), ok);
  for (const bad of ['', '/etc/passwd', '../x', 'a/../../x', 'a//b', './a', 'a/.', 'a\\..\\b', 'a\0b']) t.notOk(isSafeRelativePath(bad), JSON.stringify(bad));
});

t.test('manifest shape', async (t) => {
  const good: SchoolBackupManifest = {
    format: BACKUP_FORMAT, name: 'phonghoc-backup-20261128T120000Z', takenAt: '2026-11-28T12:00:00.000Z', durationMs: 10, trigger: 'manual',
    version: '0.1.0', host: 'box', includesRecordings: false, excluded: [], skipped: [], totals: { files: 2, bytes: 20 },
    database: { path: 'phonghoc.sqlite', size: 10, sha256: H, mode: 0o644, engine: 'sqlite', integrity: 'ok', tables: [{ name: 'people', rows: 1, sha256: H }] },
    files: [{ path: 'tls/ca.key', size: 10, sha256: H, mode: 0o600 }],
  };
  t.same(manifestProblems(good), []);
  t.match(manifestProblems({ ...good, format: 'x' }), [/unknown format/]);
  t.match(manifestProblems({ ...good, files: [{ path: '../../etc/cron.d/x', size: 1, sha256: H, mode: 0o644 }] }), [/unsafe path/]);
  t.match(manifestProblems({ ...good, files: [{ path: 'phonghoc.sqlite', size: 1, sha256: H, mode: 0o644 }] }), [/listed twice/]);
  t.match(manifestProblems({ ...good, files: [{ path: 'a', size: -1, sha256: 'xyz', mode: 0o4755 }] }), [/sha256/, /size/, /mode/]);
  t.match(manifestProblems({ ...good, database: { ...good.database!, tables: [{ name: 'x', rows: 1.5, sha256: H }] } }), [/table/]);
  t.same(manifestProblems(null), ['manifest: not an object']);
});

t.test('settings', async (t) => {
  t.same(validateBackupSettings({ ...DEFAULT_BACKUP_SETTINGS, target: '/media/usb0/' }).target, '/media/usb0');
  const code = (v: Parameters<typeof validateBackupSettings>[0]) => {
    try {
      validateBackupSettings(v);
      return 'ok';
    } catch (err) {
      return isDomainError(err) ? `${err.code}:${String(err.details?.field ?? '')}` : 'other';
    }
  };
  t.equal(code({ ...DEFAULT_BACKUP_SETTINGS, time: '24:00' }), 'VALIDATION_FAILED:time');
  t.equal(code({ ...DEFAULT_BACKUP_SETTINGS, keep: 0 }), 'VALIDATION_FAILED:keep');
  t.equal(code({ ...DEFAULT_BACKUP_SETTINGS, target: 'media/usb' }), 'VALIDATION_FAILED:target');
  t.equal(code({ ...DEFAULT_BACKUP_SETTINGS, enabled: true, target: '' }), 'BACKUP_TARGET_NOT_SET:');
  t.equal(code({ ...DEFAULT_BACKUP_SETTINGS, enabled: true, target: '/mnt/nas' }), 'ok');
});

t.test('the daily schedule in school time (UTC+7)', async (t) => {
  // 18:30 in Vietnam is 11:30 UTC.
  t.equal(latestSlot('18:30', new Date('2026-11-28T11:30:00Z')).toISOString(), '2026-11-28T11:30:00.000Z');
  t.equal(latestSlot('18:30', new Date('2026-11-28T11:29:59Z')).toISOString(), '2026-11-27T11:30:00.000Z');
  t.equal(nextSlot('18:30', new Date('2026-11-28T11:29:59Z')).toISOString(), '2026-11-28T11:30:00.000Z');
  // 06:00 Vietnam on the 29th is 23:00 UTC on the 28th.
  t.equal(latestSlot('06:00', new Date('2026-11-28T23:10:00Z')).toISOString(), '2026-11-28T23:00:00.000Z');
  t.equal(latestSlot('00:00', new Date('2026-11-28T17:00:00Z')).toISOString(), '2026-11-28T17:00:00.000Z', 'midnight in Vietnam');

  const s = { ...DEFAULT_BACKUP_SETTINGS, enabled: true, target: '/media/usb0', time: '18:30' };
  const savedAt = '2026-11-28T02:00:00.000Z'; // 09:00 in Vietnam
  t.equal(scheduleDue(s, new Date('2026-11-28T11:29:00Z'), null, savedAt), null, 'not before the time');
  t.equal(scheduleDue(s, new Date('2026-11-28T11:30:20Z'), null, savedAt)?.toISOString(), '2026-11-28T11:30:00.000Z', 'fires at the time');
  t.equal(scheduleDue(s, new Date('2026-11-28T11:31:00Z'), '2026-11-28T11:30:00.000Z', savedAt), null, 'once per slot');
  t.equal(scheduleDue(s, new Date('2026-11-29T11:30:00Z'), '2026-11-28T11:30:00.000Z', savedAt)?.toISOString(), '2026-11-29T11:30:00.000Z', 'again the next day');
  t.equal(scheduleDue(s, new Date('2026-11-28T12:00:00Z'), null, '2026-11-28T11:45:00.000Z'), null, 'saving after today\'s time does not fire it at once');
  t.equal(scheduleDue(s, new Date('2026-11-29T01:00:00Z'), '2026-11-27T11:30:00.000Z', savedAt)?.toISOString(), '2026-11-28T11:30:00.000Z', 'a box off at the time catches up once');
  t.equal(scheduleDue({ ...s, enabled: false }, new Date('2026-11-28T11:30:20Z'), null, savedAt), null, 'off');
});

t.test('names and pruning', async (t) => {
  const n = backupName(new Date('2026-11-28T12:34:56.789Z'));
  t.equal(n, 'phonghoc-backup-20261128T123456789Z');
  t.match(n, BACKUP_NAME);
  t.notMatch('phonghoc-backup-20261128T123456789Z.partial', BACKUP_NAME);
  t.notMatch('../phonghoc-backup-20261128T123456Z', BACKUP_NAME);
  const names = ['phonghoc-backup-20261101T000000000Z', 'phonghoc-backup-20261103T000000000Z', 'phonghoc-backup-20261102T000000000Z', 'phonghoc-backup-20261104T000000000Z'];
  t.same(backupsToPrune(names, 2), ['phonghoc-backup-20261102T000000000Z', 'phonghoc-backup-20261101T000000000Z'], 'the oldest go');
  t.same(backupsToPrune(names, 10), []);
  t.same(backupsToPrune(names, 0).length, 3, 'at least one is always kept');
  t.same(backupsToPrune(names, 1, 'phonghoc-backup-20261101T000000000Z'), ['phonghoc-backup-20261103T000000000Z', 'phonghoc-backup-20261102T000000000Z'], 'the protected one stays');
});
