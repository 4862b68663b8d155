import { css, html, nothing, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { PhElement } from '../components/ph-element.js';
import { isApiError } from '../api/client.js';
import { countdown, QUIZ_PATHS, quizClock, quizDateTime, quizzesApi, type AttemptViewT, type MyAttemptsT, type SaveAnswer } from '../api/quizzes.js';
import { pick } from '../i18n/index.js';
import { notifyError } from '../state/notify.js';
import { baseStyles, formStyles } from '../styles/shared-styles.js';

type Question = AttemptViewT['questions'][number];
type Choice = { id: string; text: string };

/** Retry period of unsent answers while the connection is down (and after any failed save). */
const RETRY_MS = 3000;
/** A change is sent after this pause in typing/tapping (several changes go in one save). */
const DEBOUNCE_MS = 800;

interface Stored { seq: number; pending: [string, unknown][] }

/**
 * /kiem-tra/:id/lam-bai — a student takes a quiz (Art. 6.1, 6.2), phone first: one question per
 * screen with a numbered navigator, a countdown from the server's clock (measured with the
 * page's monotonic clock, so changing the phone's time changes nothing), autosave in numbered
 * batches, an offline banner and a retry queue kept in localStorage (a reload or a lost
 * connection loses no answer), resume, and a confirmation before submitting.
 */
export class QuizTakePage extends PhElement {
  static override properties = {
    params: { attribute: false }, info: { state: true }, view: { state: true }, index: { state: true }, saving: { state: true },
    savedAt: { state: true }, offline: { state: true }, confirming: { state: true }, message: { state: true }, failed: { state: true }, tick: { state: true },
  };
  declare params: { id?: string };
  declare info: MyAttemptsT | null;
  declare view: AttemptViewT | null;
  declare index: number;
  declare saving: boolean;
  declare savedAt: string | null;
  declare offline: boolean;
  declare confirming: boolean;
  declare message: { kind: 'success' | 'warning' | 'error'; text: string } | null;
  declare failed: { vi: string; en: string } | null;
  declare tick: number;

  private answers = new Map<string, unknown>();
  private pending = new Map<string, unknown>();
  private seq = 0;
  private receivedAt = 0;
  private remainingAtReceipt = 0;
  private inFlight = false;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private clockTimer: ReturnType<typeof setInterval> | undefined;
  private autoSubmitted = false;

  constructor() {
    super();
    this.params = {};
    this.info = null;
    this.view = null;
    this.index = 0;
    this.saving = false;
    this.savedAt = null;
    this.offline = typeof navigator !== 'undefined' && navigator.onLine === false;
    this.confirming = false;
    this.message = null;
    this.failed = null;
    this.tick = 0;
  }

  private get quizId(): number {
    return Number(this.params.id);
  }

  private get periodic(): boolean {
    return !!this.info && this.info.quiz.kind !== 'regular';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    document.addEventListener('visibilitychange', this.onVisibility);
    window.addEventListener('blur', this.onBlur);
    window.addEventListener('focus', this.onFocus);
    this.clockTimer = setInterval(() => this.onTick(), 1000);
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    document.removeEventListener('visibilitychange', this.onVisibility);
    window.removeEventListener('blur', this.onBlur);
    window.removeEventListener('focus', this.onFocus);
    clearInterval(this.clockTimer);
    clearTimeout(this.flushTimer);
  }

  private async load() {
    try {
      this.info = await quizzesApi.mine(this.quizId);
      const open = this.info.attempts.find((a) => a.status === 'in_progress');
      if (open) this.take(await quizzesApi.attempt(open.id));
      else if (this.info.attempts[0]) this.view = await quizzesApi.attempt(this.info.attempts[0].id);
    } catch (e) {
      if (isApiError(e)) this.failed = e.text;
      notifyError(e);
    }
  }

  private async start() {
    try {
      this.take(await quizzesApi.start(this.quizId));
      this.info = await quizzesApi.mine(this.quizId);
    } catch (e) {
      notifyError(e);
    }
  }

  /** Shows an attempt in progress: the server's answers, then what this device had not sent yet. */
  private take(v: AttemptViewT) {
    this.view = v;
    this.syncClock(v.remainingMs);
    this.answers = new Map(v.answers.map((a) => [a.questionKey, a.answer]));
    this.seq = v.lastSeq;
    const stored = this.readStore(v.id);
    if (stored && v.status === 'in_progress') {
      this.seq = Math.max(this.seq, stored.seq);
      for (const [k, a] of stored.pending) {
        if (!v.questions.some((q) => q.key === k)) continue;
        this.answers.set(k, a);
        this.pending.set(k, a);
      }
    }
    const last = v.answers.map((a) => a.savedAt).sort().pop();
    this.savedAt = last ?? null;
    if (v.status !== 'in_progress') this.clearStore(v.id);
    if (this.pending.size) this.scheduleFlush(0);
  }

  private syncClock(remainingMs: number) {
    this.receivedAt = performance.now();
    this.remainingAtReceipt = remainingMs;
  }

  private remaining(): number {
    return Math.max(0, this.remainingAtReceipt - (performance.now() - this.receivedAt));
  }

  private onTick() {
    if (!this.view || this.view.status !== 'in_progress') return;
    this.tick++;
    if (this.remaining() <= 0 && !this.autoSubmitted) {
      this.autoSubmitted = true;
      void this.submit(true);
    }
  }

  // ---- answers and autosave ----

  private storeKey(attemptId: number) {
    return `phonghoc.quiz.${attemptId}`;
  }

  private readStore(attemptId: number): Stored | null {
    try {
      const raw = localStorage.getItem(this.storeKey(attemptId));
      return raw ? (JSON.parse(raw) as Stored) : null;
    } catch {
      return null;
    }
  }

  private persist() {
    if (!this.view) return;
    try {
      localStorage.setItem(this.storeKey(this.view.id), JSON.stringify({ seq: this.seq, pending: [...this.pending.entries()] } satisfies Stored));
    } catch {
      /* storage full or blocked: the answers still wait in memory */
    }
  }

  private clearStore(attemptId: number) {
    try {
      localStorage.removeItem(this.storeKey(attemptId));
    } catch {
      /* nothing kept */
    }
  }

  private setAnswer(key: string, answer: unknown) {
    this.answers.set(key, answer);
    this.pending.set(key, answer);
    this.persist();
    this.requestUpdate();
    this.scheduleFlush(DEBOUNCE_MS);
  }

  private scheduleFlush(ms: number) {
    clearTimeout(this.flushTimer);
    this.flushTimer = setTimeout(() => void this.flush(), ms);
  }

  /** Sends every unsent answer as one numbered save; on failure keeps them and retries. */
  private async flush(): Promise<boolean> {
    const v = this.view;
    if (!v || v.status !== 'in_progress') return false;
    if (this.inFlight) {
      this.scheduleFlush(DEBOUNCE_MS);
      return false;
    }
    if (!this.pending.size) return true;
    const batch: SaveAnswer[] = [...this.pending.entries()].map(([questionKey, answer]) => ({ questionKey, answer }));
    const seq = ++this.seq;
    this.persist();
    this.inFlight = true;
    this.saving = true;
    try {
      const r = await quizzesApi.save(v.id, seq, batch);
      for (const b of batch) if (this.pending.get(b.questionKey) === b.answer) this.pending.delete(b.questionKey);
      this.persist();
      this.savedAt = r.savedAt;
      this.offline = false;
      this.syncClock(r.remainingMs);
      return true;
    } catch (e) {
      if (isApiError(e) && (e.code === 'QUIZ_TIME_OVER' || e.code === 'QUIZ_ALREADY_SUBMITTED')) {
        await this.reloadAttempt();
        return false;
      }
      if (isApiError(e) && (e.code === 'NETWORK' || e.status >= 500 || e.status === 0)) this.offline = true;
      else notifyError(e);
      this.scheduleFlush(RETRY_MS);
      return false;
    } finally {
      this.inFlight = false;
      this.saving = false;
      if (this.pending.size && !this.offline) this.scheduleFlush(DEBOUNCE_MS);
    }
  }

  private async reloadAttempt() {
    if (!this.view) return;
    try {
      const v = await quizzesApi.attempt(this.view.id);
      this.pending.clear();
      this.take(v);
      if (v.status === 'submitted') this.message = { kind: 'warning', text: this.t(v.submittedBy === 'auto' ? 'quiz.submittedAuto' : 'quiz.submitted') };
    } catch (e) {
      notifyError(e);
    }
  }

  private onOnline = () => {
    this.offline = false;
    void this.flush();
  };

  private onOffline = () => {
    this.offline = true;
  };

  // Art. 6.2: a periodic test logs the page being hidden or losing focus (the server keeps the log).
  private onVisibility = () => {
    if (!this.periodic || this.view?.status !== 'in_progress') return;
    if (document.visibilityState === 'hidden') {
      void quizzesApi.report(this.view.id, 'page_hidden').catch(() => undefined);
    }
  };

  private onBlur = () => {
    if (!this.periodic || this.view?.status !== 'in_progress') return;
    void quizzesApi.report(this.view.id, 'focus_lost').catch(() => undefined);
  };

  private onFocus = () => {
    this.requestUpdate();
  };

  // ---- submit ----

  private async submit(auto = false) {
    const v = this.view;
    if (!v) return;
    this.confirming = false;
    clearTimeout(this.flushTimer);
    const answers: SaveAnswer[] = [...this.pending.entries()].map(([questionKey, answer]) => ({ questionKey, answer }));
    const final = answers.length ? { seq: ++this.seq, answers } : null;
    this.persist();
    try {
      const done = await quizzesApi.submit(v.id, final);
      this.pending.clear();
      this.clearStore(v.id);
      this.view = done;
      this.message = { kind: 'success', text: this.t(auto ? 'quiz.submittedAuto' : 'quiz.submitted') };
      window.scrollTo({ top: 0 });
    } catch (e) {
      if (isApiError(e) && (e.code === 'QUIZ_TIME_OVER' || e.code === 'QUIZ_ALREADY_SUBMITTED')) {
        await this.reloadAttempt();
        return;
      }
      if (isApiError(e) && (e.code === 'NETWORK' || e.status === 0)) this.offline = true;
      this.message = { kind: 'error', text: this.t('quiz.submitFailed') };
      if (auto) this.autoSubmitted = false; // tried again on the next tick
    }
  }

  // ---- rendering ----

  private answered(q: Question): boolean {
    const a = this.answers.get(q.key);
    if (a === undefined || a === null || a === '') return false;
    if (Array.isArray(a)) return a.some((x) => x !== null && x !== '');
    if (typeof a === 'object') return Object.keys(a as object).length > 0;
    return true;
  }

  private renderChoice(q: Question): TemplateResult {
    const body = q.body as { options: Choice[]; correctCount?: number };
    const many = q.type === 'multiple';
    const current = this.answers.get(q.key);
    const chosen = new Set<string>(many ? ((current as string[] | undefined) ?? []) : current ? [current as string] : []);
    return html`
      ${many ? html`<p class="hint">${this.t('quiz.chooseMany', { count: body.correctCount ?? 1 })}</p>` : nothing}
      <div class="options" role=${many ? 'group' : 'radiogroup'}>
        ${body.options.map((o, i) => html`
          <label class="option ${chosen.has(o.id) ? 'chosen' : ''}">
            <input type=${many ? 'checkbox' : 'radio'} name=${q.key} .checked=${chosen.has(o.id)}
              @change=${(e: Event) => {
                const on = (e.target as HTMLInputElement).checked;
                if (!many) return this.setAnswer(q.key, o.id);
                const next = new Set(chosen);
                if (on) next.add(o.id);
                else next.delete(o.id);
                this.setAnswer(q.key, body.options.map((x) => x.id).filter((id) => next.has(id)));
              }} />
            <span class="letter">${String.fromCharCode(65 + i)}</span><span>${o.text}</span>
          </label>`)}
      </div>`;
  }

  private renderTrueFalse(q: Question): TemplateResult {
    const body = q.body as { statements: Choice[] };
    const current = (this.answers.get(q.key) as Record<string, boolean> | undefined) ?? {};
    return html`<div class="statements">${body.statements.map((s, i) => html`
      <div class="statement" role="radiogroup" aria-label=${s.text}>
        <span>${String.fromCharCode(97 + i)}) ${s.text}</span>
        <span class="tf">
          ${[true, false].map((val) => html`<label class="option small ${current[s.id] === val ? 'chosen' : ''}">
            <input type="radio" name=${`${q.key}-${s.id}`} .checked=${current[s.id] === val} @change=${() => this.setAnswer(q.key, { ...current, [s.id]: val })} />
            ${this.t(val ? 'quiz.true' : 'quiz.false')}</label>`)}
        </span>
      </div>`)}</div>`;
  }

  private renderMatching(q: Question): TemplateResult {
    const body = q.body as { left: string[]; right: string[] };
    const current = (this.answers.get(q.key) as (string | null)[] | undefined) ?? body.left.map(() => null);
    return html`<div class="matching">${body.left.map((left, i) => html`
      <label class="field">
        <span>${left}</span>
        <select @change=${(e: Event) => {
          const next = body.left.map((_, j) => current[j] ?? null);
          next[i] = (e.target as HTMLSelectElement).value || null;
          this.setAnswer(q.key, next);
        }}>
          <option value="" ?selected=${!current[i]}>${this.t('quiz.matchPick')}</option>
          ${body.right.map((r) => html`<option value=${r} ?selected=${current[i] === r}>${r}</option>`)}
        </select>
      </label>`)}</div>`;
  }

  private renderInput(q: Question): TemplateResult {
    const value = (this.answers.get(q.key) as string | undefined) ?? '';
    if (q.type === 'essay') {
      return html`<label class="field"><span class="hint">${this.t('quiz.essayHint')}</span>
        <textarea rows="8" aria-label=${this.t('quiz.typeAnswer')} .value=${String(value)} @input=${(e: Event) => this.setAnswer(q.key, (e.target as HTMLTextAreaElement).value)}></textarea></label>`;
    }
    const numeric = q.type === 'numeric';
    const unit = numeric ? (q.body as { unit?: string }).unit : undefined;
    return html`<label class="field"><span>${this.t(numeric ? 'quiz.typeNumber' : 'quiz.typeAnswer')}</span>
      <span class="with-unit"><input type="text" inputmode=${numeric ? 'decimal' : 'text'} autocomplete="off" .value=${String(value)}
        @input=${(e: Event) => this.setAnswer(q.key, (e.target as HTMLInputElement).value)} />${unit ? html`<span>${unit}</span>` : nothing}</span></label>`;
  }

  private renderQuestion(q: Question, n: number, total: number) {
    let input: TemplateResult;
    if (q.type === 'single' || q.type === 'multiple') input = this.renderChoice(q);
    else if (q.type === 'true_false') input = this.renderTrueFalse(q);
    else if (q.type === 'matching') input = this.renderMatching(q);
    else input = this.renderInput(q);
    return html`
      <article class="card question" aria-labelledby="qhead">
        <p class="qmeta"><strong id="qhead">${this.t('quiz.question', { n, total })}</strong> · ${this.t('quiz.points', { points: q.points })}</p>
        <p class="stem">${q.stem}</p>
        ${input}
      </article>`;
  }

  private renderBar(v: AttemptViewT) {
    const left = this.remaining();
    const low = left < 60_000;
    const unsent = this.pending.size;
    return html`
      <div class="bar" role="status">
        <span class="timer ${low ? 'low' : ''}" aria-label=${this.t('quiz.remaining')}><span class="muted">${this.t('quiz.remaining')}</span> <strong data-testid="countdown">${countdown(left)}</strong></span>
        <span class="save" data-testid="save-state">${this.saving ? this.t('quiz.saving') : unsent ? this.t('quiz.unsaved', { count: unsent }) : this.savedAt ? this.t('quiz.savedAt', { time: quizClock(this.savedAt) }) : ''}</span>
      </div>
      ${this.offline ? html`<div class="notice warning offline" role="alert">${this.t('quiz.offline')}
        <button class="btn" @click=${() => void this.flush()}>${this.t('quiz.retryNow')}</button></div>` : nothing}
      ${this.periodic ? html`<p class="hint">${this.t('quiz.integrityNote')}</p>` : nothing}
      <input type="hidden" .value=${String(v.id)} />`;
  }

  private renderTaking(v: AttemptViewT) {
    const total = v.questions.length;
    const i = Math.min(this.index, total - 1);
    const q = v.questions[i]!;
    const answeredCount = v.questions.filter((x) => this.answered(x)).length;
    // Fresh inputs for each question: reused radios would carry the previous question's checked
    // state into the new radio group (renaming a checked radio unchecks the others in its group).
    const question = keyed(q.key, this.renderQuestion(q, i + 1, total));
    return html`
      ${this.renderBar(v)}
      ${this.message ? html`<p class="notice ${this.message.kind}" role="alert">${this.message.text}</p>` : nothing}
      ${question}
      <div class="nav-buttons">
        <button class="btn" ?disabled=${i === 0} @click=${() => { this.index = i - 1; }}>${this.t('quiz.prev')}</button>
        ${i < total - 1
          ? html`<button class="btn primary" @click=${() => { this.index = i + 1; }}>${this.t('quiz.next')}</button>`
          : html`<button class="btn primary" @click=${() => { this.confirming = true; }}>${this.t('quiz.submit')}</button>`}
      </div>
      <nav class="navigator" aria-label=${this.t('quiz.navigator')}>
        ${v.questions.map((x, j) => html`<button class="num ${this.answered(x) ? 'done' : ''} ${j === i ? 'current' : ''}" aria-current=${j === i ? 'step' : 'false'}
          aria-label=${`${this.t('quiz.question', { n: j + 1, total })}${this.answered(x) ? `, ${this.t('quiz.answered')}` : ''}`} @click=${() => { this.index = j; }}>${j + 1}</button>`)}
      </nav>
      <div class="submit-row"><button class="btn big" @click=${() => { this.confirming = true; }}>${this.t('quiz.submit')}</button></div>
      ${this.confirming ? html`
        <div class="overlay"><div class="card dialog" role="dialog" aria-modal="true" aria-labelledby="confirm-title">
          <h2 id="confirm-title">${this.t('quiz.confirmTitle')}</h2>
          <p>${this.t('quiz.confirmText', { answered: answeredCount, total })}</p>
          ${answeredCount < total ? html`<p class="notice warning">${this.t('quiz.confirmUnanswered', { count: total - answeredCount })}</p>` : nothing}
          <div class="actions"><button class="btn primary big" @click=${() => void this.submit()}>${this.t('quiz.confirmYes')}</button>
            <button class="btn" @click=${() => { this.confirming = false; }}>${this.t('quiz.confirmNo')}</button></div>
        </div></div>` : nothing}`;
  }

  private renderResult(v: AttemptViewT) {
    const f = v.feedback;
    const closes = this.info ? quizDateTime(this.info.quiz.closesAt) : '';
    return html`
      ${this.message ? html`<p class="notice ${this.message.kind}" role="status">${this.message.text}</p>`
        : html`<p class="notice success">${this.t(v.submittedBy === 'auto' ? 'quiz.submittedAuto' : 'quiz.submitted')}</p>`}
      ${f ? html`
        <div class="card result">
          ${f.score !== null ? html`<p class="score" data-testid="score">${this.t('quiz.score', { score: f.score.toLocaleString('vi-VN'), max: f.maxScore.toLocaleString('vi-VN') })}</p>
            <p>${this.t('quiz.scoreTen', { score: (Math.round((f.score / f.maxScore) * 100) / 10).toLocaleString('vi-VN') })}</p>` : nothing}
          ${f.pendingEssays ? html`<p>${this.t('quiz.pendingEssays', { count: f.pendingEssays })}</p>` : nothing}
        </div>
        ${f.perQuestion ? html`<ol class="review">${v.questions.map((q) => {
          const pq = f.perQuestion!.find((x) => x.questionKey === q.key);
          return html`<li class="card"><p class="stem">${q.stem}</p>
            ${pq ? html`<p>${this.t('quiz.yourPoints', { points: pq.points ?? '…', max: pq.maxPoints })}</p>
              ${pq.correct !== null ? html`<p class="muted">${this.t('quiz.correctAnswer', { answer: formatKey(pq.correct) })}</p>` : nothing}
              ${pq.explanation ? html`<p class="muted">${pq.explanation}</p>` : nothing}` : nothing}</li>`;
        })}</ol>` : nothing}`
        : html`<p class="muted">${this.info?.quiz.feedback === 'answers_after_close' ? this.t('quiz.feedbackLater', { closes }) : this.t('quiz.noFeedback')}</p>`}
      ${this.renderStartButton()}
      <p><a href=${QUIZ_PATHS.list}>${this.t('quiz.backToList')}</a></p>`;
  }

  private renderStartButton() {
    const info = this.info;
    if (!info || info.window !== 'open' || info.attempts.length >= info.quiz.attemptsAllowed) return nothing;
    if (info.attempts.some((a) => a.status === 'in_progress')) return nothing;
    return html`<p class="hint">${this.t('quiz.startHint')}</p><button class="btn primary big" @click=${() => void this.start()}>${this.t('quiz.start')}</button>`;
  }

  override render() {
    if (this.failed) return html`<p class="notice error" role="alert">${pick(this.failed)}</p>`;
    const info = this.info;
    if (!info) return html`<p class="muted" aria-busy="true">…</p>`;
    const quiz = info.quiz;
    const count = quiz.matrix.reduce((s, r) => s + r.count, 0);
    const v = this.view;
    return html`
      <header class="head">
        <h1>${quiz.title}</h1>
        <p class="muted">${quiz.subjectName} · ${this.t(`quiz.kind.${quiz.kind}` as const)} · ${this.t('quiz.intro', { count, minutes: quiz.timeLimitMinutes, closes: quizDateTime(quiz.closesAt) })}</p>
        ${quiz.attemptsAllowed > 1 ? html`<p class="muted">${this.t('quiz.attemptsUsed', { used: info.attempts.length, allowed: quiz.attemptsAllowed })}</p>` : nothing}
      </header>
      ${v && v.status === 'in_progress' ? this.renderTaking(v)
        : v ? this.renderResult(v)
        : html`${info.window === 'not_open' ? html`<p class="notice">${this.t('quiz.notOpenYet')}: ${quizDateTime(quiz.opensAt)}</p>` : nothing}
          ${info.window === 'closed' ? html`<p class="notice warning">${this.t('quiz.closed')}</p>` : nothing}
          ${this.renderStartButton()}`}`;
  }

  static override styles = [baseStyles, formStyles, css`
    :host { max-width: 46rem; margin: 0 auto; }
    .head h1 { font-size: 1.375rem; margin-bottom: 0.25rem; }
    .bar { position: sticky; top: 0; z-index: 2; display: flex; justify-content: space-between; align-items: center; gap: 0.75rem; flex-wrap: wrap;
      background: var(--ph-color-surface); border: 1px solid var(--ph-color-border); border-radius: var(--ph-radius-small); padding: 0.5rem 0.875rem; margin: 0.75rem 0; box-shadow: var(--ph-shadow); }
    .timer strong { font-size: 1.5rem; font-variant-numeric: tabular-nums; }
    .timer.low strong { color: var(--ph-color-danger); }
    .save { font-size: 0.9375rem; color: var(--ph-color-muted); }
    .offline { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; justify-content: space-between; }
    .question { margin: 0.75rem 0; }
    .qmeta { color: var(--ph-color-muted); margin-bottom: 0.5rem; }
    .stem { font-size: 1.125rem; line-height: 1.5; white-space: pre-wrap; }
    .options { display: grid; gap: 0.625rem; }
    .option { display: flex; align-items: center; gap: 0.75rem; min-height: 3.25rem; padding: 0.5rem 0.875rem; border: 1px solid var(--ph-color-border); border-radius: var(--ph-radius-small); cursor: pointer; font-weight: 400; }
    .option.small { min-height: 2.75rem; padding: 0.25rem 0.75rem; }
    .option.chosen { border-color: var(--ph-color-primary); background: var(--ph-color-primary-soft); }
    .letter { font-weight: 700; min-width: 1.25rem; }
    .statements { display: grid; gap: 0.75rem; }
    .statement { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: 0.5rem; border-bottom: 1px solid #e3e8ed; padding-bottom: 0.5rem; }
    .tf { display: flex; gap: 0.5rem; }
    .matching { display: grid; gap: 0.75rem; }
    .with-unit { display: flex; align-items: center; gap: 0.5rem; }
    textarea { font: inherit; width: 100%; padding: 0.5rem 0.75rem; border: 1px solid #8a99a8; border-radius: var(--ph-radius-small); }
    .nav-buttons { display: flex; justify-content: space-between; gap: 0.75rem; }
    .navigator { display: grid; grid-template-columns: repeat(auto-fill, minmax(2.75rem, 1fr)); gap: 0.5rem; margin: 1rem 0; }
    .num { min-height: 2.75rem; border-radius: var(--ph-radius-small); border: 1px solid var(--ph-color-border); background: #fff; font: inherit; font-weight: 600; cursor: pointer; }
    .num.done { background: var(--ph-color-success-soft); border-color: #a9d7b9; }
    .num.current { outline: 3px solid var(--ph-color-primary); outline-offset: 1px; }
    .submit-row { display: flex; justify-content: center; margin: 1rem 0 2rem; }
    .overlay { position: fixed; inset: 0; background: rgba(15, 25, 35, 0.45); display: flex; align-items: center; justify-content: center; padding: 1rem; z-index: 10; }
    .dialog { max-width: 28rem; width: 100%; }
    .result .score { font-size: 1.5rem; font-weight: 700; }
    .review { padding-left: 1.25rem; display: grid; gap: 0.75rem; }
  `];
}

/** A key as a student reads it: option ids, true/false per statement, the accepted texts, a number. */
function formatKey(correct: unknown): string {
  if (correct === null || correct === undefined) return '';
  if (Array.isArray(correct)) return correct.join(', ');
  if (typeof correct === 'object') {
    const o = correct as Record<string, unknown>;
    if ('value' in o) return `${String(o.value).replace('.', ',')}${o.tolerance ? ` ± ${String(o.tolerance).replace('.', ',')}` : ''}`;
    return Object.entries(o).map(([k, v]) => `${k}: ${v ? 'Đ' : 'S'}`).join(', ');
  }
  return String(correct);
}

customElements.define('ph-quiz-take-page', QuizTakePage);
