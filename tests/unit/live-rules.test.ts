import t from 'tap';
import { DomainError } from '../../server/src/domain/shared/errors.js';
import { checkDecisionInput, coveringForceMajeure, uncoveredByForceMajeure } from '../../server/src/domain/live/decision-rules.js';
import { checkSlot, joinWindow } from '../../server/src/domain/live/lesson-rules.js';
import { attendanceOf, joinAction } from '../../server/src/domain/live/attendance.js';
import { checkChoices, checkPoll, pollResults } from '../../server/src/domain/live/poll-rules.js';
import { buildSummary, summarySheets } from '../../server/src/domain/live/live-summary.js';
import { dataRelativePath } from '../../server/src/domain/live/live-records.js';
import { schoolDate, schoolDateTimeText, schoolDayBounds, toInstant } from '../../server/src/domain/live/school-time.js';
import type { Decision, LiveLesson } from '../../server/src/domain/live/live.types.js';

const codeOf = (fn: () => unknown): string => {
  try {
    fn();
    return 'accepted';
  } catch (err) {
    return err instanceof DomainError ? err.code : String(err);
  }
};

const fm = (id: number, classIds: Decision['classIds'], startsOn: string, endsOn: string, extra: Partial<Decision> = {}) =>
  ({ id, type: 'force_majeure' as const, classIds, subjectIds: 'all' as const, startsOn, endsOn, revokedAt: null, ...extra });

t.test('school time is UTC+7 all year', async (t) => {
  t.equal(schoolDate('2026-10-05T16:59:59.000Z'), '2026-10-05');
  t.equal(schoolDate('2026-10-05T17:00:00.000Z'), '2026-10-06', 'midnight in Hà Nội is 17:00 UTC');
  t.same(schoolDayBounds('2026-10-06'), { from: '2026-10-05T17:00:00.000Z', to: '2026-10-06T17:00:00.000Z' });
  t.equal(toInstant('2026-10-06T08:00:00+07:00'), '2026-10-06T01:00:00.000Z');
  t.equal(codeOf(() => toInstant('not a time')), 'VALIDATION_FAILED');
  t.equal(schoolDateTimeText('2026-10-06T01:05:00.000Z'), '06/10/2026 08:05');
});

t.test('force-majeure coverage (Art. 5.4)', async (t) => {
  const need = { classIds: [1, 2], subjectIds: 'all' as const, startsOn: '2026-10-05', endsOn: '2026-10-09' };
  t.same(uncoveredByForceMajeure([fm(1, 'all', '2026-10-01', '2026-10-31')], need), [], 'one decision for all classes');
  t.same(uncoveredByForceMajeure([fm(1, [1, 2], '2026-10-05', '2026-10-06'), fm(2, [1, 2], '2026-10-07', '2026-10-09')], need), [], 'two decisions back to back');
  t.same(uncoveredByForceMajeure([fm(1, [1, 2], '2026-10-05', '2026-10-06'), fm(2, [1], '2026-10-08', '2026-10-12')], need), [
    { classId: 1, from: '2026-10-07', to: '2026-10-07' },
    { classId: 2, from: '2026-10-07', to: '2026-10-09' },
  ], 'the gaps, per class');
  t.same(uncoveredByForceMajeure([fm(1, [1, 2], '2026-10-01', '2026-10-31', { revokedAt: '2026-10-04T00:00:00.000Z' })], need).length, 2, 'a revoked decision covers nothing');
  t.same(uncoveredByForceMajeure([{ ...fm(1, 'all', '2026-10-01', '2026-10-31'), type: 'online_mode' as const }], need).length, 2, 'only force majeure counts');
  t.same(uncoveredByForceMajeure([fm(1, [1, 2], '2026-10-01', '2026-10-31')], { ...need, classIds: 'all' }), [{ classId: 'all', from: '2026-10-05', to: '2026-10-09' }], 'all classes needs an all-classes decision');
  t.same(uncoveredByForceMajeure([fm(1, [1, 2], '2026-10-01', '2026-10-31', { subjectIds: [7] })], { ...need, subjectIds: [7] }), [], 'a subject list covers its subjects');
  t.equal(uncoveredByForceMajeure([fm(1, [1, 2], '2026-10-01', '2026-10-31', { subjectIds: [7] })], { ...need, subjectIds: [7, 8] }).length, 2, 'but not others');
  const decisions = [fm(3, [2], '2026-10-01', '2026-10-31'), fm(4, [1], '2026-10-06', '2026-10-06')];
  t.equal(coveringForceMajeure(decisions, 1, 5, '2026-10-06')?.id, 4);
  t.equal(coveringForceMajeure(decisions, 1, 5, '2026-10-07'), undefined);
});

