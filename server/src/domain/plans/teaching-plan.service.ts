import type {
  HeldLesson, MarkTaughtBody, PlanActualReply, PlanActualWeek, PlanCalendarView, PlanCreateBody, PlanLessonRef, PlanListQuery, PlanOptions,
  PlanReviewBody, PlanStatus, PlanSummary, PlanUpdateBody, PlanVersionDetail, PlanVersionSummary, PlanVersusActualQuery, PlanVersusActualRow, PlanWeek,
} from '../../contracts/teaching-plans.schema.js';
import type { Actor } from '../accounts/account.types.js';
import type { ArchiveWriter } from '../archive/archive-writer.js';
import type { CurriculumLesson } from '../curriculum/curriculum.types.js';
import { schoolDate } from '../live/school-time.js';
import type { Role } from '../people/person.types.js';
import type { Repos, Transactor } from '../repos.js';
import type { SchoolYear, Semester } from '../school/school.types.js';
import { DomainError } from '../shared/errors.js';
import { addDays, calendarView, schoolWeeks, viDate, weekOfDate, weekReached, type CalendarWeek } from './plan-calendar.js';
import { toDateTotals, weekStatus } from './plan-actual.js';
import { distributeLessons } from './plan-distribution.js';
import type { HeldRecord, PlanRow, StoredWeek, VersionRow } from './plan.types.js';
import { EDITABLE, OPEN, canTake, nextPlanStatus, type PlanWorkflowContext } from './plan-workflow.js';

export interface PlanViewer {
  personId: number;
  roles: readonly Role[];
}
export type PlanActor = Actor & PlanViewer;

export interface TeachingPlanDeps {
  /** The records archive (Art. 8.1.c): an approved plan is appended in the approval's transaction. */
  archive?: () => ArchiveWriter | undefined;
  now?: () => Date;
}

const MANAGERS: readonly Role[] = ['principal', 'vice_principal'];
const isManager = (v: PlanViewer) => v.roles.some((r) => MANAGERS.includes(r));
const periodKey = (semesterId: number | null) => (semesterId === null ? 'year' : `semester:${semesterId}`);

/** The school day a held record belongs to. */
export function heldDate(h: HeldRecord): string {
  return h.source === 'live' ? schoolDate(h.at) : h.at;
}

/**
 * Teaching plans (kế hoạch dạy học, Art. 8.1.c, 15.1.b): the assigned teacher drafts a class ×
 * subject's plan by week (from the curriculum and the school calendar), the subject group's leader
 * passes it and the principal approves it; an approved plan goes to the records archive, and the
 * system compares it with what was actually held.
 */
export class TeachingPlanService {
  private readonly now: () => Date;
  constructor(private readonly tx: Transactor, private readonly deps: TeachingPlanDeps = {}) {
    this.now = deps.now ?? (() => new Date());
  }

  private today(): string {
    return schoolDate(this.now());
  }

  // -------------------------------------------------------------------------------------------
  // Plan versus actual across classes × subjects (dashboard, reports)

