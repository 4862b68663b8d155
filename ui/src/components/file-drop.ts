import { css, html } from 'lit';
import { PhElement } from './ph-element.js';
import { baseStyles, formStyles } from '../styles/shared-styles.js';

declare global {
  interface HTMLElementEventMap {
    'ph-file': CustomEvent<File>;
  }
}

/**
 * A file chooser with a Vietnamese button (the browser's own is in the browser's language) that
 * also takes a dropped file. The real <input type=file> stays in the page for keyboards, screen
 * readers and tests; it is only visually hidden.
 */
export class FileDrop extends PhElement {
  static override properties = { label: {}, hint: {}, accept: {}, fileName: {}, disabled: { type: Boolean }, dragging: { state: true } };
  declare label: string;
  declare hint: string;
  declare accept: string;
  declare fileName: string;
  declare disabled: boolean;
  declare dragging: boolean;

  constructor() {
    super();
    this.label = '';
    this.hint = '';
    this.accept = '';
    this.fileName = '';
    this.disabled = false;
    this.dragging = false;
  }

  /** Forgets the chosen file so choosing the same one again fires a change. */
  clear(): void {
    const input = this.renderRoot.querySelector<HTMLInputElement>('input');
    if (input) input.value = '';
  }

  private emit(file: File | undefined) {
    if (file && !this.disabled) this.dispatchEvent(new CustomEvent('ph-file', { detail: file }));
  }

  private drop(e: DragEvent) {
    e.preventDefault();
    this.dragging = false;
    this.emit(e.dataTransfer?.files[0]);
  }

  override render() {
    return html`
      <span class="label" id="label">${this.label}</span>
      <div class="drop ${this.dragging ? 'over' : ''}" @dragover=${(e: DragEvent) => { e.preventDefault(); this.dragging = !this.disabled; }}
        @dragleave=${() => (this.dragging = false)} @drop=${this.drop}>
        <input id="file" class="visually-hidden" type="file" accept=${this.accept} ?disabled=${this.disabled}
          @change=${(e: Event) => this.emit((e.target as HTMLInputElement).files?.[0])} aria-labelledby="label button" aria-describedby="hint" />
        <label for="file" id="button" class="btn primary">${this.t('roster.chooseFile')}</label>
        <span class="file-name">${this.fileName || this.t('roster.noFile')}</span>
      </div>
      <span class="hint" id="hint">${this.hint}</span>`;
  }

  static override styles = [baseStyles, formStyles, css`
    :host { display: flex; flex-direction: column; gap: 0.375rem; }
    .drop {
      display: flex; flex-wrap: wrap; align-items: center; gap: 0.75rem 1rem; padding: 1rem;
      border: 2px dashed #8a99a8; border-radius: var(--ph-radius); background: var(--ph-color-primary-soft);
    }
    .drop.over { border-color: var(--ph-color-primary); background: #d3e7ec; }
    .drop label { cursor: pointer; }
    #file:focus-visible + label { outline: 3px solid var(--ph-color-focus); outline-offset: 2px; }
    #file:disabled + label { opacity: 0.55; cursor: not-allowed; }
    .file-name { font-weight: 600; overflow-wrap: anywhere; }
  `];
}

customElements.define('ph-file-drop', FileDrop);
declare global {
  interface HTMLElementTagNameMap { 'ph-file-drop': FileDrop }
}
