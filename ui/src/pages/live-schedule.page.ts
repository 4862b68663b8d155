import { css, html, nothing } from 'lit';
import { PhElement } from '../components/ph-element.js';
import '../components/lesson-picker.js';
import type { LessonPickDetail } from '../components/lesson-picker.js';
import { api } from '../api/endpoints.js';
import { curriculumApi } from '../api/curriculum.js';
import type { LiveLessonBody, TeachingAssignment } from '../api/types.js';
import { session } from '../state/session.js';
import { isApiError } from '../api/client.js';
import { notifyError } from '../state/notify.js';
import { livePath, PATHS } from '../router.js';
import { baseStyles, formStyles } from '../styles/shared-styles.js';

const MANAGERS = ['principal', 'vice_principal'] as const;

/** Today in school time (UTC+7) as YYYY-MM-DD. */
function schoolToday(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

function addMinutes(hhmm: string, minutes: number): string {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const total = Math.min(23 * 60 + 59, h * 60 + m + minutes);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/**
 * Schedule a live lesson (Art. 5.3) for a class × subject the teacher is assigned to (managers: any
 * assignment), linked to the lesson of the curriculum being taught (Art. 4.1). `?lesson=ID` presets
 * the curriculum lesson (from the curriculum page).
 */
export class LiveSchedulePage extends PhElement {
  static override properties = {
    assignments: { state: true }, assignmentId: { state: true }, lessonId: { state: true }, busy: { state: true }, created: { state: true }, start: { state: true },
    needsDecision: { state: true },
  };
  declare assignments: (TeachingAssignment & { grade: number })[];
  declare assignmentId: number | null;
  declare lessonId: number | null;
  declare busy: boolean;
  declare created: number | null;
  declare start: string;
  /** The server refused replacing mode: no force-majeure decision covers the lesson (Art. 5.4). */
  declare needsDecision: boolean;

  constructor() {
    super();
    this.assignments = [];
    this.assignmentId = null;
    this.lessonId = null;
    this.busy = false;
    this.created = null;
    this.start = '07:30';
    this.needsDecision = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    const me = session.me;
    if (!me) return;
    try {
      const manager = me.roles.some((r) => (MANAGERS as readonly string[]).includes(r));
      const [list, classes] = await Promise.all([curriculumApi.assignments(manager ? undefined : me.personId), api.classes()]);
      const grade = new Map(classes.map((c) => [c.id, c.grade]));
      this.assignments = list.map((a) => ({ ...a, grade: grade.get(a.classId) ?? 0 }))
        .sort((a, b) => a.className.localeCompare(b.className, 'vi', { numeric: true }) || a.subjectName.localeCompare(b.subjectName, 'vi'));
      const wanted = Number(new URLSearchParams(location.search).get('lesson')) || null;
      if (wanted) {
        const lesson = await curriculumApi.lesson(wanted);
        const match = this.assignments.find((a) => a.subjectId === lesson.subjectId && a.grade === lesson.grade && (manager || a.teacherId === me.personId));
        if (match) { this.assignmentId = match.id; this.lessonId = lesson.id; }
      }
      this.assignmentId ??= this.assignments[0]?.id ?? null;
    } catch (e) {
      notifyError(e);
    }
  }

  private get assignment() {
    return this.assignments.find((a) => a.id === this.assignmentId);
  }

  private async submit(e: SubmitEvent) {
    e.preventDefault();
    const a = this.assignment;
    if (!a) return;
    const d = new FormData(e.target as HTMLFormElement);
    const v = (k: string) => String(d.get(k) ?? '').trim();
    const body: LiveLessonBody = {
      classId: a.classId, subjectId: a.subjectId,
      startsAt: `${v('date')}T${v('start')}:00+07:00`, endsAt: `${v('date')}T${v('end')}:00+07:00`,
      mode: v('mode') === 'replacing' ? 'replacing' : 'supporting', recordingAllowed: d.get('recording') === 'on',
      ...(v('topic') ? { topic: v('topic') } : {}),
      ...(this.lessonId ? { curriculumLessonId: this.lessonId } : {}),
      ...(a.teacherId !== session.me?.personId ? { teacherId: a.teacherId } : {}),
    };
    this.busy = true;
    this.needsDecision = false;
    try {
      this.created = (await api.scheduleLive(body)).id;
    } catch (err) {
      this.needsDecision = isApiError(err) && err.code === 'REPLACING_MODE_NEEDS_FORCE_MAJEURE';
      notifyError(err);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const a = this.assignment;
    const byClass = new Map<string, (TeachingAssignment & { grade: number })[]>();
    for (const x of this.assignments) byClass.set(x.className, [...(byClass.get(x.className) ?? []), x]);
    return html`
      <h1>${this.t('cur.sched.title')}</h1>
      <p class="muted">${this.t('cur.sched.intro')}</p>
      ${this.created ? html`<div class="notice success" role="status">${this.t('cur.sched.done')}
        <div class="actions"><a class="btn" href=${livePath(this.created)}>${this.t('cur.sched.open')}</a>
        <button class="btn" @click=${() => (this.created = null)}>${this.t('cur.sched.another')}</button></div></div>` : nothing}
      ${!this.assignments.length ? html`<p class="notice">${this.t('cur.sched.none')}</p>` : html`
      <form class="card" @submit=${this.submit}>
        <div class="form-grid">
          <div class="field wide"><label for="assignment">${this.t('cur.sched.classSubject')}</label>
            <select id="assignment" required @change=${(e: Event) => { this.assignmentId = Number((e.target as HTMLSelectElement).value); this.lessonId = null; }}>
              ${[...byClass].map(([cls, list]) => html`<optgroup label=${`${this.t('cur.sched.class')} ${cls}`}>${list.map((x) => html`
                <option value=${x.id} ?selected=${x.id === this.assignmentId}>${cls} · ${x.subjectName}${x.teacherId !== session.me?.personId ? ` (${x.teacherName})` : ''}</option>`)}</optgroup>`)}
            </select></div>
          <div class="field wide">
            <ph-lesson-picker fixed-subject fixed-grade .subjectId=${a?.subjectId ?? null} .grade=${a?.grade ?? null} .value=${this.lessonId}
              @change=${(e: CustomEvent<LessonPickDetail>) => { this.lessonId = e.detail.curriculumLessonId; }}></ph-lesson-picker></div>
          <div class="field wide"><label for="topic">${this.t('cur.sched.topic')}</label>
            <input id="topic" name="topic" maxlength="300" ?required=${!this.lessonId} placeholder=${this.lessonId ? this.t('cur.sched.topicFromLesson') : ''} /></div>
          <div class="field"><label for="date">${this.t('cur.sched.date')}</label><input id="date" name="date" type="date" required .value=${schoolToday()} /></div>
          <div class="field"><label for="start">${this.t('cur.sched.start')}</label><input id="start" name="start" type="time" required .value=${this.start}
            @change=${(e: Event) => { this.start = (e.target as HTMLInputElement).value; }} /></div>
          <div class="field"><label for="end">${this.t('cur.sched.end')}</label><input id="end" name="end" type="time" required .value=${addMinutes(this.start, 45)} /></div>
          <div class="field"><label for="mode">${this.t('cur.sched.mode')}</label>
            <select id="mode" name="mode"><option value="supporting">${this.t('cur.sched.supporting')}</option><option value="replacing">${this.t('cur.sched.replacing')}</option></select></div>
          <label class="check wide"><input type="checkbox" name="recording" /> ${this.t('cur.sched.recording')}</label>
        </div>
        ${this.needsDecision ? html`<div class="notice warning" role="alert">${this.t('dec.scheduleNeedsForceMajeure')}
          ${session.hasAny(MANAGERS) ? html`<a href=${PATHS.decisions}>${this.t('dec.link')}</a>` : this.t('dec.askPrincipal')}</div>` : nothing}
        <div class="form-actions"><button class="btn primary big" type="submit" ?disabled=${this.busy || !a}>${this.t('cur.sched.submit')}</button></div>
      </form>`}`;
  }

  static override styles = [baseStyles, formStyles, css`
    form { max-width: 56rem; }
    .check.wide { grid-column: 1 / -1; }
    .notice .actions { margin-top: 0.75rem; }
  `];
}

customElements.define('ph-live-schedule-page', LiveSchedulePage);
declare global {
  interface HTMLElementTagNameMap { 'ph-live-schedule-page': LiveSchedulePage }
}
