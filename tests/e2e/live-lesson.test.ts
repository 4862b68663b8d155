import t from 'tap';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startTestServer } from '../helpers/server.js';
import { launchBrowser, newPage, pageScrollWidth, screenshot, KIOSK, LAPTOP, PHONE, SCREENSHOT_DIR } from '../helpers/browser.js';
import { DEMO_PASSWORD, DEMO_PRINCIPAL_ID, DEMO_STUDENT_ID, DEMO_TEACHER_ID } from '../../server/src/domain/demo/demo-school.js';
import { schoolDate, schoolDayBounds } from '../../server/src/domain/live/school-time.js';

/**
 * The live lesson end to end (Art. 9.1): a real server, the real mediasoup worker, headless
 * Chromium with the fake camera and microphone. The teacher opens the lesson from the kiosk home,
 * two students of the class join on phones; media flows, a chat message and a raised hand travel,
 * attendance is stored when the lesson ends. Then the media worker is killed mid-lesson and the
 * pages must come back by themselves, without a reload.
 */

const server = await startTestServer(t);
const browser = await launchBrowser(t);

/**
 * A phone's rule for sound: no play() with sound before the user has touched the page. Headless
 * Chromium lets everything play (whatever --autoplay-policy says), so the rule is put in the page.
 */
const PHONE_AUTOPLAY_RULE = `(() => {
  let touched = false;
  for (const type of ['pointerdown', 'click', 'keydown']) addEventListener(type, (e) => { if (e.isTrusted) touched = true; }, true);
  const play = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function () {
    if (!this.muted && !touched) return Promise.reject(new DOMException('play() needs a user gesture', 'NotAllowedError'));
    return play.call(this);
  };
})();`;

// ---- HTTP as a signed-in person (Node's fetch, the session cookie and the CSRF token) ----

interface Api {
  personId: number;
  cookies: { name: string; value: string }[];
  fullName: string;
  get<T = unknown>(path: string): Promise<T>;
  post<T = unknown>(path: string, body?: unknown): Promise<T>;
  put<T = unknown>(path: string, body: unknown): Promise<T>;
}

