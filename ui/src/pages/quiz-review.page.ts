import { css, html, nothing } from 'lit';
import { LoadedPage } from '../components/loaded-page.js';
import { QUIZ_PATHS, quizDateTime, quizzesApi, type AttemptReviewT } from '../api/quizzes.js';
import { pick } from '../i18n/index.js';
import { notifyError, notifySuccess } from '../state/notify.js';
import { baseStyles, formStyles } from '../styles/shared-styles.js';

type ReviewQuestion = AttemptReviewT['questions'][number];
const vn = (n: number) => n.toLocaleString('vi-VN');

/** An answer or a key as the teacher reads it. */
function show(q: ReviewQuestion, value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  const body = q.body as { options?: { id: string; text: string }[]; statements?: { id: string; text: string }[]; pairs?: { left: string }[] };
  const opt = (id: unknown) => body.options?.find((o) => o.id === id);
  if (q.type === 'single') return opt(value) ? `${String(value)}. ${opt(value)!.text}` : String(value);
  if (q.type === 'multiple' && Array.isArray(value)) return value.map((id) => (opt(id) ? `${String(id)}. ${opt(id)!.text}` : String(id))).join('; ');
  if (q.type === 'true_false' && typeof value === 'object') return Object.entries(value as Record<string, boolean>).map(([k, v]) => `${k}: ${v ? 'Đúng' : 'Sai'}`).join(', ');
  if (q.type === 'matching' && Array.isArray(value)) return (body.pairs ?? []).map((p, i) => `${p.left} → ${String(value[i] ?? '–')}`).join('; ');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The key of a question from its snapshot body. */
function keyOf(q: ReviewQuestion): string {
  const b = q.body as Record<string, unknown>;
  switch (q.type) {
    case 'single': case 'multiple': return ((b.options as { id: string; text: string; correct: boolean }[]) ?? []).filter((o) => o.correct).map((o) => `${o.id}. ${o.text}`).join('; ');
    case 'true_false': return ((b.statements as { id: string; correct: boolean }[]) ?? []).map((s) => `${s.id}: ${s.correct ? 'Đúng' : 'Sai'}`).join(', ');
    case 'short': return ((b.accepted as string[]) ?? []).join(' / ');
    case 'numeric': return `${String(b.value)}${b.tolerance ? ` ± ${String(b.tolerance)}` : ''}${b.unit ? ` ${String(b.unit)}` : ''}`;
    case 'matching': return ((b.pairs as { left: string; right: string }[]) ?? []).map((p) => `${p.left} → ${p.right}`).join('; ');
    default: return String(b.rubric ?? '');
  }
}

/**
 * /kiem-tra/bai-lam/:id — one student's attempt for the teacher: each question with the answer,
 * the key and the points; essays graded here (points and a comment); the integrity log of a
 * periodic test (Art. 6.2).
 */
export class QuizReviewPage extends LoadedPage<AttemptReviewT> {
  protected fetch(id: number) {
    return quizzesApi.review(id);
  }

  private async grade(q: ReviewQuestion, form: HTMLFormElement) {
    const points = Number((form.querySelector('input[name=points]') as HTMLInputElement).value.replace(',', '.'));
    const comment = (form.querySelector('textarea') as HTMLTextAreaElement).value;
    try {
      await quizzesApi.grade(Number(this.params.id), q.key, points, comment || null);
      notifySuccess('quiz.gradeSaved');
      await this.load();
    } catch (e) {
      notifyError(e);
    }
  }

  override render() {
    if (this.failed) return html`<p class="notice error" role="alert">${pick(this.failed)}</p>`;
    const d = this.data;
    if (!d) return html`<p class="muted" aria-busy="true">…</p>`;
    const a = d.attempt;
    return html`
      <p><a href=${QUIZ_PATHS.results(d.quizId)}>← ${this.t('quiz.resultsTitle')}</a></p>
      <h1>${a.studentName} <span class="muted">${a.className ?? ''}</span></h1>
      <p>${quizDateTime(a.startedAt)} → ${a.submittedAt ? quizDateTime(a.submittedAt) : this.t('quiz.inProgress')}
        ${a.submittedBy ? html` · ${this.t(`quiz.submittedBy.${a.submittedBy}` as const)}` : nothing}</p>
      <p class="score">${a.score === null ? (a.pendingEssays ? this.t('quiz.waitingGrade', { count: a.pendingEssays }) : '') : this.t('quiz.score', { score: vn(a.score), max: vn(a.maxScore) })}</p>
      <section class="card">
        <h2>${this.t('quiz.integrity')}</h2>
        ${d.events.length ? html`<ol class="events">${d.events.map((e) => html`<li><strong>${quizDateTime(e.at)}</strong> ${this.t(`quiz.event.${e.kind as 'focus_lost'}` as const)}
          ${e.details && 'from' in e.details ? html`<span class="muted">(${String(e.details.from)} → ${String(e.details.to)})</span>` : nothing}</li>`)}</ol>`
          : html`<p class="muted">${this.t('quiz.integrityEmpty')}</p>`}
      </section>
      <ol class="questions">${d.questions.map((q) => html`<li class="card">
        <p class="stem">${q.stem} <span class="muted">(${this.t('quiz.points', { points: q.points })})</span></p>
        <p><span class="label">${this.t('quiz.studentAnswer')}:</span> ${show(q, q.answer) || html`<span class="muted">${this.t('quiz.noAnswer')}</span>`}</p>
        ${q.type !== 'essay' ? html`<p><span class="label">${this.t('quiz.key')}:</span> ${keyOf(q)}</p>
          <p><span class="label">${this.t('quiz.awarded')}:</span> ${q.awarded === null ? '–' : vn(q.awarded)}/${vn(q.points)}</p>`
          : html`${keyOf(q) ? html`<p class="muted">${keyOf(q)}</p>` : nothing}
            <form class="grade" @submit=${(e: Event) => { e.preventDefault(); void this.grade(q, e.target as HTMLFormElement); }}>
              <label class="field">${this.t('quiz.gradePoints', { max: q.points })}<input name="points" inputmode="decimal" .value=${q.awarded === null ? '' : vn(q.awarded)} required /></label>
              <label class="field">${this.t('quiz.gradeComment')}<textarea rows="2">${q.comment ?? ''}</textarea></label>
              <button class="btn primary" type="submit">${this.t('quiz.saveGrade')}</button>
            </form>`}
      </li>`)}</ol>`;
  }

  static override styles = [baseStyles, formStyles, css`
    .score { font-size: 1.25rem; font-weight: 700; }
    .questions { padding-left: 1.25rem; display: grid; gap: 0.75rem; }
    .stem { white-space: pre-wrap; font-weight: 600; }
    .label { font-weight: 600; }
    .grade { display: grid; gap: 0.5rem; max-width: 30rem; }
    textarea { font: inherit; padding: 0.5rem; border: 1px solid #8a99a8; border-radius: var(--ph-radius-small); }
    .events { padding-left: 1.25rem; }
  `];
}

customElements.define('ph-quiz-review-page', QuizReviewPage);