  /**
   * Per class × subject assigned in the semester's year: the plan in force and, up to the current
   * week, distinct lessons planned, how many were held, the percentage and the weeks behind.
   * Without a viewer (other modules' calls) every class × subject; with one, the viewer's scope.
   */
  async planVersusActual(q: PlanVersusActualQuery, viewer?: PlanViewer): Promise<PlanVersusActualRow[]> {
    return this.tx.read(async (r) => {
      const { year, semester } = await findSemester(r, q.semesterId);
      const weeks = schoolWeeks(year.semesters);
      const semWeeks = weeks.filter((w) => w.semesterId === semester.id);
      const today = this.today();
      const currentWeek = weekReached(weeks, today);
      const first = semWeeks[0]?.week ?? 0;
      const last = semWeeks[semWeeks.length - 1]?.week ?? 0;
      const toWeek = currentWeek < first ? 0 : Math.min(currentWeek, last);
      let assignments = await r.school.listAssignments({ yearId: year.id, ...(q.classId ? { classId: q.classId } : {}) });
      if (q.subjectId) assignments = assignments.filter((a) => a.subjectId === q.subjectId);
      if (viewer && !isManager(viewer)) {
        const led = await ledGroupIds(r, viewer.personId);
        const subjects = await r.school.listSubjects();
        const groupOf = new Map(subjects.map((s) => [s.id, s.subjectGroupId]));
        assignments = assignments.filter((a) => a.teacherId === viewer.personId || led.has(groupOf.get(a.subjectId) ?? -1));
      }
      if (!assignments.length) return [];
      const classes = new Map((await r.school.listClasses(year.id)).map((c) => [c.id, c]));
      const plans = await r.teachingPlans.listPlans({ schoolYearId: year.id, ...(q.classId ? { classId: q.classId } : {}), ...(q.subjectId ? { subjectId: q.subjectId } : {}) });
      const versions = await r.teachingPlans.versions(plans.map((p) => p.id));
      const inForce = new Map<string, { plan: PlanRow; version: VersionRow }>();
      const pending = new Set<string>();
      for (const p of plans) {
        if (p.semesterId !== null && p.semesterId !== semester.id) continue;
        const key = `${p.classId}:${p.subjectId}`;
        const vs = versions.filter((v) => v.planId === p.id);
        const approved = vs.find((v) => v.status === 'approved');
        if (vs.some((v) => OPEN.includes(v.status))) pending.add(key);
        // The semester's own plan wins over the year's plan.
        if (approved && (!inForce.has(key) || p.semesterId !== null)) inForce.set(key, { plan: p, version: approved });
      }
      const pairs = await r.teachingPlans.weekLessons([...inForce.values()].map((x) => x.version.id));
      const held = await r.teachingPlans.held({ classIds: [...new Set(assignments.map((a) => a.classId))], ...(q.subjectId ? { subjectId: q.subjectId } : {}), from: year.startsOn, to: today });
      return assignments.map((a) => {
        const key = `${a.classId}:${a.subjectId}`;
        const force = inForce.get(key);
        const mine = held.filter((h) => h.classId === a.classId && h.subjectId === a.subjectId);
        const heldIds = new Set(mine.map((h) => h.curriculumLessonId).filter((id): id is number => id !== null));
        const inSemester = mine.filter((h) => { const d = heldDate(h); return d >= semester.startsOn && d <= semester.endsOn; });
        const perWeek = heldPerWeek(weeks, mine);
        const planned = force ? plannedWeeks(pairs.filter((p) => p.versionId === force.version.id), semWeeks) : [];
        const totals = toDateTotals(planned, toWeek, currentWeek, heldIds, perWeek);
        const c = classes.get(a.classId);
        return {
          classId: a.classId, className: a.className, grade: c?.grade ?? 0, subjectId: a.subjectId, subjectName: a.subjectName, teacherId: a.teacherId, teacherName: a.teacherName,
          planId: force?.plan.id ?? null, versionId: force?.version.id ?? null, planState: force ? 'approved' as const : pending.has(key) ? 'pending' as const : 'none' as const,
          toWeek, ...totals,
          heldTotal: new Set(inSemester.map((h) => h.curriculumLessonId).filter((id) => id !== null)).size,
          liveLessonsHeld: inSemester.filter((h) => h.source === 'live').length,
        };
      }).sort((x, y) => x.grade - y.grade || x.className.localeCompare(y.className, 'vi') || x.subjectName.localeCompare(y.subjectName, 'vi'));
    });
  }

  // -------------------------------------------------------------------------------------------
  // Reading plans

  /** The school calendar's weeks and the classes × subjects the viewer teaches (to start a plan). */
  async options(viewer: PlanViewer, schoolYearId?: number): Promise<PlanOptions> {
    return this.tx.read(async (r) => {
      const year = schoolYearId ? await r.school.getYear(schoolYearId) : await r.school.currentYear();
      if (!year) return { schoolYearId: null, semesters: [], assignments: [], currentWeek: 0 };
      const weeks = schoolWeeks(year.semesters);
      const assignments = (await r.school.listAssignments({ yearId: year.id, teacherId: viewer.personId }));
      const classes = new Map((await r.school.listClasses(year.id)).map((c) => [c.id, c]));
      return {
        schoolYearId: year.id,
        semesters: year.semesters.map((s) => {
          const ws = weeks.filter((w) => w.semesterId === s.id);
          return { id: s.id, number: s.number, startsOn: s.startsOn, endsOn: s.endsOn, weeks: s.weeks, firstWeek: ws[0]?.week ?? 0, lastWeek: ws[ws.length - 1]?.week ?? 0 };
        }),
        assignments: assignments.map((a) => ({ classId: a.classId, className: a.className, grade: classes.get(a.classId)?.grade ?? 0, subjectId: a.subjectId, subjectName: a.subjectName }))
          .sort((a, b) => a.grade - b.grade || a.className.localeCompare(b.className, 'vi') || a.subjectName.localeCompare(b.subjectName, 'vi')),
        currentWeek: weekReached(weeks, this.today()),
      };
    });
  }

  /** Plans the viewer may see: managers every plan, a group leader the group's subjects, a teacher the classes × subjects assigned to them. */
  async list(viewer: PlanViewer, q: PlanListQuery = {}): Promise<PlanSummary[]> {
    return this.tx.read(async (r) => {
      const year = q.schoolYearId ? await r.school.getYear(q.schoolYearId) : await r.school.currentYear();
      if (!year) return [];
      const plans = await r.teachingPlans.listPlans({ schoolYearId: year.id, ...(q.classId ? { classId: q.classId } : {}), ...(q.subjectId ? { subjectId: q.subjectId } : {}) });
      const scope = await this.scope(r, viewer, year.id);
      return this.summaries(r, plans.filter((p) => scope(p)), year.id);
    });
  }

