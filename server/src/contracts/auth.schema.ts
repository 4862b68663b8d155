import { Type, type Static } from '@sinclair/typebox';
import { Id, Role } from './common.schema.js';
import { PersonKind } from './people.schema.js';

export const LoginBody = Type.Object({
  login: Type.String({ minLength: 2, maxLength: 60 }),
  password: Type.String({ minLength: 1, maxLength: 200 }),
}, { additionalProperties: false });
export type LoginBody = Static<typeof LoginBody>;

export const Me = Type.Object({
  accountId: Id, personId: Id, personKind: PersonKind, login: Type.String(), fullName: Type.String(),
  roles: Type.Array(Role), mustChangePassword: Type.Boolean(), language: Type.Union([Type.Literal('vi'), Type.Literal('en')]),
  csrfToken: Type.String(),
});
export type Me = Static<typeof Me>;

export const PasswordChangeBody = Type.Object({
  currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
  newPassword: Type.String({ minLength: 1, maxLength: 200 }),
}, { additionalProperties: false });
export type PasswordChangeBody = Static<typeof PasswordChangeBody>;

export const LanguageBody = Type.Object({ language: Type.Union([Type.Literal('vi'), Type.Literal('en')]) }, { additionalProperties: false });

export const RolesBody = Type.Object({ roles: Type.Array(Role, { maxItems: 6 }) }, { additionalProperties: false });
export type RolesBody = Static<typeof RolesBody>;

export const DisabledBody = Type.Object({ disabled: Type.Boolean() }, { additionalProperties: false });

export const PasswordReset = Type.Object({ login: Type.String(), temporaryPassword: Type.String() });
