import t from 'tap';
import {
  assertReadyToFinalize, attendanceFigures, checkRange, completeness, dateRange, defaultAddressee, deviceFigures, lessonFigures, materialFigures, pct,
  quizFigures, reportFileBase, taskFigures,
} from '../../server/src/domain/reports/report-rules.js';
import { pctText, semesterReportPdf, semesterReportSheets, signedDate } from '../../server/src/domain/reports/report-document.js';
import type { LessonRow } from '../../server/src/domain/reports/report.types.js';

const lesson = (o: Partial<LessonRow> & { id: number }): LessonRow => ({
  classId: 1, className: '6A1', grade: 6, subjectId: 2, subjectName: 'Toán', teacherId: 9, teacherName: 'Cô Lan', mode: 'supporting', status: 'ended',
  startsAt: '2027-02-01T01:00:00.000Z', endsAt: '2027-02-01T01:45:00.000Z', startedAt: '2027-02-01T01:00:00.000Z', endedAt: '2027-02-01T01:45:00.000Z',
  enrolled: 40, present: 38, ...o,
});

t.test('percentages: one decimal, half up, null without a whole', async (t) => {
  t.equal(pct(1, 3), 33.3);
  t.equal(pct(2, 3), 66.7);
  t.equal(pct(1, 8), 12.5);
  t.equal(pct(0, 5), 0);
  t.equal(pct(3, 0), null);
  t.equal(pctText(96.4), '96,4 %');
  t.equal(pctText(null), '—');
});

t.test('date ranges are school days in Vietnam time, both ends included', async (t) => {
  t.same(dateRange('2027-01-11', '2027-05-23'), { from: '2027-01-10T17:00:00.000Z', to: '2027-05-23T17:00:00.000Z' });
  t.throws(() => dateRange('2027-02-02', '2027-02-01'), { code: 'INVALID_DATE_RANGE' });
  t.throws(() => checkRange('2026-01-01', '2027-05-23'), { code: 'REPORT_RANGE_TOO_LONG' });
  t.ok(checkRange('2026-09-05', '2027-05-31'));
});

t.test('lessons: held, cancelled, not held; by mode, month (school time) and grade × subject', async (t) => {
  const rows = [
    lesson({ id: 1 }),
    // 23:30 UTC on 28 Feb is 06:30 on 1 March in Vietnam: a March lesson.
    lesson({ id: 2, mode: 'replacing', startsAt: '2027-02-28T23:30:00.000Z', endsAt: '2027-03-01T00:15:00.000Z', startedAt: '2027-02-28T23:31:00.000Z', endedAt: '2027-03-01T00:11:00.000Z' }),
    lesson({ id: 3, status: 'live', endedAt: null, subjectId: 1, subjectName: 'Ngữ văn' }),
    lesson({ id: 4, status: 'cancelled', startedAt: null, endedAt: null }),
    lesson({ id: 5, status: 'scheduled', startedAt: null, endedAt: null, endsAt: '2027-02-02T01:45:00.000Z' }),
    lesson({ id: 6, status: 'scheduled', startedAt: null, endedAt: null, endsAt: '2027-04-02T01:45:00.000Z' }),
  ];
  const f = lessonFigures(rows, '2027-03-10T00:00:00.000Z');
  t.match(f, { scheduled: 6, held: 3, cancelled: 1, notHeld: 1, minutesHeld: 85 });
  t.same(f.byMode, { supporting: { held: 2, minutes: 45 }, replacing: { held: 1, minutes: 40 } }, 'a live lesson has no minutes yet');
  t.same(f.byMonth, [{ month: '2027-02', supporting: 2, replacing: 0 }, { month: '2027-03', supporting: 0, replacing: 1 }]);
  t.same(f.byGradeSubject.map((g) => [g.subjectName, g.supporting, g.replacing]), [['Ngữ văn', 1, 0], ['Toán', 1, 1]], 'Vietnamese order');
});

t.test('attendance pools present over expected; per class and per lesson in time order', async (t) => {
  const f = attendanceFigures([
    lesson({ id: 2, startsAt: '2027-02-02T01:00:00.000Z', enrolled: 40, present: 20 }),
    lesson({ id: 1, classId: 2, className: '6A10', enrolled: 10, present: 10 }),
    lesson({ id: 3, classId: 3, className: '6A2', enrolled: 30, present: 30 }),
    lesson({ id: 4, status: 'cancelled', startedAt: null, enrolled: 40, present: 0 }),
  ]);
  t.match(f, { lessons: 3, expected: 80, present: 60, rate: 75 });
  t.same(f.byClass.map((c) => [c.className, c.rate]), [['6A1', 50], ['6A2', 100], ['6A10', 100]], 'natural order of class names');
  t.same(f.byLesson.map((l) => [l.lessonId, l.date]), [[1, '2027-02-01'], [3, '2027-02-01'], [2, '2027-02-02']]);
  t.equal(attendanceFigures([lesson({ id: 1, enrolled: 0, present: 0 })]).rate, null, 'an empty class has no rate');
});

