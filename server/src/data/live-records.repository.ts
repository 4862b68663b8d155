import type { Knex } from 'knex';
import type { LiveRecordsRepository } from '../domain/live/live.repository.js';
import type { AttendanceInterval, ParticipationCounts, PollAnswer, PollRecord, Recording } from '../domain/live/live.types.js';
import { bool, insertedId, int } from './rows.js';

const intervalOf = (r: Record<string, unknown>): AttendanceInterval => ({
  id: int(r.id), personId: int(r.person_id), joinedAt: String(r.joined_at), leftAt: (r.left_at as string | null) ?? null, reconnects: int(r.reconnects),
});
const pollOf = (r: Record<string, unknown>): PollRecord => ({
  id: int(r.id), lessonId: int(r.lesson_id), question: String(r.question), options: JSON.parse(String(r.options)) as string[],
  multiple: bool(r.multiple), openedAt: String(r.opened_at), closedAt: (r.closed_at as string | null) ?? null,
});
const answerOf = (r: Record<string, unknown>): PollAnswer => ({ personId: int(r.person_id), choices: JSON.parse(String(r.choices)) as number[] });

/** The records of live lessons (Art. 8.1.b): each event is one indexed insert or update. */
export class KnexLiveRecordsRepository implements LiveRecordsRepository {
  constructor(private readonly db: Knex) {}

  async lastInterval(lessonId: number, personId: number) {
    const r = await this.db('live_attendance').where({ lesson_id: lessonId, person_id: personId }).orderBy('joined_at', 'desc').orderBy('id', 'desc').first();
    return r ? intervalOf(r) : undefined;
  }
  async openInterval(lessonId: number, personId: number, at: string) {
    return insertedId(await this.db('live_attendance').insert({ lesson_id: lessonId, person_id: personId, joined_at: at, left_at: null, reconnects: 0 }).returning('id'));
  }
  async reopenInterval(id: number) {
    await this.db('live_attendance').where({ id }).update({ left_at: null, reconnects: this.db.raw('?? + 1', ['reconnects']) });
  }
  async closeInterval(id: number, at: string) {
    await this.db('live_attendance').where({ id }).update({ left_at: at });
  }
  async closeAll(lessonId: number, at: string) {
    await this.db('live_attendance').where({ lesson_id: lessonId }).whereNull('left_at').update({ left_at: at });
    await this.db('live_hands').where({ lesson_id: lessonId }).whereNull('lowered_at').update({ lowered_at: at });
    await this.db('live_polls').where({ lesson_id: lessonId }).whereNull('closed_at').update({ closed_at: at });
  }
  async intervals(lessonId: number) {
    return (await this.db('live_attendance').where({ lesson_id: lessonId }).orderBy('joined_at')).map(intervalOf);
  }

  async addChat(lessonId: number, personId: number, toPersonId: number | null, text: string, at: string) {
    return insertedId(await this.db('live_chat_messages').insert({ lesson_id: lessonId, person_id: personId, to_person_id: toPersonId, at, body: text }).returning('id'));
  }

  async addQuestion(lessonId: number, personId: number, text: string, at: string) {
    return insertedId(await this.db('live_questions').insert({ lesson_id: lessonId, person_id: personId, at, body: text }).returning('id'));
  }
  async getQuestion(id: number) {
    const r = await this.db('live_questions').where({ id }).first('id', 'lesson_id', 'answered_at');
    return r ? { id: int(r.id), lessonId: int(r.lesson_id), answeredAt: r.answered_at ?? null } : undefined;
  }
  async markAnswered(id: number, byPersonId: number, at: string) {
    await this.db('live_questions').where({ id }).update({ answered_at: at, answered_by_id: byPersonId });
  }
  async questions(lessonId: number) {
    const rows = await this.db('live_questions as q').join('people as p', 'p.id', 'q.person_id').where('q.lesson_id', lessonId)
      .select('q.id', 'q.person_id', 'p.full_name', 'q.at', 'q.body', 'q.answered_at').orderBy([{ column: 'q.at' }, { column: 'q.id' }]);
    return rows.map((r) => ({ id: int(r.id), personId: int(r.person_id), fullName: r.full_name, at: r.at, text: r.body, answeredAt: r.answered_at ?? null }));
  }

