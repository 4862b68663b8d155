import { css, html, nothing } from 'lit';
import { PhElement } from './ph-element.js';
import './task-rubric-editor.js';
import './lesson-picker.js';
import './progress-bar.js';
import { tasksApi, instantFromSchool, schoolDateTime, formatSize, TASK_UPLOAD, type AudienceOptions, type Rubric, type TaskBody, type TaskDetail, type Teaching } from '../api/tasks.js';
import { h5pApi, type H5pContent } from '../api/h5p.js';
import { notifyError, notifySuccess } from '../state/notify.js';
import { baseStyles, formStyles } from '../styles/shared-styles.js';

type Assignment = Teaching['assignments'][number];

/** "dd/mm/yyyy" and "hh:mm" of an instant in school time (UTC+7). */
function split(iso: string): { date: string; time: string } {
  const [date = '', time = ''] = schoolDateTime(iso).split(' ');
  return { date, time };
}

/**
 * The teacher's form to assign a task (Art. 5.3): class × subject they teach, the lesson of the
 * curriculum, to whom (class, a named group, one student), when, what is handed in, the late and
 * resubmission policies, a rubric, the gradebook column, and files for the students.
 * With `task` set, edits that task (class and subject stay). Fires `saved` ({ id }) or `cancel`.
 */
export class TaskForm extends PhElement {
  static override properties = {
    task: { attribute: false }, attachments: { state: true },
    teaching: { state: true }, pair: { state: true }, audienceOptions: { state: true }, audience: { state: true }, picked: { state: true },
    latePolicy: { state: true }, penaltyKind: { state: true }, resubmission: { state: true }, useRubric: { state: true }, rubric: { state: true },
    toGradebook: { state: true }, h5pContents: { state: true }, busy: { state: true }, progress: { state: true }, error: { state: true }, lessonId: { state: true },
  };
  declare task: TaskDetail | null;
  declare attachments: TaskDetail['attachments'];
  declare teaching: Teaching | null;
  declare pair: Assignment | null;
  declare audienceOptions: AudienceOptions | null;
  declare audience: 'class' | 'group' | 'student';
  declare picked: Set<number>;
  declare latePolicy: TaskBody['latePolicy'];
  declare penaltyKind: TaskBody['latePenaltyKind'];
  declare resubmission: TaskBody['resubmission'];
  declare useRubric: boolean;
  declare rubric: Rubric | null;
  declare toGradebook: boolean;
  declare h5pContents: H5pContent[];
  declare busy: boolean;
  declare progress: number | null;
  declare error: string;
  declare lessonId: number | null;

