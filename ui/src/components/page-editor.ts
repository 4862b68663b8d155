import { css, html, nothing } from 'lit';
import type { Static } from '@sinclair/typebox';
import type { H5pContent } from '../../../server/src/contracts/h5p.schema.js';
import { EditableArea } from './editable-area.js';
import { http } from '../api/client.js';
import { materialsApi, type MaterialFile } from '../api/materials.js';
import { notifyError } from '../state/notify.js';
import { baseStyles, formStyles } from '../styles/shared-styles.js';

/**
 * `<ph-page-editor>`: the lesson page editor (Art. 9.3). A contenteditable area with a large,
 * touch-friendly toolbar: headings, paragraphs, bold/italic, lists, links, a table, images and
 * video/audio uploaded to this material, and H5P content by id. The server sanitizes what it
 * receives (the same allowlist whatever the browser sends); `value` is the page's HTML.
 */
export class PageEditor extends EditableArea {
  static override properties = { materialId: { type: Number, attribute: 'material-id' }, h5p: { state: true }, picking: { state: true }, uploading: { state: true } };
  declare materialId: number | null;
  declare h5p: Static<typeof H5pContent>[] | null;
  declare picking: boolean;
  declare uploading: boolean;
  private range: Range | null = null;

  constructor() {
    super();
    this.materialId = null;
    this.h5p = null;
    this.picking = false;
    this.uploading = false;
  }

  private remember() {
    const sel = (this.renderRoot as unknown as { getSelection?: () => Selection | null }).getSelection?.() ?? document.getSelection();
    if (sel && sel.rangeCount && this.area?.contains(sel.getRangeAt(0).commonAncestorContainer)) this.range = sel.getRangeAt(0).cloneRange();
  }

  private restore() {
    this.area?.focus();
    const sel = document.getSelection();
    if (this.range && sel) {
      sel.removeAllRanges();
      sel.addRange(this.range);
    }
  }

  private exec(command: string, arg?: string) {
    this.restore();
    document.execCommand(command, false, arg);
    this.remember();
  }

  private insertHtml(fragment: string) {
    this.restore();
    if (!document.execCommand('insertHTML', false, fragment) && this.area) this.area.insertAdjacentHTML('beforeend', fragment);
    this.remember();
  }

  private link() {
    const url = prompt(this.t('mat.editor.linkPrompt'), 'https://');
    if (url && /^https?:\/\/\S+$/i.test(url.trim())) this.exec('createLink', url.trim());
  }

  private table() {
    const cell = '<td>&nbsp;</td>';
    this.insertHtml(`<table><tbody><tr>${cell}${cell}</tr><tr>${cell}${cell}</tr></tbody></table><p><br></p>`);
  }

