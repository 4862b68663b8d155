import type { Actor } from '../accounts/account.types.js';
import type { Repos, Transactor } from '../repos.js';
import { DomainError } from '../shared/errors.js';
import { isManager, roleInSpace, spacesOf, type SpaceChoice, type SpaceViewer } from '../qa/class-space.js';
import { creditActiveTime, progressStatus, scaledScore, STUCK_IDLE_DAYS, STUCK_LOW_SCORE, stuckReason, type ProgressStatus, type StuckReason } from './progress-rules.js';
import type { MaterialInfo, ProgressEvent, ProgressRecord, QuizSummary } from './progress.types.js';

export type ProgressActor = Actor & SpaceViewer;

export interface ProgressStateView {
  materialId: number;
  firstOpenedAt: string;
  lastSeenAt: string;
  openCount: number;
  activeSeconds: number;
  completed: boolean;
  completedAt: string | null;
  bestScore: number | null;
  lastScore: number | null;
  scoreCount: number;
  creditedSeconds: number;
}

export interface CellView {
  studentId: number;
  materialId: number;
  status: ProgressStatus;
  activeSeconds: number;
  firstOpenedAt: string | null;
  lastSeenAt: string | null;
  completedAt: string | null;
  bestScore: number | null;
  lastScore: number | null;
  scoreCount: number;
  stuck: StuckReason | null;
}

const RULE = { idleDays: STUCK_IDLE_DAYS, lowScore: STUCK_LOW_SCORE };
const publicMaterial = (m: MaterialInfo) => ({ id: m.id, title: m.title, curriculumLessonId: m.curriculumLessonId, known: m.known });

/**
 * Progress of students through materials (Art. 5.3: the teacher monitors and supports the use of
 * materials; Art. 9.2.c: the school keeps learning progress). Students report through the tracker;
 * time is credited by the server (see creditActiveTime); teachers see their class × subject.
 */
/** Per-question results of a quiz for one class, from the quizzes module (wired in services.ts). */
export type QuizQuestionResults = (viewer: SpaceViewer, quizId: number, classId: number) => Promise<{ stem: string; answered: number; percentRight: number }[]>;

export class ProgressService {
  private readonly now: () => Date;
  private readonly quizQuestions: QuizQuestionResults | undefined;

  constructor(private readonly tx: Transactor, deps: { now?: () => Date; quizQuestions?: QuizQuestionResults } = {}) {
    this.now = deps.now ?? (() => new Date());
    this.quizQuestions = deps.quizQuestions;
  }

  /** One report of the tracker, for a material the student can see (Art. 7.3: published, their grade). */
  async record(actor: ProgressActor, materialId: number, event: ProgressEvent): Promise<ProgressStateView> {
    if (!actor.roles.includes('student')) throw new DomainError('FORBIDDEN', { action: 'progress.record' });
    return this.tx.run(async (r) => {
      const cls = await r.classSpaces.currentClassOf(actor.personId);
      const access = await r.progress.materialAccess(materialId, { grade: cls?.grade ?? null });
      if (access === 'missing') throw new DomainError('NOT_FOUND', { materialId });
      if (access === 'not_visible') throw new DomainError('PROGRESS_MATERIAL_NOT_VISIBLE', { materialId });
      const now = this.now();
      const at = now.toISOString();
      let rec = await r.progress.get(actor.personId, materialId);
      let creditedMs = 0;
      if (!rec) {
        const fresh: Omit<ProgressRecord, 'id'> = {
          studentId: actor.personId, materialId, firstOpenedAt: at, lastSeenAt: at, openCount: 1, activeMs: 0, creditedUntil: at,
          completedAt: null, bestScore: null, lastScore: null, scoreCount: 0, scoredAt: null,
        };
        rec = { ...fresh, id: await r.progress.insert(fresh) };
        await r.audit.record(actor, 'progress.opened', 'material', materialId, { studentId: actor.personId });
        if (event.type === 'opened' || event.type === 'heartbeat') return view(rec, 0); // the clock starts now
      }
      const patch: Partial<ProgressRecord> = { lastSeenAt: at };
      switch (event.type) {
        case 'opened':
          patch.openCount = rec.openCount + 1;
          // Time away from the material is never credited: the clock restarts at each opening.
          patch.creditedUntil = Date.parse(rec.creditedUntil) > now.getTime() ? rec.creditedUntil : at;
          break;
        case 'heartbeat': {
          const c = creditActiveTime({ claimedSeconds: event.seconds, creditedUntil: rec.creditedUntil, now });
          creditedMs = c.creditedMs;
          patch.activeMs = rec.activeMs + c.creditedMs;
          patch.creditedUntil = c.creditedUntil;
          break;
        }
        case 'completed':
          if (!rec.completedAt) {
            patch.completedAt = at;
            await r.audit.record(actor, 'progress.completed', 'material', materialId, { studentId: actor.personId, contentId: event.contentId ?? null });
          }
          break;
        case 'score': {
          // The H5P module records the player's statements itself (Art. 5.3): when it holds this
          // student's result for the content, that score wins over what the page reports.
          const server = event.contentId && /^\d{1,9}$/.test(event.contentId) ? await r.h5p.latestResult(Number(event.contentId), actor.personId) : null;
          const s = server ? scaledScore({ raw: server.last.raw, max: server.last.max }) : scaledScore(event.score);
          if (s === null) throw new DomainError('VALIDATION_FAILED', { field: 'score', reason: 'needs scaled, or raw and max > 0' });
          patch.lastScore = s;
          patch.bestScore = rec.bestScore === null ? s : Math.max(rec.bestScore, s);
          patch.scoreCount = rec.scoreCount + 1;
          patch.scoredAt = at;
          if (event.completed && !rec.completedAt) patch.completedAt = at;
          await r.audit.record(actor, 'progress.scored', 'material', materialId, { studentId: actor.personId, contentId: event.contentId ?? null, scaled: s, completed: event.completed, verifiedByH5p: !!server });
          break;
        }
      }
      await r.progress.update(rec.id, patch);
      return view({ ...rec, ...patch }, creditedMs);
    });
  }

