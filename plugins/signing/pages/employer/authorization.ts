// 签约中心 › 签约授权: the employer's authorisation as it stands (status, validity, the province's comment, a request
// under review) and the request form — the letter uploaded with the form (multipart, the files plugin stores it) or,
// for an employer that chose 是否同步开启网签 at registration, the 《单位注册和网上签约授权委托书》 it already uploaded;
// the agent's name, ID number and phone; the validity asked for. Every field error at once, typed values kept (a
// chosen file cannot be kept by the browser: the page says so). Renewal is offered while approved, with a warning in
// the last 30 days. The rules are the service's (the same as POST /api/v1/employer/signing-authorization).
import type { Request, ResponseToolkit, ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { service, type App } from '../../../../core/app.js';
import {
  dateTime,
  errorSummary,
  failure,
  fields,
  flashTexts,
  pick,
  render,
  seeOther,
  sessionOf,
  toLogin,
  uploads,
  validateForm,
  type FieldSpec,
  type FormErrors,
  type FormValues,
} from '../../../../core/pages/index.js';
import { employerOf, type EmployerCredentials } from '../../../accounts/permissions.js';
import { MAX_FILE_BYTES } from '../../../files/file-service.js';
import type { AuthorizationState, AuthorizationStatus, RequestView } from '../../authorization-service.js';
import { authorizationSchema } from '../../schemas.js';

export const AUTHORIZATION_PATH = '/employer/signing/authorization';

/** The letter form of 是否同步开启网签 (the employers feature prints it at /employer/letters/{form}). */
const ESIGN_LETTER = { form: 'registration-esign', name: '单位注册和网上签约授权委托书' };

const flash = flashTexts({
  submitted: '签约授权申请已提交，等待省级主站审核；审核结果将通过站内消息通知。',
});

export const STATUS_LABELS: Record<AuthorizationStatus, { label: string; tone: string }> = {
  none: { label: '未申请', tone: 'muted' },
  pending: { label: '审核中', tone: 'warning' },
  approved: { label: '已授权', tone: 'success' },
  rejected: { label: '未通过', tone: 'danger' },
  expired: { label: '已到期', tone: 'danger' },
};
const REQUEST_LABELS: Record<RequestView['status'], { label: string; tone: string }> = {
  pending: { label: '审核中', tone: 'warning' },
  approved: { label: '已通过', tone: 'success' },
  rejected: { label: '未通过', tone: 'danger' },
};

const SPECS: FieldSpec[] = [
  { name: 'agentName', label: '经办人姓名', required: true, attrs: { maxlength: 30, autocomplete: 'name' } },
  {
    name: 'agentIdNumber',
    label: '经办人身份证号',
    required: true,
    help: '18 位居民身份证号，最后一位可能是 X',
    attrs: { maxlength: 18, autocomplete: 'off', inputmode: 'text' },
  },
  {
    name: 'agentPhone',
    label: '经办人手机号',
    type: 'tel',
    required: true,
    attrs: { maxlength: 20, autocomplete: 'tel' },
  },
  {
    name: 'validUntil',
    label: '申请授权有效期至',
    type: 'date',
    required: true,
    help: '授权自省级主站审核通过之日起生效，至所填日期（含）止，最长 5 年',
  },
];
const TEXT = SPECS.map((s) => s.name);
const NAMES = ['letter', ...TEXT] as const;
const LABELS: Record<string, string> = {
  letter: '授权委托书',
  ...Object.fromEntries(SPECS.map((s) => [s.name, s.label])),
};
const formSchema = authorizationSchema.fork(['letterFileId'], (s) => s.optional());

interface PageForm {
  values?: FormValues;
  errors?: FormErrors;
  message?: string;
  flash?: string;
  /** `registration` (the letter uploaded at registration) or `upload` */
  letterSource?: string;
  fileDropped?: boolean;
}

function requestView(r: RequestView) {
  return {
    ...r,
    status: REQUEST_LABELS[r.status],
    submittedAt: dateTime(r.submittedAt),
    decidedAt: r.decidedAt ? dateTime(r.decidedAt) : null,
    letterHref: `/employer/files/${r.letterFileId}`,
  };
}

/** The letter uploaded at registration with 是否同步开启网签, if any. */
async function registrationLetter(app: App, employerId: number) {
  const profile = await service(app, 'employers').profile(employerId);
  if (!profile.eSign.enabled || !profile.authorizationLetterFileId) return null;
  const file = await service(app, 'files').find(profile.authorizationLetterFileId);
  return file && file.employerId === employerId ? { id: file.id, name: file.name } : null;
}

async function page(
  app: App,
  request: Request,
  h: ResponseToolkit,
  c: EmployerCredentials,
  form: PageForm,
  status = 200,
) {
  const authorizations = service(app, 'signingAuthorizations');
  const state: AuthorizationState = await authorizations.state(c.employerId);
  const history = await authorizations.history(c.employerId);
  const fromRegistration = await registrationLetter(app, c.employerId);
  const errors = { ...(form.errors ?? {}) };
  if (form.fileDropped && !errors.letter && Object.keys(errors).length > 0)
    errors.letter = '表单未提交，请重新选择要上传的授权委托书';
  const source = fromRegistration ? (form.letterSource ?? 'registration') : 'upload';
  const values = form.values ?? {};
  return render(request, h, 'signing/authorization', {
    data: {
      alerts: { flash: form.flash, message: form.message, summary: errorSummary(errors, LABELS) },
      state: {
        ...state,
        badge: STATUS_LABELS[state.status],
        isApproved: state.status === 'approved',
        isPending: state.status === 'pending',
        isRejected: state.status === 'rejected',
        isExpired: state.status === 'expired',
        isNone: state.status === 'none',
        refusal: state.status === 'approved' ? null : authorizations.refusal(state),
        pending: state.pending ? requestView(state.pending) : null,
        current: state.current ? requestView(state.current) : null,
      },
      form: state.canApply
        ? {
            renewal: state.status === 'approved',
            fields: fields(SPECS, values, errors),
            letter: {
              template: ESIGN_LETTER,
              fromRegistration,
              useRegistration: source === 'registration',
              error: errors.letter,
              help: 'PDF、JPG 或 PNG 格式，不超过 10 MB',
            },
            latest: authorizations.latestValidUntil(),
          }
        : null,
      history: history.map(requestView),
    },
    title: '签约授权',
    status,
    menu: 'signing-authorization',
  });
}

export function authorizationPages(app: App): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: AUTHORIZATION_PATH,
      options: {
        app: { page: { audience: 'employer', permission: 'signing' } },
        validate: { query: Joi.object({ done: Joi.string().max(40) }).unknown(true) },
        handler: (request, h) =>
          page(app, request, h, employerOf(request), {
            flash: flash((request.query as { done?: string }).done),
          }),
      },
    },
    {
      method: 'POST',
      path: AUTHORIZATION_PATH,
      options: {
        app: { page: { audience: 'employer', permission: 'signing' } },
        payload: {
          output: 'data',
          parse: true,
          multipart: { output: 'annotated' },
          maxBytes: MAX_FILE_BYTES + 256 * 1024,
          // A file far over the limit never reaches files.store: answer with the form, not a bare 413.
          failAction: async (request, h, err) => {
            const c = sessionOf<EmployerCredentials>(request, 'employer');
            if (!c) return toLogin(request, h, 'employer', AUTHORIZATION_PATH).takeover();
            const code = (err as { output?: { statusCode?: number } })?.output?.statusCode ?? 400;
            const message = code === 413 ? '文件不能超过 10 MB' : '上传失败，请重新选择文件';
            return (await page(app, request, h, c, { errors: { letter: message } }, code)).takeover();
          },
        },
        handler: async (request, h) => {
          const c = employerOf(request);
          const payload = (request.payload ?? {}) as Record<string, unknown>;
          const values = pick(payload, TEXT);
          const letterSource = pick(payload, ['letterSource']).letterSource;
          const upload = uploads(payload.letter)[0] ?? null;
          const authorizations = service(app, 'signingAuthorizations');
          const again = (form: PageForm, status: number) =>
            page(app, request, h, c, { values, letterSource, fileDropped: !!upload, ...form }, status);

          // Every field error at once: joi's shape checks, then the service's (ID number, phone, dates) for the rest.
          const checked = validateForm<Record<string, string>>(formSchema, values, NAMES);
          const errors: FormErrors = { ...checked.errors };
          const rest = Object.fromEntries(
            (['agentIdNumber', 'agentPhone', 'validUntil'] as const)
              .filter((n) => !errors[n] && values[n] !== undefined)
              .map((n) => [n, values[n]!]),
          );
          for (const d of await authorizations.problems(c.employerId, rest)) errors[d.path] ??= d.message;
          const fromRegistration = await registrationLetter(app, c.employerId);
          const useRegistration = !!fromRegistration && letterSource !== 'upload' && !upload;
          if (!useRegistration && !upload) errors.letter = '请上传盖章的授权委托书';
          if (Object.keys(errors).length > 0) return again({ errors }, 400);

          let letterFileId = fromRegistration?.id ?? '';
          if (!useRegistration) {
            try {
              letterFileId = (
                await service(app, 'files').store({
                  employerId: c.employerId,
                  accountId: c.id,
                  purpose: 'authorization-letter',
                  filename: upload!.filename || '网上签约授权委托书',
                  data: upload!.payload!,
                })
              ).id;
            } catch (err) {
              const f = failure(err, NAMES);
              return again({ errors: { letter: f.message ?? '上传失败' } }, f.status);
            }
          }
          try {
            await authorizations.submit(c, {
              letterFileId,
              agentName: checked.value.agentName!,
              agentIdNumber: values.agentIdNumber!,
              agentPhone: values.agentPhone!,
              validUntil: values.validUntil!,
            });
          } catch (err) {
            if (!useRegistration) await service(app, 'files').discard([letterFileId], c.employerId);
            const f = failure(err, [...NAMES, 'letterFileId']);
            const errors = { ...f.errors };
            if (errors.letterFileId) {
              errors.letter = errors.letterFileId;
              delete errors.letterFileId;
            }
            return again({ errors, message: f.message }, f.status);
          }
          return seeOther(request, h, AUTHORIZATION_PATH, 'submitted');
        },
      },
    },
  ];
}
