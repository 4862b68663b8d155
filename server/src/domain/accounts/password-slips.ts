import { randomBytes } from 'node:crypto';
import { DomainError } from '../shared/errors.js';
import type { Transactor } from '../repos.js';
import type { SpreadsheetPort } from '../roster/roster.service.js';
import type { Actor, PasswordHasher } from './account.types.js';
import { temporaryPassword } from './password-policy.js';
import { can } from './policy.js';
import type { Role } from '../people/person.types.js';

export interface PasswordSlip {
  personalId: string | null;
  fullName: string;
  login: string;
  temporaryPassword: string;
}

/**
 * Password slips for a class (phiếu mật khẩu): an imported roster creates accounts without a
 * password; the homeroom teacher or IT prints one temporary password per student, to be changed
 * at the first sign-in. By default only accounts that have never had a password get one, so
 * printing the list twice does not lock out students who already signed in.
 */
export class PasswordSlipService {
  constructor(private readonly tx: Transactor, private readonly hasher: PasswordHasher, private readonly sheets: SpreadsheetPort) {}

  async issueForClass(actor: Actor & { personId: number; roles: readonly Role[] }, classId: number, opts: { reissueAll: boolean }): Promise<{ className: string; slips: PasswordSlip[] }> {
    const { cls, students } = await this.tx.read(async (r) => {
      const cls = await r.school.getClass(classId);
      if (!cls) throw new DomainError('NOT_FOUND', { classId });
      // Scope: a teacher prints slips only for the class they are homeroom teacher of.
      if (!can(actor.roles, 'accounts.manage') && cls.homeroomTeacherId !== actor.personId) throw new DomainError('FORBIDDEN', { reason: 'not_homeroom_teacher' });
      const page = await r.people.list({ kind: 'student', classId, yearId: cls.schoolYearId, limit: 1000, offset: 0 });
      const withAccounts = [];
      for (const s of page.items) {
        const account = await r.accounts.findByPersonId(s.id);
        if (account && !account.disabled && (opts.reissueAll || !account.passwordHash.startsWith('$'))) withAccounts.push({ s, account });
      }
      return { cls, students: withAccounts };
    });
    // Hash outside the transaction (≈20 ms each); write all in one transaction.
    const slips: (PasswordSlip & { accountId: number; hash: string })[] = [];
    for (const { s, account } of students) {
      const temp = temporaryPassword((n) => randomBytes(n));
      slips.push({ personalId: s.personalId, fullName: s.fullName, login: account.login, temporaryPassword: temp, accountId: account.id, hash: await this.hasher.hash(temp) });
    }
    await this.tx.run(async (r) => {
      const at = new Date().toISOString();
      for (const slip of slips) {
        await r.accounts.setPassword(slip.accountId, slip.hash, true, at);
        await r.sessions.deleteForAccount(slip.accountId);
      }
      await r.audit.record(actor, 'account.password_slips_issued', 'class', classId, { count: slips.length, reissueAll: opts.reissueAll });
    });
    return { className: cls.name, slips: slips.map(({ accountId: _a, hash: _h, ...rest }) => rest) };
  }

  /** The slips as a printable workbook: one row per student, cut along the lines. */
  async workbook(className: string, slips: PasswordSlip[], schoolUrl: string): Promise<Buffer> {
    return this.sheets.writeWorkbook([{
      name: `Lớp ${className}`.slice(0, 31),
      title: `PHIẾU MẬT KHẨU — LỚP ${className} — đăng nhập tại ${schoolUrl}, đổi mật khẩu ở lần đầu`,
      columns: [
        { header: 'STT', key: 'stt', width: 6, type: 'text' },
        { header: 'Họ và tên', key: 'fullName', width: 30, type: 'text' },
        { header: 'Tên đăng nhập (mã định danh)', key: 'login', width: 28, type: 'text' },
        { header: 'Mật khẩu tạm', key: 'temporaryPassword', width: 18, type: 'text' },
      ],
      rows: slips.map((s, i) => ({ stt: i + 1, fullName: s.fullName, login: s.login, temporaryPassword: s.temporaryPassword })),
    }]);
  }
}
