/**
 * The teaching room's cameras (Circular 09 Art. 10.3) as the server keeps them: plain data and
 * the ports the cameras service needs. The ONVIF client itself lives in appliance/src/cameras
 * (its types are reused here); services.ts wires the concrete client in.
 */
import type { CameraDirectory, DiscoveredCamera, PtzMove, PtzStatus, PtzVector } from '../../../../appliance/src/cameras/camera.types.js';

export type { CameraDirectory, DiscoveredCamera, PtzMove, PtzStatus, PtzVector };

/** A room camera as the API shows it: never its password. */
export interface RoomCamera {
  id: number;
  name: string;
  /** ONVIF device service URL. */
  xaddr: string;
  /** WS-Discovery endpoint (urn:uuid:…) when known. */
  urn: string | null;
  username: string;
  /** The media profile the lesson streams. */
  profileToken: string;
  /** RTSP URI of that profile, without credentials (a cache of GetStreamUri). */
  streamUri: string | null;
  manufacturer: string | null;
  model: string | null;
  serialNumber: string | null;
  firmwareVersion: string | null;
  /** The camera has a PTZ head (move and presets work). */
  ptz: boolean;
  enabled: boolean;
  /** The room camera a live lesson uses unless the teacher picks another. */
  isDefault: boolean;
  addedAt: string;
  updatedAt: string;
  lastSeenAt: string | null;
  lastError: string | null;
}

/** The stored row: the public view plus the encrypted password. */
export interface CameraRecord extends RoomCamera {
  passwordEnc: string;
}

export interface CameraPreset {
  id: number;
  cameraId: number;
  name: string;
  /** The camera's PresetToken. */
  token: string;
  createdAt: string;
}

export interface NewCameraRow {
  name: string;
  xaddr: string;
  urn: string | null;
  username: string;
  passwordEnc: string;
  profileToken: string;
  streamUri: string | null;
  manufacturer: string | null;
  model: string | null;
  serialNumber: string | null;
  firmwareVersion: string | null;
  ptz: boolean;
  enabled: boolean;
  at: string;
}

export type CameraRowPatch = Partial<Omit<NewCameraRow, 'at'>> & { updatedAt: string };

export interface CameraRepository {
  list(): Promise<CameraRecord[]>;
  get(id: number): Promise<CameraRecord | undefined>;
  getDefault(): Promise<CameraRecord | undefined>;
  findByXaddr(xaddr: string): Promise<CameraRecord | undefined>;
  findByUrn(urn: string): Promise<CameraRecord | undefined>;
  create(row: NewCameraRow): Promise<number>;
  update(id: number, patch: CameraRowPatch): Promise<void>;
  /** Makes `id` the only default camera; null leaves none. */
  setDefault(id: number | null): Promise<void>;
  remove(id: number): Promise<void>;
  /** Last successful contact, or the last error (null clears it). */
  recordContact(id: number, at: string | null, error: string | null): Promise<void>;
  presets(cameraId: number): Promise<CameraPreset[]>;
  getPreset(cameraId: number, presetId: number): Promise<CameraPreset | undefined>;
  findPresetByName(cameraId: number, name: string): Promise<CameraPreset | undefined>;
  createPreset(cameraId: number, name: string, token: string, at: string): Promise<number>;
  updatePresetToken(presetId: number, token: string): Promise<void>;
  removePreset(presetId: number): Promise<void>;
}

/** Encrypts camera passwords at rest (data/camera-secret-box.ts: AES-256-GCM, key under dataDir/secrets/). */
export interface SecretBox {
  seal(plain: string): string;
  /** Throws when the text was not sealed with this box's key (or was altered). */
  open(sealed: string): string;
}

/** Checks that a camera's RTSP URI answers, before the camera is saved. */
export interface StreamProbe {
  check(rtspUri: string, timeoutMs: number): Promise<void>;
}

/** An IPv4 address of this box to discover cameras on. */
export interface NetworkInterface {
  name: string;
  address: string;
  internal: boolean;
}

export interface AddCameraInput {
  xaddr: string;
  username: string;
  password: string;
  name?: string | undefined;
  profileToken?: string | undefined;
  urn?: string | undefined;
  makeDefault?: boolean | undefined;
}

export interface UpdateCameraInput {
  name?: string | undefined;
  xaddr?: string | undefined;
  username?: string | undefined;
  password?: string | undefined;
  profileToken?: string | undefined;
  enabled?: boolean | undefined;
  isDefault?: boolean | undefined;
}

export interface DiscoverInput {
  interfaceAddress: string;
  timeoutMs: number;
  port?: number | undefined;
  multicast?: boolean | undefined;
  unicastHosts?: string[] | undefined;
}

/** A discovered camera, and whether it is already one of the room's cameras. */
export interface DiscoveryResult extends DiscoveredCamera {
  cameraId: number | null;
}
