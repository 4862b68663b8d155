/** The principal's decisions on online teaching and online periodic tests (Art. 5.4, 6.2, 15.1.a). */
import type { Static } from '@sinclair/typebox';
import { http } from './client.js';
import type { Created } from '../../../server/src/contracts/common.schema.js';
import type {
  Decision as DecisionSchema, DecisionBody, DecisionType as DecisionTypeSchema, RevokeReply as RevokeReplySchema,
} from '../../../server/src/contracts/live-lessons.schema.js';

export type Decision = Static<typeof DecisionSchema>;
export type DecisionType = Static<typeof DecisionTypeSchema>;
export type RevokeReply = Static<typeof RevokeReplySchema>;
export type { DecisionBody };

export const decisionsApi = {
  /** Every decision, revoked ones included (they stay as evidence). */
  list: () => http.get<Decision[]>('/api/decisions', { includeRevoked: true }),
  record: (body: DecisionBody) => http.post<Static<typeof Created>>('/api/decisions', body),
  revoke: (id: number, reason: string) => http.post<RevokeReply>(`/api/decisions/${id}/revoke`, { reason }),
};
