/**
 * The variables an IT operator may set on a fleet or a device (balena device/fleet variables end up
 * in the containers' environment), and their validation with the appliance's own rules: the
 * server's `loadConfig`, the kiosk's `parseKioskEnv`, and the TURN service's rules below.
 */
import { ConfigError, loadConfig } from '../../server/src/config/config.js';
import { KIOSK_VARIABLES, KioskEnvError, parseKioskEnv } from '../../appliance/src/kiosk/kiosk-env.js';

export type VariableGroup = 'server' | 'kiosk' | 'turn';

export interface VariableInfo {
  group: VariableGroup;
  vi: string;
  en: string;
  /** Why an operator must not set it (it is fixed by the image), when that is the case. */
  fixed?: string;
  /** Values are masked when printed. */
  secret?: boolean;
}

/** Every variable the server reads (server/src/config/config.ts); a unit test keeps this in step. */
export const SERVER_VARIABLES: Record<string, VariableInfo> = {
  PHONGHOC_MATERIAL_VIDEO_MAX_MB: { group: 'server', vi: 'dung lượng tối đa (MB) của một video học liệu giáo viên tải lên', en: 'largest learning-material video a teacher may upload, in MB' },
  PHONGHOC_KIOSK_IDLE_MINUTES: { group: 'server', vi: 'phút không hoạt động trước khi phiên đăng nhập nhanh (PIN, QR) trên màn hình phòng học kết thúc', en: 'idle minutes before a kiosk quick sign-in (PIN, QR) session ends' },
  PHONGHOC_DEMO_CAMERA: { group: 'server', vi: 'camera ảo làm camera phòng học khi chưa có camera (0|1)', en: 'virtual camera as the room camera when none is configured (0|1)' },
  PHONGHOC_DATA_DIR: { group: 'server', vi: 'thư mục dữ liệu', en: 'data directory', fixed: 'the image keeps all data in the /data volume; another path would be lost at the next update' },
  DATABASE_URL: { group: 'server', vi: 'PostgreSQL (postgres://…); để trống = SQLite', en: 'PostgreSQL (postgres://…); empty = embedded SQLite', secret: true },
  PHONGHOC_HOSTNAME: { group: 'server', vi: 'tên máy trong chứng chỉ và đường dẫn', en: 'host name in the certificate and links' },
  PHONGHOC_PUBLIC_ADDRESSES: { group: 'server', vi: 'địa chỉ IP trong chứng chỉ (phân cách bằng dấu phẩy)', en: 'IP addresses in the certificate (comma-separated)' },
  PHONGHOC_RTC_MIN_PORT: { group: 'server', vi: 'cổng RTC đầu (UDP+TCP)', en: 'first RTC port (UDP+TCP)' },
  PHONGHOC_RTC_MAX_PORT: { group: 'server', vi: 'cổng RTC cuối (UDP+TCP)', en: 'last RTC port (UDP+TCP)' },
  PHONGHOC_RTC_LISTEN_IP: { group: 'server', vi: 'địa chỉ IP máy chủ media lắng nghe (mặc định 0.0.0.0)', en: 'IP the media server listens on (default 0.0.0.0)' },
  PHONGHOC_RTC_ANNOUNCED_ADDRESS: { group: 'server', vi: 'địa chỉ công bố cho học sinh ngoài trường', en: 'address announced to students outside the school' },
  PHONGHOC_HTTP_HOST: { group: 'server', vi: 'HTTP cho kiosk (chỉ loopback)', en: 'kiosk HTTP host (loopback only)' },
  PHONGHOC_HTTP_PORT: { group: 'server', vi: 'cổng HTTP cho kiosk (đổi cả KIOSK_URL)', en: 'kiosk HTTP port (change KIOSK_URL too)' },
  PHONGHOC_HTTPS_HOST: { group: 'server', vi: 'địa chỉ nghe HTTPS', en: 'HTTPS listen address' },
  PHONGHOC_HTTPS_PORT: { group: 'server', vi: 'cổng HTTPS trong mạng trường', en: 'HTTPS port on the school LAN' },
  PHONGHOC_LOG_LEVEL: { group: 'server', vi: 'mức nhật ký', en: 'log level' },
  PHONGHOC_LANGUAGE: { group: 'server', vi: 'ngôn ngữ mặc định (vi|en)', en: 'default language (vi|en)' },
  PHONGHOC_SESSION_IDLE_MINUTES: { group: 'server', vi: 'phút không hoạt động trước khi đăng xuất', en: 'idle minutes before sign-out' },
  PHONGHOC_SECURE_COOKIES: { group: 'server', vi: 'cookie Secure', en: 'Secure cookies', fixed: 'switching Secure cookies off is for plain-HTTP tests only' },
  PHONGHOC_H5P_CORE_DIR: { group: 'server', vi: 'thư mục lõi H5P trong ảnh', en: 'H5P core/editor folder in the image', fixed: 'set by the image (/opt/phonghoc/h5p), where the files were installed at build time' },
};

