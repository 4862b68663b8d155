import { css, html, nothing } from 'lit';
import { PhElement } from './ph-element.js';
import { baseStyles } from '../styles/shared-styles.js';
import { qaApi, type QaCounts } from '../api/qa.js';

/**
 * `<ph-qa-counts class-id="12">`: the class page's box of questions and answers (Art. 9.2): per
 * subject the viewer may open, how many questions and how many still wait for an answer, with a
 * link to /hoi-dap. Shows nothing when the viewer has no subject of that class.
 */
export class QaCountsBox extends PhElement {
  static override properties = { classId: { type: Number, attribute: 'class-id' }, counts: { state: true } };
  declare classId: number;
  declare counts: QaCounts | null;

  constructor() {
    super();
    this.classId = 0;
    this.counts = null;
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('classId') && this.classId > 0) {
      qaApi.counts(this.classId).then((c) => { this.counts = c; }, () => { this.counts = []; });
    }
  }

  override render() {
    if (!this.counts?.length) return nothing;
    return html`
      <section class="card">
        <h2>${this.t('qa.counts')}</h2>
        <ul>${this.counts.map((c) => html`
          <li><a href=${`/hoi-dap?lop=${c.classId}&mon=${c.subjectId}`}>${c.subjectName}</a>
            <span class="muted">${this.t('qa.countsLine', { questions: c.questions, unanswered: c.unanswered })}</span>
            ${c.unanswered ? html`<span class="badge warn">${c.unanswered}</span>` : nothing}</li>`)}</ul>
      </section>`;
  }

  static override styles = [baseStyles, css`
    h2 { margin-top: 0; }
    ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.375rem; }
    li { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: baseline; }
  `];
}

customElements.define('ph-qa-counts', QaCountsBox);
declare global {
  interface HTMLElementTagNameMap { 'ph-qa-counts': QaCountsBox }
}
