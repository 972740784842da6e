// 单位信息维护 + 认证: the profile form (multipart, with the 授权委托书 upload). The letter is stored first, then the
// profile saved with its id; the first complete save applies for certification on the main site (the service decides)
// and then opens 登录学校分站, as the user guide describes.
// Two buttons: 保存草稿 (formnovalidate: any subset of fields, only the filled ones checked, never applies) and 提交认证
// (the profile must be complete once saved: every missing field is named at once, next to it, the values kept).
// Blank text fields are left as they are (drafts may be saved), except the optional website and e-mail, which clear.
import type { Request, ResponseToolkit, ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { service, type App } from '../../../../core/app.js';
import type { EmployerCredentials } from '../../../accounts/permissions.js';
import { MAX_FILE_BYTES } from '../../../files/file-service.js';
import {
  FIELD_LABELS,
  missingMessage,
  NATURES,
  profileSchema,
  SCALES,
  type ProfileInput,
} from '../../profile.js';
import {
  FieldSpec,
  FormErrors,
  FormValues,
  dateTime,
  errorSummary,
  failure,
  fields,
  render,
  seeOther,
  sessionOf,
  toLogin,
  uploads,
  validateForm,
} from '../../../../core/pages/index.js';
import { employerOf } from '../../../accounts/permissions.js';
import { regionGroups } from '../../../../core/regions.js';
import { flash } from '../flash.js';
import { EMPLOYER_STATUS } from '../../status.js';

const SPECS: FieldSpec[] = [
  { name: 'nature', label: '单位性质', options: NATURES, required: true },
  {
    name: 'industry',
    label: '所属行业',
    required: true,
    help: '如：信息技术、智能制造、生物医药',
    attrs: { maxlength: 40 },
  },
  { name: 'scale', label: '单位规模', options: SCALES, required: true },
  {
    name: 'regionCode',
    label: '所在地区',
    required: true,
    help: '按省份分组，可选到市或区县（GB/T 2260 行政区划）',
  },
  {
    name: 'address',
    label: '详细地址',
    required: true,
    attrs: { maxlength: 200, autocomplete: 'address-line1' },
  },
  {
    name: 'website',
    label: '单位网址（选填）',
    type: 'url',
    help: '以 http:// 或 https:// 开头',
    attrs: { maxlength: 200, autocomplete: 'url' },
  },
  {
    name: 'intro',
    label: '单位简介',
    textarea: true,
    rows: 6,
    required: true,
    help: '10～5000 字，介绍单位的主营业务、规模和发展情况',
    attrs: { maxlength: 5000 },
  },
  { name: 'contactName', label: '联系人', required: true, attrs: { maxlength: 30, autocomplete: 'name' } },
  {
    name: 'contactEmail',
    label: '联系邮箱（选填）',
    type: 'email',
    attrs: { maxlength: 100, autocomplete: 'email' },
  },
];
const TEXT = SPECS.map((s) => s.name);
const NAMES = [...TEXT, 'letter'] as const;
const CLEARABLE = ['website', 'contactEmail'];
const LABELS: Record<string, string> = { ...FIELD_LABELS, letter: '授权委托书' };

interface ProfileForm {
  values?: FormValues;
  errors?: FormErrors;
  message?: string;
  flash?: string;
  /** A file was chosen but the form came back: the browser cannot keep it. */
  fileDropped?: boolean;
}

async function page(
  app: App,
  request: Request,
  h: ResponseToolkit,
  c: EmployerCredentials,
  form: ProfileForm,
  status = 200,
) {
  const profile = await service(app, 'employers').profile(c.employerId);
  const values: FormValues = form.values ?? {
    nature: profile.nature,
    industry: profile.industry,
    scale: profile.scale,
    regionCode: profile.regionCode,
    address: profile.address,
    website: profile.website,
    intro: profile.intro,
    contactName: profile.contactName,
    contactEmail: profile.contactEmail,
  };
  const errors = { ...(form.errors ?? {}) };
  if (form.fileDropped && !errors.letter && Object.keys(errors).length > 0)
    errors.letter = '表单未保存，请重新选择要上传的文件';
  const letterFile = profile.authorizationLetterFileId
    ? await service(app, 'files').find(profile.authorizationLetterFileId)
    : undefined;
  const f = fields(SPECS, values, errors);
  Object.assign(f.regionCode!, { groups: regionGroups(f.regionCode!.value) });
  const letterHelp = 'PDF、JPG 或 PNG 格式，不超过 10 MB';
  return render(request, h, 'employers/profile', {
    data: {
      profile: {
        name: profile.name,
        uscc: profile.uscc,
        contactPhone: profile.contactPhone,
        usccPending: !profile.usccCheckPassed && !profile.usccVerifiedByStaff,
        submittedAt: dateTime(profile.submittedAt),
        status: { ...EMPLOYER_STATUS[profile.status], comment: profile.certification?.comment ?? null },
        rejected: profile.status === 'rejected',
        canApply: profile.status === 'unverified' || profile.status === 'rejected',
        complete: profile.profileComplete,
        missing: profile.missingFields.map((m) => m.label),
        eSign: profile.eSign,
      },
      letter: {
        template: profile.eSign.authorizationLetter,
        file: letterFile
          ? {
              id: letterFile.id,
              name: letterFile.name,
              size: `${Math.max(1, Math.round(letterFile.size / 1024))} KB`,
              uploadedAt: dateTime(letterFile.createdAt),
            }
          : null,
        id: 'xz-f-letter',
        helpId: 'xz-f-letter-help',
        help: letterHelp,
        error: errors.letter,
        errorId: 'xz-f-letter-error',
        describedBy: ['xz-f-letter-help', errors.letter ? 'xz-f-letter-error' : ''].filter(Boolean).join(' '),
        required: !letterFile,
      },
      form: { fields: f },
      alerts: { flash: form.flash, message: form.message, summary: errorSummary(errors, LABELS) },
    },
    title: '单位信息',
    status: status,
    menu: 'profile',
  });
}

/** The text fields of the multipart form; blank ones are left out unless they may be cleared. */
function textValues(payload: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const name of TEXT) {
    const raw = payload[name];
    if (typeof raw !== 'string') continue;
    if (raw.trim() === '' && !CLEARABLE.includes(name)) continue;
    values[name] = raw.trim() === '' ? '' : raw;
  }
  return values;
}