  async openHand(lessonId: number, personId: number) {
    const r = await this.db('live_hands').where({ lesson_id: lessonId, person_id: personId }).whereNull('lowered_at').first('id');
    return r ? { id: int(r.id) } : undefined;
  }
  async raiseHand(lessonId: number, personId: number, at: string) {
    await this.db('live_hands').insert({ lesson_id: lessonId, person_id: personId, raised_at: at });
  }
  async lowerHand(id: number, byPersonId: number, at: string) {
    await this.db('live_hands').where({ id }).update({ lowered_at: at, lowered_by_id: byPersonId });
  }

  async addReaction(lessonId: number, personId: number, kind: string, at: string) {
    await this.db('live_reactions').insert({ lesson_id: lessonId, person_id: personId, kind, times: 1, last_at: at })
      .onConflict(['lesson_id', 'person_id', 'kind'])
      .merge({ times: this.db.raw('?? + 1', ['live_reactions.times']), last_at: at });
  }

  async createPoll(lessonId: number, question: string, options: string[], multiple: boolean, at: string) {
    return insertedId(await this.db('live_polls').insert({ lesson_id: lessonId, question, options: JSON.stringify(options), multiple, opened_at: at }).returning('id'));
  }
  async getPoll(id: number) {
    const r = await this.db('live_polls').where({ id }).first();
    return r ? pollOf(r) : undefined;
  }
  async closePoll(id: number, at: string) {
    await this.db('live_polls').where({ id }).whereNull('closed_at').update({ closed_at: at });
  }
  async saveAnswer(pollId: number, personId: number, choices: number[], at: string) {
    await this.db('live_poll_answers').insert({ poll_id: pollId, person_id: personId, choices: JSON.stringify(choices), answered_at: at })
      .onConflict(['poll_id', 'person_id']).merge(['choices', 'answered_at']);
  }
  async answers(pollId: number) {
    return (await this.db('live_poll_answers').where({ poll_id: pollId }).select('person_id', 'choices')).map(answerOf);
  }
  async polls(lessonId: number) {
    const polls = (await this.db('live_polls').where({ lesson_id: lessonId }).orderBy('id')).map(pollOf);
    if (!polls.length) return [];
    const answers = await this.db('live_poll_answers').whereIn('poll_id', polls.map((p) => p.id)).select('poll_id', 'person_id', 'choices');
    return polls.map((p) => ({ ...p, answers: answers.filter((a) => int(a.poll_id) === p.id).map(answerOf) }));
  }

  async addRecording(r: Omit<Recording, 'id'>) {
    return insertedId(await this.db('live_recordings').insert({
      lesson_id: r.lessonId, file: r.file, bytes: r.bytes, duration_ms: r.durationMs, started_at: r.startedAt, ended_at: r.endedAt,
    }).returning('id'));
  }
  async recordings(lessonId: number) {
    const rows = await this.db('live_recordings').where({ lesson_id: lessonId }).orderBy('started_at');
    return rows.map((r) => ({ id: int(r.id), lessonId: int(r.lesson_id), file: r.file, bytes: int(r.bytes), durationMs: int(r.duration_ms), startedAt: r.started_at, endedAt: r.ended_at }));
  }

  async participation(lessonId: number): Promise<ParticipationCounts[]> {
    const counted = async (q: Knex.QueryBuilder, person = 'person_id'): Promise<Map<number, number>> => {
      const rows = (await q.groupBy(person).select(`${person} as person_id`)) as Record<string, unknown>[];
      return new Map(rows.map((r) => [int(r.person_id), int(r.n)]));
    };
    const chat = await counted(this.db('live_chat_messages').where({ lesson_id: lessonId }).count('* as n'));
    const questions = await counted(this.db('live_questions').where({ lesson_id: lessonId }).count('* as n'));
    const hands = await counted(this.db('live_hands').where({ lesson_id: lessonId }).count('* as n'));
    const reactions = await counted(this.db('live_reactions').where({ lesson_id: lessonId }).sum('times as n'));
    const answers = await counted(this.db('live_poll_answers as a').join('live_polls as p', 'p.id', 'a.poll_id').where('p.lesson_id', lessonId).count('* as n'), 'a.person_id');
    const people = new Set([...chat.keys(), ...questions.keys(), ...hands.keys(), ...reactions.keys(), ...answers.keys()]);
    return [...people].map((personId) => ({
      personId, chatMessages: chat.get(personId) ?? 0, questions: questions.get(personId) ?? 0, handsRaised: hands.get(personId) ?? 0,
      reactions: reactions.get(personId) ?? 0, pollAnswers: answers.get(personId) ?? 0,
    }));
  }
}
