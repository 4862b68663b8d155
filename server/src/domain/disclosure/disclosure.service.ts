import { DomainError } from '../shared/errors.js';
import { todayInVietnam } from '../shared/dates.js';
import type { Repos, Transactor } from '../repos.js';
import type { Actor } from '../accounts/account.types.js';
import type { Role } from '../people/person.types.js';
import { DISCLOSURE_MAX_CHARS, isBlankHtml, sanitizeDisclosure } from './disclosure-html.js';
import { STARTING_TEXTS } from './starting-texts.js';
import type { ArchiveWriter } from '../archive/archive-writer.js';
import {
  DISCLOSURE_SECTIONS, type BoxFacts, type DisclosureSection, type DisclosureVersion, type EditorSection,
  type PublicDisclosure, type PublicSection,
} from './disclosure.types.js';

export type DisclosureActor = Actor & { personId: number; roles: readonly Role[] };

/**
 * Art. 15.3–15.4: the principal writes the school's online-teaching rules, plan and conditions and
 * publishes them on a public page. One working draft per section; publishing turns it into the
 * section's next numbered version (older published versions stay and stay listed); withdrawing
 * hides the whole section from the public until the principal publishes or restores it. Only the
 * principal changes anything; every change is audited.
 */
export class DisclosureService {
  private readonly now: () => Date;
  private readonly archive: (() => ArchiveWriter) | undefined;

  constructor(private readonly tx: Transactor, opts: { now?: () => Date; archive?: () => ArchiveWriter } = {}) {
    this.now = opts.now ?? (() => new Date());
    this.archive = opts.archive;
  }

  /** The public page: published, visible sections only; no ids, no drafts, no one's name. */
  async publicView(): Promise<PublicDisclosure> {
    return this.tx.read(async (r) => {
      const school = await r.school.getSchool();
      const sections: PublicSection[] = [];
      for (const section of DISCLOSURE_SECTIONS) {
        if ((await r.disclosure.sectionState(section)).withdrawnAt) continue;
        const published = await r.disclosure.published(section);
        const latest = published[0];
        if (!latest) continue;
        sections.push({ ...publicVersion(latest), history: published.map((v) => ({ number: v.publicNo ?? 0, publishedOn: v.publishedOn ?? '' })) });
      }
      return { school: school ? { name: school.name, address: school.address, phone: school.phone } : null, sections };
    });
  }

  /** An older (or the current) published version of a visible section. */
  async publicVersion(section: DisclosureSection, number: number): Promise<Omit<PublicSection, 'history'>> {
    return this.tx.read(async (r) => {
      const v = (await r.disclosure.sectionState(section)).withdrawnAt ? undefined : await r.disclosure.publishedByNo(section, number);
      if (!v) throw new DomainError('NOT_FOUND', { section, number });
      return publicVersion(v);
    });
  }

  /** The editing view (principal; the vice principal reads): drafts, current versions, history, the box's live figures. */
  async editorView(): Promise<{ sections: EditorSection[]; boxFacts: BoxFacts; startingTexts: Record<DisclosureSection, string> }> {
    return this.tx.read(async (r) => {
      const sections: EditorSection[] = [];
      for (const section of DISCLOSURE_SECTIONS) sections.push(await editorSection(r, section));
      return { sections, boxFacts: await this.facts(r), startingTexts: STARTING_TEXTS };
    });
  }

  /** Any published version with its text, for the editing page (also while the section is withdrawn). */
  async version(section: DisclosureSection, number: number): Promise<DisclosureVersion> {
    const v = await this.tx.read((r) => r.disclosure.publishedByNo(section, number));
    if (!v) throw new DomainError('NOT_FOUND', { section, number });
    return v;
  }

  /** Saves the section's working draft (creates it on first save). Not visible to the public. */
  async saveDraft(actor: DisclosureActor, section: DisclosureSection, input: { html: string; includeBoxData: boolean }): Promise<EditorSection> {
    assertPrincipal(actor);
    if (input.html.length > DISCLOSURE_MAX_CHARS) throw new DomainError('VALIDATION_FAILED', { field: 'html', reason: 'too_long', max: DISCLOSURE_MAX_CHARS });
    const html = sanitizeDisclosure(input.html);
    // The box's figures belong to the conditions only (Art. 15.4: điều kiện bảo đảm).
    const includeBoxData = section === 'conditions' && input.includeBoxData;
    if (isBlankHtml(html) && !includeBoxData) throw new DomainError('DISCLOSURE_EMPTY', { section });
    return this.tx.run(async (r) => {
      const at = this.now().toISOString();
      const draft = await r.disclosure.draft(section);
      let id: number;
      if (draft) {
        id = draft.id;
        await r.disclosure.updateDraft(id, { html, includeBoxData, by: actor.personId, at });
      } else {
        id = await r.disclosure.createDraft({ section, html, includeBoxData, by: actor.personId, at });
      }
      await r.audit.record(actor, 'disclosure.draft_saved', 'disclosure_version', id, { section, chars: html.length, includeBoxData, sanitized: html !== input.html.trim() });
      return editorSection(r, section);
    });
  }

  async discardDraft(actor: DisclosureActor, section: DisclosureSection): Promise<EditorSection> {
    assertPrincipal(actor);
    return this.tx.run(async (r) => {
      const draft = await r.disclosure.draft(section);
      if (!draft) throw new DomainError('NOT_FOUND', { section, draft: true });
      await r.disclosure.deleteDraft(draft.id);
      await r.audit.record(actor, 'disclosure.draft_discarded', 'disclosure_version', draft.id, { section });
      return editorSection(r, section);
    });
  }

