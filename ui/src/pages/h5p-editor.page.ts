import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import { h5pApi, type EditorModelReply, type EditorStatus } from '../api/h5p.js';
import { isApiError } from '../api/client.js';
import { session } from '../state/session.js';
import { navigate } from '../router.js';
import { pick } from '../i18n/index.js';
import { baseStyles, formStyles } from '../styles/shared-styles.js';

/** The H5P editor's browser globals (from h5p-php-library and h5p-editor-php-library). */
interface JQueryLike {
  (el: Element): unknown;
  ajaxSetup(o: Record<string, unknown>): void;
}
interface H5PEditorNs {
  Editor: new (library: string | undefined, defaultParams: string | undefined, replace: unknown, iframeLoaded?: (this: Window) => void) => H5PEditorInstance;
  [k: string]: unknown;
}
interface H5PEditorInstance {
  getContent?(submit: (c: { title?: string; library: string; params: string }) => void, error?: (e: unknown) => void): void;
  getLibrary?(): string | undefined;
  getParams?(): { params: unknown; metadata: Record<string, unknown> } | undefined;
}
type EditorWindow = Window & { H5PIntegration?: unknown; H5P?: { jQuery?: JQueryLike }; H5PEditor?: H5PEditorNs };

const loaded = new Set<string>();
/** Loads a script or stylesheet into the document once, in order (the H5P editor works on the document, not in shadow roots). */
function loadAsset(url: string, kind: 'js' | 'css'): Promise<void> {
  if (loaded.has(url)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const el = kind === 'js' ? Object.assign(document.createElement('script'), { src: url, async: false }) : Object.assign(document.createElement('link'), { rel: 'stylesheet', href: url });
    el.onload = () => {
      loaded.add(url);
      resolve();
    };
    el.onerror = () => reject(new Error(`cannot load ${url}`));
    document.head.append(el);
  });
}

/**
 * /h5p/soan-thao and /h5p/:id/sua — H5P's own editor (Art. 9.3), when the core and editor files are
 * installed on the box: the server's integration object (h5p-server's H5PEditor) becomes
 * `window.H5PIntegration`, its scripts and styles are loaded, `H5PEditor.Editor` is mounted in a
 * light-DOM container, and Save posts the editor's library, params and metadata. Without the files
 * the page says what to install and points to the .h5p upload.
 */
export class H5pEditorPage extends PhElement {
  static override properties = { params: { attribute: false }, status: { state: true }, phase: { state: true }, failure: { state: true }, saving: { state: true } };
  declare params: { id?: string };
  declare status: EditorStatus | null;
  declare phase: 'loading' | 'ready' | 'missing' | 'failed';
  declare failure: string;
  declare saving: boolean;
  private editor: H5PEditorInstance | null = null;
  private host: HTMLDivElement | null = null;

  constructor() {
    super();
    this.params = {};
    this.status = null;
    this.phase = 'loading';
    this.failure = '';
    this.saving = false;
  }

  private get contentId(): number | undefined {
    const id = Number(this.params.id);
    return Number.isInteger(id) && id > 0 ? id : undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.host?.remove();
    this.host = null;
  }

  private async load() {
    try {
      this.status = await h5pApi.editor();
      if (!this.status.available) {
        this.phase = 'missing';
        return;
      }
      const model = await h5pApi.editorModel(this.contentId);
      await this.mount(model);
      this.phase = 'ready';
    } catch (err) {
      this.phase = 'failed';
      this.failure = isApiError(err) ? pick(err.text) : `${this.t('h5p.ed.startFailed')} ${err instanceof Error ? err.message : String(err)}`;
    }
  }

  private async mount(model: EditorModelReply) {
    const w = window as EditorWindow;
    w.H5PIntegration = model.integration;
    for (const css of model.styles) await loadAsset(css, 'css');
    for (const js of model.scripts) await loadAsset(js, 'js');
    const ns = w.H5PEditor;
    const $ = w.H5P?.jQuery;
    if (!ns || !$) throw new Error('H5PEditor not loaded');
    const editorInt = (model.integration as { editor: Record<string, unknown> }).editor;
    // What the CMS plugins (WordPress/Drupal) set before creating an editor.
    Object.assign(ns, {
      $, basePath: editorInt.libraryUrl, fileIcon: editorInt.fileIcon, ajaxPath: editorInt.ajaxPath, filesPath: editorInt.filesPath,
      apiVersion: editorInt.apiVersion, copyrightSemantics: editorInt.copyrightSemantics, metadataSemantics: editorInt.metadataSemantics,
      assets: editorInt.assets, baseUrl: '', contentId: model.contentId ?? undefined, contentLanguage: 'vi', enableContentHub: false,
    });
    ns.getAjaxUrl = (action: string, parameters?: Record<string, string>) => {
      let url = `${String(editorInt.ajaxPath)}${action}`;
      for (const [k, v] of Object.entries(parameters ?? {})) url += `&${encodeURIComponent(k)}=${encodeURIComponent(v)}`;
      return url;
    };
    // The box refuses state-changing requests without the session's CSRF token.
    const csrf = session.me?.csrfToken ?? '';
    const withCsrf = (jq: JQueryLike | undefined) => jq?.ajaxSetup({ headers: { 'x-csrf-token': csrf } });
    withCsrf($);
    this.host?.remove();
    this.host = Object.assign(document.createElement('div'), { slot: 'editor', className: 'h5p-editor-host' });
    this.append(this.host);
    // H5PEditor.Editor replaces the element it is given with its iframe: an inner placeholder keeps the slotted host.
    const placeholder = document.createElement('div');
    this.host.append(placeholder);
    const c = model.content;
    this.editor = new ns.Editor(c?.library, c ? JSON.stringify({ params: c.params, metadata: c.metadata }) : undefined, $(placeholder), function (this: Window) {
      // The editor runs in an iframe with its own jQuery: it needs the token too.
      withCsrf((this as EditorWindow).H5P?.jQuery);
      withCsrf((this as EditorWindow).H5PEditor?.$ as JQueryLike | undefined);
    });
  }

