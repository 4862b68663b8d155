import { css, html, nothing } from 'lit';
import { PhElement } from './ph-element.js';
import type { HomeSummary } from '../api/types.js';
import { classPath, PATHS } from '../router.js';
import { baseStyles } from '../styles/shared-styles.js';

type Teaching = NonNullable<HomeSummary['teaching']>;

/**
 * The teacher's classes as large tiles, for the teaching room's touch screen seen from a metre
 * away: ≥ 20px text, ≥ 28px headings, every target well over 64px tall, strong contrast.
 */
export class HomeTeaching extends PhElement {
  static override properties = { teaching: { attribute: false }, kiosk: { type: Boolean, reflect: true } };
  declare teaching: Teaching | null;
  declare kiosk: boolean;

  constructor() {
    super();
    this.teaching = null;
    this.kiosk = false;
  }

  override render() {
    if (!this.teaching) return nothing;
    const { homeroom } = this.teaching;
    const assignments = [...this.teaching.assignments].sort((a, b) =>
      a.className.localeCompare(b.className, 'vi', { numeric: true }) || a.subjectName.localeCompare(b.subjectName, 'vi'));
    return html`
      <section aria-labelledby="teaching-title">
        <h2 id="teaching-title">${this.t('home.teaching')}</h2>
        <ul class="tiles">
          ${homeroom ? html`
            <li>
              <a class="tile homeroom" href=${classPath(homeroom.id)}>
                <span class="kicker">${this.t('home.homeroom')}</span>
                <span class="class">${this.t('class.name', { name: homeroom.name })}</span>
                <span class="detail">${this.t('class.studentCount', { count: homeroom.studentCount })}</span>
                ${homeroom.sizeWarning ? html`<span class="warn">${this.t('class.sizeWarning', { count: homeroom.sizeWarning.count, limit: homeroom.sizeWarning.limit })}</span>` : nothing}
              </a>
            </li>
            <li>
              <a class="tile notices" href=${PATHS.notices}>
                <span class="kicker">${this.t('notices.nav')}</span>
                <span class="subject">${this.t('notices.homeroomTile', { name: homeroom.name })}</span>
              </a>
            </li>` : nothing}
          ${assignments.map((a) => html`
            <li>
              <a class="tile" href=${classPath(a.classId)}>
                <span class="class">${a.className}</span>
                <span class="subject">${a.subjectName}</span>
              </a>
            </li>`)}
        </ul>
        ${assignments.length === 0 ? html`<p class="muted">${this.t('home.noAssignments')}</p>` : nothing}
      </section>`;
  }

  static override styles = [baseStyles, css`
    :host { font-size: 1.25rem; }
    :host([kiosk]) h2 { font-size: 1.875rem; }
    h2 { font-size: 1.5rem; }
    .tiles { list-style: none; margin: 0; padding: 0; display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 15rem), 1fr)); }
    :host([kiosk]) .tiles { grid-template-columns: repeat(auto-fill, minmax(min(100%, 19rem), 1fr)); gap: 1.25rem; }
    .tile {
      display: flex; flex-direction: column; justify-content: center; gap: 0.25rem; height: 100%;
      min-height: 7.5rem; padding: 1.25rem 1.5rem; border-radius: 14px; text-decoration: none;
      background: var(--ph-color-surface); color: var(--ph-color-text); border: 2px solid var(--ph-color-border);
      border-left: 10px solid var(--ph-color-primary); box-shadow: var(--ph-shadow);
      transition: transform 0.08s ease, box-shadow 0.08s ease;
    }
    .tile:hover { border-color: var(--ph-color-primary); box-shadow: 0 4px 16px rgba(16, 32, 48, 0.15); }
    .tile:active { transform: scale(0.98); }
    .tile:focus-visible { outline: 4px solid var(--ph-color-focus); outline-offset: 3px; }
    .class { font-size: 2rem; font-weight: 800; line-height: 1.15; color: var(--ph-color-primary); }
    .subject { font-size: 1.375rem; font-weight: 600; line-height: 1.3; }
    .homeroom { background: var(--ph-color-primary); color: #fff; border-color: var(--ph-color-primary); border-left-color: var(--ph-color-focus); }
    .homeroom .class { color: #fff; }
    .kicker { font-size: 1.125rem; font-weight: 600; text-transform: uppercase; letter-spacing: 0.04em; opacity: 0.9; }
    .detail { font-size: 1.25rem; }
    .warn { margin-top: 0.375rem; padding: 0.25rem 0.625rem; border-radius: 6px; background: var(--ph-color-warning-soft); color: #4a2d00; font-size: 1.0625rem; font-weight: 600; }
    :host([kiosk]) .tile { min-height: 9rem; }
    :host([kiosk]) .class { font-size: 2.5rem; }
    :host([kiosk]) .subject { font-size: 1.625rem; }
  `];
}

customElements.define('ph-home-teaching', HomeTeaching);
declare global {
  interface HTMLElementTagNameMap { 'ph-home-teaching': HomeTeaching }
}
