/** Live lessons (Art. 5, 8.1.b, 9.1): plain data, no framework types. */
import type { Actor } from '../accounts/account.types.js';
import type { Role } from '../people/person.types.js';

/** Art. 2: supporting mode teaches part of a lesson online; replacing mode the whole lesson. */
export type LessonMode = 'supporting' | 'replacing';
export type LessonStatus = 'scheduled' | 'live' | 'ended' | 'cancelled';
export type LiveRole = 'teacher' | 'student' | 'observer';
/** online_assessment: an online periodic test (Art. 6.2), allowed only by the principal's decision. */
export type DecisionType = 'force_majeure' | 'online_mode' | 'online_assessment';

/** Who is asking: enough of the signed-in principal for the scope rules. */
export interface Viewer {
  personId: number;
  roles: readonly Role[];
}

/** Who is changing something: the viewer plus what the audit entry needs. */
export type LiveActor = Actor & Viewer;

/** Classes or subjects a decision applies to: all of them, or a list. */
export type Scope = number[] | 'all';

/** A principal's decision on the online mode (Art. 5.4). */
export interface Decision {
  id: number;
  type: DecisionType;
  /** online_mode only. */
  mode: LessonMode | null;
  classIds: Scope;
  subjectIds: Scope;
  startsOn: string;
  endsOn: string;
  reason: string;
  documentNumber: string | null;
  /** online_assessment: the assessment plan students and parents are told of (Art. 6.2, 15.1.e). */
  assessmentPlan: string | null;
  signerId: number;
  signerName: string;
  signedAt: string;
  revokedAt: string | null;
  revokedById: number | null;
  revokeReason: string | null;
}

export interface DecisionInput {
  type: DecisionType;
  mode: LessonMode | null;
  classIds: Scope;
  subjectIds: Scope;
  startsOn: string;
  endsOn: string;
  reason: string;
  documentNumber: string | null;
  /** online_assessment only: which tests, when and how (Art. 6.2, 15.1.e). */
  assessmentPlan?: string | null;
}

export interface LiveLesson {
  id: number;
  classId: number;
  className: string;
  schoolYearId: number;
  subjectId: number;
  subjectName: string;
  teacherId: number;
  teacherName: string;
  topic: string;
  startsAt: string;
  endsAt: string;
  mode: LessonMode;
  status: LessonStatus;
  recordingAllowed: boolean;
  /** The force-majeure decision a replacing lesson relies on. */
  decisionId: number | null;
  /** The curriculum lesson/topic taught (Art. 4.1), when the teacher chose one. */
  curriculumLessonId: number | null;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
}

export interface LessonInput {
  classId: number;
  subjectId: number;
  /** May be empty when curriculumLessonId is given: the lesson's title is used. */
  topic?: string | undefined;
  /** ISO-8601 instants (any offset; stored in UTC). */
  startsAt: string;
  endsAt: string;
  mode: LessonMode;
  recordingAllowed: boolean;
  /** Managers may schedule for another teacher; by default the assigned teacher. */
  teacherId?: number | undefined;
  /** The curriculum lesson taught (Art. 4.1): same subject, the class's grade. */
  curriculumLessonId?: number | null | undefined;
}

/** A lesson on someone's home page today, with how they take part. */
export interface TodayLesson extends LiveLesson {
  myRole: LiveRole | 'parent';
  /** Parents: which of their children are in the class. */
  children: { id: number; fullName: string }[];
  /** When the join button opens (15 minutes before the start). */
  joinableFrom: string;
}

/** What the live room needs to show the lesson (signaling layer). */
export interface LessonInfo {
  id: number;
  title: string;
  className: string;
  subjectName: string;
  teacherId: number;
  teacherName: string;
  recordingAllowed: boolean;
}

export interface AttendanceInterval {
  id: number;
  personId: number;
  joinedAt: string;
  leftAt: string | null;
  reconnects: number;
}

export interface QuestionRecord {
  id: number;
  personId: number;
  fullName: string;
  at: string;
  text: string;
  answeredAt: string | null;
}

export interface PollRecord {
  id: number;
  lessonId: number;
  question: string;
  options: string[];
  multiple: boolean;
  openedAt: string;
  closedAt: string | null;
}

export interface PollAnswer {
  personId: number;
  choices: number[];
}

export interface PollResults extends PollRecord {
  open: boolean;
  /** Students who chose each option (a student choosing two options counts in both). */
  counts: number[];
  answered: number;
}

export interface Recording {
  id: number;
  lessonId: number;
  /** Relative to the data directory. */
  file: string;
  bytes: number;
  durationMs: number;
  startedAt: string;
  endedAt: string;
}

/** Per-person counts of the interactions of one lesson. */
export interface ParticipationCounts {
  personId: number;
  chatMessages: number;
  questions: number;
  handsRaised: number;
  reactions: number;
  pollAnswers: number;
}

export interface StudentSummary {
  personId: number;
  personalId: string | null;
  fullName: string;
  present: boolean;
  late: boolean;
  minutes: number;
  joins: number;
  firstJoinAt: string | null;
  lastLeftAt: string | null;
  chatMessages: number;
  questions: number;
  handsRaised: number;
  reactions: number;
  pollAnswers: number;
}

/** The teacher's and principal's view of a lesson afterwards (Art. 8.1.b). */
export interface LessonSummary {
  lesson: LiveLesson;
  totals: {
    students: number;
    present: number;
    absent: number;
    late: number;
    chatMessages: number;
    questions: number;
    answeredQuestions: number;
    handsRaised: number;
    reactions: number;
    polls: number;
  };
  students: StudentSummary[];
  questions: (QuestionRecord & { answered: boolean })[];
  polls: PollResults[];
}
