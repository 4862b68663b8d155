/**
 * The teaching room's browser: the Chromium command line and the managed policy that lock it to the
 * appliance's own page (http://localhost:8080/), with camera and microphone allowed for that page
 * only. Pure functions plus one file write; the watchdog (kiosk-watchdog.ts) runs the browser.
 */
import fs from 'node:fs';
import path from 'node:path';

export const DEFAULT_KIOSK_URL = 'http://localhost:8080/';
/** Debian's Chromium reads managed (mandatory) JSON policies from here. */
export const DEFAULT_POLICY_DIR = '/etc/chromium/policies/managed';
export const POLICY_FILE_NAME = 'phonghoc-kiosk.json';
/** Loopback only; the watchdog asks `/json/version` on it to detect a hung browser. */
export const DEFAULT_DEBUG_PORT = 9222;

export interface KioskLaunchOptions {
  /** The page to show; its origin is the only one the policy allows. */
  url?: string;
  /** A profile used by nothing else (Chromium also requires a non-default one for remote debugging). */
  userDataDir: string;
  remoteDebuggingPort?: number;
  /** `--kiosk`: full screen, no window frame, no way out to the desktop. False for headless runs. */
  kiosk?: boolean;
  /** `--headless` (tests, or a display-less check of the box). */
  headless?: boolean;
  /** Window geometry on the touch display; omitted in headless runs. */
  windowSize?: { width: number; height: number };
  /** GPU compositing; off by default (many school mini-PCs have GPUs Chromium blocklists anyway). */
  gpu?: boolean;
  /** Only when Chromium runs as root or user namespaces are unavailable in the container. */
  noSandbox?: boolean;
  /** UI language of the browser's own texts (error pages, dialogs). */
  language?: string;
  /** Appended last, after validation that they do not undo the lock-down. */
  extraFlags?: string[];
}

/** Flags a caller may not add through `extraFlags`: they would reopen what the kiosk closes. */
const FORBIDDEN_EXTRA = [/^--remote-debugging-address/, /^--remote-allow-origins/, /^--user-data-dir/, /^--app=/, /^--use-fake-ui-for-media-stream/, /^--disable-web-security/, /^--allow-file-access-from-files/, /^--unsafely-treat-insecure-origin-as-secure/];

export class KioskConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KioskConfigError';
  }
}

