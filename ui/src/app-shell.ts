import { css, html, nothing } from 'lit';
import { boxSizing } from './styles/shared-styles.js';
import { PhElement } from './components/ph-element.js';
import './components/app-header.js';
import './components/toast-notifier.js';
import { api } from './api/endpoints.js';
import { isApiError, setSessionHooks } from './api/client.js';
import { session } from './state/session.js';
import { notifyError } from './state/notify.js';
import { interceptLinks, matchRoute, navigate, PATHS, redirectFor, type RouteDef } from './router.js';

type Phase = 'starting' | 'offline' | 'ready';

/**
 * The application: checks the school and the session once, then on every navigation applies
 * the guards (first run, sign-in, forced password change, role) and shows the page.
 */
export class AppShell extends PhElement {
  static override properties = { phase: { state: true }, view: { state: true }, route: { state: true }, forbidden: { state: true } };
  declare phase: Phase;
  declare view: HTMLElement | null;
  declare route: RouteDef | null;
  declare forbidden: boolean;
  private readonly onNavigate = () => void this.resolve();
  private navigations = 0;
  private readonly onSession = () => this.requestUpdate();

  constructor() {
    super();
    this.phase = 'starting';
    this.view = null;
    this.route = null;
    this.forbidden = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.onNavigate);
    window.addEventListener('ph-navigate', this.onNavigate);
    session.addEventListener('change', this.onSession);
    setSessionHooks({
      unauthenticated: () => {
        session.signedOut();
        navigate(`${PATHS.login}?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
      },
      passwordChangeRequired: () => navigate(PATHS.changePassword, { replace: true }),
    });
    interceptLinks();
    void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.onNavigate);
    window.removeEventListener('ph-navigate', this.onNavigate);
    session.removeEventListener('change', this.onSession);
  }

  private async start() {
    this.phase = 'starting';
    try {
      const status = await api.setupStatus();
      session.update({ setUp: status.setUp, schoolName: status.schoolName });
      if (status.setUp) {
        try {
          session.signedIn(await api.me());
        } catch (e) {
          if (!isApiError(e) || e.status !== 401) throw e;
          session.signedOut();
        }
      }
      this.phase = 'ready';
      await this.resolve();
    } catch (e) {
      this.phase = 'offline';
      notifyError(e);
    }
  }

  private async resolve() {
    if (this.phase !== 'ready') return;
    const path = location.pathname;
    const { route, params } = matchRoute(path);
    // Redirects replace the history entry so Back does not loop.
    const redirect = redirectFor(path, location.search, route, session.state);
    if (redirect) return navigate(redirect, { replace: true });

    const no = ++this.navigations;
    const roles = route.access;
    if (Array.isArray(roles) && !session.hasAny(roles)) {
      this.forbidden = true;
      this.route = route;
      this.view = null;
      return;
    }
    try {
      await route.load();
    } catch (e) {
      notifyError(e);
      return;
    }
    // A quicker later navigation has already shown its page.
    if (no !== this.navigations) return;
    const el = document.createElement(route.tag);
    Object.assign(el, { params });
    this.forbidden = false;
    this.route = route;
    this.view = el;
    await this.updateComplete;
    // Screen readers and keyboards start at the new page, not at the old focus.
    this.renderRoot.querySelector<HTMLElement>('main')?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }

  override updated(): void {
    // Here rather than in resolve(): a language switch renames the tab too.
    if (this.route) document.title = `${this.t(this.route.title)} · ${session.state.schoolName ?? this.t('app.name')}`;
  }

  private async logout() {
    try {
      await api.logout();
    } catch (e) {
      if (!isApiError(e) || e.status !== 401) notifyError(e);
    }
    session.signedOut();
    navigate(PATHS.login);
  }

  override render() {
    if (this.phase === 'starting') return html`<div class="center"><div class="spinner" role="progressbar" aria-label=${this.t('state.loading')}></div></div>`;
    if (this.phase === 'offline') {
      return html`<div class="center"><p>${this.t('error.network')}</p><button type="button" @click=${() => this.start()}>${this.t('action.retry')}</button></div>
        <ph-toast-notifier></ph-toast-notifier>`;
    }
    const bare = this.route?.bare ?? false;
    return html`
      <a class="skip" href="#main" @click=${(e: Event) => { e.preventDefault(); this.renderRoot.querySelector<HTMLElement>('main')?.focus(); }}>${this.t('nav.skip')}</a>
      ${bare ? nothing : html`<ph-app-header .path=${location.pathname} .me=${session.me} .schoolName=${session.state.schoolName} @ph-logout=${this.logout}></ph-app-header>`}
      <main id="main" tabindex="-1" class=${bare ? 'bare' : ''}>
        ${this.forbidden ? html`<section class="forbidden"><h1>${this.t('forbidden.title')}</h1><p>${this.t('forbidden.text')}</p><a href=${PATHS.home}>${this.t('nav.home')}</a></section>` : this.view}
      </main>
      <ph-toast-notifier></ph-toast-notifier>`;
  }

  static override styles = [boxSizing, css`
    :host { display: flex; flex-direction: column; min-height: 100vh; }
    main { flex: 1; width: 100%; max-width: var(--ph-content-width); margin: 0 auto; padding: 1.5rem 1rem 4rem; outline: none; }
    main.bare { max-width: none; padding: 0; }
    .skip { position: absolute; left: -100vw; top: 0.5rem; z-index: 60; padding: 0.75rem 1rem; background: #fff; color: var(--ph-color-primary); border-radius: var(--ph-radius-small); }
    .skip:focus { left: 0.5rem; }
    .center { min-height: 100vh; display: flex; flex-direction: column; gap: 1rem; align-items: center; justify-content: center; padding: 1rem; text-align: center; }
    .center button { min-height: 3rem; padding: 0 1.5rem; font: inherit; font-weight: 600; border: 0; border-radius: var(--ph-radius-small); background: var(--ph-color-primary); color: #fff; cursor: pointer; }
    .spinner { width: 3rem; height: 3rem; border-radius: 50%; border: 5px solid var(--ph-color-primary-soft); border-top-color: var(--ph-color-primary); animation: spin 0.9s linear infinite; }
    @keyframes spin { to { transform: rotate(360deg); } }
    .forbidden { max-width: 40rem; }
    .forbidden a { color: var(--ph-color-primary); font-weight: 600; }
  `];
}

customElements.define('ph-app', AppShell);
declare global {
  interface HTMLElementTagNameMap { 'ph-app': AppShell }
}
