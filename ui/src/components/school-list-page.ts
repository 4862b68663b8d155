import { html, nothing, type TemplateResult } from 'lit';
import { PhElement } from './ph-element.js';
import './school-tabs.js';
import type { MessageKey } from '../i18n/index.js';
import { session, LEADER_ROLES } from '../state/session.js';
import { notifyError, notifySuccess } from '../state/notify.js';

/**
 * The shape the school-structure pages share (years, subject groups, subjects): the school's tabs,
 * a title with an "add" button for the principal's team, one item edited at a time in a form,
 * saved with a toast and reloaded. Subclasses say how to load, create and update, and how to
 * draw the form and the list.
 */
export abstract class SchoolListPage<Item extends { id: number }, Body> extends PhElement {
  static override properties = { items: { state: true }, editing: { state: true }, busy: { state: true } };
  declare items: Item[] | null;
  /** null: no form; 'new': adding; an item: editing it. */
  declare editing: Item | 'new' | null;
  declare busy: boolean;

  protected abstract readonly titleKey: MessageKey;
  protected abstract readonly addKey: MessageKey;
  protected abstract readonly noneKey: MessageKey;

  constructor() {
    super();
    this.items = null;
    this.editing = null;
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  /** Loads the items (and anything else the page needs, set on `this`). */
  protected abstract fetchItems(): Promise<Item[]>;
  protected abstract createItem(body: Body): Promise<unknown>;
  protected abstract updateItem(item: Item, body: Body): Promise<unknown>;
  /** The form for `item` (null: a new one); it fires its save event with a Body and `ph-cancel`. */
  protected abstract form(item: Item | null): TemplateResult;
  protected abstract list(items: Item[], editable: boolean): TemplateResult | TemplateResult[];

  protected async load(): Promise<void> {
    try {
      this.items = await this.fetchItems();
    } catch (e) {
      notifyError(e);
    }
  }

  protected async save(body: Body): Promise<void> {
    this.busy = true;
    try {
      if (this.editing === 'new') await this.createItem(body);
      else if (this.editing) await this.updateItem(this.editing, body);
      this.editing = null;
      notifySuccess('state.saved');
      await this.load();
    } catch (e) {
      notifyError(e);
    } finally {
      this.busy = false;
    }
  }

  /** An "edit" button for one item, named for screen readers. */
  protected editButton(item: Item, name: string, small = false): TemplateResult | typeof nothing {
    return this.editing ? nothing : html`<button class="btn ${small ? 'small' : ''}" @click=${() => (this.editing = item)}>${this.t('action.edit')}<span class="visually-hidden"> ${name}</span></button>`;
  }

  override render() {
    const editable = session.hasAny(LEADER_ROLES);
    return html`
      <ph-school-tabs></ph-school-tabs>
      <div class="page-head">
        <h1>${this.t(this.titleKey)}</h1>
        ${editable && !this.editing ? html`<button class="btn primary" @click=${() => (this.editing = 'new')}>${this.t(this.addKey)}</button>` : nothing}
      </div>
      ${this.editing ? this.form(this.editing === 'new' ? null : this.editing) : nothing}
      ${!this.items ? html`<p class="muted" role="status">${this.t('state.loading')}</p>`
        : this.items.length === 0 ? html`<p class="notice">${this.t(this.noneKey)}</p>`
        : this.list(this.items, editable)}`;
  }
}
