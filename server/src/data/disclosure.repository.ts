import type { Knex } from 'knex';
import type { BoxFacts, DisclosureRepository, DisclosureSection, DisclosureVersion, SectionState } from '../domain/disclosure/disclosure.types.js';
import { bool, insertedId, int } from './rows.js';

/** The school's public disclosure (Art. 15.3–15.4): versions of each section and its withdrawal. */
export class KnexDisclosureRepository implements DisclosureRepository {
  constructor(private readonly db: Knex) {}

  private async versions(where: (q: Knex.QueryBuilder) => void): Promise<DisclosureVersion[]> {
    const q = this.db('disclosure_versions as v')
      .join('people as u', 'u.id', 'v.updated_by')
      .leftJoin('people as p', 'p.id', 'v.published_by')
      .select('v.*', 'u.full_name as updated_by_name', 'p.full_name as published_by_name');
    where(q);
    const rows: Record<string, unknown>[] = await q;
    return rows.map((r) => ({
      id: int(r.id),
      section: r.section as DisclosureSection,
      status: r.status as 'draft' | 'published',
      html: String(r.body_html),
      includeBoxData: bool(r.include_box_data),
      boxData: typeof r.box_data === 'string' ? (JSON.parse(r.box_data) as BoxFacts) : null,
      publicNo: r.public_no === null || r.public_no === undefined ? null : int(r.public_no),
      createdAt: String(r.created_at),
      updatedAt: String(r.updated_at),
      updatedByName: String(r.updated_by_name),
      publishedAt: (r.published_at as string | null) ?? null,
      publishedOn: (r.published_on as string | null) ?? null,
      publishedByName: (r.published_by_name as string | null) ?? null,
    }));
  }

  async draft(section: DisclosureSection) {
    return (await this.versions((q) => q.where({ 'v.section': section, 'v.status': 'draft' }).orderBy('v.id', 'desc').limit(1)))[0];
  }

  published(section: DisclosureSection) {
    return this.versions((q) => q.where({ 'v.section': section, 'v.status': 'published' }).orderBy('v.public_no', 'desc'));
  }

  async publishedByNo(section: DisclosureSection, publicNo: number) {
    return (await this.versions((q) => q.where({ 'v.section': section, 'v.status': 'published', 'v.public_no': publicNo })))[0];
  }

  async createDraft(i: { section: DisclosureSection; html: string; includeBoxData: boolean; by: number; at: string }) {
    return insertedId(await this.db('disclosure_versions').insert({
      section: i.section, status: 'draft', body_html: i.html, include_box_data: i.includeBoxData,
      created_by: i.by, created_at: i.at, updated_by: i.by, updated_at: i.at,
    }).returning('id'));
  }

  async updateDraft(id: number, i: { html: string; includeBoxData: boolean; by: number; at: string }) {
    await this.db('disclosure_versions').where({ id, status: 'draft' }).update({ body_html: i.html, include_box_data: i.includeBoxData, updated_by: i.by, updated_at: i.at });
  }

  async deleteDraft(id: number) {
    await this.db('disclosure_versions').where({ id, status: 'draft' }).delete();
  }

  async publish(id: number, i: { publicNo: number; at: string; on: string; by: number; boxData: BoxFacts | null }) {
    await this.db('disclosure_versions').where({ id, status: 'draft' }).update({
      status: 'published', public_no: i.publicNo, published_at: i.at, published_on: i.on, published_by: i.by,
      box_data: i.boxData ? JSON.stringify(i.boxData) : null,
    });
  }

  async sectionState(section: DisclosureSection): Promise<SectionState> {
    const r = await this.db('disclosure_sections as s').leftJoin('people as p', 'p.id', 's.withdrawn_by')
      .where('s.section', section).first('s.withdrawn_at', 'p.full_name as withdrawn_by_name');
    return { withdrawnAt: r?.withdrawn_at ?? null, withdrawnByName: r?.withdrawn_at ? (r.withdrawn_by_name ?? null) : null };
  }

  async setWithdrawn(section: DisclosureSection, w: { at: string; by: number } | null) {
    const row = { withdrawn_at: w?.at ?? null, withdrawn_by: w?.by ?? null };
    const updated = await this.db('disclosure_sections').where({ section }).update(row);
    if (!updated && w) await this.db('disclosure_sections').insert({ section, ...row });
  }

  async boxFacts(): Promise<Omit<BoxFacts, 'takenOn'>> {
    const year = await this.db('school_years').where({ is_current: true }).orderBy('id', 'desc').first('id', 'name');
    const classes = year ? int((await this.db('classes').where({ school_year_id: year.id }).count({ n: '*' }).first())?.n) : 0;
    const accountsWith = async (role: string) => int((await this.db('accounts as a').join('account_roles as r', 'r.account_id', 'a.id')
      .where({ 'r.role': role, 'a.disabled': false }).countDistinct({ n: 'a.id' }).first())?.n);
    const rows: { kind: string; name: string; model: string | null }[] = await this.db('devices').whereNull('retired_at')
      .orderBy([{ column: 'kind' }, { column: 'name' }]).select('kind', 'name', 'model');
    const kinds = new Map<string, { name: string; model: string | null }[]>();
    for (const d of rows) kinds.set(d.kind, [...(kinds.get(d.kind) ?? []), { name: d.name, model: d.model ?? null }]);
    return {
      schoolYear: year?.name ?? null,
      classes,
      studentAccounts: await accountsWith('student'),
      teacherAccounts: await accountsWith('teacher'),
      devices: [...kinds].map(([kind, items]) => ({ kind, count: items.length, items })),
    };
  }
}