  /** Versions waiting for this reviewer: the leader's submitted ones, the principal's passed ones (and submitted ones of subjects without a group leader). */
  async queue(viewer: PlanViewer): Promise<PlanSummary[]> {
    return this.queueOf(viewer, await this.list(viewer));
  }

  private async queueOf(viewer: PlanViewer, all: PlanSummary[]): Promise<PlanSummary[]> {
    return this.tx.read(async (r) => {
      const out: PlanSummary[] = [];
      for (const p of all) {
        if (!p.openVersion || !['submitted', 'passed'].includes(p.openVersion.status)) continue;
        const row = await r.teachingPlans.getPlan(p.id);
        if (!row) continue;
        const ctx = this.ctx(viewer, p.openVersion.status, row, p.teacherId);
        if (canTake('pass', ctx) || canTake('approve', ctx)) out.push(p);
      }
      return out;
    });
  }

  async detail(viewer: PlanViewer, planId: number, versionId?: number): Promise<PlanVersionDetail> {
    return this.tx.read(async (r) => {
      const plan = await this.readable(r, viewer, planId);
      const versions = await r.teachingPlans.versions([plan.id]);
      const version = versionId !== undefined ? versions.find((v) => v.id === versionId) : (versions.find((v) => OPEN.includes(v.status)) ?? versions.find((v) => v.status === 'approved') ?? versions[versions.length - 1]);
      if (!version) throw new DomainError('NOT_FOUND', { planId, versionId });
      return this.versionDetail(r, viewer, plan, version, versions, []);
    });
  }

  async calendar(viewer: PlanViewer, planId: number, versionId: number): Promise<PlanCalendarView> {
    return this.tx.read(async (r) => {
      const plan = await this.readable(r, viewer, planId);
      const version = await r.teachingPlans.getVersion(versionId);
      if (!version || version.planId !== plan.id) throw new DomainError('NOT_FOUND', { planId, versionId });
      const { weeks } = await this.weekViews(r, plan, version.id);
      const subject = await r.school.getSubject(plan.subjectId);
      const lessons = await r.curriculum.list(plan.subjectId, plan.grade);
      return calendarView(weeks.filter((w) => w.periods > 0 || w.lessons.length || w.content.trim()), subject?.periods[plan.grade] ?? null, lessons.length);
    });
  }

  /** Plan versus actual for one plan, week by week: planned lessons, what was held, materials and tasks, status. */
  async actual(viewer: PlanViewer, planId: number, versionId?: number): Promise<PlanActualReply> {
    return this.tx.read(async (r) => {
      const plan = await this.readable(r, viewer, planId);
      const versions = await r.teachingPlans.versions([plan.id]);
      const version = versionId !== undefined ? versions.find((v) => v.id === versionId) : (versions.find((v) => v.status === 'approved') ?? versions[versions.length - 1]);
      if (!version) throw new DomainError('NOT_FOUND', { planId, versionId });
      const { weeks, calendar, year } = await this.weekViews(r, plan, version.id);
      const today = this.today();
      const currentWeek = weekReached(calendar, today);
      const held = await r.teachingPlans.held({ classIds: [plan.classId], subjectId: plan.subjectId, from: year.startsOn, to: today });
      const heldIds = new Set(held.map((h) => h.curriculumLessonId).filter((id): id is number => id !== null));
      const plannedIds = new Set(weeks.flatMap((w) => w.lessons.map((l) => l.id)));
      const firstHeld = new Map<number, string>();
      for (const h of held) {
        if (h.curriculumLessonId === null) continue;
        const d = heldDate(h);
        const prev = firstHeld.get(h.curriculumLessonId);
        if (!prev || d < prev) firstHeld.set(h.curriculumLessonId, d);
      }
      const materials = await r.teachingPlans.publishedMaterials([...plannedIds]);
      // The class × subject's tasks over the plan's weeks, then bucketed by the week they open in (school time).
      const instant = (date: string) => new Date(`${date}T00:00:00+07:00`).toISOString();
      const allTasks = weeks.length ? await r.teachingPlans.tasks(plan.classId, plan.subjectId, instant(weeks[0]!.startsOn), instant(addDays(weeks[weeks.length - 1]!.endsOn, 1))) : [];
      const out: PlanActualWeek[] = [];
      for (const w of weeks) {
        const heldHere = held.filter((h) => { const d = heldDate(h); return d >= w.startsOn && d <= w.endsOn; });
        const from = instant(w.startsOn);
        const to = instant(addDays(w.endsOn, 1));
        const tasks = allTasks.filter((x) => x.opensAt >= from && x.opensAt < to);
        const lessonIds = w.lessons.map((l) => l.id);
        out.push({
          week: w.week, startsOn: w.startsOn, endsOn: w.endsOn, plannedPeriods: w.periods, plannedMode: w.mode,
          planned: w.lessons.map((l) => ({ id: l.id, title: l.title, held: heldIds.has(l.id), heldOn: firstHeld.get(l.id) ?? null })),
          held: heldHere.map((h): HeldLesson => ({ source: h.source, liveLessonId: h.liveLessonId, curriculumLessonId: h.curriculumLessonId, title: h.title, mode: h.mode, date: heldDate(h), planned: h.curriculumLessonId !== null && plannedIds.has(h.curriculumLessonId) })),
          materials: materials.filter((m) => lessonIds.includes(m.curriculumLessonId)),
          tasks,
          status: weekStatus({ week: w.week, currentWeek, plannedLessonIds: lessonIds, heldLessonIds: heldIds, heldThisWeek: heldHere.length }),
        });
      }
      const first = weeks[0]?.week ?? 0;
      const last = weeks[weeks.length - 1]?.week ?? 0;
      const toWeek = currentWeek < first ? 0 : Math.min(currentWeek, last);
      const totals = toDateTotals(weeks.map((w) => ({ week: w.week, lessonIds: w.lessons.map((l) => l.id) })), toWeek, currentWeek, heldIds, heldPerWeek(calendar, held));
      return { planId: plan.id, versionId: version.id, currentWeek, weeks: out, totals };
    });
  }

