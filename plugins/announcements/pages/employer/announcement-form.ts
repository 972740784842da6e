// The 发布招聘公告 / 修改 form of the employer centre: its fields with the API's rules, the attachments field, and the
// posted form read back as the API's input.
import Joi from 'joi';
import { type AnnouncementService } from '../../announcement-service.js';
import { slugList } from '../../../jobs/schemas.js';
import { announcementBody, announcementTitle, MAX_ATTACHMENTS } from '../../schemas.js';
import { FieldSpec, FormErrors, FormValues, list, pick } from '../../../../core/pages/index.js';

export const SPECS: FieldSpec[] = [
  { name: 'title', label: '公告标题', required: true, attrs: { maxlength: 80, autocomplete: 'off' } },
  {
    name: 'body',
    label: '公告内容',
    textarea: true,
    rows: 12,
    required: true,
    help: '10～20000 字。不得含有性别、院校层次（如 985/211）、户籍、婚育等歧视性条件',
    attrs: { maxlength: 20000 },
  },
];
export const NAMES = ['title', 'body', 'attachments', 'siteSlugs'] as const;
export const LABELS: Record<string, string> = {
  title: '公告标题',
  body: '公告内容',
  attachments: '附件',
  siteSlugs: '发布站点',
};
export const ATTACHMENT_HELP = `PDF、JPG 或 PNG 格式，可一次选择多个文件；每个不超过 10 MB，一次合计不超过 20 MB，每条公告最多 ${MAX_ATTACHMENTS} 个附件`;

/** The API's rules for an announcement (POST/PUT /api/v1/employer/announcements). */
export const textSchema = Joi.object({
  title: announcementTitle,
  body: announcementBody,
  siteSlugs: slugList.default([]),
});

export function formValues(payload: unknown): FormValues {
  const source = (payload ?? {}) as Record<string, unknown>;
  return { ...pick(source, ['title', 'body']), siteSlugs: list(source.siteSlugs) };
}

export function textInput(values: FormValues): Record<string, unknown> {
  const input: Record<string, unknown> = { siteSlugs: list(values.siteSlugs) };
  for (const name of ['title', 'body'])
    if (typeof values[name] === 'string' && (values[name] as string).trim()) input[name] = values[name];
  return input;
}

export type AnnouncementView = Awaited<ReturnType<AnnouncementService['get']>>;

export interface FormState {
  values?: FormValues;
  errors?: FormErrors;
  message?: string;
  flash?: string;
  /** files were chosen but the form came back: the browser cannot keep them */
  fileDropped?: boolean;
  /** the announcement just saved (连续发布: a link to its 审核状态) */
  saved?: number;
  /** edit: the attachments ticked to keep */
  keep?: string[];
  locked?: string;
}

export function attachmentField(scope: string, error: string | undefined) {
  const id = `xz-f-${scope}-attachments`;
  return {
    id,
    helpId: `${id}-help`,
    help: ATTACHMENT_HELP,
    error,
    errorId: `${id}-error`,
    describedBy: [`${id}-help`, error ? `${id}-error` : ''].filter(Boolean).join(' '),
  };
}

export function withDroppedFiles(errors: FormErrors, fileDropped: boolean | undefined): FormErrors {
  if (fileDropped && !errors.attachments && Object.keys(errors).length > 0)
    return { ...errors, attachments: '表单未保存，请重新选择要上传的文件' };
  return errors;
}
