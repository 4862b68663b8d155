import fs from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { KNOWN_VARIABLES, SERVER_VARIABLES, TURN_VARIABLES, maskValue, validateAssignments } from '../../provisioning/src/appliance-variables.js';
import { KIOSK_VARIABLES } from '../../appliance/src/kiosk/kiosk-env.js';
import { deviceName, settableVariables, slugify } from '../../provisioning/src/fleet-commands.js';
import { composeDockerfiles, rewriteComposeForStage } from '../../provisioning/src/release-stage.js';
import { shellQuote } from '../../provisioning/src/balena-cli.js';
import { checkH5pCore } from '../../provisioning/src/h5p-core.js';

const root = path.resolve(import.meta.dirname, '../..');
const read = (p: string) => fs.readFileSync(path.join(root, p), 'utf8');
const mentioned = (text: string, re: RegExp) => new Set([...text.matchAll(re)].map((m) => m[0]));

t.test('the variable catalogue matches what the code reads', async (t) => {
  const config = mentioned(read('server/src/config/config.ts'), /\b(PHONGHOC_[A-Z_]+|DATABASE_URL)\b/g);
  for (const name of config) t.ok(SERVER_VARIABLES[name], `${name} (read by config.ts) is in the catalogue, so set-vars can validate it`);
  for (const [name, info] of Object.entries(SERVER_VARIABLES)) {
    // Operator-settable ones must be read by the server; fixed ones may be set by the image only.
    if (!info.fixed) t.ok(config.has(name), `${name} is read by config.ts`);
  }
  const kioskSource = read('appliance/src/kiosk/kiosk-env.ts').split('export function parseKioskEnv')[1]!;
  t.same([...mentioned(kioskSource, /\bKIOSK_[A-Z_]+\b/g)].sort(), Object.keys(KIOSK_VARIABLES).sort(), 'parseKioskEnv ↔ KIOSK_VARIABLES');
  const turnEntry = mentioned(read('provisioning/turn/entry.sh'), /\bPHONGHOC_TURN_[A-Z_]+\b/g);
  t.same([...turnEntry].sort(), Object.keys(TURN_VARIABLES).sort(), 'turn/entry.sh ↔ TURN_VARIABLES');
  const readme = read('provisioning/README.md');
  for (const name of Object.keys(KNOWN_VARIABLES)) t.match(readme, name, `README documents ${name}`);
});

t.test('validation uses the appliance rules', async (t) => {
  t.same(validateAssignments([['PHONGHOC_LANGUAGE', 'en'], ['PHONGHOC_HOSTNAME', 'phonghoc-a101.local'], ['KIOSK_GPU', '1']]), { errors: [], warnings: [] });
  t.same(validateAssignments([['PHONGHOC_RTC_MIN_PORT', '50000']]).errors, [], 'one end of the range alone is fine');
  t.same(validateAssignments([['PHONGHOC_LOG_LEVEL', '']]).errors, [], 'empty = back to the default');

  const bad = validateAssignments([['PHONGHOC_HTTPS_PORT', '99999'], ['PHONGHOC_LANGUAGE', 'fr'], ['PHONGHOC_PUBLIC_ADDRESSES', '10.0.0.1,not-an-ip']]);
  t.equal(bad.errors.length, 3, 'every bad value is reported, not just the first');
  t.match(bad.errors.join('\n'), /PHONGHOC_HTTPS_PORT: "99999" is not a port number/);
  t.match(bad.errors.join('\n'), /PHONGHOC_LANGUAGE: "fr" must be one of vi, en/);
  t.match(bad.errors.join('\n'), /PHONGHOC_PUBLIC_ADDRESSES: "not-an-ip" is not an IP address/);

  t.match(validateAssignments([['DATABASE_URL', 'mysql://x']]).errors[0], /must start with postgres/);
  t.match(validateAssignments([['PHONGHOC_SECURE_COOKIES', 'false']]).errors[0], /cannot be set on a fleet or device/);
  t.match(validateAssignments([['PHONGHOC_LANGUAGE', 'vi'], ['PHONGHOC_LANGUAGE', 'en']]).errors[0], /given twice/);
  t.match(validateAssignments([['PHONGHOC_TURN_MIN_PORT', '40500'], ['PHONGHOC_TURN_MAX_PORT', '40600']]).errors[0], /overlap the RTC ports 40000–40999/);
  t.match(validateAssignments([['PHONGHOC_TURN_ENABLED', '1']]).warnings[0], /PHONGHOC_TURN_SECRET/);
  t.match(validateAssignments([['PHONGHOC_HTTP_PORT', '8081']]).warnings[0], /KIOSK_URL/);
  t.notOk(settableVariables().includes('PHONGHOC_DATA_DIR'));
});

t.test('secrets are masked for printing', async (t) => {
  t.equal(maskValue('DATABASE_URL', 'postgres://ph:s3cret@db/x'), 'postgres://ph:****@db/x');
  t.equal(maskValue('PHONGHOC_TURN_SECRET', 'abcdefghijklmnopq'), '****');
  t.equal(maskValue('PHONGHOC_LANGUAGE', 'vi'), 'vi');
  t.equal(shellQuote("Phòng A'101"), `'Phòng A'\\''101'`);
  t.equal(shellQuote('--fleet'), '--fleet');
});

t.test('device names from Vietnamese room names', async (t) => {
  t.equal(slugify('Phòng Tin học 2'), 'phong-tin-hoc-2');
  t.equal(slugify('Đống Đa'), 'dong-da');
  t.equal(slugify('  Lớp 9A1 / Cơ sở 2 '), 'lop-9a1-co-so-2');
  t.equal(deviceName('79000999', 'Phòng A101'), '79000999-phong-a101');
});

t.test('the staged compose file points at the staged root', async (t) => {
  const compose = read('provisioning/docker-compose.yml');
  const staged = rewriteComposeForStage(compose);
  t.notMatch(staged, /context: \.\.\s*$/m);
  t.equal((staged.match(/context: \.$/gm) ?? []).length, 3);
  t.same(composeDockerfiles(staged), ['provisioning/server/Dockerfile', 'provisioning/kiosk/Dockerfile', 'provisioning/turn/Dockerfile']);
  t.equal(rewriteComposeForStage("    context: '..'\n"), '    context: .\n');
});

t.test('the H5P core check', async (t) => {
  const dir = t.testdir({
    core: { js: { 'h5p.js': '' }, styles: { 'h5p.css': '' }, 'h5p.classes.php': "public static $coreApi = array(\n  'majorVersion' => 1,\n  'minorVersion' => 27\n);" },
  });
  t.match(checkH5pCore(dir), { core: true, editor: false, coreApi: '1.27', missing: ['editor/scripts/h5peditor.js'] });
  fs.mkdirSync(path.join(dir, 'editor', 'scripts'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'editor', 'scripts', 'h5peditor.js'), '');
  t.match(checkH5pCore(dir), { core: true, editor: true, missing: [] });
  t.match(checkH5pCore(path.join(root, 'provisioning', 'h5p-core')), { core: false, editor: false }, 'the repository ships none');
});
