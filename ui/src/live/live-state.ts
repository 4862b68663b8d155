/**
 * The room as this participant sees it, kept up to date from the server's notifications. Pure
 * functions: each takes the state and one notification and returns the next state.
 */
import type { ChatMessage, LivePeer, LivePoll, LiveQuestion, LiveState } from '../../../server/src/contracts/live-signaling.js';

export function upsertPeer(s: LiveState, peer: LivePeer): LiveState {
  const found = s.peers.some((p) => p.personId === peer.personId);
  return { ...s, peers: found ? s.peers.map((p) => (p.personId === peer.personId ? peer : p)) : [...s.peers, peer] };
}

export function removePeer(s: LiveState, personId: number): LiveState {
  return {
    ...s,
    peers: s.peers.filter((p) => p.personId !== personId),
    handQueue: s.handQueue.filter((id) => id !== personId),
    spotlightPersonId: s.spotlightPersonId === personId ? null : s.spotlightPersonId,
  };
}

/** Class messages go into the state (the server keeps the last 200); private ones are kept by the session. */
export function addChat(s: LiveState, m: ChatMessage): LiveState {
  if (m.toPersonId !== null || s.chat.some((x) => x.id === m.id)) return s;
  return { ...s, chat: [...s.chat, m].slice(-200) };
}

export function upsertQuestion(s: LiveState, q: LiveQuestion): LiveState {
  const found = s.questions.some((x) => x.id === q.id);
  return { ...s, questions: found ? s.questions.map((x) => (x.id === q.id ? q : x)) : [...s.questions, q] };
}

export function upsertPoll(s: LiveState, p: LivePoll): LiveState {
  const found = s.polls.some((x) => x.id === p.id);
  return { ...s, polls: found ? s.polls.map((x) => (x.id === p.id ? p : x)) : [...s.polls, p] };
}

/** Private messages merged by id (a reconnection does not bring them back from the server). */
export function mergeMessages(list: ChatMessage[], m: ChatMessage): ChatMessage[] {
  return list.some((x) => x.id === m.id) ? list : [...list, m].slice(-200);
}

export function peerName(s: LiveState | null, personId: number | null): string {
  if (personId === null || !s) return '';
  return s.peers.find((p) => p.personId === personId)?.fullName ?? '';
}

export function teacherOf(s: LiveState | null): LivePeer | null {
  return s?.peers.find((p) => p.role === 'teacher') ?? null;
}

/** The latest poll still open, else the latest one (students see its results). */
export function currentPoll(s: LiveState | null): LivePoll | null {
  if (!s || !s.polls.length) return null;
  const open = [...s.polls].reverse().find((p) => p.open);
  return open ?? s.polls[s.polls.length - 1] ?? null;
}
