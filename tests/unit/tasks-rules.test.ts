import t from 'tap';
import { DomainError } from '../../server/src/domain/shared/errors.js';
import {
  checkRubric, checkSelection, checkTaskInput, isOverdue, latePenalty, rubricMaxPoints, rubricScore, studentOrder, studentStatus, submissionDecision, toTenPointScale,
} from '../../server/src/domain/tasks/task-rules.js';
import { recogniseFile, safeFileName } from '../../server/src/domain/tasks/task-file-types.js';
import { cleanInstructions } from '../../server/src/domain/tasks/task-html.js';
import { schoolTime } from '../../server/src/domain/tasks/task.service.js';
import type { Rubric, SubmissionRules, TaskInput } from '../../server/src/domain/tasks/task.types.js';

const codeOf = (fn: () => unknown): string => {
  try {
    fn();
    return 'accepted';
  } catch (err) {
    return err instanceof DomainError ? `${err.code}${err.details?.field ? `:${String(err.details.field)}` : ''}` : String(err);
  }
};

const rules = (extra: Partial<SubmissionRules> = {}): SubmissionRules => ({
  opensAt: '2026-11-02T01:00:00.000Z', dueAt: '2026-11-09T16:59:00.000Z', latePolicy: 'refuse', closeAt: null, resubmission: 'none', maxSubmissions: null, ...extra,
});
const before = new Date('2026-11-05T03:00:00Z');
const afterDue = new Date('2026-11-10T03:00:00Z');
const fresh = { previous: 0, lastSubmittedAt: null, grade: null };

t.test('late policies decide what happens after the due time', async (t) => {
  t.same(submissionDecision(rules(), fresh, before), { late: false }, 'on time');
  t.equal(codeOf(() => submissionDecision(rules(), fresh, new Date('2026-11-01T00:00:00Z'))), 'TASK_NOT_OPEN', 'before the opening');
  t.equal(codeOf(() => submissionDecision(rules(), fresh, afterDue)), 'TASK_CLOSED', 'refuse after due');
  t.same(submissionDecision(rules(), fresh, new Date('2026-11-09T16:59:00.000Z')), { late: false }, 'exactly at the due time is on time');
  t.same(submissionDecision(rules({ latePolicy: 'accept' }), fresh, afterDue), { late: true }, 'accepted late, marked late');
  const untilClose = rules({ latePolicy: 'until_close', closeAt: '2026-11-12T16:59:00.000Z' });
  t.same(submissionDecision(untilClose, fresh, afterDue), { late: true }, 'late but before the hard close');
  t.equal(codeOf(() => submissionDecision(untilClose, fresh, new Date('2026-11-13T00:00:00Z'))), 'TASK_CLOSED', 'after the hard close');
});

t.test('resubmission policies', async (t) => {
  const once = { previous: 1, lastSubmittedAt: '2026-11-04T00:00:00.000Z', grade: null };
  t.equal(codeOf(() => submissionDecision(rules(), once, before)), 'TASK_RESUBMISSION_NOT_ALLOWED');
  t.same(submissionDecision(rules({ resubmission: 'until_graded' }), { ...once, previous: 7 }, before), { late: false }, 'until graded: any number');
  const graded = { ...once, grade: { status: 'graded' as const, gradedAt: '2026-11-05T00:00:00.000Z' } };
  t.equal(codeOf(() => submissionDecision(rules({ resubmission: 'until_graded' }), graded, before)), 'TASK_ALREADY_GRADED');
  const limited = rules({ resubmission: 'limited', maxSubmissions: 3 });
  t.same(submissionDecision(limited, { ...once, previous: 2 }, before), { late: false }, 'third of three');
  t.equal(codeOf(() => submissionDecision(limited, { ...once, previous: 3 }, before)), 'TASK_SUBMISSION_LIMIT');
  // Returned for revision: reopens once, even after the deadline and with no resubmission allowed.
  const returned = { previous: 1, lastSubmittedAt: '2026-11-04T00:00:00.000Z', grade: { status: 'returned' as const, gradedAt: '2026-11-10T01:00:00.000Z' } };
  t.same(submissionDecision(rules(), returned, afterDue), { late: true }, 'returned work may be handed in again, still late');
  t.equal(studentStatus(1, returned.grade, returned.lastSubmittedAt), 'returned');
  const resubmitted = { ...returned, previous: 2, lastSubmittedAt: '2026-11-10T02:00:00.000Z' };
  t.equal(codeOf(() => submissionDecision(rules(), resubmitted, afterDue)), 'TASK_RESUBMISSION_NOT_ALLOWED', 'only once after returning');
  t.equal(studentStatus(2, resubmitted.grade, resubmitted.lastSubmittedAt), 'submitted', 'handed in again: back to the teacher');
  t.equal(studentStatus(0, null), 'not_submitted');
  t.equal(studentStatus(1, null), 'submitted');
  t.equal(studentStatus(1, { status: 'graded', gradedAt: 'x' }), 'graded');
});

