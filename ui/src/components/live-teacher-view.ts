import { css, html, nothing } from 'lit';
import { LiveViewBase } from './live-view-base.js';
import './live-video.js';
import './live-audio.js';
import './live-status.js';
import './live-chat.js';
import './live-hands.js';
import './live-questions.js';
import './live-participants.js';
import './live-poll.js';
import './live-poll-form.js';
import './live-reactions.js';
import './live-confirm.js';
import { baseStyles } from '../styles/shared-styles.js';
import { liveStyles } from '../live/live-styles.js';
import { icons } from '../live/live-icons.js';
import { teacherStage, type Tile } from '../live/live-stage.js';
import { peerName } from '../live/live-state.js';
import { attempt, notifyLive } from '../live/live-notify.js';
import type { LocalSource } from '../live/live-media.js';
import type { HandAction } from './live-hands.js';
import type { PeerAction } from './live-participants.js';
import type { PollDraft } from './live-poll-form.js';
import type { ChatPerson } from './live-chat.js';
import { PATHS } from '../router.js';

type Tab = 'hands' | 'questions' | 'people' | 'chat' | 'poll';

/**
 * The teacher's room on the teaching room's touch screen (Art. 9.1): the stage (own camera, shared
 * screen, room camera, students allowed to show themselves), large controls, and a side panel
 * with the raised hands, questions, participants, chat and quick polls.
 */
export class LiveTeacherView extends LiveViewBase<Tab> {
  static override properties = { ...LiveViewBase.properties, confirm: { state: true } };
  declare confirm: { kind: 'end' } | { kind: 'remove'; personId: number } | null;
  private seenChat = 0;

  constructor() {
    super('hands');
    this.confirm = null;
  }

  private toggle(source: LocalSource) {
    void attempt(this.s.toggle(source));
  }

  private async roomCamera(on: boolean) {
    if (on) await attempt(this.s.call('stopRoomCamera', {}));
    else if (await attempt(this.s.call('startRoomCamera', {}))) notifyLive('live.roomCamera.started');
  }

  private async recording(on: boolean) {
    await attempt(this.s.call(on ? 'stopRecording' : 'startRecording', {}));
  }

  private async muteAll() {
    if (await attempt(this.s.call('mute', { personId: 'all' }))) notifyLive('live.notice.mutedAll', 'success');
  }

  private onHand(e: CustomEvent<{ action: HandAction; personId: number }>) {
    const { action, personId } = e.detail;
    if (action === 'lower') return void attempt(this.s.call('lowerHand', { personId }));
    const peer = this.s.state?.peers.find((p) => p.personId === personId);
    void attempt(this.s.call('allowPublish', { personId, audio: true, video: peer?.mayPublish.video ?? false }));
  }

  private onPeer(e: CustomEvent<{ action: PeerAction; personId: number }>) {
    const { action, personId } = e.detail;
    const peer = this.s.state?.peers.find((p) => p.personId === personId);
    const may = peer?.mayPublish ?? { audio: false, video: false };
    const allow = (audio: boolean, video: boolean) => void attempt(this.s.call('allowPublish', { personId, audio, video }));
    switch (action) {
      case 'mute': return void attempt(this.s.call('mute', { personId }));
      case 'allowAudio': return allow(true, may.video);
      case 'revokeAudio': return allow(false, may.video);
      case 'allowVideo': return allow(may.audio, true);
      case 'revokeVideo': return allow(may.audio, false);
      case 'spotlight': return void attempt(this.s.call('spotlight', { personId }));
      case 'unspotlight': return void attempt(this.s.call('spotlight', { personId: null }));
      case 'remove': this.confirm = { kind: 'remove', personId }; return;
    }
  }

  private async onConfirm(e: CustomEvent<{ confirmed: boolean }>) {
    const c = this.confirm;
    this.confirm = null;
    if (!c || !e.detail.confirmed) return;
    if (c.kind === 'end') await attempt(this.s.call('endLesson', {}));
    else await attempt(this.s.call('removePeer', { personId: c.personId }));
  }

  private tile(t: Tile, main = false) {
    const label = this.tileLabel(t);
    // Small self-view mirrored (as people expect); the large one shows what the class sees.
    return html`<ph-live-video class=${main ? 'main' : 'small'} .track=${t.track} label=${label} ?mirror=${!!t.mirror && !main}
      ?speaking=${t.personId !== null && t.personId === this.s.activeSpeaker && !main} fit=${main || t.source === 'screen' ? 'contain' : 'cover'}></ph-live-video>`;
  }

