import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import { runFleetCommand } from '../../provisioning/src/fleet-commands.js';

/**
 * phonghoc-fleet against a stand-in `balena` executable (tests/fixtures/balena/balena). The balena
 * cloud cannot exist here (no internet, and balena-cli cannot be installed), so the stand-in records
 * every call's arguments (one JSON line each) and answers like the real CLI: exit codes, typical
 * output, and a failure when BALENA_FAKE_FAIL matches. The tests assert the exact argument lists.
 */

const root = path.resolve(import.meta.dirname, '../..');
const fakeDir = path.join(root, 'tests', 'fixtures', 'balena');
const execFileP = promisify(execFile);

interface Call {
  argv: string[];
  exit: number;
  configJson?: Record<string, unknown>;
  listing?: string[];
  compose?: string;
}

interface Teardown {
  teardown(fn: () => unknown): void;
}

function setup(t: Teardown, extraEnv: Record<string, string> = {}) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'phonghoc-fleet-'));
  t.teardown(() => fs.rmSync(work, { recursive: true, force: true }));
  const logFile = path.join(work, 'balena-calls.jsonl');
  const env = { ...process.env, PATH: `${fakeDir}${path.delimiter}${process.env.PATH ?? ''}`, BALENA_FAKE_LOG: logFile, ...extraEnv };
  let out = '';
  let err = '';
  const io = { env, cwd: work, out: (s: string) => { out += s; }, err: (s: string) => { err += s; } };
  return {
    work,
    env,
    run: (...argv: string[]) => runFleetCommand(argv, io),
    calls: (): Call[] => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Call) : []),
    get out() { return out; },
    get err() { return err; },
  };
}

