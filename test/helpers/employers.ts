// Arranging employers through the public API, as a user would: SMS code from the dev outbox, registration, profile.
import { usccCheckChar } from '../../core/identifiers.js';
import { getDeployment, inject, json } from './deployment.js';

let phoneCounter = 0;
let usccCounter = 0;
const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A phone number no other test of this run uses. */
export function nextPhone(): string {
  phoneCounter += 1;
  return `13788${String(process.pid % 100).padStart(2, '0')}${String(phoneCounter).padStart(4, '0')}`;
}

/** A USCC with a valid check character, unique in this run. */
export function nextUscc(): string {
  usccCounter += 1;
  let org = '';
  let x = usccCounter * 7919 + (process.pid % 1000) * 104729;
  for (let i = 0; i < 8; i += 1) {
    org += CHARS[x % 31];
    x = Math.floor(x / 31) + i * 17 + 3;
  }
  const first17 = `91320100${org}T`;
  return first17 + usccCheckChar(first17);
}

/** The same 17 characters with a wrong check character. */
export function withWrongCheckChar(uscc: string): string {
  const right = uscc[17]!;
  return uscc.slice(0, 17) + (right === '0' ? '1' : '0');
}

export async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined | null | false>,
  ms = 8000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 40));
  }
}

/** Requests a code and reads it from the dev SMS outbox once the job has delivered it. */
export async function smsCode(
  phone: string,
  purpose: 'register' | 'login' | 'reset' | 'student-login',
): Promise<string> {
  const inbox = async () =>
    json<{ items: { code: string; purpose: string }[] }>(await inject(`/api/v1/dev/sms?phone=${phone}`))
      .items;
  const before = (await inbox()).length;
  // Each helper request comes from its own loopback address, so the per-IP send limit (200 an hour) counts only the
  // tests that probe it, not the whole suite's fixtures.
  const res = await inject({
    method: 'POST',
    url: '/api/v1/sms-codes',
    payload: { phone, purpose },
    remoteAddress: `127.${phone.slice(-6, -4)}.${phone.slice(-4, -2)}.${phone.slice(-2)}`.replace(
      /\.0(\d)/g,
      '.$1',
    ),
  });
  if (res.statusCode !== 202) throw new Error(`sms-codes ${res.statusCode}: ${res.payload}`);
  const { app } = await getDeployment();
  await app.kv.del(`sms:rl:min:${phone}`);
  return waitFor(`sms code for ${phone}`, async () => {
    const items = await inbox();
    return items.length > before && items[0]!.purpose === purpose ? items[0]!.code : undefined;
  });
}

let nameCounter = 0;
export function nextName(): string {
  nameCounter += 1;
  return `测试单位${process.pid % 1000}号${nameCounter}有限公司`;
}

export interface Registered {
  token: string;
  employerId: number;
  accountId: number;
  phone: string;
  name: string;
  uscc: string;
  password: string;
}

export async function registerEmployer(
  over: Partial<{ name: string; uscc: string; phone: string; usccManualReview: boolean }> = {},
): Promise<Registered> {
  const phone = over.phone ?? nextPhone();
  const name = over.name ?? nextName();
  const uscc = over.uscc ?? nextUscc();
  const password = 'secret123';
  const code = await smsCode(phone, 'register');
  const res = await inject({
    method: 'POST',
    url: '/api/v1/employers',
    payload: {
      name,
      uscc,
      contactName: '张三',
      contactPhone: phone,
      smsCode: code,
      password,
      enableESign: false,
      usccManualReview: over.usccManualReview ?? false,
    },
  });
  if (res.statusCode !== 201) throw new Error(`register ${res.statusCode}: ${res.payload}`);
  const body = json<{ token: string; employer: { id: number }; account: { id: number } }>(res);
  return {
    token: body.token,
    employerId: body.employer.id,
    accountId: body.account.id,
    phone,
    name,
    uscc,
    password,
  };
}

export function bearer(token: string) {
  return { authorization: `Bearer ${token}` };
}

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
export const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

/** multipart/form-data body with one file and fields. */
export function multipart(
  fields: Record<string, string>,
  file?: { name: string; data: Buffer; type?: string },
) {
  const boundary = `----xz${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export async function uploadFile(
  token: string,
  data: Buffer,
  name = '授权委托书.pdf',
  purpose = 'authorization-letter',
) {
  const body = multipart({ purpose }, { name, data });
  return inject({
    method: 'POST',
    url: '/api/v1/files',
    payload: body.payload,
    headers: { ...body.headers, ...bearer(token) },
  });
}

export const COMPLETE_PROFILE = {
  nature: '民营企业',
  industry: '信息技术',
  scale: '150-500人',
  regionCode: '320100',
  address: '南京市玄武区示范路 1 号',
  intro: '一家专注于软件研发的科技企业，长期招聘高校毕业生。',
  contactName: '张三',
};

/** Uploads a letter and completes the profile: applies for certification on main. */
export async function submitProfile(token: string) {
  const file = json<{ id: string }>(await uploadFile(token, PDF));
  return inject({
    method: 'PUT',
    url: '/api/v1/employer',
    headers: bearer(token),
    payload: { ...COMPLETE_PROFILE, authorizationLetterFileId: file.id },
  });
}

/** Approves every pending review of a site that matches, as that site's staff would. */
export async function approvePending(
  site: string,
  where: (review: { subject_type: string; subject_id: number; employer_id: number }) => boolean,
  comment?: string,
) {
  const { app } = await getDeployment();
  const { staffToken } = await import('./deployment.js');
  const token = await staffToken(`${site}.admin`);
  const rows = await app.db('reviews').where({ site_id: app.sites.get(site)!.id, status: 'pending' });
  for (const r of rows.filter(where)) {
    const res = await inject({
      method: 'POST',
      url: `/api/v1/admin/reviews/${r.id}/decision`,
      headers: bearer(token),
      payload: { decision: 'approve', comment },
    });
    if (res.statusCode !== 200) throw new Error(`approve ${r.id}: ${res.payload}`);
  }
}

/** A certified employer that is an approved member of the given school sites, reached through the API. */
export async function memberOf(slugs: string[]): Promise<Registered> {
  const reg = await registerEmployer();
  const submitted = await submitProfile(reg.token);
  if (submitted.statusCode !== 200) throw new Error(`profile: ${submitted.payload}`);
  await approvePending('main', (r) => r.employer_id === reg.employerId && r.subject_type === 'membership');
  for (const slug of slugs) {
    const res = await inject({
      method: 'POST',
      url: `/api/v1/employer/sites/${slug}/membership`,
      headers: bearer(reg.token),
      payload: {},
    });
    if (res.statusCode !== 201) throw new Error(`apply ${slug}: ${res.payload}`);
    await approvePending(slug, (r) => r.employer_id === reg.employerId && r.subject_type === 'membership');
  }
  return reg;
}