  // -------------------------------------------------------------------------------------------
  // Drafting

  /** Starts a plan (version 1, draft) for a class × subject the actor teaches, for a semester or the year; optionally drafted from the curriculum. */
  async create(actor: PlanActor, body: PlanCreateBody): Promise<PlanVersionDetail> {
    const semesterId = body.semesterId ?? null;
    return this.tx.run(async (r) => {
      const cls = await r.school.getClass(body.classId);
      if (!cls) throw new DomainError('NOT_FOUND', { classId: body.classId });
      const subject = await r.school.getSubject(body.subjectId);
      if (!subject) throw new DomainError('NOT_FOUND', { subjectId: body.subjectId });
      const year = await r.school.getYear(cls.schoolYearId);
      if (!year) throw new DomainError('NOT_FOUND', { schoolYearId: cls.schoolYearId });
      if (semesterId !== null && !year.semesters.some((s) => s.id === semesterId)) throw new DomainError('NOT_FOUND', { semesterId });
      await this.assertTeacher(r, actor, cls.id, subject.id, year.id);
      if (await r.teachingPlans.findPlan(cls.id, subject.id, year.id, periodKey(semesterId))) throw new DomainError('PLAN_EXISTS', { classId: cls.id, subjectId: subject.id, semesterId });
      const at = this.now().toISOString();
      const planId = await r.teachingPlans.createPlan({ classId: cls.id, subjectId: subject.id, schoolYearId: year.id, semesterId, periodKey: periodKey(semesterId), createdBy: actor.personId, createdAt: at });
      const versionId = await r.teachingPlans.createVersion({ planId, number: 1, authorId: actor.personId, note: '', at });
      let warnings: string[] = [];
      if (body.fromCurriculum) {
        const lessons = await r.curriculum.list(subject.id, cls.grade);
        const calendar = schoolWeeks(year.semesters);
        const dist = distributeLessons(lessons.map((l) => ({ id: l.id, periods: l.periods })), calendar.map((w) => w.week), subject.periods[cls.grade] ?? null);
        const inPeriod = new Set(calendar.filter((w) => semesterId === null || w.semesterId === semesterId).map((w) => w.week));
        warnings = dist.warnings;
        await r.teachingPlans.replaceWeeks(versionId, dist.weeks.filter((w) => inPeriod.has(w.week) && w.periods > 0)
          .map((w) => ({ week: w.week, periods: w.periods, mode: 'in_person' as const, lessonIds: w.lessonIds, content: '', materials: '', tasks: '' })));
      }
      await r.audit.record(actor, 'teaching_plan.created', 'teaching_plan', planId, { classId: cls.id, subjectId: subject.id, semesterId, fromCurriculum: body.fromCurriculum, versionId });
      const plan = (await r.teachingPlans.getPlan(planId))!;
      const versions = await r.teachingPlans.versions([planId]);
      return this.versionDetail(r, actor, plan, versions[0]!, versions, warnings);
    });
  }

