import path from 'node:path';
import { DomainError } from '../shared/errors.js';
import type { Repos, Transactor } from '../repos.js';
import { joinAction } from './attendance.js';
import { checkChoices, checkPoll, pollResults } from './poll-rules.js';
import { toInstant } from './school-time.js';
import type { LiveLesson, PollResults } from './live.types.js';

export const RECORD_LIMITS = { maxChat: 2000, maxQuestion: 1000 } as const;
const REACTION = /^[a-z][a-z0-9_-]{0,31}$/;

/**
 * The records of the online teaching process (Art. 8.1.b), written by the live room as events
 * happen: attendance intervals, chat, questions, hands, reactions, polls and recordings. Each call
 * is one short transaction around one indexed write (SQLite has one connection). The live room has
 * already checked who is in the room (LiveLessonService.canJoin); this checks the data and that the
 * lesson is still open.
 */
export class LiveRecords {
  constructor(private readonly tx: Transactor, private readonly opts: { dataDir: string }) {}

  /** A join; a reconnect within 60 s reopens the last interval, so reconnects make no duplicates. */
  async join(lessonId: number, personId: number, at: Date): Promise<void> {
    const when = toInstant(at);
    return this.tx.run(async (r) => {
      await openLesson(r, lessonId);
      const last = await r.liveRecords.lastInterval(lessonId, personId);
      const action = joinAction(last, when);
      if (action === 'extend' && last) await r.liveRecords.reopenInterval(last.id);
      else if (action === 'new') await r.liveRecords.openInterval(lessonId, personId, when);
    });
  }

  /** Closes the person's open interval; nothing when there is none (the lesson's end closed it). */
  async leave(lessonId: number, personId: number, at: Date): Promise<void> {
    const when = toInstant(at);
    return this.tx.run(async (r) => {
      const last = await r.liveRecords.lastInterval(lessonId, personId);
      if (last && last.leftAt === null) await r.liveRecords.closeInterval(last.id, when > last.joinedAt ? when : last.joinedAt);
    });
  }

  /** A chat message to the class (toPersonId null) or private between a student and the teacher. */
  async chat(lessonId: number, fromPersonId: number, toPersonId: number | null, text: string, at: Date): Promise<number> {
    const body = cleanText(text, RECORD_LIMITS.maxChat, 'text');
    return this.tx.run(async (r) => {
      const lesson = await openLesson(r, lessonId);
      if (toPersonId !== null && fromPersonId !== lesson.teacherId && toPersonId !== lesson.teacherId) {
        throw new DomainError('FORBIDDEN', { reason: 'private_only_with_teacher' });
      }
      return r.liveRecords.addChat(lessonId, fromPersonId, toPersonId, body, toInstant(at));
    });
  }

  async question(lessonId: number, personId: number, text: string, at: Date): Promise<number> {
    const body = cleanText(text, RECORD_LIMITS.maxQuestion, 'text');
    return this.tx.run(async (r) => {
      await openLesson(r, lessonId);
      return r.liveRecords.addQuestion(lessonId, personId, body, toInstant(at));
    });
  }

  /** The teacher marks a question answered (the first mark stays). */
  async markAnswered(questionId: number, byPersonId: number, at: Date): Promise<void> {
    return this.tx.run(async (r) => {
      const q = await r.liveRecords.getQuestion(questionId);
      if (!q) throw new DomainError('NOT_FOUND', { questionId });
      if (q.answeredAt === null) await r.liveRecords.markAnswered(questionId, byPersonId, toInstant(at));
    });
  }

  /** A hand raised (once until lowered) or lowered, by the student or the teacher (byPersonId). */
  async hand(lessonId: number, personId: number, raised: boolean, byPersonId: number, at: Date): Promise<void> {
    return this.tx.run(async (r) => {
      const open = await r.liveRecords.openHand(lessonId, personId);
      if (raised) {
        await openLesson(r, lessonId);
        if (!open) await r.liveRecords.raiseHand(lessonId, personId, toInstant(at));
      } else if (open) {
        await r.liveRecords.lowerHand(open.id, byPersonId, toInstant(at));
      }
    });
  }

