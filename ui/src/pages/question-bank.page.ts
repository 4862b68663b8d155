import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import '../components/question-form.js';
import '../components/question-import.js';
import { curriculumApi, type CurriculumLesson, type CurriculumSubject } from '../api/curriculum.js';
import { COGNITIVE_LEVELS, QUESTION_TYPES, questionsApi, type CognitiveLevel, type MatrixCounts, type QuestionRecord, type QuestionType } from '../api/questions.js';
import { notifyError, notifySuccess } from '../state/notify.js';
import { baseStyles, formStyles, tableStyles } from '../styles/shared-styles.js';

const STORE = 'phonghoc.questions.choice';
const PAGE = 30;
type Tab = 'list' | 'matrix' | 'import';
const vn = (n: number) => String(n).replace('.', ',');

/**
 * The question bank (Art. 7.1, 7.3): a teacher's subject group's questions by subject and grade —
 * filter, read with the key, add and edit per type, archive or delete, counts per lesson × level
 * for the test matrix, import from text or a spreadsheet, export to both.
 */
export class QuestionBankPage extends PhElement {
  static override properties = {
    subjects: { state: true }, subjectId: { state: true }, grade: { state: true }, lessons: { state: true }, tab: { state: true },
    items: { state: true }, total: { state: true }, filters: { state: true }, editing: { state: true }, matrix: { state: true }, busy: { state: true },
  };
  declare subjects: CurriculumSubject[]; declare subjectId: number | null; declare grade: number | null; declare lessons: CurriculumLesson[]; declare tab: Tab;
  declare items: QuestionRecord[]; declare total: number; declare editing: QuestionRecord | 'new' | null; declare matrix: MatrixCounts | null; declare busy: boolean;
  declare filters: { lesson: string; level: CognitiveLevel | ''; type: QuestionType | ''; q: string; archived: boolean };
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.subjects = []; this.subjectId = null; this.grade = null; this.lessons = []; this.tab = 'list';
    this.items = []; this.total = 0; this.editing = null; this.matrix = null; this.busy = false;
    this.filters = { lesson: '', level: '', type: '', q: '', archived: false };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.start();
  }

  private async start() {
    try {
      this.subjects = (await curriculumApi.subjects()).filter((s) => s.canManage);
    } catch (e) { notifyError(e); return; }
    let saved: { subjectId?: number; grade?: number } = {};
    try { saved = JSON.parse(sessionStorage.getItem(STORE) ?? '{}') as typeof saved; } catch { /* none */ }
    const s = this.subjects.find((x) => x.id === saved.subjectId) ?? this.subjects.find((x) => x.code === 'TOAN') ?? this.subjects[0];
    if (!s) return;
    this.subjectId = s.id;
    this.grade = saved.grade !== undefined && s.grades.includes(saved.grade) ? saved.grade : s.grades[0] ?? null;
    await this.reloadAll();
  }

  private get subject() { return this.subjects.find((s) => s.id === this.subjectId); }

  private async reloadAll() {
    if (!this.subjectId || !this.grade) return;
    try { sessionStorage.setItem(STORE, JSON.stringify({ subjectId: this.subjectId, grade: this.grade })); } catch { /* not remembered */ }
    this.editing = null;
    this.filters = { ...this.filters, lesson: '' };
    try { this.lessons = await curriculumApi.lessons(this.subjectId, this.grade); } catch { this.lessons = []; }
    await Promise.all([this.load(), this.loadMatrix()]);
  }

  private async load(more = false) {
    if (!this.subjectId || !this.grade) return;
    const f = this.filters;
    try {
      const page = await questionsApi.list({
        subjectId: this.subjectId, grade: this.grade, limit: PAGE, offset: more ? this.items.length : 0,
        ...(f.lesson === 'none' ? { noLesson: true } : f.lesson ? { curriculumLessonId: Number(f.lesson) } : {}),
        ...(f.level ? { level: f.level } : {}), ...(f.type ? { type: f.type } : {}), ...(f.q.trim() ? { q: f.q.trim() } : {}),
        ...(f.archived ? { includeArchived: true } : {}),
      });
      this.items = more ? [...this.items, ...page.items] : page.items;
      this.total = page.total;
    } catch (e) { notifyError(e); }
  }

  private async loadMatrix() {
    if (!this.subjectId || !this.grade) return;
    try { this.matrix = await questionsApi.matrix(this.subjectId, this.grade); } catch (e) { notifyError(e); }
  }

  private filter(patch: Partial<QuestionBankPage['filters']>, delay = 0) {
    this.filters = { ...this.filters, ...patch };
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => void this.load(), delay);
  }

  private async act(q: QuestionRecord, what: 'delete' | 'archive' | 'restore') {
    if (what === 'delete' && !confirm(this.t('qb.deleteConfirm'))) return;
    this.busy = true;
    try {
      if (what === 'delete') notifySuccess((await questionsApi.remove(q.id)).outcome === 'deleted' ? 'qb.deleted' : 'qb.archivedNotice');
      else await questionsApi.archive(q.id, what === 'archive');
      await Promise.all([this.load(), this.loadMatrix()]);
    } catch (e) { notifyError(e); } finally { this.busy = false; }
  }

  private lessonTitle(id: number | null) {
    return id === null ? this.t('qb.noLesson') : this.lessons.find((l) => l.id === id)?.title ?? '';
  }

  private answer(q: QuestionRecord) {
    const b = q.body as Record<string, any>;
    switch (q.type) {
      case 'single': case 'multiple':
        return html`<ol class="opts" type="A">${(b.options as { text: string; correct: boolean }[]).map((o) => html`<li class=${o.correct ? 'right' : ''}>${o.text}${o.correct ? html` <span class="sr">(${this.t('qb.correct')})</span> ✓` : nothing}</li>`)}</ol>`;
      case 'true_false':
        return html`<ol class="opts" type="a">${(b.statements as { text: string; correct: boolean }[]).map((s) => html`<li>${s.text} — <strong class=${s.correct ? 'ok' : 'no'}>${this.t(s.correct ? 'qb.correct' : 'qb.wrong')}</strong></li>`)}</ol>`;
      case 'short': return html`<p class="ans">${this.t('qb.answer')}: <strong>${(b.accepted as string[]).join(' | ')}</strong></p>`;
      case 'numeric': return html`<p class="ans">${this.t('qb.answer')}: <strong>${vn(b.value)}${b.tolerance ? ` ± ${vn(b.tolerance)}` : ''}${b.unit ? ` ${b.unit}` : ''}</strong></p>`;
      case 'matching': return html`<ul class="pairs">${(b.pairs as { left: string; right: string }[]).map((p) => html`<li>${p.left} → <strong>${p.right}</strong></li>`)}</ul>`;
      case 'essay': return b.rubric ? html`<p class="ans muted">${b.rubric}</p>` : nothing;
    }
  }

  private card(q: QuestionRecord) {
    return html`<li class="q card ${q.archivedAt ? 'archived' : ''}">
      <div class="tags">
        <span class="badge lv-${q.level}">${this.t(`qb.level.${q.level}`)}</span>
        <span class="badge neutral">${this.t(`qb.type.${q.type}`)}</span>
        <span class="muted">${this.lessonTitle(q.curriculumLessonId)}</span>
        <span class="muted pts">${this.t('qb.points', { n: vn(q.points) })}</span>
        ${q.archivedAt ? html`<span class="badge warn">${this.t('qb.archived')}</span>` : q.firstUsedAt ? html`<span class="badge ok">${this.t('qb.used')}</span>` : nothing}
      </div>
      <p class="stem">${q.stem}</p>
      ${this.answer(q)}
      <div class="tools">
        <button class="btn" ?disabled=${this.busy} @click=${() => { this.editing = q; window.scrollTo({ top: 0 }); }}>${this.t('qb.edit')}</button>
        ${q.archivedAt ? html`<button class="btn" ?disabled=${this.busy} @click=${() => this.act(q, 'restore')}>${this.t('qb.restore')}</button>`
          : html`<button class="btn" ?disabled=${this.busy} @click=${() => this.act(q, 'archive')}>${this.t('qb.archive')}</button>`}
        <button class="btn danger" ?disabled=${this.busy} @click=${() => this.act(q, 'delete')}>${this.t('qb.delete')}</button>
      </div>
    </li>`;
  }

  private listView() {
    const f = this.filters;
    return html`
      <div class="card filters form-grid">
        <div class="field"><label for="fl">${this.t('qb.filterLesson')}</label>
          <select id="fl" @change=${(e: Event) => this.filter({ lesson: (e.target as HTMLSelectElement).value })}>
            <option value="">${this.t('qb.allLessons')}</option><option value="none" ?selected=${f.lesson === 'none'}>${this.t('qb.noLesson')}</option>
            ${this.lessons.map((l) => html`<option value=${l.id} ?selected=${f.lesson === String(l.id)}>${l.position}. ${l.title}</option>`)}</select></div>
        <div class="field"><label for="fv">${this.t('qb.filterLevel')}</label>
          <select id="fv" @change=${(e: Event) => this.filter({ level: (e.target as HTMLSelectElement).value as CognitiveLevel | '' })}>
            <option value="">${this.t('qb.all')}</option>${COGNITIVE_LEVELS.map((l) => html`<option value=${l} ?selected=${f.level === l}>${this.t(`qb.level.${l}`)}</option>`)}</select></div>
        <div class="field"><label for="ft">${this.t('qb.filterType')}</label>
          <select id="ft" @change=${(e: Event) => this.filter({ type: (e.target as HTMLSelectElement).value as QuestionType | '' })}>
            <option value="">${this.t('qb.all')}</option>${QUESTION_TYPES.map((t) => html`<option value=${t} ?selected=${f.type === t}>${this.t(`qb.type.${t}`)}</option>`)}</select></div>
        <div class="field"><label for="fq">${this.t('qb.search')}</label>
          <input id="fq" type="search" .value=${f.q} placeholder="tap hop…" @input=${(e: Event) => this.filter({ q: (e.target as HTMLInputElement).value }, 300)} />
          <span class="hint">${this.t('qb.searchHint')}</span></div>
        <label class="check"><input type="checkbox" .checked=${f.archived} @change=${(e: Event) => this.filter({ archived: (e.target as HTMLInputElement).checked })} /> ${this.t('qb.showArchived')}</label>
      </div>
      <p class="muted" role="status">${this.t('qb.count', { n: this.total })}</p>
      ${this.items.length ? html`<ol class="list">${this.items.map((q) => this.card(q))}</ol>` : html`<p class="muted">${this.t('qb.empty')}</p>`}
      ${this.items.length < this.total ? html`<button class="btn big" @click=${() => this.load(true)}>${this.t('qb.more')}</button>` : nothing}`;
  }

  private matrixView() {
    const m = this.matrix;
    if (!m) return nothing;
    const count = (lesson: number | null, level?: CognitiveLevel) => m.counts.filter((c) => c.curriculumLessonId === lesson && (!level || c.level === level)).reduce((n, c) => n + c.count, 0);
    const rows: { id: number | null; title: string }[] = [...m.lessons.map((l) => ({ id: l.id, title: `${l.position}. ${l.title}` })), ...(count(null) ? [{ id: null, title: this.t('qb.matrix.noLesson') }] : [])];
    const col = (level?: CognitiveLevel) => m.counts.filter((c) => !level || c.level === level).reduce((n, c) => n + c.count, 0);
    return html`<section class="card">
      <h2>${this.t('qb.matrix.title')}</h2><p class="hint">${this.t('qb.matrix.hint')}</p>
      <div class="table-wrap"><table>
        <thead><tr><th>${this.t('qb.matrix.lesson')}</th>${COGNITIVE_LEVELS.map((l) => html`<th class="num">${this.t(`qb.level.${l}`)}</th>`)}<th class="num">${this.t('qb.matrix.total')}</th></tr></thead>
        <tbody>${rows.map((r) => html`<tr><td>${r.title}</td>${COGNITIVE_LEVELS.map((l) => html`<td class="num ${count(r.id, l) ? '' : 'zero'}">${count(r.id, l)}</td>`)}<td class="num"><strong>${count(r.id)}</strong></td></tr>`)}</tbody>
        <tfoot><tr><th>${this.t('qb.matrix.total')}</th>${COGNITIVE_LEVELS.map((l) => html`<th class="num">${col(l)}</th>`)}<th class="num">${col()}</th></tr></tfoot>
      </table></div></section>`;
  }

  override render() {
    const s = this.subject;
    const ready = !!(this.subjectId && this.grade);
    return html`
      <div class="page-head">
        <h1>${this.t('qb.title')}</h1>
        ${ready ? html`<div class="actions">
          <a class="btn" href=${questionsApi.exportUrl(this.subjectId!, this.grade!, 'text')} download>${this.t('qb.exportText')}</a>
          <a class="btn" href=${questionsApi.exportUrl(this.subjectId!, this.grade!, 'xlsx')} download>${this.t('qb.exportXlsx')}</a>
          <button class="btn primary" @click=${() => { this.editing = 'new'; this.tab = 'list'; }}>${this.t('qb.add')}</button></div>` : nothing}
      </div>
      <p class="muted intro">${this.t('qb.intro')}</p>
      ${!this.subjects.length ? html`<p class="notice">${this.t('qb.noSubjects')}</p>` : html`
        <div class="card choose form-grid">
          <div class="field"><label for="subject">${this.t('qb.subject')}</label>
            <select id="subject" @change=${(e: Event) => { this.subjectId = Number((e.target as HTMLSelectElement).value); const g = this.subject?.grades ?? []; if (!g.includes(this.grade ?? -1)) this.grade = g[0] ?? null; void this.reloadAll(); }}>
              ${this.subjects.map((x) => html`<option value=${x.id} ?selected=${x.id === this.subjectId}>${x.name}</option>`)}</select></div>
          <div class="field"><label for="grade">${this.t('qb.grade')}</label>
            <select id="grade" @change=${(e: Event) => { this.grade = Number((e.target as HTMLSelectElement).value); void this.reloadAll(); }}>
              ${(s?.grades ?? []).map((g) => html`<option value=${g} ?selected=${g === this.grade}>${this.t('qb.gradeN', { grade: g })}</option>`)}</select></div>
        </div>
        <div class="tabs" role="tablist">
          ${(['list', 'matrix', 'import'] as const).map((t) => html`<button role="tab" class="btn ${this.tab === t ? 'primary' : ''}" aria-selected=${this.tab === t ? 'true' : 'false'}
            @click=${() => { this.tab = t; }}>${this.t(t === 'list' ? 'qb.tabList' : t === 'matrix' ? 'qb.tabMatrix' : 'qb.tabImport')}</button>`)}
        </div>
        ${ready && this.editing ? html`<ph-question-form .subjectId=${this.subjectId!} .grade=${this.grade!} .question=${this.editing === 'new' ? null : this.editing}
          @ph-saved=${() => { this.editing = null; void this.load(); void this.loadMatrix(); }} @ph-cancel=${() => (this.editing = null)}></ph-question-form>` : nothing}
        ${ready && this.tab === 'list' ? this.listView() : nothing}
        ${ready && this.tab === 'matrix' ? this.matrixView() : nothing}
        ${ready && this.tab === 'import' ? html`<ph-question-import .subjectId=${this.subjectId!} .grade=${this.grade!}
          @ph-imported=${() => { void this.load(); void this.loadMatrix(); }}></ph-question-import>` : nothing}`}`;
  }

  static override styles = [baseStyles, formStyles, tableStyles, css`
    .intro { max-width: 60rem; }
    .actions, .tabs { display: flex; flex-wrap: wrap; gap: 0.5rem; }
    .choose { max-width: 44rem; margin-bottom: 1rem; }
    .tabs { margin-bottom: 1rem; }
    ph-question-form { display: block; margin-bottom: 1.25rem; }
    .filters { margin-bottom: 0.75rem; align-items: end; }
    ol.list { list-style: none; margin: 0 0 1rem; padding: 0; display: flex; flex-direction: column; gap: 0.75rem; }
    li.q { padding: 1rem 1.25rem; }
    li.q.archived { opacity: 0.7; }
    .tags { display: flex; flex-wrap: wrap; gap: 0.375rem 0.75rem; align-items: center; }
    .pts { margin-left: auto; }
    .stem { white-space: pre-line; font-size: 1.0625rem; margin: 0.5rem 0; }
    ol.opts { margin: 0 0 0.5rem; padding-left: 1.75rem; }
    ol.opts li.right { color: var(--ph-color-success); font-weight: 700; }
    strong.ok { color: var(--ph-color-success); }
    strong.no { color: var(--ph-color-danger); }
    .ans { margin: 0 0 0.5rem; }
    ul.pairs { margin: 0 0 0.5rem; padding-left: 1.25rem; }
    .tools { display: flex; flex-wrap: wrap; gap: 0.5rem; justify-content: flex-end; }
    .badge.lv-nhan_biet { background: #e6f2fb; color: #0b4f7c; }
    .badge.lv-thong_hieu { background: #e8f5ec; color: #1b5e32; }
    .badge.lv-van_dung { background: #fff4df; color: #6b4100; }
    .badge.lv-van_dung_cao { background: #fde8e8; color: #7d1a1a; }
    td.zero { color: #b0b8c0; }
    tfoot th { background: #f0f3f6; }
    .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  `];
}

customElements.define('ph-question-bank-page', QuestionBankPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-question-bank-page': QuestionBankPage }
}
