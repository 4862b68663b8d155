import { css, html, nothing } from 'lit';
import { LoadedPage } from '../components/loaded-page.js';
import { QUIZ_PATHS, quizDateTime, quizzesApi, type QuizResultsT } from '../api/quizzes.js';
import { pick } from '../i18n/index.js';
import { baseStyles, tableStyles } from '../styles/shared-styles.js';

const ten = (score: number | null, max: number | null) => (score === null || !max ? '' : (Math.round((score / max) * 100) / 10).toLocaleString('vi-VN'));

/**
 * /kiem-tra/:id/ket-qua — a quiz's results (Art. 5.3, 6, 9.2.c): per class (who started,
 * submitted, the average on the 10-point scale), per student (score, essays to grade, the
 * integrity log's count, a link to the attempt), and per question (percent right, the most
 * common wrong answers). The progress module links here.
 */
export class QuizResultsPage extends LoadedPage<QuizResultsT> {
  protected fetch(id: number) {
    return quizzesApi.results(id);
  }

  override render() {
    if (this.failed) return html`<p class="notice error" role="alert">${pick(this.failed)}</p>`;
    const d = this.data;
    if (!d) return html`<p class="muted" aria-busy="true">…</p>`;
    const q = d.quiz;
    return html`
      <h1>${q.title}</h1>
      <p class="muted">${q.subjectName} · ${q.classNames.join(', ')} · ${this.t(`quiz.kind.${q.kind}` as const)} · ${this.t('quiz.window', { from: quizDateTime(q.opensAt), to: quizDateTime(q.closesAt) })}</p>
      <h2>${this.t('quiz.byClass')}</h2>
      <div class="table-wrap"><table>
        <thead><tr><th>${this.t('quiz.col.class')}</th><th class="num">${this.t('quiz.col.students')}</th><th class="num">${this.t('quiz.col.started')}</th><th class="num">${this.t('quiz.col.submitted')}</th><th class="num">${this.t('quiz.col.average')}</th></tr></thead>
        <tbody>${d.classes.map((c) => html`<tr><td>${c.className}</td><td class="num">${c.students}</td><td class="num">${c.started}</td><td class="num">${c.submitted}</td>
          <td class="num">${c.average === null ? '' : c.average.toLocaleString('vi-VN')}</td></tr>`)}</tbody></table></div>
      <h2>${this.t('quiz.byStudent')}</h2>
      <div class="table-wrap"><table>
        <thead><tr><th>${this.t('quiz.col.student')}</th><th>${this.t('quiz.col.class')}</th><th>${this.t('quiz.col.status')}</th><th class="num">${this.t('quiz.col.score')}</th><th class="num">${this.t('quiz.col.events')}</th><th></th></tr></thead>
        <tbody>${d.students.map((s) => html`<tr>
          <td>${s.fullName}</td><td>${s.className}</td>
          <td>${s.status === null ? html`<span class="badge neutral">${this.t('quiz.notStarted')}</span>`
            : s.status === 'in_progress' ? html`<span class="badge warn">${this.t('quiz.inProgress')}</span>`
            : s.pendingEssays ? html`<span class="badge warn">${this.t('quiz.waitingGrade', { count: s.pendingEssays })}</span>`
            : html`<span class="badge ok">${this.t('quiz.done')}</span>`}</td>
          <td class="num">${s.score === null ? '' : `${s.score.toLocaleString('vi-VN')}/${(s.maxScore ?? 0).toLocaleString('vi-VN')} (${ten(s.score, s.maxScore)})`}</td>
          <td class="num">${s.events ? html`<span class="badge danger">${s.events}</span>` : ''}</td>
          <td>${s.attemptId ? html`<a href=${QUIZ_PATHS.review(s.attemptId)}>${this.t('quiz.view')}</a>` : nothing}</td></tr>`)}</tbody></table></div>
      <h2>${this.t('quiz.byQuestion')}</h2>
      <div class="table-wrap"><table>
        <thead><tr><th>${this.t('quiz.col.question')}</th><th>${this.t('quiz.col.level')}</th><th class="num">${this.t('quiz.col.percentRight')}</th><th>${this.t('quiz.col.commonWrong')}</th></tr></thead>
        <tbody>${d.questions.map((x) => html`<tr><td class="stem">${x.stem}</td><td>${this.t(`quiz.level.${x.level as 'nhan_biet'}` as const)}</td>
          <td class="num"><span class="bar" style=${`--p:${x.percentRight}%`}></span>${x.percentRight.toLocaleString('vi-VN')}% <span class="muted">(${x.right}/${x.drawn})</span></td>
          <td>${x.type === 'essay' ? html`<span class="muted">${this.t('quiz.essayHint')}</span>` : html`<ul>${x.commonWrong.map((w) => html`<li>${w.answer} <span class="muted">× ${w.count}</span></li>`)}</ul>`}</td></tr>`)}</tbody></table></div>`;
  }

  static override styles = [baseStyles, tableStyles, css`
    td.num, th.num { text-align: right; white-space: nowrap; }
    td.stem { max-width: 28rem; }
    ul { margin: 0; padding-left: 1.1rem; }
    .bar { display: inline-block; width: 4rem; height: 0.5rem; margin-right: 0.5rem; border-radius: 999px; vertical-align: middle;
      background: linear-gradient(90deg, var(--ph-color-success) var(--p), #e3e8ed var(--p)); }
  `];
}

customElements.define('ph-quiz-results-page', QuizResultsPage);