  /** Art. 15.4: the draft becomes the section's next published version, dated today (school calendar). */
  async publish(actor: DisclosureActor, section: DisclosureSection): Promise<EditorSection> {
    assertPrincipal(actor);
    return this.tx.run(async (r) => {
      const draft = await r.disclosure.draft(section);
      if (!draft) throw new DomainError('NOT_FOUND', { section, draft: true });
      const now = this.now();
      const latest = (await r.disclosure.published(section))[0];
      const publicNo = (latest?.publicNo ?? 0) + 1;
      // The box's figures are frozen now: the public sees what the principal published, not live data.
      const boxData = draft.includeBoxData ? await this.facts(r) : null;
      await r.disclosure.publish(draft.id, { publicNo, at: now.toISOString(), on: todayInVietnam(now), by: actor.personId, boxData });
      await r.disclosure.setWithdrawn(section, null);
      // Art. 8.1.a: what was made public, and when, is evidence for Art. 15 kept in the records archive.
      const published = await r.disclosure.publishedByNo(section, publicNo);
      if (published) await this.toArchive(r, 'disclosure.published', `disclosure_versions:${draft.id}`, `Công khai: ${SECTION_TITLES[section]} (phiên bản ${publicNo})`, actor.personId, now, { ...published });
      await r.audit.record(actor, 'disclosure.published', 'disclosure_version', draft.id, { section, number: publicNo, publishedOn: todayInVietnam(now), boxData: boxData !== null });
      return editorSection(r, section);
    });
  }

  /** Takes the section off the public page; its versions stay (evidence, Art. 8.1.a). */
  async unpublish(actor: DisclosureActor, section: DisclosureSection): Promise<EditorSection> {
    assertPrincipal(actor);
    return this.tx.run(async (r) => {
      const state = await r.disclosure.sectionState(section);
      if (!(await r.disclosure.published(section)).length || state.withdrawnAt) throw new DomainError('DISCLOSURE_NOT_PUBLIC', { section });
      const now = this.now();
      await r.disclosure.setWithdrawn(section, { at: now.toISOString(), by: actor.personId });
      await this.toArchive(r, 'disclosure.withdrawn', `disclosure_sections:${section}`, `Gỡ khỏi trang công khai: ${SECTION_TITLES[section]}`, actor.personId, now, { section, withdrawnAt: now.toISOString() });
      await r.audit.record(actor, 'disclosure.unpublished', 'disclosure_section', section, {});
      return editorSection(r, section);
    });
  }

  /** Puts a withdrawn section back on the public page with its latest published version. */
  async restore(actor: DisclosureActor, section: DisclosureSection): Promise<EditorSection> {
    assertPrincipal(actor);
    return this.tx.run(async (r) => {
      const state = await r.disclosure.sectionState(section);
      if (!state.withdrawnAt || !(await r.disclosure.published(section)).length) throw new DomainError('DISCLOSURE_NOT_WITHDRAWN', { section });
      await r.disclosure.setWithdrawn(section, null);
      await r.audit.record(actor, 'disclosure.restored', 'disclosure_section', section, {});
      return editorSection(r, section);
    });
  }

  private async toArchive(r: Repos, kind: string, ref: string, title: string, actorId: number, at: Date, payload: Record<string, unknown>): Promise<void> {
    if (!this.archive) return;
    const day = todayInVietnam(at);
    const years = await r.school.listYears();
    const year = years.find((y) => y.startsOn <= day && day <= y.endsOn) ?? null;
    const semester = year?.semesters.find((x) => x.startsOn <= day && day <= x.endsOn) ?? null;
    await this.archive().append(r, { category: 'evidence', kind, ref, title, schoolYearId: year?.id ?? null, semesterId: semester?.id ?? null, actorId, payload });
  }

  private async facts(r: Repos): Promise<BoxFacts> {
    return { takenOn: todayInVietnam(this.now()), ...(await r.disclosure.boxFacts()) };
  }
}

/** Section titles for the archive's Vietnamese index. */
const SECTION_TITLES: Record<DisclosureSection, string> = {
  rules_students: 'Nội quy dạy học trực tuyến dành cho học sinh',
  rules_teachers: 'Nội quy dạy học trực tuyến dành cho giáo viên',
  plan: 'Kế hoạch dạy học trực tuyến',
  conditions: 'Các điều kiện bảo đảm dạy học trực tuyến',
};

function assertPrincipal(actor: DisclosureActor): void {
  // Art. 15.3–15.4 are the principal's duties; the vice principal reads.
  if (!actor.roles.includes('principal')) throw new DomainError('FORBIDDEN', { action: 'disclosure.manage' });
}

function publicVersion(v: DisclosureVersion): Omit<PublicSection, 'history'> {
  return { section: v.section, number: v.publicNo ?? 0, publishedOn: v.publishedOn ?? '', html: v.html, boxData: v.boxData };
}

async function editorSection(r: Repos, section: DisclosureSection): Promise<EditorSection> {
  const draft = await r.disclosure.draft(section);
  const published = await r.disclosure.published(section);
  const state = await r.disclosure.sectionState(section);
  return {
    section,
    draft: draft ?? null,
    current: published[0] ?? null,
    withdrawnAt: state.withdrawnAt,
    withdrawnByName: state.withdrawnByName,
    history: published.map((v) => ({ number: v.publicNo ?? 0, publishedOn: v.publishedOn ?? '', publishedByName: v.publishedByName })),
  };
}
