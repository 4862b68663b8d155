import { DomainError } from '../shared/errors.js';
import type { Repos, Transactor } from '../repos.js';
import type { SchoolClass } from '../school/school.types.js';
import { coveringForceMajeure } from './decision-rules.js';
import { checkSlot, isManager, joinableFrom, joinWindow } from './lesson-rules.js';
import { buildSummary, summarySheets, type SummarySheet } from './live-summary.js';
import { addDays, schoolDate, schoolDayBounds, toInstant } from './school-time.js';
import type { LessonInfo, LessonInput, LessonSummary, LiveActor, LiveLesson, LiveRole, Recording, TodayLesson, Viewer } from './live.types.js';

/** The spreadsheet writer (data/spreadsheet.ts), for the summary workbook. */
export interface WorkbookPort {
  writeWorkbook(sheets: SummarySheet[]): Promise<Buffer>;
}

export interface LessonQuery {
  /** School days, inclusive. Default: today and the next 30 days. */
  from?: string | undefined;
  to?: string | undefined;
  classId?: number | undefined;
  teacherId?: number | undefined;
}

/** The longest range one list request may cover. */
const MAX_LIST_DAYS = 366;
const LIST_LIMIT = 2000;

/**
 * Live lessons (Art. 5.1–5.4, 9.1): scheduling under the principal's decisions, who sees which
 * lesson, who may enter the room and as what, and the lesson's life (scheduled → live → ended,
 * or cancelled). The signaling layer calls canJoin, info, markLive and markEnded.
 */
export class LiveLessonService {
  constructor(private readonly tx: Transactor, private readonly sheets: WorkbookPort, private readonly now: () => Date = () => new Date()) {}

  async schedule(actor: LiveActor, input: LessonInput): Promise<number> {
    const startsAt = toInstant(input.startsAt, 'startsAt');
    const endsAt = toInstant(input.endsAt, 'endsAt');
    checkSlot(startsAt, endsAt);
    let topic = (input.topic ?? '').trim();
    const curriculumLessonId = input.curriculumLessonId ?? null;
    if (!topic && curriculumLessonId === null) throw new DomainError('VALIDATION_FAILED', { field: 'topic', reason: 'empty' });
    const date = schoolDate(startsAt);
    return this.tx.run(async (r) => {
      const cls = await r.school.getClass(input.classId);
      if (!cls) throw new DomainError('NOT_FOUND', { classId: input.classId });
      const subject = await r.school.getSubject(input.subjectId);
      if (!subject) throw new DomainError('NOT_FOUND', { subjectId: input.subjectId });
      if (!(cls.grade in subject.periods)) throw new DomainError('GRADE_NOT_IN_SCHOOL_LEVEL', { grade: cls.grade, subjectId: subject.id });
      // Art. 4.1: the lesson taught comes from this subject's programme for the class's grade.
      if (curriculumLessonId !== null) {
        const taught = await r.curriculum.get(curriculumLessonId);
        if (!taught) throw new DomainError('NOT_FOUND', { curriculumLessonId });
        if (taught.subjectId !== subject.id || taught.grade !== cls.grade) {
          throw new DomainError('LIVE_CURRICULUM_MISMATCH', { curriculumLessonId, lessonSubjectId: taught.subjectId, lessonGrade: taught.grade, subjectId: subject.id, grade: cls.grade });
        }
        if (!topic) topic = taught.title;
      }
      const year = await r.school.getYear(cls.schoolYearId);
      if (!year || date < year.startsOn || date > year.endsOn) throw new DomainError('LIVE_OUTSIDE_SCHOOL_YEAR', { date, startsOn: year?.startsOn, endsOn: year?.endsOn });
      const teacherId = await resolveTeacher(r, actor, cls, subject.id, input.teacherId);

      // Art. 5.4: replacing mode only inside an active force-majeure decision for this class and day.
      let decisionId: number | null = null;
      if (input.mode === 'replacing') {
        const covering = coveringForceMajeure(await r.liveDecisions.activeForceMajeure(date, date), cls.id, subject.id, date);
        if (!covering) throw new DomainError('REPLACING_MODE_NEEDS_FORCE_MAJEURE', { classId: cls.id, subjectId: subject.id, date });
        decisionId = covering.id;
      }
      const clash = (await r.liveLessons.overlapping({ classId: cls.id, teacherId, startsAt, endsAt }))[0];
      if (clash) throw new DomainError('LIVE_LESSON_OVERLAP', { lessonId: clash.id, conflict: clash.classId === cls.id ? 'class' : 'teacher' });

      const id = await r.liveLessons.create({
        classId: cls.id, subjectId: subject.id, teacherId, topic, startsAt, endsAt, mode: input.mode, recordingAllowed: input.recordingAllowed,
        decisionId, createdById: actor.personId, createdAt: this.now().toISOString(), curriculumLessonId,
      });
      await r.audit.record(actor, 'live_lesson.scheduled', 'live_lesson', id, { classId: cls.id, subjectId: subject.id, teacherId, startsAt, endsAt, mode: input.mode, decisionId, curriculumLessonId });
      return id;
    });
  }

