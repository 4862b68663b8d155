/** Rules of questions and answers (Art. 5.2, 9.2): plain text, limits on posting. Pure, unit tested. */

/** A student may post at most this many questions and answers in the window (teachers are not limited). */
export const POST_WINDOW_MINUTES = 10;
export const MAX_QUESTIONS_PER_WINDOW = 5;
export const MAX_ANSWERS_PER_WINDOW = 20;

/**
 * Plain text as typed: control characters removed (except line breaks and tabs), Windows line
 * ends normalised, at most two blank lines in a row, trimmed. Nothing is interpreted as HTML:
 * the UI renders it as text (escaped).
 */
export function cleanText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\n{4,}/g, '\n\n\n')
    .trim()
    .normalize('NFC');
}

/** A title stays on one line. */
export function cleanTitle(text: string): string {
  return cleanText(text).replace(/\s+/g, ' ');
}

export function tooManyPosts(kind: 'question' | 'answer', recent: { questions: number; answers: number }): boolean {
  return kind === 'question' ? recent.questions >= MAX_QUESTIONS_PER_WINDOW : recent.answers >= MAX_ANSWERS_PER_WINDOW;
}

export interface Sortable {
  id: number;
  pinned: boolean;
  answerCount: number;
  bestAnswerId: number | null;
  lockedAt: string | null;
  hiddenAt: string | null;
  lastActivityAt: string;
}

/** Waiting for an answer: visible, open, nobody has answered it yet. */
export const isUnanswered = (q: Sortable) => !q.hiddenAt && !q.lockedAt && q.answerCount === 0 && q.bestAnswerId === null;

/**
 * Pinned threads first; for the teacher, unanswered questions next (oldest first: they have waited
 * longest); then by latest activity. Hidden threads (teacher only sees them) go last.
 */
export function sortThreads<T extends Sortable>(list: T[], forTeacher: boolean): T[] {
  const rank = (q: T) => (q.hiddenAt ? 3 : q.pinned ? 0 : forTeacher && isUnanswered(q) ? 1 : 2);
  return [...list].sort((a, b) => {
    const r = rank(a) - rank(b);
    if (r) return r;
    if (rank(a) === 1) return a.lastActivityAt.localeCompare(b.lastActivityAt) || a.id - b.id;
    return b.lastActivityAt.localeCompare(a.lastActivityAt) || b.id - a.id;
  });
}
