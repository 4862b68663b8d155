import { css, html, nothing } from 'lit';
import { PhElement } from './ph-element.js';
import { baseStyles } from '../styles/shared-styles.js';
import { liveStyles } from '../live/live-styles.js';
import { icons } from '../live/live-icons.js';
import type { LivePoll } from '../../../server/src/contracts/live-signaling.js';

/**
 * One quick poll. The teacher sees the answers arrive as bars and closes it; a student taps a
 * choice (or ticks several and sends), then sees the class's results.
 */
export class LivePollView extends PhElement {
  static override properties = {
    poll: { attribute: false },
    mode: {},
    myVote: { attribute: false },
    picked: { state: true },
  };
  declare poll: LivePoll | null;
  declare mode: 'teacher' | 'student' | 'observer';
  declare myVote: number[] | null;
  declare picked: number[];

  constructor() {
    super();
    this.poll = null;
    this.mode = 'student';
    this.myVote = null;
    this.picked = [];
  }

  private vote(choices: number[]) {
    if (!this.poll || !choices.length) return;
    this.dispatchEvent(new CustomEvent('ph-vote', { detail: { pollId: this.poll.id, choices }, bubbles: true, composed: true }));
  }

  private close() {
    if (this.poll) this.dispatchEvent(new CustomEvent('ph-close-poll', { detail: { pollId: this.poll.id }, bubbles: true, composed: true }));
  }

  private toggle(i: number) {
    this.picked = this.picked.includes(i) ? this.picked.filter((x) => x !== i) : [...this.picked, i];
  }

  private results(p: LivePoll) {
    const total = Math.max(1, p.answered);
    return html`
      <ol class="bars">
        ${p.options.map((o, i) => {
          const n = p.counts[i] ?? 0;
          const pct = Math.round((n / total) * 100);
          const mine = this.myVote?.includes(i);
          return html`
            <li class=${mine ? 'mine' : ''}>
              <div class="bar-head"><span class="opt">${String.fromCharCode(65 + i)}. ${o}${mine ? html` <span class="you">${this.t('live.poll.yourChoice')}</span>` : nothing}</span>
                <span class="num">${n} · ${pct}%</span></div>
              <div class="track" role="img" aria-label=${`${o}: ${n}`}><div class=${n > 0 ? 'fill' : 'fill none'} style="width:${pct}%"></div></div>
            </li>`;
        })}
      </ol>
      <p class="answered">${this.t('live.poll.answered', { count: p.answered })}</p>`;
  }

  private choices(p: LivePoll) {
    if (!p.multiple) {
      return html`<div class="choices">${p.options.map((o, i) => html`
        <button type="button" class="ctl row choice" @click=${() => this.vote([i])}><span class="letter">${String.fromCharCode(65 + i)}</span><span>${o}</span></button>`)}</div>`;
    }
    return html`
      <div class="choices">${p.options.map((o, i) => html`
        <button type="button" class="ctl row choice" aria-pressed=${this.picked.includes(i) ? 'true' : 'false'} @click=${() => this.toggle(i)}>
          <span class="letter">${String.fromCharCode(65 + i)}</span><span>${o}</span></button>`)}</div>
      <button type="button" class="ctl row on submit" ?disabled=${!this.picked.length} @click=${() => this.vote(this.picked)}>${icons.send}<span>${this.t('live.poll.submit')}</span></button>`;
  }

  override render() {
    const p = this.poll;
    if (!p) return nothing;
    const seeResults = this.mode !== 'student' || !!this.myVote || !p.open;
    return html`
      <section class=${p.open ? 'open' : 'closed'} aria-labelledby="poll-q">
        <div class="head">
          <span class="kicker">${icons.poll}${p.open ? this.t('live.poll.open') : this.t('live.poll.closed')}</span>
          ${p.multiple ? html`<span class="hint">${this.t('live.poll.multiple')}</span>` : nothing}
        </div>
        <h3 id="poll-q">${p.question}</h3>
        ${seeResults ? this.results(p) : this.choices(p)}
        ${this.mode === 'student' && this.myVote && p.open ? html`<p class="hint">${this.t('live.poll.thanks')}</p>` : nothing}
        ${this.mode === 'teacher' && p.open ? html`<button type="button" class="ctl row off" @click=${this.close}>${icons.close}<span>${this.t('live.poll.close')}</span></button>` : nothing}
      </section>`;
  }

  static override styles = [baseStyles, liveStyles, css`
    section { border-radius: 14px; padding: 0.875rem 1rem; background: #fff; border: 3px solid var(--ph-color-primary); }
    section.closed { border-color: var(--ph-color-border); }
    .head { display: flex; justify-content: space-between; gap: 0.5rem; align-items: center; }
    .kicker { display: inline-flex; align-items: center; gap: 0.375rem; font-weight: 700; color: var(--ph-color-primary); text-transform: uppercase; font-size: 0.875em; letter-spacing: 0.03em; }
    h3 { font-size: 1.25em; margin: 0.375rem 0 0.75rem; overflow-wrap: anywhere; }
    .hint { color: var(--ph-color-muted); font-size: 0.9375em; margin: 0.5rem 0 0; }
    .choices { display: grid; gap: 0.5rem; }
    .choice { justify-content: flex-start; text-align: left; font-size: 1.0625em; }
    .letter { flex: none; width: 2.25rem; height: 2.25rem; border-radius: 50%; display: grid; place-items: center; background: #fff; color: var(--ph-color-primary); font-weight: 800; border: 2px solid currentColor; }
    .submit { margin-top: 0.625rem; width: 100%; }
    .bars { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 0.625rem; }
    .bar-head { display: flex; justify-content: space-between; gap: 0.5rem; font-weight: 600; }
    .opt { overflow-wrap: anywhere; }
    .num { font-variant-numeric: tabular-nums; white-space: nowrap; }
    .you { color: var(--ph-color-accent); font-size: 0.875em; }
    .track { height: 1.25rem; border-radius: 999px; background: #e6edf1; overflow: hidden; margin-top: 0.25rem; }
    .fill { height: 100%; background: var(--ph-color-primary); border-radius: 999px; transition: width 0.3s ease; min-width: 0.375rem; }
    .fill.none { min-width: 0; }
    li.mine .fill { background: var(--ph-color-accent); }
    .answered { margin: 0.625rem 0 0.5rem; font-weight: 600; }
  `];
}

customElements.define('ph-live-poll', LivePollView);
declare global {
  interface HTMLElementTagNameMap { 'ph-live-poll': LivePollView }
}
