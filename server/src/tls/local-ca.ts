/**
 * Local certificate authority for HTTPS on the school LAN.
 *
 * Circular 09 Art. 10.2 requires encryption in transit on the LAN as well, but
 * an appliance sitting on a private network cannot obtain a publicly trusted
 * certificate for `192.168.x.y`. Instead the box runs its own small CA: the CA
 * certificate is installed once on every device (see `ca-install-guide.ts`),
 * and the CA signs a short-lived server certificate for the box's hostname and
 * LAN addresses. The server certificate can be re-issued freely (new address,
 * approaching expiry); the CA never is, because that would break every device
 * that already trusts it.
 *
 * Files in `dir` (created 0700):
 *   ca.key      0600  CA private key (PKCS#8 PEM)
 *   ca.crt      0644  CA certificate (PEM) — the file devices install
 *   server.key  0600  server private key (PKCS#8 PEM)
 *   server.crt  0644  server certificate (PEM)
 */
import crypto from 'node:crypto';
import { mkdir, open, readFile, rename, rm, chmod, stat } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import forge from 'node-forge';

export interface LocalCertificates {
  caCertPem: string;
  serverCertPem: string;
  serverKeyPem: string;
  /** SHA-256 of the CA certificate DER, colon-separated upper-case hex (as browsers show it). */
  caFingerprintSha256: string;
  serverNotAfter: Date;
  created: { ca: boolean; server: boolean };
}

export interface EnsureLocalCertificatesOptions {
  /** Directory holding the CA and server key material. Created with mode 0700 if missing. */
  dir: string;
  /** The appliance's hostname, e.g. `phonghoc` or `phonghoc.truong.edu.vn`. */
  hostname: string;
  /** LAN IP addresses the appliance is reachable on (IPv4 or IPv6). */
  addresses: string[];
  /** Used in the CA's common name so teachers recognise it on their devices. */
  schoolName?: string;
  /** Current time; tests use it to simulate the future. */
  now?: Date;
}

export class LocalCaError extends Error {
  override readonly name = 'LocalCaError';
}

const CA_KEY = 'ca.key';
const CA_CRT = 'ca.crt';
const SERVER_KEY = 'server.key';
const SERVER_CRT = 'server.crt';

const RSA_BITS = 2048;
const CA_VALIDITY_YEARS = 10;
/** Browsers (Apple, Chrome) reject leaf certificates valid for more than 398 days. */
const SERVER_VALIDITY_DAYS = 397;
const RENEW_BEFORE_DAYS = 30;
const BACKDATE_MS = 60_000;
const DAY_MS = 86_400_000;
/** X.520 upper bound for commonName. */
const CN_MAX_LENGTH = 64;

const UTF8 = forge.asn1.Type.UTF8 as unknown as forge.asn1.Class;

const generateKeyPair = promisify(crypto.generateKeyPair);

/** Serialises concurrent calls for the same directory inside this process. */
const locks = new Map<string, Promise<unknown>>();

export async function ensureLocalCertificates(
  opts: EnsureLocalCertificatesOptions,
): Promise<LocalCertificates> {
  const dir = path.resolve(opts.dir);
  const previous = locks.get(dir) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => ensureUnlocked(dir, opts));
  locks.set(dir, run);
  try {
    return await run;
  } finally {
    if (locks.get(dir) === run) locks.delete(dir);
  }
}

interface CaMaterial {
  certPem: string;
  keyPem: string;
  cert: forge.pki.Certificate;
  key: forge.pki.rsa.PrivateKey;
  x509: crypto.X509Certificate;
}

interface SanSet {
  dns: string[];
  /** Raw network-order address bytes. */
  ips: Buffer[];
}

async function ensureUnlocked(
  dir: string,
  opts: EnsureLocalCertificatesOptions,
): Promise<LocalCertificates> {
  const now = opts.now ?? new Date();
  if (Number.isNaN(now.getTime())) throw new TypeError('ensureLocalCertificates: invalid `now`');
  const hostname = normaliseHostname(opts.hostname);
  const wanted = wantedSans(hostname, opts.addresses);

  const createdDir = await mkdir(dir, { recursive: true, mode: 0o700 });
  if (createdDir !== undefined) await chmod(dir, 0o700); // exact mode regardless of umask

  let ca = await loadCa(dir);
  let createdCa = false;
  if (!ca) {
    ca = await createCa(dir, opts.schoolName?.normalize('NFC').trim() || hostname, now);
    createdCa = true;
  }
  const caNotAfter = ca.cert.validity.notAfter;
  if (caNotAfter.getTime() <= now.getTime()) {
    throw new LocalCaError(
      `The local CA in ${dir} expired on ${caNotAfter.toISOString()}. ` +
        `Delete ${CA_KEY} and ${CA_CRT} to create a new one, then reinstall it on every device.`,
    );
  }

  let server = createdCa ? undefined : await loadUsableServer(dir, ca, wanted, now);
  let createdServer = false;
  if (!server) {
    server = await issueServer(dir, ca, hostname, wanted, now);
    createdServer = true;
  }
  if (createdCa || createdServer) await syncDir(dir);

  return {
    caCertPem: ca.certPem,
    serverCertPem: server.certPem,
    serverKeyPem: server.keyPem,
    caFingerprintSha256: ca.x509.fingerprint256,
    serverNotAfter: server.notAfter,
    created: { ca: createdCa, server: createdServer },
  };
}

