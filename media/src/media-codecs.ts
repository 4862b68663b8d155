// The codecs every room's router offers, and the receive capabilities of the recorder.

import type { types } from 'mediasoup';

/**
 * Opus and VP8 for browsers; H264 (constrained baseline 42e01f and main 4d0032, the profiles IP
 * cameras send) so a camera's stream can be forwarded without re-encoding.
 */
export const ROUTER_MEDIA_CODECS: types.RtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90000, parameters: { 'x-google-start-bitrate': 1000 } },
  {
    kind: 'video',
    mimeType: 'video/H264',
    clockRate: 90000,
    parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f', 'level-asymmetry-allowed': 1, 'x-google-start-bitrate': 1000 },
  },
  {
    kind: 'video',
    mimeType: 'video/H264',
    clockRate: 90000,
    parameters: { 'packetization-mode': 1, 'profile-level-id': '4d0032', 'level-asymmetry-allowed': 1, 'x-google-start-bitrate': 1000 },
  },
];

/** Codecs a WebM file can hold without transcoding. */
const RECORDABLE = new Set(['audio/opus', 'video/vp8']);

/**
 * What the recorder's ffmpeg can receive: the router's own opus and VP8 (same payload types),
 * no RTX and no RTCP feedback (ffmpeg sends neither NACK nor PLI), no header extensions.
 */
export function recorderRtpCapabilities(router: types.RtpCapabilities): types.RtpCapabilities {
  return {
    codecs: (router.codecs ?? [])
      .filter((c) => RECORDABLE.has(c.mimeType.toLowerCase()))
      .map((c) => ({ ...c, rtcpFeedback: [] })),
    headerExtensions: [],
  };
}
