import type { LiveRole } from '../../contracts/live-signaling.js';
import type { Principal } from '../accounts/account.types.js';

/** What the live room needs from the lesson schedule (implemented by domain/live). */
export interface LessonPort {
  /** Who may join and as what (Art. 9.1: the class, its teacher, the principal as observer); throws a DomainError otherwise. */
  canJoin(principal: Principal, lessonId: number): Promise<{ role: LiveRole }>;
  info(lessonId: number): Promise<LessonInfo>;
  markLive(lessonId: number): Promise<void>;
  markEnded(lessonId: number): Promise<void>;
}

export interface LessonInfo {
  id: number;
  title: string;
  className: string;
  subjectName: string;
  teacherId: number;
  teacherName: string;
  recordingAllowed: boolean;
}

/** Where the live room writes the teaching-process records (Art. 8.1.b). */
export interface RecordsPort {
  join(lessonId: number, personId: number, at: Date): Promise<void>;
  leave(lessonId: number, personId: number, at: Date): Promise<void>;
  chat(lessonId: number, fromPersonId: number, toPersonId: number | null, text: string, at: Date): Promise<number>;
  question(lessonId: number, personId: number, text: string, at: Date): Promise<number>;
  markAnswered(questionId: number, byPersonId: number, at: Date): Promise<void>;
  hand(lessonId: number, personId: number, raised: boolean, byPersonId: number, at: Date): Promise<void>;
  reaction(lessonId: number, personId: number, reaction: string, at: Date): Promise<void>;
  openPoll(lessonId: number, question: string, options: string[], multiple: boolean, at: Date): Promise<number>;
  closePoll(pollId: number, at: Date): Promise<void>;
  answerPoll(pollId: number, personId: number, choices: number[], at: Date): Promise<void>;
  recording(lessonId: number, rec: { file: string; bytes: number; durationMs: number; startedAt: Date; endedAt: Date }): Promise<void>;
}

/** The room camera of the teaching room (ONVIF → RTSP URL), if configured. */
export interface RoomCameraPort {
  streamUrl(cameraId?: string): Promise<string | null>;
}

/** Whether the school lets lessons be recorded now, and how much of the recording budget is left. */
export interface RecordingPolicyPort {
  check(): Promise<{ allowed: boolean; remainingBytes: number }>;
}
