import { parseArgs } from 'node:util';
import { loadConfig, ConfigError } from './config/config.js';
import { openDatabase, migrate } from './db/database.js';
import { seedDemoSchool } from './db/seed-demo.js';
import { seedDemoH5p } from './db/seed-demo-h5p.js';
import { buildServices } from './services.js';
import { DEMO_PASSWORD } from './domain/demo/demo-school.js';
import { isDomainError } from './domain/shared/errors.js';
import { ERRORS } from './contracts/error-codes.js';
import type { SchoolLevel } from './domain/school/school.types.js';
import { restoreSchoolBackup, RestoreError } from './data/backup-engine.js';
import { verifyExportFiles } from './domain/archive/export-verify.js';
import { readPackageFiles } from './data/archive-package-files.js';

const HELP = `Phonghoc — công cụ dòng lệnh / command line

  phonghoc migrate                 chạy migration cơ sở dữ liệu / run database migrations
  phonghoc demo                    tạo trường mẫu nếu chưa có trường / seed the demo school if none exists
  phonghoc first-run --school-name "…" --moet-code … --level lower_secondary --province "…"
                     --district-office "…" --principal-id … --principal-name "…"
                                   khởi tạo trường và hiệu trưởng (mật khẩu: biến PHONGHOC_PRINCIPAL_PASSWORD)
                                   create the school and the principal (password from PHONGHOC_PRINCIPAL_PASSWORD)
  phonghoc reset-password <mã định danh>
                                   cấp mật khẩu tạm / issue a temporary password
  phonghoc restore --from <thư mục bản sao lưu> [--data-dir <thư mục dữ liệu>]
                                   khôi phục bản sao lưu vào thư mục dữ liệu TRỐNG (máy mới): kiểm tra mã băm
                                   trước, rồi số dòng và mã băm từng bảng sau / restore a backup onto an EMPTY
                                   data directory (a fresh box): hashes checked first, tables after
  phonghoc archive verify          kiểm tra chuỗi hồ sơ lưu trữ (Điều 8.2); mã thoát 1 nếu có liên kết hỏng
                                   check the records archive's hash chain; exit code 1 on a broken link
  phonghoc archive verify-export <tệp .zip hoặc thư mục> [--expect-head <mã niêm phong>]
                                   kiểm tra gói hồ sơ đã xuất, không cần cơ sở dữ liệu
                                   check an exported archive package, without the database
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(HELP);
    return 0;
  }
  // Before the database is opened: opening it would create a file in the empty data directory.
  if (command === 'restore') return restore(rest);
  // A package is checked on any machine: no configuration, no database.
  if (command === 'archive' && rest[0] === 'verify-export') return verifyExport(rest.slice(1));
  const config = loadConfig();
  const db = openDatabase(config);
  try {
    await migrate(db);
    const services = buildServices(config, db);
    const actor = { accountId: null, login: 'cli', ip: null };
    switch (command) {
      case 'migrate':
        console.log('Cơ sở dữ liệu đã cập nhật / database is up to date');
        return 0;
      case 'demo': {
        if ((await services.setup.status()).setUp) {
          console.log('Trường đã có dữ liệu, không tạo trường mẫu / a school exists already: demo not seeded');
          return 0;
        }
        const t0 = Date.now();
        const demo = await seedDemoSchool(db.knex, services.hasher);
        console.log(`Đã tạo trường mẫu / demo school created: ${demo.school.name} — ${demo.students.length} học sinh, ${demo.staff.length} cán bộ, ${demo.classes.length} lớp (${Date.now() - t0} ms)`);
        console.log(`Mật khẩu chung / shared password: ${DEMO_PASSWORD}`);
        for (const a of demo.demoCredentials.accounts) console.log(`  ${a.login.padEnd(22)} ${a.fullName} — ${a.description}`);
        // H5P demo content writes files, so it comes after the seeding transaction (Art. 9.3).
        const h5p = await seedDemoH5p(db.knex, services.h5p);
        if (h5p) console.log(`Nội dung H5P mẫu / demo H5P content: ${h5p.contentIds.length} (giao cho lớp / assigned: ${h5p.activityIds.length})`);
        return 0;
      }
      case 'first-run': {
        const { values } = parseArgs({
          args: rest,
          options: {
            'school-name': { type: 'string' }, 'moet-code': { type: 'string' }, level: { type: 'string', default: 'lower_secondary' },
            province: { type: 'string' }, 'district-office': { type: 'string' }, 'principal-id': { type: 'string' }, 'principal-name': { type: 'string' },
          },
        });
        const password = process.env.PHONGHOC_PRINCIPAL_PASSWORD;
        const missing = ['school-name', 'moet-code', 'province', 'district-office', 'principal-id', 'principal-name'].filter((k) => !values[k as keyof typeof values]);
        if (missing.length || !password) {
          console.error(`Thiếu / missing: ${[...missing.map((m) => `--${m}`), ...(password ? [] : ['PHONGHOC_PRINCIPAL_PASSWORD'])].join(', ')}`);
          return 64;
        }
        const r = await services.setup.firstRun({
          school: { name: values['school-name']!, moetCode: values['moet-code']!, level: values.level as SchoolLevel, province: values.province!, districtOffice: values['district-office']! },
          principal: { personalId: values['principal-id']!, fullName: values['principal-name']!, gender: null, birthDate: null, phone: null, email: null, password },
        }, null);
        console.log(`Đã khởi tạo trường / school created (id ${r.schoolId}); hiệu trưởng đăng nhập bằng / the principal signs in as ${values['principal-id']!.toUpperCase()}`);
        return 0;
      }
      case 'reset-password': {
        const login = rest[0];
        if (!login) {
          console.error('reset-password <mã định danh>');
          return 64;
        }
        const account = await services.tx.repos.accounts.findByLogin(login.toUpperCase());
        if (!account) {
          console.error(`Không có tài khoản / no account: ${login}`);
          return 1;
        }
        const r = await services.accounts.resetPassword(actor, account.personId);
        console.log(`${r.login}: mật khẩu tạm / temporary password: ${r.temporaryPassword}`);
        return 0;
      }
      case 'archive': {
        if (rest[0] !== 'verify') {
          console.error('archive verify | archive verify-export <zip|folder>');
          return 64;
        }
        const v = await services.archive.verify();
        if (v.ok) {
          console.log(`Chuỗi hồ sơ nguyên vẹn / the chain is intact: ${v.count} bản ghi, đầu chuỗi / head #${v.head.seq} ${v.head.hash}`);
          for (const s of v.seals) console.log(`  niêm phong học kì / sealed semester ${s.semesterId}: #${s.headSeq} nguyên vẹn / intact`);
          return 0;
        }
        if (v.firstBreak) console.error(`CHUỖI HỒ SƠ BỊ ĐỨT tại bản ghi số ${v.firstBreak.seq} / CHAIN BROKEN at record ${v.firstBreak.seq}: ${v.firstBreak.reason}${v.firstBreak.expected !== undefined ? ` (expected ${v.firstBreak.expected}, found ${v.firstBreak.found})` : ''}`);
        for (const s of v.seals.filter((x) => !x.intact)) console.error(`  NIÊM PHONG HỎNG / SEAL BROKEN: học kì ${s.semesterId}, bản ghi #${s.headSeq}`);
        return 1;
      }
      default:
        console.error(`Lệnh không rõ / unknown command: ${command}\n\n${HELP}`);
        return 64;
    }
  } finally {
    await db.close();
  }
}

