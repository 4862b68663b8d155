import { css, html, nothing } from 'lit';
import { LiveViewBase } from './live-view-base.js';
import './live-video.js';
import './live-audio.js';
import './live-status.js';
import './live-chat.js';
import './live-questions.js';
import './live-participants.js';
import './live-poll.js';
import './live-reactions.js';
import './live-react-bar.js';
import { baseStyles } from '../styles/shared-styles.js';
import { liveStyles } from '../live/live-styles.js';
import { icons, type ReactionName } from '../live/live-icons.js';
import { studentStage, type Tile } from '../live/live-stage.js';
import { currentPoll, peerName, teacherOf } from '../live/live-state.js';
import { attempt } from '../live/live-notify.js';
import type { LocalSource } from '../live/live-media.js';
import { PATHS } from '../router.js';

type Tab = 'chat' | 'questions' | 'people';

/**
 * A student's (or an observer's) view of the lesson, made for a 390px phone first: the teacher's
 * picture large (or the shared screen, or the student on everyone's screen), the room camera and
 * others below, sound with a tap-to-listen fallback, hand, reactions, the open poll, chat and
 * questions. When the teacher allows it, buttons to turn on the microphone or the camera.
 */
export class LiveStudentView extends LiveViewBase<Tab> {
  static override properties = { ...LiveViewBase.properties, dismissed: { state: true } };
  declare dismissed: number | null;

  constructor() {
    super('chat');
    this.dismissed = null;
  }

  private get observer(): boolean {
    return this.s.role === 'observer';
  }

  private tile(t: Tile, main = false) {
    return html`<ph-live-video class=${main ? 'main' : 'small'} .track=${t.track} label=${this.tileLabel(t)}
      ?speaking=${!main && t.personId !== null && t.personId === this.s.activeSpeaker} fit=${main || t.source === 'screen' ? 'contain' : 'cover'}></ph-live-video>`;
  }

  private hand() {
    const raised = !!this.s.self?.handRaisedAt;
    void attempt(this.s.call(raised ? 'lowerHand' : 'raiseHand', {}));
  }

  private publishButton(source: LocalSource) {
    if (!this.s.mayPublish(source)) return nothing;
    const on = this.s.isOn(source);
    const [iconOn, iconOff] = source === 'microphone' ? [icons.mic, icons.micOff] : [icons.camera, icons.cameraOff];
    const text = source === 'microphone' ? (on ? this.t('live.ctl.micOn') : this.t('live.student.micTurnOn')) : (on ? this.t('live.ctl.camOn') : this.t('live.student.camTurnOn'));
    return html`<button type="button" class="ctl row ${on ? 'on' : 'allowed'}" aria-pressed=${on ? 'true' : 'false'} ?disabled=${this.s.busy.has(source)}
      @click=${() => void attempt(this.s.toggle(source))}>${on ? iconOn : iconOff}<span>${text}</span></button>`;
  }

  private poll() {
    const p = currentPoll(this.s.state);
    if (!p || (!p.open && this.dismissed === p.id)) return nothing;
    return html`
      <div class="poll">
        <ph-live-poll mode=${this.observer ? 'observer' : 'student'} .poll=${p} .myVote=${this.s.myVotes.get(p.id) ?? null}
          @ph-vote=${(e: CustomEvent<{ pollId: number; choices: number[] }>) => void attempt(this.s.answerPoll(e.detail.pollId, e.detail.choices))}></ph-live-poll>
        ${!p.open ? html`<button type="button" class="ctl row dismiss" @click=${() => { this.dismissed = p.id; }}>${icons.close}<span>${this.t('action.close')}</span></button>` : nothing}
      </div>`;
  }

  private panel() {
    const s = this.s;
    const st = s.state;
    if (!st) return html`<p class="empty">${this.t('state.loading')}</p>`;
    if (this.tab === 'questions') {
      return html`<ph-live-questions ?canAsk=${!this.observer} .questions=${st.questions} .ask=${(text: string) => attempt(s.call('ask', { text }))}></ph-live-questions>`;
    }
    if (this.tab === 'people') {
      return html`<ph-live-participants .peers=${st.peers} .spotlight=${st.spotlightPersonId} .speaking=${s.activeSpeaker}></ph-live-participants>`;
    }
    const teacher = teacherOf(st);
    return html`<ph-live-chat role=${s.role ?? 'student'} .messages=${st.chat} .privateMessages=${s.privateChat} .selfId=${s.selfId}
      .recipients=${teacher ? [{ personId: teacher.personId, fullName: teacher.fullName }] : []} ?locked=${st.chatLocked}
      .send=${(text: string, to: number | null) => attempt(s.sendChat(text, to))}></ph-live-chat>`;
  }

