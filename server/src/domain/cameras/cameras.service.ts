import { DomainError } from '../shared/errors.js';
import type { ErrorCode } from '../../contracts/error-codes.js';
import type { Actor } from '../accounts/account.types.js';
import type { RoomCameraPort } from '../live-room/ports.js';
import type { Transactor } from '../repos.js';
import type {
  AddCameraInput, CameraDirectory, CameraPreset, CameraRecord, DiscoverInput, DiscoveryResult, NetworkInterface,
  PtzMove, PtzStatus, RoomCamera, SecretBox, StreamProbe, UpdateCameraInput,
} from './camera.types.js';
import type { CameraConnection, MediaProfile } from '../../../../appliance/src/cameras/camera.types.js';

export interface CamerasServiceDeps {
  tx: Transactor;
  /** The ONVIF client (appliance/src/cameras), or a stand-in. */
  directory: CameraDirectory;
  secrets: SecretBox;
  /** Tests the RTSP URI before a camera is saved; absent: not tested. */
  probe?: StreamProbe | undefined;
  /** The box's IPv4 interfaces, for choosing where to discover. */
  interfaces: () => NetworkInterface[];
  /** Per ONVIF request. */
  timeoutMs?: number;
  now?: () => Date;
}

/** Camera errors that mean the camera cannot be talked to (as opposed to a refused operation). */
const CONTACT_ERRORS = new Set(['CAMERA_UNAUTHORIZED', 'CAMERA_UNREACHABLE', 'CAMERA_TIMEOUT', 'CAMERA_BAD_RESPONSE']);
const CAMERA_CODES = new Set<string>([...CONTACT_ERRORS, 'CAMERA_FAULT', 'CAMERA_NOT_SUPPORTED', 'CAMERA_DISCOVERY_FAILED']);
/** A successful contact is written at most this often. */
const SEEN_WRITE_MS = 60_000;

function cameraCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CAMERA_CODES.has(code) ? code : undefined;
}

/** The ONVIF client's typed errors become the domain's stable codes (contracts/error-codes.ts). */
function toDomainError(err: unknown, details: Record<string, unknown> = {}): unknown {
  const code = cameraCode(err);
  if (!code) return err;
  const e = err as { message?: string; subcodes?: readonly string[] };
  return new DomainError(code as ErrorCode, { ...details, reason: String(e.message ?? '').slice(0, 300), ...(e.subcodes ? { subcodes: [...e.subcodes] } : {}) });
}

const clean = (s: string | undefined | null): string | null => {
  const t = s?.normalize('NFC').trim();
  return t ? t : null;
};

/** `http://host[:port]/path`: no credentials in the URL (they would end up in logs and errors). */
export function normalizeXaddr(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new DomainError('VALIDATION_FAILED', { field: 'xaddr', reason: 'not_a_url' });
  }
  if (url.protocol !== 'http:') throw new DomainError('VALIDATION_FAILED', { field: 'xaddr', reason: 'http_only' });
  if (url.username || url.password) throw new DomainError('VALIDATION_FAILED', { field: 'xaddr', reason: 'credentials_in_url' });
  url.hash = '';
  return url.href;
}

/** `rtsp://host/…` with the account's credentials percent-encoded in, ready for ffmpeg. */
export function rtspWithCredentials(uri: string, username: string, password: string): string {
  const url = new URL(uri);
  url.username = encodeURIComponent(username);
  url.password = encodeURIComponent(password);
  return url.href;
}

/**
 * The profile to stream: the one asked for, else the camera's main stream — H.264 first (the
 * media module ingests it without surprises), then PTZ-capable, then the largest picture.
 */
export function pickProfile(profiles: readonly MediaProfile[], wanted?: string): MediaProfile {
  if (wanted !== undefined) {
    const p = profiles.find((x) => x.token === wanted);
    if (!p) throw new DomainError('VALIDATION_FAILED', { field: 'profileToken', available: profiles.map((x) => x.token) });
    return p;
  }
  const withVideo = profiles.filter((p) => p.video);
  const score = (p: MediaProfile) => [p.video?.encoding.toUpperCase() === 'H264' ? 1 : 0, p.ptz ? 1 : 0, (p.video?.width ?? 0) * (p.video?.height ?? 0)];
  const best = [...withVideo].sort((a, b) => {
    const [x, y] = [score(a), score(b)];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return (y[i] ?? 0) - (x[i] ?? 0);
    return 0;
  })[0];
  if (!best) throw new DomainError('CAMERA_NOT_SUPPORTED', { reason: 'the camera offers no video profile' });
  return best;
}

