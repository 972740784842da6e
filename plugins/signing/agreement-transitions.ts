// The one place an agreement's status moves. Each action names who may take it, the states it starts from, the state it
// leads to, the columns it stamps and who is told. A move is one conditional UPDATE (… WHERE status IN (from) AND the
// action's extra condition) plus an append-only event row plus a message to each other party (through the outbox), all
// in the caller's transaction: of two racing moves from one state exactly one wins, the other gets the action's 409.
// The school is told by its confirmation queue, not by messages. Nothing else writes `agreements.status`.
//
//   invited ──accept──▶ accepted ──confirm (school)──▶ signed ──request_termination──▶ terminating
//      │ decline ▶ declined        └─reject (school)─▶ rejected          (either party, with a reason)
//      │ expire (respond-by passed) ▶ expired                terminating ─agree_termination (the other party)─▶ terminating
//      │ withdraw (employer, or on accepting another offer) ▶ withdrawn   (agreed) ─confirm_termination (school)─▶ terminated
//   terminating ─refuse_termination (the other party) or reject_termination (school)─▶ termination_refused
//   termination_refused (the signed agreement stays in force) ──request_termination──▶ terminating
import type { Knex } from 'knex';
import { uniqueViolation } from '../../core/db/errors.js';
import type { MessageService } from '../messages/message-service.js';
import { fail, ONE_ACTIVE, type AgreementErrorKey } from './agreement-errors.js';
import type { AgreementStatus } from './models/agreement.js';

export type AgreementAction =
  | 'accept'
  | 'decline'
  | 'expire'
  | 'withdraw'
  | 'confirm'
  | 'reject'
  | 'request_termination'
  | 'agree_termination'
  | 'refuse_termination'
  | 'confirm_termination'
  | 'reject_termination';

export type ActorKind = 'student' | 'employer' | 'staff' | 'system';
export interface AgreementActor {
  kind: ActorKind;
  /** the employer account, student or staff account acting; null for the system */
  id: number | null;
}

type Party = 'employer' | 'student';
type Row = {
  id: number;
  employer_id: number;
  student_id: number;
  site_id: number;
  status: AgreementStatus;
  position: string;
  termination_requested_by: Party | null;
  termination_agreed_at: Date | string | null;
};

interface Transition {
  actors: readonly ActorKind[];
  from: readonly AgreementStatus[];
  to: AgreementStatus;
  /** the refusal when the agreement is not in a `from` state (or the extra condition fails) */
  code: AgreementErrorKey;
  message: string;
  /** a further condition on the row, given the actor (the other party of a termination, an agreed one …) */
  where?: (q: Knex.QueryBuilder, actor: AgreementActor) => void;
  /** the columns the move sets besides the status */
  stamp?: (trx: Knex.Transaction, note: string | null, actor: AgreementActor) => Record<string, unknown>;
  /** the parties told, and what */
  notify: readonly Party[];
  title: string;
}

const otherParty = (kind: ActorKind): Party => (kind === 'employer' ? 'student' : 'employer');