  /** Class × subject choices for /tien-do: the teacher's assignments, managers all, a student their class. */
  spaces(viewer: SpaceViewer): Promise<SpaceChoice[]> {
    return this.tx.read((r) => spacesOf(r.classSpaces, viewer));
  }

  /** A parent's children (Art. 9.2.c: the school shares a student's progress with the family). */
  async children(viewer: SpaceViewer): Promise<{ id: number; fullName: string; className: string | null }[]> {
    if (!viewer.roles.includes('parent')) return [];
    return this.tx.read(async (r) => Promise.all((await r.people.childrenOf(viewer.personId)).map(async (c) => ({
      id: c.id, fullName: c.fullName, className: (await r.classSpaces.currentClassOf(c.id))?.className ?? null,
    }))));
  }

  /** The materials × students matrix of a class × subject (teacher of it, or managers). */
  async classProgress(viewer: SpaceViewer, classId: number, subjectId: number) {
    const base = await this.matrix(viewer, classId, subjectId);
    // The class's results per question, where the quizzes module lets this viewer read them.
    if (base.quizzes && this.quizQuestions) {
      for (const q of base.quizzes.slice(0, 10)) {
        try {
          const stats = await this.quizQuestions(viewer, q.id, classId);
          q.questions = stats.map((x, i) => ({ position: i + 1, label: x.stem.length > 80 ? `${x.stem.slice(0, 79)}…` : x.stem, correctRate: x.answered ? Math.round(x.percentRight * 10) / 1000 : null, answered: x.answered }));
        } catch {
          // Not this viewer's quiz to read (e.g. a colleague's): the link to its page stays.
        }
      }
    }
    return base;
  }

  private async matrix(viewer: SpaceViewer, classId: number, subjectId: number) {
    return this.tx.read(async (r) => {
      const { space, role } = await roleInSpace(r.classSpaces, viewer, classId, subjectId);
      if (role === 'student') throw new DomainError('FORBIDDEN', { classId, subjectId });
      const students = await r.classSpaces.students(classId);
      const ids = students.map((s) => s.id);
      const materials = await materialsFor(r, subjectId, space.grade, ids);
      const records = await r.progress.forStudents(ids, materials.map((m) => m.id));
      const now = this.now();
      const byKey = new Map(records.map((x) => [`${x.studentId}:${x.materialId}`, x]));
      const cells: CellView[] = [];
      const rows = students.map((s) => {
        let started = 0;
        let completed = 0;
        let activeMs = 0;
        let lastSeenAt: string | null = null;
        let stuck = false;
        for (const m of materials) {
          const cell = cellOf(s.id, m.id, byKey.get(`${s.id}:${m.id}`), now);
          cells.push(cell);
          if (cell.status !== 'not_started') started++;
          if (cell.status === 'completed') completed++;
          if (cell.stuck) stuck = true;
          activeMs += byKey.get(`${s.id}:${m.id}`)?.activeMs ?? 0;
          if (cell.lastSeenAt && (!lastSeenAt || cell.lastSeenAt > lastSeenAt)) lastSeenAt = cell.lastSeenAt;
        }
        return { id: s.id, fullName: s.fullName, personalId: s.personalId, started, completed, activeSeconds: Math.floor(activeMs / 1000), lastSeenAt, notStarted: started === 0, stuck };
      });
      const quizzes = await r.progress.classQuizzes(classId, subjectId);
      return {
        classId, className: space.className, grade: space.grade, subjectId, subjectName: space.subjectName, stuckRule: RULE,
        generatedAt: now.toISOString(), materials: materials.map(publicMaterial), students: rows, cells,
        quizzes: quizzes ? quizzes.map((q) => quizLink(q)) : null,
      };
    });
  }