  private async save() {
    const ed = this.editor;
    if (!ed) return;
    this.saving = true;
    this.failure = '';
    try {
      const content = await new Promise<{ library: string; params: { params: unknown; metadata: Record<string, unknown> } }>((resolve, reject) => {
        if (ed.getContent) {
          ed.getContent((c) => {
            const p = JSON.parse(c.params) as { params?: unknown; metadata?: Record<string, unknown> };
            resolve({ library: c.library, params: { params: p.params ?? p, metadata: { ...(p.metadata ?? {}), ...(c.title ? { title: c.title } : {}) } } });
          }, reject);
        } else {
          const library = ed.getLibrary?.();
          const params = ed.getParams?.();
          if (!library || !params) reject(new Error(this.t('h5p.ed.noContent')));
          else resolve({ library, params });
        }
      });
      const title = String(content.params.metadata.title ?? '').trim();
      const reply = await h5pApi.editorSave({ library: content.library, params: content.params.params, metadata: { ...content.params.metadata, title } }, this.contentId);
      this.announce = this.t('h5p.ed.saved', { title });
      if (!this.contentId) navigate(`/h5p/${reply.id}/sua`);
    } catch (err) {
      this.failure = isApiError(err) ? `${pick(err.text)}${err.details?.errors ? ` (${(err.details.errors as { path: string; reason: string }[]).map((e) => `${e.path}: ${e.reason}`).join('; ')})` : ''}` : err instanceof Error ? err.message : String(err);
    } finally {
      this.saving = false;
    }
  }
  private announce = '';

  override render() {
    return html`<a class="back" href="/h5p">${this.t('h5p.back')}</a>
      <h1>${this.t(this.contentId ? 'h5p.ed.edit' : 'h5p.ed.new')}</h1>
      ${this.phase === 'loading' ? html`<p role="status">${this.t('h5p.ed.loading')}</p>` : nothing}
      ${this.phase === 'missing' ? html`<section class="warn" role="note">
          <h2>${this.t('h5p.ed.missingTitle')}</h2>
          <p>${this.t('h5p.editorMissing')}</p>
          <p>${this.t('h5p.ed.missingHow')}</p>
          ${this.status?.missing.length ? html`<p class="muted">${this.t('h5p.ed.missingFiles', { list: this.status.missing.join(', ') })}</p>` : nothing}
          <a class="btn primary" href="/h5p">${this.t('h5p.ed.uploadInstead')}</a>
        </section>` : nothing}
      ${this.phase === 'failed' ? html`<p class="failure" role="alert">${this.failure}</p>` : nothing}
      ${this.phase === 'ready' ? html`<p class="muted">${this.t('h5p.ed.browserNote')}</p>` : nothing}
      <slot name="editor"></slot>
      ${this.phase === 'ready' ? html`<div class="bar">
          <button class="btn primary" ?disabled=${this.saving} @click=${() => void this.save()}>${this.t(this.saving ? 'h5p.ed.saving' : 'h5p.ed.save')}</button>
          ${this.failure ? html`<span class="failure" role="alert"><strong>${this.t('h5p.ed.saveFailed')}:</strong> ${this.failure}</span>` : nothing}
          ${this.announce && !this.failure ? html`<span class="ok" role="status">${this.announce}</span>` : nothing}
        </div>` : nothing}`;
  }

  static override styles = [baseStyles, formStyles, css`
    :host { display: block; }
    .back { display: inline-block; margin-bottom: 0.5rem; }
    .warn { color: var(--ph-warning-text, #93370d); background: #fffaeb; padding: 1rem 1.25rem; border-radius: 8px; max-width: 60rem; }
    .warn h2 { margin-top: 0; font-size: 1.15rem; }
    .failure { color: var(--ph-danger, #b42318); }
    .ok { color: var(--ph-success, #067647); }
    .bar { position: sticky; bottom: 0; display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; padding: 0.75rem 0; background: var(--ph-bg, #fff); }
    ::slotted(.h5p-editor-host) { display: block; min-height: 20rem; }
  `];
}

customElements.define('ph-h5p-editor-page', H5pEditorPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-h5p-editor-page': H5pEditorPage }
}
