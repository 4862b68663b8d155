import { css, html, type PropertyValues } from 'lit';
import { PhElement } from './ph-element.js';
import { curriculumApi, type CurriculumLesson, type CurriculumSubject } from '../api/curriculum.js';
import { baseStyles, formStyles } from '../styles/shared-styles.js';

export interface LessonPickDetail {
  subjectId: number | null;
  grade: number | null;
  curriculumLessonId: number | null;
}

/** Subjects are the same for every picker on a page: asked once. */
let subjectsOnce: Promise<CurriculumSubject[]> | null = null;
const lessonCache = new Map<string, Promise<CurriculumLesson[]>>();

/**
 * Chooses a lesson/topic of the curriculum (Art. 4.1): subject, grade, then the lesson (grouped by
 * chapter, in teaching order). Preset with the properties subjectId, grade and value (the lesson's
 * id); `fixed-subject` / `fixed-grade` lock those two when the form already decided them.
 * Fires `change` (CustomEvent, bubbling and composed) with detail { subjectId, grade, curriculumLessonId }.
 */
export class LessonPicker extends PhElement {
  static override properties = {
    subjectId: { attribute: 'subject-id', type: Number },
    grade: { type: Number },
    value: { type: Number },
    fixedSubject: { attribute: 'fixed-subject', type: Boolean },
    fixedGrade: { attribute: 'fixed-grade', type: Boolean },
    required: { type: Boolean },
    label: { type: String },
    subjects: { state: true },
    lessons: { state: true },
    failed: { state: true },
  };
  declare subjectId: number | null;
  declare grade: number | null;
  declare value: number | null;
  declare fixedSubject: boolean;
  declare fixedGrade: boolean;
  declare required: boolean;
  declare label: string;
  declare subjects: CurriculumSubject[];
  declare lessons: CurriculumLesson[];
  declare failed: boolean;
  private readonly uid = `lp${Math.random().toString(36).slice(2, 8)}`;

