import fs from 'node:fs';
import type { AppConfig } from './config/config.js';
import type { Database } from './db/database.js';
import { KnexTransactor } from './data/transactor.js';
import { Argon2Hasher } from './data/argon2-hasher.js';
import { AccountService } from './domain/accounts/account.service.js';
import type { PasswordHasher } from './domain/accounts/account.types.js';
import type { AuditLog } from './domain/audit/audit-log.js';
import { HealthService } from './domain/health/health.service.js';
import { PasswordSlipService } from './domain/accounts/password-slips.js';
import { HomeService } from './domain/home/home.service.js';
import { PeopleService } from './domain/people/people.service.js';
import { RosterService } from './domain/roster/roster.service.js';
import { SchoolService } from './domain/school/school.service.js';
import { SetupService } from './domain/setup/setup.service.js';
import { readTable, writeWorkbook } from './data/spreadsheet.js';
import { workerBuildInfo } from '../../media/src/worker-binary.js';

/** Every service the routes use, built once from the configuration and the database. */
export interface Services {
  tx: KnexTransactor;
  hasher: PasswordHasher;
  accounts: AccountService;
  audit: AuditLog;
  school: SchoolService;
  people: PeopleService;
  roster: RosterService;
  setup: SetupService;
  home: HomeService;
  passwordSlips: PasswordSlipService;
  health: HealthService;
}

const VERSION = readVersion();

export function buildServices(config: Pick<AppConfig, 'dataDir' | 'sessionIdleMinutes'>, db: Database, hasher: PasswordHasher = new Argon2Hasher()): Services {
  const tx = new KnexTransactor(db.knex);
  const audit = tx.repos.audit;
  const accounts = new AccountService({ accounts: tx.repos.accounts, sessions: tx.repos.sessions, hasher, audit, idleMinutes: config.sessionIdleMinutes });
  return {
    tx,
    hasher,
    accounts,
    audit,
    school: new SchoolService(tx),
    people: new PeopleService(tx),
    roster: new RosterService(tx, { readTable, writeWorkbook }),
    setup: new SetupService(tx, hasher),
    home: new HomeService(tx),
    passwordSlips: new PasswordSlipService(tx, hasher, { readTable, writeWorkbook }),
    health: new HealthService({
      dialect: db.dialect,
      version: VERSION,
      pingDatabase: async () => { await db.knex.raw('select 1'); },
      diskUsage: async () => {
        const s = await fs.promises.statfs(config.dataDir);
        return { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
      },
      mediaWorker: () => {
        const info = workerBuildInfo();
        return { workerBinary: info.exists, linkedOpenSsl: info.linkedOpenSsl };
      },
      schoolSetUp: async () => !!(await tx.repos.school.getSchool()),
    }),
  };
}

function readVersion(): string {
  let dir = new URL('.', import.meta.url).pathname;
  for (let i = 0; i < 6; i++) {
    try {
      return (JSON.parse(fs.readFileSync(`${dir}/package.json`, 'utf8')) as { version: string }).version;
    } catch {
      dir = `${dir}/..`;
    }
  }
  return 'unknown';
}
