import { loadConfig, ConfigError } from './config/config.js';
import { startAppliance, type RunningAppliance } from './server.js';
import { guardedStart } from '../../appliance/src/updates/guarded-start.js';
import { migrationSource } from './db/migrations/index.js';
import { VERSION } from './services.js';

/** Process entry: validate the configuration once, start, and stop cleanly on a signal. */
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  // Updates without losing data: a backup before new migrations run, restored if the start fails.
  const newest = (await migrationSource.getMigrations([])).at(-1) ?? 'none';
  let appliance!: RunningAppliance;
  await guardedStart({
    dataDir: config.dataDir,
    version: `${VERSION}+${newest}`,
    databases: config.databaseUrl ? [] : ['phonghoc.sqlite'],
    log: (m) => console.log(`[update] ${m}`),
    start: async () => {
      appliance = await startAppliance(config);
    },
  });
  const log = appliance.http?.log ?? appliance.https?.log;
  log?.info(`Phonghoc: kiosk http://${config.http.host}:${config.http.port}  LAN https://${config.publicHostname}:${config.https.port}  data ${config.dataDir}`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log?.info(`${signal}: stopping`);
      appliance.close().then(() => process.exit(0), () => process.exit(1));
    });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