// ---------------------------------------------------------------- CA

/**
 * Returns the existing CA, or undefined when its files are missing. A CA whose
 * files exist but are unreadable, corrupt or mismatched is an error: silently
 * replacing it would invalidate every device that installed it.
 */
async function loadCa(dir: string): Promise<CaMaterial | undefined> {
  const keyPath = path.join(dir, CA_KEY);
  const crtPath = path.join(dir, CA_CRT);
  const [keyPem, certPem] = await Promise.all([readIfExists(keyPath), readIfExists(crtPath)]);
  if (keyPem === undefined || certPem === undefined) {
    // Half a CA is useless (cannot sign without the key; devices cannot trust
    // a key without its certificate). Keep the orphan aside rather than lose it.
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    if (keyPem !== undefined) await rename(keyPath, `${keyPath}.orphan-${stamp}`);
    if (certPem !== undefined) await rename(crtPath, `${crtPath}.orphan-${stamp}`);
    return undefined;
  }
  try {
    const x509 = new crypto.X509Certificate(certPem);
    const privateKey = crypto.createPrivateKey(keyPem);
    if (!x509.ca) throw new Error(`${CA_CRT} is not a CA certificate`);
    if (!x509.checkPrivateKey(privateKey)) throw new Error(`${CA_KEY} does not match ${CA_CRT}`);
    const cert = forge.pki.certificateFromPem(certPem);
    const key = forge.pki.privateKeyFromPem(keyPem);
    await tightenMode(keyPath, 0o600);
    return { certPem, keyPem, cert, key, x509 };
  } catch (err) {
    throw new LocalCaError(
      `The local CA in ${dir} exists but cannot be used (${(err as Error).message}). ` +
        `It was not replaced automatically because devices trust it; ` +
        `restore it from backup, or delete ${CA_KEY} and ${CA_CRT} to create a new CA.`,
      { cause: err },
    );
  }
}

