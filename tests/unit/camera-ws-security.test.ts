// WS-Security UsernameToken digests (ONVIF's authentication) and HTTP Digest/Basic (snapshot
// URLs, RTSP), checked against vectors computed independently here with node:crypto, a literal
// computed outside Node (Python hashlib), and RFC 2617's published example.
import t from 'tap';
import { createHash } from 'node:crypto';
import {
  NonceCache,
  PASSWORD_DIGEST_TYPE,
  passwordDigest,
  usernameTokenHeader,
  verifyUsernameToken,
  wsuCreated,
} from '../../appliance/src/cameras/ws-security.js';
import { HttpAuthVerifier, authorizationFor, digestResponse, parseChallenges } from '../../appliance/src/cameras/http-auth.js';
import { parseSoap, soapEnvelope } from '../../appliance/src/cameras/soap.js';

const NONCE = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex');
const CREATED = '2024-09-05T08:00:00Z';
const PASSWORD = 'Mật khẩu-1';
const ACCOUNT = { username: 'giaovien', password: PASSWORD };

t.test('PasswordDigest = Base64(SHA1(nonce bytes + Created + password)), UTF-8', async (t) => {
  const independent = createHash('sha1')
    .update(Buffer.concat([NONCE, Buffer.from(CREATED, 'utf8'), Buffer.from(PASSWORD, 'utf8')]))
    .digest('base64');
  t.equal(passwordDigest(NONCE, CREATED, PASSWORD), independent);
  // The same vector computed with Python's hashlib, so a shared mistake in Node code cannot hide.
  t.equal(passwordDigest(NONCE, CREATED, PASSWORD), '9MNygNQDqJHjNqvzCfH4F2G2GMc=');
  // Hashing the Base64 text of the nonce instead of its bytes is the classic mistake.
  const wrong = createHash('sha1').update(NONCE.toString('base64') + CREATED + PASSWORD, 'utf8').digest('base64');
  t.not(passwordDigest(NONCE, CREATED, PASSWORD), wrong);
});

t.test('wsu:Created is UTC without milliseconds', async (t) => {
  t.equal(wsuCreated(new Date('2024-09-05T08:00:00.789Z')), '2024-09-05T08:00:00Z');
});

function header(opts: { username?: string; password?: string; created: Date; nonce?: Buffer }) {
  const xml = soapEnvelope('<x/>', {
    header: usernameTokenHeader({ username: opts.username ?? ACCOUNT.username, password: opts.password ?? PASSWORD, now: opts.created, ...(opts.nonce ? { nonce: opts.nonce } : {}) }),
  });
  return parseSoap(xml).header;
}

t.test('the header carries the token a device can verify', async (t) => {
  const now = Date.parse(CREATED);
  const h = header({ created: new Date(now), nonce: NONCE });
  const nonces = new NonceCache();
  t.same(verifyUsernameToken(h, ACCOUNT, { nowMs: now, nonces }), { ok: true, username: 'giaovien' });
  t.same(verifyUsernameToken(h, ACCOUNT, { nowMs: now, nonces }), { ok: false, reason: 'replayed-nonce' }, 'the same nonce twice is a replay');
});

t.test('refusals: wrong password, unknown user, stale or future Created, text passwords, nothing', async (t) => {
  const now = Date.parse(CREATED);
  const nonces = new NonceCache();
  const check = (h: ReturnType<typeof header>, nowMs = now) => verifyUsernameToken(h, ACCOUNT, { nowMs, nonces });
  t.same(check(header({ created: new Date(now), password: 'sai' })), { ok: false, reason: 'wrong-password' });
  t.same(check(header({ created: new Date(now), username: 'khach' })), { ok: false, reason: 'unknown-user' });
  t.same(check(header({ created: new Date(now - 6 * 60_000) })), { ok: false, reason: 'stale' }, '6 minutes old');
  t.same(check(header({ created: new Date(now + 6 * 60_000) })), { ok: false, reason: 'stale' }, '6 minutes ahead');
  t.same(check(header({ created: new Date(now - 4 * 60_000) })), { ok: true, username: 'giaovien' }, '4 minutes old is within the window');
  t.same(verifyUsernameToken(undefined, ACCOUNT, { nowMs: now, nonces }), { ok: false, reason: 'missing' });

  const text = parseSoap(
    soapEnvelope('<x/>', {
      header:
        '<wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd" xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd">' +
        `<wsse:UsernameToken><wsse:Username>giaovien</wsse:Username><wsse:Password>${PASSWORD}</wsse:Password>` +
        `<wsse:Nonce>${NONCE.toString('base64')}</wsse:Nonce><wsu:Created>${CREATED}</wsu:Created></wsse:UsernameToken></wsse:Security>`,
    }),
  ).header;
  t.same(check(text), { ok: false, reason: 'unsupported-password-type' }, 'PasswordText (no Type) is refused');
  t.ok(PASSWORD_DIGEST_TYPE.endsWith('#PasswordDigest'));
});

