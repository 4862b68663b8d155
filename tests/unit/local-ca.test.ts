import crypto from 'node:crypto';
import { readFile, stat, writeFile, rm, readdir } from 'node:fs/promises';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import t from 'tap';
import { ensureLocalCertificates, ipToBytes, LocalCaError } from '../../server/src/tls/local-ca.js';
import { buildCaInstallGuide } from '../../server/src/tls/ca-install-guide.js';

const HOSTNAME = 'phonghoc';
const DAY = 86_400_000;

const mode = async (p: string): Promise<number> => (await stat(p)).mode & 0o777;

function sans(pem: string): string[] {
  return (new crypto.X509Certificate(pem).subjectAltName ?? '').split(', ');
}

function chainsTo(serverPem: string, caPem: string): boolean {
  const ca = new crypto.X509Certificate(caPem);
  const server = new crypto.X509Certificate(serverPem);
  return server.verify(ca.publicKey) && server.checkIssued(ca);
}

t.test('create, reuse, re-issue on new address and on expiry', async (t) => {
  const dir = path.join(t.testdir(), 'tls'); // does not exist yet
  const schoolName = 'Trường THCS Nguyễn Du';

  // --- first call creates everything
  const first = await ensureLocalCertificates({
    dir,
    hostname: HOSTNAME,
    addresses: ['192.168.1.20'],
    schoolName,
  });
  t.same(first.created, { ca: true, server: true });
  t.equal(await mode(dir), 0o700, 'dir is 0700');
  t.equal(await mode(path.join(dir, 'ca.key')), 0o600, 'ca.key is 0600');
  t.equal(await mode(path.join(dir, 'server.key')), 0o600, 'server.key is 0600');
  t.same((await readdir(dir)).sort(), ['ca.crt', 'ca.key', 'server.crt', 'server.key'], 'exactly four files, no temp leftovers');
  t.equal(await readFile(path.join(dir, 'ca.crt'), 'utf8'), first.caCertPem);
  t.equal(await readFile(path.join(dir, 'server.crt'), 'utf8'), first.serverCertPem);
  t.equal(await readFile(path.join(dir, 'server.key'), 'utf8'), first.serverKeyPem);

  const ca = new crypto.X509Certificate(first.caCertPem);
  const server = new crypto.X509Certificate(first.serverCertPem);
  t.ok(ca.ca, 'CA certificate has CA:true');
  t.match(ca.subject, `CN=Phonghoc Local CA — ${schoolName}`);
  t.match(ca.subject, 'O=Phonghoc');
  t.equal(first.caFingerprintSha256, ca.fingerprint256);
  t.match(first.caFingerprintSha256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  t.ok(parseInt(ca.serialNumber.slice(0, 1), 16) < 8, 'CA serial is positive');
  t.equal(ca.serialNumber.length, 32, 'CA serial is 16 bytes');
  const caYears = (Date.parse(ca.validTo) - Date.parse(ca.validFrom)) / (365.25 * DAY);
  t.ok(caYears > 9.99 && caYears < 10.01, `CA valid ~10 years (${caYears.toFixed(3)})`);

  t.ok(server.verify(ca.publicKey), 'server cert signature verifies with CA key');
  t.ok(server.checkIssued(ca), 'server cert issued by CA');
  t.notOk(server.ca, 'server cert is not a CA');
  t.match(server.subject, `CN=${HOSTNAME}`);
  t.ok(server.checkPrivateKey(crypto.createPrivateKey(first.serverKeyPem)), 'key matches cert');
  const s1 = sans(first.serverCertPem);
  for (const want of [
    `DNS:${HOSTNAME}`,
    `DNS:${HOSTNAME}.local`,
    'DNS:localhost',
    'IP Address:192.168.1.20',
    'IP Address:127.0.0.1',
  ]) {
    t.ok(s1.includes(want), `SAN has ${want}`);
  }
  t.ok(s1.some((s) => /^IP Address:(0:){7}1$/.test(s) || s === 'IP Address:::1'), 'SAN has ::1');
  t.ok(server.keyUsage?.includes('1.3.6.1.5.5.7.3.1'), 'extKeyUsage serverAuth');
  const days = (first.serverNotAfter.getTime() - Date.parse(server.validFrom)) / DAY;
  t.ok(Math.abs(days - 397) < 0.01, `server cert valid 397 days (${days})`);
  t.ok(Date.parse(server.validFrom) <= Date.now() - 50_000, 'notBefore is backdated about a minute');

  // --- second call reuses everything
  const second = await ensureLocalCertificates({ dir, hostname: HOSTNAME, addresses: ['192.168.1.20'] });
  t.same(second.created, { ca: false, server: false });
  t.equal(second.caCertPem, first.caCertPem);
  t.equal(second.serverCertPem, first.serverCertPem);
  t.equal(second.serverKeyPem, first.serverKeyPem);
  t.equal(second.caFingerprintSha256, first.caFingerprintSha256);

  // a different school name later must not touch the CA
  const renamed = await ensureLocalCertificates({
    dir,
    hostname: HOSTNAME,
    addresses: ['192.168.1.20'],
    schoolName: 'Another name',
  });
  t.same(renamed.created, { ca: false, server: false }, 'schoolName change does not regenerate the CA');

  // a subset of the covered addresses is still covered
  const subset = await ensureLocalCertificates({ dir, hostname: HOSTNAME, addresses: [] });
  t.same(subset.created, { ca: false, server: false });

  // --- a new LAN address re-issues the server cert, CA stays byte-identical
  const caKeyBefore = await readFile(path.join(dir, 'ca.key'));
  const caCrtBefore = await readFile(path.join(dir, 'ca.crt'));
  const moved = await ensureLocalCertificates({
    dir,
    hostname: HOSTNAME,
    addresses: ['192.168.1.20', '10.0.5.7', 'fd00::20'],
  });
  t.same(moved.created, { ca: false, server: true });
  t.not(moved.serverCertPem, first.serverCertPem);
  t.ok((await readFile(path.join(dir, 'ca.key'))).equals(caKeyBefore), 'ca.key byte-identical');
  t.ok((await readFile(path.join(dir, 'ca.crt'))).equals(caCrtBefore), 'ca.crt byte-identical');
  t.equal(moved.caCertPem, first.caCertPem);
  const s2 = sans(moved.serverCertPem);
  t.ok(s2.includes('IP Address:10.0.5.7'), 'new IPv4 in SAN');
  t.ok(s2.includes('IP Address:192.168.1.20'), 'old IPv4 still in SAN');
  t.ok(s2.some((s) => /^IP Address:FD00:(0:){6}20$/i.test(s) || s === 'IP Address:fd00::20'), 'IPv6 in SAN');
  t.ok(chainsTo(moved.serverCertPem, moved.caCertPem));
  t.equal(await mode(path.join(dir, 'server.key')), 0o600, 'server.key still 0600 after re-issue');

  // --- same request again: stable
  const again = await ensureLocalCertificates({
    dir,
    hostname: HOSTNAME,
    addresses: ['fd00:0:0::20', '10.0.5.7'], // different spelling, same addresses
  });
  t.same(again.created, { ca: false, server: false });

  // --- a new hostname re-issues as well
  const renamedHost = await ensureLocalCertificates({ dir, hostname: 'lop-hoc', addresses: ['10.0.5.7'] });
  t.same(renamedHost.created, { ca: false, server: true });
  t.ok(sans(renamedHost.serverCertPem).includes('DNS:lop-hoc.local'));

  // --- 380 days later the cert expires within 30 days: re-issued
  const future = new Date(Date.now() + 380 * DAY);
  const expiring = await ensureLocalCertificates({ dir, hostname: 'lop-hoc', addresses: ['10.0.5.7'], now: future });
  t.same(expiring.created, { ca: false, server: true });
  t.ok(expiring.serverNotAfter.getTime() > future.getTime() + 396 * DAY, 'new cert valid ~397 days from "now"');
  t.ok((await readFile(path.join(dir, 'ca.crt'))).equals(caCrtBefore), 'CA unchanged after renewal');
  t.ok(chainsTo(expiring.serverCertPem, first.caCertPem));

  // 360 days in: still more than 30 days left -> kept
  const fine = await ensureLocalCertificates({
    dir,
    hostname: 'lop-hoc',
    addresses: ['10.0.5.7'],
    now: new Date(future.getTime() + 300 * DAY),
  });
  t.same(fine.created, { ca: false, server: false });

  // back to the real clock: a cert whose notBefore is in the future is replaced
  const back = await ensureLocalCertificates({ dir, hostname: 'lop-hoc', addresses: ['10.0.5.7'] });
  t.same(back.created, { ca: false, server: true });
});

t.test('repairs a broken server certificate, never silently replaces a CA', async (t) => {
  const root = t.testdir(); // call once per test: a second call wipes the fixture
  const dir = path.join(root, 'tls');
  const base = { dir, hostname: HOSTNAME, addresses: ['192.168.1.20'] };
  const first = await ensureLocalCertificates(base);

  await writeFile(path.join(dir, 'server.crt'), 'garbage');
  const r1 = await ensureLocalCertificates(base);
  t.same(r1.created, { ca: false, server: true }, 'unparsable server.crt re-issued');

  await rm(path.join(dir, 'server.key'));
  const r2 = await ensureLocalCertificates(base);
  t.same(r2.created, { ca: false, server: true }, 'missing server.key re-issued');

  // server cert from another CA (e.g. restored from an old backup)
  const otherDir = path.join(root, 'other');
  const other = await ensureLocalCertificates({ ...base, dir: otherDir });
  await writeFile(path.join(dir, 'server.crt'), other.serverCertPem);
  await writeFile(path.join(dir, 'server.key'), other.serverKeyPem);
  const r3 = await ensureLocalCertificates(base);
  t.same(r3.created, { ca: false, server: true }, 'cert not signed by the current CA re-issued');
  t.ok(chainsTo(r3.serverCertPem, first.caCertPem));

  // key/cert mismatch (crash between the two renames)
  await writeFile(path.join(dir, 'server.key'), other.serverKeyPem);
  const r4 = await ensureLocalCertificates(base);
  t.same(r4.created, { ca: false, server: true }, 'key that does not match the cert re-issued');

  // a corrupt CA is an error, not a reason to create a new one
  const caKey = await readFile(path.join(dir, 'ca.key'), 'utf8');
  await writeFile(path.join(dir, 'ca.key'), other.serverKeyPem);
  await t.rejects(ensureLocalCertificates(base), LocalCaError, 'mismatched CA key rejected');
  t.equal(await readFile(path.join(dir, 'ca.crt'), 'utf8'), first.caCertPem, 'ca.crt left alone');
  await writeFile(path.join(dir, 'ca.key'), caKey);
  t.same((await ensureLocalCertificates(base)).created, { ca: false, server: false });

  // CA files missing: a new CA is created (and the orphaned key kept aside)
  await rm(path.join(dir, 'ca.crt'));
  const fresh = await ensureLocalCertificates(base);
  t.same(fresh.created, { ca: true, server: true });
  t.not(fresh.caFingerprintSha256, first.caFingerprintSha256);
  t.ok(chainsTo(fresh.serverCertPem, fresh.caCertPem));
  t.ok((await readdir(dir)).some((f) => f.startsWith('ca.key.orphan-')), 'old CA key kept as orphan');
});

t.test('concurrent calls on the same directory create one CA', async (t) => {
  const dir = path.join(t.testdir(), 'tls');
  const opts = { dir, hostname: HOSTNAME, addresses: ['192.168.1.20'] };
  const [a, b] = await Promise.all([ensureLocalCertificates(opts), ensureLocalCertificates(opts)]);
  t.equal(a.caCertPem, b.caCertPem);
  t.equal(a.serverCertPem, b.serverCertPem);
  t.equal(Number(a.created.ca) + Number(b.created.ca), 1);
});

t.test('input validation and long school names', async (t) => {
  const dir = path.join(t.testdir(), 'tls');
  await t.rejects(ensureLocalCertificates({ dir, hostname: 'bad host', addresses: [] }), TypeError);
  await t.rejects(ensureLocalCertificates({ dir, hostname: HOSTNAME, addresses: ['300.1.1.1'] }), TypeError);

  const r = await ensureLocalCertificates({
    dir,
    hostname: 'Phonghoc.Truong.EDU.vn.',
    addresses: ['fe80::1%eth0'],
    schoolName: 'Trường Trung học phổ thông chuyên Lê Hồng Phong, Thành phố Hồ Chí Minh',
  });
  const ca = new crypto.X509Certificate(r.caCertPem);
  const cn = /CN=(.*)/.exec(ca.subject)?.[1] ?? '';
  t.ok(Array.from(cn.replace(/\\/g, '')).length <= 64, `CN within 64 characters: ${cn}`);
  t.match(cn, /^Phonghoc Local CA — Trường Trung học/);
  const s = sans(r.serverCertPem);
  t.ok(s.includes('DNS:phonghoc.truong.edu.vn'), 'hostname lower-cased, trailing dot removed');
  t.notOk(s.some((x) => x.endsWith('.local')), 'no .local for dotted hostnames');
  t.ok(s.some((x) => /^IP Address:FE80:(0:){6}1$/i.test(x)), 'zone id stripped from IPv6');
});

t.test('ipToBytes', async (t) => {
  t.equal(ipToBytes('192.168.1.2')?.toString('hex'), 'c0a80102');
  t.equal(ipToBytes('::1')?.toString('hex'), '00000000000000000000000000000001');
  t.equal(ipToBytes('fd00::20')?.toString('hex'), 'fd000000000000000000000000000020');
  t.equal(ipToBytes('::ffff:10.0.0.1')?.toString('hex'), '00000000000000000000ffff0a000001');
  t.equal(ipToBytes('2001:db8:1:2:3:4:5:6')?.toString('hex'), '20010db8000100020003000400050006');
  t.equal(ipToBytes('fe80::1%wlan0')?.toString('hex'), 'fe800000000000000000000000000001');
  t.equal(ipToBytes('phonghoc'), undefined);
});

t.test('real TLS handshake', async (t) => {
  const dir = path.join(t.testdir(), 'tls');
  const certs = await ensureLocalCertificates({ dir, hostname: HOSTNAME, addresses: ['192.168.1.20'] });
  const server = https.createServer({ key: certs.serverKeyPem, cert: certs.serverCertPem }, (_req, res) => {
    res.end('xin chào');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => {
    server.closeAllConnections();
    server.close();
  });
  const { port } = server.address() as AddressInfo;

  const get = (extra: https.RequestOptions): Promise<string> =>
    new Promise((resolve, reject) => {
      const req = https.get({ host: '127.0.0.1', port, path: '/', agent: false, ...extra }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve(body));
        res.on('error', reject);
      });
      req.on('error', reject);
    });

  t.equal(await get({ ca: certs.caCertPem, servername: HOSTNAME }), 'xin chào', 'trusted with CA, SNI = hostname');
  t.equal(await get({ ca: certs.caCertPem, servername: `${HOSTNAME}.local` }), 'xin chào', '.local name');
  t.equal(await get({ ca: certs.caCertPem }), 'xin chào', 'by IP 127.0.0.1');

  const noCa = await get({ servername: HOSTNAME }).then(
    () => undefined,
    (e: NodeJS.ErrnoException) => e,
  );
  t.ok(noCa, 'connection without the CA fails');
  t.match(noCa?.code ?? '', /CERT|VERIFY|SIGNATURE/, `certificate error (${noCa?.code})`);

  const wrongName = await get({ ca: certs.caCertPem, servername: 'khac.example' }).then(
    () => undefined,
    (e: NodeJS.ErrnoException) => e,
  );
  t.equal(wrongName?.code, 'ERR_TLS_CERT_ALTNAME_INVALID', 'name outside the SANs rejected');
});

