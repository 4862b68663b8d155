import { css, html, type TemplateResult } from 'lit';
import { EditableArea } from './editable-area.js';
import type { MessageKey } from '../i18n/index.js';
import { baseStyles } from '../styles/shared-styles.js';

/**
 * `<ph-disclosure-editor>`: a small rich-text area for the school's rules, plan and conditions
 * (Art. 15.3): headings, paragraphs, bold, italic, lists and links, with large touch-friendly
 * buttons. The server sanitizes whatever the browser sends; `value` is the HTML.
 */
export class DisclosureEditor extends EditableArea {
  static override properties = { label: {} };
  declare label: string;

  constructor() {
    super();
    this.label = '';
  }

  override focus(): void {
    this.area?.focus();
  }

  private exec(command: string, arg?: string) {
    this.area?.focus();
    document.execCommand(command, false, arg);
  }

  private link() {
    const url = prompt(this.t('disc.tool.linkPrompt'), 'https://');
    if (url && /^https?:\/\/\S+$/i.test(url.trim())) this.exec('createLink', url.trim());
  }

  private tool(label: MessageKey, run: () => void, text: string | TemplateResult) {
    // mousedown is cancelled so the selection inside the text stays where it was.
    return html`<button type="button" class="tool" title=${this.t(label)} aria-label=${this.t(label)} @mousedown=${(e: Event) => e.preventDefault()} @click=${run}>${text}</button>`;
  }

  override render() {
    return html`
      <div class="toolbar" role="toolbar" aria-label=${this.label}>
        ${this.tool('disc.tool.h3', () => this.exec('formatBlock', 'h3'), this.t('disc.tool.h3'))}
        ${this.tool('disc.tool.p', () => this.exec('formatBlock', 'p'), this.t('disc.tool.p'))}
        ${this.tool('disc.tool.bold', () => this.exec('bold'), html`<b>B</b>`)}
        ${this.tool('disc.tool.italic', () => this.exec('italic'), html`<i>I</i>`)}
        ${this.tool('disc.tool.ul', () => this.exec('insertUnorderedList'), `• ${this.t('disc.tool.ul')}`)}
        ${this.tool('disc.tool.ol', () => this.exec('insertOrderedList'), `1. ${this.t('disc.tool.ol')}`)}
        ${this.tool('disc.tool.link', () => this.link(), this.t('disc.tool.link'))}
      </div>
      <div class="area" contenteditable="true" role="textbox" aria-multiline="true" aria-label=${this.label} spellcheck="true" lang="vi"></div>`;
  }

  static override styles = [baseStyles, css`
    :host { display: block; border: 1px solid #8a99a8; border-radius: var(--ph-radius-small); background: #fff; }
    .toolbar { display: flex; flex-wrap: wrap; gap: 0.375rem; padding: 0.5rem; border-bottom: 1px solid var(--ph-color-border); background: #f4f6f8; border-radius: var(--ph-radius-small) var(--ph-radius-small) 0 0; }
    .tool { min-width: 2.75rem; padding: 0 0.625rem; min-height: 2.75rem; font: inherit; font-weight: 700; border: 1px solid var(--ph-color-border); border-radius: var(--ph-radius-small); background: #fff; cursor: pointer; }
    .tool:hover { background: var(--ph-color-primary-soft); }
    .area { min-height: 14rem; max-height: 60vh; overflow-y: auto; padding: 0.75rem 1rem; outline: none; line-height: 1.55; }
    .area:focus-visible { box-shadow: inset 0 0 0 3px var(--ph-color-focus); }
    .area h3 { font-size: 1.125rem; }
  `];
}

customElements.define('ph-disclosure-editor', DisclosureEditor);
declare global {
  interface HTMLElementTagNameMap { 'ph-disclosure-editor': DisclosureEditor }
}
