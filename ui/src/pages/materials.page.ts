import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import { MATERIAL_KINDS, MATERIAL_PATH, materialPath, materialsApi, type LibraryFilters, type LibraryQuery, type MaterialKind, type MaterialSummary } from '../api/materials.js';
import { curriculumApi, type CurriculumLesson } from '../api/curriculum.js';
import { kindIcon, kindLabel, schoolDay, statusBadge } from '../components/material-bits.js';
import { session } from '../state/session.js';
import { notifyError } from '../state/notify.js';
import { baseStyles, formStyles } from '../styles/shared-styles.js';

type View = 'published' | 'mine' | 'all';
const AUTHORS = ['teacher', 'group_leader', 'principal', 'vice_principal'] as const;

/** /hoc-lieu: the library of learning materials (Art. 7.1, 9.2) with filters and diacritic-free search. */
export class MaterialsPage extends PhElement {
  static override properties = {
    items: { state: true }, filters: { state: true }, lessons: { state: true }, view: { state: true },
    q: { state: true }, subjectId: { state: true }, grade: { state: true }, kind: { state: true }, lessonId: { state: true }, queueCount: { state: true },
  };
  declare items: MaterialSummary[] | null;
  declare filters: LibraryFilters | null;
  declare lessons: CurriculumLesson[];
  declare view: View;
  declare q: string;
  declare subjectId: number | null;
  declare grade: number | null;
  declare kind: MaterialKind | null;
  declare lessonId: number | null;
  declare queueCount: number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private seq = 0;

  constructor() {
    super();
    this.items = null;
    this.filters = null;
    this.lessons = [];
    this.view = 'published';
    this.q = '';
    this.subjectId = null;
    this.grade = null;
    this.kind = null;
    this.lessonId = null;
    this.queueCount = 0;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const p = new URLSearchParams(location.search);
    const num = (k: string) => (p.get(k) && Number.isInteger(Number(p.get(k))) ? Number(p.get(k)) : null);
    this.subjectId = num('mon');
    this.grade = num('khoi');
    this.lessonId = num('bai');
    const v = p.get('xem');
    if (v === 'mine' || v === 'all') this.view = v;
    void materialsApi.filters().then((f) => {
      this.filters = f;
      void this.loadLessons();
    }, notifyError);
    if (session.hasAny(['group_leader', 'principal'])) void materialsApi.queue().then((q) => (this.queueCount = q.length), () => undefined);
    void this.loadLessons();
    void this.load();
  }

  private async load() {
    const seq = ++this.seq;
    const query: LibraryQuery = { view: this.view };
    if (this.subjectId) query.subjectId = this.subjectId;
    if (this.grade) query.grade = this.grade;
    if (this.kind) query.kind = this.kind;
    if (this.lessonId) query.curriculumLessonId = this.lessonId;
    if (this.q.trim()) query.q = this.q.trim();
    try {
      const items = await materialsApi.library(query);
      if (seq === this.seq) this.items = items;
    } catch (e) {
      notifyError(e);
    }
  }

  private async loadLessons() {
    this.lessons = [];
    // A student's only grade counts as chosen (its select is not shown).
    const grade = this.grade ?? (this.filters?.grades.length === 1 ? this.filters.grades[0] ?? null : null);
    if (!this.subjectId || !grade) return;
    try {
      this.lessons = await curriculumApi.lessons(this.subjectId, grade);
    } catch {
      this.lessons = [];
    }
  }

  private set(patch: Partial<Pick<MaterialsPage, 'subjectId' | 'grade' | 'kind' | 'lessonId' | 'view'>>) {
    Object.assign(this, patch);
    if ('subjectId' in patch || 'grade' in patch) {
      this.lessonId = null;
      void this.loadLessons();
    }
    void this.load();
  }

