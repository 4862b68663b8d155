import type {
  AttendanceInterval, Decision, DecisionInput, DecisionType, LessonMode, LessonStatus, LiveLesson, ParticipationCounts, PollAnswer, PollRecord, QuestionRecord, Recording,
} from './live.types.js';

export interface LiveDecisionRepository {
  /** Newest first. */
  list(filter: { type?: DecisionType; includeRevoked: boolean }): Promise<Decision[]>;
  get(id: number): Promise<Decision | undefined>;
  create(input: DecisionInput & { signerId: number; signedAt: string }): Promise<number>;
  revoke(id: number, by: { personId: number; at: string; reason: string }): Promise<void>;
  /** Force-majeure decisions, not revoked, whose dates meet [from, to]. */
  activeForceMajeure(from: string, to: string): Promise<Decision[]>;
  /** Online-assessment decisions (Art. 6.2), not revoked, whose dates meet [from, to]. */
  activeOnlineAssessment(from: string, to: string): Promise<Decision[]>;
}

export interface LessonFilter {
  /** Instants: lessons starting in [fromAt, toAt). */
  fromAt?: string;
  toAt?: string;
  classId?: number;
  teacherId?: number;
  /** Scope: lessons of these classes or taught by this person. Absent: every lesson. */
  visibleTo?: { classIds: number[]; teacherId: number | null };
  limit: number;
}

export interface LiveLessonRepository {
  create(row: {
    classId: number; subjectId: number; teacherId: number; topic: string; startsAt: string; endsAt: string; mode: LessonMode;
    recordingAllowed: boolean; decisionId: number | null; createdById: number; createdAt: string; curriculumLessonId?: number | null;
  }): Promise<number>;
  get(id: number): Promise<LiveLesson | undefined>;
  /** In time order. */
  list(filter: LessonFilter): Promise<LiveLesson[]>;
  /** Lessons not cancelled of the class or of the teacher that meet [startsAt, endsAt). */
  overlapping(q: { classId: number; teacherId: number; startsAt: string; endsAt: string }): Promise<Pick<LiveLesson, 'id' | 'classId' | 'teacherId'>[]>;
  setStatus(id: number, status: LessonStatus, at: string, cancelReason?: string | null): Promise<void>;
  /** Lessons relying on a decision, in a status. */
  idsByDecision(decisionId: number, status: LessonStatus): Promise<number[]>;
}

/** One short indexed write per event of a lesson (Art. 8.1.b). */
export interface LiveRecordsRepository {
  lastInterval(lessonId: number, personId: number): Promise<AttendanceInterval | undefined>;
  openInterval(lessonId: number, personId: number, at: string): Promise<number>;
  /** A reconnect: the interval is open again and counts one more reconnect. */
  reopenInterval(id: number): Promise<void>;
  closeInterval(id: number, at: string): Promise<void>;
  /** The lesson ended: every interval still open closes at its end; hands go down, polls close. */
  closeAll(lessonId: number, at: string): Promise<void>;
  intervals(lessonId: number): Promise<AttendanceInterval[]>;

  addChat(lessonId: number, personId: number, toPersonId: number | null, text: string, at: string): Promise<number>;
  addQuestion(lessonId: number, personId: number, text: string, at: string): Promise<number>;
  getQuestion(id: number): Promise<{ id: number; lessonId: number; answeredAt: string | null } | undefined>;
  markAnswered(id: number, byPersonId: number, at: string): Promise<void>;
  questions(lessonId: number): Promise<QuestionRecord[]>;

  openHand(lessonId: number, personId: number): Promise<{ id: number } | undefined>;
  raiseHand(lessonId: number, personId: number, at: string): Promise<void>;
  lowerHand(id: number, byPersonId: number, at: string): Promise<void>;
  addReaction(lessonId: number, personId: number, kind: string, at: string): Promise<void>;

  createPoll(lessonId: number, question: string, options: string[], multiple: boolean, at: string): Promise<number>;
  getPoll(id: number): Promise<PollRecord | undefined>;
  closePoll(id: number, at: string): Promise<void>;
  /** One answer per person and poll: a second answer replaces the first. */
  saveAnswer(pollId: number, personId: number, choices: number[], at: string): Promise<void>;
  answers(pollId: number): Promise<PollAnswer[]>;
  polls(lessonId: number): Promise<(PollRecord & { answers: PollAnswer[] })[]>;

  addRecording(r: Omit<Recording, 'id'>): Promise<number>;
  recordings(lessonId: number): Promise<Recording[]>;

  participation(lessonId: number): Promise<ParticipationCounts[]>;
}
