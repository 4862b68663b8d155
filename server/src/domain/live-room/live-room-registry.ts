import type { MediaService } from '../../../../media/src/media.types.js';
import { LiveRoom } from './live-room.js';
import { DomainError } from '../shared/errors.js';
import type { LessonPort, RecordingPolicyPort, RecordsPort, RoomCameraPort } from './ports.js';

export interface LiveRoomRegistryDeps {
  /** Started on first use: no media workers run until a lesson opens. */
  media: () => Promise<MediaService>;
  lessons: LessonPort;
  records: RecordsPort;
  camera?: RoomCameraPort;
  recordingsDir: string;
  recordingPolicy?: RecordingPolicyPort;
  /** On balena: no update may restart the box while a lesson is live (held per lesson). */
  updateLock?: { hold(reason: string): Promise<unknown>; release(reason: string): Promise<unknown> } | undefined;
}

/**
 * The live lessons in progress on this box, one LiveRoom each. Opening is queued per lesson so
 * two participants joining at the same moment cannot create two rooms.
 */
export class LiveRoomRegistry {
  private readonly rooms = new Map<number, LiveRoom>();
  private readonly opening = new Map<number, Promise<LiveRoom>>();
  private mediaService: Promise<MediaService> | undefined;
  private started: MediaService | undefined;

  constructor(private readonly deps: LiveRoomRegistryDeps) {}

  get lessons(): LessonPort {
    return this.deps.lessons;
  }

  existing(lessonId: number): LiveRoom | undefined {
    return this.rooms.get(lessonId);
  }

  /** Lessons live right now (for the health page and the update lock). */
  liveLessonIds(): number[] {
    return [...this.rooms.keys()];
  }

  async open(lessonId: number): Promise<LiveRoom> {
    const room = this.rooms.get(lessonId);
    if (room && !room.isEnded) return room;
    let pending = this.opening.get(lessonId);
    if (!pending) {
      pending = this.create(lessonId).finally(() => this.opening.delete(lessonId));
      this.opening.set(lessonId, pending);
    }
    return pending;
  }

  media(): Promise<MediaService> {
    this.mediaService ??= this.deps.media().then((m) => (this.started = m));
    return this.mediaService;
  }

  /** The media workers' pids, or none before the first lesson started them (for health). */
  workerPids(): number[] {
    return this.started?.workerPids() ?? [];
  }

  private async create(lessonId: number): Promise<LiveRoom> {
    const info = await this.deps.lessons.info(lessonId);
    const media = await (await this.media()).room(String(lessonId));
    const room = new LiveRoom({
      info, media, records: this.deps.records, camera: this.deps.camera, recordingsDir: this.deps.recordingsDir, recordingPolicy: this.deps.recordingPolicy,
      onEnded: () => {
        this.rooms.delete(lessonId);
        void this.deps.updateLock?.release(`lesson ${lessonId}`).catch(() => undefined);
        void this.deps.lessons.markEnded(lessonId).catch(() => undefined);
      },
    });
    this.rooms.set(lessonId, room);
    void this.deps.updateLock?.hold(`lesson ${lessonId}`).catch(() => undefined);
    await this.deps.lessons.markLive(lessonId);
    return room;
  }

  /** Restarts the media workers (IT console); refused while a lesson is live. */
  async restartMedia(): Promise<{ restarted: boolean }> {
    if (this.rooms.size > 0) throw new DomainError('LIVE_LESSON_IN_PROGRESS', { lessons: this.liveLessonIds() });
    const current = this.mediaService;
    if (!current) return { restarted: false };
    this.mediaService = undefined;
    this.started = undefined;
    await (await current).close();
    await this.media();
    return { restarted: true };
  }

  async close(): Promise<void> {
    for (const room of [...this.rooms.values()]) await room.end().catch(() => undefined);
    if (this.mediaService) await (await this.mediaService).close();
  }
}
