import { css, html, nothing } from 'lit';
import { PhElement } from './ph-element.js';
import type { HomeSummary } from '../api/types.js';
import { baseStyles } from '../styles/shared-styles.js';

type Children = NonNullable<HomeSummary['children']>;

/** A parent's children and their classes. */
export class HomeChildren extends PhElement {
  static override properties = { items: { attribute: false } };
  declare items: Children | null;

  constructor() {
    super();
    this.items = null;
  }

  override render() {
    if (!this.items) return nothing;
    return html`
      <section aria-labelledby="children-title">
        <h2 id="children-title">${this.t('home.children')}</h2>
        ${this.items.length ? html`
          <ul>
            ${this.items.map((c) => html`
              <li class="card">
                <span class="name">${c.fullName}</span>
                <span class="class">${c.className ? this.t('class.name', { name: c.className }) : this.t('home.noClass')}</span>
                <a href=${`/phu-huynh/con/${c.id}`}>${this.t('par.open')} →</a>
              </li>`)}
          </ul>` : html`<p class="muted">${this.t('home.noChildren')}</p>`}
      </section>`;
  }

  static override styles = [baseStyles, css`
    ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 18rem), 1fr)); }
    li { display: flex; flex-direction: column; gap: 0.25rem; border-left: 6px solid var(--ph-color-primary); }
    .name { font-size: 1.25rem; font-weight: 700; }
    .class { color: var(--ph-color-primary); font-weight: 600; font-size: 1.0625rem; }
  `];
}

customElements.define('ph-home-children', HomeChildren);
declare global {
  interface HTMLElementTagNameMap { 'ph-home-children': HomeChildren }
}