async function apiLogin(login: string, password = DEMO_PASSWORD): Promise<Api> {
  const res = await fetch(`${server.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }) });
  if (!res.ok) throw new Error(`login ${login}: ${res.status} ${await res.text()}`);
  const me = (await res.json()) as { personId: number; fullName: string; csrfToken: string };
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${server.baseUrl}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': me.csrfToken, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const cookies = cookie.split('; ').map((c) => ({ name: c.slice(0, c.indexOf('=')), value: c.slice(c.indexOf('=') + 1) }));
  return { personId: me.personId, fullName: me.fullName, cookies, get: (p) => call('GET', p), post: (p, b) => call('POST', p, b ?? {}), put: (p, b) => call('PUT', p, b) };
}

// ---- the page's test hook (window.__phonghocLive, see ui/src/live/live-session.ts) ----

interface Totals {
  video: { framesDecoded: number; bytesReceived: number; tracks: number };
  audio: { bytesReceived: number; tracks: number };
  outbound: { bytesSent: number };
}
interface Hook {
  __phonghocLive?: {
    stats(): Promise<Totals>; phase(): string; setups(): number; drop(): void; layers(): Record<string, number>;
    remote(): { source: string; kind: string; personId: number | null }[];
    transports(): { send: string | null; recv: string | null };
  };
  __noReload?: boolean;
  __phonghocLiveSessions?: number;
}

async function live(page: Page): Promise<(Totals & { phase: string; setups: number }) | null> {
  return page.evaluate(async () => {
    const h = (globalThis as unknown as Hook).__phonghocLive;
    return h ? { phase: h.phase(), setups: h.setups(), ...(await h.stats()) } : null;
  });
}

/** Warnings and errors the pages wrote to the console (shown when a wait times out). */
const consoleOf = new WeakMap<Page, string[]>();
const watched: [Page, string][] = [];
function watchConsole(page: Page, name: string): void {
  watched.push([page, name]);
  const lines: string[] = [];
  consoleOf.set(page, lines);
  page.on('console', (m) => {
    if (m.type() === 'warning' || m.type() === 'error') lines.push(`${m.type()}: ${m.text()}`.slice(0, 300));
  });
}

/** Polls the hook until `ok` holds (or fails with the last reading). */
async function until(page: Page, what: string, ok: (s: Totals & { phase: string; setups: number }) => boolean, timeoutMs = 45_000) {
  const deadline = Date.now() + timeoutMs;
  let last: Awaited<ReturnType<typeof live>> = null;
  while (Date.now() < deadline) {
    last = await live(page).catch(() => null);
    if (last && ok(last)) return last;
    await page.waitForTimeout(500);
  }
  const dumps: string[] = [];
  for (const [p, name] of watched) {
    const d = await p.evaluate(async () => {
      const g = globalThis as unknown as Hook;
      const h = g.__phonghocLive;
      return { sessions: g.__phonghocLiveSessions, remote: h?.remote(), transports: h?.transports(), stats: await h?.stats(), phase: h?.phase(), setups: h?.setups() };
    }).catch((e: unknown) => String(e));
    dumps.push(`${name}${p === page ? ' (waited on)' : ''}: ${JSON.stringify(d)} console: ${JSON.stringify(consoleOf.get(p) ?? [])}`);
  }
  throw new Error(`timed out waiting for ${what}; last reading: ${JSON.stringify(last)}\n${dumps.join('\n')}`);
}

interface Asserts { ok(v: unknown, msg: string): unknown }

/** Media established: both kinds arrive and a first second of video has been decoded. */
const receiving = (s: Totals & { phase: string }) => s.phase === 'live' && s.video.tracks >= 1 && s.audio.tracks >= 1 && s.video.framesDecoded >= 10 && s.audio.bytesReceived > 0;

/** Two readings 2.5 s apart: decoded frames and received audio bytes must both grow. */
async function assertFlowing(t: Asserts, page: Page, who: string) {
  const a = await until(page, `${who} receiving media`, receiving);
  await page.waitForTimeout(2500);
  const b = (await live(page))!;
  t.ok(b.video.framesDecoded > a.video.framesDecoded, `${who}: decoded video frames increase (${a.video.framesDecoded} → ${b.video.framesDecoded})`);
  t.ok(b.audio.bytesReceived > a.audio.bytesReceived, `${who}: received audio bytes increase (${a.audio.bytesReceived} → ${b.audio.bytesReceived})`);
}

async function signIn(page: Page, login: string, password = DEMO_PASSWORD) {
  await page.getByLabel('Mã định danh').fill(login);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
}

/** Phones refuse sound without a tap: the page then offers "Bấm để nghe"; tap it when shown. */
async function tapToListen(page: Page): Promise<boolean> {
  const listen = page.getByRole('button', { name: 'Bấm để nghe' });
  if (!(await listen.isVisible().catch(() => false))) return false;
  await listen.click();
  await listen.waitFor({ state: 'detached' });
  return true;
}

/** What is on the screen now (not the whole scrollable page). */
async function viewShot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}

/** The sources a page receives now ('camera', 'microphone', 'screen', 'room-camera'). */
function remoteSources(page: Page): Promise<string[]> {
  return page.evaluate(() => ((globalThis as unknown as Hook).__phonghocLive?.remote() ?? []).map((r) => r.source));
}

/** mediasoup workers are children of this process (the server runs in it). */
function workerPids(): number[] {
  const out = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return out.split('\n').map((l) => l.trim().split(/\s+/)).filter(([, comm]) => comm?.startsWith('mediasoup-work')).map(([pid]) => Number(pid));
}

// ---- the lessons: two slots of today, both open now (the room opens 15 minutes early) ----

const teacher = await apiLogin(DEMO_TEACHER_ID);
const principal = await apiLogin(DEMO_PRINCIPAL_ID);
const classes = await teacher.get<{ id: number; name: string }[]>('/api/classes');
const c6a1 = classes.find((c) => c.name === '6A1')!;
const assignments = await teacher.get<{ subjectId: number; subjectName: string; teacherId: number }[]>(`/api/assignments?classId=${c6a1.id}`);
const mine = assignments.find((a) => a.teacherId === teacher.personId)!;

function slot(fromMin: number, toMin: number) {
  const now = Date.now();
  const day = schoolDayBounds(schoolDate(new Date(now)));
  const start = Math.max(Date.parse(day.from), now + fromMin * 60_000);
  const end = Math.min(Date.parse(day.to) - 1000, now + toMin * 60_000);
  if (end <= start) throw new Error('too close to midnight (school time) to schedule a test lesson');
  return { startsAt: new Date(start).toISOString(), endsAt: new Date(end).toISOString() };
}
async function schedule(topic: string, s: { startsAt: string; endsAt: string }) {
  const { id } = await teacher.post<{ id: number }>('/api/live-lessons', { classId: c6a1.id, subjectId: mine.subjectId, topic, mode: 'supporting', recordingAllowed: true, ...s });
  return id;
}
// The school lets lessons be recorded on the box (the principal's setting; off by default).
await principal.put('/api/settings/recording', { allowed: true, budgetGb: 5 });
const lessonA = await schedule('Bài 12: Phân số bằng nhau', slot(-2, 13));
const lessonB = await schedule('Bài 13: Rút gọn phân số', slot(14, 45));

// A second student of 6A1, with a password of their own (reset by the principal, then changed).
const classList = (await principal.get<{ items: { id: number; fullName: string; personalId: string }[] }>(`/api/people?kind=student&classId=${c6a1.id}&limit=100`)).items;
const student1 = classList.find((s) => s.personalId === DEMO_STUDENT_ID)!;
const student2 = classList.find((s) => s.personalId !== DEMO_STUDENT_ID)!;
const reset = await principal.post<{ login: string; temporaryPassword: string }>(`/api/people/${student2.id}/reset-password`);
const STUDENT2_PASSWORD = 'HocTrucTuyen2026';
const firstSignIn = await apiLogin(reset.login, reset.temporaryPassword);
await firstSignIn.post('/api/auth/password', { currentPassword: reset.temporaryPassword, newPassword: STUDENT2_PASSWORD });

t.test('a live lesson: media, chat, a raised hand, attendance', async (t) => {
  t.ok(student1 && student2 && mine, 'the demo class has the teacher, the demo student and another student');

  // The teacher opens the lesson from the kiosk home, with one touch.
  const tp = await newPage(browser, server.baseUrl, KIOSK);
  const tPage = tp.page;
  watchConsole(tPage, 'teacher');
  await tPage.goto('/dang-nhap');
  await signIn(tPage, DEMO_TEACHER_ID);
  const open = tPage.locator('ph-live-today').getByRole('link', { name: 'Mở buổi học' }).first();
  await open.waitFor();
  const openBox = await open.boundingBox();
  t.ok(openBox && openBox.height >= 64, `"Mở buổi học" is a large touch target (${openBox?.height}px)`);
  await screenshot(tPage, 'live-teacher-home');
  await tPage.locator('ph-live-today li').filter({ hasText: 'Bài 12' }).getByRole('link', { name: 'Mở buổi học' }).click();
  await tPage.waitForURL(new RegExp(`/hoc-truc-tuyen/${lessonA}$`));
  await until(tPage, 'the teacher publishing', (s) => s.phase === 'live' && s.outbound.bytesSent > 0);
  t.pass('the teacher publishes camera and microphone');

  // The demo student joins from the phone home ("Vào lớp"); the second one from a link.
  const s1 = await newPage(browser, server.baseUrl, PHONE, { mobile: true });
  watchConsole(s1.page, 'student 1');
  await s1.page.goto('/dang-nhap');
  await signIn(s1.page, DEMO_STUDENT_ID);
  await s1.page.locator('ph-live-today li').filter({ hasText: 'Bài 12' }).getByRole('link', { name: 'Vào lớp' }).click();
  await s1.page.waitForURL(new RegExp(`/hoc-truc-tuyen/${lessonA}$`));

  const s2 = await newPage(browser, server.baseUrl, PHONE, { mobile: true });
  watchConsole(s2.page, 'student 2');
  await s2.page.goto(`/dang-nhap?next=${encodeURIComponent(`/hoc-truc-tuyen/${lessonA}`)}`);
  await signIn(s2.page, reset.login, STUDENT2_PASSWORD);
  await s2.page.waitForURL(new RegExp(`/hoc-truc-tuyen/${lessonA}$`));

  for (const [page, who] of [[s1.page, 'student 1'], [s2.page, 'student 2']] as const) {
    await page.waitForFunction(() => (globalThis as unknown as Hook).__phonghocLive?.phase() === 'live');
    await page.waitForTimeout(500);
    t.comment(`${who}: ${(await tapToListen(page)) ? 'sound was blocked; "Bấm để nghe" tapped' : 'sound started by itself'}`);
    await assertFlowing(t, page, who);
  }
  await viewShot(s1.page, 'live-student-phone-view');
  await t.resolves(s1.page.getByRole('status').filter({ hasText: 'Đã kết nối' }).waitFor(), 'the student sees "connected"');

  // No room camera is configured on the test box: the teacher is told so, in Vietnamese.
  await tPage.getByRole('button', { name: 'Camera phòng học' }).click();
  await t.resolves(tPage.getByRole('alert').filter({ hasText: 'Phòng học chưa có camera được cấu hình.' }).waitFor(), 'a refused action shows the server\'s message');

  // Recording (the lesson allows it): everyone sees that the lesson is being recorded.
  await tPage.getByRole('button', { name: 'Ghi hình', exact: true }).click();
  await t.resolves(s1.page.getByText('Đang ghi hình').waitFor(), 'the students see "Đang ghi hình"');

  // A chat message from student 1 reaches the teacher and student 2.
  const text = 'Thưa cô, em chưa hiểu ví dụ 2 ạ.';
  await s1.page.locator('ph-live-chat textarea').fill(text);
  await s1.page.locator('ph-live-chat').getByRole('button', { name: 'Gửi', exact: true }).click();
  await t.resolves(s2.page.locator('ph-live-chat li').filter({ hasText: text }).waitFor(), 'the other student gets the message');
  await tPage.getByRole('tab', { name: /Trò chuyện/ }).click();
  const inTeacherChat = tPage.locator('ph-live-chat li').filter({ hasText: text });
  await t.resolves(inTeacherChat.waitFor(), 'the teacher gets the message');
  t.match(await inTeacherChat.textContent(), student1.fullName, 'with the sender\'s name');
  await viewShot(tPage, 'live-teacher-chat');

  // Student 2 raises a hand; it appears in the teacher's queue; the teacher lets them speak.
  await s2.page.getByRole('button', { name: 'Giơ tay', exact: true }).click();
  await tPage.getByRole('tab', { name: /Giơ tay/ }).click();
  const hand = tPage.locator('ph-live-hands li').filter({ hasText: student2.fullName });
  await t.resolves(hand.waitFor(), 'the raised hand is in the teacher\'s queue');
  await screenshot(tPage, 'live-teacher-kiosk');
  await hand.getByRole('button', { name: 'Cho phát biểu' }).click();
  await t.resolves(hand.waitFor({ state: 'detached' }), 'letting the student speak takes the hand down');
  const micOn = s2.page.getByRole('button', { name: 'Bật micro' });
  await t.resolves(micOn.waitFor(), 'the student is offered the microphone');
  await micOn.click();
  await until(tPage, 'the teacher hearing the student', (s) => s.audio.tracks >= 1 && s.audio.bytesReceived > 0);
  t.pass('the student\'s microphone reaches the teacher');

  // A quick poll: launched by the teacher, answered on the phone, counted live.
  await tPage.getByRole('tab', { name: /Bình chọn/ }).click();
  await tPage.getByLabel('Câu hỏi', { exact: true }).fill('2/4 và 1/2 có bằng nhau không?');
  await tPage.getByRole('button', { name: 'Đúng / Sai' }).click();
  await s1.page.locator('ph-live-poll').getByRole('button', { name: /Đúng/ }).click();
  await t.resolves(tPage.locator('ph-live-poll').getByText('1 người đã trả lời').waitFor(), 'the teacher sees the answer counted');
  await t.resolves(s1.page.locator('ph-live-poll').getByText('(bạn chọn)').waitFor(), 'the student sees the results after answering');
  await viewShot(tPage, 'live-teacher-poll');

  // The teacher shares the screen: it becomes the students' main picture; stopping it removes it.
  await tPage.getByRole('button', { name: 'Chia sẻ màn hình' }).click();
  await t.resolves(tPage.getByRole('button', { name: 'Dừng chia sẻ' }).waitFor(), 'the teacher is sharing the screen');
  await s1.page.waitForFunction(() => ((globalThis as unknown as Hook).__phonghocLive?.remote() ?? []).some((r) => r.source === 'screen'));
  await t.resolves(s1.page.locator('ph-live-video.main').getByText(`Màn hình của ${teacher.fullName}`).waitFor(), 'the shared screen is the student\'s main picture');
  t.ok((await s1.page.locator('ph-live-video.small').count()) >= 1, 'with the teacher\'s camera beside it');
  await viewShot(s1.page, 'live-student-phone-screen-share');
  await viewShot(tPage, 'live-teacher-screen-share');
  await tPage.getByRole('button', { name: 'Dừng chia sẻ' }).click();
  await s1.page.waitForFunction(() => !((globalThis as unknown as Hook).__phonghocLive?.remote() ?? []).some((r) => r.source === 'screen'));
  t.notOk((await remoteSources(s1.page)).includes('screen'), 'when sharing stops, the student\'s screen track is closed');
  await tPage.getByRole('tab', { name: /Học sinh/ }).click();
  await tPage.locator('ph-live-participants').getByRole('button', { name: new RegExp(student2.fullName) }).click();
  await t.resolves(tPage.locator('ph-live-participants').getByRole('button', { name: 'Tắt micro' }).waitFor(), 'the teacher can mute the student who speaks');
  await viewShot(tPage, 'live-teacher-people');

  // Muting closes the student's microphone; taking the right back removes the button.
  await tPage.locator('ph-live-participants').getByRole('button', { name: 'Tắt micro' }).click();
  await t.resolves(s2.page.getByText('Giáo viên đã tắt micro của bạn.').waitFor(), 'the student is told the teacher muted them');
  await t.resolves(s2.page.getByRole('button', { name: 'Bật micro' }).waitFor(), 'and the microphone is off again');
  await tPage.locator('ph-live-participants').getByRole('button', { name: 'Thu lại quyền nói' }).click();
  await t.resolves(s2.page.getByRole('button', { name: 'Bật micro' }).waitFor({ state: 'detached' }), 'taking the right back removes the microphone button');

  // The kiosk's controls are large; the phone page does not scroll sideways.
  for (const ctl of await tPage.locator('ph-live-teacher-view .controls .ctl').all()) {
    const box = await ctl.boundingBox();
    t.ok(box && box.height >= 64 && box.width >= 64, `control "${(await ctl.textContent())?.trim()}" is at least 64×64 (${box?.width}×${box?.height})`);
  }
  t.ok((await pageScrollWidth(s1.page)) <= PHONE.width, 'the student view fits the phone');
  await screenshot(s1.page, 'live-student-phone');
  await s2.page.setViewportSize(PHONE);
  await screenshot(s2.page, 'live-student-phone-speaking');

  await tPage.getByRole('button', { name: 'Dừng ghi hình' }).click();
  await t.resolves(s1.page.getByText('Đang ghi hình').waitFor({ state: 'detached' }), 'and when it stops');
  const recordings = await teacher.get<{ id: number; bytes: number; durationMs: number }[]>(`/api/live-lessons/${lessonA}/recordings`);
  t.ok(recordings.length === 1 && recordings[0]!.bytes > 0, `the recording is stored (${JSON.stringify(recordings.map((r) => ({ bytes: r.bytes, durationMs: r.durationMs })))})`);

  // The principal observes from a laptop: sees and hears the lesson, sends nothing.
  const pp = await newPage(browser, server.baseUrl, LAPTOP);
  await pp.page.goto(`/dang-nhap?next=${encodeURIComponent(`/hoc-truc-tuyen/${lessonA}`)}`);
  await signIn(pp.page, DEMO_PRINCIPAL_ID);
  await t.resolves(pp.page.getByText('Dự giờ (chỉ xem)').waitFor(), 'the principal is an observer');
  await tapToListen(pp.page);
  await assertFlowing(t, pp.page, 'the observer');
  t.equal((await live(pp.page))!.outbound.bytesSent, 0, 'the observer sends no media');
  t.equal(await pp.page.getByRole('button', { name: 'Giơ tay', exact: true }).count(), 0, 'and has no hand to raise');
  await viewShot(pp.page, 'live-observer-laptop');

  // The teacher ends the lesson (with a confirmation); attendance is stored for both students.
  await tPage.locator('ph-live-teacher-view .controls').getByRole('button', { name: 'Kết thúc buổi học' }).click();
  await tPage.locator('ph-live-confirm').getByRole('button', { name: 'Kết thúc buổi học' }).click();
  await tPage.waitForURL(new RegExp(`/hoc-truc-tuyen/${lessonA}/tong-ket$`));
  await t.resolves(s1.page.getByRole('heading', { name: 'Buổi học đã kết thúc' }).waitFor(), 'the students are told the lesson ended');

  const summary = await teacher.get<{ lesson: { status: string }; students: { personId: number; present: boolean; joins: number; chatMessages: number; handsRaised: number }[] }>(`/api/live-lessons/${lessonA}/summary`);
  t.equal(summary.lesson.status, 'ended', 'the lesson is ended');
  const row1 = summary.students.find((s) => s.personId === student1.id);
  const row2 = summary.students.find((s) => s.personId === student2.id);
  t.ok(row1?.present && row1.joins >= 1, 'student 1 is recorded present');
  t.ok(row2?.present && row2.joins >= 1, 'student 2 is recorded present');
  t.ok((row1?.chatMessages ?? 0) >= 1, 'student 1\'s message is counted');
  t.ok((row2?.handsRaised ?? 0) >= 1, 'student 2\'s raised hand is counted');

  // The summary page: attendance, bars, the workbook.
  await t.resolves(tPage.getByRole('cell', { name: student1.fullName }).waitFor(), 'the summary page lists the class');
  await t.resolves(tPage.locator('ph-live-attendance-chart svg rect').first().waitFor(), 'with the bar chart');
  t.ok(await tPage.getByRole('link', { name: 'Tải biên bản (.xlsx)' }).isVisible(), 'and the .xlsx download');
  await t.resolves(tPage.locator('ph-live-summary-page video').first().waitFor({ state: 'attached' }), 'the recording is listed with a player');
  await screenshot(tPage, 'live-summary');
  await viewShot(tPage, 'live-summary-top');

  // A student watches the recording again from the phone home ("Xem lại").
  await s1.page.getByRole('link', { name: 'Trang chủ' }).click();
  await s1.page.locator('ph-live-today li').filter({ hasText: 'Bài 12' }).getByRole('link', { name: 'Xem lại' }).click();
  const player = s1.page.locator('ph-live-summary-page video').first();
  await player.waitFor();
  const ready = await player.evaluate((v: unknown) => {
    const video = v as { readyState: number; error: unknown; addEventListener(e: string, f: () => void): void };
    return new Promise<number>((resolve) => {
      if (video.readyState >= 1) return resolve(video.readyState);
      video.addEventListener('loadedmetadata', () => resolve(video.readyState));
      video.addEventListener('error', () => resolve(-1));
      setTimeout(() => resolve(video.readyState), 15_000);
    });
  });
  t.ok(ready >= 1, `the student's phone loads the recording (readyState ${ready})`);
  t.equal(await s1.page.getByRole('table').count(), 0, 'students see no attendance table');
  await viewShot(s1.page, 'live-student-recordings');

  await t.resolves(pp.page.getByRole('heading', { name: 'Buổi học đã kết thúc' }).waitFor(), 'the observer is told too');
  watched.length = 0;
  for (const p of [tp, s1, s2, pp]) {
    t.same(p.pageErrors, [], 'no uncaught errors in the page');
    await p.context.close();
  }
});

