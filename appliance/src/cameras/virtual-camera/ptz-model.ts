/**
 * The virtual camera's pan-tilt-zoom head and presets, in ONVIF's generic spaces (pan and tilt
 * -1…1, zoom 0…1). Absolute and relative moves arrive at once; continuous moves run at
 * `UNITS_PER_SECOND × velocity` until Stop or their timeout, computed from the clock on each
 * reading so no timer is needed.
 */
import type { PtzVector } from '../camera.types.js';

export const UNITS_PER_SECOND = 0.5;
export const MAX_PRESETS = 32;
const MAX_PRESET_NAME = 64;

export class PtzError extends Error {
  /** ONVIF subcodes below `ter:InvalidArgVal` (or the given top subcode). */
  constructor(readonly subcodes: string[], message: string) {
    super(message);
    this.name = 'PtzError';
  }
}

interface Motion {
  from: PtzVector;
  startMs: number;
  velocity: PtzVector;
  untilMs: number;
}

export interface Preset {
  token: string;
  name: string;
  position: PtzVector;
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/** A real head has a finite resolution; this one has 10⁻⁶, what the SOAP replies carry. */
const quantize = (v: number): number => Math.round(v * 1e6) / 1e6 + 0;

function clampVector(v: PtzVector): PtzVector {
  return { pan: quantize(clamp(v.pan, -1, 1)), tilt: quantize(clamp(v.tilt, -1, 1)), zoom: quantize(clamp(v.zoom, 0, 1)) };
}

export class PtzModel {
  #position: PtzVector = { pan: 0, tilt: 0, zoom: 0 };
  #motion: Motion | undefined;
  readonly #presets = new Map<string, Preset>();
  #nextPreset = 1;
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  position(): PtzVector {
    const m = this.#motion;
    if (m === undefined) return { ...this.#position };
    const now = this.#now();
    const seconds = (Math.min(now, m.untilMs) - m.startMs) / 1000;
    const at = clampVector({
      pan: m.from.pan + m.velocity.pan * UNITS_PER_SECOND * seconds,
      tilt: m.from.tilt + m.velocity.tilt * UNITS_PER_SECOND * seconds,
      zoom: m.from.zoom + m.velocity.zoom * UNITS_PER_SECOND * seconds,
    });
    if (now >= m.untilMs) {
      this.#position = at;
      this.#motion = undefined;
    }
    return at;
  }

  moving(): { panTilt: boolean; zoom: boolean } {
    this.position(); // ends a continuous move whose time is up
    const m = this.#motion;
    return { panTilt: m !== undefined && (m.velocity.pan !== 0 || m.velocity.tilt !== 0), zoom: m !== undefined && m.velocity.zoom !== 0 };
  }

  absoluteMove(target: Partial<PtzVector>): void {
    const now = this.position();
    for (const [axis, v] of Object.entries(target)) {
      if (v === undefined) continue;
      const [lo, hi] = axis === 'zoom' ? [0, 1] : [-1, 1];
      if (!(v >= lo && v <= hi)) throw new PtzError(['InvalidPosition'], `${axis} ${v} is outside ${lo}…${hi}`);
    }
    this.#settle({ pan: target.pan ?? now.pan, tilt: target.tilt ?? now.tilt, zoom: target.zoom ?? now.zoom });
  }

  /** Moves by the translation, stopping at the limits (as a real head does). */
  relativeMove(delta: Partial<PtzVector>): void {
    for (const [axis, v] of Object.entries(delta)) {
      if (v !== undefined && !(v >= -2 && v <= 2)) throw new PtzError(['InvalidTranslation'], `${axis} translation ${v} is outside -2…2`);
    }
    const now = this.position();
    this.#settle(clampVector({ pan: now.pan + (delta.pan ?? 0), tilt: now.tilt + (delta.tilt ?? 0), zoom: now.zoom + (delta.zoom ?? 0) }));
  }

  continuousMove(velocity: Partial<PtzVector>, timeoutMs: number | undefined): void {
    const v = { pan: velocity.pan ?? 0, tilt: velocity.tilt ?? 0, zoom: velocity.zoom ?? 0 };
    for (const [axis, value] of Object.entries(v)) {
      if (!(value >= -1 && value <= 1)) throw new PtzError(['InvalidVelocity'], `${axis} velocity ${value} is outside -1…1`);
    }
    const from = this.position();
    this.#motion = undefined;
    this.#position = from;
    const startMs = this.#now();
    this.#motion = { from, startMs, velocity: v, untilMs: timeoutMs === undefined ? Number.POSITIVE_INFINITY : startMs + timeoutMs };
  }

  stop(panTilt: boolean, zoom: boolean): void {
    const m = this.#motion;
    if (m === undefined) return;
    const at = this.position();
    if (this.#motion === undefined) return;
    const velocity = { pan: panTilt ? 0 : m.velocity.pan, tilt: panTilt ? 0 : m.velocity.tilt, zoom: zoom ? 0 : m.velocity.zoom };
    this.#position = at;
    const still = velocity.pan === 0 && velocity.tilt === 0 && velocity.zoom === 0;
    this.#motion = still ? undefined : { from: at, startMs: this.#now(), velocity, untilMs: m.untilMs };
  }

  #settle(position: PtzVector): void {
    this.#motion = undefined;
    this.#position = clampVector(position);
  }

  presets(): Preset[] {
    return [...this.#presets.values()].map((p) => ({ ...p, position: { ...p.position } }));
  }

  /** Saves the current position; with a known token, overwrites that preset (renaming it when a name is given). */
  setPreset(name: string | undefined, token: string | undefined): string {
    const clean = name?.normalize('NFC').trim();
    if (clean !== undefined && (clean === '' || clean.length > MAX_PRESET_NAME || /[\u0000-\u001f]/.test(clean))) {
      throw new PtzError(['InvalidPresetName'], `preset name must be 1–${MAX_PRESET_NAME} printable characters`);
    }
    if (token !== undefined) {
      const existing = this.#presets.get(token);
      if (existing === undefined) throw new PtzError(['NoToken'], `no preset ${token}`);
      if (clean !== undefined && this.#nameTaken(clean, token)) throw new PtzError(['PresetExist'], `a preset named "${clean}" exists`);
      this.#presets.set(token, { token, name: clean ?? existing.name, position: this.position() });
      return token;
    }
    if (clean === undefined) throw new PtzError(['InvalidPresetName'], 'a new preset needs a name');
    if (this.#nameTaken(clean, undefined)) throw new PtzError(['PresetExist'], `a preset named "${clean}" exists`);
    if (this.#presets.size >= MAX_PRESETS) throw new PtzError(['TooManyPresets'], `at most ${MAX_PRESETS} presets`);
    const newToken = `preset-${this.#nextPreset++}`;
    this.#presets.set(newToken, { token: newToken, name: clean, position: this.position() });
    return newToken;
  }

  #nameTaken(name: string, except: string | undefined): boolean {
    for (const p of this.#presets.values()) if (p.token !== except && p.name.toLocaleLowerCase('vi') === name.toLocaleLowerCase('vi')) return true;
    return false;
  }

  gotoPreset(token: string): void {
    const preset = this.#presets.get(token);
    if (preset === undefined) throw new PtzError(['NoToken'], `no preset ${token}`);
    this.#settle({ ...preset.position });
  }

  removePreset(token: string): void {
    if (!this.#presets.delete(token)) throw new PtzError(['NoToken'], `no preset ${token}`);
  }
}
