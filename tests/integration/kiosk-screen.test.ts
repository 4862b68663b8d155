import http from 'node:http';
import type net from 'node:net';
import t from 'tap';
import { ScreenKeeper, defaultCommandRunner, screenCommands, type CommandRunner } from '../../appliance/src/kiosk/screen-awake.js';
import { fetchLiveLessons } from '../../appliance/src/kiosk/kiosk-main.js';

/**
 * The screen kept awake during lessons. The commands go through a recording runner: this machine
 * has no X display (on the box, xset talks to the kiosk container's X server).
 */

function recordingRunner(fail = false) {
  const calls: Array<{ command: string; args: string[]; display: string | undefined }> = [];
  const runner: CommandRunner = async (command, args, env) => {
    calls.push({ command, args, display: env.DISPLAY });
    return fail ? { code: 1, stdout: '', stderr: 'xset:  unable to open display ":0"' } : { code: 0, stdout: '', stderr: '' };
  };
  return { calls, runner };
}

t.test('xset on at the first lesson, off after the last one', async (t) => {
  const { calls, runner } = recordingRunner();
  const screen = new ScreenKeeper({ runner, display: ':0' });
  await screen.lessonStarted();
  t.same(calls, [{ command: 'xset', args: ['s', 'off', '-dpms'], display: ':0' }]);
  await screen.lessonStarted(); // a second lesson overlapping
  await screen.lessonEnded();
  t.equal(calls.length, 1, 'nothing runs while a lesson is still live');
  await screen.lessonEnded();
  t.same(calls[1], { command: 'xset', args: ['s', 'on', '+dpms'], display: ':0' });
  await screen.lessonEnded(); // an extra end does not go negative or run again
  t.equal(calls.length, 2);
  t.equal(screen.liveLessons, 0);
});

t.test('a polled count works the same way; repeated states run nothing', async (t) => {
  const { calls, runner } = recordingRunner();
  const screen = new ScreenKeeper({ runner });
  await screen.setLiveLessons(2);
  await screen.setLiveLessons(1);
  await screen.setLiveLessons(0);
  await screen.setLiveLessons(0);
  t.same(calls.map((c) => c.args.join(' ')), ['s off -dpms', 's on +dpms']);
});

t.test('a failing command is reported, not thrown, and retried at the next change', async (t) => {
  const { calls, runner } = recordingRunner(true);
  const errors: string[] = [];
  const screen = new ScreenKeeper({ runner, onError: (m) => errors.push(m) });
  await screen.lessonStarted();
  t.match(errors[0], /xset s off -dpms failed \(exit 1\): xset: +unable to open display/);
  await screen.setAwake(true);
  t.equal(calls.length, 2, 'not remembered as applied, so it is tried again');
});

t.test('the text-console variant uses setterm on the console device', async (t) => {
  t.same(screenCommands('setterm', true, { tty: '/dev/tty1' }), [{ command: 'sh', args: ['-c', 'setterm --term linux --blank 0 --powerdown 0 </dev/tty1 >/dev/tty1'] }]);
  t.same(screenCommands('setterm', false, { blankMinutes: 5, tty: '/dev/tty2' })[0]?.args[1], 'setterm --term linux --blank 5 --powerdown 5 </dev/tty2 >/dev/tty2');
  t.throws(() => screenCommands('setterm', true, { tty: '/dev/sda; reboot' }), /not a console device/);
});

t.test('the real runner: xset without a display fails cleanly', async (t) => {
  const r = await defaultCommandRunner('xset', ['-display', ':97', 'q'], { ...process.env, DISPLAY: ':97' });
  t.not(r.code, 0);
  const missing = await defaultCommandRunner('/nonexistent/xset', [], process.env);
  t.equal(missing.code, null, 'a missing program resolves with no exit code');
  t.match(missing.stderr, /ENOENT/);
});

t.test('the kiosk reads the live lesson count from the server health', async (t) => {
  let body: unknown = { status: 'ok', liveLessons: 2 };
  const server = http.createServer((_req, res) => { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify(body)); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  t.teardown(() => server.close());
  const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/api/health`;
  t.equal(await fetchLiveLessons(url), 2);
  body = { status: 'ok' };
  t.equal(await fetchLiveLessons(url), undefined, 'an older server without the field: unknown');
  t.equal(await fetchLiveLessons('http://127.0.0.1:9/api/health', 500), undefined, 'no server: unknown');
});
