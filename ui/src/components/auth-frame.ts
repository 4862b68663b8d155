import { css, html } from 'lit';
import { boxSizing } from '../styles/shared-styles.js';
import { PhElement } from './ph-element.js';
import './language-switch.js';
import { session } from '../state/session.js';
import { PATHS } from '../router.js';

/** The frame of the pages shown before the school header: sign-in, first run, password change. */
export class AuthFrame extends PhElement {
  static override properties = { wide: { type: Boolean } };
  declare wide: boolean;

  constructor() {
    super();
    this.wide = false;
  }

  override render() {
    const school = session.state.schoolName;
    return html`
      <div class="top">
        <span class="product">${this.t('app.name')}</span>
        <ph-language-switch></ph-language-switch>
      </div>
      <div class="body">
        <div class="card ${this.wide ? 'wide' : ''}">
          ${school ? html`<p class="school">${school}</p>` : ''}
          <slot></slot>
        </div>
      </div>
      <footer><a href=${PATHS.caGuide}>${this.t('nav.ca')}</a><a href=${PATHS.disclosure}>${this.t('disc.footerLink')}</a></footer>`;
  }

  static override styles = [boxSizing, css`
    :host { display: flex; flex-direction: column; min-height: 100vh; background: linear-gradient(160deg, #0f4c5c 0%, #176b7f 45%, #e9f1f3 45.1%); }
    .top { display: flex; justify-content: space-between; align-items: center; gap: 1rem; padding: 0.75rem 1rem; color: #fff; }
    .product { font-weight: 700; font-size: 1.125rem; }
    ph-language-switch { --ph-switch-border: rgba(255,255,255,0.7); --ph-switch-color: #fff; --ph-switch-active-bg: #fff; --ph-switch-active-color: var(--ph-color-primary); }
    .body { flex: 1; display: flex; justify-content: center; align-items: flex-start; padding: 1.5rem 1rem 2rem; }
    .card { width: 100%; max-width: 30rem; background: #fff; border-radius: 14px; box-shadow: 0 10px 40px rgba(10, 40, 50, 0.25); padding: 2rem 1.75rem; }
    .card.wide { max-width: 52rem; }
    .school { margin: 0 0 0.25rem; color: var(--ph-color-primary); font-weight: 700; font-size: 1.0625rem; }
    footer { text-align: center; padding: 1rem; display: flex; flex-wrap: wrap; justify-content: center; gap: 0 1.5rem; }
    footer a { color: var(--ph-color-primary); font-weight: 600; display: inline-flex; min-height: 2.75rem; align-items: center; }
    a:focus-visible { outline: 3px solid var(--ph-color-focus); outline-offset: 2px; }
    @media (max-width: 30rem) { .card { padding: 1.5rem 1.125rem; } }
  `];
}

customElements.define('ph-auth-frame', AuthFrame);
declare global {
  interface HTMLElementTagNameMap { 'ph-auth-frame': AuthFrame }
}
