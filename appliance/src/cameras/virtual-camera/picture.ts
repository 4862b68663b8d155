/**
 * What the virtual camera "sees": ffmpeg's testsrc2 pattern. Snapshots show the PTZ position
 * as a crop window over a larger pattern (pan/tilt move it, zoom narrows it), a hue shift with
 * pan, and the position written in the picture when ffmpeg's drawtext has a font. So a picture
 * taken after a move differs from one taken before, as with a real camera.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PtzVector } from '../camera.types.js';
import type { FfmpegRunner } from './ffmpeg-runner.js';

const SCENE = { width: 1280, height: 720 };
const SNAPSHOT_TIMEOUT_MS = 10_000;

/** Whether this ffmpeg can draw text (built with libfreetype and finds a font through fontconfig). */
export async function detectDrawtext(runner: FfmpegRunner): Promise<boolean> {
  try {
    const r = await runner.run(['-f', 'lavfi', '-i', 'color=c=black:s=64x64', '-vf', 'drawtext=text=A', '-frames:v', '1', '-f', 'null', '-'], 10_000);
    return r.code === 0;
  } catch {
    return false;
  }
}

/** Filter paths are written without quoting: accept only plain ones (mkdtemp gives such). */
export function isFilterSafePath(p: string): boolean {
  return /^[\w/.-]+$/.test(p);
}

/** drawtext text expansion treats `\` and `%` specially; everything else is literal. */
export function drawtextLiteral(text: string): string {
  return text.replace(/[\\%]/g, (c) => `\\${c}`);
}

export function drawtextFilter(textFile: string, opts: { expansion: boolean; y: string }): string {
  return (
    `drawtext=textfile=${textFile}:expansion=${opts.expansion ? 'normal' : 'none'}:fontsize=h/22:fontcolor=white:` +
    `box=1:boxcolor=black@0.55:boxborderw=8:line_spacing=6:x=16:y=${opts.y}`
  );
}

/** The crop window for a position: integers, even, inside the scene. */
export function viewWindow(p: PtzVector): { w: number; h: number; x: number; y: number } {
  const even = (n: number): number => Math.max(2, Math.round(n / 2) * 2);
  const factor = 1 + 3 * p.zoom;
  const w = even((SCENE.width * 0.8) / factor);
  const h = even((SCENE.height * 0.8) / factor);
  return {
    w,
    h,
    x: Math.round(((SCENE.width - w) * (p.pan + 1)) / 2),
    y: Math.round(((SCENE.height - h) * (1 - p.tilt)) / 2), // tilt up shows the top of the scene
  };
}

export class SnapshotRenderer {
  readonly #runner: FfmpegRunner;
  readonly #textFile: string | undefined;
  readonly #cameraName: string;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(runner: FfmpegRunner, opts: { workDir: string; drawtext: boolean; cameraName: string }) {
    this.#runner = runner;
    this.#cameraName = opts.cameraName;
    const file = path.join(opts.workDir, 'snapshot.txt');
    this.#textFile = opts.drawtext && isFilterSafePath(file) ? file : undefined;
  }

  /** A JPEG of the current view. One ffmpeg at a time: a burst of requests waits its turn. */
  render(position: PtzVector, size: { width: number; height: number }): Promise<Buffer> {
    const job = this.#queue.then(() => this.#render(position, size));
    this.#queue = job.catch(() => undefined);
    return job;
  }

  async #render(p: PtzVector, size: { width: number; height: number }): Promise<Buffer> {
    const win = viewWindow(p);
    const filters = [`crop=${win.w}:${win.h}:${win.x}:${win.y}`, `scale=${size.width}:${size.height}`, `hue=h=${Math.round(p.pan * 90)}`];
    if (this.#textFile !== undefined) {
      const f = (n: number): string => (n >= 0 ? ' ' : '') + n.toFixed(2);
      await writeFile(this.#textFile, `${this.#cameraName}\nPan ${f(p.pan)}  Tilt ${f(p.tilt)}  Zoom ${p.zoom.toFixed(2)}`, 'utf8');
      filters.push(drawtextFilter(this.#textFile, { expansion: false, y: '16' }));
    }
    const r = await this.#runner.run(
      ['-f', 'lavfi', '-i', `testsrc2=size=${SCENE.width}x${SCENE.height}:rate=1`, '-vf', filters.join(','), '-frames:v', '1', '-q:v', '4', '-f', 'mjpeg', 'pipe:1'],
      SNAPSHOT_TIMEOUT_MS,
    );
    if (r.code !== 0 || r.stdout.length < 4) throw new Error(`ffmpeg snapshot failed (exit ${r.code}): ${r.stderr.trim()}`);
    return r.stdout;
  }
}
