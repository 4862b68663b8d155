import { Type, type Static } from '@sinclair/typebox';
import { Gender, Id, IsoDate, Nullable, Role } from './common.schema.js';

export const PersonKind = Type.Union([Type.Literal('student'), Type.Literal('staff'), Type.Literal('parent')]);

const PersonFields = {
  personalId: Nullable(Type.String({ minLength: 6, maxLength: 40 })),
  citizenId: Type.Optional(Nullable(Type.String({ pattern: '^\\d{12}$' }))),
  fullName: Type.String({ minLength: 3, maxLength: 150 }),
  birthDate: Nullable(IsoDate),
  gender: Nullable(Gender),
  phone: Nullable(Type.String({ maxLength: 30, pattern: '^[0-9 +().-]*$' })),
  email: Nullable(Type.String({ maxLength: 200, format: 'email' })),
  position: Nullable(Type.String({ maxLength: 100 })),
};

export const PersonCreateBody = Type.Object({
  kind: PersonKind,
  ...PersonFields,
  classId: Type.Optional(Nullable(Id)),
  roles: Type.Optional(Type.Array(Role, { maxItems: 6 })),
}, { additionalProperties: false });
export type PersonCreateBody = Static<typeof PersonCreateBody>;

export const PersonUpdateBody = Type.Object(PersonFields, { additionalProperties: false });
export type PersonUpdateBody = Static<typeof PersonUpdateBody>;

export const PersonListItem = Type.Object({
  id: Id, kind: PersonKind, ...PersonFields, status: Type.String(),
  className: Nullable(Type.String()), classId: Nullable(Id), roles: Type.Array(Role), login: Nullable(Type.String()), disabled: Type.Boolean(),
});
export type PersonListItem = Static<typeof PersonListItem>;

export const PeopleQuery = Type.Object({
  kind: Type.Optional(PersonKind),
  role: Type.Optional(Role),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  classId: Type.Optional(Id),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
}, { additionalProperties: false });
export type PeopleQuery = Static<typeof PeopleQuery>;

export const PeoplePage = Type.Object({ items: Type.Array(PersonListItem), total: Type.Integer() });

export const PersonDetail = Type.Object({
  ...PersonListItem.properties,
  parents: Type.Array(Type.Object({ id: Id, fullName: Type.String(), phone: Nullable(Type.String()), relation: Type.String() })),
  children: Type.Array(Type.Object({ id: Id, fullName: Type.String(), personalId: Nullable(Type.String()) })),
});

export const ParentLinkBody = Type.Object({ parentId: Id, relation: Type.Union([Type.Literal('father'), Type.Literal('mother'), Type.Literal('guardian')]) }, { additionalProperties: false });
export type ParentLinkBody = Static<typeof ParentLinkBody>;
