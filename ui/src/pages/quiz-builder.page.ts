import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import { isApiError } from '../api/client.js';
import { QUIZ_PATHS, quizDateTime, quizInstant, quizzesApi, type MatrixCountsT, type QuizBodyT, type QuizOptions, type QuizT } from '../api/quizzes.js';
import { navigate, PATHS } from '../router.js';
import { session } from '../state/session.js';
import { notifyError, notifySuccess } from '../state/notify.js';
import { baseStyles, formStyles, tableStyles } from '../styles/shared-styles.js';

const LEVELS = ['nhan_biet', 'thong_hieu', 'van_dung', 'van_dung_cao'] as const;
type Level = (typeof LEVELS)[number];
type Kind = QuizBodyT['kind'];
const cellKey = (lessonId: number | null, level: Level) => `${lessonId ?? 'none'}|${level}`;

/** The form's starting values: a new quiz's defaults, or the quiz being edited. */
interface Initial {
  title: string; opensDate: string; opensTime: string; closesDate: string; closesTime: string;
  limit: number; attempts: number; scoring: 'best' | 'last'; feedback: QuizBodyT['feedback'];
  shuffleQuestions: boolean; shuffleOptions: boolean; gradebook: string;
}

function gradebookValue(target: QuizT['gradebookTarget']): string {
  if (!target) return 'none';
  const c = target.column;
  return c.kind === 'regular' ? `${target.semesterId}|regular|${c.slot}` : `${target.semesterId}|${c.kind}`;
}

/**
 * /kiem-tra/moi and /kiem-tra/:id/sua — the teacher builds (or, before any student has started,
 * edits) a quiz by its matrix (ma trận đề, Art. 6.1, 6.2): subject ×
 * grade and classes from their teaching assignments, a grid of lessons × cognitive levels with
 * the bank's available counts, points per question per level, the window and time settings, the
 * feedback policy and the gradebook column. The server checks everything again.
 */
export class QuizBuilderPage extends PhElement {
  static override properties = {
    options: { state: true }, counts: { state: true }, pairKey: { state: true }, classIds: { state: true }, kind: { state: true },
    cells: { state: true }, problems: { state: true }, busy: { state: true }, params: { attribute: false }, initial: { state: true },
  };
  declare params: { id?: string };
  /** Null until loaded when editing; a new quiz starts from the defaults. */
  declare initial: Initial | null;
  declare options: QuizOptions | null;
  declare counts: MatrixCountsT | null;
  declare pairKey: string;
  declare classIds: number[];
  declare kind: Kind;
  declare cells: Map<string, number>;
  declare problems: string[];
  declare busy: boolean;
  private points: Record<Level, number> = { nhan_biet: 0.5, thong_hieu: 0.5, van_dung: 1, van_dung_cao: 1 };

  constructor() {
    super();
    this.options = null;
    this.counts = null;
    this.pairKey = '';
    this.classIds = [];
    this.kind = 'regular';
    this.cells = new Map();
    this.problems = [];
    this.busy = false;
    this.params = {};
    this.initial = null;
  }

