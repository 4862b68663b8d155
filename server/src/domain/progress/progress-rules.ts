/**
 * Rules of learning progress (Art. 5.3: teachers monitor and support students' use of materials;
 * Art. 9.2.c: the school keeps learning progress). Pure functions, unit tested.
 */

/** Most active time one heartbeat can add, whatever it claims (the tracker sends every 30 s). */
export const MAX_HEARTBEAT_SECONDS = 120;

/**
 * Active time credited for a heartbeat claiming `claimedSeconds`. The server keeps a clock per
 * student × material (`creditedUntil`): a heartbeat can add at most the wall-clock time since the
 * last credit, and at most MAX_HEARTBEAT_SECONDS. So a tampered client sending "3600" or a burst
 * of heartbeats, or two tabs open on the same material, never earn more than real time.
 * Returns the credit in milliseconds and the new clock.
 */
export function creditActiveTime(input: { claimedSeconds: number; creditedUntil: string; now: Date; capSeconds?: number }): { creditedMs: number; creditedUntil: string } {
  const cap = (input.capSeconds ?? MAX_HEARTBEAT_SECONDS) * 1000;
  const claimed = Math.max(0, Math.floor(input.claimedSeconds)) * 1000;
  const since = Date.parse(input.creditedUntil);
  const nowMs = input.now.getTime();
  const available = Number.isFinite(since) ? Math.max(0, nowMs - since) : 0;
  const creditedMs = Math.min(claimed, cap, available);
  return { creditedMs, creditedUntil: new Date(Math.max(nowMs, Number.isFinite(since) ? since : nowMs)).toISOString() };
}

/** A score from an H5P xAPI result, scaled to 0–1; null when it says nothing usable. */
export function scaledScore(score: { raw?: number | undefined; max?: number | undefined; scaled?: number | undefined } | undefined): number | null {
  if (!score) return null;
  let s: number | null = null;
  if (typeof score.scaled === 'number' && Number.isFinite(score.scaled)) s = score.scaled;
  else if (typeof score.raw === 'number' && typeof score.max === 'number' && score.max > 0) s = score.raw / score.max;
  if (s === null) return null;
  return Math.round(Math.min(1, Math.max(0, s)) * 1000) / 1000;
}

/**
 * "Stuck" (cần hỗ trợ), as the teacher's page explains it:
 * - idle: opened more than STUCK_IDLE_DAYS days ago and still not completed;
 * - low_score: the best score on the material's H5P activities is below STUCK_LOW_SCORE after at
 *   least one attempt (completed or not: finishing with a low score still needs help).
 */
export const STUCK_IDLE_DAYS = 7;
export const STUCK_LOW_SCORE = 0.5;

export type StuckReason = 'idle' | 'low_score';
export type ProgressStatus = 'not_started' | 'in_progress' | 'completed';

export interface ProgressFacts {
  firstOpenedAt: string | null;
  completedAt: string | null;
  bestScore: number | null;
  scoreCount: number;
}

export function progressStatus(f: ProgressFacts): ProgressStatus {
  if (!f.firstOpenedAt) return 'not_started';
  return f.completedAt ? 'completed' : 'in_progress';
}

export function stuckReason(f: ProgressFacts, now: Date, rule: { idleDays: number; lowScore: number } = { idleDays: STUCK_IDLE_DAYS, lowScore: STUCK_LOW_SCORE }): StuckReason | null {
  if (!f.firstOpenedAt) return null;
  if (f.scoreCount > 0 && f.bestScore !== null && f.bestScore < rule.lowScore) return 'low_score';
  if (!f.completedAt) {
    const opened = Date.parse(f.firstOpenedAt);
    if (Number.isFinite(opened) && now.getTime() - opened > rule.idleDays * 86_400_000) return 'idle';
  }
  return null;
}