  override render() {
    const s = this.s;
    const st = s.state;
    const stage = studentStage(s.remote(), st);
    const reactions = s.reactions.map((r) => ({ key: r.key, reaction: r.reaction, name: peerName(st, r.personId) }));
    const raised = !!s.self?.handRaisedAt;
    const teacher = teacherOf(st);
    return html`
      <header class="top">
        <div class="title">
          <h1>${st?.title ?? this.lesson?.topic ?? ''}</h1>
          <p>${this.t('live.classSubject', { className: st?.className ?? this.lesson?.className ?? '', subject: st?.subjectName ?? this.lesson?.subjectName ?? '' })}</p>
        </div>
        <a class="leave" href=${PATHS.home}>${this.t('live.leave')}</a>
      </header>
      <div class="status"><ph-live-status .phase=${s.phase} ?recording=${!!st?.recording} @ph-retry=${() => s.retryNow()}></ph-live-status>
        ${this.observer ? html`<span class="pill observer">${this.t('live.observer.badge')}</span>` : nothing}</div>
      <section class="stage" aria-label=${this.t('live.stage.label')}>
        <div class="main-wrap">
          ${stage.main ? this.tile(stage.main, true)
            : html`<div class="main idle">${teacher?.connected ? this.t('live.stage.teacherNoVideo') : this.t('live.stage.waitingTeacher')}</div>`}
          <ph-live-reactions .items=${reactions}></ph-live-reactions>
        </div>
        ${stage.others.length ? html`<div class="strip">${stage.others.map((t) => this.tile(t))}</div>` : nothing}
        <ph-live-audio .tracks=${s.remote().filter((r) => r.kind === 'audio').map((r) => r.track)}></ph-live-audio>
      </section>
      ${this.observer ? nothing : html`
        <div class="actions">
          <button type="button" class="ctl row ${raised ? 'warn' : ''}" aria-pressed=${raised ? 'true' : 'false'} ?disabled=${s.phase !== 'live'} @click=${this.hand}>
            ${icons.hand}<span>${raised ? this.t('live.student.lowerHand') : this.t('live.student.raiseHand')}</span></button>
          ${this.publishButton('microphone')}
          ${this.publishButton('camera')}
        </div>
        ${s.mayPublish('microphone') || s.mayPublish('camera') ? html`<p class="allowed-note">${this.t('live.student.allowed')}</p>` : nothing}
        <ph-live-react-bar @ph-react=${(e: CustomEvent<{ reaction: ReactionName }>) => void attempt(s.call('react', { reaction: e.detail.reaction }))}></ph-live-react-bar>`}
      ${this.poll()}
      <section class="side">
        <div class="tabs" role="tablist">
          <button type="button" role="tab" class="tab" aria-selected=${this.tab === 'chat' ? 'true' : 'false'} @click=${() => { this.tab = 'chat'; }}>${icons.chat}<span>${this.t('live.tab.chat')}</span></button>
          <button type="button" role="tab" class="tab" aria-selected=${this.tab === 'questions' ? 'true' : 'false'} @click=${() => { this.tab = 'questions'; }}>${icons.question}<span>${this.t('live.tab.questions')}</span></button>
          ${this.observer ? html`<button type="button" role="tab" class="tab" aria-selected=${this.tab === 'people' ? 'true' : 'false'} @click=${() => { this.tab = 'people'; }}>${icons.people}<span>${this.t('live.tab.people')}</span></button>` : nothing}
        </div>
        <div class="panel" role="tabpanel">${this.panel()}</div>
      </section>`;
  }

  static override styles = [baseStyles, liveStyles, css`
    :host { display: flex; flex-direction: column; gap: 0.75rem; min-height: 100vh; padding-bottom: 1rem; background: var(--ph-color-bg); font-size: 1.0625rem; }
    .top { display: flex; align-items: center; gap: 0.75rem; padding: 0.625rem 0.875rem; background: var(--ph-color-primary); color: #fff; }
    .title { flex: 1; min-width: 0; }
    .title h1 { margin: 0; font-size: 1.1875rem; line-height: 1.25; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
    .title p { margin: 0; font-size: 0.9375rem; opacity: 0.9; }
    .leave { flex: none; display: inline-flex; align-items: center; min-height: 3rem; padding: 0 1rem; border-radius: 10px; background: rgba(255, 255, 255, 0.15); color: #fff; text-decoration: none; font-weight: 700; border: 2px solid rgba(255, 255, 255, 0.5); }
    .status { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; padding: 0 0.875rem; }
    .pill.observer { background: #eef1f4; color: var(--ph-color-muted); }
    .stage { display: flex; flex-direction: column; gap: 0.5rem; padding: 0 0.5rem; }
    .main-wrap { position: relative; }
    .main-wrap > .main { width: 100%; border-radius: 12px; }
    .main.idle { aspect-ratio: 16 / 9; display: grid; place-items: center; padding: 1rem; text-align: center; border-radius: 12px; background: var(--live-stage); color: #d8e6ec; font-weight: 600; }
    .strip { display: flex; gap: 0.5rem; overflow-x: auto; }
    .strip .small { flex: none; width: 46%; max-width: 16rem; }
    .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; padding: 0 0.875rem; }
    .actions .ctl { flex: 1 1 9rem; font-size: 1.0625rem; }
    .ctl.allowed { background: #fff; color: var(--ph-color-success); border-color: var(--ph-color-success); }
    .allowed-note { margin: 0; padding: 0 0.875rem; color: var(--ph-color-success); font-weight: 600; }
    ph-live-react-bar { padding: 0 0.875rem; display: block; }
    .poll { padding: 0 0.875rem; display: flex; flex-direction: column; gap: 0.5rem; }
    .dismiss { align-self: flex-end; min-height: 3rem; }
    .side { margin: 0 0.875rem; background: var(--ph-color-surface); border: 1px solid var(--ph-color-border); border-radius: 14px; overflow: hidden; }
    .panel { padding: 0.875rem; }
    .panel ph-live-chat { max-height: 26rem; }
    @media (min-width: 960px) {
      :host { display: grid; grid-template-columns: minmax(0, 1fr) 28rem; grid-auto-rows: min-content; align-content: start; column-gap: 1rem; padding: 0 1rem 1rem 0; }
      .top { grid-column: 1 / -1; }
      .status, .stage, .actions, .allowed-note, ph-live-react-bar, .poll { grid-column: 1; }
      .side { grid-column: 2; grid-row: 2 / span 6; margin: 0; align-self: start; }
      .panel ph-live-chat { max-height: 60vh; }
    }
  `];
}

customElements.define('ph-live-student-view', LiveStudentView);
declare global {
  interface HTMLElementTagNameMap { 'ph-live-student-view': LiveStudentView }
}
