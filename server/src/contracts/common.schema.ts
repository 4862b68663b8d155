import { Type, type TSchema } from '@sinclair/typebox';

/** Shared building blocks of the request and response schemas. */
export const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
export const Id = Type.Integer({ minimum: 1 });
export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const Nullable = <T extends TSchema>(s: T) => Type.Union([s, Type.Null()]);
export const Role = Type.Union(['principal', 'vice_principal', 'group_leader', 'teacher', 'it_staff', 'student', 'parent'].map((r) => Type.Literal(r)));
export const Gender = Type.Union([Type.Literal('male'), Type.Literal('female')]);
export const Ok = Type.Object({ ok: Type.Literal(true) });
export const Created = Type.Object({ id: Id });

export const ErrorReply = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.Object({ vi: Type.String(), en: Type.String() }),
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  }),
});
