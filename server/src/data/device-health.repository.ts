import type { Knex } from 'knex';
import type { DeviceHealthRepository, NewAlert } from '../domain/devices/device.repository.js';
import type { Alert, AlertRule, Severity } from '../domain/devices/device.types.js';
import type { Bucket, Resolution } from '../domain/devices/downsample.js';
import { insertedId, int } from './rows.js';

const iso = (ms: number) => new Date(ms).toISOString();
const num = (v: unknown) => (typeof v === 'number' ? v : Number(v));

function toBucket(r: Record<string, unknown>): Bucket {
  return { metric: String(r.metric), resolution: r.resolution as Resolution, start: Date.parse(String(r.bucket_start)), min: num(r.min), avg: num(r.avg), max: num(r.max), count: int(r.count) };
}

function toAlert(r: Record<string, unknown>): Alert {
  return {
    id: int(r.id), rule: r.rule as AlertRule, subject: String(r.subject), deviceId: r.device_id === null || r.device_id === undefined ? null : int(r.device_id),
    severity: r.severity as Severity, value: r.value === null || r.value === undefined ? null : num(r.value), threshold: r.threshold === null || r.threshold === undefined ? null : num(r.threshold),
    message: { vi: String(r.message_vi), en: String(r.message_en) }, raisedAt: String(r.raised_at), clearedAt: (r.cleared_at as string | null) ?? null,
  };
}

/** Rows per insert statement (7 bound values each: far under SQLite's limit). */
const CHUNK = 200;

export class KnexDeviceHealthRepository implements DeviceHealthRepository {
  constructor(private readonly db: Knex) {}

  async findBuckets(resolution: Resolution, metrics: readonly string[], starts: readonly number[]) {
    if (!metrics.length || !starts.length) return [];
    const rows = await this.db('device_metric_buckets').where('resolution', resolution).whereIn('bucket_start', starts.map(iso)).whereIn('metric', [...metrics]);
    return rows.map(toBucket);
  }

  async saveBuckets(buckets: readonly Bucket[]) {
    for (let i = 0; i < buckets.length; i += CHUNK) {
      const rows = buckets.slice(i, i + CHUNK).map((b) => ({ metric: b.metric, resolution: b.resolution, bucket_start: iso(b.start), min: b.min, avg: b.avg, max: b.max, count: b.count }));
      await this.db('device_metric_buckets').insert(rows).onConflict(['metric', 'resolution', 'bucket_start']).merge(['min', 'avg', 'max', 'count']);
    }
  }

  async history(metric: string, resolution: Resolution, from: number, to: number, limit: number) {
    const rows = await this.db('device_metric_buckets')
      .where({ metric, resolution })
      .where('bucket_start', '>=', iso(from))
      .where('bucket_start', '<', iso(to))
      .orderBy('bucket_start', 'asc')
      .limit(limit);
    return rows.map(toBucket);
  }

  async pruneBuckets(resolution: Resolution, before: number) {
    return int(await this.db('device_metric_buckets').where('resolution', resolution).where('bucket_start', '<', iso(before)).del());
  }

  async listAlerts(q: { active?: boolean; deviceId?: number; limit: number }) {
    const query = this.db('device_alerts').orderBy([{ column: 'raised_at', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(q.limit);
    if (q.active === true) query.whereNull('cleared_at');
    if (q.active === false) query.whereNotNull('cleared_at');
    if (q.deviceId !== undefined) query.where('device_id', q.deviceId);
    return (await query).map(toAlert);
  }

  async insertAlert(a: NewAlert) {
    return insertedId(await this.db('device_alerts').insert({
      rule: a.rule, subject: a.subject, device_id: a.deviceId, severity: a.severity, value: a.value, threshold: a.threshold,
      message_vi: a.message.vi, message_en: a.message.en, raised_at: a.raisedAt,
    }).returning('id'));
  }

  async escalateAlert(id: number, severity: Severity, value: number | null, threshold: number | null, message: { vi: string; en: string }) {
    await this.db('device_alerts').where({ id }).whereNull('cleared_at').update({ severity, value, threshold, message_vi: message.vi, message_en: message.en });
  }

  async clearAlert(id: number, at: string) {
    await this.db('device_alerts').where({ id }).whereNull('cleared_at').update({ cleared_at: at });
  }

  async clearDeviceAlerts(deviceId: number, at: string) {
    return int(await this.db('device_alerts').where('device_id', deviceId).whereNull('cleared_at').update({ cleared_at: at }));
  }
}
