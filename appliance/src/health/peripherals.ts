/**
 * The expensive, on-demand scan of what is plugged into the box. systeminformation spawns lspci
 * (graphics, audio), xrandr (displays), lsusb (USB) and lsblk (block devices) for these, so they
 * run one after the other, each with a time limit, and only when someone asks.
 */
import fs from 'node:fs';
import si from 'systeminformation';
import type { PeripheralScan } from '../../../server/src/domain/devices/device.types.js';

const STEP_TIMEOUT_MS = 15_000;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms); });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** ALSA's list of sound cards: "  0 [PCH            ]: HDA-Intel - HDA Intel PCH" then a detail line. */
export function parseAsoundCards(text: string): { index: number; id: string; name: string }[] {
  const out: { index: number; id: string; name: string }[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*(\d+)\s+\[([^\]]*)\]:\s*(.*?)\s*$/.exec(line);
    if (m) out.push({ index: Number(m[1]), id: m[2]!.trim(), name: m[3]!.replace(/^\S+\s+-\s+/, '') || m[3]! });
  }
  return out;
}

const str = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
const numOrNull = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export async function scanPeripherals(opts: { asoundCards?: string; timeoutMs?: number } = {}): Promise<PeripheralScan> {
  const t0 = performance.now();
  const timeoutMs = opts.timeoutMs ?? STEP_TIMEOUT_MS;
  const errors: PeripheralScan['errors'] = [];
  const step = async <T>(source: string, fn: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await withTimeout(fn(), timeoutMs, source);
    } catch (err) {
      errors.push({ source, message: err instanceof Error ? err.message : String(err) });
      return fallback;
    }
  };

  const graphics = await step('graphics', () => si.graphics(), { controllers: [], displays: [] });
  const audio = await step('audio', () => si.audio(), []);
  const usb = await step('usb', () => si.usb(), []);
  const blocks = await step('blockDevices', () => si.blockDevices(), []);
  const cards = await step('soundCards', async () => {
    try {
      return parseAsoundCards(await fs.promises.readFile(opts.asoundCards ?? '/proc/asound/cards', 'utf8'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []; // no ALSA on this machine: no sound cards
      throw err;
    }
  }, []);

  return {
    scannedAt: new Date().toISOString(),
    durationMs: Math.round(performance.now() - t0),
    displays: graphics.displays.map((d) => ({
      vendor: str(d.vendor), model: str(d.model), connection: str(d.connection), main: !!d.main, builtin: !!d.builtin,
      resolutionX: numOrNull(d.currentResX) ?? numOrNull(d.resolutionX), resolutionY: numOrNull(d.currentResY) ?? numOrNull(d.resolutionY),
    })),
    graphics: graphics.controllers.map((c) => ({ vendor: str(c.vendor), model: str(c.model), vramMb: numOrNull(c.vram) })),
    audio: audio.map((a) => ({ name: str(a.name), manufacturer: str(a.manufacturer), type: str(a.type), driver: str(a.driver) })),
    soundCards: cards,
    usb: usb.map((u) => ({ bus: numOrNull(u.bus), deviceId: numOrNull(u.deviceId), name: str(u.name), type: str(u.type), vendor: str(u.vendor), manufacturer: str(u.manufacturer), serial: str(u.serialNumber) })),
    blockDevices: blocks.map((b) => ({ name: str(b.name), type: str(b.type), sizeBytes: numOrNull(b.size) ?? 0, model: str(b.model), serial: str(b.serial), removable: !!b.removable, protocol: str(b.protocol), mount: str(b.mount) })),
    errors,
  };
}
