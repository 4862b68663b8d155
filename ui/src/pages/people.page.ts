import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import { api, type PeopleFilter } from '../api/endpoints.js';
import type { Page, PersonKind, PersonListItem, Role } from '../api/types.js';
import { notifyError } from '../state/notify.js';
import { formatNumber } from '../i18n/format.js';
import { kindName, roleName } from '../i18n/labels.js';
import { PATHS, personPath } from '../router.js';
import { baseStyles, formStyles, tableStyles } from '../styles/shared-styles.js';

const PAGE_SIZE = 25;
const KINDS: readonly PersonKind[] = ['student', 'staff', 'parent'];
const ROLES: readonly Role[] = ['principal', 'vice_principal', 'group_leader', 'teacher', 'it_staff'];

/** Search students, staff and parents (diacritic-insensitive on the server), page by page. */
export class PeoplePage extends PhElement {
  static override properties = { page: { state: true }, filter: { state: true }, loading: { state: true } };
  declare page: Page<PersonListItem> | null;
  declare filter: { q: string; kind: string; role: string; offset: number };
  declare loading: boolean;
  private debounce: number | undefined;
  private requestNo = 0;

  constructor() {
    super();
    const p = new URLSearchParams(location.search);
    this.filter = { q: p.get('q') ?? '', kind: p.get('kind') ?? '', role: p.get('role') ?? '', offset: Number(p.get('offset')) || 0 };
    this.page = null;
    this.loading = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    const no = ++this.requestNo;
    const f = this.filter;
    const query: PeopleFilter = { q: f.q.trim(), kind: f.kind, role: f.role, limit: PAGE_SIZE, offset: f.offset };
    // The filter lives in the address, so Back and a shared link show the same list.
    const qs = new URLSearchParams(Object.entries({ q: f.q, kind: f.kind, role: f.role, offset: f.offset ? String(f.offset) : '' }).filter(([, v]) => v)).toString();
    history.replaceState(null, '', `${PATHS.people}${qs ? `?${qs}` : ''}`);
    this.loading = true;
    try {
      const page = await api.people(query);
      if (no === this.requestNo) this.page = page; // a late reply to an older search is dropped
    } catch (e) {
      notifyError(e);
    } finally {
      if (no === this.requestNo) this.loading = false;
    }
  }

  private change(patch: Partial<PeoplePage['filter']>, delay = 0) {
    this.filter = { ...this.filter, offset: 0, ...patch };
    window.clearTimeout(this.debounce);
    this.debounce = window.setTimeout(() => void this.load(), delay);
  }

  override render() {
    const f = this.filter;
    const page = this.page;
    const from = page && page.total ? f.offset + 1 : 0;
    const to = page ? f.offset + page.items.length : 0;
    return html`
      <div class="page-head">
        <h1>${this.t('people.title')}</h1>
        <a class="btn primary" href=${PATHS.newPerson}>${this.t('personNew.title')}</a>
      </div>
      <form class="filters card" role="search" @submit=${(e: Event) => { e.preventDefault(); this.change({}); }}>
        <div class="field grow">
          <label for="q">${this.t('people.search')}</label>
          <input id="q" type="search" .value=${f.q} placeholder=${this.t('people.searchHint')} @input=${(e: Event) => this.change({ q: (e.target as HTMLInputElement).value }, 300)} />
        </div>
        <div class="field">
          <label for="kind">${this.t('people.kind')}</label>
          <select id="kind" @change=${(e: Event) => this.change({ kind: (e.target as HTMLSelectElement).value })}>
            <option value="">${this.t('people.all')}</option>
            ${KINDS.map((k) => html`<option value=${k} ?selected=${f.kind === k}>${kindName(k)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="role">${this.t('people.role')}</label>
          <select id="role" @change=${(e: Event) => this.change({ role: (e.target as HTMLSelectElement).value })}>
            <option value="">${this.t('people.all')}</option>
            ${ROLES.map((r) => html`<option value=${r} ?selected=${f.role === r}>${roleName(r)}</option>`)}
          </select>
        </div>
      </form>
      <p class="muted" role="status">${page ? this.t('people.range', { from, to, total: formatNumber(page.total) }) : this.t('state.loading')}</p>
      ${page && page.items.length === 0 ? html`<p class="notice">${this.t('people.none')}</p>` : nothing}
      ${page && page.items.length ? html`
        <div class="table-wrap" aria-busy=${this.loading ? 'true' : 'false'}>
          <table>
            <thead><tr><th>${this.t('person.fullName')}</th><th>${this.t('person.login')}</th><th>${this.t('people.kind')}</th><th>${this.t('people.classOrPosition')}</th><th>${this.t('people.role')}</th><th>${this.t('person.account')}</th></tr></thead>
            <tbody>
              ${page.items.map((p) => html`<tr>
                <td><a href=${personPath(p.id)}>${p.fullName}</a></td>
                <td class="mono">${p.login ?? p.personalId ?? ''}</td>
                <td>${kindName(p.kind)}</td>
                <td>${p.className ?? p.position ?? ''}</td>
                <td>${p.roles.map(roleName).join(', ')}</td>
                <td>${p.disabled ? html`<span class="badge danger">${this.t('person.disabled')}</span>` : html`<span class="badge ok">${this.t('person.enabled')}</span>`}</td>
              </tr>`)}
            </tbody>
          </table>
        </div>
        ${page.total <= PAGE_SIZE ? nothing : html`<nav class="pager" aria-label=${this.t('people.pages')}>
          <button class="btn" ?disabled=${f.offset === 0} @click=${() => { this.filter = { ...f, offset: Math.max(0, f.offset - PAGE_SIZE) }; void this.load(); }}>‹ ${this.t('people.previous')}</button>
          <button class="btn" ?disabled=${to >= page.total} @click=${() => { this.filter = { ...f, offset: f.offset + PAGE_SIZE }; void this.load(); }}>${this.t('people.next')} ›</button>
        </nav>`}` : nothing}`;
  }

  static override styles = [baseStyles, formStyles, tableStyles, css`
    .filters { display: flex; flex-wrap: wrap; gap: 1rem; margin-bottom: 1rem; }
    .filters .field { flex: 1 1 12rem; }
    .filters .grow { flex: 3 1 18rem; }
    .mono { font-family: ui-monospace, "Noto Sans Mono", monospace; font-size: 0.875rem; }
    .pager { display: flex; justify-content: space-between; gap: 1rem; margin-top: 1rem; }
    [aria-busy='true'] { opacity: 0.6; }
  `];
}

customElements.define('ph-people-page', PeoplePage);
declare global {
  interface HTMLElementTagNameMap { 'ph-people-page': PeoplePage }
}
