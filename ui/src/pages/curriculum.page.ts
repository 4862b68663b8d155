import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import '../components/file-drop.js';
import '../components/progress-bar.js';
import { LessonPicker } from '../components/lesson-picker.js';
import {
  curriculumApi, type CurriculumImportAction, type CurriculumImportReport, type CurriculumLesson, type CurriculumSubject, type LessonUpdateBody,
} from '../api/curriculum.js';
import { isApiError } from '../api/client.js';
import { notifyError, notifySuccess } from '../state/notify.js';
import { pick } from '../i18n/index.js';
import { session } from '../state/session.js';
import { PATHS } from '../router.js';
import { baseStyles, formStyles, tableStyles } from '../styles/shared-styles.js';

const STORE = 'phonghoc.curriculum.choice';

/**
 * The curriculum (Art. 4.1): choose a subject and a grade, read its lessons grouped by chapter with
 * their required outcomes; those who may (their subject group, or the principal) add, edit,
 * reorder, delete, import from a spreadsheet (checked first, per-row report) and export.
 */
export class CurriculumPage extends PhElement {
  static override properties = {
    subjects: { state: true }, subjectId: { state: true }, grade: { state: true }, lessons: { state: true }, loading: { state: true },
    editing: { state: true }, busy: { state: true }, importing: { state: true }, file: { state: true }, action: { state: true },
    progress: { state: true }, report: { state: true }, failure: { state: true },
  };
  declare subjects: CurriculumSubject[];
  declare subjectId: number | null;
  declare grade: number | null;
  declare lessons: CurriculumLesson[];
  declare loading: boolean;
  /** The lesson being edited, 'new' for the add form, null when none is open. */
  declare editing: CurriculumLesson | 'new' | null;
  declare busy: boolean;
  declare importing: boolean;
  declare file: File | null;
  declare action: CurriculumImportAction;
  declare progress: number | null;
  declare report: CurriculumImportReport | null;
  declare failure: { vi: string; en: string } | null;

  constructor() {
    super();
    this.subjects = [];
    this.subjectId = null;
    this.grade = null;
    this.lessons = [];
    this.loading = false;
    this.editing = null;
    this.busy = false;
    this.importing = false;
    this.file = null;
    this.action = 'append';
    this.progress = null;
    this.report = null;
    this.failure = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.start();
  }

  private async start() {
    try {
      this.subjects = await curriculumApi.subjects();
    } catch (e) {
      notifyError(e);
      return;
    }
    let saved: { subjectId?: number; grade?: number } = {};
    try { saved = JSON.parse(sessionStorage.getItem(STORE) ?? '{}') as typeof saved; } catch { /* none */ }
    const subject = this.subjects.find((s) => s.id === saved.subjectId) ?? this.subjects.find((s) => s.canManage) ?? this.subjects[0];
    if (!subject) return;
    this.subjectId = subject.id;
    this.grade = saved.grade !== undefined && subject.grades.includes(saved.grade) ? saved.grade : subject.grades[0] ?? null;
    await this.load();
  }

  private get subject(): CurriculumSubject | undefined {
    return this.subjects.find((s) => s.id === this.subjectId);
  }

  private async load() {
    this.editing = null;
    if (!this.subjectId || !this.grade) { this.lessons = []; return; }
    try { sessionStorage.setItem(STORE, JSON.stringify({ subjectId: this.subjectId, grade: this.grade })); } catch { /* not remembered */ }
    this.loading = true;
    try {
      this.lessons = await curriculumApi.lessons(this.subjectId, this.grade);
    } catch (e) {
      notifyError(e);
      this.lessons = [];
    } finally {
      this.loading = false;
    }
  }

  private pickSubject(e: Event) {
    this.subjectId = Number((e.target as HTMLSelectElement).value) || null;
    const grades = this.subject?.grades ?? [];
    if (this.grade === null || !grades.includes(this.grade)) this.grade = grades[0] ?? null;
    void this.load();
  }

