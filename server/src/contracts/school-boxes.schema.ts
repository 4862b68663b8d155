import { Type, type Static } from '@sinclair/typebox';

const Nullable = <T extends ReturnType<typeof Type.Number>>(t: T) => Type.Union([t, Type.Null()]);
const Bilingual = Type.Object({ vi: Type.String(), en: Type.String() });

/** One box's essentials, as the IT console shows them (Art. 16.3). */
export const BoxEssentialsSchema = Type.Object({
  boxName: Type.String(),
  schoolName: Type.Union([Type.String(), Type.Null()]),
  version: Type.String(),
  uptimeSeconds: Type.Number(),
  at: Type.String(),
  cpuLoadPct: Nullable(Type.Number()),
  temperatureC: Nullable(Type.Number()),
  memoryUsedPct: Nullable(Type.Number()),
  diskFreePct: Nullable(Type.Number()),
  mediaWorkers: Type.Union([Type.Object({ count: Type.Integer(), restarts: Type.Integer() }), Type.Null()]),
  cameras: Type.Array(Type.Object({ name: Type.String(), reachable: Type.Union([Type.Boolean(), Type.Null()]) })),
  activeAlerts: Type.Array(Type.Object({ rule: Type.String(), subject: Type.String(), severity: Type.Union([Type.Literal('warning'), Type.Literal('critical')]), message: Bilingual, raisedAt: Type.String() })),
  recentProblems: Type.Array(Type.Object({ time: Type.String(), level: Type.Integer(), msg: Type.String() })),
  liveLessons: Type.Integer(),
  onBalena: Type.Boolean(),
});

export const SchoolBoxViewSchema = Type.Object({
  id: Type.Union([Type.Integer(), Type.Null()]),
  name: Type.String(),
  url: Type.Union([Type.String(), Type.Null()]),
  self: Type.Boolean(),
  reachable: Type.Boolean(),
  error: Type.Union([Type.String(), Type.Null()]),
  lastSeenAt: Type.Union([Type.String(), Type.Null()]),
  essentials: Type.Union([BoxEssentialsSchema, Type.Null()]),
});
export type SchoolBoxView = Static<typeof SchoolBoxViewSchema>;
export type BoxEssentials = Static<typeof BoxEssentialsSchema>;

export const PairBoxBodySchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  code: Type.String({ minLength: 10, maxLength: 2000 }),
}, { additionalProperties: false });
export type PairBoxBody = Static<typeof PairBoxBodySchema>;

export const PairingCodeSchema = Type.Object({ code: Type.String(), url: Type.String(), caFingerprintSha256: Type.String() });
export type PairingCodeReply = Static<typeof PairingCodeSchema>;