t.test('materials: review steps in the range, use of materials', async (t) => {
  const rv = (action: string, subjectId = 2) => ({ action, at: '2027-02-01T00:00:00.000Z', materialId: 1, subjectId, subjectName: subjectId === 2 ? 'Toán' : 'Ngữ văn', grade: 6, actorId: 1, ownerId: 2 });
  const range = { from: '2027-01-10T17:00:00.000Z', to: '2027-05-23T17:00:00.000Z' };
  const pr = (studentId: number, materialId: number, completedAt: string | null, activeMs: number) => ({ studentId, materialId, firstOpenedAt: '', lastSeenAt: '', completedAt, activeMs });
  const f = materialFigures([rv('submit'), rv('pass'), rv('approve'), rv('approve', 1), rv('return')], 7,
    [pr(1, 1, '2027-02-01T00:00:00.000Z', 90_000), pr(2, 1, '2026-12-01T00:00:00.000Z', 60_000), pr(2, 2, null, 31_000)], range);
  t.same(f, {
    submitted: 1, approved: 2, returned: 1, publishedAtEnd: 7,
    approvedBySubject: [{ subjectId: 1, subjectName: 'Ngữ văn', grade: 6, approved: 1 }, { subjectId: 2, subjectName: 'Toán', grade: 6, approved: 1 }],
    used: { materials: 2, students: 2, completed: 1, activeMinutes: 3 },
  }, 'a completion before the range is not counted again');
});

t.test('quizzes: submitted attempts only, mean of scored ones', async (t) => {
  const q = (id: number, kind: 'regular' | 'midterm' | 'endterm') => ({ id, kind, createdById: 1, opensAt: '', classIds: [1] });
  const a = (quizId: number, studentId: number, status: string, score: number | null, maxScore = 10) => ({ quizId, studentId, status, score, maxScore, submittedAt: null });
  t.same(quizFigures([q(1, 'regular'), q(2, 'endterm')], [a(1, 1, 'submitted', 9), a(1, 1, 'submitted', 5), a(1, 2, 'in_progress', null), a(2, 3, 'submitted', null), a(9, 4, 'submitted', 10)]), {
    held: 2, regular: 1, midterm: 0, endterm: 1, attempts: 3, students: 2, averagePct: 70,
  }, 'an essay waiting for grading counts as an attempt, not in the mean; another quiz\'s attempt is ignored');
});

t.test('tasks: expected per student the task is for, submissions of others ignored', async (t) => {
  const f = taskFigures([
    { id: 1, classId: 1, subjectId: 1, teacherId: 1, audience: 'class', opensAt: '', studentIds: [1, 2, 3, 4], submittedIds: [1, 2, 9], gradedIds: [1] },
    { id: 2, classId: 1, subjectId: 1, teacherId: 1, audience: 'student', opensAt: '', studentIds: [5], submittedIds: [], gradedIds: [] },
  ]);
  t.same(f, { given: 2, expected: 5, submitted: 2, graded: 1, submissionRate: 40 });
});

t.test('devices: healthy hours have no open alert; availability is the weighted mean of device.up', async (t) => {
  const range = { from: '2027-02-01T00:00:00.000Z', to: '2027-02-02T00:00:00.000Z' };
  const h = (i: number) => new Date(Date.parse('2027-02-01T01:00:00.000Z') + i * 3_600_000).toISOString();
  const monitor = [0, 1, 2, 3, 4].map((i) => ({ metric: 'cpu.load_pct', start: h(i), avg: 10, count: 60 }));
  const up = [
    { metric: 'device.up:7', start: h(0), avg: 1, count: 30 },
    { metric: 'device.up:7', start: h(1), avg: 0, count: 10 },
    { metric: 'device.up:8', start: h(0), avg: 1, count: 60 },
  ];
  const alerts = [
    { rule: 'disk_low', severity: 'critical', raisedAt: '2027-01-20T00:00:00.000Z', clearedAt: h(0) }, // ends exactly when hour 0 starts: hour 0 is healthy
    { rule: 'device_offline', severity: 'warning', raisedAt: h(1), clearedAt: h(2) }, // hour 1 only
    { rule: 'device_offline', severity: 'warning', raisedAt: new Date(Date.parse(h(4)) + 59 * 60_000).toISOString(), clearedAt: null }, // still open: hour 4
  ];
  const f = deviceFigures([{ id: 7, name: 'Camera', kind: 'camera' }, { id: 8, name: 'Loa', kind: 'speaker' }, { id: 9, name: 'Micro', kind: 'microphone' }], monitor, up, alerts, range);
  t.same(f, {
    monitoredHours: 5, healthyHours: 3, healthyPct: 60,
    devices: [
      { deviceId: 7, name: 'Camera', kind: 'camera', hours: 2, availabilityPct: 75 },
      { deviceId: 8, name: 'Loa', kind: 'speaker', hours: 1, availabilityPct: 100 },
      { deviceId: 9, name: 'Micro', kind: 'microphone', hours: 0, availabilityPct: null },
    ],
    alerts: { total: 2, critical: 0, warning: 2, byRule: [{ rule: 'device_offline', count: 2 }] },
  });
});

