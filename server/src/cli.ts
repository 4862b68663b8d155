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

const HELP = `Phonghoc — công cụ dòng lệnh / command line

  phonghoc migrate                 chạy migration cơ sở dữ liệu / run database migrations
  phonghoc demo                    tạo trường mẫu nếu chưa có trường / seed the demo school if none exists
  phonghoc first-run --school-name "…" --moet-code … --level lower_secondary --province "…"
                     --district-office "…" --principal-id … --principal-name "…"
                                   khởi tạo trường và hiệu trưởng (mật khẩu: biến PHONGHOC_PRINCIPAL_PASSWORD)
                                   create the school and the principal (password from PHONGHOC_PRINCIPAL_PASSWORD)
  phonghoc reset-password <mã định danh>
                                   cấp mật khẩu tạm / issue a temporary password
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(HELP);
    return 0;
  }
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
      default:
        console.error(`Lệnh không rõ / unknown command: ${command}\n\n${HELP}`);
        return 64;
    }
  } finally {
    await db.close();
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
