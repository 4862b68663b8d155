import t from 'tap';
import { isBad, lossRate, networkCap, nextLayer, WEAK_LINK } from '../../ui/src/live/weak-link.js';
import { addChat, currentPoll, removePeer, upsertPeer } from '../../ui/src/live/live-state.js';
import type { LivePeer, LiveState } from '../../server/src/contracts/live-signaling.js';

/**
 * The live view's pure parts, without a browser: the weak-link policy that picks a simulcast
 * layer from inbound statistics, and the room state kept from notifications.
 */

const calm = { lost: 0, received: 300, kbps: 800 };
const lossy = { lost: 40, received: 300, kbps: 700 };

t.test('the weak-link policy lowers at once and raises slowly', async (t) => {
  t.equal(lossRate({ lost: 10, received: 90, kbps: 0 }), 0.1);
  t.same(nextLayer({ layer: 2, calm: 0 }, lossy), { layer: 1, calm: 0 }, 'heavy loss: one layer down');
  t.same(nextLayer({ layer: 0, calm: 0 }, lossy), { layer: 0, calm: 0 }, 'never below the lowest layer');
  t.ok(isBad({ lost: 12, received: 300, kbps: 50 }, 2), 'some loss with a collapsed bitrate is bad');
  t.notOk(isBad({ lost: 12, received: 300, kbps: 800 }, 2), 'some loss at a healthy bitrate is not');

  let s = { layer: 0, calm: 0 };
  for (let i = 1; i < WEAK_LINK.calmToRaise; i++) {
    s = nextLayer(s, calm);
    t.equal(s.layer, 0, `calm sample ${i}: not yet up`);
  }
  s = nextLayer(s, calm);
  t.same(s, { layer: 1, calm: 0 }, 'enough calm samples: one layer up');
  t.same(nextLayer({ layer: 1, calm: 2 }, { lost: 4, received: 100, kbps: 300 }), { layer: 1, calm: 0 }, 'a little loss resets the calm count');
  t.same(nextLayer({ layer: 2, calm: 5 }, null), { layer: 2, calm: 5 }, 'no sample, no change');
  t.same(nextLayer({ layer: 2, calm: 0 }, { lost: 0, received: 0, kbps: 0 }), { layer: 2, calm: 0 }, 'nothing received, no evidence');
});

t.test('the device\'s network estimate caps the layer', async (t) => {
  t.equal(networkCap(undefined), 2, 'no Network Information API: no cap');
  t.equal(networkCap({ effectiveType: '4g', downlink: 10 }), 2);
  t.equal(networkCap({ effectiveType: '3g' }), 1);
  t.equal(networkCap({ effectiveType: '4g', downlink: 0.9 }), 1, 'a slow downlink on a "4g" link');
  t.equal(networkCap({ effectiveType: '2g' }), 0);
  t.equal(networkCap({ effectiveType: '4g', saveData: true }), 0, 'data saver');
  t.same(nextLayer({ layer: 2, calm: 0 }, calm, 1), { layer: 1, calm: 0 }, 'above the cap: down at once');
  let s = { layer: 1, calm: 0 };
  for (let i = 0; i < 10; i++) s = nextLayer(s, calm, 1);
  t.equal(s.layer, 1, 'never above the cap');
});

t.test('the room state follows the notifications', async (t) => {
  const peer = (personId: number, role: LivePeer['role'] = 'student'): LivePeer => ({
    personId, fullName: `P${personId}`, role, connected: true, handRaisedAt: null, mayPublish: { audio: false, video: false }, publishing: [],
  });
  const base: LiveState = {
    lessonId: 1, title: 'T', className: '6A1', subjectName: 'Toán', teacherName: 'GV', chatLocked: false, spotlightPersonId: 3,
    peers: [peer(1, 'teacher'), peer(3)], handQueue: [3], chat: [], questions: [], recording: false,
    polls: [{ id: 1, question: 'q', options: ['a', 'b'], multiple: false, open: false, counts: [0, 0], answered: 0 },
      { id: 2, question: 'q2', options: ['a', 'b'], multiple: false, open: true, counts: [0, 0], answered: 0 }],
  };
  const s1 = upsertPeer(base, { ...peer(3), handRaisedAt: '2026-11-28T01:00:00Z' });
  t.equal(s1.peers.length, 2, 'an update replaces the peer');
  t.equal(upsertPeer(base, peer(4)).peers.length, 3, 'a new peer is added');
  const s2 = removePeer(base, 3);
  t.same([s2.peers.length, s2.handQueue, s2.spotlightPersonId], [1, [], null], 'a removed peer leaves the queue and the spotlight');
  const msg = { id: 7, fromPersonId: 3, fromName: 'P3', toPersonId: null, text: 'hi', at: '2026-11-28T01:00:00Z' };
  t.equal(addChat(addChat(base, msg), msg).chat.length, 1, 'a message is added once');
  t.equal(addChat(base, { ...msg, toPersonId: 1 }).chat.length, 0, 'private messages stay out of the class chat');
  t.equal(currentPoll(base)?.id, 2, 'the open poll is the current one');
});
