/**
 * The kiosk container's settings, from its environment (balena device/fleet variables land there).
 * Validated once at start, like the server's config: a bad value names the variable. The
 * provisioning tool validates candidate values with the same function before setting them.
 */
import path from 'node:path';
import { DEFAULT_DEBUG_PORT, DEFAULT_KIOSK_URL, DEFAULT_POLICY_DIR } from './kiosk-launcher.js';
import type { ScreenMethod } from './screen-awake.js';

export interface KioskSettings {
  url: string;
  debugPort: number;
  userDataDir: string;
  policyDir: string;
  chromium: string;
  noSandbox: boolean;
  gpu: boolean;
  windowSize: { width: number; height: number } | undefined;
  language: 'vi' | 'en';
  screenMethod: ScreenMethod;
  /** Where the kiosk learns whether a lesson is live (the server's health, field `liveLessons`). */
  statusUrl: string;
  pollSeconds: number;
}

/** Every variable the kiosk reads, with what it means (README and `phonghoc-fleet set-vars`). */
export const KIOSK_VARIABLES: Record<string, { vi: string; en: string }> = {
  KIOSK_URL: { vi: `trang hiển thị; chỉ loopback (mặc định ${DEFAULT_KIOSK_URL})`, en: `page shown on the display; loopback only (default ${DEFAULT_KIOSK_URL})` },
  KIOSK_DEBUG_PORT: { vi: `cổng DevTools loopback cho bộ giám sát treo (mặc định ${DEFAULT_DEBUG_PORT})`, en: `loopback DevTools port used by the hang watchdog (default ${DEFAULT_DEBUG_PORT})` },
  KIOSK_USER_DATA_DIR: { vi: 'thư mục hồ sơ trình duyệt', en: 'browser profile folder (default /var/lib/phonghoc-kiosk/profile)' },
  KIOSK_POLICY_DIR: { vi: 'thư mục chính sách bắt buộc', en: `managed policy folder (default ${DEFAULT_POLICY_DIR})` },
  KIOSK_CHROMIUM: { vi: 'tệp chạy trình duyệt', en: 'browser executable (default /usr/bin/chromium)' },
  KIOSK_NO_SANDBOX: { vi: '1 chỉ khi container không cho Chromium dùng user namespace (mặc định 0)', en: '1 only if the container cannot give Chromium user namespaces (default 0)' },
  KIOSK_GPU: { vi: '1 để dùng GPU (mặc định 0)', en: '1 to use the GPU (default 0)' },
  KIOSK_WINDOW_SIZE: { vi: 'kích thước màn hình RỘNGxCAO, ví dụ 1920x1080', en: 'display size WIDTHxHEIGHT, e.g. 1920x1080 (default: full screen)' },
  KIOSK_LANGUAGE: { vi: 'ngôn ngữ giao diện trình duyệt vi|en (mặc định vi)', en: 'browser UI language vi|en (default vi)' },
  KIOSK_SCREEN_METHOD: { vi: 'xset (màn hình X) hoặc setterm (console) (mặc định xset)', en: 'xset (X display) or setterm (text console) (default xset)' },
  KIOSK_STATUS_URL: { vi: 'địa chỉ kiểm tra buổi học đang diễn ra', en: 'health URL polled for live lessons (default <KIOSK_URL origin>/api/health)' },
  KIOSK_POLL_SECONDS: { vi: 'chu kỳ kiểm tra buổi học, giây (mặc định 15)', en: 'how often live lessons are checked, seconds (default 15)' },
};

export class KioskEnvError extends Error {
  constructor(readonly variable: string, problem: string) {
    super(`Cấu hình kiosk không hợp lệ / invalid kiosk setting: ${variable}: ${problem}`);
    this.name = 'KioskEnvError';
  }
}

type Env = Record<string, string | undefined>;

function flag(env: Env, name: string): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return false;
  if (raw === '1' || raw === 'true') return true;
  if (raw === '0' || raw === 'false') return false;
  throw new KioskEnvError(name, `"${raw}" must be 0 or 1`);
}

function loopbackUrl(name: string, raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new KioskEnvError(name, `"${raw}" is not a URL`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new KioskEnvError(name, 'must be http:// or https://');
  // The kiosk shows this box's own page; plain HTTP never leaves the box (Art. 10.2).
  if (!['localhost', '127.0.0.1', '[::1]'].includes(u.hostname)) throw new KioskEnvError(name, `host "${u.hostname}" must be localhost, 127.0.0.1 or [::1]`);
  return u.href;
}

function absolutePath(env: Env, name: string, fallback: string): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!path.isAbsolute(raw)) throw new KioskEnvError(name, `"${raw}" must be an absolute path`);
  return raw;
}

export function parseKioskEnv(env: Env = process.env): KioskSettings {
  const url = loopbackUrl('KIOSK_URL', env.KIOSK_URL || DEFAULT_KIOSK_URL);

  let debugPort = DEFAULT_DEBUG_PORT;
  if (env.KIOSK_DEBUG_PORT) {
    debugPort = Number(env.KIOSK_DEBUG_PORT);
    if (!Number.isInteger(debugPort) || debugPort < 1024 || debugPort > 65535) throw new KioskEnvError('KIOSK_DEBUG_PORT', `"${env.KIOSK_DEBUG_PORT}" must be a port 1024–65535`);
  }

  let windowSize: KioskSettings['windowSize'];
  if (env.KIOSK_WINDOW_SIZE) {
    const m = /^(\d{3,5})[x,](\d{3,5})$/.exec(env.KIOSK_WINDOW_SIZE);
    if (!m) throw new KioskEnvError('KIOSK_WINDOW_SIZE', `"${env.KIOSK_WINDOW_SIZE}" must look like 1920x1080`);
    windowSize = { width: Number(m[1]), height: Number(m[2]) };
  }

  const language = env.KIOSK_LANGUAGE || 'vi';
  if (language !== 'vi' && language !== 'en') throw new KioskEnvError('KIOSK_LANGUAGE', `"${language}" must be vi or en`);
  const screenMethod = env.KIOSK_SCREEN_METHOD || 'xset';
  if (screenMethod !== 'xset' && screenMethod !== 'setterm') throw new KioskEnvError('KIOSK_SCREEN_METHOD', `"${screenMethod}" must be xset or setterm`);

  let pollSeconds = 15;
  if (env.KIOSK_POLL_SECONDS) {
    pollSeconds = Number(env.KIOSK_POLL_SECONDS);
    if (!Number.isInteger(pollSeconds) || pollSeconds < 1 || pollSeconds > 3600) throw new KioskEnvError('KIOSK_POLL_SECONDS', `"${env.KIOSK_POLL_SECONDS}" must be 1–3600`);
  }

  return {
    url,
    debugPort,
    userDataDir: absolutePath(env, 'KIOSK_USER_DATA_DIR', '/var/lib/phonghoc-kiosk/profile'),
    policyDir: absolutePath(env, 'KIOSK_POLICY_DIR', DEFAULT_POLICY_DIR),
    chromium: absolutePath(env, 'KIOSK_CHROMIUM', '/usr/bin/chromium'),
    noSandbox: flag(env, 'KIOSK_NO_SANDBOX'),
    gpu: flag(env, 'KIOSK_GPU'),
    windowSize,
    language,
    screenMethod,
    statusUrl: env.KIOSK_STATUS_URL ? loopbackUrl('KIOSK_STATUS_URL', env.KIOSK_STATUS_URL) : new URL('/api/health', url).href,
    pollSeconds,
  };
}
