/** Backups of the data directory to a USB disk or network folder (issue 5, point 8): the IT page /sao-luu. */
import type { Static } from '@sinclair/typebox';
import { http } from './client.js';
import type {
  BackupEntry as BackupEntrySchema, BackupJob as BackupJobSchema, BackupListing as BackupListingSchema, BackupOverview as BackupOverviewSchema,
  BackupSettings as BackupSettingsSchema, SaveSettingsReply as SaveSettingsReplySchema, VerifyReply as VerifyReplySchema,
} from '../../../server/src/contracts/backups.schema.js';

export type BackupSettings = Static<typeof BackupSettingsSchema>;
export type BackupOverview = Static<typeof BackupOverviewSchema>;
export type BackupJob = Static<typeof BackupJobSchema>;
export type BackupEntry = Static<typeof BackupEntrySchema>;
export type BackupListing = Static<typeof BackupListingSchema>;
export type VerifyReply = Static<typeof VerifyReplySchema>;

export const backupsApi = {
  overview: () => http.get<BackupOverview>('/api/backups/settings'),
  save: (s: BackupSettings) => http.put<Static<typeof SaveSettingsReplySchema>>('/api/backups/settings', s),
  list: () => http.get<BackupListing>('/api/backups'),
  /** Polled while a backup runs: quiet (no error toast for a missed poll). */
  job: () => http.get<{ job: BackupJob | null }>('/api/backups/job', undefined, true),
  run: () => http.post<{ job: BackupJob | null }>('/api/backups/run'),
  verify: (name: string) => http.post<VerifyReply>('/api/backups/verify', { name }),
};
