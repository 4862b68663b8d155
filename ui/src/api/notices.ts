/** Notices to students and parents with read receipts (Art. 15.1.e). */
import type { Static } from '@sinclair/typebox';
import { http } from './client.js';
import type { Created, Ok } from '../../../server/src/contracts/common.schema.js';
import type {
  AudienceOptions as AudienceOptionsSchema, MyNotice as MyNoticeSchema, Notice as NoticeSchema, NoticeAudience as NoticeAudienceSchema,
  NoticeBody as NoticeBodySchema, NoticeDraft as NoticeDraftSchema, NoticeKind as NoticeKindSchema, NoticeListItem as NoticeListItemSchema,
  NoticeReceipts as NoticeReceiptsSchema, PublishReply as PublishReplySchema, ReadReply as ReadReplySchema,
} from '../../../server/src/contracts/notices.schema.js';

export type MyNotice = Static<typeof MyNoticeSchema>;
export type Notice = Static<typeof NoticeSchema>;
export type NoticeListItem = Static<typeof NoticeListItemSchema>;
export type NoticeBody = Static<typeof NoticeBodySchema>;
export type NoticeDraft = Static<typeof NoticeDraftSchema>;
export type NoticeAudience = Static<typeof NoticeAudienceSchema>;
export type NoticeKind = Static<typeof NoticeKindSchema>;
export type NoticeReceipts = Static<typeof NoticeReceiptsSchema>;
export type AudienceOptions = Static<typeof AudienceOptionsSchema>;

export const noticesApi = {
  /** The signed-in student's or parent's notices, unread first. */
  mine: () => http.get<MyNotice[]>('/api/notices/mine'),
  markRead: (id: number) => http.post<Static<typeof ReadReplySchema>>(`/api/notices/${id}/read`),
  audience: () => http.get<AudienceOptions>('/api/notices/audience'),
  fromDecision: (decisionId: number) => http.get<NoticeDraft>(`/api/notices/from-decision/${decisionId}`),
  list: () => http.get<NoticeListItem[]>('/api/notices'),
  get: (id: number) => http.get<Notice>(`/api/notices/${id}`),
  create: (body: NoticeBody) => http.post<Static<typeof Created>>('/api/notices', body),
  update: (id: number, body: NoticeBody) => http.put<Static<typeof Ok>>(`/api/notices/${id}`, body),
  remove: (id: number) => http.del<Static<typeof Ok>>(`/api/notices/${id}`),
  publish: (id: number) => http.post<Static<typeof PublishReplySchema>>(`/api/notices/${id}/publish`),
  receipts: (id: number) => http.get<NoticeReceipts>(`/api/notices/${id}/receipts`),
};

/** An instant as the school writes it: dd/mm/yyyy HH:mm in Vietnam's time. */
export function schoolDateTime(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false,
  }).formatToParts(new Date(iso));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`;
}