  private pickGrade(e: Event) {
    this.grade = Number((e.target as HTMLSelectElement).value) || null;
    void this.load();
  }

  private changed() {
    LessonPicker.invalidate();
  }

  private async save(e: SubmitEvent) {
    e.preventDefault();
    const d = new FormData(e.target as HTMLFormElement);
    const body: LessonUpdateBody = {
      chapter: String(d.get('chapter') ?? '').trim() || null,
      title: String(d.get('title') ?? '').trim(),
      periods: Number(d.get('periods')) || 1,
      outcomes: String(d.get('outcomes') ?? '').split('\n').map((s) => s.trim()).filter(Boolean),
    };
    if (!this.subjectId || !this.grade) return;
    this.busy = true;
    try {
      if (this.editing === 'new') await curriculumApi.create({ ...body, subjectId: this.subjectId, grade: this.grade });
      else if (this.editing) await curriculumApi.update(this.editing.id, body);
      notifySuccess('cur.saved');
      this.changed();
      await this.load();
    } catch (err) {
      notifyError(err);
    } finally {
      this.busy = false;
    }
  }

  private async move(l: CurriculumLesson, direction: 'up' | 'down') {
    this.busy = true;
    try {
      this.lessons = await curriculumApi.move(l.id, { direction });
      this.changed();
      // Keep the focus on the moved lesson's button so a keyboard user can keep moving it.
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLButtonElement>(`[data-move="${l.id}-${direction}"]`)?.focus();
    } catch (e) {
      notifyError(e);
    } finally {
      this.busy = false;
    }
  }

  private async removeLesson(l: CurriculumLesson) {
    if (!confirm(this.t('cur.deleteConfirm', { title: l.title }))) return;
    this.busy = true;
    try {
      await curriculumApi.remove(l.id);
      notifySuccess('cur.deleted');
      this.changed();
      await this.load();
    } catch (e) {
      notifyError(e);
    } finally {
      this.busy = false;
    }
  }

  private async send(mode: 'preview' | 'commit') {
    if (!this.file) return;
    this.busy = true;
    this.progress = 0;
    this.failure = null;
    try {
      const opts = { mode, action: this.action, ...(this.subjectId ? { subjectId: this.subjectId } : {}), ...(this.grade ? { grade: this.grade } : {}) };
      this.report = await curriculumApi.import(opts, this.file, (f) => (this.progress = f));
      if (this.report.committed) {
        notifySuccess('cur.committed');
        this.changed();
        await this.load();
      }
    } catch (e) {
      if (isApiError(e) && e.status >= 400 && e.status < 500 && e.code !== 'UNAUTHENTICATED') {
        const missing = Array.isArray(e.details?.missing) ? `: ${e.details.missing.map(String).join(', ')}` : '';
        this.failure = { vi: e.text.vi + missing, en: e.text.en + missing };
        this.report = null;
      } else notifyError(e);
    } finally {
      this.busy = false;
      this.progress = null;
    }
  }