function view(c: CameraRecord): RoomCamera {
  const { passwordEnc: _p, ...rest } = c;
  return rest;
}

interface Inspection {
  conn: CameraConnection;
  profile: MediaProfile;
  ptz: boolean;
  streamUri: string;
  info: { manufacturer: string | null; model: string | null; serialNumber: string | null; firmwareVersion: string | null };
}

/**
 * The room's ONVIF cameras (Art. 10.3): discover, add (checked against the real camera), change,
 * remove, snapshot, PTZ moves and named presets, and the default camera the live room streams
 * (it implements RoomCameraPort). Passwords are sealed at rest and never leave the service except
 * inside the RTSP URL handed to the media module. Every change is audited.
 */
export class CamerasService implements RoomCameraPort {
  private readonly now: () => Date;
  private readonly timeoutMs: number;
  /** Open ONVIF connections by camera id (connecting costs two round trips and a clock reading). */
  private readonly connections = new Map<number, { key: string; conn: Promise<CameraConnection> }>();

  constructor(private readonly deps: CamerasServiceDeps) {
    this.now = deps.now ?? (() => new Date());
    this.timeoutMs = deps.timeoutMs ?? 5000;
  }

  list(): Promise<RoomCamera[]> {
    return this.deps.tx.read(async (r) => (await r.cameras.list()).map(view));
  }

  async get(id: number): Promise<RoomCamera> {
    return view(await this.record(id));
  }

  interfaces(): NetworkInterface[] {
    return this.deps.interfaces();
  }

  /** WS-Discovery on one of the box's interfaces; cameras already added carry their id. */
  async discover(q: DiscoverInput): Promise<DiscoveryResult[]> {
    let found;
    try {
      found = await this.deps.directory.discover({
        interfaceAddress: q.interfaceAddress, timeoutMs: q.timeoutMs,
        ...(q.port !== undefined ? { port: q.port } : {}), ...(q.multicast !== undefined ? { multicast: q.multicast } : {}),
        ...(q.unicastHosts?.length ? { unicastHosts: q.unicastHosts } : {}),
      });
    } catch (err) {
      throw toDomainError(err, { interfaceAddress: q.interfaceAddress });
    }
    const known = await this.deps.tx.read((r) => r.cameras.list());
    return found.map((c) => ({
      ...c,
      cameraId: known.find((k) => k.urn === c.urn || c.xaddrs.includes(k.xaddr) || k.xaddr === c.xaddr)?.id ?? null,
    }));
  }

  /**
   * Adds a camera by its device address and ONVIF account: connects (wrong credentials and an
   * unreachable camera are refused with their own codes), reads the device information and the
   * profiles, picks the main profile and checks its RTSP stream answers. The first camera becomes
   * the default one.
   */
  async add(actor: Actor, input: AddCameraInput): Promise<RoomCamera> {
    const xaddr = normalizeXaddr(input.xaddr);
    const existing = await this.deps.tx.read((r) => r.cameras.findByXaddr(xaddr));
    if (existing) throw new DomainError('CONFLICT', { reason: 'camera_exists', cameraId: existing.id });
    const found = await this.inspect(xaddr, input.username, input.password, input.profileToken);
    const passwordEnc = this.deps.secrets.seal(input.password);
    const at = this.now().toISOString();
    const name = clean(input.name) ?? ([found.info.manufacturer, found.info.model].filter(Boolean).join(' ') || 'Camera phòng học');
    const camera = await this.deps.tx.run(async (r) => {
      const id = await r.cameras.create({
        name, xaddr, urn: clean(input.urn), username: input.username, passwordEnc, profileToken: found.profile.token, streamUri: found.streamUri,
        ...found.info, ptz: found.ptz, enabled: true, at,
      });
      if (input.makeDefault || !(await r.cameras.getDefault())) await r.cameras.setDefault(id);
      await r.cameras.recordContact(id, at, null);
      await r.audit.record(actor, 'camera.added', 'camera', id, { name, xaddr, profileToken: found.profile.token, model: found.info.model });
      return (await r.cameras.get(id))!;
    });
    this.connections.set(camera.id, { key: connectionKey(camera), conn: Promise.resolve(found.conn) });
    return view(camera);
  }