  /** Changes a draft or returned version: its note and its weeks (every week given replaces the stored weeks). */
  async update(actor: PlanActor, planId: number, versionId: number, body: PlanUpdateBody): Promise<PlanVersionDetail> {
    return this.tx.run(async (r) => {
      const { plan, version } = await this.versionOf(r, planId, versionId);
      await this.assertTeacher(r, actor, plan.classId, plan.subjectId, plan.schoolYearId);
      if (!EDITABLE.includes(version.status)) throw new DomainError('PLAN_NOT_EDITABLE', { versionId, status: version.status });
      const at = this.now().toISOString();
      if (body.weeks) {
        const year = (await r.school.getYear(plan.schoolYearId))!;
        const allowed = new Set(this.planWeeks(year, plan).map((w) => w.week));
        const lessons = new Map((await r.curriculum.list(plan.subjectId, plan.grade)).map((l) => [l.id, l]));
        const seen = new Set<number>();
        const stored: StoredWeek[] = [];
        for (const w of body.weeks) {
          if (seen.has(w.week)) throw new DomainError('VALIDATION_FAILED', { field: 'weeks', reason: 'duplicate_week', week: w.week });
          seen.add(w.week);
          if (!allowed.has(w.week)) throw new DomainError('PLAN_WEEK_OUTSIDE', { week: w.week });
          const ids = [...new Set(w.lessonIds)];
          for (const id of ids) if (!lessons.has(id)) throw new DomainError('PLAN_LESSON_NOT_IN_CURRICULUM', { week: w.week, lessonId: id });
          const week: StoredWeek = { week: w.week, periods: w.periods, mode: w.mode, lessonIds: ids, content: (w.content ?? '').trim(), materials: (w.materials ?? '').trim(), tasks: (w.tasks ?? '').trim() };
          if (week.periods > 0 || week.lessonIds.length || week.content || week.materials || week.tasks) stored.push(week);
        }
        await r.teachingPlans.replaceWeeks(version.id, stored.sort((a, b) => a.week - b.week));
      }
      await r.teachingPlans.updateVersion(version.id, { updatedAt: at, ...(body.note !== undefined ? { note: body.note.trim() } : {}) });
      await r.audit.record(actor, 'teaching_plan.edited', 'teaching_plan', plan.id, { versionId: version.id, weeks: body.weeks?.length ?? null, note: body.note !== undefined });
      const versions = await r.teachingPlans.versions([plan.id]);
      return this.versionDetail(r, actor, plan, versions.find((v) => v.id === version.id)!, versions, []);
    });
  }

  /** A revision of the approved plan: a new draft version with its weeks; the approved one stays in force until the revision is approved. */
  async revise(actor: PlanActor, planId: number): Promise<PlanVersionDetail> {
    return this.tx.run(async (r) => {
      const plan = await r.teachingPlans.getPlan(planId);
      if (!plan) throw new DomainError('NOT_FOUND', { planId });
      await this.assertTeacher(r, actor, plan.classId, plan.subjectId, plan.schoolYearId);
      const versions = await r.teachingPlans.versions([plan.id]);
      const open = versions.find((v) => OPEN.includes(v.status));
      if (open) throw new DomainError('PLAN_VERSION_OPEN', { versionId: open.id, status: open.status });
      const approved = versions.find((v) => v.status === 'approved');
      if (!approved) throw new DomainError('PLAN_WRONG_STATUS', { action: 'revise', expected: ['approved'] });
      const at = this.now().toISOString();
      const number = Math.max(...versions.map((v) => v.number)) + 1;
      const id = await r.teachingPlans.createVersion({ planId: plan.id, number, authorId: actor.personId, note: approved.note, at });
      await r.teachingPlans.replaceWeeks(id, await r.teachingPlans.weeks(approved.id));
      await r.audit.record(actor, 'teaching_plan.revision_started', 'teaching_plan', plan.id, { versionId: id, from: approved.id, number });
      const all = await r.teachingPlans.versions([plan.id]);
      return this.versionDetail(r, actor, plan, all.find((v) => v.id === id)!, all, []);
    });
  }