  private editForm(l: CurriculumLesson | null) {
    return html`
      <form class="card edit" @submit=${this.save}>
        <h3>${l ? this.t('cur.editTitle', { title: l.title }) : this.t('cur.addTitle')}</h3>
        <div class="form-grid">
          <div class="field wide"><label for="f-chapter">${this.t('cur.chapter')}</label>
            <input id="f-chapter" name="chapter" maxlength="300" list="chapters" .value=${l?.chapter ?? this.lessons[this.lessons.length - 1]?.chapter ?? ''} />
            <datalist id="chapters">${[...new Set(this.lessons.map((x) => x.chapter).filter(Boolean))].map((c) => html`<option value=${c as string}></option>`)}</datalist></div>
          <div class="field wide"><label for="f-title">${this.t('cur.lessonTitle')}</label>
            <input id="f-title" name="title" required maxlength="300" .value=${l?.title ?? ''} /></div>
          <div class="field"><label for="f-periods">${this.t('cur.periods')}</label>
            <input id="f-periods" name="periods" type="number" inputmode="numeric" min="1" max="200" required .value=${String(l?.periods ?? 1)} /></div>
          <div class="field wide"><label for="f-outcomes">${this.t('cur.outcomes')}</label>
            <textarea id="f-outcomes" name="outcomes" rows="4" aria-describedby="f-outcomes-hint" .value=${(l?.outcomes ?? []).join('\n')}></textarea>
            <span class="hint" id="f-outcomes-hint">${this.t('cur.outcomesHint')}</span></div>
        </div>
        <div class="form-actions">
          <button class="btn primary" type="submit" ?disabled=${this.busy}>${this.t('action.save')}</button>
          <button class="btn" type="button" @click=${() => (this.editing = null)}>${this.t('action.cancel')}</button>
        </div>
      </form>`;
  }

  private lessonRow(l: CurriculumLesson, canManage: boolean, first: boolean, last: boolean) {
    if (this.editing !== 'new' && this.editing?.id === l.id) return html`<li class="lesson">${this.editForm(l)}</li>`;
    return html`
      <li class="lesson">
        <span class="pos" aria-hidden="true">${l.position}</span>
        <div class="body">
          <div class="head"><strong>${l.title}</strong> <span class="badge neutral">${this.t('cur.periodsN', { n: l.periods })}</span></div>
          ${l.outcomes.length ? html`<ul class="outcomes" aria-label=${this.t('cur.outcomes')}>${l.outcomes.map((o) => html`<li>${o}</li>`)}</ul>` : nothing}
        </div>
        ${canManage ? html`
          <div class="tools">
            <button class="btn icon" data-move=${`${l.id}-up`} ?disabled=${first || this.busy} title=${this.t('cur.moveUp')} aria-label=${`${this.t('cur.moveUp')}: ${l.title}`} @click=${() => this.move(l, 'up')}>↑</button>
            <button class="btn icon" data-move=${`${l.id}-down`} ?disabled=${last || this.busy} title=${this.t('cur.moveDown')} aria-label=${`${this.t('cur.moveDown')}: ${l.title}`} @click=${() => this.move(l, 'down')}>↓</button>
            ${session.hasAny(['principal', 'vice_principal', 'teacher']) ? html`<a class="btn" href=${`${PATHS.liveSchedule}?lesson=${l.id}`}>${this.t('cur.sched.teach')}</a>` : nothing}
            <button class="btn" ?disabled=${this.busy} @click=${() => (this.editing = l)}>${this.t('cur.edit')}</button>
            <button class="btn danger" ?disabled=${this.busy} @click=${() => this.removeLesson(l)}>${this.t('cur.delete')}</button>
          </div>` : nothing}
      </li>`;
  }