  /** Changes a camera; a new address, account or profile is checked against the camera first. */
  async update(actor: Actor, id: number, input: UpdateCameraInput): Promise<RoomCamera> {
    const current = await this.record(id);
    const xaddr = input.xaddr !== undefined ? normalizeXaddr(input.xaddr) : current.xaddr;
    const username = input.username ?? current.username;
    const reconnect = xaddr !== current.xaddr || username !== current.username || input.password !== undefined
      || (input.profileToken !== undefined && input.profileToken !== current.profileToken);
    let found: Inspection | undefined;
    if (reconnect) {
      const password = input.password ?? this.password(current);
      found = await this.inspect(xaddr, username, password, input.profileToken ?? current.profileToken);
    }
    const changed = Object.entries(input).filter(([, v]) => v !== undefined).map(([k]) => k);
    const name = input.name !== undefined ? clean(input.name) : current.name;
    if (!name) throw new DomainError('VALIDATION_FAILED', { field: 'name' });
    const camera = await this.deps.tx.run(async (r) => {
      if (!(await r.cameras.get(id))) throw new DomainError('NOT_FOUND', { cameraId: id });
      if (xaddr !== current.xaddr) {
        const other = await r.cameras.findByXaddr(xaddr);
        if (other && other.id !== id) throw new DomainError('CONFLICT', { reason: 'camera_exists', cameraId: other.id });
      }
      const at = this.now().toISOString();
      await r.cameras.update(id, {
        updatedAt: at, name, xaddr, username,
        ...(input.password !== undefined ? { passwordEnc: this.deps.secrets.seal(input.password) } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
        ...(found ? { profileToken: found.profile.token, streamUri: found.streamUri, ptz: found.ptz, ...found.info } : {}),
      });
      if (input.isDefault === true) await r.cameras.setDefault(id);
      else if (input.isDefault === false && current.isDefault) await r.cameras.setDefault(null);
      if (found) await r.cameras.recordContact(id, at, null);
      await r.audit.record(actor, 'camera.updated', 'camera', id, { changed });
      return (await r.cameras.get(id))!;
    });
    this.connections.delete(id);
    if (found) this.connections.set(id, { key: connectionKey(camera), conn: Promise.resolve(found.conn) });
    return view(camera);
  }

  /** Removes a camera and its presets; if it was the default, the next enabled camera takes over. */
  async remove(actor: Actor, id: number): Promise<void> {
    await this.deps.tx.run(async (r) => {
      const camera = await r.cameras.get(id);
      if (!camera) throw new DomainError('NOT_FOUND', { cameraId: id });
      await r.cameras.remove(id);
      let newDefault: number | null = null;
      if (camera.isDefault) {
        newDefault = (await r.cameras.list()).find((c) => c.enabled)?.id ?? null;
        await r.cameras.setDefault(newDefault);
      }
      await r.audit.record(actor, 'camera.removed', 'camera', id, { name: camera.name, xaddr: camera.xaddr, newDefault });
    });
    this.connections.delete(id);
  }

  /** A JPEG picture from the camera's chosen profile. */
  snapshot(id: number): Promise<Buffer> {
    return this.withCamera(id, (conn, cam) => conn.snapshot(cam.profileToken));
  }

  status(id: number): Promise<PtzStatus> {
    return this.withPtz(id, (conn) => conn.status());
  }

  /** Absolute, relative or continuous move (continuous ones end by themselves), or stop; returns the new status. */
  async move(actor: Actor, id: number, move: PtzMove): Promise<PtzStatus> {
    const status = await this.withPtz(id, async (conn) => {
      await conn.move(move);
      return conn.status();
    });
    if (move.kind !== 'stop') await this.deps.tx.run((r) => r.audit.record(actor, 'camera.moved', 'camera', id, { kind: move.kind, position: status.position }));
    return status;
  }

  async presets(id: number): Promise<CameraPreset[]> {
    await this.record(id);
    return this.deps.tx.read((r) => r.cameras.presets(id));
  }

  /**
   * Stores where the camera points now under a name ("Bảng", "Bàn giáo viên", "Cả lớp"). Saving
   * an existing name moves that preset here; a preset of that name made on the camera itself is
   * taken over rather than refused.
   */
  async savePreset(actor: Actor, id: number, rawName: string): Promise<CameraPreset> {
    const name = clean(rawName);
    if (!name || name.length > 60) throw new DomainError('VALIDATION_FAILED', { field: 'name' });
    const ours = await this.deps.tx.read((r) => r.cameras.findPresetByName(id, name));
    const token = await this.withPtz(id, async (conn) => {
      const onCamera = (await conn.presets()).find((p) => p.name.normalize('NFC') === name);
      const existing = onCamera?.token ?? ours?.token;
      return conn.setPreset(name, existing !== undefined ? { token: existing } : {});
    });
    return this.deps.tx.run(async (r) => {
      const again = await r.cameras.findPresetByName(id, name);
      let presetId: number;
      if (again) {
        presetId = again.id;
        await r.cameras.updatePresetToken(again.id, token);
      } else {
        presetId = await r.cameras.createPreset(id, name, token, this.now().toISOString());
      }
      await r.audit.record(actor, 'camera.preset_saved', 'camera', id, { presetId, name });
      return (await r.cameras.getPreset(id, presetId))!;
    });
  }

  async gotoPreset(actor: Actor, id: number, presetId: number): Promise<PtzStatus> {
    const preset = await this.preset(id, presetId);
    const status = await this.withPtz(id, async (conn) => {
      await conn.gotoPreset(preset.token);
      return conn.status();
    });
    await this.deps.tx.run((r) => r.audit.record(actor, 'camera.preset_goto', 'camera', id, { presetId, name: preset.name }));
    return status;
  }

  /** Removes the preset here and on the camera (a preset the camera has already forgotten is fine). */
  async removePreset(actor: Actor, id: number, presetId: number): Promise<void> {
    const preset = await this.preset(id, presetId);
    await this.withPtz(id, async (conn) => {
      try {
        await conn.removePreset(preset.token);
      } catch (err) {
        if (cameraCode(err) !== 'CAMERA_FAULT') throw err;
      }
    });
    await this.deps.tx.run(async (r) => {
      await r.cameras.removePreset(preset.id);
      await r.audit.record(actor, 'camera.preset_removed', 'camera', id, { presetId, name: preset.name });
    });
  }

  /**
   * RoomCameraPort: the RTSP URL (credentials inserted) of the given camera, or of the default
   * one; null when there is none, or it is switched off.
   */
  async streamUrl(cameraId?: string): Promise<string | null> {
    let camera: CameraRecord | undefined;
    if (cameraId !== undefined) {
      const id = Number(cameraId);
      if (!Number.isInteger(id) || id < 1) return null;
      camera = await this.deps.tx.read((r) => r.cameras.get(id));
    } else {
      camera = await this.deps.tx.read((r) => r.cameras.getDefault());
    }
    if (!camera || !camera.enabled) return null;
    const found = camera;
    let uri = found.streamUri;
    if (!uri) {
      const fresh = await this.withCamera(found.id, (conn, cam) => conn.streamUri(cam.profileToken, { withCredentials: false }));
      await this.deps.tx.run((r) => r.cameras.update(found.id, { streamUri: fresh, updatedAt: this.now().toISOString() }));
      uri = fresh;
    }
    return rtspWithCredentials(uri, found.username, this.password(found));
  }

  /**
   * Demo mode: the virtual camera started by the appliance becomes the default room camera when
   * the box has none; after a restart (new ports, new password) its row is brought up to date.
   * Returns the camera, or null when real cameras are configured.
   */
  async registerDemoCamera(input: { urn: string; xaddr: string; username: string; password: string; name: string }): Promise<RoomCamera | null> {
    const actor: Actor = { accountId: null, login: 'demo-camera', ip: null };
    const mine = await this.deps.tx.read((r) => r.cameras.findByUrn(input.urn));
    if (mine) return this.update(actor, mine.id, { xaddr: input.xaddr, username: input.username, password: input.password });
    if ((await this.list()).length > 0) return null;
    return this.add(actor, { ...input, makeDefault: true });
  }

  // ---- internals -------------------------------------------------------------------------------

  private async record(id: number): Promise<CameraRecord> {
    const c = await this.deps.tx.read((r) => r.cameras.get(id));
    if (!c) throw new DomainError('NOT_FOUND', { cameraId: id });
    return c;
  }

  private async preset(cameraId: number, presetId: number): Promise<CameraPreset> {
    await this.record(cameraId);
    const p = await this.deps.tx.read((r) => r.cameras.getPreset(cameraId, presetId));
    if (!p) throw new DomainError('NOT_FOUND', { cameraId, presetId });
    return p;
  }

  private password(c: CameraRecord): string {
    try {
      return this.deps.secrets.open(c.passwordEnc);
    } catch {
      // The data directory was restored without its secrets/ folder, or the row was altered.
      throw new DomainError('CAMERA_SECRET_UNREADABLE', { cameraId: c.id });
    }
  }

  private async inspect(xaddr: string, username: string, password: string, profileToken: string | undefined): Promise<Inspection> {
    try {
      const conn = await this.deps.directory.connect({ xaddr, username, password, timeoutMs: this.timeoutMs });
      const info = await conn.deviceInformation();
      const profiles = await conn.profiles();
      const profile = pickProfile(profiles, profileToken);
      const streamUri = await conn.streamUri(profile.token, { withCredentials: false });
      await this.deps.probe?.check(streamUri, this.timeoutMs);
      return {
        conn, profile, streamUri, ptz: profiles.some((p) => p.ptz),
        info: { manufacturer: clean(info.manufacturer), model: clean(info.model), serialNumber: clean(info.serialNumber), firmwareVersion: clean(info.firmwareVersion) },
      };
    } catch (err) {
      throw toDomainError(err, { xaddr });
    }
  }

  private connection(c: CameraRecord): Promise<CameraConnection> {
    const key = connectionKey(c);
    const cached = this.connections.get(c.id);
    if (cached && cached.key === key) return cached.conn;
    const conn = this.deps.directory.connect({ xaddr: c.xaddr, username: c.username, password: this.password(c), timeoutMs: this.timeoutMs });
    this.connections.set(c.id, { key, conn });
    conn.catch(() => {
      if (this.connections.get(c.id)?.conn === conn) this.connections.delete(c.id);
    });
    return conn;
  }

  private async withPtz<T>(id: number, fn: (conn: CameraConnection, cam: CameraRecord) => Promise<T>): Promise<T> {
    return this.withCamera(id, (conn, cam) => {
      if (!cam.ptz) throw new DomainError('CAMERA_NOT_SUPPORTED', { cameraId: id, reason: 'the camera has no PTZ' });
      return fn(conn, cam);
    });
  }

  /** Runs an operation on a camera, keeping last_seen_at / last_error and mapping its errors. */
  private async withCamera<T>(id: number, fn: (conn: CameraConnection, cam: CameraRecord) => Promise<T>): Promise<T> {
    const cam = await this.record(id);
    let result: T;
    try {
      result = await fn(await this.connection(cam), cam);
    } catch (err) {
      const code = cameraCode(err);
      if (code && CONTACT_ERRORS.has(code)) {
        this.connections.delete(id);
        const message = `${code}: ${String((err as Error).message ?? '')}`.slice(0, 500);
        await this.deps.tx.run((r) => r.cameras.recordContact(id, null, message)).catch(() => undefined);
      }
      throw toDomainError(err, { cameraId: id });
    }
    const now = this.now();
    if (cam.lastError !== null || !cam.lastSeenAt || now.getTime() - Date.parse(cam.lastSeenAt) > SEEN_WRITE_MS) {
      await this.deps.tx.run((r) => r.cameras.recordContact(id, now.toISOString(), null)).catch(() => undefined);
    }
    return result;
  }
}

function connectionKey(c: CameraRecord): string {
  return `${c.xaddr}\n${c.username}\n${c.passwordEnc}`;
}
