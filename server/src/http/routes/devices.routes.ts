import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { Created, IdParams, Ok } from '../../contracts/common.schema.js';
import {
  Alert, AlertsQuery, Device, DeviceBody, DeviceDetail, HealthNow, History, HistoryQuery, InventoryQuery, Peripherals, RetireBody,
  type AlertsQuery as AlertsQueryT, type DeviceBody as DeviceBodyT, type HistoryQuery as HistoryQueryT, type InventoryQuery as InventoryQueryT, type RetireBody as RetireBodyT,
} from '../../contracts/devices.schema.js';
import type { DeviceInput } from '../../domain/devices/device.types.js';
import type { Services } from '../../services.js';
import { actorOf } from '../auth.plugin.js';

type IdP = { Params: { id: number } };

const input = (b: DeviceBodyT): DeviceInput => ({
  kind: b.kind as DeviceInput['kind'], name: b.name, model: b.model ?? null, serial: b.serial ?? null, location: b.location ?? null,
  host: b.host ?? null, port: b.port ?? null, notes: b.notes ?? null,
});

/** The teaching room's equipment and the appliance's health (Art. 10.3; inventory as Art. 8.1.a evidence). */
export async function devicesRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const d = services.devices;
  const tags = ['devices'];

  app.get('/api/devices/health/now', {
    schema: { tags, summary: 'Tình trạng thiết bị hiện tại: CPU, nhiệt độ, bộ nhớ, mạng, ổ đĩa, camera', response: { 200: HealthNow } },
    config: { access: 'devices.read' },
  }, () => d.now());

  app.get<{ Querystring: HistoryQueryT }>('/api/devices/health/history', {
    schema: { tags, summary: 'Lịch sử một chỉ số (theo phút: 24 giờ; theo giờ: 1 năm) để vẽ biểu đồ', querystring: HistoryQuery, response: { 200: History } },
    config: { access: 'devices.read' },
  }, (req) => d.history({ metric: req.query.metric, resolution: req.query.resolution ?? 'minute', from: req.query.from, to: req.query.to }));

  app.get<{ Querystring: AlertsQueryT }>('/api/devices/alerts', {
    schema: { tags, summary: 'Cảnh báo (đang mở với ?active=true)', querystring: AlertsQuery, response: { 200: Type.Array(Alert) } },
    config: { access: 'devices.read' },
  }, (req) => d.alerts(req.query));

  app.get<{ Querystring: InventoryQueryT }>('/api/devices/inventory', {
    schema: { tags, summary: 'Danh mục thiết bị phòng dạy học', querystring: InventoryQuery, response: { 200: Type.Array(Device) } },
    config: { access: 'devices.read' },
  }, (req) => d.listInventory({ includeRetired: req.query.includeRetired, kind: req.query.kind as DeviceInput['kind'] | undefined }));

  app.get<IdP>('/api/devices/inventory/:id', {
    schema: { tags, summary: 'Một thiết bị với lịch sử cảnh báo và kết nối', params: IdParams, response: { 200: DeviceDetail } },
    config: { access: 'devices.read' },
  }, (req) => d.getDevice(req.params.id));

  app.post<{ Body: DeviceBodyT }>('/api/devices/inventory', {
    schema: { tags, summary: 'Thêm thiết bị', body: DeviceBody, response: { 200: Created } },
    config: { access: 'devices.manage' },
  }, async (req) => ({ id: await d.createDevice(actorOf(req), input(req.body)) }));

  app.put<IdP & { Body: DeviceBodyT }>('/api/devices/inventory/:id', {
    schema: { tags, summary: 'Sửa thông tin thiết bị', params: IdParams, body: DeviceBody, response: { 200: Ok } },
    config: { access: 'devices.manage' },
  }, async (req) => { await d.updateDevice(actorOf(req), req.params.id, input(req.body)); return { ok: true as const }; });

  app.post<IdP & { Body: RetireBodyT }>('/api/devices/inventory/:id/retire', {
    schema: { tags, summary: 'Ngừng sử dụng thiết bị (vẫn giữ trong danh mục làm minh chứng)', params: IdParams, body: RetireBody, response: { 200: Ok } },
    config: { access: 'devices.manage' },
    // The reason is optional, and so is the body itself.
    preValidation: async (req) => { req.body ??= {}; },
  }, async (req) => { await d.retireDevice(actorOf(req), req.params.id, req.body.reason ?? null); return { ok: true as const }; });

  app.get('/api/devices/peripherals', {
    schema: { tags, summary: 'Quét thiết bị ngoại vi đang cắm (màn hình, âm thanh, USB, ổ đĩa); tốn tài nguyên, có giới hạn', response: { 200: Peripherals } },
    config: { access: 'devices.read', rateLimit: { max: 4, timeWindow: '1 minute' } },
  }, () => d.peripherals());
}