t.test('install guide', async (t) => {
  const g = buildCaInstallGuide({
    downloadUrl: 'http://192.168.1.20/ca.crt',
    fingerprintSha256: 'AA:BB',
    caName: 'Phonghoc Local CA — Trường X',
  });
  for (const lang of ['vi', 'en'] as const) {
    t.equal(g[lang].steps.length, 5, `${lang}: five platforms`);
    for (const p of g[lang].steps) {
      t.ok(p.steps.length >= 3, `${lang}/${p.platform} has steps`);
      t.ok(p.steps.some((s) => s.includes('http://192.168.1.20/ca.crt')), `${lang}/${p.platform} links the download`);
      t.ok(p.steps.some((s) => s.includes('AA:BB')), `${lang}/${p.platform} shows the fingerprint`);
    }
  }
  t.match(g.vi.title, /chứng chỉ/);
  const ios = g.vi.steps.find((p) => p.platform.startsWith('iPhone'));
  t.ok(ios?.steps.some((s) => s.includes('Cài đặt tin cậy chứng nhận')), 'iOS full-trust step (vi)');
  const iosEn = g.en.steps.find((p) => p.platform.startsWith('iPhone'));
  t.ok(iosEn?.steps.some((s) => s.includes('Certificate Trust Settings')), 'iOS full-trust step (en)');
  t.same(
    g.vi.steps.map((p) => p.platform),
    g.en.steps.map((p) => p.platform),
  );
  const plain = buildCaInstallGuide();
  t.notOk(JSON.stringify(plain).includes('undefined'));
});