  private importPanel() {
    const r = this.report;
    return html`
      <section class="card import" aria-labelledby="imp-title">
        <h2 id="imp-title">${this.t('cur.importTitle')}</h2>
        <p class="hint">${this.t('cur.importHint')}</p>
        <fieldset ?disabled=${this.busy}>
          <legend>${this.t('cur.import')}</legend>
          ${(['append', 'replace'] as const).map((a) => html`<label class="check"><input type="radio" name="action" .checked=${this.action === a}
            @change=${() => { this.action = a; if (this.file) void this.send('preview'); }} /> ${this.t(a === 'append' ? 'cur.importAppend' : 'cur.importReplace')}</label>`)}
        </fieldset>
        <ph-file-drop .label=${this.t('cur.file')} .hint=${''} .fileName=${this.file?.name ?? ''} ?disabled=${this.busy}
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          @ph-file=${(e: CustomEvent<File>) => { this.file = e.detail; this.report = null; void this.send('preview'); }}></ph-file-drop>
        ${this.busy && this.progress !== null ? html`<ph-progress-bar .value=${this.progress} .label=${this.t('roster.checking')}></ph-progress-bar>` : nothing}
        ${this.failure ? html`<p class="notice error" role="alert">${pick(this.failure)}</p>` : nothing}
        ${r ? html`
          <div class="report" role="status">
            <p><span class="badge ok">${this.t('cur.rowsAccepted', { n: r.accepted })}</span>
              ${r.rejected ? html`<span class="badge danger">${this.t('cur.rowsRejected', { n: r.rejected })}</span>` : nothing}</p>
            <ul class="groups">${r.groups.map((g) => html`<li>${this.t('cur.groupLine', { subject: g.subjectName, grade: g.grade, created: g.created, updated: g.updated, removed: g.removed, existing: g.existing })}
              ${g.blocked.length ? html`<p class="notice error">${this.t('cur.blocked', { titles: g.blocked.map((b) => b.title).join('; ') })}</p>` : nothing}</li>`)}</ul>
            ${r.rejected ? html`
              <div class="table-wrap"><table>
                <thead><tr><th>${this.t('cur.row')}</th><th>${this.t('cur.lessonTitle')}</th><th>${this.t('cur.problems')}</th></tr></thead>
                <tbody>${r.rows.filter((x) => x.status === 'rejected').map((x) => html`<tr><td class="num">${x.rowNumber}</td><td>${x.title ?? '–'}</td>
                  <td><ul>${x.problems.map((p) => html`<li>${pick(p)}</li>`)}</ul></td></tr>`)}</tbody>
              </table></div>` : nothing}
            ${r.committed ? html`<p class="notice success">${this.t('cur.committed')}</p>` : html`
              ${r.rejected ? html`<p class="notice warning">${this.t('cur.notCommitted')}</p>` : nothing}
              <div class="actions"><button class="btn primary big" ?disabled=${this.busy || r.rejected > 0 || r.accepted === 0 || r.groups.some((g) => g.blocked.length > 0)}
                @click=${() => this.send('commit')}>${this.t('cur.commit', { n: r.accepted })}</button></div>`}
          </div>` : nothing}
      </section>`;
  }

  override render() {
    const subject = this.subject;
    const canManage = !!subject?.canManage;
    const chapters: { chapter: string | null; lessons: CurriculumLesson[] }[] = [];
    for (const l of this.lessons) {
      const last = chapters[chapters.length - 1];
      if (last && last.chapter === l.chapter) last.lessons.push(l);
      else chapters.push({ chapter: l.chapter, lessons: [l] });
    }
    const periods = this.lessons.reduce((n, l) => n + l.periods, 0);
    return html`
      <div class="page-head">
        <h1>${this.t('cur.title')}</h1>
        <div class="actions">
          ${this.subjectId && this.grade ? html`<a class="btn" href=${curriculumApi.exportUrl(this.subjectId, this.grade)} download>${this.t('cur.export')}</a>` : nothing}
          ${canManage ? html`<button class="btn" aria-expanded=${this.importing ? 'true' : 'false'} @click=${() => { this.importing = !this.importing; }}>${this.t('cur.import')}</button>` : nothing}
        </div>
      </div>
      <p class="muted intro">${this.t('cur.intro')}</p>
      <div class="card choose form-grid">
        <div class="field"><label for="subject">${this.t('cur.subject')}</label>
          <select id="subject" @change=${this.pickSubject}>
            ${this.subjects.map((s) => html`<option value=${s.id} ?selected=${s.id === this.subjectId}>${s.name}</option>`)}
          </select></div>
        <div class="field"><label for="grade">${this.t('cur.grade')}</label>
          <select id="grade" @change=${this.pickGrade}>
            ${(subject?.grades ?? []).map((g) => html`<option value=${g} ?selected=${g === this.grade}>${this.t('cur.gradeN', { grade: g })}</option>`)}
          </select></div>
      </div>
      ${this.importing && canManage ? this.importPanel() : nothing}
      ${subject && !canManage ? html`<p class="notice">${this.t('cur.readOnly')}</p>` : nothing}
      ${!subject || !this.grade ? html`<p class="muted">${this.t('cur.chooseFirst')}</p>` : html`
        <div class="summary">
          <h2>${subject.name} – ${this.t('cur.gradeN', { grade: this.grade })}</h2>
          <span class="muted">${this.t('cur.summary', { lessons: this.lessons.length, periods })}</span>
          ${canManage && this.editing !== 'new' ? html`<button class="btn primary" @click=${() => (this.editing = 'new')}>${this.t('cur.add')}</button>` : nothing}
        </div>
        ${this.editing === 'new' ? this.editForm(null) : nothing}
        ${this.loading ? nothing : !this.lessons.length ? html`<p class="muted">${this.t('cur.empty')}</p>` : chapters.map((c) => html`
          <section class="chapter">
            <h3>${c.chapter ?? this.t('cur.noChapter')}</h3>
            <ol class="lessons">${c.lessons.map((l) => this.lessonRow(l, canManage, l.position === 1, l.position === this.lessons.length))}</ol>
          </section>`)}`}`;
  }

