import { css, html, nothing } from 'lit';
import { PhElement } from './ph-element.js';
import { baseStyles } from '../styles/shared-styles.js';
import { liveStyles } from '../live/live-styles.js';
import { icons } from '../live/live-icons.js';
import { clock } from '../live/live-format.js';
import type { LiveQuestion } from '../../../server/src/contracts/live-signaling.js';
import { SIGNALING_LIMITS } from '../../../server/src/contracts/live-signaling.js';

/**
 * Questions to the teacher: students ask (and see the class's questions); the teacher sees the
 * unanswered ones first and marks each answered with one touch.
 */
export class LiveQuestions extends PhElement {
  static override properties = {
    questions: { attribute: false },
    teacher: { type: Boolean },
    canAsk: { type: Boolean },
    ask: { attribute: false },
    sending: { state: true },
  };
  declare questions: LiveQuestion[];
  declare teacher: boolean;
  declare canAsk: boolean;
  declare ask: (text: string) => Promise<boolean>;
  declare sending: boolean;

  constructor() {
    super();
    this.questions = [];
    this.teacher = false;
    this.canAsk = false;
    this.ask = async () => false;
    this.sending = false;
  }

  private async submit(e: Event) {
    e.preventDefault();
    const input = this.renderRoot.querySelector('textarea');
    const text = input?.value.trim() ?? '';
    if (!text || this.sending) return;
    this.sending = true;
    try {
      if (await this.ask(text) && input) input.value = '';
    } finally {
      this.sending = false;
    }
  }

  private answered(id: number) {
    this.dispatchEvent(new CustomEvent('ph-answered', { detail: { questionId: id }, bubbles: true, composed: true }));
  }

  override render() {
    const list = [...this.questions].sort((a, b) => Number(a.answered) - Number(b.answered) || a.at.localeCompare(b.at));
    return html`
      ${this.canAsk ? html`
        <form @submit=${this.submit}>
          <label for="q-text">${this.t('live.questions.askLabel')}</label>
          <div class="compose">
            <textarea id="q-text" rows="2" maxlength=${SIGNALING_LIMITS.maxQuestionLength}></textarea>
            <button class="ctl on" type="submit" ?disabled=${this.sending}>${icons.question}<span>${this.t('live.questions.ask')}</span></button>
          </div>
        </form>` : nothing}
      ${list.length ? html`
        <ol class="list">
          ${list.map((q) => html`
            <li class=${q.answered ? 'done' : ''}>
              <div class="body">
                <div class="meta"><span class="from">${q.fullName}</span><time>${clock(q.at)}</time>
                  ${q.answered ? html`<span class="badge ok">${this.t('live.questions.answered')}</span>` : nothing}</div>
                <p class="text">${q.text}</p>
              </div>
              ${this.teacher && !q.answered ? html`<button type="button" class="ctl row" @click=${() => this.answered(q.id)}>${icons.check}<span>${this.t('live.questions.markAnswered')}</span></button>` : nothing}
            </li>`)}
        </ol>` : html`<p class="empty">${this.t('live.questions.empty')}</p>`}`;
  }

  static override styles = [baseStyles, liveStyles, css`
    form { display: flex; flex-direction: column; gap: 0.375rem; margin-bottom: 1rem; }
    label { font-weight: 600; }
    .compose { display: flex; gap: 0.5rem; }
    textarea { flex: 1; min-width: 0; min-height: var(--live-target); font: inherit; padding: 0.625rem 0.75rem; border-radius: 10px; border: 1px solid #8a99a8; resize: none; }
    .list { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 0.625rem; }
    li { display: flex; gap: 0.75rem; align-items: center; padding: 0.625rem 0.75rem; border-radius: 12px; background: #fff; border: 2px solid var(--ph-color-border); }
    li.done { opacity: 0.7; background: #f4f6f8; }
    .body { flex: 1; min-width: 0; }
    .meta { display: flex; flex-wrap: wrap; gap: 0.25rem 0.5rem; align-items: baseline; font-size: 0.875em; color: var(--ph-color-muted); }
    .from { font-weight: 700; color: var(--ph-color-text); }
    .text { margin: 0.25rem 0 0; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 1.0625em; }
  `];
}

customElements.define('ph-live-questions', LiveQuestions);
declare global {
  interface HTMLElementTagNameMap { 'ph-live-questions': LiveQuestions }
}
