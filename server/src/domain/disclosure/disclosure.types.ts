/**
 * The school's public disclosure of its online teaching (Art. 15.3, 15.4): rules for students and
 * for teachers, the online-teaching plan and the conditions that ensure it. Plain data.
 */

/** The sections, in the order the public page shows them. */
export const DISCLOSURE_SECTIONS = ['rules_students', 'rules_teachers', 'plan', 'conditions'] as const;
export type DisclosureSection = (typeof DISCLOSURE_SECTIONS)[number];

export function isDisclosureSection(s: string): s is DisclosureSection {
  return (DISCLOSURE_SECTIONS as readonly string[]).includes(s);
}

/**
 * The box's own figures the principal may add to the conditions (Art. 10.1, 10.3, 15.2):
 * the teaching room's equipment in service, classes and accounts of the current school year.
 * No ids, serials, addresses or names of people.
 */
export interface BoxFacts {
  /** The school's calendar day the figures were taken. */
  takenOn: string;
  schoolYear: string | null;
  classes: number;
  studentAccounts: number;
  teacherAccounts: number;
  devices: { kind: string; count: number; items: { name: string; model: string | null }[] }[];
}

export interface DisclosureVersion {
  id: number;
  section: DisclosureSection;
  status: 'draft' | 'published';
  html: string;
  includeBoxData: boolean;
  /** The snapshot taken when published; null for drafts and versions without it. */
  boxData: BoxFacts | null;
  /** 1, 2, … per section, given when published. */
  publicNo: number | null;
  createdAt: string;
  updatedAt: string;
  updatedByName: string;
  publishedAt: string | null;
  publishedOn: string | null;
  publishedByName: string | null;
}

export interface SectionState {
  withdrawnAt: string | null;
  withdrawnByName: string | null;
}

export interface DisclosureRepository {
  draft(section: DisclosureSection): Promise<DisclosureVersion | undefined>;
  /** Published versions of a section, newest first. */
  published(section: DisclosureSection): Promise<DisclosureVersion[]>;
  publishedByNo(section: DisclosureSection, publicNo: number): Promise<DisclosureVersion | undefined>;
  createDraft(i: { section: DisclosureSection; html: string; includeBoxData: boolean; by: number; at: string }): Promise<number>;
  updateDraft(id: number, i: { html: string; includeBoxData: boolean; by: number; at: string }): Promise<void>;
  deleteDraft(id: number): Promise<void>;
  publish(id: number, i: { publicNo: number; at: string; on: string; by: number; boxData: BoxFacts | null }): Promise<void>;
  sectionState(section: DisclosureSection): Promise<SectionState>;
  setWithdrawn(section: DisclosureSection, w: { at: string; by: number } | null): Promise<void>;
  /** The live figures of the box (the caller adds the day). */
  boxFacts(): Promise<Omit<BoxFacts, 'takenOn'>>;
}

/** What anyone sees: the latest published version of each visible section. */
export interface PublicSection {
  section: DisclosureSection;
  number: number;
  publishedOn: string;
  html: string;
  boxData: BoxFacts | null;
  /** Every published version, newest first (the first is this one). */
  history: { number: number; publishedOn: string }[];
}

export interface PublicDisclosure {
  school: { name: string; address: string | null; phone: string | null } | null;
  sections: PublicSection[];
}

/** The principal's editing view of one section. */
export interface EditorSection {
  section: DisclosureSection;
  draft: DisclosureVersion | null;
  current: DisclosureVersion | null;
  withdrawnAt: string | null;
  withdrawnByName: string | null;
  /** Published versions, newest first, without their text. */
  history: { number: number; publishedOn: string; publishedByName: string | null }[];
}
