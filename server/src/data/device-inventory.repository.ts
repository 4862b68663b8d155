import type { Knex } from 'knex';
import type { DeviceRepository } from '../domain/devices/device.repository.js';
import type { Device, DeviceInput, DeviceKind } from '../domain/devices/device.types.js';
import { insertedId, int } from './rows.js';

const row = (i: DeviceInput) => ({ kind: i.kind, name: i.name, model: i.model, serial: i.serial, location: i.location, host: i.host, port: i.port, notes: i.notes });

function toDevice(r: Record<string, unknown>): Device {
  return {
    id: int(r.id), kind: r.kind as DeviceKind, name: String(r.name), model: (r.model as string | null) ?? null, serial: (r.serial as string | null) ?? null,
    location: (r.location as string | null) ?? null, host: (r.host as string | null) ?? null, port: r.port === null || r.port === undefined ? null : int(r.port),
    notes: (r.notes as string | null) ?? null, addedAt: String(r.added_at), retiredAt: (r.retired_at as string | null) ?? null, retireReason: (r.retire_reason as string | null) ?? null,
  };
}

export class KnexDeviceRepository implements DeviceRepository {
  constructor(private readonly db: Knex) {}

  async list(f: { includeRetired: boolean; kind?: DeviceKind }) {
    const q = this.db('devices').orderBy([{ column: 'kind' }, { column: 'name' }, { column: 'id' }]);
    if (!f.includeRetired) q.whereNull('retired_at');
    if (f.kind) q.where('kind', f.kind);
    return (await q).map(toDevice);
  }
  async get(id: number) {
    const r = await this.db('devices').where({ id }).first();
    return r ? toDevice(r) : undefined;
  }
  async findBySerial(kind: DeviceKind, serial: string) {
    const r = await this.db('devices').where({ kind, serial }).first();
    return r ? toDevice(r) : undefined;
  }
  async create(i: DeviceInput, addedAt: string) {
    return insertedId(await this.db('devices').insert({ ...row(i), added_at: addedAt }).returning('id'));
  }
  async update(id: number, i: DeviceInput) {
    await this.db('devices').where({ id }).update(row(i));
  }
  async retire(id: number, at: string, reason: string | null) {
    await this.db('devices').where({ id }).whereNull('retired_at').update({ retired_at: at, retire_reason: reason });
  }
  async reachTargets() {
    const rows = await this.db('devices').whereNull('retired_at').whereNotNull('host').whereNotNull('port').select('id', 'kind', 'name', 'host', 'port').orderBy('id');
    return rows.map((r) => ({ id: int(r.id), kind: r.kind as DeviceKind, name: String(r.name), host: String(r.host), port: int(r.port) }));
  }
}
