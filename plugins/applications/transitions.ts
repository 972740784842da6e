// The one place an application's status moves. Each action names who may take it, the states it starts from and the
// state it leads to; nothing else writes `applications.status`. A move is one conditional UPDATE (… WHERE status IN
// (from)) plus an event row, in the caller's transaction: two racing moves cannot both start from the same state,
// and a refused move answers the action's own 409 code with a Chinese message. The caller (student or employer
// service) sends the message to the other party in the same transaction (MessageService.send).
//
//   submitted ──view──▶ viewed ──invite──▶ interview_invited ──accept──▶ interview
//        │                 │  ▲                    │ decline ──▶ viewed      │
//        └─withdraw─▶ withdrawn (student, only while submitted or viewed)   │
//   submitted | viewed | interview ──offer──▶ offer (拟录用: a signing candidate)
//   submitted | viewed | interview_invited | interview ──reject──▶ rejected (不合适)
//   offer, rejected and withdrawn are final.
import type { Knex } from 'knex';
import { appError } from '../../core/http/errors.js';
import type { ApplicationStatus } from './models/application.js';

export type ApplicationAction = 'view' | 'invite' | 'accept' | 'decline' | 'offer' | 'reject' | 'withdraw';
export type ApplicationActor = { kind: 'student' | 'employer' | 'staff' | 'system'; id: number | null };

interface Transition {
  actor: ApplicationActor['kind'];
  from: readonly ApplicationStatus[];
  to: ApplicationStatus;
  /** the 409 answered when the application is not in a `from` state */
  code: string;
  message: string;
}

export const TRANSITIONS: Record<ApplicationAction, Transition> = {
  view: {
    actor: 'employer',
    from: ['submitted'],
    to: 'viewed',
    code: 'INVALID_STATE',
    message: '该简历已查看过',
  },
  invite: {
    actor: 'employer',
    from: ['submitted', 'viewed', 'interview'],
    to: 'interview_invited',
    code: 'INVALID_STATE',
    message: '该投递当前不能邀请面试（已邀请、已录用、已不合适或已撤回）',
  },
  accept: {
    actor: 'student',
    from: ['interview_invited'],
    to: 'interview',
    code: 'INTERVIEW_CLOSED',
    message: '该面试邀请已结束，不能再接受',
  },
  decline: {
    actor: 'student',
    from: ['interview_invited'],
    to: 'viewed',
    code: 'INTERVIEW_CLOSED',
    message: '该面试邀请已结束，不能再拒绝',
  },
  offer: {
    actor: 'employer',
    from: ['submitted', 'viewed', 'interview'],
    to: 'offer',
    code: 'INVALID_STATE',
    message: '该投递当前不能标记为拟录用（面试邀请待回复、已录用、已不合适或已撤回）',
  },
  reject: {
    actor: 'employer',
    from: ['submitted', 'viewed', 'interview_invited', 'interview'],
    to: 'rejected',
    code: 'INVALID_STATE',
    message: '该投递当前不能标记为不合适（已录用、已不合适或已撤回）',
  },
  withdraw: {
    actor: 'student',
    from: ['submitted', 'viewed'],
    to: 'withdrawn',
    code: 'NOT_WITHDRAWABLE',
    message: '单位已处理该投递，不能再撤回',
  },
};

/** Chinese names of the states (the inbox's tabs and the student's list). */
export const STATUS_LABELS: Record<ApplicationStatus, string> = {
  submitted: '新投递',
  viewed: '已查看',
  interview_invited: '已邀请面试',
  interview: '待面试',
  offer: '拟录用',
  rejected: '不合适',
  withdrawn: '已撤回',
};

/** Whether `action` may start from `status` (for buttons; `move` is what decides). */
export function allowed(action: ApplicationAction, status: ApplicationStatus): boolean {
  return TRANSITIONS[action].from.includes(status);
}

export interface Moved {
  id: number;
  from: ApplicationStatus;
  to: ApplicationStatus;
}

/**
 * Moves one application by `action`, in `trx`: the UPDATE only matches while the application is in a `from` state, so
 * of two racing moves one wins and the other gets the action's 409. `scope` narrows which rows the actor may move
 * (`{ employer_id }` or `{ student_id }`); a row outside it answers 404 as if it did not exist.
 */
export async function move(
  trx: Knex.Transaction,
  id: number,
  action: ApplicationAction,
  actor: ApplicationActor,
  scope: { employer_id: number } | { student_id: number },
  note?: string | null,
): Promise<Moved> {
  const t = TRANSITIONS[action];
  if (t.actor !== actor.kind) throw new Error(`xiaozhao: ${actor.kind} may not ${action} an application`);
  const before = await trx('applications')
    .where({ id, ...scope })
    .first('status')
    .forUpdate();
  if (!before) throw appError(404, 'NOT_FOUND', '投递记录不存在');
  const from = before.status as ApplicationStatus;
  const [row] = await trx('applications')
    .where({ id, ...scope })
    .whereIn('status', [...t.from])
    .update({
      status: t.to,
      updated_at: trx.fn.now(),
      ...(t.to === 'viewed' && from === 'submitted' ? { viewed_at: trx.fn.now() } : {}),
    })
    .returning(['id']);
  if (!row) throw appError(409, t.code, t.message);
  await trx('application_events').insert({
    application_id: id,
    from_status: from,
    to_status: t.to,
    actor_kind: actor.kind,
    actor_id: actor.id,
    note: note ?? null,
  });
  return { id, from, to: t.to };
}
