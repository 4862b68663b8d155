import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from './common.schema.js';
import { Me } from './auth.schema.js';
import { TodayLesson } from './live-lessons.schema.js';

/** Quick sign-in at the kiosk: PIN, QR code approved from a phone, and the lesson to open now. */

export const PinBody = Type.Object({
  currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
  pin: Type.String({ minLength: 1, maxLength: 12, description: '4 to 6 digits' }),
}, { additionalProperties: false });
export type PinBody = Static<typeof PinBody>;

export const PinStatus = Type.Object({ set: Type.Boolean(), locked: Type.Boolean() });

export const PinLoginBody = Type.Object({
  login: Type.String({ minLength: 2, maxLength: 60 }),
  pin: Type.String({ minLength: 1, maxLength: 12 }),
}, { additionalProperties: false });
export type PinLoginBody = Static<typeof PinLoginBody>;

/** The signed-in user, as after a password login, plus the kiosk session's idle timeout. */
export const KioskMe = Type.Object({ ...Me.properties, kioskIdleMinutes: Type.Integer() });

export const QrChallenge = Type.Object({
  id: Type.String(),
  secret: Type.String(),
  expiresAt: Type.String(),
  url: Type.String({ description: 'what the QR code holds: https://<box>/dang-nhap-kiosk?c=<id>&s=<secret>' }),
});

export const QrParams = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9_-]{16}$' }) });
export type QrParams = Static<typeof QrParams>;

export const QrApproveBody = Type.Object({ secret: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });
export type QrApproveBody = Static<typeof QrApproveBody>;

export const QrPoll = Type.Object({
  status: Type.Union([Type.Literal('pending'), Type.Literal('approved')]),
  expiresAt: Type.String(),
  me: Type.Optional(KioskMe),
});

export const KioskToday = Type.Object({ lesson: Nullable(TodayLesson), next: Nullable(TodayLesson) });