export const TURN_VARIABLES: Record<string, VariableInfo> = {
  PHONGHOC_TURN_ENABLED: { group: 'turn', vi: 'bật máy chủ TURN (0|1, mặc định 0)', en: 'run the TURN relay (0|1, default 0)' },
  PHONGHOC_TURN_SECRET: { group: 'turn', vi: 'khóa chung TURN (ít nhất 16 ký tự)', en: 'TURN shared secret (16+ characters)', secret: true },
  PHONGHOC_TURN_REALM: { group: 'turn', vi: 'realm TURN (tên miền)', en: 'TURN realm (a domain name)' },
  PHONGHOC_TURN_PORT: { group: 'turn', vi: 'cổng TURN (UDP+TCP, mặc định 3478)', en: 'TURN port (UDP+TCP, default 3478)' },
  PHONGHOC_TURN_MIN_PORT: { group: 'turn', vi: 'cổng chuyển tiếp đầu (mặc định 49160)', en: 'first relay port (default 49160)' },
  PHONGHOC_TURN_MAX_PORT: { group: 'turn', vi: 'cổng chuyển tiếp cuối (mặc định 49200)', en: 'last relay port (default 49200)' },
};

export const KIOSK_VARIABLE_INFO: Record<string, VariableInfo> = Object.fromEntries(
  Object.entries(KIOSK_VARIABLES).map(([name, d]) => [name, { group: 'kiosk' as const, vi: d.vi, en: d.en }]),
);

export const KNOWN_VARIABLES: Record<string, VariableInfo> = { ...SERVER_VARIABLES, ...KIOSK_VARIABLE_INFO, ...TURN_VARIABLES };

