import t from 'tap';
import { buildTestApp, type Client } from '../helpers/app.js';
import { scheduleLessonNow } from '../helpers/live.js';
import { DEMO_IT_ID, DEMO_TEACHER_ID } from '../../server/src/domain/demo/demo-school.js';
import type { ServerMessage } from '../../server/src/contracts/live-signaling.js';
import { startVirtualCamera, type VirtualCamera } from '../../appliance/src/cameras/virtual-camera/virtual-camera.js';

/**
 * The test: "the virtual camera is discovered, configured, moved, snapshotted and streamed
 * into a live lesson (bytes counted on the server)". The virtual ONVIF camera stands in for the
 * teaching room's physical PTZ camera (same WS-Discovery, SOAP, snapshots and RTSP); a real
 * mediasoup worker and ffmpeg carry its stream into the lesson's room.
 */
const USER = 'admin';
const PASS = 'Phòng-201@camera';

let cam: VirtualCamera;
t.before(async () => {
  cam = await startVirtualCamera({ host: '127.0.0.1', discoveryPort: 0, discoveryInterface: '127.0.0.1', username: USER, password: PASS, name: 'Camera bảng' });
});
t.teardown(() => cam.close());

async function until<T>(what: string, get: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(v)})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

t.test('the virtual camera is discovered, configured, moved, snapshotted and streamed into a live lesson', async (t) => {
  const { app, login, services } = await buildTestApp(t, 'sqlite', { demo: 'small' });
  const it = await login(DEMO_IT_ID);
  const teacher = await login(DEMO_TEACHER_ID);

  // Discovered …
  const found = (await it.request({ method: 'POST', url: '/api/cameras/discover', payload: { interfaceAddress: '127.0.0.1', timeoutMs: 700, port: cam.discoveryPort } })).json() as { urn: string; xaddr: string }[];
  const match = found.find((c) => c.urn === cam.urn);
  t.ok(match, 'discovered by WS-Discovery');
  // … configured …
  const added = await it.request({ method: 'POST', url: '/api/cameras', payload: { xaddr: match!.xaddr, urn: match!.urn, username: USER, password: PASS, name: 'Camera bảng' } });
  t.equal(added.statusCode, 200, added.body);
  const cameraId = added.json().id as number;
  t.equal(added.json().isDefault, true);
  // … moved …
  const moved = await teacher.request({ method: 'POST', url: `/api/cameras/${cameraId}/move`, payload: { kind: 'absolute', position: { pan: -0.4, tilt: 0.1, zoom: 0.3 } } });
  t.same(moved.json().position, { pan: -0.4, tilt: 0.1, zoom: 0.3 });
  t.same(cam.ptzPosition(), { pan: -0.4, tilt: 0.1, zoom: 0.3 });
  // … snapshotted …
  const snap = await teacher.request({ url: `/api/cameras/${cameraId}/snapshot` });
  t.equal(snap.headers['content-type'], 'image/jpeg');
  t.ok(snap.rawPayload[0] === 0xff && snap.rawPayload[1] === 0xd8, 'a JPEG');

  // … and streamed into a live lesson.
  const { lessonId } = await scheduleLessonNow(teacher, { className: '6A1' });
  const sock = await openSocket(app, teacher, lessonId);
  await sock.next((m) => m.type === 'notification' && m.method === 'welcome');
  t.equal(errCode(await sock.request('join', { rtpCapabilities: { codecs: [], headerExtensions: [] } })), 'ok');
  const started = await sock.request('startRoomCamera', {});
  t.equal(errCode(started), 'ok', JSON.stringify(started));
  const producerIds = (started as { data: { producerIds: string[] } }).data.producerIds;
  t.equal(producerIds.length, 1, 'one video producer from the room camera');
  t.equal(cam.encoders().length, 1, 'the camera is streaming (RTSP PLAY started its encoder)');

  const room = (await services.liveRooms.media()).existingRoom(String(lessonId))!;
  const first = await until('the first bytes', () => room.byteCount(producerIds[0]!), (n) => n > 0);
  const later = await until('more bytes', () => room.byteCount(producerIds[0]!), (n) => n > first + 20_000);
  t.ok(later > first, `bytes counted on the server rise: ${first} → ${later}`);
  t.same(((await sock.request('startRoomCamera', {})) as { data: { producerIds: string[] } }).data.producerIds, producerIds, 'asking again returns the same producer');

  t.equal(errCode(await sock.request('stopRoomCamera', {})), 'ok');
  await until('the camera encoder to stop', async () => cam.encoders().length, (n) => n === 0);
  t.pass('stopping the room camera ends the RTSP session');

  // A camera switched off is no room camera for the lesson.
  await it.request({ method: 'PUT', url: `/api/cameras/${cameraId}`, payload: { enabled: false } });
  t.equal(errCode(await sock.request('startRoomCamera', {})), 'LIVE_NO_ROOM_CAMERA');

  t.equal(errCode(await sock.request('endLesson', {})), 'ok');
  await sock.closed;
});

const errCode = (m: ServerMessage) => (m.type === 'response' && !m.ok ? String(m.error.code) : 'ok');

interface Socket {
  request(method: string, data?: unknown): Promise<ServerMessage & { type: 'response' }>;
  next(pred: (m: ServerMessage) => boolean, ms?: number): Promise<ServerMessage>;
  closed: Promise<number>;
}

async function openSocket(app: Awaited<ReturnType<typeof buildTestApp>>['app'], c: Client, lessonId: number): Promise<Socket> {
  const messages: ServerMessage[] = [];
  const waiters: { pred: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] = [];
  let onClose: (code: number) => void = () => undefined;
  const closed = new Promise<number>((r) => (onClose = r));
  const ws = await app.injectWS(`/api/live-lessons/${lessonId}/ws`, { headers: { cookie: c.cookie } }, {
    onInit(w) {
      w.on('message', (raw: Buffer) => {
        const m = JSON.parse(raw.toString()) as ServerMessage;
        messages.push(m);
        for (const x of [...waiters]) if (x.pred(m)) { waiters.splice(waiters.indexOf(x), 1); x.resolve(m); }
      });
      w.on('close', (code: number) => onClose(code));
    },
  });
  const next = (pred: (m: ServerMessage) => boolean, ms = 20_000) => {
    const found = messages.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise<ServerMessage>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for a message')), ms);
      waiters.push({ pred, resolve: (m) => { clearTimeout(timer); resolve(m); } });
    });
  };
  let id = 1;
  const request = async (method: string, data: unknown = {}) => {
    const n = id++;
    ws.send(JSON.stringify({ type: 'request', id: n, method, data }));
    return (await next((m) => m.type === 'response' && m.id === n)) as ServerMessage & { type: 'response' };
  };
  return { request, next, closed };
}
