import { DomainError } from '../shared/errors.js';
import type { PollAnswer, PollRecord, PollResults } from './live.types.js';

export const POLL_LIMITS = { maxQuestion: 300, minOptions: 2, maxOptions: 10, maxOption: 200 } as const;

/** A quick poll: a question and 2–10 distinct, non-empty options. Returns the cleaned texts. */
export function checkPoll(question: string, options: readonly string[]): { question: string; options: string[] } {
  const q = question.trim();
  if (!q || q.length > POLL_LIMITS.maxQuestion) throw new DomainError('VALIDATION_FAILED', { field: 'question', max: POLL_LIMITS.maxQuestion });
  const opts = options.map((o) => o.trim());
  if (opts.length < POLL_LIMITS.minOptions || opts.length > POLL_LIMITS.maxOptions) {
    throw new DomainError('VALIDATION_FAILED', { field: 'options', min: POLL_LIMITS.minOptions, max: POLL_LIMITS.maxOptions });
  }
  if (opts.some((o) => !o || o.length > POLL_LIMITS.maxOption) || new Set(opts).size !== opts.length) {
    throw new DomainError('VALIDATION_FAILED', { field: 'options', reason: 'empty_long_or_repeated' });
  }
  return { question: q, options: opts };
}

/**
 * An answer names options by index: at least one, each in range, exactly one for a single-choice
 * poll. Repeated indexes collapse. Returns the sorted choices.
 */
export function checkChoices(poll: Pick<PollRecord, 'options' | 'multiple'>, choices: readonly number[]): number[] {
  const unique = [...new Set(choices)].sort((a, b) => a - b);
  if (!unique.length) throw new DomainError('VALIDATION_FAILED', { field: 'choices', reason: 'empty' });
  if (unique.some((c) => !Number.isInteger(c) || c < 0 || c >= poll.options.length)) {
    throw new DomainError('VALIDATION_FAILED', { field: 'choices', reason: 'out_of_range', options: poll.options.length });
  }
  if (!poll.multiple && unique.length > 1) throw new DomainError('VALIDATION_FAILED', { field: 'choices', reason: 'single_choice' });
  return unique;
}

/** Live results of a poll: one answer per person, each chosen option counted. */
export function pollResults(poll: PollRecord, answers: readonly PollAnswer[]): PollResults {
  const counts = poll.options.map(() => 0);
  for (const a of answers) for (const c of a.choices) if (c >= 0 && c < counts.length) counts[c]! += 1;
  return { ...poll, open: poll.closedAt === null, counts, answered: answers.length };
}
