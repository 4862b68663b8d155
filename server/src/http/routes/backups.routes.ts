import type { FastifyInstance } from 'fastify';
import {
  BackupListing, BackupOverview, BackupSettings, JobReply, SaveSettingsReply, VerifyBody, VerifyReply,
  type BackupSettings as BackupSettingsT, type VerifyBody as VerifyBodyT,
} from '../../contracts/backups.schema.js';
import type { Services } from '../../services.js';
import { actorOf } from '../auth.plugin.js';

/** Backup of the data directory to a USB disk or network folder (issue 5, point 8; Art. 8.2). IT staff run it; the principal reads. */
export async function backupRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const s = services.backups;
  const tags = ['backups'];

  app.get('/api/backups/settings', {
    schema: { tags, summary: 'Cài đặt sao lưu: nơi lưu, giờ sao lưu hằng ngày, số bản giữ lại', response: { 200: BackupOverview } },
    config: { access: 'backups.read' },
  }, () => s.overview());

  app.put<{ Body: BackupSettingsT }>('/api/backups/settings', {
    schema: { tags, summary: 'Lưu cài đặt sao lưu', body: BackupSettings, response: { 200: SaveSettingsReply } },
    config: { access: 'backups.manage' },
  }, (req) => s.saveSettings(actorOf(req), req.body));

  app.get('/api/backups', {
    schema: { tags, summary: 'Các bản sao lưu ở nơi lưu (mới nhất trước)', response: { 200: BackupListing } },
    config: { access: 'backups.read' },
  }, () => s.list());

  app.get('/api/backups/job', {
    schema: { tags, summary: 'Tiến độ lần sao lưu đang chạy hoặc vừa xong', response: { 200: JobReply } },
    config: { access: 'backups.read' },
  }, () => ({ job: s.job() }));

  app.post('/api/backups/run', {
    schema: { tags, summary: 'Sao lưu ngay', response: { 200: JobReply } },
    config: { access: 'backups.manage', rateLimit: { max: 10, timeWindow: '1 minute' } },
  }, async (req) => ({ job: await s.start(actorOf(req), 'manual') }));

  app.post<{ Body: VerifyBodyT }>('/api/backups/verify', {
    schema: { tags, summary: 'Kiểm tra lại toàn bộ một bản sao lưu (SHA-256 từng tệp, số dòng và mã băm từng bảng)', body: VerifyBody, response: { 200: VerifyReply } },
    config: { access: 'backups.manage', rateLimit: { max: 10, timeWindow: '1 minute' } },
  }, (req) => s.verify(actorOf(req), req.body.name));
}
