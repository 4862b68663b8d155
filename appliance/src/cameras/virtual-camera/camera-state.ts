/**
 * What the virtual camera's SOAP services read and change: its identity, profiles, URLs, clock
 * and PTZ head. The HTTP server passes it to each service handler.
 */
import type { DeviceInformation } from '../camera.types.js';
import type { PtzModel } from './ptz-model.js';

export interface VirtualProfile {
  token: string;
  name: string;
  width: number;
  height: number;
  fps: number;
  bitrateKbps: number;
}

/** Main and sub stream, as most IP cameras offer them (the sub stream for previews and weak links). */
export const VIRTUAL_PROFILES: readonly VirtualProfile[] = [
  { token: 'main', name: 'Luồng chính', width: 1280, height: 720, fps: 25, bitrateKbps: 2048 },
  { token: 'sub', name: 'Luồng phụ', width: 640, height: 360, fps: 25, bitrateKbps: 512 },
];

export interface CameraState {
  info: DeviceInformation;
  profiles: readonly VirtualProfile[];
  urls: {
    device: string;
    media: string;
    ptz: string;
    snapshot(profileToken: string): string;
    stream(profileToken: string): string;
  };
  /** The camera's clock (it may be set wrong on purpose, to test the client's offset). */
  now(): number;
  ptz: PtzModel;
}

/** A SOAP fault the services throw; the HTTP server writes it. */
export class SoapFaultError extends Error {
  constructor(
    readonly code: 'Sender' | 'Receiver',
    readonly subcodes: string[],
    reason: string,
  ) {
    super(reason);
    this.name = 'SoapFaultError';
  }
}

export function invalidArg(subcode: string, reason: string): SoapFaultError {
  return new SoapFaultError('Sender', ['InvalidArgVal', subcode], reason);
}

export function findProfile(state: CameraState, token: string | undefined): VirtualProfile {
  const p = state.profiles.find((x) => x.token === token);
  if (p === undefined) throw invalidArg('NoProfile', `no profile "${token ?? ''}"`);
  return p;
}
