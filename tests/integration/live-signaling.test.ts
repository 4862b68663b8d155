import t from 'tap';
import type { WebSocket } from 'ws';
import { buildTestApp, type Client } from '../helpers/app.js';
import { scheduleLessonNow } from '../helpers/live.js';
import { DEMO_PRINCIPAL_ID, DEMO_TEACHER_ID, DEMO_STUDENT_ID, DEMO_PASSWORD } from '../../server/src/domain/demo/demo-school.js';
import type { ServerMessage } from '../../server/src/contracts/live-signaling.js';

/**
 * Signaling over a real WebSocket into the real app, with a real mediasoup worker behind the
 * room: bad input (malformed, oversized, out of order, unauthorized, floods) is rejected cleanly
 * and the server keeps serving; chat and hands travel and are stored (Art. 8.1.b).
 */
interface Socket {
  ws: WebSocket;
  messages: ServerMessage[];
  request(method: string, data?: unknown): Promise<ServerMessage & { type: 'response' }>;
  next(pred: (m: ServerMessage) => boolean, ms?: number): Promise<ServerMessage>;
  closed: Promise<{ code: number; reason: string }>;
}

t.test('live signaling', async (t) => {
  const { app, login, services } = await buildTestApp(t, 'sqlite', { demo: 'small' });
  const teacher = await login(DEMO_TEACHER_ID);
  const principal = await login(DEMO_PRINCIPAL_ID);
  const { lessonId, classId } = await scheduleLessonNow(teacher, { className: '6A1' });

  // A second student of 6A1 and a student of another class, with passwords.
  const classmates = (await principal.request({ url: `/api/people?kind=student&classId=${classId}&limit=100` })).json().items as { id: number; personalId: string }[];
  const mate = classmates.find((s) => s.personalId !== DEMO_STUDENT_ID)!;
  const otherClass = (await principal.request({ url: '/api/classes' })).json().find((c: { id: number }) => c.id !== classId);
  const outsider = (await principal.request({ url: `/api/people?kind=student&classId=${otherClass.id}&limit=1` })).json().items[0] as { id: number; personalId: string };
  const withPassword = async (person: { id: number; personalId: string }): Promise<Client> => {
    const { temporaryPassword } = (await principal.request({ method: 'POST', url: `/api/people/${person.id}/reset-password` })).json();
    const c = await login(person.personalId, temporaryPassword);
    await c.request({ method: 'POST', url: '/api/auth/password', payload: { currentPassword: temporaryPassword, newPassword: `${DEMO_PASSWORD}-x1` } });
    return login(person.personalId, `${DEMO_PASSWORD}-x1`);
  };

  let nextId = 1;
  const open = async (c: Client): Promise<Socket> => {
    const messages: ServerMessage[] = [];
    const waiters: { pred: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] = [];
    let closedResolve: (v: { code: number; reason: string }) => void = () => undefined;
    const closed = new Promise<{ code: number; reason: string }>((r) => (closedResolve = r));
    const ws = await app.injectWS(`/api/live-lessons/${lessonId}/ws`, { headers: { cookie: c.cookie } }, {
      onInit(w) {
        w.on('message', (raw: Buffer) => {
          const m = JSON.parse(raw.toString()) as ServerMessage;
          messages.push(m);
          for (const w2 of [...waiters]) if (w2.pred(m)) { waiters.splice(waiters.indexOf(w2), 1); w2.resolve(m); }
        });
        w.on('close', (code: number, reason: Buffer) => closedResolve({ code, reason: reason.toString() }));
      },
    });
    const next = (pred: (m: ServerMessage) => boolean, ms = 5000) => {
      const found = messages.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise<ServerMessage>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('timed out waiting for a message')), ms);
        waiters.push({ pred, resolve: (m) => { clearTimeout(timer); resolve(m); } });
      });
    };
    const request = async (method: string, data: unknown = {}) => {
      const id = nextId++;
      ws.send(JSON.stringify({ type: 'request', id, method, data }));
      return (await next((m) => m.type === 'response' && m.id === id)) as ServerMessage & { type: 'response' };
    };
    return { ws, messages, request, next, closed };
  };
  const errCode = (m: ServerMessage) => (m.type === 'response' && !m.ok ? String(m.error.code) : 'ok');

  const tSock = await open(teacher);
  const welcome = await tSock.next((m) => m.type === 'notification' && m.method === 'welcome');
  t.match(welcome, { data: { role: 'teacher' } });
  t.ok((welcome as { data: { routerRtpCapabilities: { codecs: unknown[] } } }).data.routerRtpCapabilities.codecs.length > 0, 'the router capabilities of a real mediasoup router');

  await t.test('malformed and unknown messages get an error reply; the socket stays open', async (t) => {
    tSock.ws.send('this is not json');
    const e1 = await tSock.next((m) => m.type === 'response' && !m.ok && String(m.error.code).includes('not_json'));
    t.match(errCode(e1), /^LIVE_BAD_MESSAGE/);
    t.match(errCode(await tSock.request('fly', {})), /unknown_method/);
    t.match(errCode(await tSock.request('chat', { text: 42 })), /invalid_data/);
    t.match(errCode(await tSock.request('chat', { text: 'x'.repeat(2000), toPersonId: null })), /invalid_data/);
    tSock.ws.send(JSON.stringify({ type: 'response', id: 1, ok: true }));
    t.match(errCode(await tSock.next((m) => m.type === 'response' && !m.ok && String(m.error.code).includes('not_a_request'))), /not_a_request/);
  });

  await t.test('out of order: nothing but transports before join', async (t) => {
    t.equal(errCode(await tSock.request('raiseHand')), 'LIVE_NOT_JOINED');
    t.equal(errCode(await tSock.request('join', { rtpCapabilities: { codecs: [], headerExtensions: [] } })), 'ok');
  });

  const sSock = await open(await login(DEMO_STUDENT_ID));
  await sSock.next((m) => m.type === 'notification' && m.method === 'welcome');
  t.equal(errCode(await sSock.request('join', { rtpCapabilities: { codecs: [], headerExtensions: [] } })), 'ok');

  await t.test('ICE restart: new credentials for the peer\'s own transport only', async (t) => {
    const created = await tSock.request('createTransport', { direction: 'recv' });
    t.equal(errCode(created), 'ok');
    const transport = (created as { data: { id: string; iceParameters: { usernameFragment: string; password: string } } }).data;
    const restarted = await tSock.request('restartIce', { transportId: transport.id });
    t.equal(errCode(restarted), 'ok');
    const ice = (restarted as { data: { iceParameters: { usernameFragment: string; password: string } } }).data.iceParameters;
    t.not(ice.usernameFragment, transport.iceParameters.usernameFragment, 'a new ICE username fragment');
    t.not(ice.password, transport.iceParameters.password, 'and password');
    // Someone else's transport id is not found among the student's own.
    t.match(errCode(await sSock.request('restartIce', { transportId: transport.id })), /^MEDIA_(PEER|TRANSPORT)_NOT_FOUND$/);
    t.match(errCode(await sSock.request('restartIce', { transportId: 42 })), /invalid_data/);
  });

  await t.test('a socket replaced by a newer one of the same person cannot act any more', async (t) => {
    const classmate = await withPassword(mate);
    const first = await open(classmate);
    await first.next((m) => m.type === 'notification' && m.method === 'welcome');
    // The same student opens the lesson again (another tab): the first socket is closed as replaced.
    const second = await open(classmate);
    await second.next((m) => m.type === 'notification' && m.method === 'welcome');
    const closed = await first.closed;
    t.equal(closed.reason, 'replaced');
    t.equal(errCode(await second.request('join', { rtpCapabilities: { codecs: [], headerExtensions: [] } })), 'ok', 'the newer socket works');
    second.ws.close();
    await second.closed;

    // A request already in flight on the replaced socket when the new one arrived is refused.
    const room = services.liveRooms.existing(lessonId)!;
    const noop = { notify: () => undefined, close: () => undefined };
    const older = { ...noop };
    const peer = room.attach(mate.id, 'Bạn cùng lớp', 'student', older);
    room.attach(mate.id, 'Bạn cùng lớp', 'student', { ...noop });
    await t.rejects(room.handle(peer, 'join', { rtpCapabilities: {} }, older), { code: 'LIVE_SESSION_REPLACED' });
  });

  await t.test('students cannot use the teacher controls or send media they were not allowed', async (t) => {
    t.equal(errCode(await sSock.request('mute', { personId: 'all' })), 'FORBIDDEN');
    t.equal(errCode(await sSock.request('endLesson')), 'FORBIDDEN');
    t.equal(errCode(await sSock.request('produce', { transportId: 'x', kind: 'audio', rtpParameters: {}, source: 'microphone' })), 'FORBIDDEN');
  });

  await t.test('chat and a raised hand travel to the teacher and are stored', async (t) => {
    const sent = await sSock.request('chat', { text: 'Em chào thầy ạ!', toPersonId: null });
    t.equal(errCode(sent), 'ok');
    const got = await tSock.next((m) => m.type === 'notification' && m.method === 'chat');
    t.match(got, { data: { message: { text: 'Em chào thầy ạ!' } } });
    t.equal(errCode(await sSock.request('raiseHand')), 'ok');
    const queue = await tSock.next((m) => m.type === 'notification' && m.method === 'handQueue' && (m.data as { queue: number[] }).queue.length === 1);
    t.ok(queue);
    t.equal(errCode(await tSock.request('lockChat', { locked: true })), 'ok');
    t.equal(errCode(await sSock.request('chat', { text: 'Còn nói được không?', toPersonId: null })), 'LIVE_CHAT_LOCKED');
  });

  await t.test('a student of another class is refused at the door', async (t) => {
    const out = await open(await withPassword(outsider));
    const closed = await out.closed;
    t.equal(closed.code, 4403);
    t.match(out.messages.map(errCode).join(','), /LIVE_NOT_PARTICIPANT/);
  });

  await t.test('an oversized frame closes that socket only', async (t) => {
    const mateSock = await open(await withPassword(mate));
    await mateSock.next((m) => m.type === 'notification' && m.method === 'welcome');
    mateSock.ws.send('x'.repeat(70 * 1024));
    const closed = await mateSock.closed;
    t.equal(closed.code, 1009, 'message too big');
    t.equal(errCode(await tSock.request('lockChat', { locked: false })), 'ok', 'the teacher is unaffected');
  });

  await t.test('a flood is rate limited', async (t) => {
    const codes: string[] = [];
    const replies = [];
    for (let i = 0; i < 260; i++) replies.push(sSock.request('react', { reaction: 'like' }).then((m) => codes.push(errCode(m))).catch(() => codes.push('timeout')));
    await new Promise((r) => setTimeout(r, 1500));
    t.ok(sSock.messages.some((m) => m.type === 'response' && !m.ok && m.error.code === 'LIVE_RATE_LIMITED'));
    t.equal((await sSock.closed).code, 4429, 'a socket that keeps flooding is closed');
  });

  // The student comes back (a reconnect within a minute keeps one attendance interval).
  const back = await open(await login(DEMO_STUDENT_ID));
  await back.next((m) => m.type === 'notification' && m.method === 'welcome');
  t.equal(errCode(await back.request('join', { rtpCapabilities: { codecs: [], headerExtensions: [] } })), 'ok');

  await t.test('ending the lesson closes everyone; attendance is stored', async (t) => {
    t.equal(errCode(await tSock.request('endLesson')), 'ok');
    t.equal((await back.closed).code, 4411);
    const summary = (await teacher.request({ url: `/api/live-lessons/${lessonId}/summary` })).json() as { students: { personalId: string; present: boolean; chatMessages: number; handsRaised: number; joins: number }[]; totals: { present: number } };
    const student = summary.students.find((s) => s.personalId === DEMO_STUDENT_ID)!;
    t.equal(student.present, true);
    t.ok(student.joins >= 1);
    t.equal(student.chatMessages, 1);
    t.equal(student.handsRaised, 1);
    t.ok(summary.totals.present >= 1);
    const lesson = (await teacher.request({ url: `/api/live-lessons/${lessonId}` })).json();
    t.equal(lesson.status, 'ended');
  });
  void services;
});