t.test('decision shape', async (t) => {
  const base = { classIds: 'all' as const, subjectIds: 'all' as const, startsOn: '2026-10-05', endsOn: '2026-10-05', reason: 'Bão', documentNumber: null };
  t.equal(codeOf(() => checkDecisionInput({ ...base, type: 'force_majeure', mode: null })), 'accepted', 'a one-day decision');
  t.equal(codeOf(() => checkDecisionInput({ ...base, type: 'force_majeure', mode: 'replacing' })), 'VALIDATION_FAILED');
  t.equal(codeOf(() => checkDecisionInput({ ...base, type: 'online_mode', mode: null })), 'VALIDATION_FAILED');
  t.equal(codeOf(() => checkDecisionInput({ ...base, type: 'online_mode', mode: 'supporting', endsOn: '2026-10-04' })), 'INVALID_DATE_RANGE');
  t.equal(codeOf(() => checkDecisionInput({ ...base, type: 'online_mode', mode: 'supporting', reason: '  ' })), 'VALIDATION_FAILED');
});

t.test('slots and the join window', async (t) => {
  t.equal(codeOf(() => checkSlot('2026-10-06T01:00:00.000Z', '2026-10-06T01:45:00.000Z')), 'accepted');
  t.equal(codeOf(() => checkSlot('2026-10-06T01:00:00.000Z', '2026-10-06T01:00:00.000Z')), 'INVALID_DATE_RANGE');
  t.equal(codeOf(() => checkSlot('2026-10-06T01:00:00.000Z', '2026-10-06T05:01:00.000Z')), 'INVALID_DATE_RANGE', 'over four hours');
  t.equal(codeOf(() => checkSlot('2026-10-06T16:30:00.000Z', '2026-10-06T17:30:00.000Z')), 'INVALID_DATE_RANGE', 'across midnight in Vietnam');
  const lesson = { startsAt: '2026-10-06T01:00:00.000Z', endsAt: '2026-10-06T01:45:00.000Z', status: 'scheduled' as const };
  t.equal(joinWindow(lesson, '2026-10-06T00:44:59.999Z'), 'early');
  t.equal(joinWindow(lesson, '2026-10-06T00:45:00.000Z'), 'open', 'exactly 15 minutes before');
  t.equal(joinWindow(lesson, '2026-10-06T01:44:59.000Z'), 'open');
  t.equal(joinWindow(lesson, '2026-10-06T01:45:00.000Z'), 'over', 'never started, slot over');
  t.equal(joinWindow({ ...lesson, status: 'live' }, '2026-10-06T02:00:00.000Z'), 'open', 'a live lesson runs over');
  t.equal(joinWindow({ ...lesson, status: 'ended' }, '2026-10-06T01:10:00.000Z'), 'over');
  t.equal(joinWindow({ ...lesson, status: 'cancelled' }, '2026-10-06T01:10:00.000Z'), 'cancelled');
});

