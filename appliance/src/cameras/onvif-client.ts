/**
 * The camera interface over ONVIF: SOAP 1.2 on HTTP with WS-Security UsernameToken digests,
 * Profile S media (profiles, RTSP and snapshot URIs) and PTZ.
 *
 * connect() asks the camera's clock first (GetSystemDateAndTime needs no credentials) and keeps
 * the offset: a camera whose clock is five minutes off would otherwise refuse every digest as
 * stale. Then GetCapabilities (GetServices as fallback) tells where the media and PTZ services
 * live; that call is authenticated, so wrong credentials fail at connect.
 */
import { CameraFaultError, CameraNotSupportedError, CameraProtocolError, CameraUnauthorizedError, CameraUnreachableError } from './camera.errors.js';
import type {
  CameraConnection,
  CameraDirectory,
  ConnectOptions,
  DeviceInformation,
  MediaProfile,
  PtzMove,
  PtzPreset,
  PtzStatus,
  PtzVector,
} from './camera.types.js';
import { authorizationFor, parseChallenges } from './http-auth.js';
import { httpRequest } from './http-request.js';
import { NS, parseXsFloat, textAt, xsDuration, xsFloat } from './soap.js';
import type { NsPrefix, SoapMessage } from './soap.js';
import { clockOffset, soapCall } from './soap-client.js';
import { discover } from './ws-discovery.js';
import { attr, child, children, descendant, escapeXml, path, textOf } from './xml.js';
import type { XmlElement } from './xml.js';

const DEFAULT_TIMEOUT_MS = 5000;
const MAX_SNAPSHOT_BYTES = 16 << 20;

export class OnvifCameraConnection implements CameraConnection {
  readonly xaddr: string;
  readonly clockOffsetMs: number;
  readonly #opts: Required<ConnectOptions>;
  readonly #services: { media: string; ptz: string | undefined };
  #profiles: MediaProfile[] | undefined;

  private constructor(opts: Required<ConnectOptions>, clockOffsetMs: number, services: { media: string; ptz: string | undefined }) {
    this.xaddr = opts.xaddr;
    this.#opts = opts;
    this.clockOffsetMs = clockOffsetMs;
    this.#services = services;
  }

  static async connect(options: ConnectOptions): Promise<OnvifCameraConnection> {
    const opts = { timeoutMs: DEFAULT_TIMEOUT_MS, ...options };
    let device: URL;
    try {
      device = new URL(opts.xaddr);
    } catch {
      throw new CameraUnreachableError(`"${opts.xaddr}" is not a device service URL (http://<camera address>/onvif/device_service)`);
    }
    const sent = Date.now();
    const time = await soapCall(device, '<tds:GetSystemDateAndTime/>', ['tds'], { ...opts, security: undefined });
    const offset = clockOffset(time.payload, sent, Date.now());
    const security = { username: opts.username, password: opts.password, offsetMs: offset };

    let media: string | undefined;
    let ptz: string | undefined;
    try {
      const caps = await soapCall(device, '<tds:GetCapabilities><tds:Category>All</tds:Category></tds:GetCapabilities>', ['tds'], { ...opts, security });
      const c = child(caps.payload, 'Capabilities');
      media = textAt(c, 'Media', 'XAddr');
      ptz = textAt(c, 'PTZ', 'XAddr');
    } catch (err) {
      if (!(err instanceof CameraFaultError)) throw err;
      const services = await soapCall(device, '<tds:GetServices><tds:IncludeCapability>false</tds:IncludeCapability></tds:GetServices>', ['tds'], { ...opts, security });
      for (const s of children(services.payload, 'Service')) {
        if (textAt(s, 'Namespace') === NS.trt) media = textAt(s, 'XAddr');
        if (textAt(s, 'Namespace') === NS.tptz) ptz = textAt(s, 'XAddr');
      }
    }
    if (media === undefined || media === '') throw new CameraNotSupportedError(`${opts.xaddr} offers no media service (not an ONVIF Profile S camera)`);
    return new OnvifCameraConnection(opts, offset, {
      media: usableUrl(media, device).href,
      ptz: ptz === undefined || ptz === '' ? undefined : usableUrl(ptz, device).href,
    });
  }

