// The room camera end to end (Art. 10.3): the virtual ONVIF camera on 127.0.0.1 with free
// ports, found by the client's WS-Discovery, driven through the ONVIF client (device, media,
// PTZ, presets, snapshots, WS-Security refusals), and its RTSP stream pulled by a raw client
// and by real ffmpeg over TCP interleaved and UDP.
//
// Discovery here: multicast on the loopback interface works in this sandbox (the camera joins
// 239.255.255.250 on 127.0.0.1 and the probe socket multicasts through 127.0.0.1), and the
// camera also answers Probes sent straight to its port; both paths are tested.
// Needs ffmpeg with libx264 on PATH. Takes about 15 s.

import t from 'tap';
import { spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import net from 'node:net';
import { startVirtualCamera } from '../../appliance/src/cameras/virtual-camera/virtual-camera.js';
import type { VirtualCamera } from '../../appliance/src/cameras/virtual-camera/virtual-camera.js';
import { onvifCameras, withCredentials } from '../../appliance/src/cameras/onvif-client.js';
import type { CameraConnection } from '../../appliance/src/cameras/camera.types.js';
import { CameraFaultError, CameraUnauthorizedError } from '../../appliance/src/cameras/camera.errors.js';
import { NS, parseSoap, soapEnvelope, textAt } from '../../appliance/src/cameras/soap.js';
import type { NsPrefix } from '../../appliance/src/cameras/soap.js';
import { soapCall } from '../../appliance/src/cameras/soap-client.js';
import { usernameTokenHeader } from '../../appliance/src/cameras/ws-security.js';
import { basicAuthorization } from '../../appliance/src/cameras/http-auth.js';
import {
  DISCOVERY_MULTICAST_ADDRESS,
  newMessageId,
  parseProbeMatches,
  probeMessage,
} from '../../appliance/src/cameras/ws-discovery-messages.js';

const USER = 'giaovien';
// Vietnamese letters, ':' and '@' in the password: they must survive WS-Security, HTTP Digest
// and being percent-encoded into the RTSP URL that ffmpeg is given.
const PASS = 'Bí-mật:2024@lớp';
const NAME = 'Camera Lớp 10A1';
const LOCATION = 'Tầng 2 – Phòng 201';

let cam: VirtualCamera;
let conn: CameraConnection;
const refusals: string[] = [];
const warnings: string[] = [];

t.before(async () => {
  cam = await startVirtualCamera({
    host: '127.0.0.1', httpPort: 0, rtspPort: 0, discoveryPort: 0, discoveryInterface: '127.0.0.1',
    username: USER, password: PASS, name: NAME, location: LOCATION,
  });
  cam.on('auth-refused', (reason) => refusals.push(reason));
  cam.on('warning', (message) => warnings.push(message));
});
t.teardown(() => cam.close());

const isJpeg = (b: Buffer): boolean => b.length > 4 && b[0] === 0xff && b[1] === 0xd8 && b.at(-2) === 0xff && b.at(-1) === 0xd9;

/** The fault subcodes a call was refused with, or undefined when it succeeded. */
async function refusal(p: Promise<unknown>): Promise<readonly string[] | undefined> {
  try {
    await p;
    return undefined;
  } catch (err) {
    return err instanceof CameraFaultError ? err.subcodes : [`not a fault: ${String(err)}`];
  }
}

async function until(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// ---- discovery -------------------------------------------------------------------------------

t.test('discovery by multicast on 127.0.0.1', async (t) => {
  t.same(cam.multicastInterfaces, ['127.0.0.1'], 'the camera joined the group on loopback');
  const found = await onvifCameras.discover({ interfaceAddress: '127.0.0.1', timeoutMs: 700, port: cam.discoveryPort });
  t.equal(found.length, 1, 'one camera, answers to repeated probes deduplicated');
  t.match(found[0], { urn: cam.urn, xaddr: cam.deviceServiceUrl, name: NAME, location: LOCATION, hardware: 'PH-VCAM-1', address: '127.0.0.1' });
  t.match(found[0]?.urn, /^urn:uuid:[0-9a-f-]{36}$/);
});

t.test('discovery by a Probe sent straight to the port (no multicast)', async (t) => {
  const found = await onvifCameras.discover({ interfaceAddress: '127.0.0.1', timeoutMs: 500, port: cam.discoveryPort, multicast: false, unicastHosts: ['127.0.0.1'] });
  t.same(found.map((c) => c.urn), [cam.urn]);
});

t.test('a raw Probe: ProbeMatches relates to its MessageID; other device types get no answer', async (t) => {
  const socket = createSocket('udp4');
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', () => r()));
  t.teardown(() => socket.close());
  const replies: string[] = [];
  socket.on('message', (m) => replies.push(m.toString('utf8')));
  const id = newMessageId();
  socket.setMulticastInterface('127.0.0.1');
  socket.send(probeMessage(id, [{ ns: NS.dn, local: 'NetworkVideoTransmitter' }]), cam.discoveryPort, DISCOVERY_MULTICAST_ADDRESS);
  await until('a ProbeMatches', () => replies.length > 0, 2000);
  const [match] = parseProbeMatches(replies[0] ?? '');
  t.equal(match?.relatesTo, id);
  t.equal(match?.address, cam.urn);
  t.ok(match?.scopes.includes('onvif://www.onvif.org/name/Camera%20L%E1%BB%9Bp%2010A1'), 'the name scope, URL-encoded UTF-8');
  t.same(match?.xaddrs, [cam.deviceServiceUrl]);

  replies.length = 0;
  socket.send(probeMessage(newMessageId(), [{ ns: NS.dn, local: 'NetworkVideoDisplay' }]), cam.discoveryPort, '127.0.0.1');
  await new Promise((r) => setTimeout(r, 400));
  t.same(replies, [], 'a probe for displays is not answered by a camera');
});

// ---- ONVIF: device and media -----------------------------------------------------------------

t.test('connect with the right credentials: device information and profiles', async (t) => {
  conn = await onvifCameras.connect({ xaddr: cam.deviceServiceUrl, username: USER, password: PASS });
  t.ok(Math.abs(conn.clockOffsetMs) < 2000, `clock offset ${conn.clockOffsetMs} ms`);
  t.match(await conn.deviceInformation(), { manufacturer: 'Phonghoc', model: 'Virtual PTZ Camera', firmwareVersion: '1.0.0', hardwareId: 'PH-VCAM-1' });
  const profiles = await conn.profiles();
  t.same(
    profiles.map((p) => [p.token, p.name, p.video?.encoding, p.video?.width, p.video?.height, p.ptz]),
    [
      ['main', 'Luồng chính', 'H264', 1280, 720, true],
      ['sub', 'Luồng phụ', 'H264', 640, 360, true],
    ],
  );
});

t.test('wrong password, missing, stale and replayed credentials are refused', async (t) => {
  await t.rejects(onvifCameras.connect({ xaddr: cam.deviceServiceUrl, username: USER, password: 'sai mật khẩu' }), CameraUnauthorizedError);
  await t.rejects(onvifCameras.connect({ xaddr: cam.deviceServiceUrl, username: 'khach', password: PASS }), { code: 'CAMERA_UNAUTHORIZED' });

  const post = async (body: string, header?: string) => {
    const res = await fetch(cam.deviceServiceUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/soap+xml; charset=utf-8' },
      body: soapEnvelope(body, { prefixes: ['tds'], ...(header !== undefined ? { header } : {}) }),
    });
    return { status: res.status, soap: parseSoap(await res.text()) };
  };
  const open = await post('<tds:GetSystemDateAndTime/>');
  t.equal(open.status, 200, 'GetSystemDateAndTime needs no credentials');
  const bare = await post('<tds:GetDeviceInformation/>');
  t.equal(bare.status, 400, 'HTTP 400, as ONVIF maps Sender faults');
  t.same(bare.soap.fault?.subcodes, ['NotAuthorized']);
  t.equal(bare.soap.fault?.code, 'Sender');

  refusals.length = 0;
  const stale = await post('<tds:GetDeviceInformation/>', usernameTokenHeader({ username: USER, password: PASS, now: new Date(Date.now() - 10 * 60_000) }));
  t.same(stale.soap.fault?.subcodes, ['NotAuthorized'], 'Created ten minutes ago');
  const header = usernameTokenHeader({ username: USER, password: PASS, now: new Date() });
  t.equal((await post('<tds:GetDeviceInformation/>', header)).status, 200, 'a fresh token is accepted once');
  const replay = await post('<tds:GetDeviceInformation/>', header);
  t.same(replay.soap.fault?.subcodes, ['NotAuthorized'], 'the same token again is a replay');
  t.same(refusals, ['stale', 'replayed-nonce']);
});

t.test('typed errors: unreachable, timeout, not an ONVIF service', async (t) => {
  const closed = net.createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
  const freePort = (closed.address() as net.AddressInfo).port;
  await new Promise<void>((r) => closed.close(() => r()));
  await t.rejects(onvifCameras.connect({ xaddr: `http://127.0.0.1:${freePort}/onvif/device_service`, username: USER, password: PASS }), {
    name: 'CameraUnreachableError',
    code: 'CAMERA_UNREACHABLE',
  });

  const silent = net.createServer(() => undefined); // accepts, never answers
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
  t.teardown(() => {
    silent.close();
    silent.unref();
  });
  const port = (silent.address() as net.AddressInfo).port;
  const started = Date.now();
  await t.rejects(onvifCameras.connect({ xaddr: `http://127.0.0.1:${port}/onvif/device_service`, username: USER, password: PASS, timeoutMs: 300 }), {
    name: 'CameraTimeoutError',
    code: 'CAMERA_TIMEOUT',
  });
  t.ok(Date.now() - started < 2000, 'within the timeout given');

  await t.rejects(onvifCameras.connect({ xaddr: `http://127.0.0.1:${cam.httpPort}/index.html`, username: USER, password: PASS }), {
    name: 'CameraProtocolError',
    code: 'CAMERA_BAD_RESPONSE',
    message: /HTTP 404/,
  });
});

t.test('a camera with its clock 10 minutes fast, answering 401: the offset makes digests valid', async (t) => {
  const skewed = await startVirtualCamera({ host: '127.0.0.1', discoveryPort: false, username: USER, password: PASS, clockSkewMs: 10 * 60_000, authFailureStatus: 401 });
  t.teardown(() => skewed.close());
  const c = await onvifCameras.connect({ xaddr: skewed.deviceServiceUrl, username: USER, password: PASS });
  t.ok(Math.abs(c.clockOffsetMs - 10 * 60_000) < 2000, `measured offset ${c.clockOffsetMs} ms`);
  t.equal((await c.deviceInformation()).manufacturer, 'Phonghoc');
  await t.rejects(onvifCameras.connect({ xaddr: skewed.deviceServiceUrl, username: USER, password: 'sai' }), CameraUnauthorizedError, 'HTTP 401 flavour');
  t.same(skewed.ffmpegPids().length, 0);
});

t.test('the minimal operations a generic ONVIF client asks for', async (t) => {
  const security = { username: USER, password: PASS, offsetMs: conn.clockOffsetMs };
  const call = (url: string, body: string, prefixes: NsPrefix[]) => soapCall(new URL(url), body, prefixes, { timeoutMs: 5000, security });
  const services = await call(cam.deviceServiceUrl, '<tds:GetServices><tds:IncludeCapability>true</tds:IncludeCapability></tds:GetServices>', ['tds']);
  t.same(
    services.payload?.children.map((s) => [textAt(s, 'Namespace'), textAt(s, 'XAddr')]),
    [
      [NS.tds, cam.deviceServiceUrl],
      [NS.trt, cam.mediaServiceUrl],
      [NS.tptz, cam.ptzServiceUrl],
    ],
  );
  const caps = await call(cam.deviceServiceUrl, '<tds:GetCapabilities><tds:Category>PTZ</tds:Category></tds:GetCapabilities>', ['tds']);
  t.same(caps.payload?.children[0]?.children.map((c) => c.local), ['PTZ'], 'only the category asked for');
  const nodes = await call(cam.ptzServiceUrl, '<tptz:GetNodes/>', ['tptz']);
  const node = nodes.payload?.children[0];
  t.equal(node?.attributes.get('token'), 'ptz-node');
  t.equal(textAt(node, 'SupportedPTZSpaces', 'AbsolutePanTiltPositionSpace', 'URI'), 'http://www.onvif.org/ver10/tptz/PanTiltSpaces/PositionGenericSpace');
  t.equal(textAt(node, 'MaximumNumberOfPresets'), '32');
  const configs = await call(cam.ptzServiceUrl, '<tptz:GetConfigurations/>', ['tptz']);
  t.equal(textAt(configs.payload, 'PTZConfiguration', 'NodeToken'), 'ptz-node');
  await t.rejects(call(cam.mediaServiceUrl, '<trt:GetVideoAnalyticsConfigurations/>', ['trt']), {
    name: 'CameraFaultError',
    subcodes: ['ActionNotSupported'],
  });
});

t.test('unknown profile: a fault with the camera’s reason', async (t) => {
  const err = await conn.streamUri('khong-co').catch((e: unknown) => e);
  t.type(err, CameraFaultError);
  t.same((err as CameraFaultError).subcodes, ['InvalidArgVal', 'NoProfile']);
  t.match((err as CameraFaultError).message, /GetStreamUri.*NoProfile.*khong-co/);
});

// ---- PTZ -------------------------------------------------------------------------------------

t.test('PTZ: absolute, relative and continuous moves read back through GetStatus', async (t) => {
  await conn.move({ kind: 'absolute', position: { pan: 0.5, tilt: -0.25, zoom: 0.4 } });
  t.same((await conn.status()).position, { pan: 0.5, tilt: -0.25, zoom: 0.4 });
  await conn.move({ kind: 'relative', translation: { pan: -0.25, tilt: 0.5 } });
  t.same((await conn.status()).position, { pan: 0.25, tilt: 0.25, zoom: 0.4 });
  await conn.move({ kind: 'absolute', position: { tilt: 0 } });
  t.same((await conn.status()).position, { pan: 0.25, tilt: 0, zoom: 0.4 }, 'an absolute move of one axis keeps the other');

  await conn.move({ kind: 'continuous', velocity: { pan: -1 } });
  t.same((await conn.status()).moving, { panTilt: true, zoom: false });
  await new Promise((r) => setTimeout(r, 300));
  await conn.move({ kind: 'stop' });
  const after = await conn.status();
  t.same(after.moving, { panTilt: false, zoom: false });
  t.ok(after.position.pan < 0.2 && after.position.pan > -1, `panned left to ${after.position.pan}`);
  t.same(cam.ptzPosition(), after.position, 'the camera agrees');
  t.same(await refusal(conn.move({ kind: 'absolute', position: { pan: 2, tilt: 0 } })), ['InvalidArgVal', 'InvalidPosition']);
});

t.test('presets with Vietnamese names: store, list, go to, remove', async (t) => {
  const spots = [
    { name: 'Bảng', at: { pan: -0.6, tilt: 0.1, zoom: 0.2 } },
    { name: 'Bàn giáo viên', at: { pan: 0.4, tilt: -0.2, zoom: 0.5 } },
    { name: 'Cả lớp', at: { pan: 0, tilt: 0, zoom: 0 } },
  ];
  const tokens: string[] = [];
  for (const s of spots) {
    await conn.move({ kind: 'absolute', position: s.at });
    tokens.push(await conn.setPreset(s.name));
  }
  const list = await conn.presets();
  t.same(list.map((p) => [p.name, p.position]), spots.map((s) => [s.name, s.at]));
  t.same(await refusal(conn.setPreset('Bảng')), ['InvalidArgVal', 'PresetExist']);

  await conn.gotoPreset(tokens[0] ?? '');
  t.same((await conn.status()).position, spots[0]?.at, 'at the board');
  await conn.removePreset(tokens[2] ?? '');
  t.same((await conn.presets()).map((p) => p.name), ['Bảng', 'Bàn giáo viên']);
  t.same(await refusal(conn.gotoPreset(tokens[2] ?? '')), ['InvalidArgVal', 'NoToken']);
});

t.test('snapshots are JPEGs, and a move changes the picture', async (t) => {
  await conn.move({ kind: 'absolute', position: { pan: -0.5, tilt: 0, zoom: 0 } });
  const before = await conn.snapshot('sub');
  const again = await conn.snapshot('sub');
  await conn.move({ kind: 'relative', translation: { pan: 0.8, zoom: 0.5 } });
  const after = await conn.snapshot('sub');
  t.ok(isJpeg(before) && isJpeg(after), 'FF D8 … FF D9');
  t.ok(before.equals(again), 'same position, same picture');
  t.notOk(before.equals(after), 'the picture differs after the move');
  const main = await conn.snapshot('main');
  t.ok(isJpeg(main) && main.length !== before.length, 'the main profile has its own size');

  const res = await fetch(cam.snapshotUrl('sub'));
  t.equal(res.status, 401, 'the snapshot URL needs HTTP authentication');
  t.match(res.headers.get('www-authenticate'), /Digest .*qop="auth".*Basic/);
  t.equal(cam.ffmpegPids().length, 0, 'snapshot ffmpegs have exited');
});

// ---- RTSP ------------------------------------------------------------------------------------

interface RtspResponse {
  status: number;
  headers: Map<string, string[]>;
  body: string;
}

/** A minimal RTSP client for checking the server's wire format. */
class RawRtsp {
  readonly frames: { channel: number; packet: Buffer }[] = [];
  #buf = Buffer.alloc(0);
  #cseq = 0;
  #waiting: ((r: RtspResponse) => void) | undefined;
  closed = false;

  private constructor(readonly socket: net.Socket) {
    socket.on('data', (chunk) => this.#onData(chunk));
    socket.on('close', () => (this.closed = true));
    socket.on('error', () => undefined);
  }

  static connect(port: number): Promise<RawRtsp> {
    return new Promise((resolve, reject) => {
      const s = net.connect(port, '127.0.0.1', () => resolve(new RawRtsp(s)));
      s.once('error', reject);
    });
  }

  #onData(chunk: Buffer): void {
    this.#buf = Buffer.concat([this.#buf, chunk]);
    for (;;) {
      if (this.#buf[0] === 0x24) {
        if (this.#buf.length < 4) return;
        const len = this.#buf.readUInt16BE(2);
        if (this.#buf.length < 4 + len) return;
        this.frames.push({ channel: this.#buf[1] ?? -1, packet: this.#buf.subarray(4, 4 + len) });
        this.#buf = this.#buf.subarray(4 + len);
        continue;
      }
      const end = this.#buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const [status = '', ...lines] = this.#buf.subarray(0, end).toString('utf8').split('\r\n');
      const headers = new Map<string, string[]>();
      for (const l of lines) {
        const i = l.indexOf(':');
        const k = l.slice(0, i).toLowerCase();
        headers.set(k, [...(headers.get(k) ?? []), l.slice(i + 1).trim()]);
      }
      const len = Number(headers.get('content-length')?.[0] ?? 0);
      if (this.#buf.length < end + 4 + len) return;
      const body = this.#buf.subarray(end + 4, end + 4 + len).toString('utf8');
      this.#buf = this.#buf.subarray(end + 4 + len);
      this.#waiting?.({ status: Number(status.split(' ')[1]), headers, body });
      this.#waiting = undefined;
    }
  }

  request(method: string, url: string, headers: Record<string, string> = {}): Promise<RtspResponse> {
    const lines = [`${method} ${url} RTSP/1.0`, `CSeq: ${++this.#cseq}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
    return new Promise((resolve) => {
      this.#waiting = resolve;
      this.socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
  }
}

t.test('RTSP on the wire: auth, DESCRIBE, SETUP interleaved, PLAY, keep-alive, TEARDOWN stops ffmpeg', async (t) => {
  const url = cam.streamUrl('sub');
  const rtsp = await RawRtsp.connect(cam.rtspPort);
  t.teardown(() => rtsp.socket.destroy());
  const auth = { Authorization: basicAuthorization(USER, PASS) };

  const options = await rtsp.request('OPTIONS', url);
  t.equal(options.status, 200, 'OPTIONS needs no credentials');
  t.match(options.headers.get('public')?.[0], /DESCRIBE.*SETUP.*PLAY.*GET_PARAMETER.*TEARDOWN/);

  const denied = await rtsp.request('DESCRIBE', url);
  t.equal(denied.status, 401);
  t.same(denied.headers.get('www-authenticate')?.map((h) => h.split(' ')[0]), ['Digest', 'Basic']);

  const describe = await rtsp.request('DESCRIBE', url, { ...auth, Accept: 'application/sdp' });
  t.equal(describe.status, 200);
  t.equal(describe.headers.get('content-type')?.[0], 'application/sdp');
  t.equal(describe.headers.get('content-base')?.[0], `${url}/`);
  t.match(describe.body, /^m=video 0 RTP\/AVP 96$/m);
  t.match(describe.body, /^a=rtpmap:96 H264\/90000$/m);
  t.match(describe.body, /^a=fmtp:96 .*packetization-mode=1.*sprop-parameter-sets=[A-Za-z0-9+/=]+,[A-Za-z0-9+/=]+/m, 'SPS and PPS in the SDP');
  t.match(describe.body, /^a=control:track1$/m);
  t.equal(cam.encoders().length, 0, 'DESCRIBE does not start the stream');

  const setup = await rtsp.request('SETUP', `${url}/track1`, { ...auth, Transport: 'RTP/AVP/TCP;unicast;interleaved=0-1' });
  t.equal(setup.status, 200);
  t.equal(setup.headers.get('transport')?.[0], 'RTP/AVP/TCP;unicast;interleaved=0-1');
  const session = setup.headers.get('session')?.[0]?.split(';')[0] ?? '';
  t.match(setup.headers.get('session')?.[0], /^[0-9A-F]{16};timeout=60$/);

  t.equal((await rtsp.request('PLAY', url, { ...auth, Session: 'FFFFFFFFFFFFFFFF' })).status, 454, 'unknown session');
  const play = await rtsp.request('PLAY', url, { ...auth, Session: session, Range: 'npt=0.000-' });
  t.equal(play.status, 200);
  t.equal(cam.encoders().length, 1, 'PLAY started the encoder');
  await until('RTP packets', () => rtsp.frames.filter((f) => f.channel === 0).length >= 30, 8000);
  const rtp = rtsp.frames.filter((f) => f.channel === 0);
  t.ok(rtp.every((f) => f.packet[0] !== undefined && f.packet[0] >> 6 === 2 && ((f.packet[1] ?? 0) & 0x7f) === 96), 'RTP version 2, payload type 96');
  t.ok(rtp.some((f) => ((f.packet[12] ?? 0) & 0x1f) === 28 || ((f.packet[12] ?? 0) & 0x1f) === 24 || ((f.packet[12] ?? 0) & 0x1f) <= 23), 'H.264 payloads (single NAL, STAP-A or FU-A)');
  t.equal(new Set(rtp.map((f) => f.packet.readUInt32BE(8))).size, 1, 'one SSRC');

  t.equal((await rtsp.request('GET_PARAMETER', url, { ...auth, Session: session })).status, 200, 'keep-alive');
  t.same(cam.rtspSessions(), { total: 1, playing: 1 });
  t.equal((await rtsp.request('TEARDOWN', url, { ...auth, Session: session })).status, 200);
  await until('the encoder to stop', () => cam.encoders().length === 0 && cam.ffmpegPids().length === 0);
  t.same(cam.rtspSessions(), { total: 0, playing: 0 });
  t.pass('nobody plays: the camera’s ffmpeg has stopped');
});

function pull(uri: string, transport: 'tcp' | 'udp', seconds: number): Promise<{ code: number | null; frames: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(
      'ffmpeg',
      ['-hide_banner', '-nostdin', '-loglevel', 'info', '-rtsp_transport', transport, '-i', uri, '-t', String(seconds), '-f', 'null', '-progress', 'pipe:1', '-nostats', '-'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => p.kill('SIGKILL'), 30_000);
    p.on('error', reject);
    p.on('close', (code) => {
      clearTimeout(timer);
      const frames = [...out.matchAll(/^frame=(\d+)$/gm)].map((m) => Number(m[1]));
      resolve({ code, frames: frames.at(-1) ?? 0, stderr: err });
    });
  });
}

t.test('ffmpeg pulls the main stream over RTSP/TCP interleaved with the URI from GetStreamUri', async (t) => {
  const uri = await conn.streamUri('main');
  t.equal(uri, withCredentials(cam.streamUrl('main'), USER, PASS));
  t.match(uri, /^rtsp:\/\/giaovien:B%C3%AD-m%E1%BA%ADt%3A2024%40l%E1%BB%9Bp@127\.0\.0\.1:\d+\/stream\/main$/, 'credentials percent-encoded');
  t.equal(await conn.streamUri('main', { withCredentials: false }), cam.streamUrl('main'));

  const r = await pull(uri, 'tcp', 3);
  t.equal(r.code, 0, 'ffmpeg exits cleanly', { stderr: r.stderr.slice(-800) });
  t.match(r.stderr, /Video: h264 \(Constrained Baseline\).*1280x720/, 'H.264 1280×720, as the profile says');
  t.ok(r.frames >= 50, `${r.frames} frames in 3 s`);
  await until('the encoder to stop after ffmpeg’s TEARDOWN', () => cam.encoders().length === 0 && cam.ffmpegPids().length === 0);
  t.pass('ffmpeg’s TEARDOWN stopped the camera’s encoder');
});

t.test('ffmpeg pulls the sub stream over RTSP/UDP', async (t) => {
  const r = await pull(await conn.streamUri('sub'), 'udp', 2);
  t.equal(r.code, 0, 'ffmpeg exits cleanly', { stderr: r.stderr.slice(-800) });
  t.match(r.stderr, /Video: h264.*640x360/);
  t.ok(r.frames >= 25, `${r.frames} frames in 2 s`);
  await until('the encoder to stop', () => cam.encoders().length === 0 && cam.ffmpegPids().length === 0);
});

t.test('close() ends a playing stream and every ffmpeg, and can be called again', async (t) => {
  const rtsp = await RawRtsp.connect(cam.rtspPort);
  const auth = { Authorization: basicAuthorization(USER, PASS) };
  const url = cam.streamUrl('main');
  const setup = await rtsp.request('SETUP', `${url}/track1`, { ...auth, Transport: 'RTP/AVP/TCP;unicast;interleaved=0-1' });
  await rtsp.request('PLAY', url, { ...auth, Session: setup.headers.get('session')?.[0] ?? '' });
  t.equal(cam.encoders().length, 1, 'an encoder runs');
  t.same(warnings, [], 'no encoder died and no request failed inside the camera');
  await cam.close();
  await cam.close();
  t.same(cam.ffmpegPids(), []);
  const ps = spawnSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  t.notMatch(ps.stdout, /ffmpeg/, 'no ffmpeg child process is left');
  await until('the RTSP connection to close', () => rtsp.closed, 2000);
  await t.rejects(fetch(cam.deviceServiceUrl), 'the HTTP server is gone');
});
