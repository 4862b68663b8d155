import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { Created, IdParams, Ok } from '../../contracts/common.schema.js';
import {
  AudienceOptions, AudienceQuery, Teaching, FileParams, GradeBody, GradeReply, MineQuery, ReleaseReply, ReturnBody, RosterRow, StudentTaskItem, StudentWork, SubmitReply,
  TaskBody, TaskDetail, TaskFileParams, TaskListItem, TaskListQuery, TaskStudentParams,
  type GradeBody as GradeBodyT, type ReturnBody as ReturnBodyT, type TaskBody as TaskBodyT,
} from '../../contracts/tasks.schema.js';
import { DomainError } from '../../domain/shared/errors.js';
import { previewable, TASK_FILE_LIMITS } from '../../domain/tasks/task-file-types.js';
import type { ReceivedFile } from '../../domain/tasks/task.service.js';
import type { TaskActor, TaskInput } from '../../domain/tasks/task.types.js';
import type { Services } from '../../services.js';
import { actorOf, requirePrincipal } from '../auth.plugin.js';

function taskActorOf(req: FastifyRequest): TaskActor {
  const p = requirePrincipal(req);
  return { ...actorOf(req), personId: p.personId, roles: p.roles };
}

function inputOf(b: TaskBodyT, now: Date): TaskInput {
  return {
    classId: b.classId, subjectId: b.subjectId, curriculumLessonId: b.curriculumLessonId ?? null, title: b.title, instructions: b.instructions,
    audience: b.audience, groupName: b.groupName ?? null, studentIds: b.studentIds, opensAt: b.opensAt ?? now.toISOString(), dueAt: b.dueAt,
    acceptFiles: b.acceptFiles, acceptText: b.acceptText, h5pContentId: b.h5pContentId ?? null, latePolicy: b.latePolicy, closeAt: b.closeAt ?? null,
    latePenaltyKind: b.latePenaltyKind, latePenaltyValue: b.latePenaltyValue, resubmission: b.resubmission, maxSubmissions: b.maxSubmissions ?? null,
    rubric: b.rubric ?? null, maxScore: b.maxScore, gradebookTarget: b.gradebookTarget ?? null,
  };
}