  async list(viewer: Viewer, q: LessonQuery = {}): Promise<LiveLesson[]> {
    const from = q.from ?? schoolDate(this.now());
    const to = q.to ?? addDays(from, 30);
    if (to < from) throw new DomainError('INVALID_DATE_RANGE', { field: 'from/to' });
    if (addDays(from, MAX_LIST_DAYS) < to) throw new DomainError('INVALID_DATE_RANGE', { field: 'from/to', reason: 'too_long', maxDays: MAX_LIST_DAYS });
    return this.tx.read(async (r) => r.liveLessons.list({
      fromAt: schoolDayBounds(from).from, toAt: schoolDayBounds(to).to, limit: LIST_LIMIT,
      ...(q.classId !== undefined ? { classId: q.classId } : {}), ...(q.teacherId !== undefined ? { teacherId: q.teacherId } : {}),
      ...(await visibility(r, viewer)),
    }));
  }

  /**
   * The home page's lessons of the day, in time order, each with how the viewer takes part: a
   * teacher's own lessons, a student's class, a parent's children's classes, and for the principal
   * and vice principals every lesson (they may observe any).
   */
  async today(viewer: Viewer, at: Date = this.now()): Promise<TodayLesson[]> {
    const { from, to } = schoolDayBounds(schoolDate(at));
    return this.tx.read(async (r) => {
      const year = await r.school.currentYear();
      const ownClassId = viewer.roles.includes('student') && year ? (await r.people.get(viewer.personId, year.id))?.classId ?? null : null;
      const children = viewer.roles.includes('parent') && year ? await childrenWithClasses(r, viewer.personId, year.id) : [];
      const classIds = [ownClassId, ...children.map((c) => c.classId)].filter((x): x is number => x !== null);
      const lessons = await r.liveLessons.list({
        fromAt: from, toAt: to, limit: LIST_LIMIT,
        ...(isManager(viewer.roles) ? {} : { visibleTo: { classIds: [...new Set(classIds)], teacherId: viewer.personId } }),
      });
      const out: TodayLesson[] = [];
      for (const l of lessons) {
        const kids = children.filter((c) => c.classId === l.classId).map(({ id, fullName }) => ({ id, fullName }));
        const myRole: TodayLesson['myRole'] | null = l.teacherId === viewer.personId ? 'teacher'
          : ownClassId === l.classId ? 'student'
            : kids.length ? 'parent'
              : isManager(viewer.roles) ? 'observer' : null;
        if (myRole) out.push({ ...l, myRole, children: kids, joinableFrom: joinableFrom(l) });
      }
      return out;
    });
  }

  async get(viewer: Viewer, id: number): Promise<LiveLesson> {
    return this.tx.read(async (r) => {
      const lesson = await requireLesson(r, id);
      if (!(await mayRead(r, viewer, lesson))) throw new DomainError('FORBIDDEN', { lessonId: id });
      return lesson;
    });
  }

  /** Only a lesson that has not started; by its teacher or a manager. */
  async cancel(actor: LiveActor, id: number, reason: string | null): Promise<void> {
    return this.tx.run(async (r) => {
      const lesson = await requireLesson(r, id);
      if (lesson.teacherId !== actor.personId && !isManager(actor.roles)) throw new DomainError('FORBIDDEN', { reason: 'not_your_lesson' });
      if (lesson.status === 'cancelled') throw new DomainError('LIVE_LESSON_CANCELLED', { lessonId: id });
      if (lesson.status !== 'scheduled') throw new DomainError('LIVE_NOT_CANCELLABLE', { lessonId: id, status: lesson.status });
      await r.liveLessons.setStatus(id, 'cancelled', this.now().toISOString(), reason?.trim() || null);
      await r.audit.record(actor, 'live_lesson.cancelled', 'live_lesson', id, { reason: reason?.trim() || null });
    });
  }