  /** One student's progress: the student, their parents, their class's teachers, managers. */
  async student(viewer: SpaceViewer, studentId: number, subjectId?: number) {
    return this.tx.read(async (r) => {
      const person = await r.people.get(studentId);
      if (!person || person.kind !== 'student') throw new DomainError('NOT_FOUND', { studentId });
      const cls = await r.classSpaces.currentClassOf(studentId);
      const allowed = (viewer.personId === studentId && viewer.roles.includes('student'))
        || isManager(viewer.roles)
        || (viewer.roles.includes('parent') && (await r.classSpaces.isParentOf(viewer.personId, studentId)))
        || (viewer.roles.includes('teacher') && !!cls && (await r.classSpaces.spaces({ classId: cls.classId, teacherId: viewer.personId })).length > 0);
      if (!allowed) throw new DomainError('FORBIDDEN', { studentId });
      const spaces = cls ? (await r.classSpaces.spaces({ classId: cls.classId })).filter((s) => subjectId === undefined || s.subjectId === subjectId) : [];
      const items: { material: ReturnType<typeof publicMaterial>; subjectId: number | null; subjectName: string | null; cell: CellView }[] = [];
      const now = this.now();
      const records = await r.progress.forStudents([studentId]);
      const byMaterial = new Map(records.map((x) => [x.materialId, x]));
      const seen = new Set<number>();
      let catalogue = true;
      for (const s of spaces) {
        const list = await r.progress.publishedMaterials(s.subjectId, s.grade);
        if (!list) { catalogue = false; break; }
        for (const m of list) {
          seen.add(m.id);
          items.push({ material: publicMaterial(m), subjectId: s.subjectId, subjectName: s.subjectName, cell: cellOf(studentId, m.id, byMaterial.get(m.id), now) });
        }
      }
      if (!catalogue || !cls) {
        // Without the materials module, what the student opened is all we know.
        const described = await r.progress.describeMaterials(records.map((x) => x.materialId));
        for (const x of records) {
          if (seen.has(x.materialId)) continue;
          const m = described.get(x.materialId) ?? unknownMaterial(x.materialId);
          if (subjectId !== undefined && m.subjectId !== subjectId && m.known) continue;
          const s = spaces.find((sp) => sp.subjectId === m.subjectId);
          items.push({ material: publicMaterial(m), subjectId: m.subjectId, subjectName: s?.subjectName ?? null, cell: cellOf(studentId, x.materialId, x, now) });
        }
      }
      const totals = {
        materials: items.length,
        started: items.filter((i) => i.cell.status !== 'not_started').length,
        completed: items.filter((i) => i.cell.status === 'completed').length,
        activeSeconds: items.reduce((sum, i) => sum + i.cell.activeSeconds, 0),
      };
      return {
        student: { id: studentId, fullName: person.fullName, classId: cls?.classId ?? null, className: cls?.className ?? null, grade: cls?.grade ?? null },
        stuckRule: RULE, items, totals,
      };
    });
  }
}

function view(rec: ProgressRecord, creditedMs: number): ProgressStateView {
  return {
    materialId: rec.materialId, firstOpenedAt: rec.firstOpenedAt, lastSeenAt: rec.lastSeenAt, openCount: rec.openCount,
    activeSeconds: Math.floor(rec.activeMs / 1000), completed: !!rec.completedAt, completedAt: rec.completedAt,
    bestScore: rec.bestScore, lastScore: rec.lastScore, scoreCount: rec.scoreCount, creditedSeconds: Math.round(creditedMs / 1000),
  };
}

function cellOf(studentId: number, materialId: number, rec: ProgressRecord | undefined, now: Date): CellView {
  const facts = { firstOpenedAt: rec?.firstOpenedAt ?? null, completedAt: rec?.completedAt ?? null, bestScore: rec?.bestScore ?? null, scoreCount: rec?.scoreCount ?? 0 };
  return {
    studentId, materialId, status: progressStatus(facts), activeSeconds: Math.floor((rec?.activeMs ?? 0) / 1000),
    firstOpenedAt: facts.firstOpenedAt, lastSeenAt: rec?.lastSeenAt ?? null, completedAt: facts.completedAt,
    bestScore: facts.bestScore, lastScore: rec?.lastScore ?? null, scoreCount: facts.scoreCount, stuck: stuckReason(facts, now, RULE),
  };
}

const unknownMaterial = (id: number): MaterialInfo => ({ id, title: `#${id}`, subjectId: null, grade: null, curriculumLessonId: null, known: false });

/** Published materials of the subject × grade; without the materials module, those the class opened. */
async function materialsFor(r: Repos, subjectId: number, grade: number, studentIds: number[]): Promise<MaterialInfo[]> {
  const published = await r.progress.publishedMaterials(subjectId, grade);
  if (published) return published;
  const ids = [...new Set((await r.progress.forStudents(studentIds)).map((x) => x.materialId))].sort((a, b) => a - b);
  const described = await r.progress.describeMaterials(ids);
  return ids.map((id) => described.get(id) ?? unknownMaterial(id));
}

function quizLink(q: QuizSummary): { id: number; title: string; resultsPath: string; questions?: { position: number; label: string; correctRate: number | null; answered: number }[] } {
  return { id: q.id, title: q.title, resultsPath: `/kiem-tra/${q.id}/ket-qua`, ...(q.questions ? { questions: q.questions } : {}) };
}