  async #call(service: 'device' | 'media' | 'ptz', body: string, prefixes: NsPrefix[]): Promise<SoapMessage> {
    const url = service === 'device' ? this.xaddr : service === 'media' ? this.#services.media : this.#services.ptz;
    if (url === undefined) throw new CameraNotSupportedError(`${this.xaddr} has no PTZ service`);
    return soapCall(new URL(url), body, prefixes, {
      timeoutMs: this.#opts.timeoutMs,
      security: { username: this.#opts.username, password: this.#opts.password, offsetMs: this.clockOffsetMs },
    });
  }

  async deviceInformation(): Promise<DeviceInformation> {
    const r = await this.#call('device', '<tds:GetDeviceInformation/>', ['tds']);
    const field = (name: string): string => textAt(r.payload, name) ?? '';
    return {
      manufacturer: field('Manufacturer'),
      model: field('Model'),
      firmwareVersion: field('FirmwareVersion'),
      serialNumber: field('SerialNumber'),
      hardwareId: field('HardwareId'),
    };
  }

  async profiles(): Promise<MediaProfile[]> {
    const r = await this.#call('media', '<trt:GetProfiles/>', ['trt']);
    this.#profiles = children(r.payload, 'Profiles').map(readProfile);
    return this.#profiles;
  }