const LESSON: LiveLesson = {
  id: 1, classId: 1, className: '6A1', schoolYearId: 1, subjectId: 1, subjectName: 'Toán', teacherId: 9, teacherName: 'Cô Lan', topic: 'Phân số',
  startsAt: '2026-10-06T01:00:00.000Z', endsAt: '2026-10-06T01:45:00.000Z', mode: 'supporting', status: 'ended', recordingAllowed: false, decisionId: null, curriculumLessonId: null,
  createdAt: '2026-10-01T00:00:00.000Z', startedAt: '2026-10-06T00:58:00.000Z', endedAt: '2026-10-06T01:45:00.000Z', cancelledAt: null, cancelReason: null,
};

t.test('attendance: reconnects, minutes, lateness', async (t) => {
  t.equal(joinAction(undefined, '2026-10-06T01:00:00.000Z'), 'new');
  t.equal(joinAction({ leftAt: null }, '2026-10-06T01:00:00.000Z'), 'already_open');
  t.equal(joinAction({ leftAt: '2026-10-06T01:10:00.000Z' }, '2026-10-06T01:10:30.000Z'), 'extend', '30 s later: the same presence');
  t.equal(joinAction({ leftAt: '2026-10-06T01:10:00.000Z' }, '2026-10-06T01:11:00.000Z'), 'extend', 'exactly 60 s');
  t.equal(joinAction({ leftAt: '2026-10-06T01:10:00.000Z' }, '2026-10-06T01:11:00.001Z'), 'new');
  t.equal(joinAction({ leftAt: '2026-10-06T01:10:00.000Z' }, '2026-10-06T01:15:00.000Z'), 'new', 'five minutes later: a new interval');

  const now = '2026-10-06T03:00:00.000Z';
  t.same(attendanceOf([], LESSON, now), { present: false, late: false, minutes: 0, joins: 0, firstJoinAt: null, lastLeftAt: null });
  const a = attendanceOf([{ joinedAt: '2026-10-06T00:50:00.000Z', leftAt: '2026-10-06T01:20:00.000Z' }, { joinedAt: '2026-10-06T01:25:00.000Z', leftAt: '2026-10-06T02:00:00.000Z' }], LESSON, now);
  t.match(a, { present: true, late: false, minutes: 40, joins: 2, lastLeftAt: '2026-10-06T02:00:00.000Z' }, 'only lesson time counts');
  t.equal(attendanceOf([{ joinedAt: '2026-10-06T01:05:00.000Z', leftAt: null }], LESSON, now).late, false, 'exactly 5 minutes is on time');
  t.equal(attendanceOf([{ joinedAt: '2026-10-06T01:05:01.000Z', leftAt: null }], LESSON, now).late, true);
  const live = { ...LESSON, status: 'live' as const, endedAt: null };
  t.equal(attendanceOf([{ joinedAt: '2026-10-06T01:00:00.000Z', leftAt: null }], live, '2026-10-06T01:30:00.000Z').minutes, 30, 'an open interval counts until now');
  t.equal(attendanceOf([{ joinedAt: '2026-10-06T01:00:00.000Z', leftAt: null }], live, '2026-10-06T02:00:00.000Z').minutes, 60, 'a live lesson running over counts on');
  t.equal(attendanceOf([{ joinedAt: '2026-10-06T01:00:00.000Z', leftAt: null }], { ...LESSON, endedAt: '2026-10-06T01:50:00.000Z' }, now).minutes, 50, 'until the actual end');
});

