import { css, html, nothing } from 'lit';
import { PhElement } from './ph-element.js';
import type { HomeSummary } from '../api/types.js';
import { baseStyles } from '../styles/shared-styles.js';

type Learning = NonNullable<HomeSummary['learning']>;

/** The student's own class and its subjects with their teachers, laid out for a phone. */
export class HomeLearning extends PhElement {
  static override properties = { learning: { attribute: false } };
  declare learning: Learning | null;

  constructor() {
    super();
    this.learning = null;
  }

  override render() {
    const l = this.learning;
    if (!l) return nothing;
    const cls = l.class;
    return html`
      <section class="card class-card" aria-labelledby="my-class">
        <p class="kicker">${this.t('home.myClass')}</p>
        ${cls ? html`
          <h2 id="my-class">${this.t('class.name', { name: cls.name })}</h2>
          <dl>
            <div><dt>${this.t('class.homeroom')}</dt><dd>${cls.homeroomTeacherName ?? this.t('class.noHomeroom')}</dd></div>
            <div><dt>${this.t('class.size')}</dt><dd>${this.t('class.studentCount', { count: cls.studentCount })}</dd></div>
          </dl>` : html`<h2 id="my-class">${this.t('home.noClass')}</h2>`}
      </section>
      <section aria-labelledby="my-subjects">
        <h2 id="my-subjects">${this.t('home.mySubjects')}</h2>
        ${l.subjects.length ? html`
          <ul class="subjects">
            ${l.subjects.map((s) => html`<li><span class="subject">${s.subjectName}</span><span class="teacher">${s.teacherName}</span></li>`)}
          </ul>` : html`<p class="muted">${this.t('home.noSubjects')}</p>`}
      </section>`;
  }

  static override styles = [baseStyles, css`
    :host { font-size: 1.0625rem; }
    .class-card { background: var(--ph-color-primary); color: #fff; border: 0; margin-bottom: 1.25rem; }
    .kicker { margin: 0; font-weight: 600; opacity: 0.9; }
    .class-card h2 { font-size: 2rem; margin: 0.125rem 0 0.75rem; }
    dl { margin: 0; display: grid; gap: 0.5rem; }
    dl div { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0 1rem; border-top: 1px solid rgba(255,255,255,0.25); padding-top: 0.5rem; }
    dt { opacity: 0.9; }
    dd { margin: 0; font-weight: 700; }
    .subjects { list-style: none; margin: 0; padding: 0; background: var(--ph-color-surface); border: 1px solid var(--ph-color-border); border-radius: var(--ph-radius); }
    .subjects li { display: flex; flex-direction: column; gap: 0.125rem; padding: 0.75rem 1rem; border-bottom: 1px solid #e3e8ed; min-height: 3.5rem; justify-content: center; }
    .subjects li:last-child { border-bottom: 0; }
    .subject { font-weight: 700; }
    .teacher { color: var(--ph-color-muted); font-size: 0.9375rem; }
  `];
}

customElements.define('ph-home-learning', HomeLearning);
declare global {
  interface HTMLElementTagNameMap { 'ph-home-learning': HomeLearning }
}