  static override styles = [baseStyles, formStyles, tableStyles, css`
    .intro { max-width: 60rem; }
    .choose { margin-bottom: 1.25rem; max-width: 44rem; }
    .summary { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.5rem 1rem; margin: 1rem 0 0.5rem; }
    .summary h2 { margin: 0; }
    .summary .btn { margin-left: auto; }
    .chapter { margin: 1.25rem 0; }
    .chapter h3 { font-size: 1.0625rem; color: var(--ph-color-primary); border-bottom: 2px solid var(--ph-color-primary-soft); padding-bottom: 0.375rem; }
    ol.lessons { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 0.5rem; }
    li.lesson { display: flex; gap: 0.875rem; align-items: flex-start; background: var(--ph-color-surface); border: 1px solid var(--ph-color-border); border-radius: var(--ph-radius); padding: 0.75rem 1rem; }
    li.lesson > form { flex: 1; box-shadow: none; border: 0; padding: 0; }
    .pos { flex: none; width: 2.25rem; height: 2.25rem; border-radius: 50%; background: var(--ph-color-primary-soft); color: var(--ph-color-primary); display: grid; place-items: center; font-weight: 700; }
    .body { flex: 1; min-width: 0; }
    .head { display: flex; flex-wrap: wrap; gap: 0.25rem 0.75rem; align-items: baseline; }
    ul.outcomes { margin: 0.375rem 0 0; padding-left: 1.25rem; color: #33414e; }
    ul.outcomes li { margin: 0.125rem 0; }
    .tools { flex: none; display: flex; flex-wrap: wrap; gap: 0.375rem; justify-content: flex-end; max-width: 19rem; }
    .btn.icon { min-width: 2.75rem; padding: 0.25rem 0.5rem; font-size: 1.125rem; }
    form.edit { margin: 0.75rem 0; }
    form.edit h3 { margin-top: 0; }
    textarea { min-height: 6rem; resize: vertical; }
    section.import { display: flex; flex-direction: column; gap: 0.75rem; margin-bottom: 1.25rem; }
    section.import h2 { margin-top: 0; }
    fieldset { margin: 0; }
    .report ul.groups { margin: 0 0 0.75rem; padding-left: 1.25rem; }
    .report .badge { margin-right: 0.5rem; }
    @media (max-width: 40rem) {
      li.lesson { flex-wrap: wrap; }
      .tools { max-width: none; width: 100%; justify-content: flex-start; }
    }
  `];
}

customElements.define('ph-curriculum-page', CurriculumPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-curriculum-page': CurriculumPage }
}