export interface ValidationResult {
  errors: string[];
  warnings: string[];
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

function suggestion(name: string): string {
  let best: string | undefined;
  let bestD = Infinity;
  for (const known of Object.keys(KNOWN_VARIABLES)) {
    const d = distance(name.toUpperCase(), known);
    if (d < bestD) { best = known; bestD = d; }
  }
  return best !== undefined && bestD <= 4 ? ` (did you mean ${best}?)` : '';
}

const isPort = (v: string) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 65535;

/** Runs a validator repeatedly, collecting one error per offending variable. */
function collect(env: Record<string, string>, given: Set<string>, validate: (env: Record<string, string>) => void, pick: (err: unknown) => { variable: string; message: string } | undefined, errors: string[]): void {
  for (let i = 0; i < 32; i++) {
    try {
      validate(env);
      return;
    } catch (err) {
      const e = pick(err);
      if (!e) throw err;
      errors.push(e.message);
      if (!given.has(e.variable)) return; // a cross-check against a value not set here: reported once
      delete env[e.variable];
      given.delete(e.variable);
    }
  }
}

function validateServer(pairs: Map<string, string>, errors: string[]): void {
  const given = new Set([...pairs.keys()].filter((k) => SERVER_VARIABLES[k]));
  if (given.size === 0) return;
  const env: Record<string, string> = {};
  for (const k of given) env[k] = pairs.get(k)!;
  // Neutral stand-ins for what this call does not set, so the operator's workstation (its host
  // name, its network) never decides whether a box's value is valid.
  if (!('PHONGHOC_HOSTNAME' in env)) env.PHONGHOC_HOSTNAME = 'phonghoc';
  if (!('PHONGHOC_PUBLIC_ADDRESSES' in env)) env.PHONGHOC_PUBLIC_ADDRESSES = '127.0.0.1';
  if ('PHONGHOC_RTC_MIN_PORT' in env && !('PHONGHOC_RTC_MAX_PORT' in env) && isPort(env.PHONGHOC_RTC_MIN_PORT!)) env.PHONGHOC_RTC_MAX_PORT = '65535';
  if ('PHONGHOC_RTC_MAX_PORT' in env && !('PHONGHOC_RTC_MIN_PORT' in env)) env.PHONGHOC_RTC_MIN_PORT = '1';
  collect(env, given, (e) => loadConfig(e), (err) => (err instanceof ConfigError ? { variable: err.variable, message: err.message } : undefined), errors);
}

function validateKiosk(pairs: Map<string, string>, errors: string[]): void {
  const given = new Set([...pairs.keys()].filter((k) => KIOSK_VARIABLE_INFO[k]));
  if (given.size === 0) return;
  const env: Record<string, string> = {};
  for (const k of given) env[k] = pairs.get(k)!;
  collect(env, given, (e) => parseKioskEnv(e), (err) => (err instanceof KioskEnvError ? { variable: err.variable, message: err.message } : undefined), errors);
}

function validateTurn(pairs: Map<string, string>, errors: string[], warnings: string[]): void {
  const v = (k: string) => pairs.get(k);
  const bad = (k: string, problem: string) => errors.push(`invalid TURN setting: ${k}: ${problem}`);
  const enabled = v('PHONGHOC_TURN_ENABLED');
  if (enabled !== undefined && enabled !== '' && enabled !== '0' && enabled !== '1') bad('PHONGHOC_TURN_ENABLED', `"${enabled}" must be 0 or 1`);
  const secret = v('PHONGHOC_TURN_SECRET');
  if (secret !== undefined && secret !== '' && (secret.length < 16 || /\s/.test(secret))) bad('PHONGHOC_TURN_SECRET', 'must be at least 16 characters without spaces');
  if (enabled === '1' && !secret) warnings.push('PHONGHOC_TURN_ENABLED=1: the relay starts only once PHONGHOC_TURN_SECRET is set (here or on the fleet)');
  const realm = v('PHONGHOC_TURN_REALM');
  if (realm !== undefined && realm !== '' && !/^[a-zA-Z0-9]([a-zA-Z0-9.-]{0,251}[a-zA-Z0-9])?$/.test(realm)) bad('PHONGHOC_TURN_REALM', `"${realm}" is not a domain name`);
  for (const k of ['PHONGHOC_TURN_PORT', 'PHONGHOC_TURN_MIN_PORT', 'PHONGHOC_TURN_MAX_PORT']) {
    const p = v(k);
    if (p !== undefined && p !== '' && !isPort(p)) bad(k, `"${p}" is not a port number (1–65535)`);
  }
  const min = Number(v('PHONGHOC_TURN_MIN_PORT') || 49160);
  const max = Number(v('PHONGHOC_TURN_MAX_PORT') || 49200);
  if (isPort(String(min)) && isPort(String(max)) && min >= max) bad('PHONGHOC_TURN_MAX_PORT', `must be greater than PHONGHOC_TURN_MIN_PORT (${min})`);
  // Relay ports and the media server's RTC ports share the box's network (host networking).
  const rtcMin = Number(v('PHONGHOC_RTC_MIN_PORT') || 40000);
  const rtcMax = Number(v('PHONGHOC_RTC_MAX_PORT') || 40999);
  if ((v('PHONGHOC_TURN_MIN_PORT') || v('PHONGHOC_TURN_MAX_PORT') || v('PHONGHOC_RTC_MIN_PORT') || v('PHONGHOC_RTC_MAX_PORT')) && min <= rtcMax && rtcMin <= max) {
    errors.push(`TURN relay ports ${min}–${max} overlap the RTC ports ${rtcMin}–${rtcMax}`);
  }
}

/** Checks names and values of KEY=VALUE assignments before anything is sent to balena. */
export function validateAssignments(assignments: Array<[string, string]>): ValidationResult {
  const errors: string[] = [];
  const warnings: string[] = [];
  const pairs = new Map<string, string>();
  for (const [name, value] of assignments) {
    if (pairs.has(name)) { errors.push(`${name} is given twice`); continue; }
    const info = KNOWN_VARIABLES[name];
    if (!info) {
      errors.push(`${name} is not a Phonghoc variable${suggestion(name)}; known: ${Object.keys(KNOWN_VARIABLES).filter((k) => !KNOWN_VARIABLES[k]!.fixed).join(', ')}`);
      continue;
    }
    if (info.fixed) { errors.push(`${name} cannot be set on a fleet or device: ${info.fixed}`); continue; }
    pairs.set(name, value);
  }
  validateServer(pairs, errors);
  validateKiosk(pairs, errors);
  validateTurn(pairs, errors, warnings);
  if (pairs.has('PHONGHOC_HTTP_PORT') && !pairs.has('KIOSK_URL')) warnings.push('PHONGHOC_HTTP_PORT changed: set KIOSK_URL to the same port, or the kiosk shows an error page');
  return { errors, warnings };
}

/** A value as it may be printed: secrets hidden, a database URL without its password. */
export function maskValue(name: string, value: string): string {
  if (!KNOWN_VARIABLES[name]?.secret || value === '') return value;
  if (name === 'DATABASE_URL') {
    try {
      const u = new URL(value);
      if (u.password) u.password = '****';
      return u.toString();
    } catch {
      return '****';
    }
  }
  return '****';
}