  /** Reactions are counted per person and kind ('like', 'clap'…). */
  async reaction(lessonId: number, personId: number, reaction: string, at: Date): Promise<void> {
    if (!REACTION.test(reaction)) throw new DomainError('VALIDATION_FAILED', { field: 'reaction' });
    return this.tx.run(async (r) => {
      await openLesson(r, lessonId);
      await r.liveRecords.addReaction(lessonId, personId, reaction, toInstant(at));
    });
  }

  async openPoll(lessonId: number, question: string, options: string[], multiple: boolean, at: Date): Promise<number> {
    const poll = checkPoll(question, options);
    return this.tx.run(async (r) => {
      await openLesson(r, lessonId);
      return r.liveRecords.createPoll(lessonId, poll.question, poll.options, multiple, toInstant(at));
    });
  }

  async closePoll(pollId: number, at: Date): Promise<void> {
    return this.tx.run(async (r) => {
      if (!(await r.liveRecords.getPoll(pollId))) throw new DomainError('NOT_FOUND', { pollId });
      await r.liveRecords.closePoll(pollId, toInstant(at));
    });
  }

  /**
   * One answer per person and poll, validated against the options. While the poll is open a new
   * answer replaces the previous one (a student who tapped the wrong option corrects it); a closed
   * poll refuses answers.
   */
  async answerPoll(pollId: number, personId: number, choices: number[], at: Date): Promise<void> {
    return this.tx.run(async (r) => {
      const poll = await r.liveRecords.getPoll(pollId);
      if (!poll) throw new DomainError('NOT_FOUND', { pollId });
      if (poll.closedAt !== null) throw new DomainError('LIVE_POLL_CLOSED', { pollId });
      await r.liveRecords.saveAnswer(pollId, personId, checkChoices(poll, choices), toInstant(at));
    });
  }

  async pollResults(pollId: number): Promise<PollResults> {
    return this.tx.read(async (r) => {
      const poll = await r.liveRecords.getPoll(pollId);
      if (!poll) throw new DomainError('NOT_FOUND', { pollId });
      return pollResults(poll, await r.liveRecords.answers(pollId));
    });
  }

  /** A finished recording's metadata; the file (absolute or relative) must lie under the data directory. */
  async recording(lessonId: number, rec: { file: string; bytes: number; durationMs: number; startedAt: Date; endedAt: Date }): Promise<void> {
    const file = dataRelativePath(this.opts.dataDir, rec.file);
    if (!Number.isFinite(rec.bytes) || rec.bytes < 0 || !Number.isFinite(rec.durationMs) || rec.durationMs < 0) {
      throw new DomainError('VALIDATION_FAILED', { field: 'recording' });
    }
    return this.tx.run(async (r) => {
      const lesson = await r.liveLessons.get(lessonId);
      if (!lesson) throw new DomainError('NOT_FOUND', { lessonId });
      if (!lesson.recordingAllowed) throw new DomainError('LIVE_RECORDING_NOT_ALLOWED', { lessonId });
      await r.liveRecords.addRecording({
        lessonId, file, bytes: Math.round(rec.bytes), durationMs: Math.round(rec.durationMs), startedAt: toInstant(rec.startedAt), endedAt: toInstant(rec.endedAt),
      });
    });
  }
}

/** The lesson, when events may still be recorded for it. */
async function openLesson(r: Repos, lessonId: number): Promise<LiveLesson> {
  const lesson = await r.liveLessons.get(lessonId);
  if (!lesson) throw new DomainError('NOT_FOUND', { lessonId });
  if (lesson.status === 'cancelled') throw new DomainError('LIVE_LESSON_CANCELLED', { lessonId });
  if (lesson.status === 'ended') throw new DomainError('LIVE_LESSON_ENDED', { lessonId });
  return lesson;
}

function cleanText(text: string, max: number, field: string): string {
  const t = text.normalize('NFC').trim();
  if (!t) throw new DomainError('VALIDATION_FAILED', { field, reason: 'empty' });
  if (t.length > max) throw new DomainError('VALIDATION_FAILED', { field, reason: 'too_long', max });
  return t;
}

/** A path under the data directory, stored relative to it with '/' separators (the folder may move). */
export function dataRelativePath(dataDir: string, file: string): string {
  const root = path.resolve(dataDir);
  const rel = path.relative(root, path.resolve(root, file));
  if (file.includes('\u0000') || !rel || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) {
    throw new DomainError('LIVE_RECORDING_PATH_INVALID', { file: path.basename(file) });
  }
  return rel.split(path.sep).join('/');
}
