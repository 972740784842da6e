// 审核队列 and the decision page of one review. Every decision goes through the review service (same rules as the
// staff API: own site only, a comment to reject, no second decision); 批量通过 follows the API's batch rule (decide
// each, skip with the reason). The batch outcome is kept for a few minutes under an unguessable key bound to the staff
// member, so the page after the redirect can list what was skipped and why, in the service's own words.
// Employer tags: an applicant's tags are a request. The decision form of a membership lists the site's tags with the
// requested ones marked; the ones staff tick are confirmed with the approval (memberships.confirmTags), and only
// confirmed tags drive the site's review policies. A decided membership keeps a form to change its confirmed tags.
// The queue's filter (status, type) travels with every link to a review and through its decision form, so 下一条待审核
// and 返回审核队列 stay within the filter staff chose.
import { randomBytes } from 'node:crypto';
import type { Request, ResponseToolkit, ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { idParams } from '../../../../core/http/schemas.js';
import { service, type App } from '../../../../core/app.js';
import type { StaffCredentials } from '../../../../core/auth/principals.js';
import { appError } from '../../../../core/http/errors.js';
import { SUBJECT_TYPES, type SubjectType } from '../../../../core/tenancy/manifest.js';
import type { Site } from '../../../../core/tenancy/sites.js';
import type { ReviewRow, ReviewStatus } from '../../review-service.js';
import { paragraphs } from '../../../postings/format.js';
import {
  FormErrors,
  dateTime,
  failure,
  list,
  local,
  pager,
  pick,
  render,
  seeOther,
  staffOf,
} from '../../../../core/pages/index.js';
import { flash } from '../flash.js';
import { EMPLOYER_STATUS } from '../../../employers/status.js';
import { ACTION_LABELS, REVIEW_STATUS } from '../../labels.js';

const PAGE_SIZE = 20;
const BATCH_TTL_SECONDS = 600;
const MAX_COMMENT = 500;

type StatusFilter = ReviewStatus | 'all';

interface QueueQuery {
  status: StatusFilter;
  type: SubjectType | '';
  page: number;
  batch?: string;
  done?: string;
}

interface BatchOutcome {
  staffId: number;
  approved: { id: number; summary: string }[];
  skipped: { id: number; summary: string | null; message: string }[];
}

const queueQuerySchema = Joi.object({
  status: Joi.string().valid('pending', 'approved', 'rejected', 'withdrawn', 'all').default('pending'),
  type: Joi.string()
    .valid(...SUBJECT_TYPES, '')
    .default(''),
  page: Joi.number().integer().min(1).max(10_000).default(1),
  batch: Joi.string()
    .pattern(/^[A-Za-z0-9_-]{16,32}$/)
    .allow(''),
  done: Joi.string().max(40),
}).unknown(true);

/** The queue filter a review page keeps (from its query or its form); anything unknown falls back to the default. */
type KeptFilter = Pick<QueueQuery, 'status' | 'type'>;

const keptFilterSchema = Joi.object({
  status: Joi.string().valid('pending', 'approved', 'rejected', 'withdrawn', 'all').default('pending'),
  type: Joi.string()
    .valid(...SUBJECT_TYPES, '')
    .default(''),
}).unknown(true);

function keptFilter(input: unknown): KeptFilter {
  const raw = pick(input, ['status', 'type']);
  const { value, error } = keptFilterSchema.validate(raw);
  return error ? { status: 'pending', type: '' } : { status: value.status, type: value.type };
}

/** A review's page, carrying the queue filter it was opened from. */
function reviewPath(id: number, f: KeptFilter): string {
  const params = new URLSearchParams();
  if (f.status !== 'pending') params.set('status', f.status);
  if (f.type) params.set('type', f.type);
  const qs = params.toString();
  return `/admin/reviews/${id}${qs ? `?${qs}` : ''}`;
}

function queuePath(q: Pick<QueueQuery, 'status' | 'type' | 'page'>): string {
  const params = new URLSearchParams({ status: q.status });
  if (q.type) params.set('type', q.type);
  if (q.page > 1) params.set('page', String(q.page));
  return `/admin/reviews?${params.toString()}`;
}

async function queuePage(
  app: App,
  request: Request,
  h: ResponseToolkit,
  c: StaffCredentials,
  q: QueueQuery,
  extra: { message?: string; status?: number } = {},
) {
  const site = request.app.xz.site;
  const reviews = service(app, 'reviews');
  const result = await reviews.list(site.id, {
    status: q.status === 'all' ? undefined : q.status,
    type: q.type || undefined,
    page: q.page,
    pageSize: PAGE_SIZE,
  });
  let batch: BatchOutcome | null = null;
  if (q.batch) {
    const raw = await app.kv.get(`staff-batch:${q.batch}`);
    const parsed = raw ? (JSON.parse(raw) as BatchOutcome) : null;
    batch = parsed && parsed.staffId === c.id ? parsed : null;
  }
  const rows = result.items.map((r) => ({
    id: r.id,
    href: reviewPath(r.id, q),
    summary: r.summary,
    type: service(app, 'reviews').typeLabel(r.type, site.isMain),
    submittedAt: dateTime(r.submittedAt),
    decidedAt: r.decidedAt ? dateTime(r.decidedAt) : null,
    status: REVIEW_STATUS[r.status],
    pending: r.status === 'pending',
    comment: r.comment,
  }));
  return render(request, h, 'reviews/reviews', {
    data: {
      alerts: { flash: flash(q.done), message: extra.message },
      batch: batch
        ? {
            approvedCount: batch.approved.length,
            approved: batch.approved,
            skipped: batch.skipped,
          }
        : null,
      filter: {
        statuses: [
          { value: 'pending', label: '待审核' },
          { value: 'approved', label: '已通过' },
          { value: 'rejected', label: '未通过' },
          { value: 'withdrawn', label: '已撤回' },
          { value: 'all', label: '全部' },
        ].map((s) => ({ ...s, selected: s.value === q.status })),
        types: SUBJECT_TYPES.map((t) => ({
          value: t,
          label: service(app, 'reviews').typeLabel(t, site.isMain),
          selected: t === q.type,
        })),
        status: q.status,
        type: q.type,
        page: q.page,
      },
      rows,
      anyPending: rows.some((r) => r.pending),
      total: result.total,
      pager: pager(
        '/admin/reviews',
        { status: q.status, type: q.type || undefined },
        q.page,
        PAGE_SIZE,
        result.total,
      ),
    },
    title: '审核队列',
    status: extra.status,
    menu: 'reviews',
  });
}

interface DecisionForm {
  comment?: string;
  /** tags ticked in the form just sent (kept when it is shown again) */
  tagIds?: string[];
  tagError?: string;
  errors?: FormErrors;
  message?: string;
  flash?: string;
  overrideReason?: string;
  overrideError?: string;
  /** values of the decision's declared inputs (the form's `input.<name>` fields), kept when it is shown again */
  inputs?: Record<string, string>;
  inputErrors?: Record<string, string>;
}

/** The form field of a decision input. */
const inputField = (name: string) => `input.${name}`;
const inputId = (name: string) => `xz-f-input-${name}`;

/** The values of the declared decision inputs a decision form sent. */
function sentInputs(app: App, review: ReviewRow, payload: unknown): Record<string, string> {
  const names = service(app, 'reviews')
    .decisionInputs(review.subject_type)
    .map((i) => i.name);
  const sent = pick(payload, names.map(inputField));
  return Object.fromEntries(
    names.filter((n) => sent[inputField(n)] !== undefined).map((n) => [n, sent[inputField(n)]!]),
  );
}

/** A service failure's details on decision inputs (`input.<name>`), by input name. */
function inputErrorsOf(err: unknown): Record<string, string> {
  const details = (err as { data?: { details?: { path: string; message: string }[] } })?.data?.details ?? [];
  const errors: Record<string, string> = {};
  for (const d of details)
    if (d.path.startsWith('input.')) errors[d.path.slice(6)] ??= d.message.replace(/^[^：]*：/, '');
  return errors;
}

/** Why the ticked employer tags cannot be confirmed on `site` (in the membership service's words), or null. */
function tagProblem(app: App, site: Site, tagIds: string[]): string | null {
  if (tagIds.length > 10 || tagIds.some((t) => !/^[a-z0-9-]{1,40}$/.test(t)))
    return '所选单位标记不正确，请刷新页面后重试';
  try {
    service(app, 'memberships').checkTagsOf(site, tagIds);
    return null;
  } catch (err) {
    return failure(err, []).message ?? '所选单位标记不正确';
  }
}

/** The review of this id on the staff member's site: 404 when there is none, 403 when it is another site's. */
function ownReview(app: App, c: StaffCredentials, id: number): Promise<ReviewRow> {
  return service(app, 'reviews').getForStaff(c, id);
}

async function actorNames(
  app: App,
  c: StaffCredentials,
  history: { actor: { kind: string; id: number | null }; policy: string | null }[],
) {
  const accounts = service(app, 'accounts');
  const names = new Map<string, string>();
  for (const { actor, policy } of history) {
    const key = `${actor.kind}:${actor.id ?? ''}:${policy ?? ''}`;
    if (names.has(key)) continue;
    let name = '系统';
    if (actor.kind === 'employer' && actor.id !== null) {
      const account = await accounts.byId(actor.id);
      name = account ? `${account.name}（单位账号 ${account.phone}）` : '单位账号';
    } else if (actor.kind === 'staff') {
      name = actor.id === c.id ? `${c.username}（管理员）` : `管理员 #${actor.id}`;
    } else if (actor.kind === 'policy') {
      const label = policy ? (app.tenantPlugins.definition(policy)?.label ?? policy) : '';
      name = label ? `审核策略：${label}` : '审核策略';
    }
    names.set(key, name);
  }
  return (a: { kind: string; id: number | null }, policy: string | null) =>
    names.get(`${a.kind}:${a.id ?? ''}:${policy ?? ''}`) ?? '系统';
}

async function decisionPage(
  app: App,
  request: Request,
  h: ResponseToolkit,
  c: StaffCredentials,
  review: ReviewRow,
  form: DecisionForm,
  status = 200,
  filter: KeptFilter = { status: 'pending', type: '' },
) {
  const site = request.app.xz.site;
  const reviews = service(app, 'reviews');
  const view = reviews.view(review);
  const history = await reviews.history(view.id);
  const nameOf = await actorNames(app, c, history);
  let employer: Record<string, unknown> | null = null;
  let tagForm: Record<string, unknown> | null = null;
  let showOverride = false;
  if (view.employerId !== null && view.type === 'membership') {
    const profile = await service(app, 'employers').profile(view.employerId);
    const membership = await service(app, 'memberships').get(view.employerId, site);
    const letter = profile.authorizationLetterFileId
      ? await service(app, 'files').find(profile.authorizationLetterFileId)
      : undefined;
    const usccFailed = !profile.usccCheckPassed && !profile.usccVerifiedByStaff;
    const confirmed = membership?.tag_ids ?? [];
    const requested = membership?.requested_tag_ids ?? [];
    const nameOfTag = (id: string) => site.employerTags.find((t) => t.id === id)?.name ?? id;
    if (
      membership &&
      site.employerTags.length > 0 &&
      (view.status === 'pending' || membership.status === 'approved')
    ) {
      const ticked = form.tagIds ?? confirmed;
      tagForm = {
        inDecision: view.status === 'pending',
        error: form.tagError,
        tags: site.employerTags.map((t) => ({
          id: t.id,
          name: t.name,
          requested: requested.includes(t.id),
          checked: ticked.includes(t.id),
        })),
      };
    }
    // A school may read an applicant's files only once it has approved the membership (the province: always).
    const mayReadFiles = site.isMain || membership?.status === 'approved';
    showOverride = site.isMain && usccFailed;
    employer = {
      id: profile.id,
      name: profile.name,
      uscc: profile.uscc,
      usccFailed,
      usccVerifiedByStaff: profile.usccVerifiedByStaff,
      certification: {
        verified: profile.status === 'verified',
        label: EMPLOYER_STATUS[profile.status].label,
      },
      nature: profile.nature,
      industry: profile.industry,
      scale: profile.scale,
      regionCode: profile.regionCode,
      address: profile.address,
      website: profile.website,
      intro: profile.intro,
      contactName: profile.contactName,
      contactPhone: profile.contactPhone,
      contactEmail: profile.contactEmail,
      eSign: profile.eSign.enabled,
      submittedAt: dateTime(profile.submittedAt),
      tags: confirmed.map(nameOfTag),
      requestedTags: requested.filter((id) => !confirmed.includes(id)).map(nameOfTag),
      letterHidden: !!letter && !mayReadFiles,
      letter:
        letter && mayReadFiles
          ? {
              href: `/admin/files/${letter.id}`,
              name: letter.name,
              size: `${Math.max(1, Math.round(letter.size / 1024))} KB`,
              uploadedAt: dateTime(letter.createdAt),
            }
          : null,
    };
  } else if (view.employerId !== null) {
    const summary = await service(app, 'employers').summary(view.employerId);
    employer = { id: summary.id, name: summary.name, uscc: summary.uscc, brief: true };
  }
  const details = await reviews.details(review);
  const ended = view.status === 'pending' && (await reviews.isEnded(review));
  const next =
    view.status === 'pending' && !ended
      ? null
      : (
          await reviews.list(site.id, {
            status: 'pending',
            type: filter.type || undefined,
            page: 1,
            pageSize: 1,
          })
        ).items[0];
  const errors = form.errors ?? {};
  const inputErrors = form.inputErrors ?? {};
  const declared = view.status === 'pending' && !ended ? reviews.decisionInputs(view.type) : [];
  const inputs = await Promise.all(
    declared.map(async (i) => {
      const error = inputErrors[i.name];
      return {
        id: inputId(i.name),
        name: inputField(i.name),
        label: i.label,
        type: i.type === 'date' ? 'date' : 'text',
        value: form.inputs?.[i.name] ?? (await i.initial?.(review)) ?? '',
        help: i.help,
        error,
        describedBy: [i.help ? `${inputId(i.name)}-help` : '', error ? `${inputId(i.name)}-error` : '']
          .filter(Boolean)
          .join(' '),
      };
    }),
  );
  return render(request, h, 'reviews/review', {
    data: {
      alerts: {
        flash: form.flash,
        message: form.message,
        summary: [
          ...inputs.filter((i) => i.error).map((i) => ({ href: `#${i.id}`, text: `${i.label}：${i.error}` })),
          ...(errors.comment ? [{ href: '#xz-f-review-comment', text: `审核意见：${errors.comment}` }] : []),
          ...(form.overrideError
            ? [{ href: '#xz-f-override-reason', text: `核验意见：${form.overrideError}` }]
            : []),
          ...(form.tagError ? [{ href: '#xz-f-tagIds', text: `单位标记：${form.tagError}` }] : []),
        ],
      },
      review: {
        id: view.id,
        summary: view.summary,
        type: service(app, 'reviews').typeLabel(view.type, site.isMain),
        status: REVIEW_STATUS[view.status],
        pending: view.status === 'pending' && !ended,
        ended,
        submittedAt: dateTime(view.submittedAt),
        decidedAt: view.decidedAt ? dateTime(view.decidedAt) : null,
        comment: view.comment,
        isMembership: view.type === 'membership',
      },
      employer,
      tagForm,
      details: details
        ? {
            facts: details.facts,
            paragraphs: paragraphs(details.text ?? ''),
            files: (details.files ?? []).map((f) => ({ name: f.name, href: `/admin/files/${f.id}` })),
          }
        : null,
      history: history.map((e) => ({
        at: dateTime(e.at),
        action: ACTION_LABELS[e.action] ?? e.action,
        tone: e.action === 'approved' ? 'success' : e.action === 'rejected' ? 'danger' : 'muted',
        actor: nameOf(e.actor, e.policy),
        comment: e.comment,
      })),
      decision: {
        inputs,
        comment: form.comment ?? '',
        error: errors.comment,
        maxLength: MAX_COMMENT,
      },
      override: showOverride
        ? { reason: form.overrideReason ?? '', error: form.overrideError, employerId: view.employerId }
        : null,
      next: next ? { id: next.id, summary: next.summary, href: reviewPath(next.id, filter) } : null,
      filter,
      back: queuePath({ ...filter, page: 1 }),
    },
    title: `审核：${view.summary}`,
    status: status,
    menu: 'reviews',
  });
}

export function reviewPages(app: App): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/admin',
      options: {
        app: { page: { audience: 'staff' } },
        handler: (request, h) => {
          return h.redirect(local(request, '/admin/reviews?status=pending'));
        },
      },
    },
    {
      method: 'GET',
      path: '/admin/reviews',
      options: {
        app: { page: { audience: 'staff' } },
        validate: { query: queueQuerySchema },
        handler: async (request, h) => {
          const c = staffOf(request);
          return queuePage(app, request, h, c, request.query as unknown as QueueQuery);
        },
      },
    },
    {
      method: 'POST',
      path: '/admin/reviews/batch-approve',
      options: {
        app: { page: { audience: 'staff' } },
        handler: async (request, h) => {
          const c = staffOf(request);
          const payload = (request.payload ?? {}) as Record<string, unknown>;
          const echoed = queueQuerySchema.validate(pick(payload, ['status', 'type', 'page']));
          const back = (echoed.error ? queueQuerySchema.validate({}) : echoed).value as QueueQuery;
          const raw = list(payload.ids);
          const ids = [...new Set(raw.map(Number))];
          const comment = (pick(payload, ['comment']).comment ?? '').trim();
          const refuse = (message: string) =>
            queuePage(
              app,
              request,
              h,
              c,
              { ...back, batch: undefined, done: undefined },
              { message, status: 400 },
            );
          if (ids.length === 0) return refuse('请先勾选要批量通过的事项');
          if (raw.some((v) => !/^[1-9]\d{0,9}$/.test(v) || Number(v) > 2_147_483_647))
            return refuse('所选事项不正确，请刷新页面后重试');
          if (ids.length > 200) return refuse('一次最多批量通过 200 项');
          if (comment.length > MAX_COMMENT) return refuse(`审核意见不能超过 ${MAX_COMMENT} 字`);
          const result = await service(app, 'reviews').approveMany(c, ids, comment || null);
          const outcome: BatchOutcome = {
            staffId: c.id,
            approved: result.approved,
            skipped: result.skipped.map(({ id, summary, message }) => ({ id, summary, message })),
          };
          const key = randomBytes(16).toString('base64url');
          await app.kv.set(`staff-batch:${key}`, JSON.stringify(outcome), BATCH_TTL_SECONDS);
          const params = new URLSearchParams({ status: back.status, batch: key });
          if (back.type) params.set('type', back.type);
          return seeOther(request, h, `/admin/reviews?${params.toString()}`);
        },
      },
    },
    {
      method: 'GET',
      path: '/admin/reviews/{id}',
      options: {
        app: { page: { audience: 'staff' } },
        validate: {
          params: idParams,
          query: Joi.object({ done: Joi.string().max(40) }).unknown(true),
        },
        handler: async (request, h) => {
          const c = staffOf(request);
          const review = await ownReview(app, c, (request.params as { id: number }).id);
          return decisionPage(
            app,
            request,
            h,
            c,
            review,
            { flash: flash((request.query as { done?: string }).done) },
            200,
            keptFilter(request.query),
          );
        },
      },
    },
    {
      method: 'POST',
      path: '/admin/reviews/{id}/decision',
      options: {
        app: { page: { audience: 'staff' } },
        validate: { params: idParams },
        handler: async (request, h) => {
          const id = (request.params as { id: number }).id;
          const c = staffOf(request);
          const review = await ownReview(app, c, id);
          const input = pick(request.payload, ['decision', 'comment']);
          const comment = input.comment ?? '';
          const filter = keptFilter(request.payload);
          const inputs = sentInputs(app, review, request.payload);
          if (input.decision !== 'approve' && input.decision !== 'reject')
            return decisionPage(
              app,
              request,
              h,
              c,
              review,
              { comment, inputs, message: '请选择通过或驳回' },
              400,
              filter,
            );
          if (comment.trim().length > MAX_COMMENT)
            return decisionPage(
              app,
              request,
              h,
              c,
              review,
              { comment, inputs, errors: { comment: `审核意见不能超过 ${MAX_COMMENT} 字` } },
              400,
              filter,
            );
          const site = request.app.xz.site;
          const tagIds = list((request.payload as Record<string, unknown> | null)?.tagIds);
          const confirmsTags =
            review.subject_type === 'membership' &&
            input.decision === 'approve' &&
            site.employerTags.length > 0;
          if (confirmsTags) {
            const tagError = tagProblem(app, site, tagIds);
            if (tagError)
              return decisionPage(
                app,
                request,
                h,
                c,
                review,
                { comment, inputs, tagIds, tagError },
                400,
                filter,
              );
          }
          try {
            await service(app, 'reviews').decide(
              c,
              id,
              input.decision,
              comment.trim() || null,
              input.decision === 'approve' ? inputs : {},
            );
            if (confirmsTags)
              await service(app, 'memberships').confirmTags(c, site, Number(review.subject_id), tagIds);
          } catch (err) {
            const f = failure(err, ['comment']);
            if (f.status === 403 || f.status === 404) throw err;
            const inputErrors = inputErrorsOf(err);
            if (Object.keys(inputErrors).length) f.message = undefined;
            const now = (await service(app, 'reviews').get(id))!;
            return decisionPage(
              app,
              request,
              h,
              c,
              now,
              { comment, inputs, inputErrors, errors: f.errors, message: f.message },
              f.status,
              filter,
            );
          }
          return seeOther(
            request,
            h,
            reviewPath(id, filter),
            input.decision === 'approve' ? 'approved' : 'rejected',
          );
        },
      },
    },
    {
      method: 'POST',
      path: '/admin/reviews/{id}/tags',
      options: {
        app: { page: { audience: 'staff' } },
        validate: { params: idParams },
        handler: async (request, h) => {
          const id = (request.params as { id: number }).id;
          const c = staffOf(request);
          const review = await ownReview(app, c, id);
          if (review.subject_type !== 'membership') throw appError(404, 'NOT_FOUND', '审核记录不存在');
          const site = request.app.xz.site;
          const tagIds = list((request.payload as Record<string, unknown> | null)?.tagIds);
          const tagError = tagProblem(app, site, tagIds);
          if (tagError) return decisionPage(app, request, h, c, review, { tagIds, tagError }, 400);
          await service(app, 'memberships').confirmTags(c, site, Number(review.subject_id), tagIds);
          return seeOther(request, h, `/admin/reviews/${id}`, 'tags-confirmed');
        },
      },
    },
    {
      method: 'POST',
      path: '/admin/employers/{id}/uscc-override',
      options: {
        app: { page: { audience: 'staff' } },
        validate: { params: idParams },
        handler: async (request, h) => {
          const employerId = (request.params as { id: number }).id;
          const c = staffOf(request);
          if (!request.app.xz.site.isMain)
            throw appError(403, 'FORBIDDEN', '只有省级管理员可以核验统一社会信用代码');
          const input = pick(request.payload, ['reason', 'review']);
          const reviewId = /^[1-9]\d{0,8}$/.test(input.review ?? '') ? Number(input.review) : null;
          const review = reviewId ? await ownReview(app, c, reviewId) : null;
          if (review && review.employer_id !== employerId) throw appError(404, 'NOT_FOUND', '审核记录不存在');
          const reason = (input.reason ?? '').trim();
          const problem =
            reason.length === 0
              ? '请填写核验意见'
              : reason.length < 4
                ? '核验意见至少 4 个字'
                : reason.length > 500
                  ? '核验意见不能超过 500 字'
                  : null;
          const again = (overrideError: string | undefined, message: string | undefined, status: number) => {
            if (!review) throw appError(status, 'VALIDATION', overrideError ?? message ?? '提交的信息有误');
            return decisionPage(
              app,
              request,
              h,
              c,
              review,
              { overrideReason: input.reason ?? '', overrideError, message },
              status,
            );
          };
          if (problem) return again(problem, undefined, 400);
          try {
            await service(app, 'employers').overrideUscc(c, employerId, reason);
          } catch (err) {
            const f = failure(err, ['reason']);
            return again(f.errors.reason, f.message, f.status);
          }
          return seeOther(
            request,
            h,
            review ? `/admin/reviews/${review.id}` : '/admin/reviews',
            'overridden',
          );
        },
      },
    },
  ];
}