t.test('late penalty: points or percent, never below zero', async (t) => {
  t.equal(latePenalty('points', 2, 8, true), 2);
  t.equal(latePenalty('points', 2, 8, false), 0, 'on time: no penalty');
  t.equal(latePenalty('points', 2, 1.5, true), 1.5, 'capped at the score');
  t.equal(latePenalty('percent', 20, 8, true), 1.6);
  t.equal(latePenalty('percent', 15, 7.5, true), 1.13, 'rounded to two decimals');
  t.equal(latePenalty('none', 0, 8, true), 0);
  t.equal(toTenPointScale(15, 20), 7.5);
  t.equal(toTenPointScale(8, 10), 8);
});

t.test('rubric scoring', async (t) => {
  const rubric: Rubric = {
    criteria: [
      { title: 'Nội dung', levels: [{ label: 'Chưa đạt', points: 0, description: '' }, { label: 'Đạt', points: 2, description: '' }, { label: 'Tốt', points: 4, description: '' }] },
      { title: 'Trình bày', levels: [{ label: 'Chưa đạt', points: 0, description: '' }, { label: 'Tốt', points: 2, description: '' }] },
      { title: 'Đúng hạn', levels: [{ label: 'Có', points: 4, description: '' }, { label: 'Không', points: 1, description: '' }] },
    ],
  };
  t.equal(rubricMaxPoints(rubric), 10, 'best level of each criterion, whatever its position');
  t.equal(rubricScore(rubric, [2, 1, 0], 10), 10);
  t.equal(rubricScore(rubric, [1, 0, 1], 10), 3);
  t.equal(rubricScore(rubric, [1, 1, 0], 20), 16, 'scaled to the max score');
  t.equal(codeOf(() => rubricScore(rubric, [1, null, 0], 10)), 'VALIDATION_FAILED:rubricSelection.1', 'every criterion assessed');
  t.equal(codeOf(() => rubricScore(rubric, [1, 5, 0], 10)), 'VALIDATION_FAILED:rubricSelection.1', 'unknown level');
  t.equal(codeOf(() => rubricScore(rubric, [1, 1], 10)), 'VALIDATION_FAILED:rubricSelection');
  t.equal(codeOf(() => checkSelection(rubric, [null, 1, null])), 'accepted', 'a partial selection with a typed score');
  t.equal(codeOf(() => checkSelection(null, [0])), 'VALIDATION_FAILED:rubricSelection');
  t.equal(codeOf(() => checkRubric({ criteria: [{ title: 'A', levels: [{ label: 'x', points: 0, description: '' }] }] })), 'VALIDATION_FAILED:rubric', 'a rubric worth nothing');
});

t.test('task input coherence', async (t) => {
  const base: TaskInput = {
    classId: 1, subjectId: 1, curriculumLessonId: null, title: 'Bài tập', instructions: '', audience: 'class', groupName: null, studentIds: [],
    opensAt: '2026-11-02T01:00:00.000Z', dueAt: '2026-11-09T16:59:00.000Z', acceptFiles: true, acceptText: false, h5pContentId: null,
    latePolicy: 'refuse', closeAt: null, latePenaltyKind: 'none', latePenaltyValue: 0, resubmission: 'none', maxSubmissions: null, rubric: null, maxScore: 10, gradebookTarget: null,
  };
  const check = (x: Partial<TaskInput>) => codeOf(() => checkTaskInput({ ...base, ...x }));
  t.equal(check({}), 'accepted');
  t.equal(check({ title: '  ' }), 'VALIDATION_FAILED:title');
  t.equal(check({ dueAt: base.opensAt }), 'INVALID_DATE_RANGE:opensAt/dueAt');
  t.equal(check({ latePolicy: 'until_close' }), 'VALIDATION_FAILED:closeAt');
  t.equal(check({ latePolicy: 'until_close', closeAt: base.dueAt }), 'INVALID_DATE_RANGE:dueAt/closeAt');
  t.equal(check({ latePolicy: 'until_close', closeAt: '2026-11-12T00:00:00.000Z' }), 'accepted');
  t.equal(check({ latePenaltyKind: 'points', latePenaltyValue: 1 }), 'VALIDATION_FAILED:latePenaltyKind', 'no penalty when late work is refused');
  t.equal(check({ latePolicy: 'accept', latePenaltyKind: 'percent', latePenaltyValue: 120 }), 'VALIDATION_FAILED:latePenaltyValue');
  t.equal(check({ latePolicy: 'accept', latePenaltyKind: 'points', latePenaltyValue: 11 }), 'VALIDATION_FAILED:latePenaltyValue');
  t.equal(check({ resubmission: 'limited' }), 'VALIDATION_FAILED:maxSubmissions');
  t.equal(check({ resubmission: 'limited', maxSubmissions: 3 }), 'accepted');
  t.equal(check({ acceptFiles: false }), 'VALIDATION_FAILED:acceptFiles', 'something to hand in');
  t.equal(check({ audience: 'student', studentIds: [] }), 'VALIDATION_FAILED:studentIds');
  t.equal(check({ audience: 'student', studentIds: [3, 4] }), 'VALIDATION_FAILED:studentIds');
  t.equal(check({ audience: 'group', studentIds: [3, 4] }), 'VALIDATION_FAILED:groupName');
  t.equal(check({ audience: 'group', groupName: 'Nhóm 1', studentIds: [3, 3] }), 'VALIDATION_FAILED:studentIds');
  t.equal(check({ audience: 'class', studentIds: [3] }), 'VALIDATION_FAILED:studentIds');
});

