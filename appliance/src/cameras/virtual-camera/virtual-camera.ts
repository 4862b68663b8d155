/**
 * A virtual ONVIF PTZ camera, faithful at the protocol level: WS-Discovery, the device, media
 * and PTZ SOAP services with WS-Security, a snapshot URL, and an RTSP server streaming H.264
 * from ffmpeg's test pattern. The tests use it, and so does the demo mode on a box without a
 * camera (`run.ts`).
 */
import { createHash, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import type { PtzVector } from '../camera.types.js';
import { HttpAuthVerifier } from '../http-auth.js';
import { DEVICE, DISCOVERY_PORT, NETWORK_VIDEO_TRANSMITTER, onvifScope } from '../ws-discovery-messages.js';
import type { Endpoint } from '../ws-discovery-messages.js';
import { VIRTUAL_PROFILES } from './camera-state.js';
import type { CameraState } from './camera-state.js';
import { DiscoveryResponder } from './discovery-responder.js';
import { FfmpegRunner } from './ffmpeg-runner.js';
import { H264Source } from './h264-source.js';
import { OnvifHttpServer, PATHS } from './onvif-http-server.js';
import { SnapshotRenderer, detectDrawtext, drawtextFilter, drawtextLiteral, isFilterSafePath } from './picture.js';
import { PtzModel } from './ptz-model.js';
import { RtspServer } from './rtsp-server.js';
import type { RtspStream } from './rtsp-server.js';

export interface VirtualCameraOptions {
  /** Address the HTTP and RTSP servers listen on (127.0.0.1 in tests, 0.0.0.0 in demo mode). */
  host: string;
  /** 0 (the default) picks a free port. */
  httpPort?: number;
  rtspPort?: number;
  /** WS-Discovery port: 3702 by default; 0 picks a free one (tests). `false` turns discovery off. */
  discoveryPort?: number | false;
  /** Interface address to join the multicast group on; default `host`, or every IPv4 interface for 0.0.0.0. */
  discoveryInterface?: string;
  username: string;
  password: string;
  name?: string;
  location?: string;
  hardware?: string;
  /** Stable identity across restarts (`urn:uuid:` is added); random by default. */
  uuid?: string;
  /** Set the camera's clock wrong by this much, to exercise the client's clock offset. */
  clockSkewMs?: number;
  /** HTTP status of NotAuthorized faults: 400 (ONVIF Core) or 401 (some vendors). */
  authFailureStatus?: 400 | 401;
  ffmpegPath?: string;
}

const WILDCARD = new Set(['0.0.0.0', '::', '']);

export class VirtualCamera extends EventEmitter<{ closed: []; 'auth-refused': [reason: string]; warning: [message: string] }> {
  readonly urn: string;
  readonly name: string;
  readonly location: string;
  readonly hardware: string;
  readonly profileTokens: readonly string[] = VIRTUAL_PROFILES.map((p) => p.token);
  readonly #runner: FfmpegRunner;
  readonly #ptz: PtzModel;
  readonly #workDir: string;
  #http: OnvifHttpServer | undefined;
  #rtsp: RtspServer | undefined;
  #discovery: DiscoveryResponder | undefined;
  #sources: H264Source[] = [];
  #advertisedHost = '';
  #closing: Promise<void> | undefined;

  private constructor(opts: VirtualCameraOptions, workDir: string, runner: FfmpegRunner, ptz: PtzModel) {
    super();
    this.urn = `urn:uuid:${opts.uuid ?? randomUUID()}`;
    this.name = (opts.name ?? 'Camera ảo Phonghoc').normalize('NFC');
    this.location = (opts.location ?? 'Phòng học').normalize('NFC');
    this.hardware = opts.hardware ?? 'PH-VCAM-1';
    this.#workDir = workDir;
    this.#runner = runner;
    this.#ptz = ptz;
  }

  static async start(opts: VirtualCameraOptions): Promise<VirtualCamera> {
    const workDir = await mkdtemp(path.join(tmpdir(), 'phonghoc-vcam-'));
    const runner = new FfmpegRunner(opts.ffmpegPath ?? 'ffmpeg');
    const skew = opts.clockSkewMs ?? 0;
    const now = (): number => Date.now() + skew;
    const cam = new VirtualCamera(opts, workDir, runner, new PtzModel(now));
    try {
      await cam.#start(opts, now);
    } catch (err) {
      await cam.close();
      throw err;
    }
    return cam;
  }

  async #start(opts: VirtualCameraOptions, now: () => number): Promise<void> {
    await this.#runner.check();
    const drawtext = (await detectDrawtext(this.#runner)) && isFilterSafePath(this.#workDir);
    this.#advertisedHost = WILDCARD.has(opts.host) ? (opts.discoveryInterface ?? firstLanAddress()) : opts.host;
    // Header values must be ASCII: the realm drops diacritics ("Camera Lớp" → "Camera Lop").
    const realm = `${this.name} (${this.hardware})`.normalize('NFD').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^\x20-\x7e]|["\\]/g, '');
    const verifier = new HttpAuthVerifier({ realm, username: opts.username, password: opts.password });
    const warn = (m: string): void => void this.emit('warning', m);

    this.#rtsp = await RtspServer.listen({
      host: opts.host,
      port: opts.rtspPort ?? 0,
      streams: await this.#streams(drawtext, warn),
      auth: verifier,
      sessionName: this.name,
      onWarning: warn,
    });
    const renderer = new SnapshotRenderer(this.#runner, { workDir: this.#workDir, drawtext, cameraName: this.name });
    const state: CameraState = {
      info: {
        manufacturer: 'Phonghoc',
        model: 'Virtual PTZ Camera',
        firmwareVersion: '1.0.0',
        serialNumber: createHash('sha1').update(this.urn).digest('hex').slice(0, 12).toUpperCase(),
        hardwareId: this.hardware,
      },
      profiles: VIRTUAL_PROFILES,
      urls: { device: '', media: '', ptz: '', snapshot: (token) => this.snapshotUrl(token), stream: (token) => this.streamUrl(token) },
      now,
      ptz: this.#ptz,
    };
    this.#http = await OnvifHttpServer.listen({
      host: opts.host,
      port: opts.httpPort ?? 0,
      state,
      account: { username: opts.username, password: opts.password },
      snapshotAuth: verifier,
      snapshot: (token) => {
        const p = VIRTUAL_PROFILES.find((x) => x.token === token) ?? VIRTUAL_PROFILES[0];
        return renderer.render(this.#ptz.position(), { width: p?.width ?? 640, height: p?.height ?? 360 });
      },
      authFailureStatus: opts.authFailureStatus ?? 400,
      onAuthRefused: (reason) => this.emit('auth-refused', reason),
      onWarning: warn,
    });
    // The URLs carry the port, known only now.
    state.urls.device = this.deviceServiceUrl;
    state.urls.media = this.mediaServiceUrl;
    state.urls.ptz = this.ptzServiceUrl;

    if (opts.discoveryPort !== false) {
      const interfaces = opts.discoveryInterface !== undefined ? [opts.discoveryInterface] : WILDCARD.has(opts.host) ? allIpv4Addresses() : [opts.host];
      this.#discovery = await DiscoveryResponder.start({ port: opts.discoveryPort ?? DISCOVERY_PORT, interfaces, endpoint: this.#endpoint() });
    }
  }

  /** One H.264 source per profile, with the camera name and a clock drawn in when fonts work. */
  async #streams(drawtext: boolean, warn: (m: string) => void): Promise<RtspStream[]> {
    const streams: RtspStream[] = [];
    for (const p of VIRTUAL_PROFILES) {
      let overlay: string | undefined;
      if (drawtext) {
        const file = path.join(this.#workDir, `overlay-${p.token}.txt`);
        await writeFile(file, `${drawtextLiteral(this.name)}\n${drawtextLiteral(p.name)}  %{localtime:%X}`, 'utf8');
        overlay = drawtextFilter(file, { expansion: true, y: 'h-th-16' });
      }
      const source = new H264Source(this.#runner, { ...p, workDir: this.#workDir, overlay, onWarning: warn });
      this.#sources.push(source);
      streams.push({ path: `/stream/${p.token}`, title: p.name, source });
    }
    return streams;
  }

  /** What WS-Discovery announces: both ONVIF types, the scopes, the device service URL. */
  #endpoint(): Endpoint {
    return {
      address: this.urn,
      types: [NETWORK_VIDEO_TRANSMITTER, DEVICE],
      scopes: [
        'onvif://www.onvif.org/type/video_encoder',
        'onvif://www.onvif.org/type/ptz',
        'onvif://www.onvif.org/Profile/Streaming',
        onvifScope('name', this.name),
        onvifScope('hardware', this.hardware),
        onvifScope('location', this.location),
      ],
      xaddrs: [this.deviceServiceUrl],
      metadataVersion: 1,
    };
  }

  #httpBase(): string {
    return `http://${this.#advertisedHost}:${this.httpPort}`;
  }

  get httpPort(): number {
    return this.#http?.port ?? 0;
  }

  get rtspPort(): number {
    return this.#rtsp?.port ?? 0;
  }

  /** The WS-Discovery port, or 0 when discovery is off. */
  get discoveryPort(): number {
    return this.#discovery?.port ?? 0;
  }

  /** Interfaces whose multicast group join worked (empty: only unicast probes are answered). */
  get multicastInterfaces(): readonly string[] {
    return this.#discovery?.joined ?? [];
  }

  /** The device service URL (the XAddr it announces). */
  get deviceServiceUrl(): string {
    return `${this.#httpBase()}${PATHS.device}`;
  }

  get mediaServiceUrl(): string {
    return `${this.#httpBase()}${PATHS.media}`;
  }

  get ptzServiceUrl(): string {
    return `${this.#httpBase()}${PATHS.ptz}`;
  }

  /** RTSP URL of a profile's stream, without credentials (as GetStreamUri gives it). */
  streamUrl(profileToken: string): string {
    return `rtsp://${this.#advertisedHost}:${this.rtspPort}/stream/${encodeURIComponent(profileToken)}`;
  }

  snapshotUrl(profileToken: string): string {
    return `${this.#httpBase()}${PATHS.snapshot}?profile=${encodeURIComponent(profileToken)}`;
  }

  /** Where the head points now. */
  ptzPosition(): PtzVector {
    return this.#ptz.position();
  }

  /** Every ffmpeg process the camera runs now (encoders, snapshots, probes). */
  ffmpegPids(): number[] {
    return this.#runner.pids();
  }

  /** The stream encoders running now, by profile token. */
  encoders(): { profileToken: string; pid: number }[] {
    return this.#sources.flatMap((s) => (s.encoderPid === undefined ? [] : [{ profileToken: s.token, pid: s.encoderPid }]));
  }

  rtspSessions(): { total: number; playing: number } {
    return this.#rtsp?.sessions() ?? { total: 0, playing: 0 };
  }

  /** Stops everything: Bye, servers, every ffmpeg, the work directory. Safe to call twice. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      await this.#discovery?.close().catch(() => undefined);
      await this.#rtsp?.close();
      await this.#http?.close();
      await Promise.all(this.#sources.map((s) => s.close()));
      await this.#runner.stopAll();
      await rm(this.#workDir, { recursive: true, force: true });
      this.emit('closed');
    })();
    return this.#closing;
  }
}

export function startVirtualCamera(opts: VirtualCameraOptions): Promise<VirtualCamera> {
  return VirtualCamera.start(opts);
}

function allIpv4Addresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((a) => a.family === 'IPv4')
    .map((a) => a.address);
}

function firstLanAddress(): string {
  return Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .find((a) => a.family === 'IPv4' && !a.internal)?.address ?? '127.0.0.1';
}
