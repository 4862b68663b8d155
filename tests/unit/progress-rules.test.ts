import t from 'tap';
import { creditActiveTime, MAX_HEARTBEAT_SECONDS, progressStatus, scaledScore, STUCK_IDLE_DAYS, STUCK_LOW_SCORE, stuckReason } from '../../server/src/domain/progress/progress-rules.js';

const at = (iso: string) => new Date(iso);

t.test('active time is credited up to the wall clock and the cap', async (t) => {
  const now = at('2026-11-28T10:00:30.000Z');
  let c = creditActiveTime({ claimedSeconds: 30, creditedUntil: '2026-11-28T10:00:00.000Z', now });
  t.equal(c.creditedMs, 30_000, 'an honest heartbeat counts in full');
  t.equal(c.creditedUntil, now.toISOString(), 'the clock moves to now');

  c = creditActiveTime({ claimedSeconds: 3600, creditedUntil: '2026-11-28T10:00:00.000Z', now });
  t.equal(c.creditedMs, 30_000, 'a claim above the elapsed time earns the elapsed time');

  c = creditActiveTime({ claimedSeconds: 3600, creditedUntil: '2026-11-28T08:00:00.000Z', now });
  t.equal(c.creditedMs, MAX_HEARTBEAT_SECONDS * 1000, 'after a long pause one heartbeat earns at most the cap');

  c = creditActiveTime({ claimedSeconds: 20, creditedUntil: '2026-11-28T10:00:00.000Z', now });
  t.equal(c.creditedMs, 20_000, 'less active time than elapsed: the claim');

  c = creditActiveTime({ claimedSeconds: 30, creditedUntil: now.toISOString(), now });
  t.equal(c.creditedMs, 0, 'a second heartbeat at the same instant earns nothing');

  // A burst: 100 heartbeats of 30 s, 10 ms apart, earn one second in total.
  let clock = '2026-11-28T10:00:30.000Z';
  let total = 0;
  for (let i = 1; i <= 100; i++) {
    const r = creditActiveTime({ claimedSeconds: 30, creditedUntil: clock, now: new Date(Date.parse('2026-11-28T10:00:30.000Z') + i * 10) });
    total += r.creditedMs;
    clock = r.creditedUntil;
  }
  t.equal(total, 1000, 'a burst never earns more than real time');

  c = creditActiveTime({ claimedSeconds: 30, creditedUntil: '2026-11-28T10:05:00.000Z', now });
  t.equal(c.creditedMs, 0, 'a clock in the future (server time moved back) earns nothing');
  t.equal(c.creditedUntil, '2026-11-28T10:05:00.000Z', 'and keeps the later clock');

  c = creditActiveTime({ claimedSeconds: -5, creditedUntil: '2026-11-28T10:00:00.000Z', now });
  t.equal(c.creditedMs, 0, 'negative claims earn nothing');
  c = creditActiveTime({ claimedSeconds: 30, creditedUntil: 'garbage', now });
  t.equal(c.creditedMs, 0, 'an unreadable clock earns nothing');
  c = creditActiveTime({ claimedSeconds: 90, creditedUntil: '2026-11-28T09:00:00.000Z', now, capSeconds: 60 });
  t.equal(c.creditedMs, 60_000, 'the cap can be set');
});

t.test('scores are scaled to 0–1', async (t) => {
  t.equal(scaledScore({ raw: 3, max: 4 }), 0.75);
  t.equal(scaledScore({ scaled: 0.5, raw: 1, max: 4 }), 0.5, 'scaled wins');
  t.equal(scaledScore({ scaled: -0.2 }), 0, 'negative xAPI scaled scores clamp to 0');
  t.equal(scaledScore({ raw: 12, max: 10 }), 1, 'above the maximum clamps to 1');
  t.equal(scaledScore({ raw: 2, max: 3 }), 0.667);
  t.equal(scaledScore({ raw: 3 }), null);
  t.equal(scaledScore({ raw: 3, max: 0 }), null);
  t.equal(scaledScore(undefined), null);
});

t.test('status and the stuck rule', async (t) => {
  const now = at('2026-11-28T10:00:00.000Z');
  const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();
  const facts = (f: Partial<Parameters<typeof stuckReason>[0]>) => ({ firstOpenedAt: null, completedAt: null, bestScore: null, scoreCount: 0, ...f });

  t.equal(progressStatus(facts({})), 'not_started');
  t.equal(progressStatus(facts({ firstOpenedAt: daysAgo(1) })), 'in_progress');
  t.equal(progressStatus(facts({ firstOpenedAt: daysAgo(1), completedAt: daysAgo(0) })), 'completed');

  t.equal(stuckReason(facts({}), now), null, 'not started is not stuck (it is "not started")');
  t.equal(stuckReason(facts({ firstOpenedAt: daysAgo(STUCK_IDLE_DAYS - 1) }), now), null, 'opened recently: still working');
  t.equal(stuckReason(facts({ firstOpenedAt: daysAgo(STUCK_IDLE_DAYS + 1) }), now), 'idle', `opened over ${STUCK_IDLE_DAYS} days ago and not completed`);
  t.equal(stuckReason(facts({ firstOpenedAt: daysAgo(STUCK_IDLE_DAYS + 1), completedAt: daysAgo(1) }), now), null, 'completed late is not stuck');
  t.equal(stuckReason(facts({ firstOpenedAt: daysAgo(1), bestScore: STUCK_LOW_SCORE - 0.1, scoreCount: 2 }), now), 'low_score', 'low best score');
  t.equal(stuckReason(facts({ firstOpenedAt: daysAgo(1), completedAt: daysAgo(0), bestScore: 0.2, scoreCount: 1 }), now), 'low_score', 'completed with a low score still needs help');
  t.equal(stuckReason(facts({ firstOpenedAt: daysAgo(1), bestScore: STUCK_LOW_SCORE, scoreCount: 1 }), now), null, 'exactly the threshold is enough');
  t.equal(stuckReason(facts({ firstOpenedAt: daysAgo(30), bestScore: 0.1, scoreCount: 1 }), now, { idleDays: 60, lowScore: 0.05 }), null, 'the rule can be tuned');
});
