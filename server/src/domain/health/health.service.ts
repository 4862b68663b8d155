/** The appliance's health at a glance (GET /api/health): database, disk, media worker. */
export interface HealthProbe {
  pingDatabase(): Promise<void>;
  dialect: string;
  diskUsage(): Promise<{ freeBytes: number; totalBytes: number }>;
  mediaWorker(): { workerBinary: boolean; linkedOpenSsl: string | null };
  schoolSetUp(): Promise<boolean>;
  /** Live lessons in progress (the kiosk keeps the screen awake; updates wait). */
  liveLessons(): number;
  version: string;
}

/** Below this the appliance says it is degraded: recordings and uploads would soon fail. */
export const MIN_FREE_DISK_PERCENT = 5;

export class HealthService {
  private readonly started = Date.now();
  constructor(private readonly probe: HealthProbe) {}

  async check() {
    const t0 = performance.now();
    let dbOk = true;
    try {
      await this.probe.pingDatabase();
    } catch {
      dbOk = false;
    }
    const latencyMs = Math.round((performance.now() - t0) * 100) / 100;
    const disk = await this.probe.diskUsage();
    const freePercent = disk.totalBytes ? Math.round((disk.freeBytes / disk.totalBytes) * 1000) / 10 : 0;
    const media = this.probe.mediaWorker();
    const diskOk = freePercent >= MIN_FREE_DISK_PERCENT;
    const mediaOk = media.workerBinary;
    return {
      status: dbOk && diskOk && mediaOk ? ('ok' as const) : ('degraded' as const),
      version: this.probe.version,
      uptimeSeconds: Math.round((Date.now() - this.started) / 1000),
      database: { ok: dbOk, dialect: this.probe.dialect, latencyMs },
      disk: { ok: diskOk, ...disk, freePercent },
      media: { ok: mediaOk, ...media },
      schoolSetUp: dbOk ? await this.probe.schoolSetUp() : false,
      liveLessons: this.probe.liveLessons(),
    };
  }
}
