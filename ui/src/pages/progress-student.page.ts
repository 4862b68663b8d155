import { html, nothing } from 'lit';
import { LoadedPage } from '../components/loaded-page.js';
import '../components/student-progress.js';
import { progressApi, type StudentProgress } from '../api/progress.js';
import { pick } from '../i18n/index.js';
import { baseStyles } from '../styles/shared-styles.js';
import { PROGRESS_PATH, progressClassPath } from './progress.page.js';

/** /tien-do/hoc-sinh/:id — one student's progress, for their teachers, parents and managers (scope on the server). */
export class ProgressStudentPage extends LoadedPage<StudentProgress> {
  private get subjectId(): number | undefined {
    return Number(new URLSearchParams(location.search).get('mon')) || undefined;
  }

  protected fetch(id: number): Promise<StudentProgress> {
    return progressApi.student(id, this.subjectId);
  }

  override render() {
    const d = this.data;
    const back = d?.student.classId && this.subjectId ? progressClassPath(d.student.classId, this.subjectId) : PROGRESS_PATH;
    return html`
      <p><a href=${back}>← ${this.t('progress.title')}</a></p>
      <h1>${d ? this.t('progress.detailOf', { name: d.student.fullName }) : this.t('progress.title')}${d?.student.className ? html` <span class="muted">(${d.student.className})</span>` : nothing}</h1>
      ${this.failed ? html`<p class="notice error">${pick(this.failed)}</p>` : nothing}
      ${d ? html`<ph-student-progress .data=${d}></ph-student-progress>
        <p class="muted">${this.t('progress.stuckRule', { days: d.stuckRule.idleDays, percent: Math.round(d.stuckRule.lowScore * 100) })}</p>` : nothing}`;
  }

  static override styles = [baseStyles];
}

customElements.define('ph-progress-student-page', ProgressStudentPage);
declare global {
  interface HTMLElementTagNameMap { 'ph-progress-student-page': ProgressStudentPage }
}
