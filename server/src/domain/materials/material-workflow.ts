import { DomainError } from '../shared/errors.js';
import type { VersionStatus } from './material.types.js';

/**
 * The approval of a learning material's version (Art. 7.3) as a pure state machine:
 *
 *   draft ──submit──▶ submitted ──pass──▶ passed ──approve──▶ published
 *     ▲                  │                  │
 *     └──── returned ◀───┴──return──────────┘   (with a comment; the author edits and submits again)
 *
 * Who may take each step:
 * - submit: the material's owner (its author);
 * - pass: the leader of the subject's group (tổ trưởng chuyên môn); when the group has no leader,
 *   the principal takes that step too, so a material is never stuck;
 * - approve: the principal (hiệu trưởng). The vice principal does not approve: Art. 7.3 names the
 *   principal, and the system does not record a delegation that would let a deputy sign instead;
 * - return: the reviewer whose step it is (the group leader at `submitted`, the principal at
 *   `submitted` or `passed`), always with a comment.
 * When a version is published, the one published before it becomes `superseded`.
 */
export type WorkflowAction = 'submit' | 'pass' | 'approve' | 'return';

export interface WorkflowContext {
  status: VersionStatus;
  isOwner: boolean;
  /** Leads the group of the material's subject. */
  isGroupLeader: boolean;
  isPrincipal: boolean;
  /** The subject's group has a leader (otherwise the principal passes). */
  groupHasLeader: boolean;
}

const FROM: Record<WorkflowAction, readonly VersionStatus[]> = {
  submit: ['draft', 'returned'],
  pass: ['submitted'],
  approve: ['passed'],
  return: ['submitted', 'passed'],
};

const TO: Record<WorkflowAction, VersionStatus> = {
  submit: 'submitted',
  pass: 'passed',
  approve: 'published',
  return: 'returned',
};

/** Statuses in which the author may still change the version. */
export const EDITABLE: readonly VersionStatus[] = ['draft', 'returned'];
/** Statuses of a version still on its way (at most one per material). */
export const OPEN: readonly VersionStatus[] = ['draft', 'returned', 'submitted', 'passed'];

export function isEditable(status: VersionStatus): boolean {
  return EDITABLE.includes(status);
}

/** Whether this person may take this step (status aside). */
export function mayAct(action: WorkflowAction, ctx: Omit<WorkflowContext, 'status'> & { status?: VersionStatus }): boolean {
  switch (action) {
    case 'submit':
      return ctx.isOwner;
    case 'pass':
      return ctx.isGroupLeader || (!ctx.groupHasLeader && ctx.isPrincipal);
    case 'approve':
      return ctx.isPrincipal;
    case 'return':
      if (ctx.status === 'passed') return ctx.isPrincipal;
      return ctx.isGroupLeader || ctx.isPrincipal;
  }
}

/**
 * The status after `action`, or a DomainError: MATERIAL_WRONG_STATUS when the version is not at
 * that step, MATERIAL_NOT_REVIEWER when this person may not take it, and a missing comment on a
 * return is a VALIDATION_FAILED.
 */
export function nextStatus(action: WorkflowAction, ctx: WorkflowContext, comment: string | null): VersionStatus {
  if (!FROM[action].includes(ctx.status)) {
    throw new DomainError('MATERIAL_WRONG_STATUS', { action, status: ctx.status, expected: FROM[action] });
  }
  if (!mayAct(action, ctx)) throw new DomainError('MATERIAL_NOT_REVIEWER', { action, status: ctx.status });
  if (action === 'return' && (comment ?? '').trim().length < 3) {
    throw new DomainError('VALIDATION_FAILED', { field: 'comment', reason: 'a return needs a comment' });
  }
  return TO[action];
}