  private controls() {
    const s = this.s;
    const st = s.state;
    const roomOn = s.remote().some((r) => r.source === 'room-camera');
    const ctl = (source: LocalSource, on: unknown, off: unknown, onLabel: string, offLabel: string) => {
      const isOn = s.isOn(source);
      return html`<button type="button" class="ctl ${isOn ? 'on' : source === 'screen' ? '' : 'off'}" aria-pressed=${isOn ? 'true' : 'false'}
        ?disabled=${s.busy.has(source) || s.phase !== 'live'} @click=${() => this.toggle(source)}>${isOn ? on : off}<span>${isOn ? onLabel : offLabel}</span></button>`;
    };
    return html`
      <div class="controls" role="toolbar" aria-label=${this.t('live.controls')}>
        ${ctl('microphone', icons.mic, icons.micOff, this.t('live.ctl.micOn'), this.t('live.ctl.micOff'))}
        ${ctl('camera', icons.camera, icons.cameraOff, this.t('live.ctl.camOn'), this.t('live.ctl.camOff'))}
        ${ctl('screen', icons.screen, icons.screen, this.t('live.ctl.screenStop'), this.t('live.ctl.screen'))}
        <button type="button" class="ctl ${roomOn ? 'on' : ''}" aria-pressed=${roomOn ? 'true' : 'false'} ?disabled=${s.phase !== 'live'} @click=${() => this.roomCamera(roomOn)}>
          ${icons.roomCamera}<span>${this.t('live.roomCamera')}</span></button>
        ${this.lesson?.recordingAllowed ? html`
          <button type="button" class="ctl ${st?.recording ? 'danger' : ''}" aria-pressed=${st?.recording ? 'true' : 'false'} ?disabled=${s.phase !== 'live'}
            @click=${() => this.recording(!!st?.recording)}>${icons.record}<span>${st?.recording ? this.t('live.ctl.recordStop') : this.t('live.ctl.record')}</span></button>` : nothing}
        <button type="button" class="ctl" ?disabled=${s.phase !== 'live'} @click=${this.muteAll}>${icons.muteAll}<span>${this.t('live.ctl.muteAll')}</span></button>
        <button type="button" class="ctl ${st?.chatLocked ? 'warn' : ''}" aria-pressed=${st?.chatLocked ? 'true' : 'false'} ?disabled=${s.phase !== 'live'}
          @click=${() => void attempt(s.call('lockChat', { locked: !st?.chatLocked }))}>${st?.chatLocked ? icons.lock : icons.unlock}<span>${st?.chatLocked ? this.t('live.ctl.unlockChat') : this.t('live.ctl.lockChat')}</span></button>
        <button type="button" class="ctl danger end" @click=${() => { this.confirm = { kind: 'end' }; }}>${icons.end}<span>${this.t('live.ctl.end')}</span></button>
      </div>`;
  }

  private panel() {
    const s = this.s;
    const st = s.state;
    if (!st) return html`<p class="empty">${this.t('state.loading')}</p>`;
    switch (this.tab) {
      case 'hands':
        return html`<ph-live-hands .hands=${st.handQueue.map((id) => {
          const p = st.peers.find((x) => x.personId === id);
          return { personId: id, fullName: p?.fullName ?? '', at: p?.handRaisedAt ?? null };
        })} @ph-hand=${this.onHand}></ph-live-hands>`;
      case 'questions':
        return html`<ph-live-questions teacher .questions=${st.questions} @ph-answered=${(e: CustomEvent<{ questionId: number }>) => void attempt(s.call('markAnswered', e.detail))}></ph-live-questions>`;
      case 'people':
        return html`<ph-live-participants teacher .peers=${st.peers.filter((p) => p.personId !== s.selfId)} .spotlight=${st.spotlightPersonId}
          .speaking=${s.activeSpeaker} @ph-peer=${this.onPeer}></ph-live-participants>`;
      case 'chat': {
        this.seenChat = st.chat.length + s.privateChat.length;
        const students: ChatPerson[] = st.peers.filter((p) => p.role !== 'teacher').map((p) => ({ personId: p.personId, fullName: p.fullName }));
        return html`<ph-live-chat role="teacher" .messages=${st.chat} .privateMessages=${s.privateChat} .selfId=${s.selfId} .recipients=${students}
          ?locked=${st.chatLocked} .send=${(text: string, to: number | null) => attempt(s.sendChat(text, to))}></ph-live-chat>`;
      }
      case 'poll': {
        const polls = [...st.polls].reverse();
        const open = polls.find((p) => p.open);
        return html`
          ${open ? html`<ph-live-poll mode="teacher" .poll=${open} @ph-close-poll=${(e: CustomEvent<{ pollId: number }>) => void attempt(s.call('closePoll', e.detail))}></ph-live-poll>`
            : html`<ph-live-poll-form .launch=${(d: PollDraft) => attempt(s.call('launchPoll', d))}></ph-live-poll-form>`}
          ${polls.filter((p) => !p.open).slice(0, 3).map((p) => html`<ph-live-poll class="past" mode="teacher" .poll=${p}></ph-live-poll>`)}`;
      }
    }
  }

