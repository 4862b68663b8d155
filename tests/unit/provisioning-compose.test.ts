import fs from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { parse as parseYaml } from 'yaml';

/**
 * The balena release files, parsed and checked: docker-compose.yml (services, host networking,
 * labels, volumes, what balena's compose 2.4 supports), balena.yml, and the Dockerfiles (base image,
 * the npm install that builds the mediasoup worker, the H5P copy, the non-root user, the health
 * check, the data volume). No Docker engine runs here, so the files are read, not built.
 */

const root = path.resolve(import.meta.dirname, '../..');
const prov = path.join(root, 'provisioning');

interface Service {
  build?: { context: string; dockerfile: string };
  image?: string;
  network_mode?: string;
  restart?: string;
  privileged?: boolean;
  volumes?: string[];
  ports?: unknown;
  labels?: Record<string, string>;
  environment?: Record<string, string>;
  depends_on?: string[];
  [key: string]: unknown;
}

const compose = parseYaml(fs.readFileSync(path.join(prov, 'docker-compose.yml'), 'utf8')) as { version: string; services: Record<string, Service>; volumes: Record<string, unknown> };
const balenaYml = parseYaml(fs.readFileSync(path.join(prov, 'balena.yml'), 'utf8')) as Record<string, unknown> & { data: Record<string, unknown> };
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string; scripts: Record<string, string>; allowScripts: Record<string, boolean> };

/** Dockerfile instructions: continuation lines joined, comments dropped, with the stage index. */
interface Instruction { op: string; args: string; stage: number }
function parseDockerfile(file: string): Instruction[] {
  const out: Instruction[] = [];
  let stage = -1;
  let pending = '';
  for (const raw of fs.readFileSync(file, 'utf8').split('\n')) {
    const line = raw.trim();
    if (!pending && (line === '' || line.startsWith('#'))) continue;
    if (pending && line.startsWith('#')) continue;
    if (line.endsWith('\\')) { pending += line.slice(0, -1) + ' '; continue; }
    const full = (pending + line).trim();
    pending = '';
    const m = /^([A-Za-z]+)\s+(.*)$/s.exec(full);
    if (!m) throw new Error(`${file}: cannot parse "${full}"`);
    const op = m[1]!.toUpperCase();
    if (op === 'FROM') stage++;
    out.push({ op, args: m[2]!.replace(/\s+/g, ' '), stage });
  }
  if (pending) throw new Error(`${file}: dangling line continuation`);
  return out;
}
const find = (ins: Instruction[], op: string, re?: RegExp) => ins.filter((i) => i.op === op && (!re || re.test(i.args)));
const index = (ins: Instruction[], op: string, re: RegExp) => ins.findIndex((i) => i.op === op && re.test(i.args));

/** Service fields balena's Supervisor supports (docs: reference/supervisor/docker-compose, compose 2.4). */
const SUPPORTED_BY_BALENA = new Set([
  'build', 'cap_add', 'cap_drop', 'cgroup_parent', 'command', 'cpu_shares', 'cpu_quota', 'cpuset', 'devices', 'depends_on',
  'dns', 'dns_opt', 'dns_search', 'domainname', 'entrypoint', 'environment', 'expose', 'extra_hosts', 'group_add',
  'healthcheck', 'hostname', 'image', 'ipc', 'labels', 'mac_address', 'mem_limit', 'mem_reservation', 'network_mode',
  'networks', 'oom_kill_disable', 'oom_score_adj', 'pid', 'pids_limit', 'ports', 'privileged', 'read_only', 'restart',
  'security_opt', 'shm_size', 'stop_grace_period', 'stop_signal', 'sysctls', 'tmpfs', 'ulimits', 'user', 'userns_mode',
  'volumes', 'working_dir',
]);

t.test('docker-compose.yml: services, networking, restart, and what balena supports', async (t) => {
  t.equal(compose.version, '2.4', 'balena supports compose 2.4');
  t.same(Object.keys(compose.services).sort(), ['kiosk', 'server', 'turn']);
  for (const [name, svc] of Object.entries(compose.services)) {
    t.equal(svc.restart, 'always', `${name}: restart always`);
    for (const key of Object.keys(svc)) t.ok(SUPPORTED_BY_BALENA.has(key), `${name}: ${key} is a field balena supports`);
    if (svc.network_mode) t.ok(['bridge', 'host', 'none'].includes(svc.network_mode) || svc.network_mode.startsWith('service:'), `${name}: network_mode balena supports`);
    t.ok(svc.build, `${name}: built from the repository`);
    t.equal(svc.build?.context, '..', `${name}: context is the repository root`);
    t.ok(fs.existsSync(path.join(prov, svc.build!.context, svc.build!.dockerfile)), `${name}: ${svc.build?.dockerfile} exists`);
    if (svc.network_mode === 'host') t.notOk(svc.ports, `${name}: no port mappings with host networking (they would be ignored)`);
    for (const v of svc.volumes ?? []) {
      const source = v.split(':')[0]!;
      t.notOk(source.startsWith('/') || source.startsWith('.'), `${name}: ${v} is a named volume (balena has no bind mounts)`);
      t.ok(source in compose.volumes, `${name}: volume ${source} is declared`);
    }
  }
});

