// Arranging agreements (网签协议): an employer with an approved signing authorisation (test/helpers/signing.ts), offers,
// invitations and the moves of an agreement through the API.
import { addDays } from '../../core/format/index.js';
import { bearer, type Registered } from './employers.js';
import { getDeployment, inject, json, staffToken } from './deployment.js';
import {
  authorizationRequest,
  authorizedEmployer,
  decideAuthorization,
  submitAuthorization,
} from './signing.js';

/** Approves the employer's signing authorisation (submitted through the API, approved by main's staff). */
export async function authorizeSigning(reg: Registered): Promise<void> {
  const res = await submitAuthorization(reg.token, await authorizationRequest(reg.token));
  if (res.statusCode !== 201) throw new Error(`signing authorization: ${res.payload}`);
  const decided = await decideAuthorization(reg.employerId, 'approve');
  if (decided.statusCode !== 200) throw new Error(`approve signing authorization: ${decided.payload}`);
}

/** An employer with an approved signing authorisation (no school membership: signing needs none). */
export const signingEmployer = authorizedEmployer;

/** An offer for `studentId` that passes validation, respond-by in a week. */
export async function offer(studentId: number, over: Record<string, unknown> = {}) {
  const { app } = await getDeployment();
  return {
    studentId,
    position: '软件开发工程师',
    salaryMonthly: 12000,
    probationMonths: 3,
    contractYears: 3,
    workPlace: '南京市',
    archive: { forward: true, address: '南京市人才服务中心' },
    hukou: { transfer: false },
    respondBy: addDays(app.clock.today(), 7),
    note: '五险一金',
    ...over,
  };
}

/**
 * Finds students as 发送签约邀请 does — the exact search by 身份证号 — so that the employer reaches them (an invitation
 * may name only a student found, offered or signed with before). Unknown ids are left alone.
 */
export async function findStudents(token: string, studentIds: number[]): Promise<void> {
  const { app } = await getDeployment();
  const rows = (await app.db('students').whereIn('id', studentIds).select('id_number')) as {
    id_number: string;
  }[];
  for (const r of rows) {
    const res = await inject({
      url: `/api/v1/employer/signing/candidates?q=${r.id_number}`,
      headers: bearer(token),
    });
    if (res.statusCode !== 200 && res.statusCode !== 403) throw new Error(`candidates: ${res.payload}`);
  }
}

/** POST /employer/agreements; by default each invited student is first found by the employer's search. */
export async function invite(token: string, invitations: unknown[], opts: { search?: boolean } = {}) {
  if (opts.search !== false)
    await findStudents(
      token,
      invitations.map((i) => Number((i as { studentId?: unknown }).studentId)).filter(Number.isInteger),
    );
  return inject({
    method: 'POST',
    url: '/api/v1/employer/agreements',
    headers: bearer(token),
    payload: { invitations },
  });
}

/** Sends one invitation and answers its agreement id. */
export async function inviteOne(token: string, studentId: number, over: Record<string, unknown> = {}) {
  const res = await invite(token, [await offer(studentId, over)]);
  const body = json<{ created: { id: number }[]; refused: unknown[] }>(res);
  if (res.statusCode !== 201 || body.created.length !== 1) throw new Error(`invite: ${res.payload}`);
  return body.created[0]!.id;
}

export async function studentPost(token: string, id: number, path: string, payload: object = {}) {
  return inject({
    method: 'POST',
    url: `/api/v1/student/agreements/${id}/${path}`,
    headers: bearer(token),
    payload,
  });
}

export async function staffPost(site: string, id: number, path: string, payload: object = {}) {
  return inject({
    method: 'POST',
    url: `/api/v1/admin/agreements/${id}/${path}`,
    headers: bearer(await staffToken(`${site}.admin`)),
    payload,
  });
}