/** `phonghoc archive verify-export <zip|folder> [--expect-head <hash>]` (Art. 8.2): the box's own rules, not the package's verify.mjs. */
async function verifyExport(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'expect-head': { type: 'string' } } });
  if (!positionals[0]) {
    console.error('archive verify-export <tệp .zip hoặc thư mục / zip or folder> [--expect-head <hash>]');
    return 64;
  }
  const v = verifyExportFiles(await readPackageFiles(positionals[0]), values['expect-head'] ? { expectHead: values['expect-head'] } : {});
  if (v.ok) {
    console.log(`HỢP LỆ / VALID: ${v.files} tệp, ${v.records} bản ghi; niêm phong / seal #${v.headSeq} ${v.headHash}`);
    return 0;
  }
  console.error('KHÔNG HỢP LỆ / NOT VALID');
  for (const p of v.problems) console.error(`  - ${p}`);
  return 1;
}

/** `phonghoc restore --from <backup> [--data-dir <dir>]` (issue 5, point 8): onto an empty data directory only. */
async function restore(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { from: { type: 'string' }, 'data-dir': { type: 'string' } } });
  if (!values.from) {
    console.error('restore --from <thư mục bản sao lưu / backup folder> [--data-dir <thư mục dữ liệu / data directory>]');
    return 64;
  }
  const config = loadConfig();
  if (config.databaseUrl && !values['data-dir']) {
    console.error('DATABASE_URL (PostgreSQL) đang đặt: bản sao lưu chứa cơ sở dữ liệu SQLite. Khôi phục PostgreSQL bằng pg_restore (README) / DATABASE_URL is set: this backup holds a SQLite database; restore PostgreSQL with pg_restore (README)');
    return 78;
  }
  const dataDir = values['data-dir'] ?? config.dataDir;
  const t0 = Date.now();
  try {
    const r = await restoreSchoolBackup({ from: values.from, dataDir, log: (line) => console.log(line) });
    const rows = r.tables.reduce((s, t) => s + t.rows, 0);
    console.log(`Đã khôi phục / restored ${r.name} (${r.takenAt}) vào / into ${dataDir}: ${r.files} tệp / files, ${(r.bytes / 1e6).toFixed(1)} MB, ${r.tables.length} bảng / tables, ${rows} dòng / rows — số dòng và mã băm từng bảng khớp / every table's row count and hash match (${Date.now() - t0} ms)`);
    return 0;
  } catch (err) {
    if (!(err instanceof RestoreError)) throw err;
    console.error(`Không khôi phục / not restored: ${err.message}`);
    for (const p of err.problems.slice(0, 50)) console.error(`  - ${p}`);
    return 65; // EX_DATAERR
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    if (err instanceof ConfigError) console.error(err.message);
    else if (isDomainError(err)) console.error(`${err.code}: ${ERRORS[err.code].vi} / ${ERRORS[err.code].en}`);
    else console.error(err);
    process.exit(err instanceof ConfigError ? 78 : 1);
  },
);