async function createCa(dir: string, name: string, now: Date): Promise<CaMaterial> {
  const { keyPem, publicKey, privateKey } = await newRsaKey();
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = randomSerial();
  cert.validity.notBefore = new Date(now.getTime() - BACKDATE_MS);
  const notAfter = new Date(cert.validity.notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + CA_VALIDITY_YEARS);
  cert.validity.notAfter = notAfter;
  const subject: forge.pki.CertificateField[] = [
    { shortName: 'CN', value: truncate(`Phonghoc Local CA — ${name}`, CN_MAX_LENGTH), valueTagClass: UTF8 },
    { shortName: 'O', value: 'Phonghoc', valueTagClass: UTF8 },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', critical: true, cA: true, pathLenConstraint: 0 },
    { name: 'keyUsage', critical: true, keyCertSign: true, cRLSign: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(privateKey, forge.md.sha256.create());
  const certPem = forge.pki.certificateToPem(cert);

  // The key goes first: if we crash in between, the certificate is missing and
  // the next start treats the CA as absent, which is the truth.
  await writeFileAtomic(path.join(dir, CA_KEY), keyPem, 0o600);
  await writeFileAtomic(path.join(dir, CA_CRT), certPem, 0o644);
  // Re-parse so the in-memory CA looks exactly like one loaded from disk
  // (forge represents parsed and hand-built name attributes differently).
  return {
    certPem,
    keyPem,
    cert: forge.pki.certificateFromPem(certPem),
    key: privateKey,
    x509: new crypto.X509Certificate(certPem),
  };
}

// ---------------------------------------------------------------- server certificate

interface ServerMaterial {
  certPem: string;
  keyPem: string;
  notAfter: Date;
}

/** Returns the existing server certificate if it can keep being used, otherwise undefined. */
async function loadUsableServer(
  dir: string,
  ca: CaMaterial,
  wanted: SanSet,
  now: Date,
): Promise<ServerMaterial | undefined> {
  try {
    const [certPem, keyPem] = await Promise.all([
      readFile(path.join(dir, SERVER_CRT), 'utf8'),
      readFile(path.join(dir, SERVER_KEY), 'utf8'),
    ]);
    const x509 = new crypto.X509Certificate(certPem);
    if (!x509.checkIssued(ca.x509) || !x509.verify(ca.x509.publicKey)) return undefined;
    if (!x509.checkPrivateKey(crypto.createPrivateKey(keyPem))) return undefined;

    const cert = forge.pki.certificateFromPem(certPem);
    const { notBefore, notAfter } = cert.validity;
    if (notBefore.getTime() > now.getTime()) return undefined; // issued under a wrong clock
    if (notAfter.getTime() - now.getTime() < RENEW_BEFORE_DAYS * DAY_MS) return undefined;

    const have = certSans(cert);
    const haveDns = new Set(have.dns);
    if (!wanted.dns.every((d) => haveDns.has(d))) return undefined;
    const haveIps = new Set(have.ips.map((b) => b.toString('hex')));
    if (!wanted.ips.every((b) => haveIps.has(b.toString('hex')))) return undefined;

    return { certPem, keyPem, notAfter };
  } catch {
    // Missing, unreadable or unparsable: simply issue a new one.
    return undefined;
  }
}

async function issueServer(
  dir: string,
  ca: CaMaterial,
  hostname: string,
  sans: SanSet,
  now: Date,
): Promise<ServerMaterial> {
  const { keyPem, publicKey } = await newRsaKey();
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = randomSerial();
  const notBefore = new Date(now.getTime() - BACKDATE_MS);
  // Never outlive the CA (only matters in the CA's last year).
  const notAfter = new Date(
    Math.min(notBefore.getTime() + SERVER_VALIDITY_DAYS * DAY_MS, ca.cert.validity.notAfter.getTime()),
  );
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = notAfter;
  cert.setSubject([{ shortName: 'CN', value: hostname, valueTagClass: UTF8 }]);
  cert.setIssuer(issuerFieldsFrom(ca.cert));

  const altNames: { type: number; value: string }[] = [
    ...sans.dns.map((d) => ({ type: 2, value: d })),
    ...sans.ips.map((b) => ({ type: 7, value: b.toString('binary') })),
  ];
  cert.setExtensions([
    { name: 'basicConstraints', critical: true, cA: false },
    { name: 'keyUsage', critical: true, digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caKeyIdentifier(ca.cert) },
  ]);
  cert.sign(ca.key, forge.md.sha256.create());
  const certPem = forge.pki.certificateToPem(cert);

  // Cheap self-check with OpenSSL before anything reaches the disk.
  const x509 = new crypto.X509Certificate(certPem);
  if (!x509.checkIssued(ca.x509) || !x509.verify(ca.x509.publicKey)) {
    throw new LocalCaError('Internal error: freshly issued server certificate does not chain to the CA');
  }

  // Key first: a crash in between leaves a key/cert mismatch, which the next
  // call detects and repairs by issuing again.
  await writeFileAtomic(path.join(dir, SERVER_KEY), keyPem, 0o600);
  await writeFileAtomic(path.join(dir, SERVER_CRT), certPem, 0o644);
  return { certPem, keyPem, notAfter: cert.validity.notAfter };
}

/**
 * Copies the CA's subject for use as issuer. forge keeps parsed UTF8String
 * values as raw UTF-8 bytes but encodes them again on output, so decode first.
 */
function issuerFieldsFrom(caCert: forge.pki.Certificate): forge.pki.CertificateField[] {
  return caCert.subject.attributes.map((a) => {
    const field: forge.pki.CertificateField = { type: a.type };
    if (a.valueTagClass !== undefined) field.valueTagClass = a.valueTagClass;
    field.value =
      a.valueTagClass === UTF8 && typeof a.value === 'string' ? forge.util.decodeUtf8(a.value) : a.value;
    return field;
  });
}

function caKeyIdentifier(caCert: forge.pki.Certificate): string {
  const ext = caCert.getExtension('subjectKeyIdentifier') as { subjectKeyIdentifier?: string } | undefined;
  if (ext?.subjectKeyIdentifier) return forge.util.hexToBytes(ext.subjectKeyIdentifier);
  return caCert.generateSubjectKeyIdentifier().getBytes();
}

function certSans(cert: forge.pki.Certificate): SanSet {
  const ext = cert.getExtension('subjectAltName') as
    | { altNames?: { type: number; value: string }[] }
    | undefined;
  const out: SanSet = { dns: [], ips: [] };
  for (const n of ext?.altNames ?? []) {
    if (n.type === 2) out.dns.push(n.value.toLowerCase());
    else if (n.type === 7) out.ips.push(Buffer.from(n.value, 'binary'));
  }
  return out;
}

// ---------------------------------------------------------------- names

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

function normaliseHostname(raw: string): string {
  const h = raw.trim().toLowerCase().replace(/\.$/, '');
  if (net.isIP(h)) return h;
  if (h.length === 0 || h.length > 253 || !h.split('.').every((l) => LABEL.test(l))) {
    throw new TypeError(`ensureLocalCertificates: invalid hostname ${JSON.stringify(raw)}`);
  }
  return h;
}

function wantedSans(hostname: string, addresses: readonly string[]): SanSet {
  const dns: string[] = [];
  const addDns = (d: string): void => {
    if (!dns.includes(d)) dns.push(d);
  };
  const ips: Buffer[] = [];
  const addIp = (a: string): void => {
    const b = ipToBytes(a);
    if (!b) throw new TypeError(`ensureLocalCertificates: invalid IP address ${JSON.stringify(a)}`);
    if (!ips.some((x) => x.equals(b))) ips.push(b);
  };

  if (net.isIP(hostname)) {
    addIp(hostname);
  } else {
    addDns(hostname);
    if (!hostname.includes('.') && hostname !== 'localhost') addDns(`${hostname}.local`);
  }
  addDns('localhost');
  for (const a of addresses) addIp(a);
  addIp('127.0.0.1');
  addIp('::1');
  return { dns, ips };
}

/** Parses an IPv4/IPv6 literal (optionally with a `%zone`) into network-order bytes. */
export function ipToBytes(input: string): Buffer | undefined {
  const ip = input.trim().split('%')[0] ?? '';
  const family = net.isIP(ip);
  if (family === 4) return Buffer.from(ip.split('.').map(Number));
  if (family !== 6) return undefined;

  let text = ip;
  let v4Tail: number[] | undefined;
  const lastColon = text.lastIndexOf(':');
  const last = text.slice(lastColon + 1);
  if (last.includes('.')) {
    v4Tail = last.split('.').map(Number);
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const parseGroups = (s: string): number[] => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  let groups: number[];
  const gap = text.indexOf('::');
  if (gap >= 0) {
    const head = parseGroups(text.slice(0, gap));
    const tail = parseGroups(text.slice(gap + 2));
    groups = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  } else {
    groups = parseGroups(text);
  }
  if (groups.length !== 8) return undefined;
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(g, i * 2));
  if (v4Tail) Buffer.from(v4Tail).copy(out, 12);
  return out;
}

/** Shortens to at most `max` code points, preferring a word boundary, marking the cut with "…". */
function truncate(s: string, max: number): string {
  const chars = Array.from(s);
  if (chars.length <= max) return s;
  let head = chars.slice(0, max - 1).join('');
  const space = head.lastIndexOf(' ');
  if (space >= head.length - 16) head = head.slice(0, space);
  return `${head.replace(/[\s,;:.\-—]+$/u, '')}…`;
}

// ---------------------------------------------------------------- crypto helpers

async function newRsaKey(): Promise<{
  keyPem: string;
  privateKey: forge.pki.rsa.PrivateKey;
  publicKey: forge.pki.rsa.PublicKey;
}> {
  // Node's native generator runs on the libuv thread pool, so it does not
  // block the event loop the way forge's JavaScript fallback could.
  const { privateKey: keyPem, publicKey: pubPem } = await generateKeyPair('rsa', {
    modulusLength: RSA_BITS,
    publicExponent: 0x10001,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return {
    keyPem,
    privateKey: forge.pki.privateKeyFromPem(keyPem),
    publicKey: forge.pki.publicKeyFromPem(pubPem),
  };
}

/** 16 random bytes, positive and minimally DER-encoded (first byte 0x01..0x7f). */
function randomSerial(): string {
  const bytes = crypto.randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) || 0x01;
  return bytes.toString('hex');
}

// ---------------------------------------------------------------- filesystem helpers

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new LocalCaError(`Cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
}

async function writeFileAtomic(file: string, data: string, mode: number): Promise<void> {
  const tmp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`,
  );
  try {
    const fh = await open(tmp, 'wx', mode);
    try {
      await fh.writeFile(data, 'utf8');
      await fh.chmod(mode); // umask may have removed bits we want, e.g. 0644
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Makes the renames durable; best effort (not supported on every platform). */
async function syncDir(dir: string): Promise<void> {
  try {
    const fh = await open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    /* ignore */
  }
}

async function tightenMode(file: string, mode: number): Promise<void> {
  try {
    const st = await stat(file);
    if ((st.mode & 0o777 & ~mode) !== 0) await chmod(file, mode);
  } catch {
    /* best effort */
  }
}
