#!/usr/bin/env node
/**
 * phonghoc-fleet: the IT operator's provisioning tool (balena fleet per district, one configured
 * OS image per box, variables, status). Wraps the balena CLI found on PATH; see
 * provisioning/README.md.
 *
 *   node --import tsx provisioning/src/phonghoc-fleet.ts <command> [options]
 *   node dist/provisioning/src/phonghoc-fleet.js <command> [options]     (after npm run build)
 */
import { runFleetCommand } from './fleet-commands.js';

const code = await runFleetCommand(process.argv.slice(2), {
  env: process.env,
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  cwd: process.cwd(),
});
process.exitCode = code;
