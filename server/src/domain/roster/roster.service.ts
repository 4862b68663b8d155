import { DomainError } from '../shared/errors.js';
import { todayInVietnam } from '../shared/dates.js';
import type { Actor } from '../accounts/account.types.js';
import type { Repos, Transactor } from '../repos.js';
import { createPerson } from '../people/people.service.js';
import type { StudentRecord, TeacherRecord } from '../people/person.types.js';
import { isRosterHeaderRow, rosterExportColumns, type RosterKind } from './roster-columns.js';
import { validateStudentRoster, validateTeacherRoster, type RosterReport, type RosterTableInput } from './roster-validation.js';
import type { WriteWorkbook } from '../shared/documents.js';

/** The spreadsheet I/O the roster needs, implemented in data/spreadsheet.ts. */
export interface SpreadsheetPort {
  readTable(data: Buffer, fileName: string, opts: { isHeaderRow: (cells: string[]) => boolean; maxRows?: number }): Promise<RosterTableInput & { headerRowNumber: number }>;
  writeWorkbook: WriteWorkbook;
}

/**
 * preview: validate only. all: write every row, or nothing when any row is rejected.
 * accepted: write the accepted rows and leave the rejected ones for a corrected file.
 */
export type ImportMode = 'preview' | 'all' | 'accepted';

export type ImportResult = (RosterReport<StudentRecord> | RosterReport<TeacherRecord>) & {
  importId: number;
  committed: boolean;
  created: number;
  updated: number;
};

/**
 * Roster import and export (Art. 15.1.i): lists exported from the education-sector database.
 * The whole write is one transaction, so an import is never half done.
 */
export class RosterService {
  constructor(private readonly tx: Transactor, private readonly sheets: SpreadsheetPort) {}

  async import(actor: Actor, kind: RosterKind, file: { data: Buffer; name: string }, mode: ImportMode, today = todayInVietnam()): Promise<ImportResult> {
    const table = await this.sheets.readTable(file.data, file.name, { isHeaderRow: isRosterHeaderRow });
    const report = await this.tx.read((r) => this.validate(r, kind, table, today));
    if (report.missingColumns.length) {
      throw new DomainError('ROSTER_MISSING_COLUMNS', { missing: report.missingColumns });
    }
    if (report.accepted === 0 && report.rejected === 0) throw new DomainError('ROSTER_EMPTY');

    const commit = mode === 'accepted' ? report.accepted > 0 : mode === 'all' ? report.rejected === 0 : false;
    let created = 0;
    let updated = 0;
    let importId: number;
    if (commit) {
      ({ created, updated, importId } = await this.tx.run(async (r) => {
        // Validate again inside the transaction: the data may have changed since the read.
        const fresh = await this.validate(r, kind, table, today);
        if (fresh.accepted !== report.accepted) throw new DomainError('CONFLICT', { reason: 'roster_changed_during_import' });
        const counts = kind === 'students'
          ? await writeStudents(r, actor, fresh as RosterReport<StudentRecord>)
          : await writeTeachers(r, actor, fresh as RosterReport<TeacherRecord>);
        const id = await r.rosterImports.record({ accountId: actor.accountId, kind, fileName: file.name, accepted: report.accepted, rejected: report.rejected, committed: true, report: report.rows });
        await r.audit.record(actor, 'roster.imported', 'roster_import', id, { kind, fileName: file.name, ...counts, rejected: report.rejected });
        return { ...counts, importId: id };
      }));
    } else {
      importId = await this.tx.read((r) => r.rosterImports.record({ accountId: actor.accountId, kind, fileName: file.name, accepted: report.accepted, rejected: report.rejected, committed: false, report: report.rows }));
    }
    return { ...report, importId, committed: commit, created, updated };
  }

  private async validate(r: Repos, kind: RosterKind, table: RosterTableInput, today: string) {
    const ids = await r.people.identifierIndex();
    if (kind === 'students') {
      const year = await r.school.currentYear();
      const classes = year ? await r.school.listClasses(year.id) : [];
      return validateStudentRoster(table, { existingPersonalIds: ids.personalIds, existingCitizenIds: ids.citizenIds, today, knownClasses: new Set(classes.map((c) => c.name)) });
    }
    const groups = await r.school.listGroups();
    return validateTeacherRoster(table, { existingPersonalIds: ids.personalIds, existingCitizenIds: ids.citizenIds, today, knownSubjectGroups: new Set(groups.map((g) => g.name)) });
  }

  history(limit = 20) {
    return this.tx.read((r) => r.rosterImports.list(limit));
  }