t.test('the stand-in is executable and answers like the CLI', async (t) => {
  const fake = path.join(fakeDir, 'balena');
  t.ok(fs.statSync(fake).mode & 0o111, 'chmod +x');
  t.match(fs.readFileSync(fake, 'utf8'), /^#!\/usr\/bin\/env node\n/);
  const { stdout } = await execFileP(fake, ['version']);
  t.equal(stdout.trim(), '22.1.5');
  await t.rejects(execFileP(fake, ['no-such-command']), { code: 2 });
});

t.test('create-fleet', async (t) => {
  const s = setup(t);
  t.equal(await s.run('create-fleet', '--district', 'quan-1', '--org', 'sgddt-hcm'), 0);
  t.same(s.calls().map((c) => c.argv), [['fleet', 'create', 'phonghoc-quan-1', '--organization', 'sgddt-hcm', '--type', 'generic-amd64']]);
  t.match(s.out, '$ balena fleet create phonghoc-quan-1 --organization sgddt-hcm --type generic-amd64\n');
  t.match(s.out, 'Fleet created: slug "sgddt-hcm/phonghoc-quan-1", device type "generic-amd64"');

  t.equal(await s.run('create-fleet', '--district', 'dong-da', '--device-type', 'intel-nuc'), 0);
  t.same(s.calls()[1]?.argv, ['fleet', 'create', 'phonghoc-dong-da', '--type', 'intel-nuc']);

  t.equal(await s.run('create-fleet', '--district', 'Quận 1'), 2, 'a usage error');
  t.match(s.err, /not a slug.*try "quan-1"/);
  t.equal(await s.run('create-fleet', '--district', 'x1', '--device-type', 'raspberrypi4-64'), 2);
  t.match(s.err, /not supported/);
  t.equal(s.calls().length, 2, 'nothing sent for invalid input');
});

t.test('configure-image: config.json with the hostname, then os configure', async (t) => {
  const s = setup(t);
  const image = path.join(s.work, 'balena-generic-amd64-6.0.24.img');
  fs.writeFileSync(image, 'not really an OS image');
  const code = await s.run('configure-image', '--fleet', 'sgddt-hcm/phonghoc-quan-1', '--image', image, '--os-version', '6.0.24',
    '--school-code', '79000999', '--hostname', 'phonghoc-a101', '--room', 'Phòng A101', '--wifi-ssid', 'THCS Nguyen Du', '--wifi-key', 'matkhau-rat-bi-mat');
  t.equal(code, 0, s.err);
  const calls = s.calls();
  t.equal(calls.length, 2);
  const generate = calls[0]!.argv;
  const configPath = generate[generate.length - 1]!;
  t.same(generate, ['config', 'generate', '--fleet', 'sgddt-hcm/phonghoc-quan-1', '--version', '6.0.24', '--network', 'wifi', '--wifiSsid', 'THCS Nguyen Du', '--wifiKey', 'matkhau-rat-bi-mat', '--initial-device-name', '79000999-phong-a101', '--output', configPath]);
  t.same(calls[1]!.argv, ['os', 'configure', image, '--fleet', 'sgddt-hcm/phonghoc-quan-1', '--config', configPath]);
  t.match(calls[1]!.configJson, { hostname: 'phonghoc-a101', initialDeviceName: '79000999-phong-a101', wifiSsid: 'THCS Nguyen Du', applicationId: 1934512 }, 'the image got our hostname');
  t.notOk(fs.existsSync(configPath), 'config.json (it holds the provisioning key) is removed afterwards');
  t.notMatch(s.out, /matkhau-rat-bi-mat/, 'the Wi-Fi key is not printed');
  t.notMatch(s.out, /fakeProvisioningKey/, 'nor the provisioning key config generate prints');
  t.match(s.out, "--wifiKey '********'");
  t.match(s.out, '• config.json: hostname = phonghoc-a101');
});

t.test('configure-image: ethernet, device type, and input checks', async (t) => {
  const s = setup(t);
  const image = path.join(s.work, 'os.img');
  fs.writeFileSync(image, '');
  t.equal(await s.run('configure-image', '--fleet', 'o/f', '--image', image, '--os-version', 'v6.0.24+rev1', '--school-code', '01000123', '--hostname', 'lab2', '--device-type', 'intel-nuc'), 0, s.err);
  const [gen, conf] = s.calls().map((c) => c.argv);
  t.same(gen!.slice(0, 9), ['config', 'generate', '--fleet', 'o/f', '--version', 'v6.0.24+rev1', '--deviceType', 'intel-nuc', '--network']);
  t.same(gen!.slice(9, 12), ['ethernet', '--initial-device-name', '01000123-lab2']);
  t.same(conf!.slice(0, 7), ['os', 'configure', image, '--fleet', 'o/f', '--device-type', 'intel-nuc']);

  t.equal(await s.run('configure-image', '--fleet', 'o/f', '--image', image, '--os-version', '6.0.24', '--school-code', '01000123', '--hostname', 'Phong_Lab'), 2);
  t.match(s.err, /--hostname "Phong_Lab" is not a host name/);
  t.equal(await s.run('configure-image', '--fleet', 'o/f', '--image', path.join(s.work, 'missing.img'), '--os-version', '6.0.24', '--school-code', '01000123', '--hostname', 'lab2'), 2);
  t.match(s.err, /does not exist/);
  t.equal(await s.run('configure-image', '--fleet', 'o/f', '--image', image, '--os-version', '6.0.24', '--school-code', '01000123', '--hostname', 'lab2', '--wifi-key', 'abcdefgh'), 2);
  t.match(s.err, /--wifi-key needs --wifi-ssid/);
  t.equal(s.calls().length, 2);
});

t.test('preload and register-device', async (t) => {
  const s = setup(t);
  const image = path.join(s.work, 'os.img');
  fs.writeFileSync(image, '');
  t.equal(await s.run('preload', '--fleet', 'o/phonghoc-quan-1', '--image', image), 0, s.err);
  t.equal(await s.run('preload', '--fleet', 'o/phonghoc-quan-1', '--image', image, '--commit', '3e5f6a7', '--pin'), 0, s.err);
  t.equal(await s.run('register-device', '--fleet', 'o/phonghoc-quan-1', '--uuid', 'c'.repeat(32)), 0, s.err);
  t.equal(await s.run('register-device', '--fleet', 'o/phonghoc-quan-1', '--uuid', 'd'.repeat(62), '--device-type', 'generic-amd64'), 0, s.err);
  t.same(s.calls().map((c) => c.argv), [
    ['preload', image, '--fleet', 'o/phonghoc-quan-1', '--commit', 'current', '--no-pin-device-to-release'],
    ['preload', image, '--fleet', 'o/phonghoc-quan-1', '--commit', '3e5f6a7', '--pin-device-to-release'],
    ['device', 'register', 'o/phonghoc-quan-1', '--uuid', 'c'.repeat(32)],
    ['device', 'register', 'o/phonghoc-quan-1', '--uuid', 'd'.repeat(62), '--deviceType', 'generic-amd64'],
  ]);
  t.match(s.out, `Registering to o/phonghoc-quan-1: ${'c'.repeat(32)}`);
  t.equal(await s.run('register-device', '--fleet', 'o/f', '--uuid', 'NOT-A-UUID'), 2);
  t.match(s.err, /not a device UUID/);
});

t.test('a failing step stops with the CLI message and exit code', async (t) => {
  const s = setup(t, { BALENA_FAKE_FAIL: 'preload', BALENA_FAKE_FAIL_MESSAGE: 'Error: Cannot connect to the Docker daemon at unix:///var/run/docker.sock' });
  const image = path.join(s.work, 'os.img');
  fs.writeFileSync(image, '');
  t.equal(await s.run('preload', '--fleet', 'o/f', '--image', image), 1);
  t.match(s.err, /✗ stopped: balena preload .* failed \(exit 1\): Error: Cannot connect to the Docker daemon/);
  t.match(s.err, /hint: balena preload needs Docker/);
});

t.test('set-vars: fleet-wide, validated with the appliance rules', async (t) => {
  const s = setup(t);
  t.equal(await s.run('set-vars', '--fleet', 'o/phonghoc-quan-1', 'PHONGHOC_LANGUAGE=en', 'PHONGHOC_RTC_MIN_PORT=41000', 'PHONGHOC_RTC_MAX_PORT=41999', 'KIOSK_WINDOW_SIZE=1920x1080'), 0, s.err);
  t.same(s.calls().map((c) => c.argv), [
    ['env', 'set', 'PHONGHOC_LANGUAGE', 'en', '--fleet', 'o/phonghoc-quan-1'],
    ['env', 'set', 'PHONGHOC_RTC_MIN_PORT', '41000', '--fleet', 'o/phonghoc-quan-1'],
    ['env', 'set', 'PHONGHOC_RTC_MAX_PORT', '41999', '--fleet', 'o/phonghoc-quan-1'],
    ['env', 'set', 'KIOSK_WINDOW_SIZE', '1920x1080', '--fleet', 'o/phonghoc-quan-1'],
  ]);
  t.match(s.out, /restarts the services .* outside lesson time/);

  const before = s.calls().length;
  t.equal(await s.run('set-vars', '--fleet', 'o/f', 'PHONGHOC_RTC_MIN_PORT=41000', 'PHONGHOC_RTC_MAX_PORT=40000'), 2);
  t.match(s.err, /PHONGHOC_RTC_MAX_PORT: must be greater than PHONGHOC_RTC_MIN_PORT \(41000\)/, 'the config module\'s own message');
  t.equal(await s.run('set-vars', '--fleet', 'o/f', 'PHONGHOC_HTTP_HOST=0.0.0.0'), 2);
  t.match(s.err, /plain HTTP is for the kiosk on this box only/);
  t.equal(await s.run('set-vars', '--fleet', 'o/f', 'PHONGHOC_LANGUAG=vi'), 2);
  t.match(s.err, /PHONGHOC_LANGUAG is not a Phonghoc variable \(did you mean PHONGHOC_LANGUAGE\?\)/);
  t.equal(await s.run('set-vars', '--fleet', 'o/f', 'PHONGHOC_DATA_DIR=/mnt/usb'), 2);
  t.match(s.err, /PHONGHOC_DATA_DIR cannot be set .*\/data volume/);
  t.equal(await s.run('set-vars', '--fleet', 'o/f', 'KIOSK_URL=http://10.0.0.5:8080/'), 2);
  t.match(s.err, /KIOSK_URL: host "10.0.0.5" must be localhost/);
  t.equal(await s.run('set-vars', '--fleet', 'o/f', 'PHONGHOC_TURN_ENABLED=1', 'PHONGHOC_TURN_SECRET=short'), 2);
  t.match(s.err, /PHONGHOC_TURN_SECRET: must be at least 16 characters/);
  t.equal(await s.run('set-vars', '--fleet', 'o/f', 'BALENA_HOST_CONFIG_gpu_mem=128'), 2);
  t.equal(s.calls().length, before, 'nothing sent when any assignment is wrong');
});

t.test('set-vars: one box by school and room, secrets masked in the output', async (t) => {
  const s = setup(t);
  t.equal(await s.run('set-vars', '--fleet', 'o/phonghoc-quan-1', '--school', '79000999', '--room', 'Phòng A101', 'PHONGHOC_HOSTNAME=phonghoc-a101.local', 'DATABASE_URL=postgres://phonghoc:s3cret@db.quan1.local/phonghoc'), 0, s.err);
  const a = 'a'.repeat(32);
  t.same(s.calls().map((c) => c.argv), [
    ['device', 'list', '--fleet', 'o/phonghoc-quan-1', '--json'],
    ['env', 'set', 'PHONGHOC_HOSTNAME', 'phonghoc-a101.local', '--device', a],
    ['env', 'set', 'DATABASE_URL', 'postgres://phonghoc:s3cret@db.quan1.local/phonghoc', '--device', a],
  ]);
  t.match(s.out, `• 79000999-phong-a101 is ${a}`);
  t.notMatch(s.out, /s3cret/, 'the password is not printed');
  t.match(s.out, 'postgres://phonghoc:****@db.quan1.local/phonghoc');

  t.equal(await s.run('set-vars', '--device', 'e'.repeat(32), '--service', 'kiosk', 'KIOSK_GPU=1'), 0, s.err);
  t.same(s.calls().at(-1)?.argv, ['env', 'set', 'KIOSK_GPU', '1', '--device', 'e'.repeat(32), '--service', 'kiosk']);

  t.equal(await s.run('set-vars', '--fleet', 'o/phonghoc-quan-1', '--school', '79000999', '--room', 'Phòng B2', 'PHONGHOC_LANGUAGE=vi'), 2);
  t.match(s.err, /no device named 79000999-phong-b2 in o\/phonghoc-quan-1 \(this school has: 79000999-phong-a101, 79000999-phong-tin-hoc\)/);
  t.equal(await s.run('set-vars', '--fleet', 'o/f', '--school', '79000999', 'PHONGHOC_LANGUAGE=vi'), 2);
  t.match(s.err, /--school and --room go together/);
});

t.test('set-vars stops at the first failed call', async (t) => {
  const s = setup(t, { BALENA_FAKE_FAIL: 'env set PHONGHOC_LOG_LEVEL', BALENA_FAKE_FAIL_MESSAGE: 'BalenaRequestError: Request error: Unauthorized' });
  t.equal(await s.run('set-vars', '--fleet', 'o/f', 'PHONGHOC_LANGUAGE=vi', 'PHONGHOC_LOG_LEVEL=debug', 'PHONGHOC_SESSION_IDLE_MINUTES=60'), 1);
  t.same(s.calls().map((c) => [c.argv[2], c.exit]), [['PHONGHOC_LANGUAGE', 0], ['PHONGHOC_LOG_LEVEL', 1]], 'the third is never sent');
  t.match(s.err, /✗ stopped: balena env set PHONGHOC_LOG_LEVEL debug --fleet o\/f failed \(exit 1\): BalenaRequestError: Request error: Unauthorized/);
});

t.test('status', async (t) => {
  const s = setup(t);
  t.equal(await s.run('status', '--fleet', 'o/phonghoc-quan-1'), 0, s.err);
  t.same(s.calls().map((c) => c.argv), [['device', 'list', '--fleet', 'o/phonghoc-quan-1', '--json']]);
  t.match(s.out, /DEVICE +UUID +ONLINE +STATUS +OS +SUPERVISOR/);
  t.match(s.out, /79000999-phong-a101 +aaaaaaa +online +Idle +balenaOS 6\.0\.24 +16\.7\.3/);
  t.match(s.out, /79000999-phong-tin-hoc +bbbbbbb +OFFLINE/);
  t.match(s.out, 'o/phonghoc-quan-1: 2 box(es), 1 online, 1 offline');
});

t.test('--dry-run prints every step and runs none', async (t) => {
  const s = setup(t);
  const image = path.join(s.work, 'os.img');
  fs.writeFileSync(image, '');
  t.equal(await s.run('create-fleet', '--district', 'quan-1', '--dry-run'), 0);
  t.equal(await s.run('configure-image', '--dry-run', '--fleet', 'o/f', '--image', image, '--os-version', '6.0.24', '--school-code', '79000999', '--hostname', 'a101'), 0, s.err);
  t.equal(await s.run('set-vars', '--dry-run', '--fleet', 'o/f', '--school', '79000999', '--room', 'a101', 'PHONGHOC_LANGUAGE=en'), 0, s.err);
  t.equal(await s.run('push', '--dry-run', '--fleet', 'o/f', '--source', root), 0, s.err);
  t.same(s.calls(), [], 'the CLI was never called');
  t.match(s.out, '[dry-run] $ balena fleet create phonghoc-quan-1 --type generic-amd64');
  t.match(s.out, /\[dry-run\] \$ balena config generate --fleet o\/f --version 6\.0\.24 --network ethernet --initial-device-name 79000999-a101 --output \S+config\.json/);
  t.match(s.out, '[dry-run] • config.json: hostname = a101');
  t.match(s.out, /\[dry-run\] \$ balena os configure \S+os\.img --fleet o\/f --config \S+config\.json/);
  t.match(s.out, '[dry-run] $ balena device list --fleet o/f --json');
  t.match(s.out, "[dry-run] $ balena env set PHONGHOC_LANGUAGE en --device '<uuid of 79000999-a101>'");
  t.match(s.out, /\[dry-run\] \$ balena push o\/f --source \S+/);
});

t.test('push stages the repository the way balena needs it', async (t) => {
  const s = setup(t);
  t.equal(await s.run('push', '--fleet', 'o/phonghoc-quan-1', '--source', root, '--note', 'ban 0.1.0'), 0, s.err);
  const [call] = s.calls();
  t.same(call!.argv.slice(0, 3), ['push', 'o/phonghoc-quan-1', '--source']);
  t.same(call!.argv.slice(4), ['--note', 'ban 0.1.0']);
  for (const entry of ['docker-compose.yml', 'balena.yml', 'package.json', 'package-lock.json', 'server', 'media', 'ui', 'scripts', 'appliance', 'provisioning']) {
    t.ok(call!.listing?.includes(entry), `staged: ${entry}`);
  }
  for (const entry of ['node_modules', 'tests', 'dist', '.git']) t.notOk(call!.listing?.includes(entry), `not staged: ${entry}`);
  t.match(call!.compose, /dockerfile: provisioning\/server\/Dockerfile/);
  t.notMatch(call!.compose, /context: \.\./, 'contexts point at the staged root');
  t.notOk(fs.existsSync(call!.argv[3]!), 'the staging folder is removed afterwards');
});

t.test('without a balena CLI on PATH: the install hint, nothing downloaded', async (t) => {
  const s = setup(t, { PATH: '/usr/bin:/bin' });
  t.equal(await s.run('status', '--fleet', 'o/f'), 2);
  t.match(s.err, /balena CLI was not found on PATH.*official installer/);
});

t.test('usage', async (t) => {
  const s = setup(t);
  t.equal(await s.run(), 2);
  t.match(s.out, /create-fleet/);
  t.equal(await s.run('frobnicate'), 2);
  t.match(s.err, /unknown command "frobnicate"/);
  t.equal(await s.run('status', '--fleet', 'o/f', '--bogus'), 2);
  t.match(s.err, /Unknown option '--bogus'/);
});

t.test('the entry point runs with node --import tsx', async (t) => {
  const s = setup(t);
  const r = await execFileP(process.execPath, ['--import', 'tsx', path.join(root, 'provisioning/src/phonghoc-fleet.ts'), 'status', '--fleet', 'o/f'], { cwd: root, env: s.env });
  t.match(r.stdout, '$ balena device list --fleet o/f --json');
  t.match(r.stdout, '2 box(es), 1 online, 1 offline');
  const bad = await execFileP(process.execPath, ['--import', 'tsx', path.join(root, 'provisioning/src/phonghoc-fleet.ts'), 'status'], { cwd: root, env: s.env }).catch((e: { code: number; stderr: string }) => e);
  t.match(bad, { code: 2, stderr: /--fleet is required/ });
});
