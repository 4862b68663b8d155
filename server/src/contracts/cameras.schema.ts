import { Type, type Static } from '@sinclair/typebox';
import { Id, Nullable } from './common.schema.js';

/** The teaching room's ONVIF cameras (Art. 10.3): requests and replies. A password is never in a reply. */

const Ipv4 = Type.String({ format: 'ipv4' });

export const RoomCamera = Type.Object({
  id: Id,
  name: Type.String(),
  xaddr: Type.String({ description: 'ONVIF device service URL' }),
  urn: Nullable(Type.String()),
  username: Type.String(),
  profileToken: Type.String(),
  streamUri: Nullable(Type.String({ description: 'RTSP URI of the profile, without credentials' })),
  manufacturer: Nullable(Type.String()),
  model: Nullable(Type.String()),
  serialNumber: Nullable(Type.String()),
  firmwareVersion: Nullable(Type.String()),
  ptz: Type.Boolean(),
  enabled: Type.Boolean(),
  isDefault: Type.Boolean(),
  addedAt: Type.String(),
  updatedAt: Type.String(),
  lastSeenAt: Nullable(Type.String()),
  lastError: Nullable(Type.String()),
});

export const NetworkInterface = Type.Object({ name: Type.String(), address: Type.String(), internal: Type.Boolean() });

export const DiscoverBody = Type.Object({
  interfaceAddress: Type.String({ format: 'ipv4', description: 'IPv4 address of the box’s interface on the cameras’ network' }),
  timeoutMs: Type.Integer({ minimum: 200, maximum: 10_000, default: 2000 }),
  port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535, description: 'WS-Discovery port (3702)' })),
  multicast: Type.Optional(Type.Boolean({ description: 'send the multicast Probe (default true)' })),
  unicastHosts: Type.Optional(Type.Array(Ipv4, { maxItems: 32, description: 'also probe these cameras directly (networks that filter multicast)' })),
}, { additionalProperties: false });
export type DiscoverBody = Static<typeof DiscoverBody>;

export const DiscoveredCamera = Type.Object({
  xaddr: Type.String(), xaddrs: Type.Array(Type.String()), urn: Type.String(), name: Type.String(), hardware: Type.String(), location: Type.String(),
  scopes: Type.Array(Type.String()), types: Type.Array(Type.String()), address: Type.String(),
  cameraId: Nullable(Id),
});

const Name = Type.String({ minLength: 1, maxLength: 150 });
const Xaddr = Type.String({ minLength: 8, maxLength: 500, description: 'http://<camera>/onvif/device_service' });
const Username = Type.String({ minLength: 1, maxLength: 150 });
const Password = Type.String({ maxLength: 200 });
const ProfileToken = Type.String({ minLength: 1, maxLength: 100 });

export const AddCameraBody = Type.Object({
  xaddr: Xaddr,
  username: Username,
  password: Password,
  name: Type.Optional(Name),
  profileToken: Type.Optional(ProfileToken),
  urn: Type.Optional(Type.String({ maxLength: 200 })),
  makeDefault: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });
export type AddCameraBody = Static<typeof AddCameraBody>;

export const UpdateCameraBody = Type.Object({
  name: Type.Optional(Name),
  xaddr: Type.Optional(Xaddr),
  username: Type.Optional(Username),
  password: Type.Optional(Password),
  profileToken: Type.Optional(ProfileToken),
  enabled: Type.Optional(Type.Boolean()),
  isDefault: Type.Optional(Type.Boolean({ description: 'true: the room camera live lessons use' })),
}, { additionalProperties: false, minProperties: 1 });
export type UpdateCameraBody = Static<typeof UpdateCameraBody>;

const axis = (min: number, max: number) => Type.Optional(Type.Number({ minimum: min, maximum: max }));
const Vector = (pt: [number, number], z: [number, number]) => Type.Object({ pan: axis(...pt), tilt: axis(...pt), zoom: axis(...z) }, { additionalProperties: false });

/**
 * One flat object rather than a union (a union with `additionalProperties: false` branches would
 * lose fields while the validator tries them). PTZ values in ONVIF's generic spaces.
 */
export const MoveBody = Type.Object({
  kind: Type.Union([Type.Literal('absolute'), Type.Literal('relative'), Type.Literal('continuous'), Type.Literal('stop')]),
  /** absolute: pan/tilt −1…1, zoom 0…1 */
  position: Type.Optional(Vector([-1, 1], [0, 1])),
  /** relative: pan/tilt −2…2, zoom −1…1 */
  translation: Type.Optional(Vector([-2, 2], [-1, 1])),
  /** continuous: −1…1 */
  velocity: Type.Optional(Vector([-1, 1], [-1, 1])),
  /** absolute and relative: 0…1 */
  speed: Type.Optional(Vector([0, 1], [0, 1])),
  /** continuous: the camera stops by itself after this long (default 5 s) unless told to stop sooner. */
  timeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 30_000 })),
}, { additionalProperties: false });
export type MoveBody = Static<typeof MoveBody>;

const PtzVector = Type.Object({ pan: Type.Number(), tilt: Type.Number(), zoom: Type.Number() });
export const PtzStatus = Type.Object({
  position: PtzVector,
  moving: Type.Object({ panTilt: Type.Boolean(), zoom: Type.Boolean() }),
  utcTime: Type.Optional(Type.String()),
});

export const CameraPreset = Type.Object({ id: Id, cameraId: Id, name: Type.String(), token: Type.String(), createdAt: Type.String() });
export const PresetBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 60, description: 'e.g. Bảng, Bàn giáo viên, Cả lớp' }) }, { additionalProperties: false });
export type PresetBody = Static<typeof PresetBody>;
export const PresetParams = Type.Object({ id: Id, presetId: Id });
