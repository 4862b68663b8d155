import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { loadConfig } from '../../server/src/config/config.js';
import { startAppliance } from '../../server/src/server.js';
import { DEMO_CAMERA_NAME, DEMO_CAMERA_UUID } from '../../server/src/data/camera-demo.js';

/**
 * Demo mode (PHONGHOC_DEMO_CAMERA=1): the appliance starts the virtual ONVIF camera on 127.0.0.1
 * and registers it as the default room camera of a box that has none; after a restart (new
 * ports, new password) the same row is brought up to date; closing the appliance stops it.
 */
t.test('the demo camera becomes the room camera and follows restarts', async (t) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phonghoc-demo-cam-'));
  t.teardown(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const env = {
    PHONGHOC_DATA_DIR: dataDir, PHONGHOC_HTTP_PORT: '0', PHONGHOC_HTTPS_PORT: '0', PHONGHOC_HOSTNAME: 'localhost',
    PHONGHOC_PUBLIC_ADDRESSES: '127.0.0.1', PHONGHOC_LOG_LEVEL: 'silent', PHONGHOC_DEMO_CAMERA: '1',
  };
  t.equal(loadConfig(env).demoCamera, true);
  t.equal(loadConfig({ ...env, PHONGHOC_DEMO_CAMERA: undefined }).demoCamera, false, 'off by default');
  t.throws(() => loadConfig({ ...env, PHONGHOC_DEMO_CAMERA: 'yes' }), /PHONGHOC_DEMO_CAMERA/, 'a bad value stops the start');

  const first = await startAppliance(loadConfig(env), { healthPolling: false });
  const [cam] = await first.services.cameras.list();
  t.match(cam, { name: DEMO_CAMERA_NAME, urn: `urn:uuid:${DEMO_CAMERA_UUID}`, isDefault: true, enabled: true, ptz: true, profileToken: 'main' });
  const url1 = await first.services.cameras.streamUrl();
  t.match(url1, /^rtsp:\/\/phonghoc-demo:[\w-]+@127\.0\.0\.1:\d+\/stream\/main$/);
  const jpeg = await first.services.cameras.snapshot(cam!.id);
  t.ok(jpeg[0] === 0xff && jpeg[1] === 0xd8, 'a snapshot from the demo camera');
  const xaddr1 = cam!.xaddr;
  await first.close();
  await t.rejects(fetch(xaddr1, { method: 'POST' }), 'closing the appliance stopped the camera');

  const second = await startAppliance(loadConfig(env), { healthPolling: false });
  t.teardown(() => second.close());
  const list = await second.services.cameras.list();
  t.equal(list.length, 1, 'still one camera');
  t.equal(list[0]!.id, cam!.id, 'the same row');
  t.not(list[0]!.xaddr, xaddr1, 'at its new address');
  const url2 = await second.services.cameras.streamUrl();
  t.not(url2, url1, 'with the new port and password');
  t.ok((await second.services.cameras.snapshot(cam!.id)).length > 100, 'and it answers');
  const actions = (await second.db.knex('audit_log').where('actor_login', 'demo-camera').orderBy('id').pluck('action')) as string[];
  t.same(actions, ['camera.added', 'camera.updated']);
});
