import t from 'tap';
import { DomainError } from '../../server/src/domain/shared/errors.js';
import { nextStatus, isEditable, type WorkflowAction, type WorkflowContext } from '../../server/src/domain/materials/material-workflow.js';
import type { VersionStatus } from '../../server/src/domain/materials/material.types.js';
import { VERSION_STATUSES } from '../../server/src/domain/materials/material.types.js';

const author: Omit<WorkflowContext, 'status'> = { isOwner: true, isGroupLeader: false, isPrincipal: false, groupHasLeader: true };
const leader: Omit<WorkflowContext, 'status'> = { isOwner: false, isGroupLeader: true, isPrincipal: false, groupHasLeader: true };
const principal: Omit<WorkflowContext, 'status'> = { isOwner: false, isGroupLeader: false, isPrincipal: true, groupHasLeader: true };
const otherTeacher: Omit<WorkflowContext, 'status'> = { isOwner: false, isGroupLeader: false, isPrincipal: false, groupHasLeader: true };

function outcome(action: WorkflowAction, who: Omit<WorkflowContext, 'status'>, status: VersionStatus, comment: string | null = 'Nhận xét'): string {
  try {
    return nextStatus(action, { ...who, status }, comment);
  } catch (err) {
    if (err instanceof DomainError) return err.code;
    throw err;
  }
}

t.test('the happy path: draft → submitted → passed → published (Art. 7.3)', async (t) => {
  t.equal(outcome('submit', author, 'draft'), 'submitted');
  t.equal(outcome('pass', leader, 'submitted'), 'passed');
  t.equal(outcome('approve', principal, 'passed'), 'published');
});

t.test('returns, with a comment, back to the author', async (t) => {
  t.equal(outcome('return', leader, 'submitted'), 'returned', 'the leader returns a submitted version');
  t.equal(outcome('return', principal, 'passed'), 'returned', 'the principal returns a passed version');
  t.equal(outcome('return', principal, 'submitted'), 'returned', 'the principal may return at the group step too');
  t.equal(outcome('return', leader, 'passed'), 'MATERIAL_NOT_REVIEWER', 'once passed, it is the principal\'s step');
  t.equal(outcome('return', leader, 'submitted', null), 'VALIDATION_FAILED', 'no comment');
  t.equal(outcome('return', leader, 'submitted', '  '), 'VALIDATION_FAILED', 'a blank comment');
  t.equal(outcome('submit', author, 'returned'), 'submitted', 'the author submits again');
  t.ok(isEditable('returned') && isEditable('draft'), 'drafts and returned versions are editable');
  for (const s of ['submitted', 'passed', 'published', 'superseded'] as const) t.notOk(isEditable(s), `${s} is not editable`);
});

t.test('nobody skips a step', async (t) => {
  t.equal(outcome('approve', principal, 'submitted'), 'MATERIAL_WRONG_STATUS', 'approve before the group passed');
  t.equal(outcome('approve', principal, 'draft'), 'MATERIAL_WRONG_STATUS');
  t.equal(outcome('pass', leader, 'draft'), 'MATERIAL_WRONG_STATUS', 'pass a draft');
  t.equal(outcome('pass', leader, 'passed'), 'MATERIAL_WRONG_STATUS', 'pass twice');
  t.equal(outcome('submit', author, 'submitted'), 'MATERIAL_WRONG_STATUS', 'submit twice');
  t.equal(outcome('submit', author, 'published'), 'MATERIAL_WRONG_STATUS');
  t.equal(outcome('return', principal, 'published'), 'MATERIAL_WRONG_STATUS', 'a published version is not returned (a new version is made)');
  t.equal(outcome('return', principal, 'draft'), 'MATERIAL_WRONG_STATUS');
});

t.test('only the right person takes each step', async (t) => {
  t.equal(outcome('submit', otherTeacher, 'draft'), 'MATERIAL_NOT_REVIEWER', 'only the author submits');
  t.equal(outcome('submit', leader, 'draft'), 'MATERIAL_NOT_REVIEWER');
  t.equal(outcome('pass', otherTeacher, 'submitted'), 'MATERIAL_NOT_REVIEWER', 'another group\'s leader is just another teacher here');
  t.equal(outcome('pass', principal, 'submitted'), 'MATERIAL_NOT_REVIEWER', 'the principal does not pass for a group that has a leader');
  t.equal(outcome('pass', { ...principal, groupHasLeader: false }, 'submitted'), 'passed', 'but does when the group has no leader');
  t.equal(outcome('approve', leader, 'passed'), 'MATERIAL_NOT_REVIEWER', 'a leader does not approve');
  t.equal(outcome('approve', author, 'passed'), 'MATERIAL_NOT_REVIEWER', 'the author does not approve');
  t.equal(outcome('return', otherTeacher, 'submitted'), 'MATERIAL_NOT_REVIEWER');
  t.equal(outcome('pass', { ...leader, isOwner: true }, 'submitted'), 'passed', 'a leader who is the author passes at the group step (the principal still approves)');
});

t.test('every action from every status is either a defined step or refused', async (t) => {
  const everyone = { isOwner: true, isGroupLeader: true, isPrincipal: true, groupHasLeader: true };
  const allowed: Record<string, string> = {};
  for (const action of ['submit', 'pass', 'approve', 'return'] as const) {
    for (const status of VERSION_STATUSES) {
      const r = outcome(action, everyone, status);
      if (!r.startsWith('MATERIAL_')) allowed[`${action}:${status}`] = r;
    }
  }
  t.same(allowed, {
    'submit:draft': 'submitted', 'submit:returned': 'submitted', 'pass:submitted': 'passed', 'approve:passed': 'published',
    'return:submitted': 'returned', 'return:passed': 'returned',
  }, 'the whole transition table');
});
