/** The school's public disclosure of its online-teaching rules, plan and conditions (Art. 15.3–15.4). */
import type { Static } from '@sinclair/typebox';
import { http } from './client.js';
import type {
  BoxFacts as BoxFactsSchema, DisclosureSection as SectionSchema, DisclosureVersion as VersionSchema, EditorSection as EditorSectionSchema,
  EditorView as EditorViewSchema, PublicDisclosure as PublicDisclosureSchema, PublicVersion as PublicVersionSchema,
} from '../../../server/src/contracts/disclosure.schema.js';

export type DisclosureSection = Static<typeof SectionSchema>;
export type BoxFacts = Static<typeof BoxFactsSchema>;
export type PublicDisclosure = Static<typeof PublicDisclosureSchema>;
export type PublicVersion = Static<typeof PublicVersionSchema>;
export type DisclosureVersion = Static<typeof VersionSchema>;
export type EditorSection = Static<typeof EditorSectionSchema>;
export type EditorView = Static<typeof EditorViewSchema>;

/** The order of the public page and of the editor. */
export const SECTIONS: readonly DisclosureSection[] = ['rules_students', 'rules_teachers', 'plan', 'conditions'];

/** Section names in addresses a visitor may share (/cong-khai/noi-quy-hoc-sinh/2). */
export const SECTION_SLUGS: Record<DisclosureSection, string> = {
  rules_students: 'noi-quy-hoc-sinh',
  rules_teachers: 'noi-quy-giao-vien',
  plan: 'ke-hoach',
  conditions: 'dieu-kien',
};

export function sectionOfSlug(slug: string | undefined): DisclosureSection | null {
  return SECTIONS.find((s) => SECTION_SLUGS[s] === slug) ?? null;
}

export const disclosureApi = {
  /** No sign-in needed: only what the principal published. */
  publicView: () => http.get<PublicDisclosure>('/api/public/disclosure', undefined, true),
  publicVersion: (section: DisclosureSection, n: number) => http.get<PublicVersion>(`/api/public/disclosure/${section}/${n}`, undefined, true),
  editor: () => http.get<EditorView>('/api/disclosure'),
  version: (section: DisclosureSection, n: number) => http.get<DisclosureVersion>(`/api/disclosure/${section}/versions/${n}`),
  saveDraft: (section: DisclosureSection, html: string, includeBoxData: boolean) => http.put<EditorSection>(`/api/disclosure/${section}/draft`, { html, includeBoxData }),
  discardDraft: (section: DisclosureSection) => http.del<EditorSection>(`/api/disclosure/${section}/draft`),
  publish: (section: DisclosureSection) => http.post<EditorSection>(`/api/disclosure/${section}/publish`),
  unpublish: (section: DisclosureSection) => http.post<EditorSection>(`/api/disclosure/${section}/unpublish`),
  restore: (section: DisclosureSection) => http.post<EditorSection>(`/api/disclosure/${section}/restore`),
};
