import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import { baseStyles } from '../styles/shared-styles.js';
import type { MessageKey } from '../i18n/index.js';

type CheckId = 'mic' | 'speaker' | 'camera' | 'display';
type Verdict = 'pass' | 'fail' | null;
const CHECKS: readonly CheckId[] = ['mic', 'speaker', 'camera', 'display'];

/**
 * The teacher's quick check at the kiosk before a lesson (Art. 10.3): microphone (record 3 s,
 * play back, live level), speakers (1 s tone), camera preview, display test pattern. Everything
 * stays in the browser; the pass/fail answers are not sent anywhere.
 */
export class DevicesCheckPage extends PhElement {
  static override properties = {
    verdicts: { state: true }, level: { state: true }, recording: { state: true }, playback: { state: true }, micError: { state: true },
    camError: { state: true }, camOn: { state: true }, pattern: { state: true }, toneOn: { state: true },
  };
  declare verdicts: Record<CheckId, Verdict>;
  declare level: number;
  declare recording: boolean;
  declare playback: string | null;
  declare micError: string | null;
  declare camError: string | null;
  declare camOn: boolean;
  declare pattern: boolean;
  declare toneOn: boolean;
  private micStream: MediaStream | null = null;
  private camStream: MediaStream | null = null;
  private audio: AudioContext | null = null;
  private raf = 0;

  constructor() {
    super();
    this.verdicts = { mic: null, speaker: null, camera: null, display: null };
    this.level = 0;
    this.recording = false;
    this.playback = null;
    this.micError = null;
    this.camError = null;
    this.camOn = false;
    this.pattern = false;
    this.toneOn = false;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    cancelAnimationFrame(this.raf);
    for (const s of [this.micStream, this.camStream]) s?.getTracks().forEach((t) => t.stop());
    void this.audio?.close();
    if (this.playback) URL.revokeObjectURL(this.playback);
  }

  private ctx(): AudioContext {
    this.audio ??= new AudioContext();
    void this.audio.resume();
    return this.audio;
  }