  /** The same lists back as .xlsx, with the sector's Vietnamese headers. */
  async export(kind: RosterKind): Promise<Buffer> {
    const rows = await this.tx.read(async (r) => {
      const year = await r.school.currentYear();
      const school = await r.school.getSchool();
      const people = await r.people.list({ kind: kind === 'students' ? 'student' : 'staff', limit: 100_000, offset: 0, ...(year ? { yearId: year.id } : {}) });
      const out: Record<string, string | number | null>[] = [];
      for (const p of people.items) {
        const parent = kind === 'students' ? (await r.people.parentsOf(p.id))[0] : undefined;
        const groups = kind === 'teachers' ? (await r.school.listGroups()).filter((g) => g.memberIds.includes(p.id)) : [];
        out.push({
          personalId: p.personalId, fullName: p.fullName, birthDate: p.birthDate ? toVnDate(p.birthDate) : null,
          gender: p.gender === 'male' ? 'Nam' : p.gender === 'female' ? 'Nữ' : null, citizenId: p.citizenId ?? null,
          className: p.className, parentName: parent?.fullName ?? null, parentPhone: parent?.phone ?? null,
          phone: p.phone, email: p.email, position: p.position, subjectGroupName: groups[0]?.name ?? null,
        });
      }
      // Class lists read in class order, then by given name (the repository's name key order).
      if (kind === 'students') out.sort((a, b) => String(a.className ?? '~').localeCompare(String(b.className ?? '~'), 'vi', { numeric: true }));
      return { out, title: `${kind === 'students' ? 'DANH SÁCH HỌC SINH' : 'DANH SÁCH CÁN BỘ, GIÁO VIÊN'} — ${school?.name ?? ''} — ${year?.name ?? ''}` };
    });
    const columns = rosterExportColumns(kind).map((c) => ({ header: c.header, key: c.key, width: c.width ?? 18, type: 'text' as const }));
    const numbered = rows.out.map((row, i) => ({ stt: i + 1, ...row }));
    return this.sheets.writeWorkbook([{ name: kind === 'students' ? 'Học sinh' : 'Giáo viên', title: rows.title, columns: [{ header: 'STT', key: 'stt', width: 6, type: 'text' }, ...columns], rows: numbered }]);
  }
}

function toVnDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

async function writeStudents(r: Repos, actor: Actor, report: RosterReport<StudentRecord>) {
  let created = 0;
  let updated = 0;
  const year = await r.school.currentYear();
  if (!year) throw new DomainError('SCHOOL_NOT_SET_UP');
  for (const row of report.rows) {
    if (row.status !== 'accepted' || !row.record) continue;
    const s = row.record;
    const cls = await r.school.classByName(year.id, s.className);
    if (!cls) throw new DomainError('CONFLICT', { reason: 'class_vanished', className: s.className });
    const person = { kind: 'student' as const, personalId: s.personalId, citizenId: s.citizenId, fullName: s.fullName, birthDate: s.birthDate, gender: s.gender, phone: null, email: null, position: null };
    const existing = await r.people.findByPersonalId(s.personalId);
    let studentId: number;
    if (existing) {
      studentId = existing.id;
      await r.people.update(existing.id, person, new Date().toISOString());
      await r.people.enrol(existing.id, cls.id, year.id);
      await r.audit.record(actor, 'person.updated', 'person', existing.id, { source: 'roster' });
      updated++;
    } else {
      studentId = (await createPerson(r, actor, { ...person, classId: cls.id })).id;
      created++;
    }
    if (s.parentName || s.parentPhone) {
      // Siblings share a parent: the same phone number is the same parent account.
      let parentId = s.parentPhone ? await r.people.findParentByPhone(s.parentPhone) : undefined;
      if (!parentId && s.parentName) {
        parentId = (await createPerson(r, actor, { kind: 'parent', personalId: null, citizenId: null, fullName: s.parentName, birthDate: null, gender: null, phone: s.parentPhone, email: null, position: null })).id;
      }
      if (parentId) await r.people.linkParent(parentId, studentId, 'guardian');
    }
  }
  return { created, updated };
}

async function writeTeachers(r: Repos, actor: Actor, report: RosterReport<TeacherRecord>) {
  let created = 0;
  let updated = 0;
  const groups = await r.school.listGroups();
  for (const row of report.rows) {
    if (row.status !== 'accepted' || !row.record) continue;
    const t = row.record;
    const person = { kind: 'staff' as const, personalId: t.personalId, citizenId: t.citizenId, fullName: t.fullName, birthDate: t.birthDate, gender: t.gender, phone: t.phone, email: t.email, position: t.position };
    const existing = await r.people.findByPersonalId(t.personalId);
    let id: number;
    if (existing) {
      id = existing.id;
      await r.people.update(id, person, new Date().toISOString());
      await r.audit.record(actor, 'person.updated', 'person', id, { source: 'roster' });
      updated++;
    } else {
      id = (await createPerson(r, actor, { ...person, roles: ['teacher'] })).id;
      created++;
    }
    const group = groups.find((g) => g.name === t.subjectGroupName);
    if (group) await r.people.addToGroup(id, group.id);
  }
  return { created, updated };
}