/** A download name in both the plain and the UTF-8 form (Vietnamese names survive). */
function disposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Tasks and student work (Art. 5.2–5.3, 9.2.a–b, 15.1.h). */
export async function taskRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const s = services.tasks;
  const files = services.taskFiles;
  const tags = ['tasks'];

  /**
   * Streams every file part to a temporary file (recognised by its bytes), collects the fields;
   * on any failure the files received so far are deleted.
   */
  async function receive(req: FastifyRequest, maxFiles: number): Promise<{ files: ReceivedFile[]; fields: Record<string, string> }> {
    if (!req.isMultipart()) throw new DomainError('UNSUPPORTED_FILE_TYPE', { expected: 'multipart/form-data' });
    const received: ReceivedFile[] = [];
    const fields: Record<string, string> = {};
    try {
      for await (const part of req.parts({ limits: { fileSize: TASK_FILE_LIMITS.maxBytes, files: maxFiles, fields: 5, fieldSize: 100_000 } })) {
        if (part.type === 'file') {
          received.push(await files.receive(part.file, part.filename, () => part.file.truncated));
        } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
      }
    } catch (e) {
      await files.discard(received.map((f) => f.tempId));
      throw e;
    }
    return { files: received, fields };
  }

  async function sendFile(reply: FastifyReply, f: { fileName: string; mime: string; size: number; storedPath: string }, inline: boolean) {
    const show = inline && previewable(f.mime);
    reply.type(f.mime).header('content-length', f.size).header('content-disposition', disposition(show ? 'inline' : 'attachment', f.fileName))
      .header('content-security-policy', "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'").header('cache-control', 'private, no-store');
    return reply.send(files.open(f.storedPath));
  }

  app.get<{ Querystring: { classId?: number; subjectId?: number } }>('/api/tasks', {
    schema: { tags, summary: 'Nhiệm vụ học tập của các lớp thầy/cô dạy (quản lí: mọi lớp)', querystring: TaskListQuery, response: { 200: Type.Array(TaskListItem) } },
    config: { access: 'tasks.overview' },
  }, (req) => s.list(taskActorOf(req), req.query));

  app.get<{ Querystring: { studentId?: number } }>('/api/tasks/mine', {
    schema: { tags, summary: 'Nhiệm vụ của em (phụ huynh: của con)', querystring: MineQuery, response: { 200: Type.Array(StudentTaskItem) } },
    config: { access: 'tasks.mine' },
  }, (req) => s.mine(taskActorOf(req), req.query.studentId));

  app.get('/api/tasks/teaching', {
    schema: { tags, summary: 'Lớp × môn thầy/cô được phân công dạy và các học kì (để giao nhiệm vụ)', response: { 200: Teaching } },
    config: { access: 'tasks.manage' },
  }, (req) => s.teaching(taskActorOf(req)));

  app.get<{ Querystring: { classId: number; subjectId: number } }>('/api/tasks/audience', {
    schema: { tags, summary: 'Học sinh và nhóm của lớp để giao nhiệm vụ', querystring: AudienceQuery, response: { 200: AudienceOptions } },
    config: { access: 'tasks.manage' },
  }, (req) => s.audienceOptions(taskActorOf(req), req.query.classId, req.query.subjectId));

  app.post<{ Body: TaskBodyT }>('/api/tasks', {
    schema: { tags, summary: 'Giao nhiệm vụ cho lớp, nhóm hoặc một học sinh', body: TaskBody, response: { 200: Created } },
    config: { access: 'tasks.manage' },
  }, async (req) => ({ id: await s.create(taskActorOf(req), inputOf(req.body, new Date())) }));

  app.get<{ Params: { id: number } }>('/api/tasks/:id', {
    schema: { tags, summary: 'Một nhiệm vụ', params: IdParams, response: { 200: TaskDetail } },
    config: { access: 'tasks.read' },
  }, (req) => s.get(taskActorOf(req), req.params.id));

  app.put<{ Params: { id: number }; Body: TaskBodyT }>('/api/tasks/:id', {
    schema: { tags, summary: 'Sửa nhiệm vụ', params: IdParams, body: TaskBody, response: { 200: Ok } },
    config: { access: 'tasks.manage' },
  }, async (req) => {
    const current = await s.get(taskActorOf(req), req.params.id);
    await s.update(taskActorOf(req), req.params.id, inputOf({ ...req.body, opensAt: req.body.opensAt ?? current.opensAt }, new Date()));
    return { ok: true as const };
  });

  app.delete<{ Params: { id: number } }>('/api/tasks/:id', {
    schema: { tags, summary: 'Xoá nhiệm vụ (bài nộp vẫn được lưu)', params: IdParams, response: { 200: Ok } },
    config: { access: 'tasks.manage' },
  }, async (req) => {
    await s.remove(taskActorOf(req), req.params.id);
    return { ok: true as const };
  });

  app.post<{ Params: { id: number } }>('/api/tasks/:id/attachments', {
    schema: { tags, summary: 'Đính kèm tệp của giáo viên', description: 'multipart/form-data, one file field.', params: IdParams, consumes: ['multipart/form-data'], response: { 200: Created } },
    config: { access: 'tasks.manage', rateLimit: { max: 60, timeWindow: '1 minute' } },
  }, async (req) => {
    const actor = taskActorOf(req);
    await s.get(actor, req.params.id); // refuses unknown or foreign tasks before reading the upload
    const { files: got } = await receive(req, 1);
    const file = got[0];
    if (!file) throw new DomainError('VALIDATION_FAILED', { field: 'file' });
    try {
      return { id: await s.addAttachment(actor, req.params.id, file) };
    } finally {
      await files.discard([file.tempId]);
    }
  });

  app.delete<{ Params: { id: number; fileId: number } }>('/api/tasks/:id/attachments/:fileId', {
    schema: { tags, summary: 'Bỏ tệp đính kèm', params: TaskFileParams, response: { 200: Ok } },
    config: { access: 'tasks.manage' },
  }, async (req) => {
    await s.removeAttachment(taskActorOf(req), req.params.id, req.params.fileId);
    return { ok: true as const };
  });

  app.get<{ Params: { id: number; fileId: number }; Querystring: { inline?: boolean } }>('/api/tasks/:id/attachments/:fileId', {
    schema: { tags, summary: 'Tải tệp đính kèm', params: TaskFileParams, querystring: Type.Object({ inline: Type.Optional(Type.Boolean()) }) },
    config: { access: 'tasks.read' },
  }, async (req, reply) => sendFile(reply, await s.attachmentFile(taskActorOf(req), req.params.id, req.params.fileId), !!req.query.inline));

  app.get<{ Params: { id: number } }>('/api/tasks/:id/students', {
    schema: { tags, summary: 'Ai đã nộp, ai nộp muộn, ai chưa nộp', params: IdParams, response: { 200: Type.Array(RosterRow) } },
    config: { access: 'tasks.read' },
  }, (req) => s.roster(taskActorOf(req), req.params.id));

  app.get<{ Params: { id: number; studentId: number } }>('/api/tasks/:id/students/:studentId', {
    schema: { tags, summary: 'Bài làm của một học sinh: các lần nộp, điểm, nhận xét', params: TaskStudentParams, response: { 200: StudentWork } },
    config: { access: 'tasks.read' },
  }, (req) => s.work(taskActorOf(req), req.params.id, req.params.studentId));

  app.post<{ Params: { id: number } }>('/api/tasks/:id/submissions', {
    schema: {
      tags, summary: 'Nộp bài (tệp, bài viết, kết quả H5P)', params: IdParams, consumes: ['multipart/form-data'], response: { 200: SubmitReply },
      description: `multipart/form-data: file fields (at most ${TASK_FILE_LIMITS.maxFiles}, ${TASK_FILE_LIMITS.maxBytes / 1024 / 1024} MB each), a "text" field, an "h5p" field set to "1" to attach the latest H5P result.`,
    },
    config: { access: 'tasks.submit', rateLimit: { max: 30, timeWindow: '1 minute' } },
  }, async (req) => {
    const actor = taskActorOf(req);
    await s.preflight(actor, req.params.id); // a refused student's upload is never stored
    const { files: got, fields } = await receive(req, TASK_FILE_LIMITS.maxFiles);
    try {
      return await s.submit(actor, req.params.id, { text: fields.text ?? null, files: got, attachH5p: fields.h5p === '1' });
    } finally {
      await files.discard(got.map((f) => f.tempId));
    }
  });

  app.get<{ Params: { fileId: number }; Querystring: { inline?: boolean } }>('/api/task-files/:fileId', {
    schema: { tags, summary: 'Tải tệp bài nộp', params: FileParams, querystring: Type.Object({ inline: Type.Optional(Type.Boolean()) }) },
    config: { access: 'tasks.read' },
  }, async (req, reply) => sendFile(reply, await s.submissionFile(taskActorOf(req), req.params.fileId), !!req.query.inline));

  app.post<{ Params: { id: number; studentId: number }; Body: GradeBodyT }>('/api/tasks/:id/students/:studentId/grade', {
    schema: { tags, summary: 'Chấm bài: điểm, nhận xét, tiêu chí', params: TaskStudentParams, body: GradeBody, response: { 200: GradeReply } },
    config: { access: 'tasks.manage' },
  }, (req) => s.grade(taskActorOf(req), req.params.id, req.params.studentId, {
    score: req.body.score ?? null, comment: req.body.comment ?? null, rubricSelection: req.body.rubricSelection ?? null, release: req.body.release,
  }));

  app.post<{ Params: { id: number; studentId: number }; Body: ReturnBodyT }>('/api/tasks/:id/students/:studentId/return', {
    schema: { tags, summary: 'Trả bài để học sinh sửa và nộp lại', params: TaskStudentParams, body: ReturnBody, response: { 200: Ok } },
    config: { access: 'tasks.manage' },
  }, async (req) => {
    await s.returnForRevision(taskActorOf(req), req.params.id, req.params.studentId, req.body.comment);
    return { ok: true as const };
  });

  app.post<{ Params: { id: number } }>('/api/tasks/:id/release', {
    schema: { tags, summary: 'Công bố điểm và nhận xét cho học sinh', params: IdParams, response: { 200: ReleaseReply } },
    config: { access: 'tasks.manage' },
  }, (req) => s.release(taskActorOf(req), req.params.id));

  app.get<{ Params: { id: number } }>('/api/tasks/:id/download', {
    schema: { tags, summary: 'Tải tất cả bài nộp (tệp .zip, kèm bảng tổng hợp .xlsx)', params: IdParams },
    config: { access: 'tasks.read', rateLimit: { max: 10, timeWindow: '1 minute' } },
  }, async (req, reply) => {
    const { plan, summary } = await s.archive(taskActorOf(req), req.params.id);
    return reply.type('application/zip').header('content-disposition', disposition('attachment', `${plan.folderName}.zip`))
      .header('cache-control', 'private, no-store').send(files.zip(plan, summary));
  });
}
