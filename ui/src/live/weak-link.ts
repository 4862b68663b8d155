/**
 * The weak-link policy (pure, no browser objects): from what one video consumer received over the
 * last few seconds, which simulcast layer to ask the server for. Down at once when packets are
 * being lost, up one step only after several calm samples; a cap from the device's own idea of
 * its network (navigator.connection) is never exceeded. Audio is never lowered: only video
 * consumers are given to this policy.
 */
import { LAYER_KBPS, TOP_LAYER } from './media-profile.js';

export interface LinkSample {
  /** Packets lost and received since the previous sample. */
  lost: number;
  received: number;
  /** Received bitrate over the interval, kbit/s. */
  kbps: number;
}

export interface LayerState {
  layer: number;
  /** Calm samples in a row at this layer. */
  calm: number;
}

export const WEAK_LINK = {
  /** Loss at or above this is bad whatever the bitrate. */
  badLoss: 0.08,
  /** Loss at or above this is bad when the bitrate has also collapsed. */
  someLoss: 0.03,
  /** "Collapsed": below this share of the layer's nominal bitrate. */
  lowBitrateShare: 0.35,
  /** Loss below this is calm. */
  calmLoss: 0.02,
  /** Calm samples needed before going one layer up. */
  calmToRaise: 3,
  /** Seconds between samples. */
  intervalMs: 3000,
} as const;

export function lossRate(s: LinkSample): number {
  const total = s.lost + s.received;
  return total > 0 ? Math.max(0, s.lost) / total : 0;
}

export function isBad(s: LinkSample, layer: number): boolean {
  const loss = lossRate(s);
  if (loss >= WEAK_LINK.badLoss) return true;
  const nominal = LAYER_KBPS[layer] ?? LAYER_KBPS[LAYER_KBPS.length - 1] ?? 0;
  return loss >= WEAK_LINK.someLoss && s.kbps < nominal * WEAK_LINK.lowBitrateShare;
}

/** The next layer for one consumer; `cap` is the highest layer the network allows. */
export function nextLayer(state: LayerState, sample: LinkSample | null, cap: number = TOP_LAYER): LayerState {
  const top = Math.max(0, Math.min(TOP_LAYER, cap));
  if (state.layer > top) return { layer: top, calm: 0 };
  if (!sample || sample.received + sample.lost === 0) return state; // nothing arrived: no evidence either way
  if (isBad(sample, state.layer)) return { layer: Math.max(0, state.layer - 1), calm: 0 };
  if (lossRate(sample) >= WEAK_LINK.calmLoss) return { layer: state.layer, calm: 0 };
  const calm = state.calm + 1;
  if (calm >= WEAK_LINK.calmToRaise && state.layer < top) return { layer: state.layer + 1, calm: 0 };
  return { layer: state.layer, calm };
}

/** What the Network Information API says, where the browser has it (Chromium on Android does). */
export interface ConnectionInfo {
  effectiveType?: string;
  downlink?: number;
  saveData?: boolean;
}

/** The highest layer worth asking for on this connection. */
export function networkCap(c: ConnectionInfo | undefined | null): number {
  if (!c) return TOP_LAYER;
  if (c.saveData || c.effectiveType === 'slow-2g' || c.effectiveType === '2g') return 0;
  if (typeof c.downlink === 'number' && c.downlink > 0) {
    if (c.downlink < 0.4) return 0;
    if (c.downlink < 1.2) return Math.min(1, TOP_LAYER);
  }
  if (c.effectiveType === '3g') return Math.min(1, TOP_LAYER);
  return TOP_LAYER;
}