export function profilePages(app: App): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/employer/profile',
      options: {
        app: { page: { audience: 'employer', permission: 'profile' } },
        validate: { query: Joi.object({ done: Joi.string().max(40) }).unknown(true) },
        handler: async (request, h) => {
          const c = employerOf(request);
          return page(app, request, h, c, { flash: flash((request.query as { done?: string }).done) });
        },
      },
    },
    {
      method: 'POST',
      path: '/employer/profile',
      options: {
        app: { page: { audience: 'employer', permission: 'profile' } },
        payload: {
          output: 'data',
          parse: true,
          multipart: { output: 'annotated' },
          maxBytes: MAX_FILE_BYTES + 256 * 1024,
          // A file far over the limit never reaches files.store: answer with the form, not a bare 413.
          failAction: async (request, h, err) => {
            // The payload is read before the page access check: a visitor who is not signed in goes to the login page.
            const c = sessionOf<EmployerCredentials>(request, 'employer');
            if (!c) return toLogin(request, h, 'employer', '/employer/profile').takeover();
            const status = (err as { output?: { statusCode?: number } })?.output?.statusCode ?? 400;
            const message = status === 413 ? '文件不能超过 10 MB' : '上传失败，请重新选择文件';
            const response = await page(app, request, h, c, { errors: { letter: message } }, status);
            return response.takeover();
          },
        },
        handler: async (request, h) => {
          const c = employerOf(request);
          const payload = (request.payload ?? {}) as Record<string, unknown>;
          const values = textValues(payload);
          const upload = uploads(payload.letter)[0] ?? null;
          const apply = payload.intent === 'draft' ? false : payload.intent === 'apply' ? true : undefined;
          const checked = validateForm<ProfileInput>(profileSchema, values, NAMES);
          const errors = { ...checked.errors };
          if (apply) {
            const stored = await service(app, 'employers').profile(c.employerId);
            for (const { field } of stored.missingFields) {
              const name = field === 'authorizationLetterFileId' ? 'letter' : field;
              if (errors[name] || (name === 'letter' ? upload : values[name] !== undefined)) continue;
              errors[name] = missingMessage(field);
            }
          }
          if (Object.keys(errors).length > 0)
            return page(app, request, h, c, { values, errors, fileDropped: !!upload }, 400);
          const input: ProfileInput = { ...checked.value };
          try {
            if (upload) {
              const stored = await service(app, 'files').store({
                employerId: c.employerId,
                accountId: c.id,
                purpose: 'authorization-letter',
                filename: upload.filename || '授权委托书',
                data: upload.payload!,
              });
              input.authorizationLetterFileId = stored.id;
            }
          } catch (err) {
            const f = failure(err, NAMES);
            return page(
              app,
              request,
              h,
              c,
              { values, errors: { letter: f.message ?? '上传失败' } },
              f.status,
            );
          }
          try {
            const first = !(await service(app, 'employers').get(c.employerId)).profile_submitted_at;
            const { applied } = await service(app, 'employers').updateProfile(c.employerId, c.id, input, {
              apply,
            });
            // The user guide: the first submission opens 登录学校分站 (for accounts that may use it).
            if (applied && first && c.permissions.includes('sites'))
              return seeOther(request, h, '/employer/sites?tab=unjoined', 'certification-applied');
            return seeOther(
              request,
              h,
              '/employer/profile',
              applied ? 'applied' : apply === false ? 'draft' : 'saved',
            );
          } catch (err) {
            if (input.authorizationLetterFileId && upload)
              await service(app, 'files').discard([input.authorizationLetterFileId], c.employerId);
            const f = failure(err, [...NAMES, 'authorizationLetterFileId']);
            const errors = { ...f.errors };
            if (errors.authorizationLetterFileId) {
              errors.letter = errors.authorizationLetterFileId;
              delete errors.authorizationLetterFileId;
            }
            return page(app, request, h, c, { values, errors, message: f.message }, f.status);
          }
        },
      },
    },
  ];
}