export const TRANSITIONS: Record<AgreementAction, Transition> = {
  accept: {
    actors: ['student'],
    from: ['invited'],
    to: 'accepted',
    code: 'INVALID_STATE',
    message: '该签约邀请已处理或已结束，不能再接受',
    stamp: (trx) => ({ accepted_at: trx.fn.now() }),
    notify: ['employer'],
    title: '学生已接受签约邀请，待学校确认',
  },
  decline: {
    actors: ['student'],
    from: ['invited'],
    to: 'declined',
    code: 'INVALID_STATE',
    message: '该签约邀请已处理或已结束，不能再拒绝',
    stamp: (trx) => ({ closed_at: trx.fn.now() }),
    notify: ['employer'],
    title: '学生拒绝了签约邀请',
  },
  expire: {
    actors: ['system'],
    from: ['invited'],
    to: 'expired',
    code: 'INVALID_STATE',
    message: '该签约邀请已处理',
    stamp: (trx) => ({ closed_at: trx.fn.now() }),
    notify: ['employer', 'student'],
    title: '签约邀请已过应约截止日期，自动失效',
  },
  withdraw: {
    actors: ['employer', 'system'],
    from: ['invited'],
    to: 'withdrawn',
    code: 'INVALID_STATE',
    message: '只有学生尚未回复的签约邀请可以撤回',
    stamp: (trx) => ({ closed_at: trx.fn.now() }),
    notify: ['employer', 'student'],
    title: '签约邀请已撤回',
  },
  confirm: {
    actors: ['staff'],
    from: ['accepted'],
    to: 'signed',
    code: 'INVALID_STATE',
    message: '只有学生已接受、待学校确认的协议可以确认',
    stamp: (trx, _note, actor) => ({ school_confirmed_at: trx.fn.now(), school_confirmed_by: actor.id }),
    notify: ['employer', 'student'],
    title: '学校已确认三方协议，签约完成',
  },
  reject: {
    actors: ['staff'],
    from: ['accepted'],
    to: 'rejected',
    code: 'INVALID_STATE',
    message: '只有学生已接受、待学校确认的协议可以驳回',
    stamp: (trx, note) => ({ school_comment: note, closed_at: trx.fn.now() }),
    notify: ['employer', 'student'],
    title: '学校驳回了三方协议',
  },
  request_termination: {
    actors: ['employer', 'student'],
    from: ['signed', 'termination_refused'],
    to: 'terminating',
    code: 'INVALID_STATE',
    message: '只有已签约的协议可以申请解约',
    stamp: (trx, note, actor) => ({
      termination_requested_by: actor.kind,
      termination_reason: note,
      termination_requested_at: trx.fn.now(),
      termination_agreed_at: null,
      termination_note: null,
    }),
    notify: ['employer', 'student'],
    title: '对方申请解除三方协议',
  },
  agree_termination: {
    actors: ['employer', 'student'],
    from: ['terminating'],
    to: 'terminating',
    code: 'INVALID_STATE',
    message: '只有对方提出、尚未答复的解约申请可以同意',
    where: (q, actor) => {
      void q.where('termination_requested_by', otherParty(actor.kind)).whereNull('termination_agreed_at');
    },
    stamp: (trx, note) => ({ termination_agreed_at: trx.fn.now(), termination_note: note }),
    notify: ['employer', 'student'],
    title: '对方已同意解约，待学校确认',
  },
  refuse_termination: {
    actors: ['employer', 'student'],
    from: ['terminating'],
    to: 'termination_refused',
    code: 'INVALID_STATE',
    message: '只有对方提出、尚未答复的解约申请可以拒绝',
    where: (q, actor) => {
      void q.where('termination_requested_by', otherParty(actor.kind)).whereNull('termination_agreed_at');
    },
    stamp: (_trx, note) => ({ termination_note: note }),
    notify: ['employer', 'student'],
    title: '对方拒绝解约，协议继续有效',
  },
  confirm_termination: {
    actors: ['staff'],
    from: ['terminating'],
    to: 'terminated',
    code: 'INVALID_STATE',
    message: '只有双方已同意的解约申请可以确认',
    where: (q) => {
      void q.whereNotNull('termination_agreed_at');
    },
    stamp: (trx, note) => ({ terminated_at: trx.fn.now(), school_comment: note }),
    notify: ['employer', 'student'],
    title: '学校已确认解约，三方协议解除',
  },
  reject_termination: {
    actors: ['staff'],
    from: ['terminating'],
    to: 'termination_refused',
    code: 'INVALID_STATE',
    message: '只有双方已同意的解约申请可以由学校驳回',
    where: (q) => {
      void q.whereNotNull('termination_agreed_at');
    },
    stamp: (_trx, note) => ({ school_comment: note }),
    notify: ['employer', 'student'],
    title: '学校驳回了解约申请，协议继续有效',
  },
};

/** Chinese names of the states. */
export const STATUS_LABELS: Record<AgreementStatus, string> = {
  invited: '待学生应约',
  accepted: '待学校确认',
  signed: '已签约',
  declined: '学生已拒绝',
  expired: '邀请已过期',
  rejected: '学校已驳回',
  withdrawn: '邀请已撤回',
  terminating: '解约中',
  terminated: '已解约',
  termination_refused: '解约失败',
};

