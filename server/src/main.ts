import { loadConfig, ConfigError } from './config/config.js';
import { startAppliance } from './server.js';

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
  const appliance = await startAppliance(config);
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
