import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { IdParams, Ok } from '../../contracts/common.schema.js';
import {
  AddCameraBody, CameraPreset, DiscoverBody, DiscoveredCamera, MoveBody, NetworkInterface, PresetBody, PresetParams, PtzStatus, RoomCamera, UpdateCameraBody,
  type AddCameraBody as AddCameraBodyT, type DiscoverBody as DiscoverBodyT, type MoveBody as MoveBodyT, type PresetBody as PresetBodyT, type UpdateCameraBody as UpdateCameraBodyT,
} from '../../contracts/cameras.schema.js';
import type { PtzMove } from '../../domain/cameras/camera.types.js';
import { DomainError } from '../../domain/shared/errors.js';
import type { Services } from '../../services.js';
import { actorOf } from '../auth.plugin.js';

type IdP = { Params: { id: number } };
type PresetP = { Params: { id: number; presetId: number } };

/** Continuous moves end by themselves after this long unless stopped sooner (a lost "stop" must not leave the camera turning). */
const CONTINUOUS_DEFAULT_MS = 5000;

/** The flat request body as the ONVIF client's move; the axes a kind needs must be there. */
function toMove(b: MoveBodyT): PtzMove {
  const some = (v: { pan?: number; tilt?: number; zoom?: number } | undefined, field: string) => {
    if (!v || (v.pan === undefined && v.tilt === undefined && v.zoom === undefined)) throw new DomainError('VALIDATION_FAILED', { field, reason: 'required' });
    return v;
  };
  switch (b.kind) {
    case 'absolute': return { kind: 'absolute', position: some(b.position, 'position'), ...(b.speed ? { speed: b.speed } : {}) };
    case 'relative': return { kind: 'relative', translation: some(b.translation, 'translation'), ...(b.speed ? { speed: b.speed } : {}) };
    case 'continuous': return { kind: 'continuous', velocity: some(b.velocity, 'velocity'), timeoutMs: b.timeoutMs ?? CONTINUOUS_DEFAULT_MS };
    case 'stop': return { kind: 'stop' };
  }
}

/** Per signed-in account: everyone at the kiosk shares 127.0.0.1. */
const perAccount = (req: FastifyRequest) => String(req.principal?.accountId ?? req.ip);

/** The teaching room's ONVIF cameras (Art. 10.3): inventory, snapshots, PTZ and presets. */
export async function camerasRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const c = services.cameras;
  const tags = ['cameras'];

  app.get('/api/cameras', {
    schema: { tags, summary: 'Camera phòng học', response: { 200: Type.Array(RoomCamera) } },
    config: { access: 'cameras.read' },
  }, () => c.list());

  app.get('/api/cameras/interfaces', {
    schema: { tags, summary: 'Các giao diện mạng IPv4 của thiết bị (để dò tìm camera)', response: { 200: Type.Array(NetworkInterface) } },
    config: { access: 'cameras.manage' },
  }, () => c.interfaces());

  app.post<{ Body: DiscoverBodyT }>('/api/cameras/discover', {
    schema: { tags, summary: 'Dò tìm camera ONVIF (WS-Discovery) trên một giao diện mạng', body: DiscoverBody, response: { 200: Type.Array(DiscoveredCamera) } },
    config: { access: 'cameras.manage', rateLimit: { max: 10, timeWindow: '1 minute', keyGenerator: perAccount } },
  }, (req) => c.discover(req.body));

  app.post<{ Body: AddCameraBodyT }>('/api/cameras', {
    schema: { tags, summary: 'Thêm camera (kiểm tra tài khoản, cấu hình và luồng RTSP)', body: AddCameraBody, response: { 200: RoomCamera } },
    config: { access: 'cameras.manage', rateLimit: { max: 20, timeWindow: '1 minute', keyGenerator: perAccount } },
  }, (req) => c.add(actorOf(req), req.body));

  app.put<IdP & { Body: UpdateCameraBodyT }>('/api/cameras/:id', {
    schema: { tags, summary: 'Sửa camera; đặt làm camera mặc định', params: IdParams, body: UpdateCameraBody, response: { 200: RoomCamera } },
    config: { access: 'cameras.manage' },
  }, (req) => c.update(actorOf(req), req.params.id, req.body));

  app.delete<IdP>('/api/cameras/:id', {
    schema: { tags, summary: 'Xoá camera', params: IdParams, response: { 200: Ok } },
    config: { access: 'cameras.manage' },
  }, async (req) => { await c.remove(actorOf(req), req.params.id); return { ok: true as const }; });

  app.get<IdP>('/api/cameras/:id/snapshot', {
    schema: { tags, summary: 'Ảnh chụp hiện tại (JPEG)', params: IdParams },
    config: { access: 'cameras.read', rateLimit: { max: 60, timeWindow: '1 minute', keyGenerator: perAccount } },
  }, async (req, reply) => {
    const jpeg = await c.snapshot(req.params.id);
    return reply.type('image/jpeg').header('cache-control', 'no-store').send(jpeg);
  });

  app.get<IdP>('/api/cameras/:id/status', {
    schema: { tags, summary: 'Vị trí PTZ hiện tại', params: IdParams, response: { 200: PtzStatus } },
    config: { access: 'cameras.read' },
  }, (req) => c.status(req.params.id));

  app.post<IdP & { Body: MoveBodyT }>('/api/cameras/:id/move', {
    schema: { tags, summary: 'Điều khiển PTZ: tuyệt đối, tương đối, liên tục hoặc dừng', params: IdParams, body: MoveBody, response: { 200: PtzStatus } },
    config: { access: 'cameras.control', rateLimit: { max: 240, timeWindow: '1 minute', keyGenerator: perAccount } },
  }, (req) => c.move(actorOf(req), req.params.id, toMove(req.body)));

  app.get<IdP>('/api/cameras/:id/presets', {
    schema: { tags, summary: 'Các vị trí đặt sẵn', params: IdParams, response: { 200: Type.Array(CameraPreset) } },
    config: { access: 'cameras.read' },
  }, (req) => c.presets(req.params.id));

  app.post<IdP & { Body: PresetBodyT }>('/api/cameras/:id/presets', {
    schema: { tags, summary: 'Lưu vị trí hiện tại thành vị trí đặt sẵn (Bảng, Bàn giáo viên, Cả lớp…)', params: IdParams, body: PresetBody, response: { 200: CameraPreset } },
    config: { access: 'cameras.control' },
  }, (req) => c.savePreset(actorOf(req), req.params.id, req.body.name));

  app.post<PresetP>('/api/cameras/:id/presets/:presetId/goto', {
    schema: { tags, summary: 'Quay camera tới vị trí đặt sẵn', params: PresetParams, response: { 200: PtzStatus } },
    config: { access: 'cameras.control' },
  }, (req) => c.gotoPreset(actorOf(req), req.params.id, req.params.presetId));

  app.delete<PresetP>('/api/cameras/:id/presets/:presetId', {
    schema: { tags, summary: 'Xoá vị trí đặt sẵn', params: PresetParams, response: { 200: Ok } },
    config: { access: 'cameras.control' },
  }, async (req) => { await c.removePreset(actorOf(req), req.params.id, req.params.presetId); return { ok: true as const }; });
}