  async streamUri(profileToken: string, opts: { withCredentials?: boolean } = {}): Promise<string> {
    const r = await this.#call(
      'media',
      `<trt:GetStreamUri><trt:StreamSetup><tt:Stream>RTP-Unicast</tt:Stream><tt:Transport><tt:Protocol>RTSP</tt:Protocol></tt:Transport></trt:StreamSetup>` +
        `<trt:ProfileToken>${escapeXml(profileToken)}</trt:ProfileToken></trt:GetStreamUri>`,
      ['trt', 'tt'],
    );
    const uri = textAt(r.payload, 'MediaUri', 'Uri');
    if (uri === undefined || !/^rtsps?:\/\//i.test(uri)) throw new CameraProtocolError(`GetStreamUri gave no RTSP URI (${uri ?? 'none'})`);
    const url = usableUrl(uri, new URL(this.xaddr));
    return opts.withCredentials === false ? url.href : withCredentials(url.href, this.#opts.username, this.#opts.password);
  }

  async snapshot(profileToken: string): Promise<Buffer> {
    const r = await this.#call('media', `<trt:GetSnapshotUri><trt:ProfileToken>${escapeXml(profileToken)}</trt:ProfileToken></trt:GetSnapshotUri>`, ['trt']);
    const uri = textAt(r.payload, 'MediaUri', 'Uri');
    if (uri === undefined || uri === '') throw new CameraNotSupportedError(`profile ${profileToken} has no snapshot URI`);
    const url = usableUrl(uri, new URL(this.xaddr));
    const get = (authorization?: string) =>
      httpRequest(url, { method: 'GET', headers: authorization !== undefined ? { Authorization: authorization } : {}, timeoutMs: this.#opts.timeoutMs, maxBytes: MAX_SNAPSHOT_BYTES });
    let res = await get();
    if (res.status === 401) {
      const authorization = authorizationFor(parseChallenges(res.headers.get('www-authenticate') ?? []), {
        username: this.#opts.username,
        password: this.#opts.password,
        method: 'GET',
        uri: `${url.pathname}${url.search}`,
      });
      if (authorization === undefined) throw new CameraUnauthorizedError('the snapshot URL asks for an authentication scheme we do not support');
      res = await get(authorization);
      if (res.status === 401) throw new CameraUnauthorizedError('the camera refused the credentials for the snapshot');
    }
    if (res.status !== 200) throw new CameraProtocolError(`snapshot answered HTTP ${res.status}`);
    const b = res.body;
    if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) throw new CameraProtocolError(`snapshot is not a JPEG (${res.headers.get('content-type')?.[0] ?? 'no content type'})`);
    return b;
  }

  async #ptzProfile(given: string | undefined): Promise<string> {
    if (given !== undefined) return given;
    const list = this.#profiles ?? (await this.profiles());
    const withPtz = list.find((p) => p.ptz);
    if (withPtz === undefined) throw new CameraNotSupportedError(`${this.xaddr} has no profile with PTZ`);
    return withPtz.token;
  }

  async move(move: PtzMove, profileToken?: string): Promise<void> {
    const token = `<tptz:ProfileToken>${escapeXml(await this.#ptzProfile(profileToken))}</tptz:ProfileToken>`;
    const speed = (s: Partial<PtzVector> | undefined): string => (s === undefined ? '' : `<tptz:Speed>${vectorXml(s, 1)}</tptz:Speed>`);
    switch (move.kind) {
      case 'absolute': {
        let position = move.position;
        if ((position.pan === undefined) !== (position.tilt === undefined)) {
          // ONVIF moves pan and tilt together: keep the axis the caller did not name where it is.
          const now = (await this.status(profileToken)).position;
          position = { pan: position.pan ?? now.pan, tilt: position.tilt ?? now.tilt, zoom: position.zoom };
        }
        await this.#call('ptz', `<tptz:AbsoluteMove>${token}<tptz:Position>${vectorXml(position, 0)}</tptz:Position>${speed(move.speed)}</tptz:AbsoluteMove>`, ['tptz', 'tt']);
        return;
      }
      case 'relative':
        await this.#call('ptz', `<tptz:RelativeMove>${token}<tptz:Translation>${vectorXml(move.translation, 0)}</tptz:Translation>${speed(move.speed)}</tptz:RelativeMove>`, ['tptz', 'tt']);
        return;
      case 'continuous': {
        const timeout = move.timeoutMs === undefined ? '' : `<tptz:Timeout>${xsDuration(move.timeoutMs)}</tptz:Timeout>`;
        await this.#call('ptz', `<tptz:ContinuousMove>${token}<tptz:Velocity>${vectorXml(move.velocity, 0)}</tptz:Velocity>${timeout}</tptz:ContinuousMove>`, ['tptz', 'tt']);
        return;
      }
      case 'stop':
        await this.#call('ptz', `<tptz:Stop>${token}<tptz:PanTilt>${move.panTilt ?? true}</tptz:PanTilt><tptz:Zoom>${move.zoom ?? true}</tptz:Zoom></tptz:Stop>`, ['tptz']);
        return;
    }
  }

  async status(profileToken?: string): Promise<PtzStatus> {
    const token = escapeXml(await this.#ptzProfile(profileToken));
    const r = await this.#call('ptz', `<tptz:GetStatus><tptz:ProfileToken>${token}</tptz:ProfileToken></tptz:GetStatus>`, ['tptz']);
    const s = child(r.payload, 'PTZStatus');
    const moving = (axis: string): boolean => (textAt(s, 'MoveStatus', axis) ?? 'IDLE').toUpperCase() === 'MOVING';
    return {
      position: readVector(child(s, 'Position')) ?? { pan: 0, tilt: 0, zoom: 0 },
      moving: { panTilt: moving('PanTilt'), zoom: moving('Zoom') },
      utcTime: textAt(s, 'UtcTime'),
    };
  }

  async presets(profileToken?: string): Promise<PtzPreset[]> {
    const token = escapeXml(await this.#ptzProfile(profileToken));
    const r = await this.#call('ptz', `<tptz:GetPresets><tptz:ProfileToken>${token}</tptz:ProfileToken></tptz:GetPresets>`, ['tptz']);
    return children(r.payload, 'Preset').map((p) => ({
      token: attr(p, 'token') ?? '',
      name: textAt(p, 'Name') ?? '',
      position: readVector(child(p, 'PTZPosition')),
    }));
  }

  async setPreset(name: string, opts: { token?: string; profileToken?: string } = {}): Promise<string> {
    const profile = escapeXml(await this.#ptzProfile(opts.profileToken));
    const presetToken = opts.token === undefined ? '' : `<tptz:PresetToken>${escapeXml(opts.token)}</tptz:PresetToken>`;
    const r = await this.#call(
      'ptz',
      `<tptz:SetPreset><tptz:ProfileToken>${profile}</tptz:ProfileToken><tptz:PresetName>${escapeXml(name.normalize('NFC'))}</tptz:PresetName>${presetToken}</tptz:SetPreset>`,
      ['tptz'],
    );
    const token = textAt(r.payload, 'PresetToken');
    if (token === undefined || token === '') throw new CameraProtocolError('SetPreset gave no preset token');
    return token;
  }

  async gotoPreset(token: string, opts: { profileToken?: string; speed?: Partial<PtzVector> } = {}): Promise<void> {
    const profile = escapeXml(await this.#ptzProfile(opts.profileToken));
    const speed = opts.speed === undefined ? '' : `<tptz:Speed>${vectorXml(opts.speed, 1)}</tptz:Speed>`;
    await this.#call(
      'ptz',
      `<tptz:GotoPreset><tptz:ProfileToken>${profile}</tptz:ProfileToken><tptz:PresetToken>${escapeXml(token)}</tptz:PresetToken>${speed}</tptz:GotoPreset>`,
      ['tptz', 'tt'],
    );
  }

  async removePreset(token: string, profileToken?: string): Promise<void> {
    const profile = escapeXml(await this.#ptzProfile(profileToken));
    await this.#call('ptz', `<tptz:RemovePreset><tptz:ProfileToken>${profile}</tptz:ProfileToken><tptz:PresetToken>${escapeXml(token)}</tptz:PresetToken></tptz:RemovePreset>`, ['tptz']);
  }
}

/** The camera directory the appliance uses: WS-Discovery plus ONVIF connections. */
export const onvifCameras: CameraDirectory = {
  discover,
  connect: (opts) => OnvifCameraConnection.connect(opts),
};

/** A service or media URL; a camera that reports 0.0.0.0 (or nothing) as its host means "me". */
function usableUrl(reported: string, device: URL): URL {
  let url: URL;
  try {
    url = new URL(reported);
  } catch (err) {
    throw new CameraProtocolError(`the camera gave an invalid URL: ${reported}`, { cause: err });
  }
  if (url.hostname === '' || url.hostname === '0.0.0.0' || url.hostname === '[::]') url.hostname = device.hostname;
  return url;
}

/** `rtsp://host/…` → `rtsp://user:pass@host/…`, percent-encoding both (passwords with @ or :). */
export function withCredentials(uri: string, username: string, password: string): string {
  const m = /^(rtsps?:\/\/)(?:[^@/]*@)?(.*)$/i.exec(uri);
  if (m === null) return uri;
  return `${m[1] ?? ''}${encodeURIComponent(username)}:${encodeURIComponent(password)}@${m[2] ?? ''}`;
}

function vectorXml(v: Partial<PtzVector>, fill: number): string {
  const panTilt = v.pan !== undefined || v.tilt !== undefined ? `<tt:PanTilt x="${xsFloat(v.pan ?? fill)}" y="${xsFloat(v.tilt ?? fill)}"/>` : '';
  const zoom = v.zoom !== undefined ? `<tt:Zoom x="${xsFloat(v.zoom)}"/>` : '';
  return panTilt + zoom;
}

function readVector(el: XmlElement | undefined): PtzVector | undefined {
  if (el === undefined) return undefined;
  const pt = child(el, 'PanTilt');
  const z = child(el, 'Zoom');
  return { pan: parseXsFloat(attr(pt, 'x')) ?? 0, tilt: parseXsFloat(attr(pt, 'y')) ?? 0, zoom: parseXsFloat(attr(z, 'x')) ?? 0 };
}

function readProfile(p: XmlElement): MediaProfile {
  const enc = child(p, 'VideoEncoderConfiguration');
  const num = (el: XmlElement | undefined): number | undefined => parseXsFloat(textOf(el));
  return {
    token: attr(p, 'token') ?? '',
    name: textAt(p, 'Name') ?? '',
    video:
      enc === undefined
        ? undefined
        : {
            encoding: textAt(enc, 'Encoding') ?? '',
            width: num(path(enc, 'Resolution', 'Width')) ?? 0,
            height: num(path(enc, 'Resolution', 'Height')) ?? 0,
            frameRate: num(path(enc, 'RateControl', 'FrameRateLimit')),
            bitrateKbps: num(path(enc, 'RateControl', 'BitrateLimit')),
            govLength: num(descendant(enc, 'GovLength')),
          },
    ptz: child(p, 'PTZConfiguration') !== undefined,
  };
}