t.test('the server service', async (t) => {
  const server = compose.services.server!;
  t.equal(server.network_mode, 'host', 'host networking for the RTC ports');
  t.same(server.volumes, ['phonghoc-data:/data']);
  t.equal(server.environment?.PHONGHOC_DATA_DIR, '/data');
  t.equal(server.labels?.['io.balena.features.supervisor-api'], '1');
  t.equal(server.labels?.['io.balena.features.balena-api'], '1');
  t.equal(server.environment?.PHONGHOC_HTTP_HOST, '127.0.0.1', 'plain HTTP stays on the box');
  t.equal(server.environment?.PHONGHOC_HTTPS_PORT, '8443');
  t.equal(server.environment?.PHONGHOC_RTC_MIN_PORT, '40000');
  t.equal(server.environment?.PHONGHOC_RTC_MAX_PORT, '40999');
  t.notOk(server.privileged, 'the server is not privileged');
});

t.test('the kiosk and TURN services', async (t) => {
  const kiosk = compose.services.kiosk!;
  t.equal(kiosk.network_mode, 'host', 'reaches http://localhost:8080');
  t.equal(kiosk.privileged, true, 'X needs the display, input and sound devices');
  t.same(kiosk.depends_on, ['server']);
  t.same(kiosk.volumes, ['kiosk-profile:/var/lib/phonghoc-kiosk']);
  t.equal(kiosk.environment?.KIOSK_URL, 'http://localhost:8080/');
  t.equal(kiosk.environment?.DISPLAY, ':0');
  const turn = compose.services.turn!;
  t.equal(turn.network_mode, 'host');
  t.equal(turn.environment?.PHONGHOC_TURN_ENABLED, '0', 'off by default');
  const relay = [Number(turn.environment?.PHONGHOC_TURN_MIN_PORT), Number(turn.environment?.PHONGHOC_TURN_MAX_PORT)];
  const rtc = [Number(compose.services.server!.environment?.PHONGHOC_RTC_MIN_PORT), Number(compose.services.server!.environment?.PHONGHOC_RTC_MAX_PORT)];
  t.ok(relay[0]! > rtc[1]! || relay[1]! < rtc[0]!, 'TURN relay ports do not overlap the RTC ports');
  const entry = fs.readFileSync(path.join(prov, 'turn', 'entry.sh'), 'utf8');
  t.match(entry, /PHONGHOC_TURN_ENABLED:-0\}" != "1"/, 'the entry idles unless enabled');
});

t.test('balena.yml', async (t) => {
  t.equal(balenaYml.name, 'Phonghoc');
  t.equal(balenaYml.type, 'sw.application');
  t.equal(balenaYml.version, pkg.version, 'the release version is package.json\'s');
  t.match(balenaYml.description, /Vietnamese schools/);
  const supported = balenaYml.data.supportedDeviceTypes as string[];
  t.ok(['intel-nuc', 'generic-amd64'].includes(balenaYml.data.defaultDeviceType as string));
  t.ok(supported.includes(balenaYml.data.defaultDeviceType as string), 'the default device type is supported');
  t.ok(supported.includes('intel-nuc') && supported.includes('generic-amd64'));
});