  /**
   * Who may enter the room and as what (Art. 9.1): the lesson's teacher, the students of its class,
   * the principal and vice principals as observers; from 15 minutes before the slot until the
   * lesson has ended. Throws a DomainError with a stable code otherwise.
   */
  async canJoin(who: Viewer, lessonId: number, at: Date = this.now()): Promise<{ role: LiveRole }> {
    return this.tx.read(async (r) => {
      const lesson = await requireLesson(r, lessonId);
      const role = await roleIn(r, who, lesson);
      if (!role) throw new DomainError('LIVE_NOT_PARTICIPANT', { lessonId });
      const window = joinWindow(lesson, toInstant(at));
      if (window === 'cancelled') throw new DomainError('LIVE_LESSON_CANCELLED', { lessonId });
      if (window === 'over') throw new DomainError('LIVE_LESSON_ENDED', { lessonId });
      if (window === 'early') throw new DomainError('LIVE_NOT_OPEN_YET', { lessonId, opensAt: joinableFrom(lesson) });
      return { role };
    });
  }

  /** What the live room shows about the lesson. */
  async info(lessonId: number): Promise<LessonInfo> {
    const l = await this.tx.read((r) => requireLesson(r, lessonId));
    return { id: l.id, title: l.topic, className: l.className, subjectName: l.subjectName, teacherId: l.teacherId, teacherName: l.teacherName, recordingAllowed: l.recordingAllowed };
  }

  /** The room opened: scheduled → live (idempotent). */
  async markLive(lessonId: number, at: Date = this.now()): Promise<void> {
    return this.tx.run(async (r) => {
      const lesson = await requireLesson(r, lessonId);
      if (lesson.status === 'cancelled') throw new DomainError('LIVE_LESSON_CANCELLED', { lessonId });
      if (lesson.status === 'ended') throw new DomainError('LIVE_LESSON_ENDED', { lessonId });
      if (lesson.status === 'scheduled') await r.liveLessons.setStatus(lessonId, 'live', toInstant(at));
    });
  }

  /** The lesson ended (idempotent): open attendance intervals close, hands go down, polls close. */
  async markEnded(lessonId: number, at: Date = this.now()): Promise<void> {
    return this.tx.run(async (r) => {
      const lesson = await requireLesson(r, lessonId);
      if (lesson.status === 'cancelled') throw new DomainError('LIVE_LESSON_CANCELLED', { lessonId });
      if (lesson.status === 'ended') return;
      const end = toInstant(at);
      await r.liveLessons.setStatus(lessonId, 'ended', end);
      await r.liveRecords.closeAll(lessonId, end);
    });
  }

  /** Attendance and participation of every student of the class (Art. 8.1.b): the lesson's teacher and managers. */
  async summary(viewer: Viewer, lessonId: number): Promise<LessonSummary> {
    return this.tx.read(async (r) => {
      const lesson = await requireLesson(r, lessonId);
      if (lesson.teacherId !== viewer.personId && !isManager(viewer.roles)) throw new DomainError('FORBIDDEN', { reason: 'not_your_lesson' });
      // The people repository keeps the class list in Vietnamese name order.
      const students = (await r.people.list({ kind: 'student', classId: lesson.classId, yearId: lesson.schoolYearId, limit: 1000, offset: 0 })).items;
      return buildSummary({
        lesson, students, now: this.now().toISOString(),
        intervals: await r.liveRecords.intervals(lessonId), participation: await r.liveRecords.participation(lessonId),
        questions: await r.liveRecords.questions(lessonId), polls: await r.liveRecords.polls(lessonId),
      });
    });
  }

  async summaryWorkbook(viewer: Viewer, lessonId: number): Promise<{ fileName: string; data: Buffer }> {
    const s = await this.summary(viewer, lessonId);
    const fileName = `buoi-hoc-${s.lesson.className}-${schoolDate(s.lesson.startsAt)}-${s.lesson.id}.xlsx`;
    return { fileName, data: await this.sheets.writeWorkbook(summarySheets(s)) };
  }

  /** Recordings of a lesson: for its students, its teacher, the principal and vice principals. */
  async recordings(viewer: Viewer, lessonId: number): Promise<Recording[]> {
    return this.tx.read(async (r) => {
      const lesson = await requireLesson(r, lessonId);
      const role = await roleIn(r, viewer, lesson);
      if (!role) throw new DomainError('FORBIDDEN', { reason: 'not_a_participant' });
      return r.liveRecords.recordings(lessonId);
    });
  }
}

