/**
 * What the browser sends: the camera in three simulcast layers (a quarter, half and full
 * resolution) so the server can forward a lighter one to a student on a weak link; the microphone
 * as Opus with forward error correction; the screen as one sharp layer.
 */
export const CAMERA_LAYERS = [
  { rid: 'r0', scaleResolutionDownBy: 4, maxBitrate: 100_000 },
  { rid: 'r1', scaleResolutionDownBy: 2, maxBitrate: 300_000 },
  { rid: 'r2', scaleResolutionDownBy: 1, maxBitrate: 900_000 },
] as const;

/** The highest spatial layer index of the camera. */
export const TOP_LAYER = CAMERA_LAYERS.length - 1;

/** Nominal bitrate of each layer in kbit/s (for the weak-link policy). */
export const LAYER_KBPS: readonly number[] = CAMERA_LAYERS.map((l) => l.maxBitrate / 1000);

export const CAMERA_CONSTRAINTS = {
  width: { ideal: 1280 },
  height: { ideal: 720 },
  frameRate: { ideal: 24, max: 30 },
} as const;

export const MIC_CONSTRAINTS = {
  echoCancellation: true,
  noiseSuppression: true,
  autoGainControl: true,
} as const;

export const SCREEN_MAX_BITRATE = 1_500_000;
