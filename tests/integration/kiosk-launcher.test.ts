import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { chromiumArgs, kioskPolicy, writeKioskPolicy, KioskConfigError, POLICY_FILE_NAME } from '../../appliance/src/kiosk/kiosk-launcher.js';
import { parseKioskEnv, KioskEnvError } from '../../appliance/src/kiosk/kiosk-env.js';

/** The kiosk's Chromium command line and managed policy, as the teaching room's display gets them. */

t.test('the kiosk command line locks the browser to the local page', async (t) => {
  const args = chromiumArgs({ userDataDir: '/var/lib/phonghoc-kiosk/profile', windowSize: { width: 1920, height: 1080 }, language: 'vi' });
  for (const flag of [
    '--kiosk',
    '--app=http://localhost:8080/',
    '--user-data-dir=/var/lib/phonghoc-kiosk/profile',
    '--remote-debugging-port=9222',
    '--remote-debugging-address=127.0.0.1',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--noerrdialogs',
    '--disable-session-crashed-bubble',
    '--disable-infobars',
    '--overscroll-history-navigation=0',
    '--disable-pinch',
    '--touch-events=enabled',
    '--autoplay-policy=no-user-gesture-required',
    '--disable-dev-shm-usage',
    '--disable-gpu',
    '--lang=vi',
    '--window-position=0,0',
    '--window-size=1920,1080',
  ]) t.ok(args.includes(flag), flag);
  // Camera and microphone come from the policy, never from blanket auto-accept flags.
  t.notOk(args.some((a) => a.startsWith('--use-fake-ui-for-media-stream')), 'no auto-accept of media prompts for every site');
  t.notOk(args.includes('--no-sandbox'), 'the sandbox stays on unless asked');
  t.notOk(args.includes('--headless'));
  t.equal(new Set(args).size, args.length, 'no flag twice');
});

t.test('headless runs drop the display flags', async (t) => {
  const args = chromiumArgs({ userDataDir: '/tmp/p', headless: true, noSandbox: true, remoteDebuggingPort: 9333, windowSize: { width: 800, height: 600 } });
  t.ok(args.includes('--headless'));
  t.notOk(args.includes('--kiosk'));
  t.notOk(args.some((a) => a.startsWith('--window-')), 'no window geometry');
  t.ok(args.includes('--no-sandbox'));
  t.ok(args.includes('--remote-debugging-port=9333'));
});

t.test('bad options are refused', async (t) => {
  t.throws(() => chromiumArgs({ userDataDir: 'relative/profile' }), KioskConfigError);
  t.throws(() => chromiumArgs({ userDataDir: '/p', remoteDebuggingPort: 80 }), KioskConfigError);
  t.throws(() => chromiumArgs({ userDataDir: '/p', url: 'file:///etc/passwd' }), KioskConfigError);
  t.throws(() => chromiumArgs({ userDataDir: '/p', extraFlags: ['--use-fake-ui-for-media-stream'] }), /undo the kiosk lock-down/);
  t.throws(() => chromiumArgs({ userDataDir: '/p', extraFlags: ['--remote-debugging-address=0.0.0.0'] }), /undo the kiosk lock-down/);
  t.ok(chromiumArgs({ userDataDir: '/p', extraFlags: ['--force-device-scale-factor=1.25'] }).includes('--force-device-scale-factor=1.25'));
});

t.test('the managed policy: only the local origin, camera and microphone without prompts', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phonghoc-policy-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = writeKioskPolicy(kioskPolicy(), { dir: path.join(dir, 'managed') });
  t.equal(file, path.join(dir, 'managed', POLICY_FILE_NAME));
  t.equal(fs.statSync(file).mode & 0o777, 0o644, 'readable by the browser, writable by root only');
  const policy = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  t.same(policy.VideoCaptureAllowedUrls, ['http://localhost:8080']);
  t.same(policy.AudioCaptureAllowedUrls, ['http://localhost:8080']);
  t.same(policy.URLBlocklist, ['*']);
  t.same(policy.URLAllowlist, ['http://localhost:8080']);
  t.equal(policy.DeveloperToolsAvailability, 2);
  t.equal(policy.IncognitoModeAvailability, 1);
  t.equal(policy.BrowserGuestModeEnabled, false);
  t.equal(policy.DownloadRestrictions, 3);
  t.equal(policy.RemoteDebuggingAllowed, true, 'the watchdog probe keeps working');
  t.equal(policy.AutoplayAllowed, true);
  t.same(fs.readdirSync(path.join(dir, 'managed')), [POLICY_FILE_NAME], 'no temporary file left behind');
});

t.test('kiosk settings from the environment', async (t) => {
  const s = parseKioskEnv({ KIOSK_WINDOW_SIZE: '1366x768', KIOSK_NO_SANDBOX: '1', KIOSK_DEBUG_PORT: '9555' });
  t.equal(s.url, 'http://localhost:8080/');
  t.same(s.windowSize, { width: 1366, height: 768 });
  t.equal(s.noSandbox, true);
  t.equal(s.debugPort, 9555);
  t.equal(s.statusUrl, 'http://localhost:8080/api/health');
  t.throws(() => parseKioskEnv({ KIOSK_URL: 'http://192.168.1.10:8080/' }), KioskEnvError, 'only this box');
  t.throws(() => parseKioskEnv({ KIOSK_NO_SANDBOX: 'yes' }), /KIOSK_NO_SANDBOX/);
  t.throws(() => parseKioskEnv({ KIOSK_WINDOW_SIZE: 'big' }), /KIOSK_WINDOW_SIZE/);
});
