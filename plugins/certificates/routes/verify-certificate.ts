import Accept from '@hapi/accept';
import type { ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { appError } from '../../../core/http/errors.js';
import { CODE_PATTERN, MESSAGES, type CertificateService } from '../certificate-service.js';

export const codeParams = Joi.object({ code: Joi.string().pattern(CODE_PATTERN).required() });
export const certificateNotFound = () =>
  appError(404, 'CERTIFICATE_NOT_FOUND', MESSAGES.CERTIFICATE_NOT_FOUND);

export const notFoundOnBadCode = (): never => {
  throw certificateNotFound();
};

const verified = Joi.object({ kind: Joi.string().required() })
  .pattern(/^/, Joi.alternatives().try(Joi.string(), Joi.number(), Joi.boolean()).allow(null))
  .label('VerifiedCertificate');

/**
 * What a certificate's QR code opens. API clients get `{ kind, ...fields }`; a phone's browser (which prefers
 * HTML) is sent on to the readable page of the same code, so the printed URL stays the documented API path.
 */
export function verifyCertificateRoute(certificates: CertificateService): ServerRoute {
  return {
    method: 'GET',
    path: '/api/v1/public/certificates/{code}',
    options: {
      tags: ['api', 'public'],
      description: '核验凭证（参会凭证、协议书）：扫码所得编号 → 种类与当前状态',
      auth: false,
      app: { access: { public: true } },
      validate: {
        params: codeParams,
        // Any malformed code reads exactly like an unknown one (hapi re-wraps errors thrown by a validate function).
        failAction: notFoundOnBadCode,
      },
      response: { status: { 200: verified } },
      handler: async (request, h) => {
        const { code } = request.params as { code: string };
        const accept = String(request.headers.accept ?? '');
        if (
          accept.includes('text/html') &&
          Accept.mediaType(accept, ['application/json', 'text/html']) === 'text/html'
        )
          return h.redirect(`/certificates/${code}`);
        const found = await certificates.verify(code);
        return h.response({ kind: found.kind, ...found.fields }).header('cache-control', 'no-store');
      },
    },
  };
}
