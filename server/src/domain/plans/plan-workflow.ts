import type { PlanStatus, ReviewAction } from '../../contracts/teaching-plans.schema.js';
import { DomainError } from '../shared/errors.js';

/**
 * The approval of a teaching plan's version (Art. 8.1.c, 15.1.b), as a pure state machine:
 *
 *   draft ──submit──▶ submitted ──pass──▶ passed ──approve──▶ approved
 *     ▲                  │                  │
 *     └──── returned ◀───┴──return──────────┘   (with a comment; the teacher edits and submits again)
 *
 * - submit: the teacher assigned to the class × subject (teaching_assignments);
 * - pass: the leader of the subject's group (tổ trưởng chuyên môn); when the subject has no group
 *   or the group no leader (Hoạt động trải nghiệm is taught by homeroom teachers outside any group),
 *   the principal takes that step, so a plan is never stuck;
 * - approve: the principal (hiệu trưởng), who builds the school's plan (Art. 15.1.b);
 * - return: the reviewer whose step it is, always with a comment.
 * A revision is a new version (draft) of an approved plan; the approved one stays in force until
 * the revision is approved, then becomes `superseded`.
 */
export interface PlanWorkflowContext {
  status: PlanStatus;
  isTeacher: boolean;
  isGroupLeader: boolean;
  isPrincipal: boolean;
  groupHasLeader: boolean;
}

const FROM: Record<ReviewAction, readonly PlanStatus[]> = {
  submit: ['draft', 'returned'],
  pass: ['submitted'],
  approve: ['passed'],
  return: ['submitted', 'passed'],
};

const TO: Record<ReviewAction, PlanStatus> = { submit: 'submitted', pass: 'passed', approve: 'approved', return: 'returned' };

export const EDITABLE: readonly PlanStatus[] = ['draft', 'returned'];
export const OPEN: readonly PlanStatus[] = ['draft', 'returned', 'submitted', 'passed'];

export function mayAct(action: ReviewAction, ctx: Omit<PlanWorkflowContext, 'status'> & { status: PlanStatus }): boolean {
  switch (action) {
    case 'submit':
      return ctx.isTeacher;
    case 'pass':
      return ctx.groupHasLeader ? ctx.isGroupLeader : ctx.isPrincipal;
    case 'approve':
      return ctx.isPrincipal;
    case 'return':
      if (ctx.status === 'passed') return ctx.isPrincipal;
      return ctx.groupHasLeader ? ctx.isGroupLeader : ctx.isPrincipal;
  }
}

/** Whether the step is possible now (status and person). */
export function canTake(action: ReviewAction, ctx: PlanWorkflowContext): boolean {
  return FROM[action].includes(ctx.status) && mayAct(action, ctx);
}

/** The status after `action`, or a DomainError (wrong step, wrong person, a return without a comment). */
export function nextPlanStatus(action: ReviewAction, ctx: PlanWorkflowContext, comment: string | null): PlanStatus {
  if (!FROM[action].includes(ctx.status)) throw new DomainError('PLAN_WRONG_STATUS', { action, status: ctx.status, expected: FROM[action] });
  if (!mayAct(action, ctx)) throw new DomainError(action === 'submit' ? 'PLAN_NOT_TEACHER' : 'PLAN_NOT_REVIEWER', { action, status: ctx.status });
  if (action === 'return' && (comment ?? '').trim().length < 3) throw new DomainError('VALIDATION_FAILED', { field: 'comment', reason: 'a return needs a comment' });
  return TO[action];
}