t.test('the server Dockerfile', async (t) => {
  const ins = parseDockerfile(path.join(prov, 'server', 'Dockerfile'));
  const froms = find(ins, 'FROM');
  t.same(froms.map((f) => f.args), ['node:20-bookworm-slim AS build', 'node:20-bookworm-slim'], 'Debian 12 with Node 20, two stages');

  // Build stage: npm 11 (allowScripts), then `npm ci` after the files our postinstall needs.
  const build = ins.filter((i) => i.stage === 0);
  const npm11 = index(build, 'RUN', /npm install -g npm@11\./);
  const copyPkg = index(build, 'COPY', /^package\.json package-lock\.json \.\/$/);
  const copyScript = index(build, 'COPY', /^scripts\/build-mediasoup-worker\.mjs /);
  const copyPatches = index(build, 'COPY', /^media\/patches /);
  const npmCi = index(build, 'RUN', /npm ci\b/);
  t.ok(npm11 >= 0, 'npm 11 for allowScripts');
  t.ok(npmCi > Math.max(npm11, copyPkg, copyScript, copyPatches) && copyPkg >= 0 && copyScript >= 0 && copyPatches >= 0, 'npm ci runs after package files, the worker build script and its patch are in');
  t.notMatch(build[npmCi]!.args, /--ignore-scripts/, 'install scripts run: our postinstall builds the mediasoup worker');
  t.match(build[npmCi]!.args, /test -x node_modules\/mediasoup\/worker\/out\/Release\/mediasoup-worker/, 'the worker binary must exist');
  t.match(find(build, 'RUN', /apt-get install/)[0]?.args, /python3.*make.*g\+\+.*patch.*libssl-dev/, 'build tools and OpenSSL 3 headers');
  t.ok(index(build, 'RUN', /npm run build/) > npmCi, 'UI and server built');
  t.equal(pkg.allowScripts.mediasoup, false, 'package.json denies mediasoup\'s own script…');
  t.match(pkg.scripts.postinstall, /build-mediasoup-worker\.mjs/, '…and our postinstall builds it');

  const final = ins.filter((i) => i.stage === 1);
  t.match(find(final, 'RUN', /apt-get install/)[0]?.args, /ffmpeg.*chromium.*libssl3/, 'ffmpeg, chromium, libssl');
  const h5pCopy = find(final, 'COPY', /^provisioning\/h5p-core\/ \/opt\/phonghoc\/h5p\/$/);
  t.equal(h5pCopy.length, 1, 'H5P core and editor copied at build time');
  t.ok(index(final, 'RUN', /h5p-core\.js \/opt\/phonghoc\/h5p/) > index(final, 'COPY', /h5p-core/), 'and checked');
  const user = find(final, 'USER');
  t.equal(user.length, 1);
  t.notOk(['root', '0', '0:0'].includes(user[0]!.args), 'runs as a non-root user');
  t.same(find(final, 'VOLUME').map((v) => v.args), ['/data']);
  t.match(find(final, 'ENV').map((e) => e.args).join(' '), /PHONGHOC_DATA_DIR=\/data/);
  const health = find(final, 'HEALTHCHECK');
  t.equal(health.length, 1);
  t.match(health[0]!.args, /CMD .*\/api\/health/);
  t.match(find(final, 'CMD')[0]?.args, /dist\/server\/src\/main\.js/);
  t.match(find(final, 'EXPOSE')[0]?.args, /8443\/tcp.*40000-40999\/udp.*40000-40999\/tcp/);

  // Every COPY from the build context names something that exists (context: the repository root).
  for (const c of find(ins, 'COPY').filter((c) => !c.args.startsWith('--from'))) {
    const sources = c.args.split(' ').slice(0, -1);
    for (const s of sources) t.ok(fs.existsSync(path.join(root, s)), `COPY source ${s} exists`);
  }
});

t.test('the kiosk and TURN Dockerfiles', async (t) => {
  const kiosk = parseDockerfile(path.join(prov, 'kiosk', 'Dockerfile'));
  t.same(find(kiosk, 'FROM').map((f) => f.args), ['node:20-bookworm-slim AS build', 'node:20-bookworm-slim']);
  t.match(find(kiosk, 'RUN', /apt-get install/)[0]?.args, /chromium.*xserver-xorg-core.*xinit.*x11-xserver-utils/);
  t.match(find(kiosk, 'CMD')[0]?.args, /start\.sh/);
  t.match(find(kiosk, 'RUN', /tsc -p provisioning\/kiosk\/tsconfig\.json/)[0]?.args, /tsc/);
  for (const c of find(kiosk, 'COPY').filter((c) => !c.args.startsWith('--from'))) {
    for (const s of c.args.split(' ').slice(0, -1)) t.ok(fs.existsSync(path.join(root, s)), `COPY source ${s} exists`);
  }
  const start = fs.readFileSync(path.join(prov, 'kiosk', 'start.sh'), 'utf8');
  t.match(start, /kiosk-main\.js write-policy/, 'the policy is written as root before X starts');
  t.match(fs.readFileSync(path.join(prov, 'kiosk', 'xinitrc'), 'utf8'), /runuser -u kiosk -- node \/opt\/phonghoc-kiosk\/kiosk-main\.js run/);
  for (const f of ['start.sh', 'xinitrc']) t.ok(fs.statSync(path.join(prov, 'kiosk', f)).mode & 0o111, `${f} is executable`);

  const turn = parseDockerfile(path.join(prov, 'turn', 'Dockerfile'));
  t.same(find(turn, 'FROM').map((f) => f.args), ['debian:bookworm-slim']);
  t.match(find(turn, 'RUN', /apt-get install/)[0]?.args, /coturn/);
});

t.test('the README documents the firewall ports and the compose ports agree', async (t) => {
  const readme = fs.readFileSync(path.join(prov, 'README.md'), 'utf8');
  t.match(readme, /8443\/tcp/);
  t.match(readme, /40000[–-]40999/);
  t.match(readme, /3478/);
  t.match(readme, /49160[–-]49200/);
});
