/**
 * The IT operator's provisioning commands (phonghoc-fleet), each a short sequence of balena CLI
 * steps. Inputs are validated before the first step; `--dry-run` prints the steps without running.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BalenaCli, StepFailedError, UsageError, type Io } from './balena-cli.js';
import { KNOWN_VARIABLES, maskValue, validateAssignments } from './appliance-variables.js';
import { stageRelease } from './release-stage.js';

/** Device types the release is built for (balena.yml supportedDeviceTypes). */
export const SUPPORTED_DEVICE_TYPES = ['generic-amd64', 'intel-nuc', 'genericx86-64-ext'];
export const DEFAULT_DEVICE_TYPE = 'generic-amd64';
export const FLEET_PREFIX = 'phonghoc-';
export const SERVICES = ['server', 'kiosk', 'turn'];

const SLUG = /^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/;
const FLEET = /^([a-z0-9][a-z0-9_-]{0,62}\/)?[a-z0-9][a-z0-9_-]{0,98}$/i;
const SCHOOL_CODE = /^[A-Za-z0-9._-]{2,40}$/;
const HOST_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const UUID = /^[0-9a-f]{32}([0-9a-f]{30})?$/;
const OS_VERSION = /^v?\d+\.\d+\.\d+([+.-][0-9A-Za-z.+-]*)?$/;

/** Vietnamese text → ASCII slug: "Phòng Tin học 2" → "phong-tin-hoc-2". */
export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The device name convention: `<school code>-<room slug>` (set when the image is configured). */
export function deviceName(schoolCode: string, room: string): string {
  return `${schoolCode}-${slugify(room)}`;
}

export const USAGE = `phonghoc-fleet — cấp phát hộp Phonghoc qua balena / provisioning Phonghoc boxes with balena

  create-fleet     --district <slug> [--org <handle>] [--device-type ${DEFAULT_DEVICE_TYPE}]
  configure-image  --fleet <org/fleet> --image <os.img> --os-version <x.y.z> --school-code <code>
                   --hostname <name> [--room <name>] [--wifi-ssid <ssid> --wifi-key <key>] [--device-type <type>]
  preload          --fleet <org/fleet> --image <os.img> [--commit <sha>|current] [--pin] [--splash-image <png>]
  register-device  --fleet <org/fleet> --uuid <uuid> [--device-type <type>]
  set-vars         (--fleet <org/fleet> | --device <uuid> | --fleet <org/fleet> --school <code> --room <name>)
                   [--service server|kiosk|turn] KEY=VALUE…
  status           --fleet <org/fleet>
  push             --fleet <org/fleet> [--source <repository>] [--note <text>]

  Every command: --dry-run (print the balena steps, run nothing), --help.
  The balena CLI must be on PATH and logged in (balena login).
`;

type Values = Record<string, string | boolean | undefined>;