async function requireLesson(r: Repos, id: number): Promise<LiveLesson> {
  const lesson = await r.liveLessons.get(id);
  if (!lesson) throw new DomainError('NOT_FOUND', { lessonId: id });
  return lesson;
}

/** A teacher schedules only for a class × subject assigned to them; managers for anyone (default: the assigned teacher). */
async function resolveTeacher(r: Repos, actor: LiveActor, cls: Pick<SchoolClass, 'id' | 'schoolYearId'>, subjectId: number, requested: number | undefined): Promise<number> {
  const assigned = (await r.school.listAssignments({ yearId: cls.schoolYearId, classId: cls.id })).find((a) => a.subjectId === subjectId);
  if (isManager(actor.roles)) {
    const teacherId = requested ?? assigned?.teacherId ?? actor.personId;
    if (teacherId !== actor.personId) {
      const roles = await r.people.rolesOf(teacherId);
      if (!roles.some((x) => x === 'teacher' || x === 'principal' || x === 'vice_principal')) throw new DomainError('WRONG_ROLE_FOR_ASSIGNMENT', { personId: teacherId });
    }
    return teacherId;
  }
  if (requested !== undefined && requested !== actor.personId) throw new DomainError('FORBIDDEN', { reason: 'teachers_schedule_their_own_lessons' });
  if (assigned?.teacherId !== actor.personId) throw new DomainError('LIVE_NOT_ASSIGNED', { classId: cls.id, subjectId });
  return actor.personId;
}

async function enrolledIn(r: Repos, personId: number, lesson: LiveLesson): Promise<boolean> {
  return (await r.people.get(personId, lesson.schoolYearId))?.classId === lesson.classId;
}

async function childrenWithClasses(r: Repos, parentId: number, yearId: number) {
  const children = await r.people.childrenOf(parentId);
  return Promise.all(children.map(async (c) => ({ id: c.id, fullName: c.fullName, classId: (await r.people.get(c.id, yearId))?.classId ?? null })));
}

/** How a person takes part in a lesson's room, or null when they do not. */
async function roleIn(r: Repos, who: Viewer, lesson: LiveLesson): Promise<LiveRole | null> {
  if (lesson.teacherId === who.personId) return 'teacher';
  if (who.roles.includes('student') && (await enrolledIn(r, who.personId, lesson))) return 'student';
  if (isManager(who.roles)) return 'observer';
  return null;
}

/** Managers and IT see every lesson (IT keeps the room free and running); others see their own. */
const seesEverything = (v: Viewer) => isManager(v.roles) || v.roles.includes('it_staff');

async function mayRead(r: Repos, viewer: Viewer, lesson: LiveLesson): Promise<boolean> {
  if (seesEverything(viewer) || lesson.teacherId === viewer.personId) return true;
  if (viewer.roles.includes('teacher')) {
    const taught = await r.school.listAssignments({ yearId: lesson.schoolYearId, classId: lesson.classId, teacherId: viewer.personId });
    if (taught.length) return true;
  }
  if (viewer.roles.includes('student') && (await enrolledIn(r, viewer.personId, lesson))) return true;
  if (viewer.roles.includes('parent')) {
    for (const c of await r.people.childrenOf(viewer.personId)) if (await enrolledIn(r, c.id, lesson)) return true;
  }
  return false;
}

/** The list's scope: nothing to add for those who see everything, else their classes and own lessons. */
async function visibility(r: Repos, viewer: Viewer): Promise<{ visibleTo?: { classIds: number[]; teacherId: number | null } }> {
  if (seesEverything(viewer)) return {};
  const year = await r.school.currentYear();
  const classIds = new Set<number>();
  if (year) {
    if (viewer.roles.includes('teacher')) {
      for (const a of await r.school.listAssignments({ yearId: year.id, teacherId: viewer.personId })) classIds.add(a.classId);
    }
    if (viewer.roles.includes('student')) {
      const own = (await r.people.get(viewer.personId, year.id))?.classId;
      if (own) classIds.add(own);
    }
    if (viewer.roles.includes('parent')) {
      for (const c of await childrenWithClasses(r, viewer.personId, year.id)) if (c.classId) classIds.add(c.classId);
    }
  }
  return { visibleTo: { classIds: [...classIds], teacherId: viewer.personId } };
}
