import { css, html, nothing } from 'lit';
import { PhElement } from './ph-element.js';
import { baseStyles, formStyles } from '../styles/shared-styles.js';
import { liveStyles } from '../live/live-styles.js';
import { icons } from '../live/live-icons.js';
import { SIGNALING_LIMITS } from '../../../server/src/contracts/live-signaling.js';

export interface PollDraft {
  question: string;
  options: string[];
  multiple: boolean;
}

const MIN_OPTIONS = 2;

/**
 * Launches a quick poll: a question and 2–8 answers, or one touch on a ready-made set
 * (True/False, A–D) when the question is on the board.
 */
export class LivePollForm extends PhElement {
  static override properties = { options: { state: true }, multiple: { state: true }, launch: { attribute: false }, busy: { state: true } };
  declare options: string[];
  declare multiple: boolean;
  declare launch: (draft: PollDraft) => Promise<boolean>;
  declare busy: boolean;

  constructor() {
    super();
    this.options = ['', ''];
    this.multiple = false;
    this.launch = async () => false;
    this.busy = false;
  }

  private async send(draft: PollDraft) {
    if (this.busy) return;
    this.busy = true;
    try {
      if (await this.launch(draft)) {
        this.options = ['', ''];
        this.multiple = false;
        this.renderRoot.querySelector('form')?.reset();
      }
    } finally {
      this.busy = false;
    }
  }

  private submit(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    if (!form.reportValidity()) return;
    const question = (form.elements.namedItem('question') as HTMLInputElement).value.trim();
    const options = this.options.map((o) => o.trim()).filter(Boolean);
    if (options.length < MIN_OPTIONS) return;
    void this.send({ question, options, multiple: this.multiple });
  }

  private quick(kind: 'tf' | 'abcd') {
    const form = this.renderRoot.querySelector('form');
    const typed = (form?.elements.namedItem('question') as HTMLInputElement | null)?.value.trim();
    const question = typed || this.t('live.poll.boardQuestion');
    const options = kind === 'tf' ? [this.t('live.poll.true'), this.t('live.poll.false')] : ['A', 'B', 'C', 'D'];
    void this.send({ question, options, multiple: false });
  }

  private setOption(i: number, value: string) {
    this.options = this.options.map((o, j) => (j === i ? value : o));
  }

  override render() {
    const max = SIGNALING_LIMITS.maxPollOptions;
    return html`
      <div class="quick">
        <button type="button" class="ctl row" ?disabled=${this.busy} @click=${() => this.quick('tf')}>${icons.poll}<span>${this.t('live.poll.quickTf')}</span></button>
        <button type="button" class="ctl row" ?disabled=${this.busy} @click=${() => this.quick('abcd')}>${icons.poll}<span>${this.t('live.poll.quickAbcd')}</span></button>
      </div>
      <form @submit=${this.submit}>
        <div class="field">
          <label for="poll-question">${this.t('live.poll.question')}</label>
          <input id="poll-question" name="question" required maxlength="300" autocomplete="off" />
        </div>
        <fieldset>
          <legend>${this.t('live.poll.options', { min: MIN_OPTIONS, max })}</legend>
          ${this.options.map((o, i) => html`
            <div class="opt">
              <label class="letter" for=${`opt-${i}`}>${String.fromCharCode(65 + i)}</label>
              <input id=${`opt-${i}`} .value=${o} maxlength="200" ?required=${i < MIN_OPTIONS} autocomplete="off"
                @input=${(e: Event) => this.setOption(i, (e.target as HTMLInputElement).value)} />
              ${this.options.length > MIN_OPTIONS ? html`<button type="button" class="ctl" aria-label=${this.t('live.poll.removeOption')}
                @click=${() => { this.options = this.options.filter((_, j) => j !== i); }}>${icons.close}</button>` : nothing}
            </div>`)}
          ${this.options.length < max ? html`<button type="button" class="ctl row" @click=${() => { this.options = [...this.options, '']; }}>${this.t('live.poll.addOption')}</button>` : nothing}
        </fieldset>
        <label class="check"><input type="checkbox" .checked=${this.multiple} @change=${(e: Event) => { this.multiple = (e.target as HTMLInputElement).checked; }} />${this.t('live.poll.allowMultiple')}</label>
        <button type="submit" class="ctl row on launch" ?disabled=${this.busy}>${icons.send}<span>${this.t('live.poll.launch')}</span></button>
      </form>`;
  }

  static override styles = [baseStyles, formStyles, liveStyles, css`
    .quick { display: flex; gap: 0.5rem; margin-bottom: 1rem; }
    .quick .ctl { flex: 1; }
    form { display: flex; flex-direction: column; gap: 0.75rem; }
    input:not([type='checkbox']) { min-height: 3.5rem; font-size: 1.0625em; }
    fieldset { display: flex; flex-direction: column; gap: 0.5rem; margin: 0; }
    .opt { display: flex; gap: 0.5rem; align-items: center; }
    .letter { flex: none; width: 2.25rem; font-weight: 800; text-align: center; }
    .check { min-height: var(--live-target); }
    input[type='checkbox'] { width: 1.75rem; height: 1.75rem; }
    .launch { width: 100%; }
  `];
}

customElements.define('ph-live-poll-form', LivePollForm);
declare global {
  interface HTMLElementTagNameMap { 'ph-live-poll-form': LivePollForm }
}