  private async media(e: Event) {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file || !this.materialId) return;
    this.uploading = true;
    try {
      const f: MaterialFile = await materialsApi.uploadMedia(this.materialId, file, () => undefined);
      const alt = f.fileName.replace(/\.[^.]+$/, '').replace(/[<>"&]/g, '');
      if (f.category === 'image') this.insertHtml(`<p><img src="${f.url}" alt="${alt}"></p>`);
      else this.insertHtml(`<p><${f.category} src="${f.url}" controls></${f.category}></p>`);
      this.dispatchEvent(new CustomEvent('ph-media-uploaded', { detail: f, bubbles: true, composed: true }));
    } catch (err) {
      notifyError(err);
    } finally {
      this.uploading = false;
    }
  }

  private async pickH5p() {
    this.picking = !this.picking;
    if (this.picking && this.h5p === null) {
      try {
        this.h5p = await http.get<Static<typeof H5pContent>[]>('/api/h5p/contents', undefined, true);
      } catch {
        this.h5p = [];
      }
    }
  }

  private insertH5p(e: Event) {
    e.preventDefault();
    const id = Number(new FormData(e.target as HTMLFormElement).get('h5p'));
    if (Number.isInteger(id) && id > 0) this.insertHtml(`<ph-h5p-player content-id="${id}" contenteditable="false" data-label="${this.t('mat.editor.h5pBox', { id })}"></ph-h5p-player><p><br></p>`);
    this.picking = false;
  }

  override render() {
    const b = (label: string, onClick: () => void, text: string) =>
      html`<button type="button" class="tool" title=${label} aria-label=${label} @mousedown=${(e: Event) => e.preventDefault()} @click=${onClick}>${text}</button>`;
    const canUpload = !!this.materialId;
    return html`
      <div class="toolbar" role="toolbar" aria-label=${this.t('mat.editor.label')}>
        ${b(this.t('mat.editor.h2'), () => this.exec('formatBlock', 'h2'), 'H2')}
        ${b(this.t('mat.editor.h3'), () => this.exec('formatBlock', 'h3'), 'H3')}
        ${b(this.t('mat.editor.p'), () => this.exec('formatBlock', 'p'), '¶')}
        ${b(this.t('mat.editor.bold'), () => this.exec('bold'), 'B')}
        ${b(this.t('mat.editor.italic'), () => this.exec('italic'), 'I')}
        ${b(this.t('mat.editor.ul'), () => this.exec('insertUnorderedList'), '•≡')}
        ${b(this.t('mat.editor.ol'), () => this.exec('insertOrderedList'), '1≡')}
        ${b(this.t('mat.editor.link'), () => this.link(), this.t('mat.editor.link'))}
        ${b(this.t('mat.editor.table'), () => this.table(), this.t('mat.editor.table'))}
        <label class="tool wide ${canUpload ? '' : 'off'}" title=${this.t('mat.editor.image')}>${this.t('mat.editor.image')}
          <input type="file" accept=".png,.jpg,.jpeg,.webp" ?disabled=${!canUpload || this.uploading} @change=${this.media} class="visually-hidden"></label>
        <label class="tool wide ${canUpload ? '' : 'off'}" title=${this.t('mat.editor.video')}>${this.t('mat.editor.video')}
          <input type="file" accept=".mp4,.webm,.m4v,.ogv,.mp3,.m4a,.ogg,.oga,.wav,.weba,.opus" ?disabled=${!canUpload || this.uploading} @change=${this.media} class="visually-hidden"></label>
        <button type="button" class="tool wide" @mousedown=${(e: Event) => e.preventDefault()} @click=${this.pickH5p} aria-expanded=${this.picking ? 'true' : 'false'}>${this.t('mat.editor.h5p')}</button>
      </div>
      ${!canUpload ? html`<p class="hint">${this.t('mat.editor.saveFirst')}</p>` : nothing}
      ${this.picking ? html`<form class="h5p" @submit=${this.insertH5p}>
        ${this.h5p === null ? html`<span class="muted">${this.t('state.loading')}</span>`
          : this.h5p.length === 0 ? html`<span class="muted">${this.t('mat.editor.h5pNone')}</span>`
          : html`<label for="h5p">${this.t('mat.editor.h5pPick')}</label>
            <select id="h5p" name="h5p">${this.h5p.map((c) => html`<option value=${c.id}>#${c.id} · ${c.title}</option>`)}</select>
            <button class="btn" type="submit">${this.t('mat.editor.h5pInsert')}</button>`}
      </form>` : nothing}
      <div class="area" contenteditable="true" role="textbox" aria-multiline="true" aria-label=${this.t('mat.editor.label')}
        @keyup=${this.remember} @mouseup=${this.remember} @touchend=${this.remember} @blur=${this.remember}></div>
    `;
  }

  static override styles = [baseStyles, formStyles, css`
    .toolbar { display: flex; flex-wrap: wrap; gap: 0.375rem; padding: 0.5rem; border: 1px solid #8a99a8; border-bottom: 0; border-radius: var(--ph-radius-small) var(--ph-radius-small) 0 0; background: #f0f3f6; position: sticky; top: 0; z-index: 1; }
    .tool { min-width: 2.75rem; min-height: 2.75rem; padding: 0 0.625rem; border: 1px solid var(--ph-color-border); border-radius: var(--ph-radius-small); background: #fff; font: inherit; font-weight: 700; cursor: pointer; display: inline-flex; align-items: center; justify-content: center; gap: 0.25rem; }
    .tool:hover { border-color: var(--ph-color-primary); }
    .tool.off { opacity: 0.5; cursor: not-allowed; }
    .tool.wide { font-weight: 600; }
    .area { min-height: 16rem; padding: 1rem; border: 1px solid #8a99a8; border-radius: 0 0 var(--ph-radius-small) var(--ph-radius-small); background: #fff; line-height: 1.55; overflow-wrap: anywhere; }
    .area:focus { outline: 3px solid var(--ph-color-focus); outline-offset: 1px; }
    .area img, .area video { max-width: 100%; height: auto; }
    .area table { border-collapse: collapse; }
    .area td, .area th { border: 1px solid #8a99a8; padding: 0.375rem 0.625rem; min-width: 4rem; }
    .area ph-h5p-player { display: block; padding: 1.25rem; margin: 0.5rem 0; border: 2px dashed var(--ph-color-primary); border-radius: var(--ph-radius-small); background: var(--ph-color-primary-soft); font-weight: 700; }
    .area ph-h5p-player::before { content: 'H5P #' attr(content-id); }
    .h5p { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; padding: 0.75rem; border: 1px solid var(--ph-color-border); border-bottom: 0; background: #fff; }
    .h5p select { width: auto; min-width: 14rem; }
    .hint { margin: 0.25rem 0; }
  `];
}

customElements.define('ph-page-editor', PageEditor);
declare global {
  interface HTMLElementTagNameMap { 'ph-page-editor': PageEditor }
}
