import t from 'tap';
import { loadConfig, ConfigError } from '../../server/src/config/config.js';

const base = { PHONGHOC_DATA_DIR: '/tmp/phonghoc-config-test', PHONGHOC_HOSTNAME: 'phonghoc-box', PHONGHOC_PUBLIC_ADDRESSES: '192.168.1.20' };

t.test('defaults: kiosk on localhost:8080, LAN HTTPS on 8443, SQLite, Vietnamese', async (t) => {
  const c = loadConfig(base);
  t.same(c.http, { host: '127.0.0.1', port: 8080 });
  t.equal(c.https.port, 8443);
  t.equal(c.databaseUrl, undefined);
  t.equal(c.language, 'vi');
  t.same(c.publicAddresses, ['192.168.1.20']);
  t.same(c.rtc, { minPort: 40000, maxPort: 40999, listenIp: '0.0.0.0', announcedAddress: '192.168.1.20' }, 'announced: the first LAN address');
});

t.test('bad values stop the start, naming the variable', async (t) => {
  const cases: [Record<string, string>, string, RegExp][] = [
    [{ PHONGHOC_HTTPS_PORT: '99999' }, 'PHONGHOC_HTTPS_PORT', /port number/],
    [{ PHONGHOC_HTTP_PORT: 'abc' }, 'PHONGHOC_HTTP_PORT', /port number/],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL', /postgres/],
    [{ PHONGHOC_RTC_MIN_PORT: '41000', PHONGHOC_RTC_MAX_PORT: '40000' }, 'PHONGHOC_RTC_MAX_PORT', /greater/],
    [{ PHONGHOC_LOG_LEVEL: 'loud' }, 'PHONGHOC_LOG_LEVEL', /one of/],
    [{ PHONGHOC_LANGUAGE: 'fr' }, 'PHONGHOC_LANGUAGE', /vi, en/],
    [{ PHONGHOC_PUBLIC_ADDRESSES: '192.168.1.300' }, 'PHONGHOC_PUBLIC_ADDRESSES', /not an IP/],
    [{ PHONGHOC_HOSTNAME: 'bad_host!' }, 'PHONGHOC_HOSTNAME', /host name/],
    [{ PHONGHOC_HTTP_HOST: '0.0.0.0' }, 'PHONGHOC_HTTP_HOST', /kiosk/],
    [{ PHONGHOC_HTTP_PORT: '9000', PHONGHOC_HTTPS_PORT: '9000' }, 'PHONGHOC_HTTPS_PORT', /differ/],
    [{ PHONGHOC_SESSION_IDLE_MINUTES: '-5' }, 'PHONGHOC_SESSION_IDLE_MINUTES', /positive/],
  ];
  for (const [env, variable, problem] of cases) {
    try {
      loadConfig({ ...base, ...env });
      t.fail(`${variable} should be refused`);
    } catch (err) {
      t.ok(err instanceof ConfigError, variable);
      t.equal((err as ConfigError).variable, variable);
      t.match((err as Error).message, problem);
      t.match((err as Error).message, variable);
    }
  }
});