  /**
   * A step of the approval (submit, pass, approve, return), recorded with who, when and the comment.
   * On approval the earlier approved version is superseded and the plan is appended to the records
   * archive in the same transaction (Art. 8.1.c).
   */
  async review(actor: PlanActor, planId: number, versionId: number, body: PlanReviewBody): Promise<PlanVersionDetail> {
    const comment = body.comment?.trim() || null;
    return this.tx.run(async (r) => {
      const { plan, version } = await this.versionOf(r, planId, versionId);
      const teacherId = await this.assignedTeacher(r, plan.classId, plan.subjectId, plan.schoolYearId);
      const ctx = this.ctx(actor, version.status, plan, teacherId);
      if (body.action !== 'submit' && !ctx.isGroupLeader && !ctx.isPrincipal) throw new DomainError('PLAN_NOT_REVIEWER', { action: body.action });
      const to = nextPlanStatus(body.action, ctx, comment);
      if (body.action === 'submit' && !(await r.teachingPlans.weeks(version.id)).length) throw new DomainError('PLAN_EMPTY', { versionId });
      const at = this.now().toISOString();
      if (to === 'approved') {
        const versions = await r.teachingPlans.versions([plan.id]);
        for (const old of versions.filter((v) => v.status === 'approved' && v.id !== version.id)) {
          await r.teachingPlans.updateVersion(old.id, { status: 'superseded', updatedAt: at });
        }
      }
      await r.teachingPlans.updateVersion(version.id, {
        status: to, updatedAt: at, ...(body.action === 'submit' ? { submittedAt: at } : {}), ...(to === 'approved' ? { approvedAt: at } : {}),
      });
      await r.teachingPlans.addReview({ versionId: version.id, action: body.action, fromStatus: version.status, toStatus: to, actorId: actor.personId, at, comment });
      await r.audit.record(actor, `teaching_plan.${body.action === 'return' ? 'returned' : body.action === 'submit' ? 'submitted' : body.action === 'pass' ? 'passed' : 'approved'}`, 'teaching_plan', plan.id, { versionId: version.id, from: version.status, to, comment });
      if (to === 'approved') await this.archive(r, actor, plan, version.id, at);
      const versions = await r.teachingPlans.versions([plan.id]);
      return this.versionDetail(r, actor, plan, versions.find((v) => v.id === version.id)!, versions, []);
    });
  }

  /** Marks a planned lesson taught in person (the system records live lessons itself). */
  async markTaught(actor: PlanActor, planId: number, body: MarkTaughtBody): Promise<{ ok: true }> {
    return this.tx.run(async (r) => {
      const plan = await r.teachingPlans.getPlan(planId);
      if (!plan) throw new DomainError('NOT_FOUND', { planId });
      await this.assertTeacher(r, actor, plan.classId, plan.subjectId, plan.schoolYearId);
      const lesson = await r.curriculum.get(body.curriculumLessonId);
      if (!lesson || lesson.subjectId !== plan.subjectId || lesson.grade !== plan.grade) throw new DomainError('PLAN_LESSON_NOT_IN_CURRICULUM', { lessonId: body.curriculumLessonId });
      if (body.taughtOn > this.today()) throw new DomainError('VALIDATION_FAILED', { field: 'taughtOn', reason: 'in_the_future' });
      const year = (await r.school.getYear(plan.schoolYearId))!;
      if (body.taughtOn < year.startsOn || body.taughtOn > year.endsOn) throw new DomainError('VALIDATION_FAILED', { field: 'taughtOn', reason: 'outside_school_year' });
      await r.teachingPlans.markTaught({ classId: plan.classId, subjectId: plan.subjectId, curriculumLessonId: lesson.id, taughtOn: body.taughtOn, recordedBy: actor.personId, at: this.now().toISOString() });
      await r.audit.record(actor, 'teaching_plan.taught_marked', 'teaching_plan', plan.id, { curriculumLessonId: lesson.id, taughtOn: body.taughtOn });
      return { ok: true as const };
    });
  }

  async unmarkTaught(actor: PlanActor, planId: number, curriculumLessonId: number): Promise<{ ok: true }> {
    return this.tx.run(async (r) => {
      const plan = await r.teachingPlans.getPlan(planId);
      if (!plan) throw new DomainError('NOT_FOUND', { planId });
      await this.assertTeacher(r, actor, plan.classId, plan.subjectId, plan.schoolYearId);
      if (!(await r.teachingPlans.unmarkTaught(plan.classId, plan.subjectId, curriculumLessonId))) throw new DomainError('NOT_FOUND', { curriculumLessonId });
      await r.audit.record(actor, 'teaching_plan.taught_unmarked', 'teaching_plan', plan.id, { curriculumLessonId });
      return { ok: true as const };
    });
  }

  // -------------------------------------------------------------------------------------------
  // Helpers

