/**
 * The room camera as the rest of the appliance sees it (Circular 09 Art. 10.3: the teaching
 * room's cameras). The ONVIF client (`onvif-client.ts`) implements it; callers never touch SOAP.
 *
 * PTZ values use ONVIF's generic spaces: pan and tilt from -1 to 1, zoom from 0 (wide) to 1
 * (tele); speeds and velocities from -1 to 1 (speeds 0 to 1).
 */

/** A camera that answered WS-Discovery. */
export interface DiscoveredCamera {
  /** The device service URL to connect to (the XAddr on the replying address when there are several). */
  xaddr: string;
  /** Every XAddr the camera announced. */
  xaddrs: string[];
  /** The EndpointReference address, stable across reboots: `urn:uuid:…`. */
  urn: string;
  /** From the `onvif://www.onvif.org/name/…` scope, URL-decoded ('' when absent). */
  name: string;
  /** From `…/hardware/…`. */
  hardware: string;
  /** From `…/location/…`. */
  location: string;
  scopes: string[];
  types: string[];
  /** The IP address the reply came from. */
  address: string;
}

export interface DiscoverOptions {
  /** Address of the network interface to probe on: the probe socket binds to it (multi-NIC boxes). */
  interfaceAddress: string;
  timeoutMs: number;
  /** WS-Discovery port (3702). */
  port?: number;
  /** Send the multicast Probe to 239.255.255.250 (default true). */
  multicast?: boolean;
  /** Also probe these hosts directly (cameras on networks where multicast is filtered). */
  unicastHosts?: readonly string[];
}

export interface ConnectOptions {
  /** Device service URL (`http://192.168.1.64/onvif/device_service`). */
  xaddr: string;
  username: string;
  password: string;
  /** Per request (default 5000 ms). */
  timeoutMs?: number;
}

export interface DeviceInformation {
  manufacturer: string;
  model: string;
  firmwareVersion: string;
  serialNumber: string;
  hardwareId: string;
}

export interface VideoEncoding {
  /** `H264`, `H265`, `JPEG`, `MPEG4`… as the camera names it. */
  encoding: string;
  width: number;
  height: number;
  frameRate?: number | undefined;
  bitrateKbps?: number | undefined;
  govLength?: number | undefined;
}

export interface MediaProfile {
  token: string;
  name: string;
  video: VideoEncoding | undefined;
  /** Whether the profile carries a PTZ configuration (PTZ calls need such a profile). */
  ptz: boolean;
}

export interface PtzVector {
  pan: number;
  tilt: number;
  zoom: number;
}

export type PtzMove =
  | { kind: 'absolute'; position: Partial<PtzVector>; speed?: Partial<PtzVector> }
  | { kind: 'relative'; translation: Partial<PtzVector>; speed?: Partial<PtzVector> }
  /** Moves until `stop`, or until `timeoutMs` when given. */
  | { kind: 'continuous'; velocity: Partial<PtzVector>; timeoutMs?: number }
  | { kind: 'stop'; panTilt?: boolean; zoom?: boolean };

export interface PtzStatus {
  position: PtzVector;
  moving: { panTilt: boolean; zoom: boolean };
  /** The camera's time of the reading, ISO-8601, when it says. */
  utcTime: string | undefined;
}

export interface PtzPreset {
  token: string;
  name: string;
  position: PtzVector | undefined;
}

/**
 * One camera, authenticated. PTZ methods act on `profileToken` when given, else on the first
 * profile that has a PTZ configuration.
 */
export interface CameraConnection {
  readonly xaddr: string;
  /** Camera clock minus ours, measured at connect; WS-Security timestamps are corrected by it. */
  readonly clockOffsetMs: number;
  deviceInformation(): Promise<DeviceInformation>;
  profiles(): Promise<MediaProfile[]>;
  /** RTSP URL of the profile with the credentials inserted (`rtsp://user:pass@…`), ready for ffmpeg. */
  streamUri(profileToken: string, opts?: { withCredentials?: boolean }): Promise<string>;
  /** A JPEG picture (starts FF D8, ends FF D9). */
  snapshot(profileToken: string): Promise<Buffer>;
  move(move: PtzMove, profileToken?: string): Promise<void>;
  status(profileToken?: string): Promise<PtzStatus>;
  presets(profileToken?: string): Promise<PtzPreset[]>;
  /** Stores the current position under `name`; with `token`, overwrites that preset. Returns the token. */
  setPreset(name: string, opts?: { token?: string; profileToken?: string }): Promise<string>;
  gotoPreset(token: string, opts?: { profileToken?: string; speed?: Partial<PtzVector> }): Promise<void>;
  removePreset(token: string, profileToken?: string): Promise<void>;
}

/** What the appliance is given: find cameras on the room's network, and open one. */
export interface CameraDirectory {
  discover(opts: DiscoverOptions): Promise<DiscoveredCamera[]>;
  connect(opts: ConnectOptions): Promise<CameraConnection>;
}
