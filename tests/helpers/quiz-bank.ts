import type { Transactor } from '../../server/src/domain/repos.js';
import type { CognitiveLevel, QuestionContent } from '../../server/src/domain/questions/question.types.js';

/**
 * A small real question bank for quiz tests and the benchmark, written through the bank's own
 * repository: two new lessons of a subject × grade, and questions of
 * every type at known lessons and levels. Correct answers follow a pattern the tests know.
 */
export interface QuizBank {
  lessons: { id: number; title: string }[];
  /** Bank ids per `${lessonIndex}|${level}`. */
  ids: Map<string, number[]>;
}

export const single = (i: number): QuestionContent => ({
  type: 'single',
  body: { options: [{ id: 'A', text: `${i} + 1 = ${i + 1}`, correct: true }, { id: 'B', text: `${i} + 1 = ${i + 2}`, correct: false }, { id: 'C', text: `${i} + 1 = ${i}`, correct: false }, { id: 'D', text: `${i} + 1 = 0`, correct: false }], explanation: 'Cộng thêm 1.' },
});
export const trueFalse = (i: number): QuestionContent => ({ type: 'true_false', body: { statements: [{ id: 'a', text: `${i} là số tự nhiên`, correct: true }, { id: 'b', text: `${i} < 0`, correct: false }] } });
export const numeric = (i: number): QuestionContent => ({ type: 'numeric', body: { value: i * 2, tolerance: 0 } });
export const essay = (): QuestionContent => ({ type: 'essay', body: { rubric: 'Nêu đủ hai ý: 1 điểm mỗi ý.' } });
export const multiple = (): QuestionContent => ({ type: 'multiple', body: { options: [{ id: 'A', text: '2', correct: true }, { id: 'B', text: '3', correct: true }, { id: 'C', text: '4', correct: false }] } });
export const short = (): QuestionContent => ({ type: 'short', body: { accepted: ['Hà Nội'] } });
export const matching = (): QuestionContent => ({ type: 'matching', body: { pairs: [{ left: 'Hình vuông', right: '4 cạnh bằng nhau' }, { left: 'Tam giác', right: '3 cạnh' }] } });

export async function seedQuizBank(tx: Transactor, subjectId: number, grade: number, plan: { lesson: 0 | 1; level: CognitiveLevel; make: (i: number) => QuestionContent; n: number }[]): Promise<QuizBank> {
  return tx.run(async (r) => {
    const at = new Date().toISOString();
    // Two lessons of their own, so the demo bank's questions never fall into these rows.
    const chosen: { id: number; title: string }[] = [];
    for (const title of ['Ôn tập: số tự nhiên (đề kiểm thử)', 'Ôn tập: phép tính (đề kiểm thử)']) {
      const id = await r.curriculum.append(subjectId, grade, { chapter: 'Ôn tập', title, periods: 1, outcomes: [] }, at);
      chosen.push({ id, title });
    }
    const ids = new Map<string, number[]>();
    let k = 0;
    for (const p of plan) {
      for (let i = 0; i < p.n; i++) {
        const content = p.make(++k);
        const id = await r.questions.create({
          subjectId, grade, curriculumLessonId: chosen[p.lesson]!.id, level: p.level, stem: `Câu hỏi ${k} (${p.level}, ${content.type})`, points: 1, searchText: `cau hoi ${k}`,
          ...content, authorId: null, at,
        });
        const key = `${p.lesson}|${p.level}`;
        ids.set(key, [...(ids.get(key) ?? []), id]);
      }
    }
    return { lessons: chosen, ids };
  });
}