  private async archive(r: Repos, actor: PlanActor, plan: PlanRow, versionId: number, at: string): Promise<void> {
    const writer = this.deps.archive?.();
    if (!writer) return;
    const version = (await r.teachingPlans.getVersion(versionId))!;
    const { weeks } = await this.weekViews(r, plan, versionId);
    const reviews = await r.teachingPlans.reviews(versionId);
    const teacherName = await r.teachingPlans.personName(version.authorId);
    const period = plan.semesterNumber ? `học kì ${plan.semesterNumber === 1 ? 'I' : 'II'}` : 'cả năm';
    await writer.append(r, {
      category: 'plans',
      kind: 'teaching_plan.approved',
      ref: `teaching_plans:${plan.id}`,
      title: `Kế hoạch dạy học môn ${plan.subjectName} lớp ${plan.className}, ${period} năm học ${plan.schoolYearName} (bản ${version.number})`,
      schoolYearId: plan.schoolYearId,
      semesterId: plan.semesterId,
      actorId: actor.personId,
      payload: {
        planId: plan.id, versionId, number: version.number, classId: plan.classId, className: plan.className, subjectId: plan.subjectId, subjectName: plan.subjectName,
        schoolYear: plan.schoolYearName, semesterNumber: plan.semesterNumber, teacher: teacherName, approvedAt: at, note: version.note,
        weeks: weeks.filter((w) => w.periods > 0 || w.lessons.length || w.content).map((w) => ({
          week: w.week, from: viDate(w.startsOn), to: viDate(w.endsOn), periods: w.periods, mode: w.mode,
          lessons: w.lessons.map((l) => l.title), content: w.content, materials: w.materials, tasks: w.tasks,
        })),
        reviews: reviews.map((x) => ({ action: x.action, by: x.actorName, at: x.at, comment: x.comment })),
      },
    });
  }

  private planWeeks(year: SchoolYear, plan: PlanRow): CalendarWeek[] {
    return schoolWeeks(year.semesters).filter((w) => plan.semesterId === null || w.semesterId === plan.semesterId);
  }

  /** Every calendar week of the plan's period with what the version plans in it (empty weeks included). */
  private async weekViews(r: Repos, plan: PlanRow, versionId: number): Promise<{ weeks: PlanWeek[]; calendar: CalendarWeek[]; year: SchoolYear }> {
    const year = (await r.school.getYear(plan.schoolYearId))!;
    const calendar = schoolWeeks(year.semesters);
    const stored = new Map((await r.teachingPlans.weeks(versionId)).map((w) => [w.week, w]));
    const lessons = new Map((await r.curriculum.list(plan.subjectId, plan.grade)).map((l) => [l.id, l]));
    const ref = (l: CurriculumLesson): PlanLessonRef => ({ id: l.id, position: l.position, title: l.title, chapter: l.chapter, periods: l.periods });
    const weeks = calendar.filter((w) => plan.semesterId === null || w.semesterId === plan.semesterId).map((w): PlanWeek => {
      const s = stored.get(w.week);
      return {
        week: w.week, startsOn: w.startsOn, endsOn: w.endsOn, semesterNumber: w.semesterNumber,
        periods: s?.periods ?? 0, mode: s?.mode ?? 'in_person', lessons: (s?.lessonIds ?? []).map((id) => lessons.get(id)).filter((l): l is CurriculumLesson => !!l).map(ref),
        content: s?.content ?? '', materials: s?.materials ?? '', tasks: s?.tasks ?? '',
      };
    });
    return { weeks, calendar, year };
  }

  private async versionDetail(r: Repos, viewer: PlanViewer, plan: PlanRow, version: VersionRow, versions: VersionRow[], warnings: string[]): Promise<PlanVersionDetail> {
    const { weeks } = await this.weekViews(r, plan, version.id);
    const teacherId = await this.assignedTeacher(r, plan.classId, plan.subjectId, plan.schoolYearId);
    const ctx = this.ctx(viewer, version.status, plan, teacherId);
    const hasOpen = versions.some((v) => OPEN.includes(v.status));
    const [summary] = await this.summaries(r, [plan], plan.schoolYearId, versions);
    return {
      plan: summary!,
      version: strip(version),
      note: version.note,
      weeks,
      reviews: await r.teachingPlans.reviews(version.id),
      can: {
        edit: ctx.isTeacher && EDITABLE.includes(version.status),
        submit: canTake('submit', ctx),
        pass: canTake('pass', ctx),
        approve: canTake('approve', ctx),
        return: canTake('return', ctx),
        revise: ctx.isTeacher && version.status === 'approved' && !hasOpen,
        markTaught: ctx.isTeacher,
      },
      warnings,
    };
  }

  private async summaries(r: Repos, plans: PlanRow[], yearId: number, known?: VersionRow[]): Promise<PlanSummary[]> {
    const versions = known ?? await r.teachingPlans.versions(plans.map((p) => p.id));
    const assignments = await r.school.listAssignments({ yearId });
    return plans.map((p) => {
      const vs = versions.filter((v) => v.planId === p.id);
      const a = assignments.find((x) => x.classId === p.classId && x.subjectId === p.subjectId);
      const approved = vs.find((v) => v.status === 'approved');
      const open = vs.find((v) => OPEN.includes(v.status));
      return {
        id: p.id, classId: p.classId, className: p.className, grade: p.grade, subjectId: p.subjectId, subjectName: p.subjectName, subjectGroupId: p.subjectGroupId,
        schoolYearId: p.schoolYearId, schoolYearName: p.schoolYearName, semesterId: p.semesterId, semesterNumber: p.semesterNumber,
        teacherId: a?.teacherId ?? null, teacherName: a?.teacherName ?? null,
        approvedVersion: approved ? strip(approved) : null, openVersion: open ? strip(open) : null,
      };
    });
  }

