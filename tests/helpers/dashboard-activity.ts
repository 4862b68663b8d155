import type { Knex } from 'knex';
import { insertedId, int } from '../../server/src/data/rows.js';
import { foldVietnamese, nameSortKey } from '../../server/src/domain/shared/vietnamese.js';
import { schoolDate, schoolDayBounds } from '../../server/src/domain/live/school-time.js';

/**
 * Known activity for the principal's dashboard, written straight into the tables the other modules
 * own (live lessons, attendance, gradebook, quizzes, materials, devices): the API test, the browser
 * test and the bench insert exactly what they then expect to read back.
 */

const iso = (ms: number) => new Date(ms).toISOString();

export async function currentYear(knex: Knex) {
  const year = await knex('school_years').where('is_current', true).first('id', 'name');
  const today = schoolDate(new Date());
  const semesters = await knex('semesters').where('school_year_id', year.id).orderBy('number').select('id', 'number', 'starts_on', 'ends_on');
  const semester = semesters.find((s: { starts_on: string; ends_on: string }) => s.starts_on <= today && today <= s.ends_on) ?? semesters[0];
  return { yearId: int(year.id), semesterId: int(semester.id) };
}

export const idOf = async (knex: Knex, table: string, where: Record<string, unknown>) => int((await knex(table).where(where).first('id')).id);
export const subjectId = (knex: Knex, code: string) => idOf(knex, 'subjects', { code });
export const personId = (knex: Knex, personalId: string) => idOf(knex, 'people', { personal_id: personalId });

/** A class of the current year with `students` new students (named Học sinh <class> <n>). */
export async function addClass(knex: Knex, o: { name: string; grade: number; students: number; homeroomTeacherId?: number }) {
  const { yearId } = await currentYear(knex);
  const at = new Date().toISOString();
  const classId = insertedId(await knex('classes').insert({ school_year_id: yearId, grade: o.grade, name: o.name, homeroom_teacher_id: o.homeroomTeacherId ?? null }).returning('id'));
  const studentIds: number[] = [];
  for (let i = 1; i <= o.students; i++) {
    const fullName = `Học sinh ${o.name} số ${i}`;
    const id = insertedId(await knex('people').insert({
      kind: 'student', personal_id: `T${o.name}${String(i).padStart(4, '0')}`, full_name: fullName, name_key: nameSortKey(fullName),
      search_key: foldVietnamese(fullName), status: 'active', created_at: at, updated_at: at,
    }).returning('id'));
    await knex('enrolments').insert({ class_id: classId, student_id: id, school_year_id: yearId });
    studentIds.push(id);
  }
  return { classId, studentIds };
}

export async function addAssignment(knex: Knex, classId: number, subject: number, teacherId: number) {
  await knex('teaching_assignments').insert({ class_id: classId, subject_id: subject, teacher_id: teacherId });
}

export async function addLesson(knex: Knex, o: {
  classId: number; subjectId: number; teacherId: number; startsAt: number; endsAt: number;
  status: 'scheduled' | 'live' | 'ended' | 'cancelled'; mode?: 'supporting' | 'replacing'; topic?: string;
}) {
  return insertedId(await knex('live_lessons').insert({
    class_id: o.classId, subject_id: o.subjectId, teacher_id: o.teacherId, topic: o.topic ?? 'Bài học trực tuyến',
    starts_at: iso(o.startsAt), ends_at: iso(o.endsAt), mode: o.mode ?? 'supporting', status: o.status, recording_allowed: false,
    created_at: iso(o.startsAt - 86_400_000),
    started_at: o.status === 'live' || o.status === 'ended' ? iso(o.startsAt) : null,
    ended_at: o.status === 'ended' ? iso(o.endsAt) : null,
    cancelled_at: o.status === 'cancelled' ? iso(o.startsAt - 3_600_000) : null,
  }).returning('id'));
}

export async function addPresence(knex: Knex, lessonId: number, personIdValue: number, joinedAt: number, leftAt: number | null) {
  await knex('live_attendance').insert({ lesson_id: lessonId, person_id: personIdValue, joined_at: iso(joinedAt), left_at: leftAt === null ? null : iso(leftAt), reconnects: 0 });
}

/** Fills the given columns for the given students with a score (6,5) typed by hand. */
export async function fillGradebook(knex: Knex, o: { subjectId: number; semesterId: number; studentIds: number[]; columns: { kind: string; slot: number }[]; by: number }) {
  const at = new Date().toISOString();
  const rows = o.studentIds.flatMap((s) => o.columns.map((c) => ({
    student_id: s, subject_id: o.subjectId, semester_id: o.semesterId, column_kind: c.kind, slot: c.slot, score_tenths: 65, mark: null,
    source_kind: 'manual', source_id: null, recorded_by_id: o.by, recorded_at: at,
  })));
  for (let i = 0; i < rows.length; i += 200) await knex('gradebook_scores').insert(rows.slice(i, i + 200));
}

