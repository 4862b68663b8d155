/**
 * The clock of an attempt (Art. 6.2: time window and time limit measured on the server) and the
 * sequencing of autosaved answers. Pure functions of instants (ISO text or ms), no I/O.
 */

/** Saves still in flight when the time runs out are accepted for this long after the deadline. */
export const GRACE_MS = 30_000;

/** The attempt's deadline: the time limit from its start, cut at the window's close. */
export function attemptDeadline(startedAt: string, timeLimitMinutes: number, closesAt: string): string {
  const byLimit = Date.parse(startedAt) + timeLimitMinutes * 60_000;
  return new Date(Math.min(byLimit, Date.parse(closesAt))).toISOString();
}

/** Whether a save or a submit made at `now` still counts (deadline plus the grace). */
export function withinGrace(now: Date, deadlineAt: string, graceMs = GRACE_MS): boolean {
  return now.getTime() <= Date.parse(deadlineAt) + graceMs;
}

/** An attempt still in progress whose deadline and grace have passed is submitted automatically. */
export function isOverdue(now: Date, deadlineAt: string, graceMs = GRACE_MS): boolean {
  return !withinGrace(now, deadlineAt, graceMs);
}

/** Milliseconds left before the deadline (never negative): what the student's countdown shows. */
export function remainingMs(now: Date, deadlineAt: string): number {
  return Math.max(0, Date.parse(deadlineAt) - now.getTime());
}

export type WindowState = 'not_open' | 'open' | 'closed';

export function windowState(now: Date, opensAt: string, closesAt: string): WindowState {
  const t = now.getTime();
  if (t < Date.parse(opensAt)) return 'not_open';
  if (t >= Date.parse(closesAt)) return 'closed';
  return 'open';
}

/** One stored answer with the client's sequence number of the save that wrote it. */
export interface StoredAnswer<A = unknown> {
  questionKey: string;
  answer: A;
  seq: number;
}

/**
 * Which answers of a save batch replace what is stored: the client numbers its saves (1, 2, 3…);
 * an answer is taken only if its batch is newer than the save that last wrote that question. A
 * save repeated (same number) changes nothing, and a late save arriving after a newer one cannot
 * overwrite the newer answers, while it still fills questions the newer save did not touch.
 */
export function acceptedAnswers<A>(stored: readonly StoredAnswer<A>[], seq: number, batch: readonly { questionKey: string; answer: A }[]): { accepted: StoredAnswer<A>[]; stale: string[] } {
  const last = new Map(stored.map((s) => [s.questionKey, s.seq]));
  const accepted: StoredAnswer<A>[] = [];
  const stale: string[] = [];
  // Within one batch the last answer to a question wins.
  const byKey = new Map<string, A>();
  for (const b of batch) byKey.set(b.questionKey, b.answer);
  for (const [questionKey, answer] of byKey) {
    const prev = last.get(questionKey);
    if (prev !== undefined && prev >= seq) stale.push(questionKey);
    else accepted.push({ questionKey, answer, seq });
  }
  return { accepted, stale };
}

/** Which attempt counts for the quiz's result (attempts allowed > 1): the best or the last graded one. */
export function countingAttempt<T extends { number: number; score: number | null }>(attempts: readonly T[], rule: 'best' | 'last'): T | undefined {
  const scored = attempts.filter((a) => a.score !== null);
  if (!scored.length) return undefined;
  if (rule === 'last') return scored.reduce((a, b) => (b.number > a.number ? b : a));
  return scored.reduce((a, b) => (b.score! > a.score! || (b.score === a.score && b.number > a.number) ? b : a));
}