t.test('a wrong password does not use up the nonce', async (t) => {
  const now = Date.parse(CREATED);
  const nonces = new NonceCache();
  const nonce = Buffer.from('retry-nonce-0001');
  t.same(verifyUsernameToken(header({ created: new Date(now), nonce, password: 'sai' }), ACCOUNT, { nowMs: now, nonces }).ok, false);
  t.same(verifyUsernameToken(header({ created: new Date(now), nonce }), ACCOUNT, { nowMs: now, nonces }).ok, true);
});

t.test('the nonce cache forgets old nonces and stays bounded', async (t) => {
  const cache = new NonceCache({ retainMs: 1000, max: 3 });
  t.ok(cache.remember('a', 0));
  t.notOk(cache.remember('a', 500));
  t.ok(cache.remember('a', 1500), 'forgotten after the retention time');
  for (const n of ['b', 'c', 'd']) cache.remember(n, 1600);
  t.ok(cache.remember('a', 1700), 'the oldest entry made room');
});

t.test('HTTP Digest: RFC 2617 example and our own challenge round trip', async (t) => {
  t.equal(
    digestResponse({
      algorithm: 'MD5', username: 'Mufasa', realm: 'testrealm@host.com', password: 'Circle Of Life', method: 'GET',
      uri: '/dir/index.html', nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093', qop: 'auth', nc: '00000001', cnonce: '0a4f113b',
    }),
    '6629fae49393a05397450978507c4ef1',
  );
  let clock = 1_000_000;
  const v = new HttpAuthVerifier({ realm: 'Camera Lop 10A1', username: 'giaovien', password: PASSWORD, now: () => clock });
  const challenges = parseChallenges(v.challenges());
  t.same(challenges.map((c) => c.scheme), ['Digest', 'Basic']);
  const req = { username: 'giaovien', password: PASSWORD, method: 'DESCRIBE', uri: 'rtsp://127.0.0.1/stream/main' };
  const digest = authorizationFor(challenges, req);
  t.match(digest, /^Digest /, 'Digest is preferred over Basic');
  t.equal(v.verify('DESCRIBE', digest), 'ok');
  t.equal(v.verify('SETUP', digest), 'denied', 'the method is part of the digest');
  t.equal(v.verify('DESCRIBE', authorizationFor(challenges, { ...req, password: 'sai' })), 'denied');
  clock += 6 * 60_000;
  t.equal(v.verify('DESCRIBE', digest), 'stale', 'an old nonce asks the client to retry');
  t.equal(v.verify('GET', authorizationFor(parseChallenges(['Basic realm="x"']), { ...req, method: 'GET' })), 'ok', 'Basic with a UTF-8 password');
  t.equal(v.verify('GET', 'Basic ' + Buffer.from('giaovien:sai').toString('base64')), 'denied');
  t.equal(v.verify('GET', undefined), 'denied');
});

t.test('challenge parsing copes with joined headers and quoted commas', async (t) => {
  const [d, b] = parseChallenges(['Digest realm="a, b", nonce="n\\"1", qop="auth,auth-int", Basic realm="c"']);
  t.equal(d?.params.get('realm'), 'a, b');
  t.equal(d?.params.get('nonce'), 'n"1');
  t.equal(d?.params.get('qop'), 'auth,auth-int');
  t.equal(b?.scheme, 'Basic');
  t.equal(b?.params.get('realm'), 'c');
});