function parse(args: string[], options: Record<string, { type: 'string' | 'boolean' }>, positionals = false): { values: Values; positionals: string[] } {
  try {
    const r = parseArgs({ args, options: { ...options, 'dry-run': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: positionals, strict: true });
    return { values: r.values as Values, positionals: r.positionals };
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

function str(v: Values, name: string, required: boolean, pattern?: RegExp, what?: string): string | undefined {
  const value = v[name];
  if (value === undefined || value === '') {
    if (required) throw new UsageError(`--${name} is required`);
    return undefined;
  }
  if (typeof value !== 'string') throw new UsageError(`--${name} needs a value`);
  if (pattern && !pattern.test(value)) throw new UsageError(`--${name} "${value}" is not ${what ?? 'valid'}`);
  return value;
}

function deviceType(v: Values): string | undefined {
  const dt = str(v, 'device-type', false);
  if (dt !== undefined && !SUPPORTED_DEVICE_TYPES.includes(dt)) throw new UsageError(`--device-type ${dt} is not supported; use one of ${SUPPORTED_DEVICE_TYPES.join(', ')}`);
  return dt;
}

function existingFile(v: Values, name: string, cli: BalenaCli, io: Io): string {
  const file = path.resolve(io.cwd, str(v, name, true)!);
  if (!fs.existsSync(file)) {
    if (!cli.dryRun) throw new UsageError(`--${name} ${file} does not exist`);
    io.err(`warning: ${file} does not exist (dry run continues)\n`);
  }
  return file;
}

async function createFleet(args: string[], io: Io, dryRun: boolean): Promise<void> {
  const { values } = parse(args, { district: { type: 'string' }, org: { type: 'string' }, 'device-type': { type: 'string' } });
  const district = str(values, 'district', true)!;
  if (!SLUG.test(district)) throw new UsageError(`--district "${district}" is not a slug (lower-case letters, digits, dashes)${slugify(district) ? `; try "${slugify(district)}"` : ''}`);
  const org = str(values, 'org', false, /^[a-z0-9_-]+$/i, 'an organization handle');
  const type = deviceType(values) ?? DEFAULT_DEVICE_TYPE;
  const name = `${FLEET_PREFIX}${district}`;
  const cli = new BalenaCli(io, dryRun);
  cli.requireCli();
  await cli.run(['fleet', 'create', name, ...(org ? ['--organization', org] : []), '--type', type]);
  io.out(`\nFleet: ${org ? `${org}/${name}` : name}. Next: phonghoc-fleet push --fleet ${org ? `${org}/` : ''}${name}, then configure-image for each box.\n`);
}

async function configureImage(args: string[], io: Io, dryRun: boolean): Promise<void> {
  const { values } = parse(args, {
    fleet: { type: 'string' }, image: { type: 'string' }, 'os-version': { type: 'string' }, 'school-code': { type: 'string' },
    hostname: { type: 'string' }, room: { type: 'string' }, 'wifi-ssid': { type: 'string' }, 'wifi-key': { type: 'string' }, 'device-type': { type: 'string' },
  });
  const fleet = str(values, 'fleet', true, FLEET, 'a fleet (org/name)')!;
  const osVersion = str(values, 'os-version', true, OS_VERSION, 'a balenaOS version like 6.0.24')!;
  const schoolCode = str(values, 'school-code', true, SCHOOL_CODE, 'a school code (letters, digits, . _ -)')!;
  const hostname = str(values, 'hostname', true, HOST_LABEL, 'a host name (lower-case letters, digits, dashes; one label, it becomes <name>.local)')!;
  const room = str(values, 'room', false) ?? hostname;
  if (!slugify(room)) throw new UsageError(`--room "${room}" has no letters or digits`);
  const ssid = str(values, 'wifi-ssid', false);
  const key = str(values, 'wifi-key', false);
  if (key !== undefined && ssid === undefined) throw new UsageError('--wifi-key needs --wifi-ssid');
  if (key !== undefined && (key.length < 8 || key.length > 63)) throw new UsageError('--wifi-key must be 8–63 characters (WPA2)');
  if (ssid !== undefined && (ssid.length > 32 || ssid.length === 0)) throw new UsageError('--wifi-ssid must be 1–32 characters');
  const type = deviceType(values);
  const cli = new BalenaCli(io, dryRun);
  const image = existingFile(values, 'image', cli, io);
  cli.requireCli();

  const name = deviceName(schoolCode, room);
  // config.json carries the fleet's provisioning key: a private folder, removed afterwards.
  const tmp = dryRun ? path.join(os.tmpdir(), 'phonghoc-config-XXXXXX') : fs.mkdtempSync(path.join(os.tmpdir(), 'phonghoc-config-'));
  const configJson = path.join(tmp, 'config.json');
  try {
    const network = ssid !== undefined ? ['--network', 'wifi', '--wifiSsid', ssid, ...(key !== undefined ? ['--wifiKey', key] : [])] : ['--network', 'ethernet'];
    const generate = ['config', 'generate', '--fleet', fleet, '--version', osVersion, ...(type ? ['--deviceType', type] : []), ...network, '--initial-device-name', name, '--output', configJson];
    // Its stdout repeats the whole config.json, provisioning key and Wi-Fi key included: not echoed.
    await cli.run(generate, { display: generate.map((a, i) => (generate[i - 1] === '--wifiKey' ? '********' : a)), captureStdout: true });

    cli.note(`config.json: hostname = ${hostname} (the box answers as ${hostname}.local)`);
    if (!dryRun) {
      const cfg = JSON.parse(fs.readFileSync(configJson, 'utf8')) as Record<string, unknown>;
      cfg.hostname = hostname;
      fs.writeFileSync(configJson, JSON.stringify(cfg), { mode: 0o600 });
    }

    await cli.run(['os', 'configure', image, '--fleet', fleet, ...(type ? ['--device-type', type] : []), '--config', configJson]);
  } finally {
    if (!dryRun) fs.rmSync(tmp, { recursive: true, force: true });
  }
  io.out(`\nImage ready for ${name} (${hostname}.local). Flash it (balena local flash or Etcher); set PHONGHOC_HOSTNAME=${hostname}.local on the device once it appears.\n`);
}

async function preload(args: string[], io: Io, dryRun: boolean): Promise<void> {
  const { values } = parse(args, { fleet: { type: 'string' }, image: { type: 'string' }, commit: { type: 'string' }, pin: { type: 'boolean' }, 'splash-image': { type: 'string' } });
  const fleet = str(values, 'fleet', true, FLEET, 'a fleet (org/name)')!;
  const commit = str(values, 'commit', false, /^(current|latest|[0-9a-f]{7,40})$/, 'a release commit or "current"') ?? 'current';
  const cli = new BalenaCli(io, dryRun);
  const image = existingFile(values, 'image', cli, io);
  const splash = values['splash-image'] !== undefined ? existingFile(values, 'splash-image', cli, io) : undefined;
  if (splash && !splash.endsWith('.png')) throw new UsageError('--splash-image must be a .png file');
  cli.requireCli();
  await cli.run(
    ['preload', image, '--fleet', fleet, '--commit', commit, values.pin ? '--pin-device-to-release' : '--no-pin-device-to-release', ...(splash ? ['--splash-image', splash] : [])],
    { hint: 'balena preload needs Docker running on this workstation.' },
  );
  io.out('\nThe image now boots straight into the release, without a download on first start.\n');
}

async function registerDevice(args: string[], io: Io, dryRun: boolean): Promise<void> {
  const { values } = parse(args, { fleet: { type: 'string' }, uuid: { type: 'string' }, 'device-type': { type: 'string' } });
  const fleet = str(values, 'fleet', true, FLEET, 'a fleet (org/name)')!;
  const uuid = str(values, 'uuid', true, UUID, 'a device UUID (32 or 62 lower-case hex digits)')!;
  const type = deviceType(values);
  const cli = new BalenaCli(io, dryRun);
  cli.requireCli();
  await cli.run(['device', 'register', fleet, '--uuid', uuid, ...(type ? ['--deviceType', type] : [])]);
}

interface DeviceRow {
  uuid?: string;
  device_name?: string;
  status?: string;
  is_online?: boolean;
  os_version?: string | null;
  supervisor_version?: string | null;
  device_type?: string | null;
}

function parseDevices(json: string, command: string): DeviceRow[] {
  try {
    const parsed = JSON.parse(json) as unknown;
    if (Array.isArray(parsed)) return parsed as DeviceRow[];
  } catch {
    // fall through
  }
  throw new StepFailedError(command, 1, 'the CLI did not answer a JSON device list (is this balena CLI v22 or newer?)');
}

async function setVars(args: string[], io: Io, dryRun: boolean): Promise<void> {
  const { values, positionals } = parse(args, { fleet: { type: 'string' }, device: { type: 'string' }, school: { type: 'string' }, room: { type: 'string' }, service: { type: 'string' } }, true);
  const fleet = str(values, 'fleet', false, FLEET, 'a fleet (org/name)');
  const device = str(values, 'device', false, UUID, 'a device UUID');
  const school = str(values, 'school', false, SCHOOL_CODE, 'a school code');
  const room = str(values, 'room', false);
  const service = str(values, 'service', false);
  if (service !== undefined && !SERVICES.includes(service)) throw new UsageError(`--service must be one of ${SERVICES.join(', ')}`);
  if (device && (fleet || school || room)) throw new UsageError('give either --device <uuid>, or --fleet (with --school and --room for one box)');
  if (!device && !fleet) throw new UsageError('--fleet or --device is required');
  if ((school === undefined) !== (room === undefined)) throw new UsageError('--school and --room go together (they name one box)');
  if (positionals.length === 0) throw new UsageError('nothing to set: give KEY=VALUE pairs');

  const assignments: Array<[string, string]> = positionals.map((p) => {
    const eq = p.indexOf('=');
    if (eq <= 0) throw new UsageError(`"${p}" is not KEY=VALUE`);
    return [p.slice(0, eq), p.slice(eq + 1)];
  });
  const { errors, warnings } = validateAssignments(assignments);
  if (errors.length) throw new UsageError(`not sent to balena:\n  ${errors.join('\n  ')}`);
  for (const w of warnings) io.err(`warning: ${w}\n`);

  const cli = new BalenaCli(io, dryRun);
  cli.requireCli();
  let target: string[];
  if (device) {
    target = ['--device', device];
  } else if (school !== undefined && room !== undefined) {
    const wanted = deviceName(school, room);
    const list = ['device', 'list', '--fleet', fleet!, '--json'];
    const json = await cli.run(list, { captureStdout: true });
    let uuid = `<uuid of ${wanted}>`;
    if (!dryRun) {
      const devices = parseDevices(json, `balena ${list.join(' ')}`);
      const matches = devices.filter((d) => d.device_name === wanted);
      if (matches.length !== 1 || !matches[0]!.uuid) {
        const near = devices.filter((d) => d.device_name?.startsWith(`${school}-`)).map((d) => d.device_name);
        throw new UsageError(matches.length > 1
          ? `${matches.length} devices are named ${wanted} in ${fleet}; use --device <uuid>`
          : `no device named ${wanted} in ${fleet}${near.length ? ` (this school has: ${near.join(', ')})` : ''}`);
      }
      uuid = matches[0]!.uuid;
      io.out(`• ${wanted} is ${uuid}\n`);
    }
    target = ['--device', uuid];
  } else {
    target = ['--fleet', fleet!];
  }
  const scope = service ? ['--service', service] : [];
  for (const [name, value] of assignments) {
    const a = ['env', 'set', name, value, ...target, ...scope];
    await cli.run(a, { display: ['env', 'set', name, maskValue(name, value), ...target, ...scope] });
  }
  io.out(`\n${assignments.length} variable(s) set. Note: the Supervisor restarts the services to apply them — do this outside lesson time.\n`);
}

async function status(args: string[], io: Io, dryRun: boolean): Promise<void> {
  const { values } = parse(args, { fleet: { type: 'string' } });
  const fleet = str(values, 'fleet', true, FLEET, 'a fleet (org/name)')!;
  const cli = new BalenaCli(io, dryRun);
  cli.requireCli();
  const list = ['device', 'list', '--fleet', fleet, '--json'];
  const json = await cli.run(list, { captureStdout: true });
  if (dryRun) return;
  const devices = parseDevices(json, `balena ${list.join(' ')}`);
  const rows = devices.map((d) => [d.device_name ?? '?', (d.uuid ?? '').slice(0, 7), d.is_online ? 'online' : 'OFFLINE', d.status ?? '', d.os_version ?? '', d.supervisor_version ?? '']);
  const head = ['DEVICE', 'UUID', 'ONLINE', 'STATUS', 'OS', 'SUPERVISOR'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  io.out(`\n${line(head)}\n${rows.map(line).join('\n')}${rows.length ? '\n' : ''}`);
  const online = devices.filter((d) => d.is_online).length;
  io.out(`\n${fleet}: ${devices.length} box(es), ${online} online, ${devices.length - online} offline\n`);
}

async function push(args: string[], io: Io, dryRun: boolean): Promise<void> {
  const { values } = parse(args, { fleet: { type: 'string' }, source: { type: 'string' }, note: { type: 'string' } });
  const fleet = str(values, 'fleet', true, FLEET, 'a fleet (org/name)')!;
  const source = path.resolve(io.cwd, str(values, 'source', false) ?? '.');
  const note = str(values, 'note', false);
  const cli = new BalenaCli(io, dryRun);
  cli.requireCli();
  const stage = dryRun ? path.join(os.tmpdir(), 'phonghoc-release-XXXXXX') : fs.mkdtempSync(path.join(os.tmpdir(), 'phonghoc-release-'));
  try {
    cli.note(`stage ${source} → ${stage} (docker-compose.yml and balena.yml at its root)`);
    if (!dryRun) stageRelease(source, stage);
    await cli.run(['push', fleet, '--source', stage, ...(note ? ['--note', note] : [])]);
  } finally {
    if (!dryRun) fs.rmSync(stage, { recursive: true, force: true });
  }
}

const COMMANDS: Record<string, (args: string[], io: Io, dryRun: boolean) => Promise<void>> = {
  'create-fleet': createFleet,
  'configure-image': configureImage,
  preload,
  'register-device': registerDevice,
  'set-vars': setVars,
  status,
  push,
};

/** Runs one command; resolves the process exit code (0 ok, 2 usage, the CLI's code on a failed step). */
export async function runFleetCommand(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  const fn = COMMANDS[command];
  if (!fn) {
    io.err(`unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(USAGE);
    return 0;
  }
  const dryRun = rest.includes('--dry-run');
  try {
    await fn(rest, io, dryRun);
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`phonghoc-fleet ${command}: ${err.message}\n`);
      return 2;
    }
    if (err instanceof StepFailedError) {
      io.err(`\n✗ stopped: ${err.message}\n${err.hint ? `  hint: ${err.hint}\n` : ''}`);
      return err.exitCode || 1;
    }
    throw err;
  }
}

/** For tests and docs: the variable names set-vars accepts. */
export function settableVariables(): string[] {
  return Object.keys(KNOWN_VARIABLES).filter((k) => !KNOWN_VARIABLES[k]!.fixed);
}
