import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { migrationSource } from './migrations/index.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  knex: Knex;
  dialect: Dialect;
  /** The SQLite file, when embedded. */
  file: string | undefined;
  close(): Promise<void>;
}

/**
 * Opens the database: the embedded SQLite file under the data directory by default, PostgreSQL
 * when a URL is given. SQLite runs on one connection (WAL, foreign keys, busy timeout): every
 * query is serialized, so transactions stay short.
 */
export function openDatabase(opts: { dataDir: string; databaseUrl?: string | undefined }): Database {
  if (opts.databaseUrl) {
    const knex = knexFactory({
      client: 'pg',
      connection: opts.databaseUrl,
      pool: { min: 0, max: 10 },
    });
    return { knex, dialect: 'postgres', file: undefined, close: () => knex.destroy() };
  }
  fs.mkdirSync(opts.dataDir, { recursive: true, mode: 0o750 });
  const file = path.join(opts.dataDir, 'phonghoc.sqlite');
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: { pragma(sql: string): unknown }, done: (err: Error | null, conn: unknown) => void) {
        try {
          conn.pragma('journal_mode = WAL');
          // NORMAL in WAL mode: a power cut may lose the last commits but never corrupts the file;
          // the records archive (Art. 8) adds its own hash chain on top.
          conn.pragma('synchronous = NORMAL');
          conn.pragma('foreign_keys = ON');
          conn.pragma('busy_timeout = 5000');
          done(null, conn);
        } catch (err) {
          done(err as Error, conn);
        }
      },
    },
  });
  return { knex, dialect: 'sqlite', file, close: () => knex.destroy() };
}

/** Runs the forward-only migrations; returns the names applied now. */
export async function migrate(db: Database): Promise<string[]> {
  // SQLite cannot switch foreign keys inside a transaction; our migrations only create tables,
  // so one transaction per migration is safe on both dialects.
  const [, applied] = (await db.knex.migrate.latest({ migrationSource })) as [number, string[]];
  return applied;
}

/** Current time as the ISO text the schema stores. */
export function nowIso(): string {
  return new Date().toISOString();
}
