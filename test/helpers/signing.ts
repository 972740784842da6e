// Arranging signing authorisations through the API, as an employer and province staff would.
import { getDeployment, inject, json, staffToken } from './deployment.js';
import { bearer, PDF, registerEmployer, uploadFile, type Registered } from './employers.js';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
let idCounter = 0;

/** A 居民身份证号 that passes GB 11643 (born 1990–1999 in 南京市玄武区), unique in this run. */
export function nextIdNumber(): string {
  idCounter += 1;
  const birth = `199${idCounter % 10}0${1 + (idCounter % 9)}1${idCounter % 10}`;
  const first17 = `320102${birth}${String(100 + ((idCounter * 7 + process.pid) % 900)).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return first17 + ID_CHECK[sum % 11]!;
}

/** The same 17 digits with a wrong check character. */
export function withWrongIdCheck(id: string): string {
  return id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
}

/** A date `days` after today (app clock, Asia/Shanghai). */
export async function daysFromToday(days: number): Promise<string> {
  const { app } = await getDeployment();
  return new Date(Date.parse(`${app.clock.today()}T00:00:00Z`) + days * 86_400_000)
    .toISOString()
    .slice(0, 10);
}

/** Uploads a letter and returns a complete request body. */
export async function authorizationRequest(token: string, over: Record<string, unknown> = {}) {
  const letter = json<{ id: string }>(await uploadFile(token, PDF, '网上签约授权委托书.pdf'));
  return {
    letterFileId: letter.id,
    agentName: '王经办',
    agentIdNumber: nextIdNumber(),
    agentPhone: '13912345678',
    validUntil: await daysFromToday(365),
    ...over,
  };
}

export const submitAuthorization = (token: string, payload: Record<string, unknown>) =>
  inject({ method: 'POST', url: '/api/v1/employer/signing-authorization', headers: bearer(token), payload });

/** The pending review of an employer's signing authorisation on the main site. */
export async function pendingAuthorizationReview(
  employerId: number,
): Promise<{ id: number; subject_id: number }> {
  const { app } = await getDeployment();
  const row = await app
    .db('reviews')
    .where({ subject_type: 'signing_authorization', employer_id: employerId, status: 'pending' })
    .first('id', 'subject_id');
  if (!row) throw new Error(`no pending signing authorisation review for employer ${employerId}`);
  return { id: Number(row.id), subject_id: Number(row.subject_id) };
}

/** A decision of province staff (main.admin) on the employer's pending request. */
export async function decideAuthorization(
  employerId: number,
  decision: 'approve' | 'reject',
  extra: { comment?: string; input?: Record<string, string> } = {},
  staff = 'main.admin',
) {
  const review = await pendingAuthorizationReview(employerId);
  return inject({
    method: 'POST',
    url: `/api/v1/admin/reviews/${review.id}/decision`,
    headers: bearer(await staffToken(staff)),
    payload: { decision, ...extra },
  });
}

/** A new employer holding an approved signing authorisation (valid for a year), reached through the API. */
export async function authorizedEmployer(): Promise<Registered> {
  const reg = await registerEmployer();
  const res = await submitAuthorization(reg.token, await authorizationRequest(reg.token));
  if (res.statusCode !== 201) throw new Error(`signing authorisation: ${res.payload}`);
  const decided = await decideAuthorization(reg.employerId, 'approve');
  if (decided.statusCode !== 200) throw new Error(`approve signing authorisation: ${decided.payload}`);
  return reg;
}
