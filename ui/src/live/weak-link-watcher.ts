/**
 * Applies the weak-link policy (weak-link.ts) in the browser: every few seconds it reads each
 * simulcast video consumer's inbound statistics, and asks the server for another spatial layer
 * (`setPreferredLayers`) when the policy says so. The device's own network estimate
 * (navigator.connection, where present) caps the layer and re-evaluates at once when it changes.
 */
import type { types } from 'mediasoup-client';
import { networkCap, nextLayer, WEAK_LINK, type ConnectionInfo, type LayerState, type LinkSample } from './weak-link.js';

interface Watched {
  consumer: types.Consumer;
  state: LayerState;
  /** The layer last confirmed by the server. */
  asked: number;
  prev: { lost: number; received: number; bytes: number; at: number } | null;
}

type NetworkInformation = ConnectionInfo & EventTarget;

function connection(): NetworkInformation | undefined {
  return (navigator as Navigator & { connection?: NetworkInformation }).connection;
}

export class WeakLinkWatcher {
  private readonly watched = new Map<string, Watched>();
  private timer: number | undefined;
  private busy = false;
  private readonly onNetwork = () => void this.tick();

  constructor(private readonly setLayer: (consumerId: string, layer: number) => Promise<void>) {}

  start(): void {
    if (this.timer !== undefined) return;
    this.timer = window.setInterval(() => void this.tick(), WEAK_LINK.intervalMs);
    connection()?.addEventListener('change', this.onNetwork);
  }

  stop(): void {
    window.clearInterval(this.timer);
    this.timer = undefined;
    connection()?.removeEventListener('change', this.onNetwork);
    this.watched.clear();
  }

  /** Forgets every consumer (their transport is gone); keeps running for the next ones. */
  clear(): void {
    this.watched.clear();
  }

  add(consumer: types.Consumer, layer: number): void {
    this.watched.set(consumer.id, { consumer, state: { layer, calm: 0 }, asked: layer, prev: null });
  }

  remove(consumerId: string): void {
    this.watched.delete(consumerId);
  }

  layers(): Record<string, number> {
    return Object.fromEntries([...this.watched].map(([id, w]) => [id, w.state.layer]));
  }

  private async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const cap = networkCap(connection());
      for (const w of [...this.watched.values()]) {
        if (w.consumer.closed) {
          this.watched.delete(w.consumer.id);
          continue;
        }
        const sample = await this.sample(w);
        w.state = nextLayer(w.state, sample, cap);
        if (w.state.layer !== w.asked) {
          const layer = w.state.layer;
          try {
            await this.setLayer(w.consumer.id, layer);
            w.asked = layer;
          } catch {
            w.state = { layer: w.asked, calm: 0 }; // try again on the next sample
          }
        }
      }
    } finally {
      this.busy = false;
    }
  }

  private async sample(w: Watched): Promise<LinkSample | null> {
    let lost = 0;
    let received = 0;
    let bytes = 0;
    let found = false;
    try {
      (await w.consumer.getStats()).forEach((s: Record<string, unknown>) => {
        if (s.type !== 'inbound-rtp' || s.kind !== 'video') return;
        found = true;
        lost += Number(s.packetsLost ?? 0);
        received += Number(s.packetsReceived ?? 0);
        bytes += Number(s.bytesReceived ?? 0);
      });
    } catch {
      return null;
    }
    if (!found) return null;
    const at = performance.now();
    const prev = w.prev;
    w.prev = { lost, received, bytes, at };
    if (!prev) return null;
    const seconds = Math.max(0.001, (at - prev.at) / 1000);
    return { lost: lost - prev.lost, received: received - prev.received, kbps: ((bytes - prev.bytes) * 8) / 1000 / seconds };
  }
}