t.test('gradebook completeness never exceeds the required cells', async (t) => {
  t.same(completeness(40, 6, 120), { expected: 240, filled: 120, completeness: 50 });
  t.same(completeness(0, 6, 0), { expected: 0, filled: 0, completeness: null });
  t.same(completeness(2, 3, 9), { expected: 6, filled: 6, completeness: 100 });
});

t.test('finalizing needs the three headings and the addressee', async (t) => {
  t.throws(() => assertReadyToFinalize({ difficulties: 'a', causes: ' ', proposals: '', addressee: 'x' }),
    { code: 'REPORT_TEXT_MISSING', details: { fields: ['causes', 'proposals'] } });
  t.doesNotThrow(() => assertReadyToFinalize({ difficulties: 'a', causes: 'b', proposals: 'c', addressee: 'd' }));
  t.equal(defaultAddressee({ districtOffice: 'Phòng GD&ĐT huyện Mèo Vạc', province: 'Tỉnh Tuyên Quang' }), 'Phòng GD&ĐT huyện Mèo Vạc; Sở Giáo dục và Đào tạo Tuyên Quang');
  t.equal(reportFileBase({ number: 1, schoolYearName: '2026-2027' }), 'bao-cao-danh-gia-hk1-2026-2027');
  t.equal(signedDate('2027-01-14T18:00:00.000Z'), 'Ngày 15 tháng 01 năm 2027', 'dated in school time');
});

t.test('the documents: motto letterhead, the three headings, one sheet per figure group', async (t) => {
  const f = {
    semester: { id: 1, number: 1, schoolYearName: '2026-2027', startsOn: '2026-09-05', endsOn: '2027-01-10' },
    computedAt: '2027-01-12T02:00:00.000Z',
    lessons: lessonFigures([lesson({ id: 1 })], '2027-01-12T02:00:00.000Z'),
    attendance: attendanceFigures([lesson({ id: 1 })]),
    materials: materialFigures([], 0, [], { from: '', to: '' }),
    assessments: { quizzes: quizFigures([], []), tasks: taskFigures([]), gradebook: { expected: 0, filled: 0, completeness: null, byClassSubject: [] } },
    devices: deviceFigures([], [], [], [], { from: '', to: '' }),
    planVersusActual: { rows: [{ label: '6A1 — Toán', planned: 10, actual: 8, rate: 80 }] },
  };
  const h = { schoolName: 'Trường THCS Lê Lợi', addressee: 'Phòng GD&ĐT', difficulties: 'Mạng yếu.\n\nThiếu máy.', causes: 'Vùng núi.', proposals: 'Hỗ trợ.', principalName: 'Lê Thanh Liên', finalizedAt: '2027-01-12T03:00:00.000Z' };
  const pdf = semesterReportPdf(f, h);
  t.same(pdf.letterhead, ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Trường THCS Lê Lợi']);
  const texts = pdf.blocks.map((b) => ('text' in b ? b.text : ''));
  for (const s of ['II. KHÓ KHĂN', 'III. NGUYÊN NHÂN', 'IV. ĐỀ XUẤT', 'Mạng yếu.', 'Thiếu máy.', '6. Kế hoạch và thực hiện']) t.ok(texts.includes(s), s);
  t.equal(pdf.createdAt, h.finalizedAt, 'reproducible: dated by the finalization');
  const sheets = semesterReportSheets(f, h);
  t.ok(sheets.every((s) => s.name.length <= 31), 'Excel sheet names');
  t.same(sheets.map((s) => s.name), ['Thông tin chung', 'Buổi học', 'Buổi học theo tháng', 'Buổi học theo khối, môn', 'Chuyên cần theo lớp', 'Chuyên cần theo buổi',
    'Học liệu', 'Kiểm tra, đánh giá', 'Sổ điểm', 'Thiết bị', 'Thiết bị chi tiết', 'Kế hoạch và thực hiện']);
});