  private ctx(viewer: PlanViewer, status: PlanStatus, plan: PlanRow | null, teacherId: number | null | undefined): PlanWorkflowContext {
    const leaderId = plan?.groupLeaderId ?? null;
    return {
      status,
      isTeacher: teacherId !== null && teacherId !== undefined && teacherId === viewer.personId,
      isGroupLeader: leaderId !== null && leaderId === viewer.personId,
      isPrincipal: viewer.roles.includes('principal'),
      groupHasLeader: leaderId !== null,
    };
  }

  private async assignedTeacher(r: Repos, classId: number, subjectId: number, yearId: number): Promise<number | null> {
    const a = (await r.school.listAssignments({ yearId, classId })).find((x) => x.subjectId === subjectId);
    return a?.teacherId ?? null;
  }

  /** Only the teacher assigned to the class × subject drafts and submits its plan. */
  private async assertTeacher(r: Repos, actor: PlanViewer, classId: number, subjectId: number, yearId: number): Promise<void> {
    if ((await this.assignedTeacher(r, classId, subjectId, yearId)) !== actor.personId) throw new DomainError('PLAN_NOT_TEACHER', { classId, subjectId });
  }

  private async versionOf(r: Repos, planId: number, versionId: number): Promise<{ plan: PlanRow; version: VersionRow }> {
    const plan = await r.teachingPlans.getPlan(planId);
    const version = await r.teachingPlans.getVersion(versionId);
    if (!plan || !version || version.planId !== plan.id) throw new DomainError('NOT_FOUND', { planId, versionId });
    return { plan, version };
  }

  /** Who may see which plans (scope on top of the policy's 'plans.read'). */
  private async scope(r: Repos, viewer: PlanViewer, yearId: number): Promise<(p: PlanRow) => boolean> {
    if (isManager(viewer)) return () => true;
    const mine = new Set((await r.school.listAssignments({ yearId, teacherId: viewer.personId })).map((a) => `${a.classId}:${a.subjectId}`));
    const led = await ledGroupIds(r, viewer.personId);
    return (p) => mine.has(`${p.classId}:${p.subjectId}`) || (p.subjectGroupId !== null && led.has(p.subjectGroupId));
  }

  private async readable(r: Repos, viewer: PlanViewer, planId: number): Promise<PlanRow> {
    const plan = await r.teachingPlans.getPlan(planId);
    if (!plan) throw new DomainError('NOT_FOUND', { planId });
    const scope = await this.scope(r, viewer, plan.schoolYearId);
    if (!scope(plan)) throw new DomainError('NOT_FOUND', { planId });
    return plan;
  }
}

function strip(v: VersionRow): PlanVersionSummary {
  return { id: v.id, number: v.number, status: v.status, authorId: v.authorId, authorName: v.authorName, createdAt: v.createdAt, updatedAt: v.updatedAt, submittedAt: v.submittedAt, approvedAt: v.approvedAt };
}

async function ledGroupIds(r: Repos, personId: number): Promise<Set<number>> {
  return new Set((await r.school.listGroups()).filter((g) => g.leaderId === personId).map((g) => g.id));
}

async function findSemester(r: Repos, semesterId: number): Promise<{ year: SchoolYear; semester: Semester }> {
  for (const year of await r.school.listYears()) {
    const semester = year.semesters.find((s) => s.id === semesterId);
    if (semester) return { year, semester };
  }
  throw new DomainError('NOT_FOUND', { semesterId });
}

function heldPerWeek(calendar: readonly CalendarWeek[], held: readonly HeldRecord[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const h of held) {
    const w = weekOfDate(calendar, heldDate(h));
    if (w !== null) out.set(w, (out.get(w) ?? 0) + 1);
  }
  return out;
}

function plannedWeeks(pairs: readonly { week: number; lessonId: number }[], semWeeks: readonly CalendarWeek[]): { week: number; lessonIds: number[] }[] {
  const inSem = new Set(semWeeks.map((w) => w.week));
  const by = new Map<number, number[]>();
  for (const p of pairs) {
    if (!inSem.has(p.week)) continue;
    const list = by.get(p.week) ?? [];
    list.push(p.lessonId);
    by.set(p.week, list);
  }
  return [...by.entries()].sort((a, b) => a[0] - b[0]).map(([week, lessonIds]) => ({ week, lessonIds }));
}