t.test('polls', async (t) => {
  t.same(checkPoll('  Chọn một  ', [' A', 'B ']), { question: 'Chọn một', options: ['A', 'B'] });
  t.equal(codeOf(() => checkPoll('?', ['A'])), 'VALIDATION_FAILED', 'at least two options');
  t.equal(codeOf(() => checkPoll('?', ['A', 'A'])), 'VALIDATION_FAILED', 'distinct options');
  t.equal(codeOf(() => checkPoll('', ['A', 'B'])), 'VALIDATION_FAILED');
  const single = { options: ['A', 'B', 'C'], multiple: false };
  t.same(checkChoices(single, [2]), [2]);
  t.same(checkChoices(single, [1, 1]), [1], 'a repeated index collapses');
  t.equal(codeOf(() => checkChoices(single, [3])), 'VALIDATION_FAILED', 'out of range');
  t.equal(codeOf(() => checkChoices(single, [-1])), 'VALIDATION_FAILED');
  t.equal(codeOf(() => checkChoices(single, [0.5])), 'VALIDATION_FAILED');
  t.equal(codeOf(() => checkChoices(single, [])), 'VALIDATION_FAILED');
  t.equal(codeOf(() => checkChoices(single, [0, 1])), 'VALIDATION_FAILED', 'single choice');
  t.same(checkChoices({ ...single, multiple: true }, [2, 0]), [0, 2]);
  const poll = { id: 1, lessonId: 1, question: '?', options: ['A', 'B', 'C'], multiple: true, openedAt: LESSON.startsAt, closedAt: null };
  t.match(pollResults(poll, [{ personId: 1, choices: [0, 2] }, { personId: 2, choices: [2] }]), { counts: [1, 0, 2], answered: 2, open: true });
});

t.test('summary and its workbook', async (t) => {
  const s = buildSummary({
    lesson: LESSON, now: '2026-10-06T03:00:00.000Z',
    students: [{ id: 1, personalId: '001', fullName: 'Lê Văn An' }, { id: 2, personalId: '002', fullName: 'Trần Thị Bình' }],
    intervals: [{ id: 1, personId: 1, joinedAt: '2026-10-06T01:10:00.000Z', leftAt: '2026-10-06T01:45:00.000Z', reconnects: 1 }, { id: 2, personId: 9, joinedAt: LESSON.startsAt, leftAt: null, reconnects: 0 }],
    participation: [{ personId: 1, chatMessages: 2, questions: 1, handsRaised: 1, reactions: 3, pollAnswers: 1 }, { personId: 9, chatMessages: 5, questions: 0, handsRaised: 0, reactions: 0, pollAnswers: 0 }],
    questions: [{ id: 1, personId: 1, fullName: 'Lê Văn An', at: LESSON.startsAt, text: 'Vì sao?', answeredAt: null }],
    polls: [{ id: 1, lessonId: 1, question: '?', options: ['A', 'B'], multiple: false, openedAt: LESSON.startsAt, closedAt: LESSON.endsAt, answers: [{ personId: 1, choices: [1] }] }],
  });
  t.match(s.students[0], { present: true, late: true, minutes: 35, joins: 1, chatMessages: 2, reactions: 3 });
  t.match(s.students[1], { present: false, minutes: 0, chatMessages: 0 });
  t.match(s.totals, { students: 2, present: 1, absent: 1, late: 1, chatMessages: 2, questions: 1, answeredQuestions: 0, polls: 1 }, 'the teacher\'s messages are not a student\'s');
  t.match(s.polls, [{ counts: [0, 1], answered: 1, open: false }]);
  const [sheet] = summarySheets(s);
  t.same(sheet!.columns.map((c) => c.header), ['STT', 'Mã định danh', 'Họ và tên', 'Có mặt', 'Vào muộn', 'Số phút', 'Số lần vào', 'Tin nhắn', 'Câu hỏi', 'Giơ tay', 'Trả lời bình chọn']);
  t.match(sheet!.rows, [{ stt: 1, present: 'Có', late: 'Có', minutes: 35 }, { stt: 2, present: 'Vắng', late: '' }]);
  t.match(sheet!.title, /6A1 — Toán — Phân số — 06\/10\/2026 08:00/);
});

t.test('recording paths stay under the data directory', async (t) => {
  t.equal(dataRelativePath('/data', '/data/recordings/a.webm'), 'recordings/a.webm');
  t.equal(dataRelativePath('/data/', 'recordings/b.webm'), 'recordings/b.webm');
  for (const bad of ['/etc/passwd', '../x.webm', '/data', '/data2/x.webm', 'recordings/../../x']) {
    t.equal(codeOf(() => dataRelativePath('/data', bad)), 'LIVE_RECORDING_PATH_INVALID', bad);
  }
});
