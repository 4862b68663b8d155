/**
 * Whether a saved answer has the shape of its question's type, before it is stored: a student's
 * page sends only these shapes, anything else is tampering or a bug and is refused (never stored,
 * so the teacher's results and the scoring see clean data). `null` clears an answer.
 */
import { QUESTION_LIMITS, type QuestionContent } from '../questions/question.types.js';

const isStr = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;

export function answerFits(q: QuestionContent, answer: unknown): boolean {
  if (answer === null) return true;
  switch (q.type) {
    case 'single':
      return isStr(answer, 40) && q.body.options.some((o) => o.id === answer);
    case 'multiple':
      return Array.isArray(answer) && answer.length <= q.body.options.length
        && answer.every((a) => isStr(a, 40) && q.body.options.some((o) => o.id === a)) && new Set(answer).size === answer.length;
    case 'true_false': {
      if (typeof answer === 'boolean') return q.body.statements.length === 1;
      if (!answer || typeof answer !== 'object' || Array.isArray(answer)) return false;
      const entries = Object.entries(answer as Record<string, unknown>);
      return entries.length <= q.body.statements.length && entries.every(([k, v]) => typeof v === 'boolean' && q.body.statements.some((s) => s.id === k));
    }
    case 'short':
      return isStr(answer, 1000);
    case 'numeric':
      return (typeof answer === 'number' && Number.isFinite(answer)) || isStr(answer, 64);
    case 'matching':
      return Array.isArray(answer) && answer.length <= q.body.pairs.length && answer.every((a) => a === null || isStr(a, QUESTION_LIMITS.optionTextMax));
    case 'essay':
      return isStr(answer, QUESTION_LIMITS.answerTextMax);
  }
}

/** The key of a question for feedback after the window closes (what counted as right). */
export function correctAnswerOf(q: QuestionContent): unknown {
  switch (q.type) {
    case 'single':
      return q.body.options.find((o) => o.correct)?.id ?? null;
    case 'multiple':
      return q.body.options.filter((o) => o.correct).map((o) => o.id);
    case 'true_false':
      return Object.fromEntries(q.body.statements.map((s) => [s.id, s.correct]));
    case 'short':
      return q.body.accepted;
    case 'numeric':
      return { value: q.body.value, tolerance: q.body.tolerance };
    case 'matching':
      return q.body.pairs.map((p) => p.right);
    case 'essay':
      return null;
  }
}

export function explanationOf(q: QuestionContent): string | null {
  return q.type === 'essay' ? null : q.body.explanation ?? null;
}
