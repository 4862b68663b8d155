import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import t from 'tap';
import { buildTestApp } from '../helpers/app.js';
import { dialects } from '../helpers/db.js';
import { DEMO_IT_ID, DEMO_STUDENT_ID, DEMO_TEACHER_ID, DEMO_VICE_PRINCIPAL_ID } from '../../server/src/domain/demo/demo-school.js';
import { FileKeySecretBox } from '../../server/src/data/camera-secret-box.js';
import { startVirtualCamera, type VirtualCamera } from '../../appliance/src/cameras/virtual-camera/virtual-camera.js';
import { onvifCameras } from '../../appliance/src/cameras/onvif-client.js';

/**
 * Room cameras through the API (Art. 10.3). The virtual ONVIF camera started here stands in for
 * a physical PTZ camera of the teaching room: it speaks the same protocols (WS-Discovery, SOAP
 * with WS-Security digests, PTZ, HTTP-Digest snapshots, RTSP), on 127.0.0.1 with free ports.
 * Every data step runs on SQLite and PostgreSQL.
 */
const USER = 'quantri';
// Vietnamese letters, ':' and '@': they must survive sealing, WS-Security and the RTSP URL.
const PASS = 'Mật:khẩu@Camera-2026';

let cam: VirtualCamera;
t.before(async () => {
  cam = await startVirtualCamera({
    host: '127.0.0.1', httpPort: 0, rtspPort: 0, discoveryPort: 0, discoveryInterface: '127.0.0.1',
    username: USER, password: PASS, name: 'Camera Lớp 6A1', location: 'Phòng 201',
  });
});
t.teardown(() => cam.close());

const isJpeg = (b: Buffer) => b.length > 4 && b[0] === 0xff && b[1] === 0xd8 && b.at(-2) === 0xff && b.at(-1) === 0xd9;
const near = (a: number, b: number) => Math.abs(a - b) < 1e-6;

async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