  constructor() {
    super();
    this.task = null;
    this.attachments = [];
    this.teaching = null;
    this.pair = null;
    this.audienceOptions = null;
    this.audience = 'class';
    this.picked = new Set();
    this.latePolicy = 'accept';
    this.penaltyKind = 'none';
    this.resubmission = 'until_graded';
    this.useRubric = false;
    this.rubric = null;
    this.toGradebook = false;
    this.h5pContents = [];
    this.busy = false;
    this.progress = null;
    this.error = '';
    this.lessonId = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      this.teaching = await tasksApi.teaching();
      const t = this.task;
      const first = t ? this.teaching.assignments.find((a) => a.classId === t.classId && a.subjectId === t.subjectId) : this.teaching.assignments[0];
      if (first) await this.choosePair(first);
      if (t) this.prefill(t);
    } catch (e) {
      notifyError(e);
    }
    try {
      this.h5pContents = await h5pApi.contents();
    } catch {
      this.h5pContents = []; // H5P is optional for a task
    }
  }

  private async choosePair(a: Assignment) {
    this.pair = a;
    this.picked = new Set();
    this.lessonId = null;
    this.audienceOptions = null;
    try {
      this.audienceOptions = await tasksApi.audience(a.classId, a.subjectId);
    } catch (e) {
      notifyError(e);
    }
  }

  /** Edit mode: the task's own choices. */
  private prefill(t: TaskDetail) {
    this.lessonId = t.curriculumLessonId;
    this.audience = t.audience;
    this.picked = new Set(t.assignees.map((a) => a.id));
    this.latePolicy = t.latePolicy;
    this.penaltyKind = t.latePenaltyKind;
    this.resubmission = t.resubmission;
    this.useRubric = !!t.rubric;
    this.rubric = t.rubric;
    this.toGradebook = !!t.gradebookTarget;
    this.attachments = t.attachments;
  }

  private async dropAttachment(fileId: number) {
    if (!this.task) return;
    try {
      await tasksApi.removeAttachment(this.task.id, fileId);
      this.attachments = this.attachments.filter((f) => f.id !== fileId);
    } catch (e) {
      notifyError(e);
    }
  }

  private toggle(id: number, on: boolean) {
    const next = new Set(this.picked);
    if (on) next.add(id);
    else next.delete(id);
    this.picked = next;
  }

  private field(form: HTMLFormElement, name: string): string {
    return ((form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | null)?.value ?? '').trim();
  }

  private async submit(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const pair = this.pair;
    if (!pair) return;
    this.error = '';
    const opensAt = instantFromSchool(this.field(form, 'opensDate'), this.field(form, 'opensTime'));
    const dueAt = instantFromSchool(this.field(form, 'dueDate'), this.field(form, 'dueTime'));
    const closeAt = this.latePolicy === 'until_close' ? instantFromSchool(this.field(form, 'closeDate'), this.field(form, 'closeTime')) : null;
    if (!opensAt || !dueAt || (this.latePolicy === 'until_close' && !closeAt)) {
      this.error = this.t('tasks.form.badDate');
      return;
    }
    const studentIds = this.audience === 'class' ? [] : this.audience === 'student' ? [Number(this.field(form, 'student'))].filter((x) => x > 0) : [...this.picked];
    if (this.audience !== 'class' && !studentIds.length) {
      this.error = this.t('tasks.form.pickOne');
      return;
    }
    const h5p = Number(this.field(form, 'h5p'));
    const semesterId = Number(this.field(form, 'semester'));
    const column = this.field(form, 'column');
    const body: TaskBody = {
      classId: pair.classId, subjectId: pair.subjectId, curriculumLessonId: this.lessonId, title: this.field(form, 'title'),
      instructions: this.field(form, 'instructions'), audience: this.audience, groupName: this.audience === 'group' ? this.field(form, 'groupName') : null,
      studentIds, opensAt, dueAt, acceptFiles: (form.elements.namedItem('acceptFiles') as HTMLInputElement).checked,
      acceptText: (form.elements.namedItem('acceptText') as HTMLInputElement).checked, h5pContentId: h5p > 0 ? h5p : null,
      latePolicy: this.latePolicy, closeAt, latePenaltyKind: this.latePolicy === 'refuse' ? 'none' : this.penaltyKind,
      latePenaltyValue: this.latePolicy !== 'refuse' && this.penaltyKind !== 'none' ? Number(this.field(form, 'penaltyValue').replace(',', '.')) : 0,
      resubmission: this.resubmission, maxSubmissions: this.resubmission === 'limited' ? Number(this.field(form, 'maxSubmissions')) : null,
      rubric: this.useRubric ? this.rubric ?? (this.renderRoot.querySelector('ph-task-rubric-editor')?.value ?? null) : null,
      maxScore: Number(this.field(form, 'maxScore').replace(',', '.')) || 10,
      gradebookTarget: this.toGradebook && semesterId ? { semesterId, column: column === 'midterm' ? { kind: 'midterm' } : column === 'endterm' ? { kind: 'endterm' } : { kind: 'regular', slot: Number(column) || 1 } } : null,
    };
    const files = [...((form.elements.namedItem('attachments') as HTMLInputElement).files ?? [])];
    this.busy = true;
    try {
      const id = this.task ? this.task.id : (await tasksApi.create(body)).id;
      if (this.task) await tasksApi.update(id, body);
      for (const f of files) {
        const data = new FormData();
        data.append('file', f, f.name);
        await tasksApi.attach(id, data, (p) => (this.progress = p));
      }
      notifySuccess(this.task ? 'tasks.saved' : 'tasks.form.saved');
      this.dispatchEvent(new CustomEvent('saved', { detail: { id }, bubbles: true, composed: true }));
    } catch (err) {
      notifyError(err);
    } finally {
      this.busy = false;
      this.progress = null;
    }
  }

  override render() {
    const teaching = this.teaching;
    if (!teaching) return nothing;
    if (!teaching.assignments.length) return html`<p class="notice warning">${this.t('tasks.form.noTeaching')}</p>`;
    const pair = this.pair;
    const t = this.task;
    const now = split(t?.opensAt ?? new Date().toISOString());
    const due = t ? split(t.dueAt) : { date: split(new Date(Date.now() + 7 * 86_400_000).toISOString()).date, time: '23:59' };
    const close = t?.closeAt ? split(t.closeAt) : { date: split(new Date(Date.now() + 10 * 86_400_000).toISOString()).date, time: '23:59' };
    const target = t?.gradebookTarget;
    const column = target ? (target.column.kind === 'regular' ? String(target.column.slot) : target.column.kind) : '1';
    const students = this.audienceOptions?.students ?? [];
    return html`
      <form class="card" @submit=${this.submit}>
        <h2>${this.t(t ? 'tasks.form.editTitle' : 'tasks.form.title')}</h2>
        <div class="form-grid">
          <div class="field">
            <label for="pair">${this.t('tasks.form.classSubject')}</label>
            <select id="pair" ?disabled=${!!t} @change=${(e: Event) => { const a = teaching.assignments[Number((e.target as HTMLSelectElement).value)]; if (a) void this.choosePair(a); }}>
              ${teaching.assignments.map((a, i) => html`<option value=${i} ?selected=${a === pair}>${a.className} – ${a.subjectName}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for="title">${this.t('tasks.form.name')}</label>
            <input id="title" name="title" required maxlength="300" .value=${t?.title ?? ''}>
          </div>
          <div class="field wide">
            <label for="instructions">${this.t('tasks.form.instructions')}</label>
            <textarea id="instructions" name="instructions" rows="4" maxlength="20000" .value=${t?.instructions ?? ''}></textarea>
            <span class="hint">${this.t('tasks.form.instructionsHint')}</span>
          </div>
          ${pair ? html`<div class="field wide">
            <ph-lesson-picker fixed-subject fixed-grade .subjectId=${pair.subjectId} .grade=${pair.grade} .value=${this.lessonId} label=${this.t('tasks.form.lesson')}
              @change=${(e: CustomEvent<{ curriculumLessonId: number | null }>) => { if (e.detail && 'curriculumLessonId' in e.detail) this.lessonId = e.detail.curriculumLessonId; }}></ph-lesson-picker>
          </div>` : nothing}
        </div>

        <fieldset>
          <legend>${this.t('tasks.form.audience')}</legend>
          ${(['class', 'group', 'student'] as const).map((a) => html`<label class="check"><input type="radio" name="audience" value=${a} .checked=${this.audience === a}
            @change=${() => (this.audience = a)}> ${this.t(a === 'class' ? 'tasks.form.wholeClass' : a === 'group' ? 'tasks.form.group' : 'tasks.form.oneStudent')}</label>`)}
          ${this.audience === 'group' ? html`
            <div class="form-grid">
              <div class="field"><label for="groupName">${this.t('tasks.form.groupName')}</label><input id="groupName" name="groupName" required maxlength="100" .value=${t?.groupName ?? ''}></div>
              ${this.audienceOptions?.groups.length ? html`<div class="field"><label for="prev">${this.t('tasks.form.previousGroups')}</label>
                <select id="prev" @change=${(e: Event) => { const g = this.audienceOptions?.groups[Number((e.target as HTMLSelectElement).value)]; if (g) { this.picked = new Set(g.studentIds); (this.renderRoot.querySelector('#groupName') as HTMLInputElement).value = g.name; } }}>
                  <option value="">${this.t('tasks.form.choose')}</option>
                  ${this.audienceOptions.groups.map((g, i) => html`<option value=${i}>${g.name} (${g.studentIds.length})</option>`)}
                </select></div>` : nothing}
            </div>
            <p class="label">${this.t('tasks.form.pickStudents', { n: this.picked.size })}</p>
            <div class="students">${students.map((s) => html`<label class="check"><input type="checkbox" .checked=${this.picked.has(s.id)} @change=${(e: Event) => this.toggle(s.id, (e.target as HTMLInputElement).checked)}> ${s.fullName}</label>`)}</div>`
          : nothing}
          ${this.audience === 'student' ? html`<div class="field"><label for="student">${this.t('tasks.form.student')}</label>
            <select id="student" name="student" required><option value="">${this.t('tasks.form.choose')}</option>${students.map((s) => html`<option value=${s.id} ?selected=${this.picked.has(s.id)}>${s.fullName}</option>`)}</select></div>` : nothing}
        </fieldset>

        <div class="form-grid">
          ${this.dateTime('opens', 'tasks.form.opens', now)}
          ${this.dateTime('due', 'tasks.form.due', due)}
        </div>

        <fieldset>
          <legend>${this.t('tasks.form.what')}</legend>
          <label class="check"><input type="checkbox" name="acceptFiles" .checked=${t ? t.acceptFiles : true}> ${this.t('tasks.form.files')}</label>
          <label class="check"><input type="checkbox" name="acceptText" .checked=${t?.acceptText ?? false}> ${this.t('tasks.form.text')}</label>
          ${this.h5pContents.length ? html`<div class="field"><label for="h5p">${this.t('tasks.form.h5p')}</label>
            <select id="h5p" name="h5p"><option value="">${this.t('tasks.form.h5pNone')}</option>${this.h5pContents.map((c) => html`<option value=${c.id} ?selected=${t?.h5pContentId === c.id}>${c.title}</option>`)}</select></div>` : nothing}
        </fieldset>

        <fieldset>
          <legend>${this.t('tasks.form.late')}</legend>
          ${([['refuse', 'tasks.form.lateRefuse'], ['accept', 'tasks.form.lateAccept'], ['until_close', 'tasks.form.lateUntil']] as const).map(([v, k]) => html`
            <label class="check"><input type="radio" name="latePolicy" value=${v} .checked=${this.latePolicy === v} @change=${() => (this.latePolicy = v)}> ${this.t(k)}</label>`)}
          ${this.latePolicy === 'until_close' ? html`<div class="form-grid">${this.dateTime('close', 'tasks.form.close', close)}</div>` : nothing}
          ${this.latePolicy !== 'refuse' ? html`<div class="form-grid">
            <div class="field"><label for="penaltyKind">${this.t('tasks.form.penalty')}</label>
              <select id="penaltyKind" @change=${(e: Event) => (this.penaltyKind = (e.target as HTMLSelectElement).value as TaskBody['latePenaltyKind'])}>
                <option value="none" ?selected=${this.penaltyKind === 'none'}>${this.t('tasks.form.penaltyNone')}</option>
                <option value="points" ?selected=${this.penaltyKind === 'points'}>${this.t('tasks.form.penaltyPoints')}</option>
                <option value="percent" ?selected=${this.penaltyKind === 'percent'}>${this.t('tasks.form.penaltyPercent')}</option>
              </select></div>
            ${this.penaltyKind !== 'none' ? html`<div class="field"><label for="penaltyValue">${this.t('tasks.form.penaltyValue')}</label><input id="penaltyValue" name="penaltyValue" inputmode="decimal" required .value=${t && t.latePenaltyValue ? String(t.latePenaltyValue) : '1'}></div>` : nothing}
          </div>` : nothing}
        </fieldset>

        <fieldset>
          <legend>${this.t('tasks.form.resubmit')}</legend>
          ${([['none', 'tasks.form.resubmitNone'], ['until_graded', 'tasks.form.resubmitUntilGraded'], ['limited', 'tasks.form.resubmitLimited']] as const).map(([v, k]) => html`
            <label class="check"><input type="radio" name="resubmission" value=${v} .checked=${this.resubmission === v} @change=${() => (this.resubmission = v)}> ${this.t(k)}</label>`)}
          ${this.resubmission === 'limited' ? html`<div class="field short"><label for="maxSubmissions">${this.t('tasks.form.maxSubmissions')}</label><input id="maxSubmissions" name="maxSubmissions" type="number" min="1" max="20" .value=${String(t?.maxSubmissions ?? 3)} required></div>` : nothing}
        </fieldset>

        <fieldset>
          <legend>${this.t('tasks.grade')}</legend>
          <div class="field short"><label for="maxScore">${this.t('tasks.form.maxScore')}</label><input id="maxScore" name="maxScore" inputmode="decimal" .value=${String(t?.maxScore ?? 10)} required></div>
          <label class="check"><input type="checkbox" .checked=${this.useRubric} @change=${(e: Event) => (this.useRubric = (e.target as HTMLInputElement).checked)}> ${this.t('tasks.form.useRubric')}</label>
          ${this.useRubric ? html`<ph-task-rubric-editor .value=${this.rubric ?? { criteria: [{ title: '', levels: [{ label: 'Chưa đạt', points: 0, description: '' }, { label: 'Đạt', points: 1, description: '' }, { label: 'Tốt', points: 2, description: '' }] }] }} @change=${(e: CustomEvent<Rubric>) => (this.rubric = e.detail)}></ph-task-rubric-editor>` : nothing}
          ${pair?.assessment === 'comment' ? html`<p class="hint">${this.t('tasks.form.commentSubject')}</p>` : html`
            <label class="check"><input type="checkbox" .checked=${this.toGradebook} @change=${(e: Event) => (this.toGradebook = (e.target as HTMLInputElement).checked)}> ${this.t('tasks.form.toGradebook')}</label>
            ${this.toGradebook ? html`<div class="form-grid">
              <div class="field"><label for="semester">${this.t('tasks.form.semester')}</label><select id="semester" name="semester">
                ${teaching.semesters.map((s) => html`<option value=${s.id} ?selected=${target?.semesterId === s.id}>${this.t('tasks.form.semesterN', { n: s.number === 1 ? 'I' : 'II' })}</option>`)}</select></div>
              <div class="field"><label for="column">${this.t('tasks.form.column')}</label><select id="column" name="column">
                ${[1, 2, 3, 4].map((n) => html`<option value=${n} ?selected=${column === String(n)}>${this.t('tasks.form.regular', { n })}</option>`)}
                <option value="midterm" ?selected=${column === 'midterm'}>${this.t('tasks.form.midterm')}</option><option value="endterm" ?selected=${column === 'endterm'}>${this.t('tasks.form.endterm')}</option></select></div>
            </div>` : nothing}`}
        </fieldset>

        ${this.attachments.length ? html`<ul class="attached">${this.attachments.map((f) => html`<li>${f.fileName} <span class="muted">${formatSize(f.size)}</span>
          <button type="button" class="btn danger" @click=${() => this.dropAttachment(f.id)}>${this.t('tasks.remove')}</button></li>`)}</ul>` : nothing}
        <div class="field">
          <label for="attachments">${this.t('tasks.form.attachments')}</label>
          <input id="attachments" name="attachments" type="file" multiple accept=${TASK_UPLOAD.accept}>
        </div>
        ${this.progress !== null ? html`<ph-progress-bar .value=${this.progress}></ph-progress-bar>` : nothing}
        ${this.error ? html`<p class="notice error" role="alert">${this.error}</p>` : nothing}
        <div class="form-actions">
          <button class="btn primary big" type="submit" ?disabled=${this.busy}>${this.t(t ? 'tasks.form.saveEdit' : 'tasks.form.save')}</button>
          <button class="btn" type="button" @click=${() => this.dispatchEvent(new CustomEvent('cancel'))}>${this.t('tasks.form.cancel')}</button>
        </div>
      </form>
    `;
  }

  private dateTime(name: string, label: 'tasks.form.opens' | 'tasks.form.due' | 'tasks.form.close', v: { date: string; time: string }) {
    return html`<fieldset class="when">
      <legend>${this.t(label)}</legend>
      <div class="pair">
        <div class="field"><label for=${`${name}Date`}>${this.t('tasks.form.date')}</label><input id=${`${name}Date`} name=${`${name}Date`} inputmode="numeric" placeholder="dd/mm/yyyy" pattern="\\d{1,2}/\\d{1,2}/\\d{4}" required .value=${v.date}></div>
        <div class="field"><label for=${`${name}Time`}>${this.t('tasks.form.time')}</label><input id=${`${name}Time`} name=${`${name}Time`} inputmode="numeric" placeholder="hh:mm" pattern="\\d{1,2}:\\d{2}" required .value=${v.time}></div>
      </div>
    </fieldset>`;
  }

  static override styles = [baseStyles, formStyles, css`
    h2 { margin-top: 0; }
    fieldset { margin-top: 1rem; }
    .students { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 0 1rem; }
    .pair { display: grid; grid-template-columns: 1fr 7rem; gap: 0.75rem; }
    .short { max-width: 12rem; }
    .when { margin: 0; }
    .attached { list-style: none; padding: 0; margin: 1rem 0 0.5rem; display: grid; gap: 0.5rem; }
    .attached li { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
  `];
}

customElements.define('ph-task-form', TaskForm);
declare global {
  interface HTMLElementTagNameMap { 'ph-task-form': TaskForm }
}
