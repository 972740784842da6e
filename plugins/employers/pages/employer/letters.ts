// Printable 授权委托书 templates (单位注册 / 单位注册和网上签约) with the employer's name and USCC filled in, and the
// download of the employer's own uploaded files (the API's file route takes bearer tokens, pages have a cookie).
import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { service, type App } from '../../../../core/app.js';
import { appError } from '../../../../core/http/errors.js';
import { letterFor } from '../../profile.js';
import { render } from '../../../../core/pages/index.js';
import { employerOf } from '../../../accounts/permissions.js';

const FORMS = ['registration', 'registration-esign'] as const;
type LetterForm = (typeof FORMS)[number];

export function letterPages(app: App): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/employer/letters/{form}',
      options: {
        app: { page: { audience: 'employer' } },
        validate: {
          params: Joi.object({
            form: Joi.string()
              .valid(...FORMS)
              .required(),
          }),
        },
        handler: async (request, h) => {
          const c = employerOf(request);
          const form = (request.params as { form: LetterForm }).form;
          const eSign = form === 'registration-esign';
          const employer = await service(app, 'employers').profile(c.employerId);
          return render(request, h, 'employers/letter', {
            data: {
              letter: { ...letterFor(eSign), eSign },
              employer: { name: employer.name, uscc: employer.uscc },
              other: letterFor(!eSign),
            },
            title: letterFor(eSign).name,
          });
        },
      },
    },
    {
      method: 'GET',
      path: '/employer/files/{id}',
      options: {
        app: { page: { audience: 'employer', permission: 'profile' } },
        validate: { params: Joi.object({ id: Joi.string().guid().required() }) },
        handler: async (request, h) => {
          const c = employerOf(request);
          const file = await service(app, 'files').find((request.params as { id: string }).id);
          if (!file || file.employerId !== c.employerId) throw appError(404, 'NOT_FOUND', '文件不存在');
          return h
            .response(await service(app, 'files').read(file.storageKey))
            .type(file.mime)
            .header('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.name)}`)
            .header('X-Content-Type-Options', 'nosniff')
            .header('Cache-Control', 'private, no-store');
        },
      },
    },
  ];
}
