import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, Nullable } from './common.schema.js';

/** The school's public disclosure (Art. 15.3–15.4): rules for students and teachers, plan, conditions. */
export const DisclosureSection = Type.Union([
  Type.Literal('rules_students'), Type.Literal('rules_teachers'), Type.Literal('plan'), Type.Literal('conditions'),
]);

export const SectionParams = Type.Object({ section: DisclosureSection });
export const SectionVersionParams = Type.Object({ section: DisclosureSection, number: Type.Integer({ minimum: 1, maximum: 100000 }) });

/** The box's own figures, frozen when the conditions are published. */
export const BoxFacts = Type.Object({
  takenOn: IsoDate,
  schoolYear: Nullable(Type.String()),
  classes: Type.Integer(),
  studentAccounts: Type.Integer(),
  teacherAccounts: Type.Integer(),
  devices: Type.Array(Type.Object({
    kind: Type.String(),
    count: Type.Integer(),
    items: Type.Array(Type.Object({ name: Type.String(), model: Nullable(Type.String()) })),
  })),
});

export const PublicVersion = Type.Object({
  section: DisclosureSection,
  number: Type.Integer(),
  publishedOn: IsoDate,
  html: Type.String(),
  boxData: Nullable(BoxFacts),
});

export const PublicSection = Type.Object({
  ...PublicVersion.properties,
  history: Type.Array(Type.Object({ number: Type.Integer(), publishedOn: IsoDate })),
});

export const PublicDisclosure = Type.Object({
  school: Nullable(Type.Object({ name: Type.String(), address: Nullable(Type.String()), phone: Nullable(Type.String()) })),
  sections: Type.Array(PublicSection),
});

export const DisclosureVersion = Type.Object({
  id: Type.Integer(),
  section: DisclosureSection,
  status: Type.Union([Type.Literal('draft'), Type.Literal('published')]),
  html: Type.String(),
  includeBoxData: Type.Boolean(),
  boxData: Nullable(BoxFacts),
  publicNo: Nullable(Type.Integer()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  updatedByName: Type.String(),
  publishedAt: Nullable(Type.String()),
  publishedOn: Nullable(IsoDate),
  publishedByName: Nullable(Type.String()),
});

export const EditorSection = Type.Object({
  section: DisclosureSection,
  draft: Nullable(DisclosureVersion),
  current: Nullable(DisclosureVersion),
  withdrawnAt: Nullable(Type.String()),
  withdrawnByName: Nullable(Type.String()),
  history: Type.Array(Type.Object({ number: Type.Integer(), publishedOn: IsoDate, publishedByName: Nullable(Type.String()) })),
});

export const EditorView = Type.Object({
  sections: Type.Array(EditorSection),
  boxFacts: BoxFacts,
  startingTexts: Type.Record(Type.String(), Type.String()),
});

export const DraftBody = Type.Object({
  html: Type.String({ maxLength: 200_000 }),
  includeBoxData: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });

export type DisclosureSectionT = Static<typeof DisclosureSection>;
export type SectionParamsT = Static<typeof SectionParams>;
export type SectionVersionParamsT = Static<typeof SectionVersionParams>;
export type DraftBodyT = Static<typeof DraftBody>;
