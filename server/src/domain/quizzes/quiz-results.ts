/**
 * A class's results per question (Art. 5.3, 9.2.c: the teacher follows the class's learning):
 * how many got each question right, partly right or wrong, and the wrong answers given most often.
 * Pure: works on the attempts' snapshots and the stored answers.
 */
import { scoreAnswer } from '../questions/question-scoring.js';
import type { SnapshotQuestion } from './quiz.types.js';

export interface QuestionStat {
  questionId: number;
  stem: string;
  type: SnapshotQuestion['type'];
  level: SnapshotQuestion['level'];
  curriculumLessonId: number | null;
  /** Attempts (submitted) that drew this question. */
  drawn: number;
  answered: number;
  right: number;
  partial: number;
  /** Percent of drawn attempts fully right, one decimal. */
  percentRight: number;
  averageFraction: number;
  /** The wrong answers most often given, as text a teacher reads. */
  commonWrong: { answer: string; count: number }[];
}

/** How a stored answer reads for the teacher: option texts for choices, the text otherwise. */
export function answerText(q: SnapshotQuestion, answer: unknown): string {
  if (answer === null || answer === undefined) return '';
  switch (q.type) {
    case 'single': {
      const o = q.body.options.find((x) => x.id === answer);
      return o ? `${o.id}. ${o.text}` : String(answer);
    }
    case 'multiple':
      return Array.isArray(answer) ? [...answer].sort().map((id) => {
        const o = q.body.options.find((x) => x.id === id);
        return o ? `${o.id}. ${o.text}` : String(id);
      }).join('; ') : '';
    case 'true_false':
      if (typeof answer === 'boolean') return answer ? 'Đúng' : 'Sai';
      return q.body.statements.map((s) => {
        const v = (answer as Record<string, unknown>)[s.id];
        return `${s.id}: ${v === true ? 'Đ' : v === false ? 'S' : '–'}`;
      }).join(', ');
    case 'matching':
      return Array.isArray(answer) ? q.body.pairs.map((p, i) => `${p.left} → ${answer[i] ?? '–'}`).join('; ') : '';
    default:
      return String(answer).slice(0, 200);
  }
}

export function questionStats(attempts: readonly { questions: readonly SnapshotQuestion[]; answers: ReadonlyMap<string, unknown> }[], topWrong = 3): QuestionStat[] {
  const byId = new Map<number, { q: SnapshotQuestion; drawn: number; answered: number; right: number; partial: number; sum: number; wrong: Map<string, number> }>();
  for (const a of attempts) {
    for (const q of a.questions) {
      let s = byId.get(q.questionId);
      if (!s) byId.set(q.questionId, (s = { q, drawn: 0, answered: 0, right: 0, partial: 0, sum: 0, wrong: new Map() }));
      s.drawn++;
      const answer = a.answers.get(q.key);
      if (answer === undefined || answer === null || answer === '') continue;
      s.answered++;
      if (q.type === 'essay') continue;
      const { fraction } = scoreAnswer(q, answer);
      s.sum += fraction;
      if (fraction >= 1) s.right++;
      else {
        if (fraction > 0) s.partial++;
        const text = answerText(q, answer);
        s.wrong.set(text, (s.wrong.get(text) ?? 0) + 1);
      }
    }
  }
  return [...byId.values()].map((s) => ({
    questionId: s.q.questionId, stem: s.q.stem, type: s.q.type, level: s.q.level, curriculumLessonId: s.q.curriculumLessonId,
    drawn: s.drawn, answered: s.answered, right: s.right, partial: s.partial,
    percentRight: s.drawn ? Math.round((s.right / s.drawn) * 1000) / 10 : 0,
    averageFraction: s.drawn ? Math.round((s.sum / s.drawn) * 1000) / 1000 : 0,
    commonWrong: [...s.wrong.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'vi')).slice(0, topWrong).map(([answer, count]) => ({ answer, count })),
  })).sort((a, b) => a.percentRight - b.percentRight || a.questionId - b.questionId);
}