/** A published quiz of one class × subject with its window; attempts: scores (null = essays waiting). */
export async function addQuiz(knex: Knex, o: { classId: number; subjectId: number; grade: number; opensAt: number; closesAt: number; by: number; attempts?: { studentId: number; score: number | null }[] }) {
  const at = new Date().toISOString();
  const quizId = insertedId(await knex('quizzes').insert({
    title: 'Kiểm tra 15 phút', subject_id: o.subjectId, grade: o.grade, kind: 'regular', matrix: '[]', opens_at: iso(o.opensAt), closes_at: iso(o.closesAt),
    time_limit_minutes: 15, attempts_allowed: 1, attempt_scoring: 'best', feedback: 'score', shuffle_questions: true, shuffle_options: true,
    status: 'published', created_by_id: o.by, created_at: at, updated_at: at, published_at: at, published_by_id: o.by,
  }).returning('id'));
  await knex('quiz_classes').insert({ quiz_id: quizId, class_id: o.classId });
  for (const a of o.attempts ?? []) {
    await knex('quiz_attempts').insert({
      quiz_id: quizId, student_id: a.studentId, number: 1, seed: 'x', questions: '[]', started_at: iso(o.opensAt), deadline_at: iso(o.closesAt),
      status: 'submitted', submitted_at: iso(o.opensAt + 600_000), submitted_by: 'student', auto_score: a.score ?? 5, score: a.score, max_score: 10,
      pending_essays: a.score === null ? 1 : 0,
    });
  }
  return quizId;
}

/** A material version waiting for review: submitted `submittedDaysAgo`, passed by the leader `passedDaysAgo` when given. */
export async function addWaitingMaterial(knex: Knex, o: { subjectId: number; grade: number; ownerId: number; title: string; submittedDaysAgo: number; passedDaysAgo?: number; leaderId?: number }) {
  const day = (d: number) => iso(Date.now() - d * 86_400_000 - 60_000);
  const materialId = insertedId(await knex('materials').insert({ subject_id: o.subjectId, grade: o.grade, kind: 'lecture', owner_id: o.ownerId, created_at: day(o.submittedDaysAgo + 1), updated_at: day(0) }).returning('id'));
  const status = o.passedDaysAgo === undefined ? 'submitted' : 'passed';
  const versionId = insertedId(await knex('material_versions').insert({
    material_id: materialId, number: 1, status, title: o.title, description: '', author: 'Giáo viên', source: '', licence: 'CC BY 4.0',
    search_key: foldVietnamese(o.title), content_type: 'page', page_html: '<p>Nội dung</p>', created_by: o.ownerId,
    created_at: day(o.submittedDaysAgo + 1), updated_at: day(o.submittedDaysAgo), submitted_at: day(o.submittedDaysAgo),
  }).returning('id'));
  await knex('material_reviews').insert({ material_id: materialId, version_id: versionId, action: 'submit', from_status: 'draft', to_status: 'submitted', actor_id: o.ownerId, at: day(o.submittedDaysAgo) });
  if (o.passedDaysAgo !== undefined) {
    await knex('material_reviews').insert({ material_id: materialId, version_id: versionId, action: 'pass', from_status: 'submitted', to_status: 'passed', actor_id: o.leaderId ?? o.ownerId, at: day(o.passedDaysAgo) });
  }
  return { materialId, versionId };
}

export async function addDevice(knex: Knex, o: { kind: string; name: string; host?: string; port?: number; location?: string }) {
  return insertedId(await knex('devices').insert({ kind: o.kind, name: o.name, host: o.host ?? null, port: o.port ?? null, location: o.location ?? null, added_at: new Date().toISOString() }).returning('id'));
}

export async function addAlert(knex: Knex, o: { deviceId: number | null; severity: 'warning' | 'critical'; rule?: string; vi: string; en?: string; raisedMinutesAgo: number; cleared?: boolean }) {
  return insertedId(await knex('device_alerts').insert({
    rule: o.rule ?? 'device_offline', subject: o.deviceId ? `device:${o.deviceId}` : 'cpu', device_id: o.deviceId, severity: o.severity,
    message_vi: o.vi, message_en: o.en ?? o.vi, raised_at: iso(Date.now() - o.raisedMinutesAgo * 60_000), cleared_at: o.cleared ? new Date().toISOString() : null,
  }).returning('id'));
}

export async function addCamera(knex: Knex, o: { name: string; xaddr: string; lastError?: string | null; isDefault?: boolean }) {
  const at = new Date().toISOString();
  return insertedId(await knex('cameras').insert({
    name: o.name, xaddr: o.xaddr, username: 'admin', password_enc: 'not-a-secret', profile_token: 'profile_1', ptz: false, enabled: true,
    is_default: o.isDefault ?? false, added_at: at, updated_at: at, last_seen_at: o.lastError ? null : at, last_error: o.lastError ?? null,
  }).returning('id'));
}

/** The school day's start (00:00 in Vietnam) as ms. */
export function todayStartMs(now = new Date()): number {
  return Date.parse(schoolDayBounds(schoolDate(now)).from);
}

/**
 * A busy morning on the demo school for the browser test and the bench: live lessons now in a few
 * classes with most students connected, lessons held earlier today, the gradebook partly filled,
 * quizzes open and waiting for grading, a device offline. Times stay inside today (school time).
 */