  private onSearch(e: Event) {
    this.q = (e.target as HTMLInputElement).value;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.load(), 250);
  }

  override render() {
    const author = session.hasAny(AUTHORS);
    const manager = session.hasAny(['principal', 'vice_principal']);
    const reviewer = session.hasAny(['group_leader', 'principal']);
    const f = this.filters;
    const num = (e: Event) => ((e.target as HTMLSelectElement).value ? Number((e.target as HTMLSelectElement).value) : null);
    return html`
      <div class="page-head">
        <h1>${this.t('mat.title')}</h1>
        <div class="actions">
          ${reviewer ? html`<a class="btn" href="${MATERIAL_PATH}/duyet">${this.t('mat.reviewQueue')}${this.queueCount ? html` <span class="count">${this.queueCount}</span>` : nothing}</a>` : nothing}
          ${author ? html`<a class="btn primary" href="${MATERIAL_PATH}/moi">+ ${this.t('mat.new')}</a>` : nothing}
        </div>
      </div>
      <p class="muted intro">${this.t('mat.intro')}</p>
      ${author ? html`<div class="tabs" role="tablist">
        ${(['published', 'mine', ...(manager ? ['all'] : [])] as View[]).map((v) => html`<button role="tab" class="tab" aria-selected=${this.view === v ? 'true' : 'false'}
          @click=${() => this.set({ view: v })}>${this.t(v === 'published' ? 'mat.viewPublished' : v === 'mine' ? 'mat.viewMine' : 'mat.viewAll')}</button>`)}
      </div>` : nothing}
      <form class="filters" role="search" @submit=${(e: Event) => e.preventDefault()}>
        <div class="field search">
          <label for="q">${this.t('mat.search')}</label>
          <input id="q" type="search" .value=${this.q} placeholder=${this.t('mat.searchHint')} @input=${this.onSearch} autocomplete="off">
        </div>
        <div class="field">
          <label for="subject">${this.t('mat.subject')}</label>
          <select id="subject" @change=${(e: Event) => this.set({ subjectId: num(e) })}>
            <option value="">${this.t('mat.all')}</option>
            ${(f?.subjects ?? []).map((s) => html`<option value=${s.id} ?selected=${s.id === this.subjectId}>${s.name}</option>`)}
          </select>
        </div>
        ${(f?.grades.length ?? 0) > 1 ? html`<div class="field">
          <label for="grade">${this.t('mat.grade')}</label>
          <select id="grade" @change=${(e: Event) => this.set({ grade: num(e) })}>
            <option value="">${this.t('mat.all')}</option>
            ${(f?.grades ?? []).map((g) => html`<option value=${g} ?selected=${g === this.grade}>${this.t('mat.gradeN', { grade: g })}</option>`)}
          </select>
        </div>` : nothing}
        <div class="field">
          <label for="kind">${this.t('mat.kind')}</label>
          <select id="kind" @change=${(e: Event) => this.set({ kind: ((e.target as HTMLSelectElement).value || null) as MaterialKind | null })}>
            <option value="">${this.t('mat.all')}</option>
            ${MATERIAL_KINDS.map((k) => html`<option value=${k} ?selected=${k === this.kind}>${kindLabel(k)}</option>`)}
          </select>
        </div>
        ${this.lessons.length ? html`<div class="field">
          <label for="lesson">${this.t('mat.lesson')}</label>
          <select id="lesson" @change=${(e: Event) => this.set({ lessonId: num(e) })}>
            <option value="">${this.t('mat.all')}</option>
            ${this.lessons.map((l) => html`<option value=${l.id} ?selected=${l.id === this.lessonId}>${l.position}. ${l.title}</option>`)}
          </select>
        </div>` : nothing}
      </form>
      ${this.list()}
    `;
  }

  private list() {
    if (!this.items) return html`<p class="muted" role="status">${this.t('state.loading')}</p>`;
    if (!this.items.length) return html`<p class="notice">${this.t(this.view === 'mine' ? 'mat.noneMine' : 'mat.none')}</p>`;
    return html`
      <p class="muted count-line" role="status">${this.t('mat.count', { n: this.items.length })}</p>
      <ul class="grid">
        ${this.items.map((m) => html`<li>
          <a class="item card" href=${materialPath(m.id)} data-material-id=${m.id}>
            <span class="icon">${kindIcon(m.kind)}</span>
            <span class="body">
              <span class="kind">${kindLabel(m.kind)}</span>
              <strong class="name">${m.title}</strong>
              <span class="meta">${m.subjectName} · ${this.t('mat.gradeN', { grade: m.grade })}${m.curriculumLessonTitle ? html` · ${m.curriculumLessonTitle}` : nothing}</span>
              <span class="meta">${m.author}${m.publishedAt ? html` · ${schoolDay(m.publishedAt)}` : nothing}</span>
              ${this.view !== 'published' ? html`<span>${statusBadge(m.status)}</span>` : nothing}
            </span>
          </a>
        </li>`)}
      </ul>`;
  }

  static override styles = [baseStyles, formStyles, css`
    .intro { max-width: 60rem; }
    .count { display: inline-block; min-width: 1.5rem; padding: 0 0.4rem; border-radius: 999px; background: var(--ph-color-accent); color: #fff; font-size: 0.875rem; }
    .tabs { display: flex; gap: 0.5rem; flex-wrap: wrap; margin: 0 0 1rem; }
    .tab { min-height: 2.75rem; padding: 0.5rem 1.125rem; border-radius: 999px; border: 1px solid var(--ph-color-border); background: var(--ph-color-surface); font: inherit; font-weight: 600; cursor: pointer; }
    .tab[aria-selected='true'] { background: var(--ph-color-primary); border-color: var(--ph-color-primary); color: #fff; }
    .filters { display: grid; gap: 0.75rem 1rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr)); margin-bottom: 1rem; }
    .filters .search { grid-column: 1 / -1; }
    .grid { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.875rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 19rem), 1fr)); }
    .item { display: flex; gap: 0.875rem; align-items: flex-start; text-decoration: none; color: inherit; font-weight: 400; height: 100%; padding: 1rem; }
    .item:hover { border-color: var(--ph-color-primary); }
    .icon { flex: none; display: grid; place-items: center; width: 3rem; height: 3rem; border-radius: 0.75rem; background: var(--ph-color-primary-soft); color: var(--ph-color-primary); }
    .body { display: flex; flex-direction: column; gap: 0.25rem; min-width: 0; }
    .kind { font-size: 0.8125rem; font-weight: 700; text-transform: uppercase; letter-spacing: 0.02em; color: var(--ph-color-muted); }
    .name { font-size: 1.0625rem; line-height: 1.3; color: var(--ph-color-primary); }
    .meta { font-size: 0.9rem; color: var(--ph-color-muted); }
    .count-line { margin: 0 0 0.5rem; }
  `];
}

customElements.define('ph-materials-page', MaterialsPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-materials-page': MaterialsPage }
}