for (const dialect of dialects()) {
  t.test(`room cameras on ${dialect}`, async (t) => {
    const { app, login, services, database } = await buildTestApp(t, dialect, { demo: 'small' });
    const it = await login(DEMO_IT_ID);
    const teacher = await login(DEMO_TEACHER_ID);
    const vice = await login(DEMO_VICE_PRINCIPAL_ID);
    const student = await login(DEMO_STUDENT_ID);
    const knex = database.db.knex;
    let cameraId = 0;

    await t.test('discover the camera on the loopback interface', async (t) => {
      const ifaces = (await it.request({ url: '/api/cameras/interfaces' })).json() as { address: string }[];
      t.ok(ifaces.some((i) => i.address === '127.0.0.1'), 'the box lists its interfaces');
      const res = await it.request({ method: 'POST', url: '/api/cameras/discover', payload: { interfaceAddress: '127.0.0.1', timeoutMs: 700, port: cam.discoveryPort } });
      t.equal(res.statusCode, 200, res.body);
      const found = res.json() as { urn: string; xaddr: string; name: string; location: string; cameraId: number | null }[];
      t.match(found.find((c) => c.urn === cam.urn), { xaddr: cam.deviceServiceUrl, name: 'Camera Lớp 6A1', location: 'Phòng 201', cameraId: null });
      const bad = await it.request({ method: 'POST', url: '/api/cameras/discover', payload: { interfaceAddress: '203.0.113.9', timeoutMs: 300 } });
      t.equal(bad.json().error.code, 'CAMERA_DISCOVERY_FAILED', 'an address that is not the box’s');
      t.equal((await teacher.request({ method: 'POST', url: '/api/cameras/discover', payload: { interfaceAddress: '127.0.0.1' } })).statusCode, 403, 'teachers do not manage cameras');
    });

    await t.test('adding: wrong password, unreachable camera and bad addresses are refused with clear codes', async (t) => {
      const wrong = await it.request({ method: 'POST', url: '/api/cameras', payload: { xaddr: cam.deviceServiceUrl, username: USER, password: 'sai-mat-khau' } });
      t.equal(wrong.statusCode, 422);
      t.equal(wrong.json().error.code, 'CAMERA_UNAUTHORIZED');
      t.match(wrong.json().error.message.vi, /mật khẩu/);
      const gone = await it.request({ method: 'POST', url: '/api/cameras', payload: { xaddr: `http://127.0.0.1:${await closedPort()}/onvif/device_service`, username: USER, password: PASS } });
      t.equal(gone.statusCode, 502);
      t.equal(gone.json().error.code, 'CAMERA_UNREACHABLE');
      const withCreds = await it.request({ method: 'POST', url: '/api/cameras', payload: { xaddr: `http://${USER}:x@127.0.0.1:${cam.httpPort}/onvif/device_service`, username: USER, password: PASS } });
      t.match(withCreds.json(), { error: { code: 'VALIDATION_FAILED', details: { field: 'xaddr', reason: 'credentials_in_url' } } });
      t.equal(Number((await knex('cameras').count({ n: '*' }).first())?.n), 0, 'nothing was stored');
    });

    await t.test('add the camera: device information, main profile, stream checked, first camera is the default', async (t) => {
      const res = await it.request({ method: 'POST', url: '/api/cameras', payload: { xaddr: cam.deviceServiceUrl, username: USER, password: PASS, name: 'Camera bảng', urn: cam.urn } });
      t.equal(res.statusCode, 200, res.body);
      const c = res.json();
      cameraId = c.id;
      t.match(c, { name: 'Camera bảng', xaddr: cam.deviceServiceUrl, urn: cam.urn, username: USER, profileToken: 'main', streamUri: cam.streamUrl('main'), manufacturer: 'Phonghoc', model: 'Virtual PTZ Camera', ptz: true, enabled: true, isDefault: true, lastError: null });
      t.notOk('password' in c || 'passwordEnc' in c, 'no password field in the reply');
      t.notMatch(res.body, PASS);
      const again = await it.request({ method: 'POST', url: '/api/cameras', payload: { xaddr: cam.deviceServiceUrl, username: USER, password: PASS } });
      t.match(again.json(), { error: { code: 'CONFLICT', details: { cameraId } } });
      const rediscovered = (await it.request({ method: 'POST', url: '/api/cameras/discover', payload: { interfaceAddress: '127.0.0.1', timeoutMs: 500, port: cam.discoveryPort, multicast: false, unicastHosts: ['127.0.0.1'] } })).json();
      t.equal(rediscovered.find((d: { urn: string }) => d.urn === cam.urn)?.cameraId, cameraId, 'discovery marks it as added');
    });

    await t.test('the password is sealed at rest and never returned', async (t) => {
      const row = await knex('cameras').where({ id: cameraId }).first();
      t.notMatch(JSON.stringify(row), PASS, 'not in the raw row');
      t.notMatch(JSON.stringify(row), encodeURIComponent(PASS), 'not even percent-encoded (stream URI cache)');
      t.match(row.password_enc, /^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
      const keyFile = path.join(database.dataDir, 'secrets', 'camera.key');
      const st = fs.statSync(keyFile);
      t.equal(st.mode & 0o777, 0o600, 'key file mode 0600');
      t.equal(st.size, 32, 'a 256-bit key');
      t.equal(FileKeySecretBox.inDataDir(database.dataDir).open(row.password_enc), PASS, 'the key in the data directory opens it');
      t.throws(() => new FileKeySecretBox(path.join(database.dataDir, 'other.key')).open(row.password_enc), 'another key does not');
      for (const client of [it, teacher, vice]) {
        const list = await client.request({ url: '/api/cameras' });
        t.equal(list.statusCode, 200);
        t.notMatch(list.body, PASS);
        t.notMatch(list.body, /password/i);
      }
      t.equal((await student.request({ url: '/api/cameras' })).statusCode, 403);
      const audit = await knex('audit_log').where('action', 'like', 'camera.%').select('details');
      t.notMatch(JSON.stringify(audit), PASS, 'nor in the audit log');
    });

    await t.test('snapshot is a JPEG', async (t) => {
      const res = await teacher.request({ url: `/api/cameras/${cameraId}/snapshot` });
      t.equal(res.statusCode, 200);
      t.equal(res.headers['content-type'], 'image/jpeg');
      t.equal(res.headers['cache-control'], 'no-store');
      t.ok(isJpeg(res.rawPayload), 'FF D8 … FF D9');
      t.equal((await teacher.request({ url: '/api/cameras/999999/snapshot' })).statusCode, 404);
      t.equal((await student.request({ url: `/api/cameras/${cameraId}/snapshot` })).statusCode, 403);
    });

    await t.test('move: absolute, relative, continuous + stop, and status', async (t) => {
      const move = (payload: Record<string, unknown>) => teacher.request({ method: 'POST', url: `/api/cameras/${cameraId}/move`, payload });
      const abs = await move({ kind: 'absolute', position: { pan: 0.5, tilt: -0.25, zoom: 0.4 } });
      t.equal(abs.statusCode, 200, abs.body);
      t.same(abs.json().position, { pan: 0.5, tilt: -0.25, zoom: 0.4 });
      t.same(cam.ptzPosition(), { pan: 0.5, tilt: -0.25, zoom: 0.4 }, 'the camera head agrees');
      t.same((await move({ kind: 'relative', translation: { pan: -0.25, tilt: 0.5 } })).json().position, { pan: 0.25, tilt: 0.25, zoom: 0.4 });
      const cont = await move({ kind: 'continuous', velocity: { pan: -1 } });
      t.same(cont.json().moving, { panTilt: true, zoom: false });
      await new Promise((r) => setTimeout(r, 250));
      const stop = await move({ kind: 'stop' });
      t.same(stop.json().moving, { panTilt: false, zoom: false });
      t.ok(stop.json().position.pan < 0.25, `panned left to ${stop.json().position.pan}`);
      const status = (await teacher.request({ url: `/api/cameras/${cameraId}/status` })).json();
      t.same(status.position, cam.ptzPosition());
      t.equal((await move({ kind: 'absolute' })).json().error.code, 'VALIDATION_FAILED', 'an absolute move needs a position');
      t.equal((await move({ kind: 'absolute', position: { pan: 2 } })).statusCode, 400, 'out of the generic space');
      t.equal((await move({ kind: 'fly' })).statusCode, 400);
      t.equal((await vice.request({ method: 'POST', url: `/api/cameras/${cameraId}/move`, payload: { kind: 'stop' } })).statusCode, 403, 'observers do not steer');
      const moved = await knex('audit_log').where({ action: 'camera.moved', entity_id: String(cameraId) }).count({ n: '*' }).first();
      t.equal(Number(moved?.n), 3, 'absolute, relative and continuous moves are audited (stop is not)');
    });

    await t.test('presets: save by name, go to, overwrite, remove', async (t) => {
      const spots = [
        { name: 'Bảng', at: { pan: -0.6, tilt: 0.1, zoom: 0.2 } },
        { name: 'Bàn giáo viên', at: { pan: 0.4, tilt: -0.2, zoom: 0.5 } },
        { name: 'Cả lớp', at: { pan: 0, tilt: 0, zoom: 0 } },
      ];
      const ids: number[] = [];
      for (const s of spots) {
        await teacher.request({ method: 'POST', url: `/api/cameras/${cameraId}/move`, payload: { kind: 'absolute', position: s.at } });
        const res = await teacher.request({ method: 'POST', url: `/api/cameras/${cameraId}/presets`, payload: { name: s.name } });
        t.equal(res.statusCode, 200, res.body);
        t.match(res.json(), { cameraId, name: s.name });
        ids.push(res.json().id);
      }
      const list = (await vice.request({ url: `/api/cameras/${cameraId}/presets` })).json() as { id: number; name: string }[];
      t.same(list.map((p) => p.name), spots.map((s) => s.name));

      const goto = await teacher.request({ method: 'POST', url: `/api/cameras/${cameraId}/presets/${ids[0]}/goto` });
      t.equal(goto.statusCode, 200, goto.body);
      t.same(goto.json().position, spots[0]!.at, 'at the board');

      // Saving an existing name moves that preset to where the camera points now.
      await teacher.request({ method: 'POST', url: `/api/cameras/${cameraId}/move`, payload: { kind: 'absolute', position: { pan: -0.5, tilt: 0.2, zoom: 0.3 } } });
      const over = await teacher.request({ method: 'POST', url: `/api/cameras/${cameraId}/presets`, payload: { name: 'Bảng' } });
      t.equal(over.json().id, ids[0], 'same preset');
      await teacher.request({ method: 'POST', url: `/api/cameras/${cameraId}/presets/${ids[1]}/goto` });
      const back = (await teacher.request({ method: 'POST', url: `/api/cameras/${cameraId}/presets/${ids[0]}/goto` })).json();
      t.ok(near(back.position.pan, -0.5) && near(back.position.tilt, 0.2) && near(back.position.zoom, 0.3), 'the board preset now points at the new position');

      const del = await teacher.request({ method: 'DELETE', url: `/api/cameras/${cameraId}/presets/${ids[2]}` });
      t.equal(del.statusCode, 200);
      t.same(((await teacher.request({ url: `/api/cameras/${cameraId}/presets` })).json() as { name: string }[]).map((p) => p.name), ['Bảng', 'Bàn giáo viên']);
      t.equal((await teacher.request({ method: 'POST', url: `/api/cameras/${cameraId}/presets/${ids[2]}/goto` })).statusCode, 404);
      const direct = await onvifCameras.connect({ xaddr: cam.deviceServiceUrl, username: USER, password: PASS });
      t.same((await direct.presets()).map((p) => p.name).sort(), ['Bàn giáo viên', 'Bảng'].sort(), 'the camera holds the same presets');
      t.equal((await teacher.request({ method: 'POST', url: `/api/cameras/${cameraId}/presets`, payload: { name: '   ' } })).statusCode, 400);
    });

    await t.test('the live room’s port: the default camera’s RTSP URL with credentials', async (t) => {
      const url = await services.cameras.streamUrl();
      t.ok(url);
      const u = new URL(url!);
      t.equal(decodeURIComponent(u.username), USER);
      t.equal(decodeURIComponent(u.password), PASS);
      t.equal(`${u.protocol}//${u.host}${u.pathname}`, cam.streamUrl('main'));
      t.equal(await services.cameras.streamUrl(String(cameraId)), url, 'by id');
      t.equal(await services.cameras.streamUrl('999999'), null);
      t.equal(await services.cameras.streamUrl('abc'), null);
    });

    await t.test('update: rename, wrong new password refused, switch off and on, default', async (t) => {
      const renamed = await it.request({ method: 'PUT', url: `/api/cameras/${cameraId}`, payload: { name: 'Camera cuối lớp' } });
      t.equal(renamed.json().name, 'Camera cuối lớp');
      const before = await knex('cameras').where({ id: cameraId }).first();
      const wrong = await it.request({ method: 'PUT', url: `/api/cameras/${cameraId}`, payload: { password: 'khong-dung' } });
      t.equal(wrong.json().error.code, 'CAMERA_UNAUTHORIZED');
      t.equal((await knex('cameras').where({ id: cameraId }).first()).password_enc, before.password_enc, 'the stored password is unchanged');
      t.equal((await it.request({ method: 'PUT', url: `/api/cameras/${cameraId}`, payload: { password: PASS } })).statusCode, 200, 'the right one is accepted');
      t.equal((await it.request({ method: 'PUT', url: `/api/cameras/${cameraId}`, payload: { profileToken: 'sub' } })).json().streamUri, cam.streamUrl('sub'), 'another profile');
      t.equal((await it.request({ method: 'PUT', url: `/api/cameras/${cameraId}`, payload: { profileToken: 'khong-co' } })).json().error.details.field, 'profileToken');
      await it.request({ method: 'PUT', url: `/api/cameras/${cameraId}`, payload: { enabled: false } });
      t.equal(await services.cameras.streamUrl(), null, 'a camera switched off is no room camera');
      await it.request({ method: 'PUT', url: `/api/cameras/${cameraId}`, payload: { enabled: true, isDefault: true } });
      t.ok(await services.cameras.streamUrl());
      t.equal((await it.request({ method: 'PUT', url: '/api/cameras/999999', payload: { name: 'x' } })).statusCode, 404);
      t.equal((await it.request({ method: 'PUT', url: `/api/cameras/${cameraId}`, payload: {} })).statusCode, 400);
      t.equal((await teacher.request({ method: 'PUT', url: `/api/cameras/${cameraId}`, payload: { name: 'x' } })).statusCode, 403);
    });

    await t.test('remove: the camera and its presets are gone, every change is in the audit log', async (t) => {
      t.equal((await it.request({ method: 'DELETE', url: `/api/cameras/${cameraId}` })).statusCode, 200);
      t.same((await it.request({ url: '/api/cameras' })).json(), []);
      t.equal(Number((await knex('camera_presets').count({ n: '*' }).first())?.n), 0);
      t.equal(await services.cameras.streamUrl(), null);
      t.equal((await it.request({ method: 'DELETE', url: `/api/cameras/${cameraId}` })).statusCode, 404);
      const actions = (await knex('audit_log').where('action', 'like', 'camera.%').orderBy('id').pluck('action')) as string[];
      for (const a of ['camera.added', 'camera.moved', 'camera.preset_saved', 'camera.preset_goto', 'camera.preset_removed', 'camera.updated', 'camera.removed']) t.ok(actions.includes(a), a);
    });
    void app;
  });
}