export async function seedBusyDay(knex: Knex, o: { liveClasses?: number; endedClasses?: number } = {}) {
  const now = Date.now();
  const dayStart = todayStartMs();
  const { yearId, semesterId } = await currentYear(knex);
  const classes = await knex('classes').where('school_year_id', yearId).orderBy([{ column: 'grade' }, { column: 'name' }]).select('id', 'name', 'grade');
  const assignments = await knex('teaching_assignments as ta').join('classes as c', 'c.id', 'ta.class_id').where('c.school_year_id', yearId)
    .select('ta.class_id', 'ta.subject_id', 'ta.teacher_id').orderBy([{ column: 'ta.class_id' }, { column: 'ta.subject_id' }]);
  const enrolled = new Map<number, number[]>();
  for (const e of await knex('enrolments').where('school_year_id', yearId).select('class_id', 'student_id').orderBy('student_id')) {
    enrolled.set(int(e.class_id), [...(enrolled.get(int(e.class_id)) ?? []), int(e.student_id)]);
  }
  const byClass = (id: number) => assignments.filter((a: { class_id: number }) => int(a.class_id) === id);
  const liveN = Math.min(o.liveClasses ?? 3, classes.length);
  const endedN = Math.min(o.endedClasses ?? 6, classes.length);
  const sinceStart = Math.max(60_000, Math.min(now - dayStart, 20 * 60_000));
  for (let i = 0; i < Math.max(liveN, endedN); i++) {
    const c = classes[i];
    const students = enrolled.get(int(c.id)) ?? [];
    const [first, second] = byClass(int(c.id));
    if (!first) continue;
    if (i < endedN && second && now - dayStart > 3 * 60_000) {
      // Held earlier today: most students came, a few did not.
      const s0 = dayStart + Math.floor((now - dayStart) / 3);
      const lesson = await addLesson(knex, { classId: int(c.id), subjectId: int(second.subject_id), teacherId: int(second.teacher_id), startsAt: s0, endsAt: s0 + 60_000, status: 'ended', topic: 'Ôn tập chương' });
      const came = students.slice(0, students.length - 2 - (i % 4));
      for (const s of came) await addPresence(knex, lesson, s, s0, s0 + 55_000);
    }
    if (i < liveN) {
      const lesson = await addLesson(knex, {
        classId: int(c.id), subjectId: int(first.subject_id), teacherId: int(first.teacher_id), startsAt: now - sinceStart, endsAt: now + 45 * 60_000,
        status: 'live', mode: i === 0 ? 'replacing' : 'supporting', topic: 'Bài học trực tuyến',
      });
      await addPresence(knex, lesson, int(first.teacher_id), now - sinceStart, null);
      const present = students.slice(0, students.length - 1 - i);
      for (const s of present) await addPresence(knex, lesson, s, now - sinceStart + 30_000, null);
    }
  }
  // The gradebook: every class × subject has its first regular column, the first classes two.
  const by = int(assignments[0]?.teacher_id ?? 1);
  for (const [k, c] of classes.entries()) {
    for (const a of byClass(int(c.id))) {
      const columns = [{ kind: 'regular', slot: 1 }, ...(k < classes.length / 2 ? [{ kind: 'regular', slot: 2 }] : [])];
      await fillGradebook(knex, { subjectId: int(a.subject_id), semesterId, studentIds: enrolled.get(int(c.id)) ?? [], columns, by });
    }
  }
  // Quizzes: one open now, one closed with essays to grade.
  const c0 = classes[0];
  const a0 = byClass(int(c0.id))[0];
  if (a0) {
    const students = enrolled.get(int(c0.id)) ?? [];
    await addQuiz(knex, { classId: int(c0.id), subjectId: int(a0.subject_id), grade: int(c0.grade), opensAt: now - 3_600_000, closesAt: now + 3_600_000, by: int(a0.teacher_id) });
    await addQuiz(knex, {
      classId: int(c0.id), subjectId: int(a0.subject_id), grade: int(c0.grade), opensAt: now - 3 * 86_400_000, closesAt: now - 2 * 86_400_000, by: int(a0.teacher_id),
      attempts: students.slice(0, 3).map((s, i) => ({ studentId: s, score: i === 0 ? null : 7.5 })),
    });
  }
  // The teaching room's equipment: one microphone stopped answering.
  await addDevice(knex, { kind: 'display', name: 'Màn hình tương tác 75 inch', location: 'Phòng học trực tuyến' });
  const mic = await addDevice(knex, { kind: 'microphone', name: 'Micro đa hướng', location: 'Phòng học trực tuyến', host: '192.0.2.10', port: 80 });
  await addAlert(knex, { deviceId: mic, severity: 'warning', vi: 'Micro đa hướng không phản hồi (192.0.2.10:80).', en: 'Micro đa hướng does not answer (192.0.2.10:80).', raisedMinutesAgo: 12 });
  await addCamera(knex, { name: 'Camera lớp học', xaddr: 'http://192.0.2.20/onvif/device_service', isDefault: true });
}
