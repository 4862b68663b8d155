import type { AudienceRoster, MyNotice, Notice, NoticeAudience, NoticeInput, NoticeKind, NoticeRecipient, NoticeStatus } from './notice.types.js';

export interface NoticeListItem extends Notice {
  recipientCount: number;
  readCount: number;
}

/** The knex side of notices (data/notices.repository.ts). */
export interface NoticeRepository {
  create(n: NoticeInput & { schoolYearId: number; authorId: number; at: string }): Promise<number>;
  update(id: number, n: NoticeInput & { at: string }): Promise<void>;
  remove(id: number): Promise<void>;
  get(id: number): Promise<Notice | undefined>;
  list(f: { authorId?: number; status?: NoticeStatus; kind?: NoticeKind; decisionId?: number }): Promise<NoticeListItem[]>;
  publish(id: number, at: string, recipients: NoticeRecipient[]): Promise<void>;
  /** The roster of a school year: its classes, their students and those students' parents. */
  roster(schoolYearId: number): Promise<AudienceRoster>;
  /** The published notices a person receives, with their read time and the children they come through. */
  mine(personId: number): Promise<MyNotice[]>;
  isRecipient(noticeId: number, personId: number): Promise<boolean>;
  /** Records the first reading; a later one keeps the first time. Returns the read time. */
  markRead(noticeId: number, personId: number, at: string): Promise<string>;
  recipients(noticeId: number): Promise<(NoticeRecipient & { fullName: string; studentName: string; className: string; grade: number; readAt: string | null })[]>;
}

export type { NoticeAudience };
