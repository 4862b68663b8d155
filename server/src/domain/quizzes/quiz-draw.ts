/**
 * Drawing a student's questions from the bank by the matrix (ma trận đề) and shuffling them
 * (Art. 6.2: per-student shuffling of questions and options). Everything here is a pure function
 * of a per-attempt seed, so the same attempt always gets the same paper and a test can replay it.
 * Options are shuffled when the paper is shown (`publicQuestion` with the same seed).
 */
import { seededShuffle } from '../questions/question-scoring.js';

/** One row of the matrix as the draw sees it: its candidates (bank ids) and how many to take. */
export interface DrawRow {
  candidates: readonly number[];
  count: number;
}

/**
 * Takes `count` distinct candidates from each row (rows are disjoint: a question has one lesson
 * and one level). Candidates are sorted first, so the result depends on the seed and the bank's
 * content, never on the order the database returned them in; each row has its own stream, so a
 * change in one row does not redraw the others. Throws when a row has fewer candidates than it
 * needs (the quiz's validation refuses such a matrix earlier; a question archived since then
 * would land here, and the caller reports it).
 */
export function drawRows(seed: string, rows: readonly DrawRow[]): number[][] {
  return rows.map((row, i) => {
    const sorted = [...new Set(row.candidates)].sort((a, b) => a - b);
    if (sorted.length < row.count) throw new RangeError(`matrix row ${i + 1} needs ${row.count} questions, the bank has ${sorted.length}`);
    return seededShuffle(sorted, `draw:${seed}:${i}`).slice(0, row.count);
  });
}

/**
 * The paper's order: the drawn questions of all rows, shuffled together when the quiz says so,
 * otherwise row by row as the matrix lists them.
 */
export function paperOrder<T>(seed: string, drawn: readonly T[][], shuffleQuestions: boolean): T[] {
  const flat = drawn.flat();
  return shuffleQuestions ? seededShuffle(flat, `order:${seed}`) : flat;
}