  private async startMic(): Promise<MediaStream | null> {
    if (this.micStream) return this.micStream;
    try {
      this.micStream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (e) {
      this.micError = e instanceof Error ? e.message : String(e);
      return null;
    }
    this.micError = null;
    const analyser = this.ctx().createAnalyser();
    analyser.fftSize = 1024;
    this.ctx().createMediaStreamSource(this.micStream).connect(analyser);
    const data = new Uint8Array(analyser.fftSize);
    const tick = () => {
      analyser.getByteTimeDomainData(data);
      let peak = 0;
      for (const v of data) peak = Math.max(peak, Math.abs(v - 128));
      this.level = Math.min(1, peak / 128);
      this.raf = requestAnimationFrame(tick);
    };
    tick();
    return this.micStream;
  }

  private async record() {
    const stream = await this.startMic();
    if (!stream || this.recording) return;
    const chunks: Blob[] = [];
    const rec = new MediaRecorder(stream);
    rec.ondataavailable = (e) => { if (e.data.size) chunks.push(e.data); };
    rec.onstop = () => {
      this.recording = false;
      if (this.playback) URL.revokeObjectURL(this.playback);
      this.playback = URL.createObjectURL(new Blob(chunks, { type: rec.mimeType || 'audio/webm' }));
      void this.updateComplete.then(() => void this.renderRoot.querySelector<HTMLAudioElement>('audio.playback')?.play().catch(() => undefined));
    };
    this.recording = true;
    rec.start();
    setTimeout(() => rec.state !== 'inactive' && rec.stop(), 3000);
  }

  private tone() {
    const ctx = this.ctx();
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = 440;
    gain.gain.value = 0.2;
    osc.connect(gain).connect(ctx.destination);
    this.toneOn = true;
    osc.onended = () => (this.toneOn = false);
    osc.start();
    osc.stop(ctx.currentTime + 1);
  }

  private async camera() {
    try {
      this.camStream ??= await navigator.mediaDevices.getUserMedia({ video: { width: 1280, height: 720 } });
      this.camOn = true;
      this.camError = null;
      await this.updateComplete;
      const video = this.renderRoot.querySelector<HTMLVideoElement>('video.preview');
      if (video) {
        video.srcObject = this.camStream;
        await video.play().catch(() => undefined);
      }
    } catch (e) {
      this.camError = e instanceof Error ? e.message : String(e);
    }
  }

  private async showPattern() {
    this.pattern = true;
    await this.updateComplete;
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.pattern');
    if (!canvas) return;
    canvas.width = window.innerWidth;
    canvas.height = window.innerHeight;
    drawPattern(canvas);
    await canvas.requestFullscreen?.().catch(() => undefined);
  }

  private closePattern() {
    this.pattern = false;
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  }

  private verdict(id: CheckId) {
    const v = this.verdicts[id];
    const set = (x: Verdict) => (this.verdicts = { ...this.verdicts, [id]: x });
    return html`<div class="verdict" role="group" aria-label=${this.t('check.result')}>
      <button type="button" class="pass" aria-pressed=${v === 'pass' ? 'true' : 'false'} @click=${() => set('pass')}>✓ ${this.t('check.pass')}</button>
      <button type="button" class="fail" aria-pressed=${v === 'fail' ? 'true' : 'false'} @click=${() => set('fail')}>✗ ${this.t('check.fail')}</button>
    </div>`;
  }

  private body(id: CheckId) {
    switch (id) {
      case 'mic': return html`
        <div class="meter" role="meter" aria-label=${this.t('check.level')} aria-valuemin="0" aria-valuemax="100" aria-valuenow=${Math.round(this.level * 100)}>
          <span style="width:${Math.round(this.level * 100)}%"></span></div>
        <div class="row">
          <button type="button" class="big" @click=${() => this.startMic()}>${this.t('check.micListen')}</button>
          <button type="button" class="big primary" ?disabled=${this.recording} @click=${() => this.record()}>${this.recording ? this.t('check.recording') : this.t('check.record')}</button>
        </div>
        ${this.playback ? html`<audio class="playback" controls src=${this.playback}></audio>` : nothing}
        ${this.micError ? html`<p class="notice error">${this.t('check.noAccess')} (${this.micError})</p>` : nothing}`;
      case 'speaker': return html`
        <p>${this.t('check.speakerHint')}</p>
        <button type="button" class="big primary" ?disabled=${this.toneOn} @click=${() => this.tone()}>${this.toneOn ? this.t('check.playing') : this.t('check.playTone')}</button>`;
      case 'camera': return html`
        ${this.camOn ? html`<video class="preview" muted playsinline autoplay></video>` : html`<div class="preview off">${this.t('check.cameraOff')}</div>`}
        <button type="button" class="big primary" @click=${() => this.camera()}>${this.t('check.cameraOn')}</button>
        ${this.camError ? html`<p class="notice error">${this.t('check.noAccess')} (${this.camError})</p>` : nothing}`;
      case 'display': return html`
        <p>${this.t('check.displayHint')}</p>
        <button type="button" class="big primary" @click=${() => this.showPattern()}>${this.t('check.showPattern')}</button>`;
    }
  }

  override render() {
    const done = CHECKS.filter((c) => this.verdicts[c] !== null).length;
    return html`
      <h1>${this.t('check.title')}</h1>
      <p class="muted intro">${this.t('check.intro')}</p>
      <div class="checks">
        ${CHECKS.map((id) => html`<section class="check ${this.verdicts[id] ?? ''}" data-check=${id} aria-labelledby="h-${id}">
          <h2 id="h-${id}">${this.t(`check.${id}` as MessageKey)}</h2>
          ${this.body(id)}
          ${this.verdict(id)}
        </section>`)}
      </div>
      <p class="summary" role="status">${this.t('check.summary', { done, total: CHECKS.length, failed: CHECKS.filter((c) => this.verdicts[c] === 'fail').length })}</p>
      ${this.pattern ? html`<div class="overlay" @click=${() => this.closePattern()}>
        <canvas class="pattern" aria-label=${this.t('check.patternLabel')}></canvas>
        <button type="button" class="big close" @click=${() => this.closePattern()}>${this.t('action.close')}</button></div>` : nothing}`;
  }

  static override styles = [baseStyles, css`
    .intro { font-size: 1.125rem; }
    .checks { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 24rem), 1fr)); }
    .check { background: var(--ph-color-surface); border: 3px solid var(--ph-color-border); border-radius: var(--ph-radius); padding: 1.25rem; display: flex; flex-direction: column; gap: 0.75rem; }
    .check.pass { border-color: var(--ph-color-success); }
    .check.fail { border-color: var(--ph-color-danger); }
    .check h2 { margin: 0; font-size: 1.5rem; }
    .row { display: flex; flex-wrap: wrap; gap: 0.75rem; }
    button.big { min-height: 4rem; padding: 0 1.5rem; font: inherit; font-size: 1.25rem; font-weight: 700; border-radius: var(--ph-radius-small); cursor: pointer;
      border: 2px solid var(--ph-color-primary); background: var(--ph-color-surface); color: var(--ph-color-primary); }
    button.big.primary { background: var(--ph-color-primary); color: #fff; }
    button[disabled] { opacity: 0.6; }
    .meter { height: 1.5rem; border-radius: 999px; background: #e3e8ed; overflow: hidden; }
    .meter span { display: block; height: 100%; background: linear-gradient(90deg, #1f8a4c, #f2a900 70%, #c62828); transition: width 60ms linear; }
    audio { width: 100%; }
    .preview { width: 100%; aspect-ratio: 16 / 9; background: #111; border-radius: var(--ph-radius-small); object-fit: cover; }
    .preview.off { display: flex; align-items: center; justify-content: center; color: #ddd; }
    .verdict { display: flex; gap: 0.75rem; margin-top: auto; }
    .verdict button { flex: 1; min-height: 4rem; font: inherit; font-size: 1.25rem; font-weight: 700; border-radius: var(--ph-radius-small); cursor: pointer; background: #fff; border: 2px solid; }
    .verdict .pass { color: var(--ph-color-success); border-color: var(--ph-color-success); }
    .verdict .fail { color: var(--ph-color-danger); border-color: var(--ph-color-danger); }
    .verdict .pass[aria-pressed='true'] { background: var(--ph-color-success); color: #fff; }
    .verdict .fail[aria-pressed='true'] { background: var(--ph-color-danger); color: #fff; }
    .summary { font-size: 1.25rem; font-weight: 600; margin-top: 1rem; }
    .overlay { position: fixed; inset: 0; z-index: 100; background: #000; }
    .overlay canvas { width: 100%; height: 100%; display: block; }
    .overlay .close { position: absolute; right: 1.5rem; bottom: 1.5rem; }
  `];
}

/** SMPTE-like colour bars, a grey ramp, a grid and a centre circle, drawn at the canvas size. */
export function drawPattern(canvas: HTMLCanvasElement): void {
  const g = canvas.getContext('2d');
  if (!g) return;
  const { width: w, height: h } = canvas;
  const bars = ['#c0c0c0', '#c0c000', '#00c0c0', '#00c000', '#c000c0', '#c00000', '#0000c0'];
  const bw = w / bars.length;
  bars.forEach((c, i) => { g.fillStyle = c; g.fillRect(Math.floor(i * bw), 0, Math.ceil(bw), h * 0.67); });
  const steps = 16;
  for (let i = 0; i < steps; i++) {
    const v = Math.round((i / (steps - 1)) * 255);
    g.fillStyle = `rgb(${v},${v},${v})`;
    g.fillRect(Math.floor((i * w) / steps), h * 0.67, Math.ceil(w / steps), h * 0.33);
  }
  g.strokeStyle = 'rgba(255,255,255,0.8)';
  g.lineWidth = 1;
  for (let x = 0; x <= w; x += w / 16) { g.beginPath(); g.moveTo(x + 0.5, 0); g.lineTo(x + 0.5, h); g.stroke(); }
  for (let y = 0; y <= h; y += h / 9) { g.beginPath(); g.moveTo(0, y + 0.5); g.lineTo(w, y + 0.5); g.stroke(); }
  g.lineWidth = 4;
  g.beginPath();
  g.arc(w / 2, h / 2, Math.min(w, h) * 0.3, 0, Math.PI * 2);
  g.stroke();
  g.fillStyle = '#fff';
  g.font = `bold ${Math.round(h / 20)}px sans-serif`;
  g.textAlign = 'center';
  g.fillText(`${w} × ${h}`, w / 2, h / 2);
}

customElements.define('ph-devices-check-page', DevicesCheckPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-devices-check-page': DevicesCheckPage }
}
