import type { Knex } from 'knex';
import type { PeopleFilter, PeopleRepository, PersonInput, PersonListItem } from '../domain/people/people.repository.js';
import type { PersonKind, Role } from '../domain/people/person.types.js';
import { foldVietnamese, nameSortKey } from '../domain/shared/vietnamese.js';
import { bool, insertedId, int } from './rows.js';

export class KnexPeopleRepository implements PeopleRepository {
  constructor(private readonly db: Knex) {}

  private query(yearId: number | undefined) {
    return this.db('people as p')
      .leftJoin('accounts as a', 'a.person_id', 'p.id')
      .leftJoin('enrolments as e', function () {
        this.on('e.student_id', '=', 'p.id');
        if (yearId !== undefined) this.andOnVal('e.school_year_id', '=', yearId);
        else this.andOnVal('e.school_year_id', '=', -1);
      })
      .leftJoin('classes as c', 'c.id', 'e.class_id');
  }

  private async hydrate(rows: Record<string, unknown>[]): Promise<PersonListItem[]> {
    const accountIds = rows.map((r) => r.account_id).filter((x) => x !== null && x !== undefined) as number[];
    const roleRows = accountIds.length ? await this.db('account_roles').whereIn('account_id', accountIds).select('account_id', 'role') : [];
    const leaders = new Set((await this.db('subject_groups').whereNotNull('leader_id').pluck('leader_id')).map(int));
    return rows.map((r) => {
      const roles = roleRows.filter((x) => int(x.account_id) === int(r.account_id)).map((x) => x.role as Role);
      if (leaders.has(int(r.id))) roles.push('group_leader');
      return {
        id: int(r.id), kind: r.kind as PersonKind, personalId: (r.personal_id as string | null) ?? null, citizenId: (r.citizen_id as string | null) ?? null,
        fullName: String(r.full_name), birthDate: (r.birth_date as string | null) ?? null, gender: (r.gender as 'male' | 'female' | null) ?? null,
        phone: (r.phone as string | null) ?? null, email: (r.email as string | null) ?? null, position: (r.position as string | null) ?? null,
        status: r.status as 'active' | 'left', className: (r.class_name as string | null) ?? null, classId: r.class_id === null || r.class_id === undefined ? null : int(r.class_id),
        roles, login: (r.login as string | null) ?? null, disabled: bool(r.disabled),
      };
    });
  }

  private static readonly COLUMNS = ['p.*', 'a.id as account_id', 'a.login', 'a.disabled', 'c.name as class_name', 'c.id as class_id'];

  async list(f: PeopleFilter) {
    const q = this.query(f.yearId);
    if (f.kind) q.where('p.kind', f.kind);
    if (f.classId !== undefined) q.where('c.id', f.classId);
    if (f.role) q.whereIn('a.id', this.db('account_roles').where('role', f.role).select('account_id'));
    if (f.search) {
      for (const word of foldVietnamese(f.search).split(' ').filter(Boolean).slice(0, 5)) {
        q.where('p.search_key', 'like', `%${word.replace(/[%_\\]/g, '')}%`);
      }
    }
    const [{ n }] = (await q.clone().clearSelect().count('* as n')) as [{ n: number | string }];
    const rows = await q.select(KnexPeopleRepository.COLUMNS).orderBy('p.name_key').limit(f.limit).offset(f.offset);
    return { items: await this.hydrate(rows), total: int(n) };
  }

  async get(id: number, yearId?: number) {
    const rows = await this.query(yearId).where('p.id', id).select(KnexPeopleRepository.COLUMNS);
    return (await this.hydrate(rows))[0];
  }

  async findByPersonalId(personalId: string) {
    const r = await this.db('people').where('personal_id', personalId).first('id', 'kind');
    return r ? { id: int(r.id), kind: r.kind as PersonKind } : undefined;
  }

  async identifierIndex() {
    const rows = await this.db('people').select('personal_id', 'citizen_id', 'kind');
    const personalIds = new Map<string, 'student' | 'staff'>();
    const citizenIds = new Map<string, string>(); // citizen number → holder's personal identifier
    for (const r of rows) {
      if (r.personal_id && r.kind !== 'parent') personalIds.set(r.personal_id, r.kind);
      if (r.citizen_id) citizenIds.set(r.citizen_id, r.personal_id ?? '');
    }
    return { personalIds, citizenIds };
  }

  private row(i: PersonInput) {
    return {
      kind: i.kind, personal_id: i.personalId, citizen_id: i.citizenId, full_name: i.fullName,
      name_key: nameSortKey(i.fullName), search_key: foldVietnamese(`${i.fullName} ${i.personalId ?? ''}`).slice(0, 200),
      birth_date: i.birthDate, gender: i.gender, phone: i.phone, email: i.email, position: i.position,
    };
  }
  async create(i: PersonInput, at: string) {
    return insertedId(await this.db('people').insert({ ...this.row(i), created_at: at, updated_at: at }).returning('id'));
  }
  async update(id: number, i: PersonInput, at: string) {
    await this.db('people').where({ id }).update({ ...this.row(i), updated_at: at });
  }
  async enrol(studentId: number, classId: number, yearId: number) {
    await this.db('enrolments').where({ student_id: studentId, school_year_id: yearId }).del();
    await this.db('enrolments').insert({ student_id: studentId, class_id: classId, school_year_id: yearId });
  }
  async linkParent(parentId: number, studentId: number, relation: 'father' | 'mother' | 'guardian') {
    await this.db('parent_links').where({ parent_id: parentId, student_id: studentId }).del();
    await this.db('parent_links').insert({ parent_id: parentId, student_id: studentId, relation });
  }
  async findParentByPhone(phone: string) {
    const r = await this.db('people').where({ kind: 'parent', phone }).first('id');
    return r ? int(r.id) : undefined;
  }
  async parentsOf(studentId: number) {
    const rows = await this.db('parent_links as l').join('people as p', 'p.id', 'l.parent_id').where('l.student_id', studentId).select('p.id', 'p.full_name', 'p.phone', 'l.relation');
    return rows.map((r) => ({ id: int(r.id), fullName: r.full_name, phone: r.phone ?? null, relation: r.relation }));
  }
  async childrenOf(parentId: number) {
    const rows = await this.db('parent_links as l').join('people as p', 'p.id', 'l.student_id').where('l.parent_id', parentId).select('p.id', 'p.full_name', 'p.personal_id').orderBy('p.name_key');
    return rows.map((r) => ({ id: int(r.id), fullName: r.full_name, personalId: r.personal_id ?? null }));
  }
  async rolesOf(personId: number) {
    return (await this.db('account_roles as r').join('accounts as a', 'a.id', 'r.account_id').where('a.person_id', personId).pluck('r.role')) as Role[];
  }
  async addToGroup(personId: number, groupId: number) {
    const exists = await this.db('subject_group_members').where({ person_id: personId, subject_group_id: groupId }).first();
    if (!exists) await this.db('subject_group_members').insert({ person_id: personId, subject_group_id: groupId });
  }
  async nextParentLogin() {
    const n = await this.db('people').where('kind', 'parent').count('* as n').first();
    let i = int(n?.n) + 1;
    for (;;) {
      const login = `PH${String(i).padStart(6, '0')}`;
      if (!(await this.db('accounts').where({ login }).first('id'))) return login;
      i++;
    }
  }
}
