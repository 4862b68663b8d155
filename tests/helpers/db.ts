import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import knexFactory from 'knex';
import { openDatabase, migrate, type Database } from '../../server/src/db/database.js';

export type Dialect = 'sqlite' | 'postgres';

/**
 * The dialects a data-layer or API test runs against. PostgreSQL comes from scripts/test.mjs
 * (a real cluster); under the full suite its absence is a failure, never a silent skip.
 */
export function dialects(): Dialect[] {
  if (process.env.PHONGHOC_TEST_PG_URL) return ['sqlite', 'postgres'];
  if (process.env.PHONGHOC_TEST_REQUIRE_ALL) throw new Error('PHONGHOC_TEST_PG_URL is not set: run the suite with `npm test`');
  return ['sqlite'];
}

export interface TestDatabase {
  db: Database;
  dataDir: string;
  cleanup(): Promise<void>;
}

/** A fresh, migrated database: a SQLite file in a temp folder, or a new PostgreSQL database. */
export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phonghoc-test-'));
  let databaseUrl: string | undefined;
  let drop: (() => Promise<void>) | undefined;
  if (dialect === 'postgres') {
    const admin = process.env.PHONGHOC_TEST_PG_URL;
    if (!admin) throw new Error('PHONGHOC_TEST_PG_URL is not set');
    const name = `phonghoc_test_${randomBytes(6).toString('hex')}`;
    const k = knexFactory({ client: 'pg', connection: admin, pool: { min: 0, max: 1 } });
    await k.raw(`create database ${name}`);
    await k.destroy();
    databaseUrl = admin.replace(/\/[^/]*$/, `/${name}`);
    drop = async () => {
      const k2 = knexFactory({ client: 'pg', connection: admin, pool: { min: 0, max: 1 } });
      await k2.raw(`drop database if exists ${name} with (force)`);
      await k2.destroy();
    };
  }
  const db = openDatabase({ dataDir, databaseUrl });
  await migrate(db);
  return {
    db,
    dataDir,
    async cleanup() {
      await db.close();
      await drop?.();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