  constructor() {
    super();
    this.subjectId = null;
    this.grade = null;
    this.value = null;
    this.fixedSubject = false;
    this.fixedGrade = false;
    this.required = false;
    this.label = '';
    this.subjects = [];
    this.lessons = [];
    this.failed = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    subjectsOnce ??= curriculumApi.subjects().catch((e: unknown) => { subjectsOnce = null; throw e; });
    subjectsOnce.then((s) => { this.subjects = s; }, () => { this.failed = true; });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('subjectId') || changed.has('grade')) void this.loadLessons();
  }

  /** The chosen lesson, once the lessons are loaded. */
  get selectedLesson(): CurriculumLesson | undefined {
    return this.lessons.find((l) => l.id === this.value);
  }

  private async loadLessons() {
    const subjectId = this.subjectId;
    const grade = this.grade;
    if (!subjectId || !grade) { this.lessons = []; return; }
    const key = `${subjectId}:${grade}`;
    let p = lessonCache.get(key);
    if (!p) {
      p = curriculumApi.lessons(subjectId, grade);
      lessonCache.set(key, p);
      p.catch(() => lessonCache.delete(key));
    }
    try {
      const list = await p;
      if (this.subjectId === subjectId && this.grade === grade) this.lessons = list;
    } catch {
      if (this.subjectId === subjectId && this.grade === grade) this.lessons = [];
    }
  }

  /** Forget cached lessons (after the curriculum page changed them). */
  static invalidate(): void {
    lessonCache.clear();
    subjectsOnce = null;
  }

  private emit() {
    this.dispatchEvent(new CustomEvent<LessonPickDetail>('change', {
      detail: { subjectId: this.subjectId, grade: this.grade, curriculumLessonId: this.value },
      bubbles: true, composed: true,
    }));
  }

  private pickSubject(e: Event) {
    const id = Number((e.target as HTMLSelectElement).value) || null;
    this.subjectId = id;
    const grades = this.subjects.find((s) => s.id === id)?.grades ?? [];
    if (this.grade !== null && !grades.includes(this.grade) && !this.fixedGrade) this.grade = grades.length === 1 ? grades[0] ?? null : null;
    this.value = null;
    this.emit();
  }

  private pickGrade(e: Event) {
    this.grade = Number((e.target as HTMLSelectElement).value) || null;
    this.value = null;
    this.emit();
  }

  private pickLesson(e: Event) {
    this.value = Number((e.target as HTMLSelectElement).value) || null;
    this.emit();
  }

  override render() {
    const subject = this.subjects.find((s) => s.id === this.subjectId);
    const grades = subject ? subject.grades : [...new Set(this.subjects.flatMap((s) => s.grades))].sort((a, b) => a - b);
    const chapters: { chapter: string | null; lessons: CurriculumLesson[] }[] = [];
    for (const l of this.lessons) {
      const last = chapters[chapters.length - 1];
      if (last && last.chapter === l.chapter) last.lessons.push(l);
      else chapters.push({ chapter: l.chapter, lessons: [l] });
    }
    const id = this.uid;
    const option = (l: CurriculumLesson) => html`<option value=${l.id} ?selected=${l.id === this.value}>${l.position}. ${l.title}</option>`;
    return html`
      <fieldset>
        <legend>${this.label || this.t('cur.picker.legend')}</legend>
        ${this.failed ? html`<p class="notice error" role="alert">${this.t('cur.picker.failed')}</p>` : ''}
        <div class="row">
          <div class="field">
            <label for=${`${id}-s`}>${this.t('cur.subject')}</label>
            <select id=${`${id}-s`} @change=${this.pickSubject} ?disabled=${this.fixedSubject}>
              <option value="">${this.t('cur.picker.chooseSubject')}</option>
              ${this.subjects.map((s) => html`<option value=${s.id} ?selected=${s.id === this.subjectId}>${s.name}</option>`)}
            </select>
          </div>
          <div class="field narrow">
            <label for=${`${id}-g`}>${this.t('cur.grade')}</label>
            <select id=${`${id}-g`} @change=${this.pickGrade} ?disabled=${this.fixedGrade}>
              <option value="">—</option>
              ${grades.map((g) => html`<option value=${g} ?selected=${g === this.grade}>${this.t('cur.gradeN', { grade: g })}</option>`)}
            </select>
          </div>
          <div class="field wide">
            <label for=${`${id}-l`}>${this.t('cur.lesson')}</label>
            <select id=${`${id}-l`} name="curriculumLessonId" @change=${this.pickLesson} ?disabled=${!this.subjectId || !this.grade} ?required=${this.required}>
              <option value="">${this.subjectId && this.grade && !this.lessons.length ? this.t('cur.picker.none') : this.t('cur.picker.chooseLesson')}</option>
              ${chapters.map((c) => c.chapter ? html`<optgroup label=${c.chapter}>${c.lessons.map(option)}</optgroup>` : c.lessons.map(option))}
            </select>
          </div>
        </div>
        ${this.selectedLesson?.outcomes.length ? html`
          <details><summary>${this.t('cur.outcomes')} (${this.selectedLesson.outcomes.length})</summary>
            <ul>${this.selectedLesson.outcomes.map((o) => html`<li>${o}</li>`)}</ul>
          </details>` : ''}
      </fieldset>`;
  }

  static override styles = [baseStyles, formStyles, css`
    fieldset { margin: 0; }
    .row { display: grid; gap: 0.75rem 1rem; grid-template-columns: minmax(10rem, 1.2fr) minmax(6rem, 0.6fr) minmax(14rem, 2.5fr); }
    @media (max-width: 40rem) { .row { grid-template-columns: 1fr; } }
    details { margin-top: 0.75rem; }
    summary { cursor: pointer; font-weight: 600; min-height: 2.75rem; display: flex; align-items: center; }
    ul { margin: 0.25rem 0 0; padding-left: 1.25rem; }
  `];
}

customElements.define('ph-lesson-picker', LessonPicker);
declare global {
  interface HTMLElementTagNameMap { 'ph-lesson-picker': LessonPicker }
}
