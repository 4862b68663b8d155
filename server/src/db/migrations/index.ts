import type { Knex } from 'knex';
import * as m0001 from './0001_school_structure.js';
import * as m0002 from './0002_accounts_audit.js';
import * as m0003 from './0003_live_lessons.js';
import * as m0004 from './0004_device_health.js';
import * as m0005 from './0005_cameras_kiosk.js';
import * as m0006 from './0006_school_settings.js';
import * as m0007 from './0007_curriculum.js';
import * as m0016 from './0016_school_boxes.js';
import * as m0010 from './0010_h5p.js';
import * as m0009 from './0009_materials.js';
import * as m0013 from './0013_tasks.js';
import * as m0014 from './0014_gradebook.js';
import * as m0011 from './0011_question_bank.js';
import * as m0015 from './0015_qa_progress.js';
import * as m0012 from './0012_quizzes.js';
import * as m0019 from './0019_records_archive.js';
import * as m0021 from './0021_parents.js';
import * as m0017 from './0017_teaching_plans.js';
import * as m0018 from './0018_notices.js';
import * as m0022 from './0022_public_disclosure.js';
import * as m0020 from './0020_reports.js';

/**
 * The migrations, listed in code rather than read from a folder, so the same list works from
 * TypeScript (tests) and from the compiled build. Forward-only: never edit one that has shipped.
 */
const MIGRATIONS: Record<string, Knex.Migration> = {
  '0001_school_structure': m0001,
  '0002_accounts_audit': m0002,
  '0003_live_lessons': m0003,
  '0004_device_health': m0004,
  '0005_cameras_kiosk': m0005,
  '0006_school_settings': m0006,
  '0007_curriculum': m0007,
  '0016_school_boxes': m0016,
  '0010_h5p': m0010,
  '0009_materials': m0009,
  '0013_tasks': m0013,
  '0014_gradebook': m0014,
  '0011_question_bank': m0011,
  '0015_qa_progress': m0015,
  '0012_quizzes': m0012,
  '0019_records_archive': m0019,
  '0021_parents': m0021,
  '0017_teaching_plans': m0017,
  '0018_notices': m0018,
  '0022_public_disclosure': m0022,
  '0020_reports': m0020,
};

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(MIGRATIONS).sort(),
  getMigrationName: (name) => name,
  getMigration: async (name) => {
    const m = MIGRATIONS[name];
    if (!m) throw new Error(`unknown migration ${name}`);
    return m;
  },
};