  private tabs() {
    const st = this.s.state;
    const hands = st?.handQueue.length ?? 0;
    const open = st?.questions.filter((q) => !q.answered).length ?? 0;
    const inRoom = st?.peers.filter((p) => p.connected && p.personId !== this.s.selfId).length ?? 0;
    const unread = this.tab === 'chat' ? 0 : Math.max(0, (st?.chat.length ?? 0) + this.s.privateChat.length - this.seenChat);
    const pollOpen = st?.polls.some((p) => p.open) ?? false;
    const tab = (id: Tab, icon: unknown, label: string, count: number | null, hot = false) => html`
      <button type="button" role="tab" class="tab" id=${`tab-${id}`} aria-controls="panel" aria-selected=${this.tab === id ? 'true' : 'false'} @click=${() => { this.tab = id; }}>
        ${icon}<span>${label}</span>${count !== null ? html`<span class="count ${hot ? 'hot' : ''}">${count}</span>` : nothing}</button>`;
    return html`
      <div class="tabs" role="tablist">
        ${tab('hands', icons.hand, this.t('live.tab.hands'), hands, hands > 0)}
        ${tab('questions', icons.question, this.t('live.tab.questions'), open, open > 0)}
        ${tab('people', icons.people, this.t('live.tab.people'), inRoom)}
        ${tab('chat', icons.chat, this.t('live.tab.chat'), unread || null, unread > 0)}
        ${tab('poll', icons.poll, this.t('live.tab.poll'), null, pollOpen)}
      </div>`;
  }

  override render() {
    const s = this.s;
    const st = s.state;
    const stage = teacherStage(s.remote(), { camera: s.localTrack('camera'), screen: s.localTrack('screen') }, st, s.selfId);
    const reactions = s.reactions.map((r) => ({ key: r.key, reaction: r.reaction, name: peerName(st, r.personId) }));
    const removeName = this.confirm?.kind === 'remove' ? peerName(st, this.confirm.personId) : '';
    return html`
      <header class="top">
        <div class="title">
          <h1>${st?.title ?? this.lesson?.topic ?? ''}</h1>
          <p>${this.t('live.classSubject', { className: st?.className ?? this.lesson?.className ?? '', subject: st?.subjectName ?? this.lesson?.subjectName ?? '' })}</p>
        </div>
        <ph-live-status .phase=${s.phase} ?recording=${!!st?.recording} @ph-retry=${() => s.retryNow()}></ph-live-status>
        <a class="leave" href=${PATHS.home} title=${this.t('live.leaveTeacher')}>${this.t('live.leave')}</a>
      </header>
      <section class="stage" aria-label=${this.t('live.stage.label')}>
        <div class="main-wrap">
          ${stage.main ? this.tile(stage.main, true) : html`<div class="main idle">${this.t('live.stage.noVideo')}</div>`}
          <ph-live-reactions .items=${reactions}></ph-live-reactions>
        </div>
        ${stage.others.length ? html`<div class="strip">${stage.others.map((t) => this.tile(t))}</div>` : nothing}
        <ph-live-audio .tracks=${s.remote().filter((r) => r.kind === 'audio').map((r) => r.track)}></ph-live-audio>
      </section>
      ${this.controls()}
      <aside class="side">
        ${this.tabs()}
        <div class="panel" id="panel" role="tabpanel" aria-labelledby=${`tab-${this.tab}`}>${this.panel()}</div>
      </aside>
      <ph-live-confirm ?open=${!!this.confirm}
        heading=${this.confirm?.kind === 'remove' ? this.t('live.confirm.removeTitle') : this.t('live.confirm.endTitle')}
        text=${this.confirm?.kind === 'remove' ? this.t('live.confirm.removeText', { name: removeName }) : this.t('live.confirm.endText')}
        confirmLabel=${this.confirm?.kind === 'remove' ? this.t('live.people.remove') : this.t('live.ctl.end')}
        @ph-answer=${this.onConfirm}></ph-live-confirm>`;
  }

