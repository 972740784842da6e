// 宣讲会 fixtures through the real API: a day ahead in school time, a room made by the school's staff, and a session
// applied for by an employer (approved by the school's staff when asked).
import { expect } from 'chai';
import { getDeployment, inject, json, staffToken } from './deployment.js';
import { bearer, type Registered } from './employers.js';

/** A local (Asia/Shanghai) date `days` from today. */
export async function dayAhead(days: number): Promise<string> {
  const { app } = await getDeployment();
  return new Date(Date.parse(`${app.clock.today()}T00:00:00+08:00`) + days * 86_400_000 + 8 * 3_600_000)
    .toISOString()
    .slice(0, 10);
}

/** A bookable room of the school, with a random name unless `over` names it. */
export async function createRoom<T extends { id: number; name: string } = { id: number; name: string }>(
  slug = 'nju',
  over: Record<string, unknown> = {},
): Promise<T> {
  const res = await inject({
    method: 'POST',
    url: `/api/v1/admin/sites/${slug}/rooms`,
    headers: bearer(await staffToken(`${slug}.admin`)),
    payload: {
      name: `报告厅 ${Math.random().toString(36).slice(2, 8)}`,
      building: '仙林校区 图书馆',
      capacity: 300,
      bookable: true,
      ...over,
    },
  });
  expect(res.statusCode, res.payload).to.equal(201);
  return json<T>(res);
}

/** An offline session at nju, 14:00–16:00 on `date`, applied for through the API; approved by nju staff if asked. */
export async function applySession(
  e: Registered,
  roomId: number,
  date: string,
  o: { approve?: boolean; title?: string; description?: string } = {},
): Promise<number> {
  const res = await inject({
    method: 'POST',
    url: '/api/v1/employer/presentations',
    headers: bearer(e.token),
    payload: {
      siteSlug: 'nju',
      mode: 'offline',
      roomId,
      title: o.title ?? '秋季宣讲会',
      startsAt: `${date}T14:00:00+08:00`,
      endsAt: `${date}T16:00:00+08:00`,
      description: o.description ?? '招聘简章',
      jobIds: [],
      contacts: [{ name: '王五', phone: '13812345678' }],
    },
  });
  expect(res.statusCode, res.payload).to.equal(201);
  const id = json<{ id: number }>(res).id;
  if (o.approve) {
    const { app } = await getDeployment();
    const review = await app.db('reviews').where({ subject_type: 'presentation', subject_id: id }).first();
    const decided = await inject({
      method: 'POST',
      url: `/api/v1/admin/reviews/${review.id}/decision`,
      headers: bearer(await staffToken('nju.admin')),
      payload: { decision: 'approve' },
    });
    expect(decided.statusCode, decided.payload).to.equal(200);
  }
  return id;
}
