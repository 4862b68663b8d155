import t from 'tap';
import {
  aggregate, bucketStart, flushBuckets, mergeBucket, mergeInto, pruneCutoff, retained, rollUp, splitClosed, RETENTION_MS, type Bucket, type Sample,
} from '../../server/src/domain/devices/downsample.js';

const T0 = Date.parse('2026-03-02T08:00:00.000Z'); // an hour boundary
const MIN = 60_000;
const HOUR = 3_600_000;

/** A synthetic series: one sample every 5 s with value = seconds since T0 (so each minute's avg is known). */
function series(metric: string, fromMs: number, toMs: number, stepMs = 5_000, value = (at: number) => (at - T0) / 1000): Sample[] {
  const out: Sample[] = [];
  for (let at = fromMs; at < toMs; at += stepMs) out.push({ metric, at, value: value(at) });
  return out;
}

t.test('bucket starts are UTC floors, half-open', async (t) => {
  t.equal(bucketStart(T0, 'minute'), T0);
  t.equal(bucketStart(T0 + MIN - 1, 'minute'), T0, 'the last millisecond belongs to the minute');
  t.equal(bucketStart(T0 + MIN, 'minute'), T0 + MIN, 'the boundary starts the next minute');
  t.equal(bucketStart(T0 + 59 * MIN + 59_999, 'hour'), T0);
  t.equal(bucketStart(T0 + HOUR, 'hour'), T0 + HOUR);
});

t.test('minute buckets of a synthetic series: min, avg, max, count', async (t) => {
  const b = aggregate(series('cpu.load_pct', T0, T0 + 3 * MIN));
  t.equal(b.length, 3);
  t.same(b.map((x) => new Date(x.start).toISOString()), ['2026-03-02T08:00:00.000Z', '2026-03-02T08:01:00.000Z', '2026-03-02T08:02:00.000Z']);
  // Minute 0 holds 0, 5, …, 55 → min 0, max 55, avg 27.5, 12 samples.
  t.match(b[0], { metric: 'cpu.load_pct', resolution: 'minute', min: 0, max: 55, avg: 27.5, count: 12 });
  t.match(b[1], { min: 60, max: 115, avg: 87.5, count: 12 });
  t.match(b[2], { min: 120, max: 175, avg: 147.5, count: 12 });
});

t.test('several metrics are kept apart and sorted by metric then time', async (t) => {
  const s = [...series('b.two', T0, T0 + 2 * MIN, 30_000, () => 2), ...series('a.one', T0, T0 + 2 * MIN, 30_000, () => 1)];
  const b = aggregate(s);
  t.same(b.map((x) => `${x.metric}@${(x.start - T0) / MIN}:${x.avg}/${x.count}`), ['a.one@0:1/2', 'a.one@1:1/2', 'b.two@0:2/2', 'b.two@1:2/2']);
});

t.test('gaps stay gaps; non-finite values are ignored', async (t) => {
  const s: Sample[] = [
    { metric: 'm.x', at: T0 + 10_000, value: 4 },
    { metric: 'm.x', at: T0 + 3 * MIN + 1_000, value: 8 },
    { metric: 'm.x', at: T0 + 3 * MIN + 2_000, value: Number.NaN },
    { metric: 'm.x', at: T0 + 3 * MIN + 3_000, value: Number.POSITIVE_INFINITY },
  ];
  const b = aggregate(s);
  t.same(b.map((x) => (x.start - T0) / MIN), [0, 3], 'no rows for minutes 1 and 2');
  t.equal(b[1]!.count, 1);
  t.same(rollUp(aggregate([...s, { metric: 'm.x', at: T0 + 5 * HOUR, value: 1 }]), 'hour').map((x) => (x.start - T0) / HOUR), [0, 5], 'no hour rows in between');
});

t.test('hour buckets from minute buckets equal hour buckets from the raw samples', async (t) => {
  // Two and a half hours of 5 s samples with an uneven shape, so count weighting matters.
  const raw = series('mem.available_pct', T0 + 30 * MIN, T0 + 3 * HOUR, 5_000, (at) => 50 + 40 * Math.sin(at / 1e6));
  // Drop every sample of one minute but a few, so minutes have different counts.
  const uneven = raw.filter((s) => !(s.at >= T0 + 90 * MIN && s.at < T0 + 91 * MIN && s.at % 20_000 !== 0));
  const fromMinutes = rollUp(aggregate(uneven, 'minute'), 'hour');
  const direct = aggregate(uneven, 'hour');
  t.equal(fromMinutes.length, 3);
  t.same(fromMinutes.map((b) => b.count), direct.map((b) => b.count));
  for (let i = 0; i < 3; i++) {
    t.equal(fromMinutes[i]!.min, direct[i]!.min);
    t.equal(fromMinutes[i]!.max, direct[i]!.max);
    t.ok(Math.abs(fromMinutes[i]!.avg - direct[i]!.avg) < 1e-9, `hour ${i} average is count-weighted`);
  }
  t.equal(fromMinutes[0]!.count, 30 * 12, 'the first hour only has its last 30 minutes');
  t.throws(() => rollUp(direct, 'minute'), /cannot roll hour/);
});

t.test('merging: a partial minute flushed at shutdown and the rest later count once', async (t) => {
  const all = series('net.rx_bps', T0, T0 + MIN, 5_000);
  const first = aggregate(all.slice(0, 5));
  const second = aggregate(all.slice(5));
  const merged = mergeInto(first, second);
  t.same(merged, aggregate(all));
  t.same(mergeInto([], second), second, 'nothing stored yet: the incoming rows as they are');
  t.throws(() => mergeBucket(first[0]!, { ...first[0]!, start: T0 + MIN }), /different buckets/);
  // flushBuckets gives both resolutions of one delta.
  const f = flushBuckets(all);
  t.equal(f.minute.length, 1);
  t.match(f.hour, [{ resolution: 'hour', start: T0, count: 12, min: 0, max: 55 }]);
});

t.test('closed minutes are written, the running minute waits', async (t) => {
  const s = series('cpu.load_pct', T0, T0 + 2 * MIN + 20_000);
  const now = T0 + 2 * MIN + 20_000;
  const { closed, open } = splitClosed(s, now);
  t.equal(closed.length, 24);
  t.equal(open.length, 4);
  t.ok(closed.every((x) => x.at < T0 + 2 * MIN) && open.every((x) => x.at >= T0 + 2 * MIN));
  t.equal(splitClosed(s, T0 + 2 * MIN).closed.length, 24, 'exactly at the boundary the previous minute is closed');
});

t.test('pruning by age: minutes after a day, hours after a year', async (t) => {
  const now = T0 + 400 * 24 * HOUR;
  t.equal(pruneCutoff(now, 'minute'), now - RETENTION_MS.minute);
  t.equal(RETENTION_MS.minute, 24 * HOUR);
  t.equal(RETENTION_MS.hour, 365 * 24 * HOUR);
  const mk = (resolution: 'minute' | 'hour', start: number): Bucket => ({ metric: 'm.x', resolution, start, min: 1, avg: 1, max: 1, count: 1 });
  const rows = [
    mk('minute', now - 24 * HOUR - MIN), // older than a day: pruned
    mk('minute', now - 24 * HOUR), // exactly a day: kept
    mk('minute', now - MIN),
    mk('hour', now - 366 * 24 * HOUR), // older than a year: pruned
    mk('hour', now - 30 * 24 * HOUR), // a month old hour: kept
  ];
  t.same(retained(rows, now).map((b) => `${b.resolution}:${(now - b.start) / MIN}`), ['minute:1440', 'minute:1', 'hour:43200']);
});
