import type { Knex } from 'knex';
import type { CameraPreset, CameraRecord, CameraRepository, CameraRowPatch, NewCameraRow } from '../domain/cameras/camera.types.js';
import { bool, insertedId, int } from './rows.js';

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function toCamera(r: Record<string, unknown>): CameraRecord {
  return {
    id: int(r.id), name: String(r.name), xaddr: String(r.xaddr), urn: text(r.urn), username: String(r.username), passwordEnc: String(r.password_enc),
    profileToken: String(r.profile_token), streamUri: text(r.stream_uri), manufacturer: text(r.manufacturer), model: text(r.model),
    serialNumber: text(r.serial_number), firmwareVersion: text(r.firmware_version), ptz: bool(r.ptz), enabled: bool(r.enabled), isDefault: bool(r.is_default),
    addedAt: String(r.added_at), updatedAt: String(r.updated_at), lastSeenAt: text(r.last_seen_at), lastError: text(r.last_error),
  };
}

function toPreset(r: Record<string, unknown>): CameraPreset {
  return { id: int(r.id), cameraId: int(r.camera_id), name: String(r.name), token: String(r.token), createdAt: String(r.created_at) };
}

/** Column names of the fields a patch may carry. */
const COLUMNS: Record<keyof CameraRowPatch, string> = {
  name: 'name', xaddr: 'xaddr', urn: 'urn', username: 'username', passwordEnc: 'password_enc', profileToken: 'profile_token', streamUri: 'stream_uri',
  manufacturer: 'manufacturer', model: 'model', serialNumber: 'serial_number', firmwareVersion: 'firmware_version', ptz: 'ptz', enabled: 'enabled',
  updatedAt: 'updated_at',
};

/** The room's ONVIF cameras and their named presets. */
export class KnexCameraRepository implements CameraRepository {
  constructor(private readonly db: Knex) {}

  async list() {
    return (await this.db('cameras').orderBy('id')).map(toCamera);
  }
  async get(id: number) {
    const r = await this.db('cameras').where({ id }).first();
    return r ? toCamera(r) : undefined;
  }
  async getDefault() {
    const r = await this.db('cameras').where('is_default', true).orderBy('id').first();
    return r ? toCamera(r) : undefined;
  }
  async findByXaddr(xaddr: string) {
    const r = await this.db('cameras').where({ xaddr }).first();
    return r ? toCamera(r) : undefined;
  }
  async findByUrn(urn: string) {
    const r = await this.db('cameras').where({ urn }).orderBy('id').first();
    return r ? toCamera(r) : undefined;
  }
  async create(c: NewCameraRow) {
    return insertedId(await this.db('cameras').insert({
      name: c.name, xaddr: c.xaddr, urn: c.urn, username: c.username, password_enc: c.passwordEnc, profile_token: c.profileToken, stream_uri: c.streamUri,
      manufacturer: c.manufacturer, model: c.model, serial_number: c.serialNumber, firmware_version: c.firmwareVersion, ptz: c.ptz, enabled: c.enabled,
      is_default: false, added_at: c.at, updated_at: c.at,
    }).returning('id'));
  }
  async update(id: number, patch: CameraRowPatch) {
    const row: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) row[COLUMNS[k as keyof CameraRowPatch]] = v;
    await this.db('cameras').where({ id }).update(row);
  }
  async setDefault(id: number | null) {
    await this.db('cameras').where('is_default', true).update({ is_default: false });
    if (id !== null) await this.db('cameras').where({ id }).update({ is_default: true });
  }
  async remove(id: number) {
    await this.db('camera_presets').where('camera_id', id).del();
    await this.db('cameras').where({ id }).del();
  }
  async recordContact(id: number, at: string | null, error: string | null) {
    await this.db('cameras').where({ id }).update(at ? { last_seen_at: at, last_error: error } : { last_error: error });
  }
  async presets(cameraId: number) {
    return (await this.db('camera_presets').where('camera_id', cameraId).orderBy('id')).map(toPreset);
  }
  async getPreset(cameraId: number, presetId: number) {
    const r = await this.db('camera_presets').where({ camera_id: cameraId, id: presetId }).first();
    return r ? toPreset(r) : undefined;
  }
  async findPresetByName(cameraId: number, name: string) {
    const r = await this.db('camera_presets').where({ camera_id: cameraId, name }).first();
    return r ? toPreset(r) : undefined;
  }
  async createPreset(cameraId: number, name: string, token: string, at: string) {
    return insertedId(await this.db('camera_presets').insert({ camera_id: cameraId, name, token, created_at: at }).returning('id'));
  }
  async updatePresetToken(presetId: number, token: string) {
    await this.db('camera_presets').where({ id: presetId }).update({ token });
  }
  async removePreset(presetId: number) {
    await this.db('camera_presets').where({ id: presetId }).del();
  }
}
