import os from 'node:os';
import path from 'node:path';

/**
 * The appliance's configuration: the only code that reads process.env. Validated once at start;
 * a bad value stops the start with a message naming the variable and what is wrong.
 */
export interface AppConfig {
  dataDir: string;
  /** Plain HTTP for the kiosk, bound to localhost only. */
  http: { host: string; port: number };
  /** HTTPS for the LAN, with the appliance's own certificate authority. 0 disables it (tests). */
  https: { host: string; port: number };
  /** Name and addresses students and parents use to reach the box; they go into the certificate. */
  publicHostname: string;
  publicAddresses: string[];
  /** Undefined → the embedded SQLite file under dataDir. */
  databaseUrl: string | undefined;
  /** Media (mediasoup) transports: port range, the IP they bind to and the address announced to browsers. */
  rtc: { minPort: number; maxPort: number; listenIp: string; announcedAddress: string | undefined };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  language: 'vi' | 'en';
  /** Sessions: idle timeout in minutes (the kiosk signs out sooner, in the UI). */
  sessionIdleMinutes: number;
  /** Serve cookies with the Secure flag; off only for plain-HTTP tests. */
  secureCookies: boolean;
  /** On balena: the Supervisor API the device talks to (restart the kiosk, update lock). */
  balena: { address: string; apiKey: string; appId: string | undefined } | undefined;
  /** The H5P core and editor files installed into the image, if any. */
  h5pCoreDir: string | undefined;
  /** Sessions opened at the kiosk by PIN or QR code end after this many idle minutes (server-enforced). */
  kioskIdleMinutes: number;
  /** Demo mode: run the virtual ONVIF camera on 127.0.0.1 and use it as the room camera when none is configured. */
  demoCamera: boolean;
  /** Largest video a teacher may upload as a learning material, in MB (Art. 7.1 lectures; default 500). */
  materialVideoMaxMb: number;
}

export class ConfigError extends Error {
  constructor(readonly variable: string, problem: string) {
    super(`Cấu hình không hợp lệ / invalid configuration: ${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function port(env: Env, name: string, fallback: number, allowZero = false): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1) || n > 65535) {
    throw new ConfigError(name, `"${raw}" is not a port number (${allowZero ? 0 : 1}–65535)`);
  }
  return n;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `"${raw}" must be one of ${allowed.join(', ')}`);
  }
  return raw as T;
}

function positiveInt(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new ConfigError(name, `"${raw}" must be a positive whole number`);
  return n;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const HOSTNAME = /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

function isIp(value: string): boolean {
  return IPV4.test(value) || (value.includes(':') && /^[0-9a-fA-F:.]+$/.test(value));
}

/** The box's own non-internal IPv4/IPv6 addresses, for the certificate and the media server. */
export function lanAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((a): a is os.NetworkInterfaceInfo => !!a && !a.internal)
    .map((a) => a.address);
}

export function loadConfig(env: Env = process.env): AppConfig {
  const dataDir = path.resolve(env.PHONGHOC_DATA_DIR || path.join(process.cwd(), 'data'));

  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL', 'must start with postgres:// or postgresql:// (leave it unset for the embedded SQLite database)');
  }

  const publicHostname = env.PHONGHOC_HOSTNAME || os.hostname();
  if (!HOSTNAME.test(publicHostname)) throw new ConfigError('PHONGHOC_HOSTNAME', `"${publicHostname}" is not a valid host name`);

  const publicAddresses = env.PHONGHOC_PUBLIC_ADDRESSES
    ? env.PHONGHOC_PUBLIC_ADDRESSES.split(',').map((s) => s.trim()).filter(Boolean)
    : lanAddresses();
  for (const a of publicAddresses) {
    if (!isIp(a)) throw new ConfigError('PHONGHOC_PUBLIC_ADDRESSES', `"${a}" is not an IP address (comma-separated list)`);
  }

  const minPort = port(env, 'PHONGHOC_RTC_MIN_PORT', 40000);
  const maxPort = port(env, 'PHONGHOC_RTC_MAX_PORT', 40999);
  if (minPort >= maxPort) throw new ConfigError('PHONGHOC_RTC_MAX_PORT', `must be greater than PHONGHOC_RTC_MIN_PORT (${minPort})`);
  const listenIp = env.PHONGHOC_RTC_LISTEN_IP || '0.0.0.0';
  if (!isIp(listenIp)) throw new ConfigError('PHONGHOC_RTC_LISTEN_IP', `"${listenIp}" is not an IP address`);
  let announcedAddress = env.PHONGHOC_RTC_ANNOUNCED_ADDRESS || undefined;
  if (announcedAddress && !isIp(announcedAddress) && !HOSTNAME.test(announcedAddress)) {
    throw new ConfigError('PHONGHOC_RTC_ANNOUNCED_ADDRESS', `"${announcedAddress}" is neither an IP address nor a host name`);
  }
  // Bound to every interface, browsers need a concrete address: the box's first LAN address.
  if (!announcedAddress && (listenIp === '0.0.0.0' || listenIp === '::')) announcedAddress = publicAddresses[0] ?? '127.0.0.1';

  const httpPort = port(env, 'PHONGHOC_HTTP_PORT', 8080, true);
  const httpsPort = port(env, 'PHONGHOC_HTTPS_PORT', 8443, true);
  if (httpPort !== 0 && httpPort === httpsPort) throw new ConfigError('PHONGHOC_HTTPS_PORT', 'must differ from PHONGHOC_HTTP_PORT');

  const httpHost = env.PHONGHOC_HTTP_HOST || '127.0.0.1';
  if (!['127.0.0.1', 'localhost', '::1'].includes(httpHost)) {
    // Art. 10.2: plain HTTP never leaves the box; the LAN gets HTTPS only.
    throw new ConfigError('PHONGHOC_HTTP_HOST', 'plain HTTP is for the kiosk on this box only: use 127.0.0.1, ::1 or localhost');
  }

  return {
    dataDir,
    http: { host: httpHost, port: httpPort },
    https: { host: env.PHONGHOC_HTTPS_HOST || '0.0.0.0', port: httpsPort },
    publicHostname,
    publicAddresses,
    databaseUrl,
    rtc: { minPort, maxPort, listenIp, announcedAddress },
    logLevel: oneOf(env, 'PHONGHOC_LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    language: oneOf(env, 'PHONGHOC_LANGUAGE', ['vi', 'en'] as const, 'vi'),
    sessionIdleMinutes: positiveInt(env, 'PHONGHOC_SESSION_IDLE_MINUTES', 120),
    secureCookies: oneOf(env, 'PHONGHOC_SECURE_COOKIES', ['true', 'false'] as const, 'true') === 'true',
    balena: env.BALENA_SUPERVISOR_ADDRESS && env.BALENA_SUPERVISOR_API_KEY
      ? { address: env.BALENA_SUPERVISOR_ADDRESS, apiKey: env.BALENA_SUPERVISOR_API_KEY, appId: env.BALENA_APP_ID || undefined }
      : undefined,
    h5pCoreDir: env.PHONGHOC_H5P_CORE_DIR || undefined,
    kioskIdleMinutes: positiveInt(env, 'PHONGHOC_KIOSK_IDLE_MINUTES', 10),
    demoCamera: ['1', 'true'].includes(oneOf(env, 'PHONGHOC_DEMO_CAMERA', ['0', '1', 'true', 'false'] as const, '0')),
    materialVideoMaxMb: positiveInt(env, 'PHONGHOC_MATERIAL_VIDEO_MAX_MB', 500),
  };
}