  private get editingId(): number | null {
    return this.params.id ? Number(this.params.id) : null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      this.options = await quizzesApi.options();
      if (this.editingId) await this.loadQuiz(this.editingId);
      else this.initial = this.defaults();
    } catch (e) {
      notifyError(e);
    }
  }

  private defaults(): Initial {
    const now = Date.now();
    const [opensDate = '', opensTime = ''] = quizDateTime(new Date(now).toISOString()).split(' ');
    const [closesDate = '', closesTime = ''] = quizDateTime(new Date(now + 7 * 86_400_000).toISOString()).split(' ');
    return { title: '', opensDate, opensTime, closesDate, closesTime, limit: 15, attempts: 1, scoring: 'best', feedback: 'score', shuffleQuestions: true, shuffleOptions: true, gradebook: 'none' };
  }

  /** Fills the form from the saved quiz: its subject × grade, classes, matrix, points and settings. */
  private async loadQuiz(id: number) {
    const q = await quizzesApi.get(id);
    await this.choosePair(`${q.subjectId}|${q.grade}`);
    this.classIds = q.classIds;
    this.kind = q.kind;
    const cells = new Map<string, number>();
    for (const row of q.matrix) {
      cells.set(cellKey(row.curriculumLessonId, row.level), row.count);
      this.points = { ...this.points, [row.level]: row.pointsEach };
    }
    this.cells = cells;
    const [opensDate = '', opensTime = ''] = quizDateTime(q.opensAt).split(' ');
    const [closesDate = '', closesTime = ''] = quizDateTime(q.closesAt).split(' ');
    this.initial = {
      title: q.title, opensDate, opensTime, closesDate, closesTime, limit: q.timeLimitMinutes, attempts: q.attemptsAllowed,
      scoring: q.attemptScoring, feedback: q.feedback, shuffleQuestions: q.shuffleQuestions, shuffleOptions: q.shuffleOptions,
      gradebook: gradebookValue(q.gradebookTarget),
    };
  }

  /** Subject × grade pairs the teacher teaches ("Toán – Khối 6"). */
  private pairs() {
    const m = new Map<string, { subjectId: number; subjectName: string; grade: number; classes: { id: number; name: string }[] }>();
    for (const a of this.options?.teaching ?? []) {
      const k = `${a.subjectId}|${a.grade}`;
      if (!m.has(k)) m.set(k, { subjectId: a.subjectId, subjectName: a.subjectName, grade: a.grade, classes: [] });
      m.get(k)!.classes.push({ id: a.classId, name: a.className });
    }
    return m;
  }

  private async choosePair(key: string) {
    this.pairKey = key;
    this.classIds = [];
    this.cells = new Map();
    this.counts = null;
    const pair = this.pairs().get(key);
    if (!pair) return;
    this.classIds = pair.classes.map((c) => c.id);
    try {
      this.counts = await quizzesApi.matrixCounts(pair.subjectId, pair.grade);
    } catch (e) {
      notifyError(e);
    }
  }

  private available(lessonId: number | null, level: Level): number {
    return (this.counts?.counts ?? []).filter((c) => c.curriculumLessonId === lessonId && c.level === level).reduce((s, c) => s + c.count, 0);
  }

  private setCell(lessonId: number | null, level: Level, value: string) {
    const n = Math.max(0, Math.floor(Number(value) || 0));
    const next = new Map(this.cells);
    if (n) next.set(cellKey(lessonId, level), n);
    else next.delete(cellKey(lessonId, level));
    this.cells = next;
  }

  private totals() {
    let questions = 0;
    let points = 0;
    for (const [k, n] of this.cells) {
      const level = k.split('|')[1] as Level;
      questions += n;
      points += n * this.points[level];
    }
    return { questions, points: Math.round(points * 100) / 100 };
  }

  private field(id: string): string {
    return (this.renderRoot.querySelector(`#${id}`) as HTMLInputElement | HTMLSelectElement | null)?.value ?? '';
  }

  private checked(id: string): boolean {
    return (this.renderRoot.querySelector(`#${id}`) as HTMLInputElement | null)?.checked ?? false;
  }

  private body(): QuizBodyT | null {
    const problems: string[] = [];
    const pair = this.pairs().get(this.pairKey);
    if (!pair || !this.classIds.length) problems.push(this.t('quiz.pickSubject'));
    const opensAt = quizInstant(this.field('opensDate'), this.field('opensTime'));
    const closesAt = quizInstant(this.field('closesDate'), this.field('closesTime'));
    if (!opensAt || !closesAt || opensAt >= closesAt) problems.push(this.t('quiz.badWindow'));
    const matrix = [...this.cells.entries()].map(([k, count]) => {
      const [lesson, level] = k.split('|') as [string, Level];
      return { curriculumLessonId: lesson === 'none' ? null : Number(lesson), level, count, pointsEach: this.points[level] };
    });
    if (!matrix.length) problems.push(this.t('quiz.emptyMatrix'));
    this.problems = problems;
    if (problems.length || !pair || !opensAt || !closesAt) return null;
    const gb = this.field('gradebook');
    const [sem, col, slot] = gb.split('|');
    const periodic = this.kind !== 'regular';
    return {
      title: this.field('title').trim() || `${pair.subjectName} – ${this.t(`quiz.kind.${this.kind}` as const)}`,
      subjectId: pair.subjectId, grade: pair.grade, classIds: this.classIds, kind: this.kind, matrix, opensAt, closesAt,
      timeLimitMinutes: Number(this.field('limit')) || 15,
      attemptsAllowed: periodic ? 1 : Number(this.field('attempts')) || 1,
      attemptScoring: (this.field('scoring') || 'best') as 'best' | 'last',
      feedback: (this.field('feedback') || 'score') as QuizBodyT['feedback'],
      shuffleQuestions: periodic || this.checked('shuffleQuestions'), shuffleOptions: periodic || this.checked('shuffleOptions'),
      gradebookTarget: gb && gb !== 'none' ? { semesterId: Number(sem), column: col === 'regular' ? { kind: 'regular', slot: Number(slot) } : { kind: col as 'midterm' | 'endterm' } } : null,
    };
  }

  private async save(andPublish: boolean) {
    const body = this.body();
    if (!body) return;
    this.busy = true;
    try {
      const editing = this.editingId;
      const id = editing ?? (await quizzesApi.create(body)).id;
      if (editing) await quizzesApi.update(editing, body);
      notifySuccess('quiz.saved');
      if (andPublish) {
        await quizzesApi.publish(id);
        notifySuccess('quiz.published');
      }
      navigate(QUIZ_PATHS.list);
    } catch (e) {
      if (isApiError(e) && e.code === 'QUIZ_MATRIX_SHORT' && Array.isArray(e.details?.rows)) {
        this.problems = (e.details.rows as { row: number; lessonTitle: string | null; levelName: string; level: Level; needed: number; available: number }[])
          .map((r) => this.t('quiz.shortRow', { row: r.row, lesson: r.lessonTitle ?? this.t('quiz.matrixNoLesson'), level: this.t(`quiz.level.${r.level}` as const), needed: r.needed, available: r.available }));
      }
      notifyError(e);
      if (andPublish && isApiError(e) && e.code === 'QUIZ_NEEDS_DECISION') navigate(QUIZ_PATHS.list);
    } finally {
      this.busy = false;
    }
  }

  private renderMatrix() {
    if (!this.counts) return nothing;
    const lessons: { id: number | null; title: string }[] = [...this.counts.lessons.map((l) => ({ id: l.id, title: l.title })), { id: null, title: this.t('quiz.matrixNoLesson') }];
    const { questions, points } = this.totals();
    return html`
      <fieldset>
        <legend>${this.t('quiz.matrix')}</legend>
        <p class="hint">${this.t('quiz.matrixHint')}</p>
        <div class="table-wrap"><table class="matrix">
          <thead><tr><th>${this.t('quiz.matrixLesson')}</th>${LEVELS.map((l) => html`<th>${this.t(`quiz.level.${l}` as const)}</th>`)}</tr>
            <tr><th class="muted">${this.t('quiz.pointsEach')}</th>${LEVELS.map((l) => html`<th><input class="pts" type="number" min="0.25" max="10" step="0.25" aria-label=${`${this.t('quiz.pointsEach')} – ${this.t(`quiz.level.${l}` as const)}`}
              .value=${String(this.points[l])} @input=${(e: Event) => { this.points = { ...this.points, [l]: Number((e.target as HTMLInputElement).value) || 0 }; this.requestUpdate(); }} /></th>`)}</tr></thead>
          <tbody>${lessons.map((lesson) => html`<tr><th scope="row">${lesson.title}</th>${LEVELS.map((level) => {
            const have = this.available(lesson.id, level);
            const want = this.cells.get(cellKey(lesson.id, level)) ?? 0;
            return html`<td class=${want > have ? 'short' : ''}><input type="number" min="0" max=${have} step="1" ?disabled=${have === 0 && want === 0}
              aria-label=${`${lesson.title} – ${this.t(`quiz.level.${level}` as const)}`} .value=${want ? String(want) : ''}
              @input=${(e: Event) => this.setCell(lesson.id, level, (e.target as HTMLInputElement).value)} />
              <span class="hint">${this.t('quiz.available', { count: have })}</span></td>`;
          })}</tr>`)}</tbody>
        </table></div>
        <p class="totals"><strong>${this.t('quiz.totals', { questions, points })}</strong></p>
      </fieldset>`;
  }

  private gradebookOptions() {
    const sems = this.options?.semesters ?? [];
    const opts: { value: string; label: string }[] = [{ value: 'none', label: this.t('quiz.gradebook.none') }];
    for (const s of sems) {
      if (this.kind === 'regular') for (const slot of [1, 2, 3, 4]) opts.push({ value: `${s.id}|regular|${slot}`, label: this.t('quiz.gradebook.regular', { n: s.number, slot }) });
      else opts.push({ value: `${s.id}|${this.kind}`, label: this.t(`quiz.gradebook.${this.kind}` as const, { n: s.number }) });
    }
    return opts;
  }

  override render() {
    const heading = this.t(this.editingId ? 'quiz.editTitle' : 'quiz.newTitle');
    const v = this.initial;
    if (!this.options || !v) return html`<p class="muted" aria-busy="true">…</p>`;
    if (!this.options.teaching.length) return html`<h1>${heading}</h1><p class="notice">${this.t('quiz.noTeaching')}</p>`;
    const pairs = this.pairs();
    const pair = pairs.get(this.pairKey);
    const periodic = this.kind !== 'regular';
    return html`
      <h1>${heading}</h1>
      <form @submit=${(e: Event) => e.preventDefault()}>
        <div class="form-grid">
          <div class="field wide"><label for="title">${this.t('quiz.field.title')}</label><input id="title" maxlength="200" .value=${v.title} /></div>
          <div class="field"><label for="pair">${this.t('quiz.field.subject')}</label>
            <select id="pair" ?disabled=${this.editingId !== null} @change=${(e: Event) => void this.choosePair((e.target as HTMLSelectElement).value)}>
              <option value="">—</option>
              ${[...pairs.entries()].map(([k, p]) => html`<option value=${k} ?selected=${k === this.pairKey}>${p.subjectName} – Khối ${p.grade}</option>`)}
            </select></div>
          <div class="field"><label for="kind">${this.t('quiz.field.kind')}</label>
            <select id="kind" @change=${(e: Event) => { this.kind = (e.target as HTMLSelectElement).value as Kind; }}>
              ${(['regular', 'midterm', 'endterm'] as const).map((k) => html`<option value=${k} ?selected=${k === this.kind}>${this.t(`quiz.kind.${k}` as const)}</option>`)}
            </select>${periodic ? html`<span class="hint">${this.t('quiz.field.kindHint')}
              ${session.hasAny(['principal', 'vice_principal']) ? html`<a href=${PATHS.decisions}>${this.t('dec.link')}</a>` : this.t('dec.askPrincipal')}</span>` : nothing}</div>
        </div>
        ${pair ? html`<fieldset><legend>${this.t('quiz.field.classes')}</legend><div class="checks">
          ${pair.classes.map((c) => html`<label class="check"><input type="checkbox" .checked=${this.classIds.includes(c.id)}
            @change=${(e: Event) => { this.classIds = (e.target as HTMLInputElement).checked ? [...this.classIds, c.id] : this.classIds.filter((x) => x !== c.id); }} />${c.name}</label>`)}
        </div></fieldset>` : nothing}
        ${this.renderMatrix()}
        <fieldset><legend>${this.t('quiz.col.window')}</legend><div class="form-grid">
          <div class="field"><label for="opensDate">${this.t('quiz.field.opensDate')}</label><input id="opensDate" inputmode="numeric" placeholder="dd/mm/yyyy" .value=${v.opensDate} /></div>
          <div class="field"><label for="opensTime">${this.t('quiz.field.opensTime')}</label><input id="opensTime" inputmode="numeric" placeholder="hh:mm" .value=${v.opensTime} /></div>
          <div class="field"><label for="closesDate">${this.t('quiz.field.closesDate')}</label><input id="closesDate" inputmode="numeric" placeholder="dd/mm/yyyy" .value=${v.closesDate} /></div>
          <div class="field"><label for="closesTime">${this.t('quiz.field.closesTime')}</label><input id="closesTime" inputmode="numeric" placeholder="hh:mm" .value=${v.closesTime} /></div>
          <div class="field"><label for="limit">${this.t('quiz.field.limit')}</label><input id="limit" type="number" min="1" max="300" .value=${String(v.limit)} /></div>
          <div class="field"><label for="attempts">${this.t('quiz.field.attempts')}</label><input id="attempts" type="number" min="1" max="10" .value=${String(v.attempts)} ?disabled=${periodic} /></div>
          <div class="field"><label for="scoring">${this.t('quiz.field.scoring')}</label><select id="scoring" ?disabled=${periodic}>
            <option value="best" ?selected=${v.scoring === 'best'}>${this.t('quiz.scoring.best')}</option><option value="last" ?selected=${v.scoring === 'last'}>${this.t('quiz.scoring.last')}</option></select></div>
          <div class="field"><label for="feedback">${this.t('quiz.field.feedback')}</label><select id="feedback">
            ${(['score', 'answers_after_close', 'none'] as const).map((f) => html`<option value=${f} ?selected=${f === v.feedback}>${this.t(`quiz.feedback.${f}` as const)}</option>`)}</select></div>
          <div class="field wide"><label class="check"><input id="shuffleQuestions" type="checkbox" .checked=${v.shuffleQuestions} ?disabled=${periodic} />${this.t('quiz.field.shuffleQuestions')}</label>
            <label class="check"><input id="shuffleOptions" type="checkbox" .checked=${v.shuffleOptions} ?disabled=${periodic} />${this.t('quiz.field.shuffleOptions')}</label></div>
          <div class="field wide"><label for="gradebook">${this.t('quiz.field.gradebook')}</label><select id="gradebook">
            ${this.gradebookOptions().map((o) => html`<option value=${o.value} ?selected=${o.value === v.gradebook}>${o.label}</option>`)}</select></div>
        </div></fieldset>
        ${this.problems.length ? html`<div class="notice error" role="alert"><ul>${this.problems.map((p) => html`<li>${p}</li>`)}</ul></div>` : nothing}
        <div class="form-actions">
          <button class="btn" ?disabled=${this.busy} @click=${() => void this.save(false)}>${this.t('quiz.saveDraft')}</button>
          <button class="btn primary" ?disabled=${this.busy} @click=${() => void this.save(true)}>${this.t('quiz.saveAndPublish')}</button>
        </div>
      </form>`;
  }

  static override styles = [baseStyles, formStyles, tableStyles, css`
    .checks { display: flex; flex-wrap: wrap; gap: 0.25rem 1.5rem; }
    table.matrix td, table.matrix th { vertical-align: middle; }
    table.matrix td input { width: 5rem; }
    table.matrix input.pts { width: 5rem; font-weight: 400; }
    table.matrix td .hint { display: block; }
    table.matrix td.short input { border-color: var(--ph-color-danger); }
    .totals { margin-top: 0.75rem; }
  `];
}

customElements.define('ph-quiz-builder-page', QuizBuilderPage);