t.test('the media worker dies mid-lesson: the pages come back by themselves', async (t) => {
  const tp = await newPage(browser, server.baseUrl, KIOSK);
  watchConsole(tp.page, 'teacher');
  await tp.page.goto(`/dang-nhap?next=${encodeURIComponent(`/hoc-truc-tuyen/${lessonB}`)}`);
  await signIn(tp.page, DEMO_TEACHER_ID);
  await until(tp.page, 'the teacher publishing', (s) => s.phase === 'live' && s.outbound.bytesSent > 0);

  const sp = await newPage(browser, server.baseUrl, PHONE, { mobile: true });
  watchConsole(sp.page, 'student');
  await sp.page.addInitScript({ content: PHONE_AUTOPLAY_RULE });
  // The phone says it is on 3G (Network Information API): the weak-link policy asks for the middle layer.
  await sp.page.addInitScript({ content: `(() => {
    const info = new EventTarget();
    Object.assign(info, { effectiveType: '3g', downlink: 0.9, saveData: false });
    Object.defineProperty(Navigator.prototype, 'connection', { configurable: true, get: () => info });
  })();` });
  // Opened straight from a link (a session already on the phone, nothing touched yet): the phone
  // refuses to start the sound.
  const student = await apiLogin(DEMO_STUDENT_ID);
  await sp.context.addCookies(student.cookies.map(({ name, value }) => ({ name, value, url: server.baseUrl, secure: true, httpOnly: true, sameSite: 'Strict' as const })));
  await sp.page.goto(`/hoc-truc-tuyen/${lessonB}`);
  const listen = sp.page.getByRole('button', { name: 'Bấm để nghe' });
  await t.resolves(listen.waitFor(), 'sound is refused before a tap: "Bấm để nghe" is offered');
  await viewShot(sp.page, 'live-student-tap-to-listen');
  await listen.click();
  await t.resolves(listen.waitFor({ state: 'detached' }), 'one tap starts the sound');
  await until(sp.page, 'the student receiving media', receiving);
  const layers = await sp.page.evaluate(async () => {
    const h = (globalThis as unknown as Hook).__phonghocLive!;
    for (let i = 0; i < 40 && !Object.values(h.layers()).includes(1); i++) await new Promise((r) => setTimeout(r, 250));
    return h.layers();
  });
  t.ok(Object.values(layers).length >= 1 && Object.values(layers).every((l) => l === 1), `on 3G the camera is asked at the middle simulcast layer (${JSON.stringify(layers)})`);
  await assertFlowing(t, sp.page, 'the student before the crash (middle layer)');

  const before = (await live(sp.page))!.setups;
  const teacherBefore = (await live(tp.page))!.setups;
  for (const p of [tp.page, sp.page]) await p.evaluate(() => { (globalThis as unknown as Hook).__noReload = true; });

  const pids = workerPids();
  t.ok(pids.length >= 1, `mediasoup workers found (${pids.join(', ')})`);
  for (const pid of pids) process.kill(pid, 'SIGKILL');

  await until(sp.page, 'the student rebuilding its media', (s) => s.setups > before && receiving(s), 60_000);
  await until(tp.page, 'the teacher publishing again', (s) => s.setups > teacherBefore && s.phase === 'live' && s.outbound.bytesSent > 0, 60_000);
  await tapToListen(sp.page);
  await assertFlowing(t, sp.page, 'the student after the crash');
  for (const p of [tp.page, sp.page]) {
    t.equal(await p.evaluate(() => (globalThis as unknown as Hook).__noReload), true, 'the page was not reloaded');
  }
  t.notSame(workerPids().sort(), pids.sort(), 'the worker was replaced');
  await screenshot(sp.page, 'live-student-after-worker-restart');

  // The signaling socket drops (as on a flaky Wi-Fi): the page reconnects with backoff and rejoins.
  const beforeDrop = (await live(sp.page))!.setups;
  await sp.page.evaluate(() => (globalThis as unknown as Hook).__phonghocLive?.drop());
  await t.resolves(sp.page.getByRole('status').filter({ hasText: 'Đang kết nối lại…' }).waitFor(), 'the student sees "Đang kết nối lại…"');
  await until(sp.page, 'the student back after the socket dropped', (s) => s.setups > beforeDrop && receiving(s));
  await assertFlowing(t, sp.page, 'the student after the socket dropped');
  t.equal(await sp.page.evaluate(() => (globalThis as unknown as Hook).__noReload), true, 'still the same page');

  for (const p of [tp, sp]) {
    t.same(p.pageErrors, [], 'no uncaught errors in the page');
    await p.context.close();
  }
});