/** Whether `actor` may take `action` on `row` now (for buttons; `move` is what decides). */
export function allowed(
  action: AgreementAction,
  row: Pick<Row, 'status' | 'termination_requested_by' | 'termination_agreed_at'>,
  actor: ActorKind,
): boolean {
  const t = TRANSITIONS[action];
  if (!t.actors.includes(actor) || !t.from.includes(row.status)) return false;
  if (action === 'agree_termination' || action === 'refuse_termination')
    return row.termination_requested_by === otherParty(actor) && !row.termination_agreed_at;
  if (action === 'confirm_termination' || action === 'reject_termination') return !!row.termination_agreed_at;
  return true;
}

export type AgreementScope = { employer_id: number } | { student_id: number } | { site_id: number };

export interface MoveContext {
  trx: Knex.Transaction;
  messages: MessageService;
  /** the student's school's slug, for messages */
  siteSlug: (siteId: number) => string | null;
  employerName: (employerId: number, trx: Knex.Transaction) => Promise<string>;
  studentName: (studentId: number, trx: Knex.Transaction) => Promise<string>;
}

export interface Moved {
  id: number;
  from: AgreementStatus;
  to: AgreementStatus;
  employerId: number;
  studentId: number;
  siteId: number;
}

/**
 * Moves one agreement by `action` in `ctx.trx`. `scope` narrows the rows the actor may move; a row outside it answers
 * as absent (404; the caller checks a staff member's site first, which answers 403). The move's UPDATE only matches
 * while the agreement is in a `from` state and meets the action's condition, so of two racing moves one wins. An
 * acceptance that would give the student a second agreement in force fails on the database's unique index: 409
 * STUDENT_HAS_AGREEMENT (the caller serialises a student's acceptances so this stays a refusal, not a deadlock).
 */
export async function move(
  ctx: MoveContext,
  id: number,
  action: AgreementAction,
  actor: AgreementActor,
  scope: AgreementScope | null,
  note?: string | null,
): Promise<Moved> {
  const { trx } = ctx;
  const t = TRANSITIONS[action];
  if (!t.actors.includes(actor.kind))
    throw new Error(`xiaozhao: ${actor.kind} may not ${action} an agreement`);
  const before = (await trx('agreements')
    .where({ id, ...(scope ?? {}) })
    .first('id', 'employer_id', 'student_id', 'site_id', 'status', 'position')) as Row | undefined;
  if (!before) throw fail('NOT_FOUND');
  const stamp = t.stamp?.(trx, note ?? null, actor) ?? {};
  let updated: { id: number }[];
  try {
    updated = await trx('agreements')
      .where({ id, ...(scope ?? {}) })
      .whereIn('status', [...t.from])
      .modify((q) => {
        t.where?.(q, actor);
      })
      .update({ status: t.to, updated_at: trx.fn.now(), ...stamp })
      .returning(['id']);
  } catch (err) {
    if (uniqueViolation(err) === ONE_ACTIVE) throw fail('STUDENT_HAS_AGREEMENT');
    throw err;
  }
  if (!updated.length) throw fail(t.code, t.message);
  await trx('agreement_events').insert({
    agreement_id: id,
    from_status: before.status,
    to_status: t.to,
    actor_kind: actor.kind,
    actor_id: actor.id,
    note: note ?? null,
  });
  const employer = await ctx.employerName(before.employer_id, trx);
  const student = await ctx.studentName(before.student_id, trx);
  const site = ctx.siteSlug(before.site_id);
  for (const party of t.notify) {
    // the actor's own side is not told what it just did (the system and school tell both)
    if (party === actor.kind) continue;
    await ctx.messages.send(trx, {
      to: party === 'employer' ? { employerId: before.employer_id } : { studentId: before.student_id },
      kind: `agreement.${action}`,
      title: t.title,
      body:
        party === 'employer'
          ? `学生${student}（岗位：${before.position}）的三方协议：${STATUS_LABELS[t.to]}${note ? `。说明：${note}` : ''}`
          : `${employer}（岗位：${before.position}）的签约：${STATUS_LABELS[t.to]}${note ? `。说明：${note}` : ''}`,
      site,
      link: party === 'employer' ? `/employer/agreements/${id}` : '/student/agreements',
      subject: { type: 'agreement', id },
    });
  }
  return {
    id,
    from: before.status,
    to: t.to,
    employerId: before.employer_id,
    studentId: before.student_id,
    siteId: before.site_id,
  };
}