  static override styles = [baseStyles, liveStyles, css`
    :host {
      display: grid; height: 100vh; height: 100dvh; font-size: 1.125rem; background: var(--ph-color-bg);
      grid-template-columns: minmax(0, 1fr) minmax(28rem, 36rem); grid-template-rows: auto minmax(0, 1fr) auto;
      grid-template-areas: 'top top' 'stage side' 'controls side';
    }
    .top { grid-area: top; display: flex; align-items: center; justify-content: space-between; gap: 1rem; padding: 0.625rem 1.25rem; background: var(--ph-color-primary); color: #fff; }
    .title { flex: 1; min-width: 0; }
    .leave { flex: none; display: inline-flex; align-items: center; min-height: 3.5rem; padding: 0 1.25rem; border-radius: 12px; color: #fff; text-decoration: none;
      font-weight: 700; border: 2px solid rgba(255, 255, 255, 0.5); background: rgba(255, 255, 255, 0.12); }
    .title h1 { margin: 0; font-size: 1.625rem; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    .title p { margin: 0; opacity: 0.9; font-weight: 600; }
    .stage { grid-area: stage; min-height: 0; display: flex; flex-direction: column; gap: 0.75rem; padding: 0.875rem; background: var(--live-stage); }
    .main-wrap { position: relative; flex: 1; min-height: 0; display: flex; align-items: center; justify-content: center; container-type: size; }
    .main-wrap > .main { width: min(100cqw, 100cqh * 16 / 9); height: min(100cqh, 100cqw * 9 / 16); aspect-ratio: auto; border-radius: 14px; }
    .main.idle { display: grid; place-items: center; color: #cfe0e6; font-size: 1.375rem; background: var(--live-stage-2); border-radius: 14px; }
    .strip { flex: none; display: flex; gap: 0.75rem; overflow-x: auto; }
    .strip .small { flex: none; width: 15rem; }
    .stage ph-live-audio { display: block; }
    .controls { grid-area: controls; display: flex; flex-wrap: wrap; gap: 0.625rem; padding: 0.75rem 0.875rem; background: var(--live-stage); border-top: 1px solid #27414c; }
    .controls .ctl { flex: 1 1 7.5rem; min-height: 5.25rem; font-size: 1.0625rem; }
    .controls .ctl .icon { width: 1.9rem; height: 1.9rem; }
    .controls .ctl:not(.on):not(.off):not(.danger):not(.warn) { background: #24414d; color: #fff; }
    .controls .ctl.off { background: #4a2326; color: #ffd9d9; border-color: #7a3a3f; }
    .controls .end { flex-grow: 1.3; }
    .side { grid-area: side; min-height: 0; display: flex; flex-direction: column; background: var(--ph-color-surface); border-left: 1px solid var(--ph-color-border); }
    .side .tabs { flex: none; padding: 0 0.5rem; }
    .side .tab { flex: 1 1 0; flex-direction: column; gap: 0.125rem; padding: 0.375rem 0.25rem; font-size: 1.0625rem; min-height: 5rem; }
    .side .tab .icon { width: 1.6rem; height: 1.6rem; }
    .panel { flex: 1; min-height: 0; overflow-y: auto; padding: 1rem; display: flex; flex-direction: column; gap: 1rem; }
    .panel ph-live-chat { flex: 1; }
    .past { opacity: 0.85; }
    @media (max-width: 1100px) {
      :host { height: auto; grid-template-columns: 1fr; grid-template-rows: auto auto auto auto; grid-template-areas: 'top' 'stage' 'controls' 'side'; }
      .main-wrap { aspect-ratio: 16 / 9; flex: none; container-type: inline-size; }
      .main-wrap > .main { width: 100%; height: auto; aspect-ratio: 16 / 9; }
      .side { min-height: 32rem; }
    }
  `];
}

customElements.define('ph-live-teacher-view', LiveTeacherView);
declare global {
  interface HTMLElementTagNameMap { 'ph-live-teacher-view': LiveTeacherView }
}