/** The origin the kiosk is locked to, e.g. `http://localhost:8080`. */
export function kioskOrigin(url: string = DEFAULT_KIOSK_URL): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new KioskConfigError(`kiosk URL "${url}" is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new KioskConfigError(`kiosk URL "${url}" must be http(s)`);
  return parsed.origin;
}

/** The Chromium command line (without the executable) for the teaching room's display. */
export function chromiumArgs(opts: KioskLaunchOptions): string[] {
  const url = opts.url ?? DEFAULT_KIOSK_URL;
  kioskOrigin(url);
  const port = opts.remoteDebuggingPort ?? DEFAULT_DEBUG_PORT;
  if (!Number.isInteger(port) || port < 1024 || port > 65535) throw new KioskConfigError(`remote debugging port ${port} must be 1024–65535`);
  if (!opts.userDataDir || !path.isAbsolute(opts.userDataDir)) throw new KioskConfigError('userDataDir must be an absolute path');
  const kiosk = opts.kiosk ?? !opts.headless;

  const args: string[] = [];
  if (opts.headless) args.push('--headless');
  if (kiosk) args.push('--kiosk');
  args.push(
    `--app=${url}`,
    `--user-data-dir=${opts.userDataDir}`,
    `--remote-debugging-port=${port}`,
    // Chromium binds the DevTools port to loopback by default; newer releases honour this flag in
    // headless mode only. Either way nothing off the box can reach it (and the policy keeps
    // DevTools itself unavailable: the HTTP /json endpoints answer, attaching is refused).
    '--remote-debugging-address=127.0.0.1',
    // Quiet and offline: no first-run UI, no calls home, no update checks, no sync.
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--check-for-update-interval=31536000',
    '--disable-features=Translate,MediaRouter,DialMediaRouteProvider',
    '--password-store=basic',
    // No dialogs or bubbles a pupil could get stuck in.
    '--noerrdialogs',
    '--disable-session-crashed-bubble',
    '--disable-infobars',
    // Touch: no swipe-back out of the page, no pinch zoom of the whole UI, touch events on.
    '--overscroll-history-navigation=0',
    '--disable-pinch',
    '--touch-events=enabled',
    // Lessons start sound and video without a tap first.
    '--autoplay-policy=no-user-gesture-required',
    // Containers give /dev/shm 64 MB; renderers would crash on video calls.
    '--disable-dev-shm-usage',
  );
  if (opts.language) args.push(`--lang=${opts.language}`);
  if (!opts.gpu) args.push('--disable-gpu');
  if (opts.noSandbox) args.push('--no-sandbox');
  if (kiosk && !opts.headless && opts.windowSize) {
    args.push('--window-position=0,0', `--window-size=${opts.windowSize.width},${opts.windowSize.height}`);
  }
  for (const flag of opts.extraFlags ?? []) {
    if (!flag.startsWith('--')) throw new KioskConfigError(`extra flag "${flag}" must start with --`);
    if (FORBIDDEN_EXTRA.some((re) => re.test(flag))) throw new KioskConfigError(`extra flag "${flag}" would undo the kiosk lock-down`);
    args.push(flag);
  }
  return args;
}

export type KioskPolicy = Record<string, string | number | boolean | string[]>;

/**
 * The managed policy: nothing but the appliance's origin can be opened, camera and microphone are
 * granted to that origin without a prompt (and prompt-and-deny anywhere else, which cannot load
 * anyway), no developer tools, no incognito or guest windows, no downloads, nothing phoning home.
 */
export function kioskPolicy(opts: { url?: string; extraAllowedOrigins?: string[] } = {}): KioskPolicy {
  const origin = kioskOrigin(opts.url);
  const allowed = [origin, ...(opts.extraAllowedOrigins ?? []).map((o) => kioskOrigin(o))];
  return {
    URLBlocklist: ['*'],
    URLAllowlist: allowed,
    VideoCaptureAllowedUrls: [origin],
    AudioCaptureAllowedUrls: [origin],
    AutoplayAllowed: true,
    DeveloperToolsAvailability: 2,
    // The watchdog's hang probe uses the loopback DevTools HTTP endpoint (GET /json/version).
    RemoteDebuggingAllowed: true,
    IncognitoModeAvailability: 1,
    BrowserGuestModeEnabled: false,
    BrowserAddPersonEnabled: false,
    BrowserSignin: 0,
    SyncDisabled: true,
    PasswordManagerEnabled: false,
    AutofillAddressEnabled: false,
    AutofillCreditCardEnabled: false,
    TranslateEnabled: false,
    SpellcheckEnabled: false,
    SearchSuggestEnabled: false,
    NetworkPredictionOptions: 2,
    MetricsReportingEnabled: false,
    SafeBrowsingProtectionLevel: 0,
    DefaultBrowserSettingEnabled: false,
    BackgroundModeEnabled: false,
    DefaultNotificationsSetting: 2,
    DefaultGeolocationSetting: 2,
    DownloadRestrictions: 3,
    PrintingEnabled: false,
    BookmarkBarEnabled: false,
    EditBookmarksEnabled: false,
    ExtensionInstallBlocklist: ['*'],
    TaskManagerEndProcessEnabled: false,
    AllowDinosaurEasterEgg: false,
  };
}

/**
 * Writes the policy file (atomically: a half-written JSON file would be ignored by Chromium, which
 * would then start unlocked). Returns its path. The directory defaults to Debian's managed folder.
 */
export function writeKioskPolicy(policy: KioskPolicy, opts: { dir?: string; fileName?: string } = {}): string {
  const dir = opts.dir ?? DEFAULT_POLICY_DIR;
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  const file = path.join(dir, opts.fileName ?? POLICY_FILE_NAME);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(policy, null, 2) + '\n', { mode: 0o644 });
  fs.renameSync(tmp, file);
  return file;
}
