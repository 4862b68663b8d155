/**
 * Health history with downsampling. Raw samples (every few seconds) live only in memory; they
 * are aggregated into per-minute buckets (kept a day) and per-hour buckets (kept a year), each
 * holding min, avg, max and count of one metric. Everything here is pure: instants are
 * milliseconds since the epoch (UTC), buckets are half-open [start, start + size).
 */

export type Resolution = 'minute' | 'hour';

export const RESOLUTION_MS: Record<Resolution, number> = { minute: 60_000, hour: 3_600_000 };

/** How long each resolution is kept. */
export const RETENTION_MS: Record<Resolution, number> = { minute: 24 * 3_600_000, hour: 365 * 24 * 3_600_000 };

export interface Sample {
  metric: string;
  at: number;
  value: number;
}

export interface Bucket {
  metric: string;
  resolution: Resolution;
  /** Start of the bucket, ms since the epoch, a multiple of the resolution. */
  start: number;
  min: number;
  avg: number;
  max: number;
  count: number;
}

/** The start of the bucket `at` falls in (UTC; Vietnam is UTC+7, so hours line up with local hours). */
export function bucketStart(at: number, resolution: Resolution): number {
  const size = RESOLUTION_MS[resolution];
  return Math.floor(at / size) * size;
}

const keyOf = (metric: string, start: number) => `${start}\u0000${metric}`;

function sortBuckets(buckets: Bucket[]): Bucket[] {
  return buckets.sort((a, b) => (a.metric < b.metric ? -1 : a.metric > b.metric ? 1 : a.start - b.start));
}

/**
 * Raw samples → buckets of one resolution. Non-finite values are ignored; a bucket exists only
 * where samples exist (a gap stays a gap, nothing is interpolated).
 */
export function aggregate(samples: readonly Sample[], resolution: Resolution = 'minute'): Bucket[] {
  const acc = new Map<string, { metric: string; start: number; min: number; max: number; sum: number; count: number }>();
  for (const s of samples) {
    if (!Number.isFinite(s.value) || !Number.isFinite(s.at)) continue;
    const start = bucketStart(s.at, resolution);
    const k = keyOf(s.metric, start);
    const b = acc.get(k);
    if (!b) acc.set(k, { metric: s.metric, start, min: s.value, max: s.value, sum: s.value, count: 1 });
    else {
      if (s.value < b.min) b.min = s.value;
      if (s.value > b.max) b.max = s.value;
      b.sum += s.value;
      b.count++;
    }
  }
  return sortBuckets([...acc.values()].map((b) => ({ metric: b.metric, resolution, start: b.start, min: b.min, avg: b.sum / b.count, max: b.max, count: b.count })));
}

/** Two aggregates of the same metric and bucket → one (the average is weighted by the counts). */
export function mergeBucket(a: Bucket, b: Bucket): Bucket {
  if (a.metric !== b.metric || a.resolution !== b.resolution || a.start !== b.start) throw new Error('mergeBucket: different buckets');
  const count = a.count + b.count;
  return {
    metric: a.metric, resolution: a.resolution, start: a.start,
    min: Math.min(a.min, b.min), max: Math.max(a.max, b.max),
    avg: count ? (a.avg * a.count + b.avg * b.count) / count : 0,
    count,
  };
}

/** Merges `incoming` into `existing` (both of one resolution): the rows to write back. */
export function mergeInto(existing: readonly Bucket[], incoming: readonly Bucket[]): Bucket[] {
  const byKey = new Map(existing.map((b) => [keyOf(b.metric, b.start) + b.resolution, b]));
  const out: Bucket[] = [];
  for (const b of incoming) {
    const old = byKey.get(keyOf(b.metric, b.start) + b.resolution);
    out.push(old ? mergeBucket(old, b) : b);
  }
  return sortBuckets(out);
}

/** Coarser buckets from finer ones (minutes → hours): min of mins, max of maxes, count-weighted average. */
export function rollUp(buckets: readonly Bucket[], to: Resolution): Bucket[] {
  const acc = new Map<string, Bucket>();
  for (const b of buckets) {
    if (RESOLUTION_MS[b.resolution] > RESOLUTION_MS[to]) throw new Error(`cannot roll ${b.resolution} buckets up to ${to}`);
    const start = bucketStart(b.start, to);
    const k = keyOf(b.metric, start);
    const part: Bucket = { ...b, resolution: to, start };
    const prev = acc.get(k);
    acc.set(k, prev ? mergeBucket(prev, part) : part);
  }
  return sortBuckets([...acc.values()]);
}

/** Samples whose minute has ended by `now` (ready to be written) and those of the running minute. */
export function splitClosed(samples: readonly Sample[], now: number, resolution: Resolution = 'minute'): { closed: Sample[]; open: Sample[] } {
  const current = bucketStart(now, resolution);
  const closed: Sample[] = [];
  const open: Sample[] = [];
  for (const s of samples) (bucketStart(s.at, resolution) < current ? closed : open).push(s);
  return { closed, open };
}

/** Buckets starting before this instant are older than the retention and are pruned. */
export function pruneCutoff(now: number, resolution: Resolution): number {
  return now - RETENTION_MS[resolution];
}

/** The buckets that survive pruning at `now`. */
export function retained(buckets: readonly Bucket[], now: number): Bucket[] {
  return buckets.filter((b) => b.start >= pruneCutoff(now, b.resolution));
}

/**
 * One flush: the delta aggregated per minute and rolled up per hour. Both are merged into what
 * is stored, so flushing a partial minute (at shutdown) and the rest of it later counts every
 * sample exactly once.
 */
export function flushBuckets(samples: readonly Sample[]): { minute: Bucket[]; hour: Bucket[] } {
  const minute = aggregate(samples, 'minute');
  return { minute, hour: rollUp(minute, 'hour') };
}