t.test('students see open work first, soonest due first', async (t) => {
  const items = [
    { id: 1, dueAt: '2026-11-20T00:00:00.000Z', status: 'not_submitted' as const },
    { id: 2, dueAt: '2026-11-01T00:00:00.000Z', status: 'graded' as const },
    { id: 3, dueAt: '2026-11-03T00:00:00.000Z', status: 'not_submitted' as const },
    { id: 4, dueAt: '2026-11-10T00:00:00.000Z', status: 'submitted' as const },
    { id: 5, dueAt: '2026-11-15T00:00:00.000Z', status: 'returned' as const },
  ];
  t.same(items.sort(studentOrder).map((i) => i.id), [3, 5, 1, 4, 2]);
  const now = new Date('2026-11-05T00:00:00Z');
  t.equal(isOverdue('2026-11-03T00:00:00.000Z', 'not_submitted', now), true);
  t.equal(isOverdue('2026-11-03T00:00:00.000Z', 'submitted', now), false);
  t.equal(isOverdue('2026-11-20T00:00:00.000Z', 'not_submitted', now), false);
});

t.test('uploads are recognised by bytes and extension', async (t) => {
  const b = (s: string | number[]) => (typeof s === 'string' ? new TextEncoder().encode(s) : Uint8Array.from(s));
  t.equal(recogniseFile('bai-lam.pdf', b('%PDF-1.7\n')), 'application/pdf');
  t.equal(recogniseFile('Ảnh.JPG', b([0xff, 0xd8, 0xff, 0xe0])), 'image/jpeg');
  t.equal(recogniseFile('bai.docx', b([0x50, 0x4b, 0x03, 0x04, 1, 2])), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  t.equal(recogniseFile('ghi-chu.txt', b('Xin chào thầy cô\n')), 'text/plain; charset=utf-8');
  t.equal(recogniseFile('virus.pdf', b('MZ\x90\x00')), null, 'a program renamed .pdf');
  t.equal(recogniseFile('trang.html', b('<html><script>')), null, 'web pages are not accepted');
  t.equal(recogniseFile('anh.png', b('%PDF-1.7')), null, 'bytes and extension disagree');
  t.equal(recogniseFile('x.txt', b([0x41, 0x00, 0x42])), null, 'binary in a .txt');
  t.equal(recogniseFile('noext', b('%PDF-')), null);
});

t.test('safe file and folder names keep Vietnamese letters', async (t) => {
  t.equal(safeFileName('Nguyễn Thị Ánh Tuyết'), 'Nguyễn Thị Ánh Tuyết');
  t.equal(safeFileName('../../etc/passwd'), 'etc passwd');
  t.equal(safeFileName('bài: "1" <a>|b?.pdf'), 'bài 1 a b .pdf');
  t.equal(safeFileName('CON'), 'tep');
  t.equal(safeFileName('...'), 'tep');
  t.equal(safeFileName('Nguye\u0302\u0303n'), 'Nguyễn', 'decomposed letters become composed (NFC)');
  t.ok(safeFileName(`${'a'.repeat(200)}.docx`).endsWith('.docx') && safeFileName(`${'a'.repeat(200)}.docx`).length === 100);
});

t.test('instructions: plain text or sanitized simple HTML', async (t) => {
  t.equal(cleanInstructions('Đọc bài <3 lần\n\nTrả lời câu 1'), '<p>Đọc bài &lt;3 lần</p><p>Trả lời câu 1</p>');
  const html = cleanInstructions('<p onclick="x()">Xem <a href="javascript:alert(1)">đây</a> và <a href="https://vi.wikipedia.org">wiki</a></p><script>alert(1)</script><img src=x onerror=alert(1)>');
  t.notMatch(html, /script|onclick|javascript|onerror|<img/);
  t.match(html, /<a href="https:\/\/vi.wikipedia.org" rel="noopener noreferrer" target="_blank">wiki<\/a>/);
  t.equal(schoolTime('2026-11-09T16:59:00.000Z'), '09/11/2026 23:59');
});
