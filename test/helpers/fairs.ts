// Job fairs arranged through the staff API, for the fair tests.
import { expect } from 'chai';
import { inject, json, staffToken } from './deployment.js';
import { bearer } from './employers.js';

export const HOUR = 3_600_000;
export const iso = (ms: number) => new Date(ms).toISOString();

export interface FairJson {
  id: number;
  title: string;
  venues: { id: number; name: string; booths: { id: number; code: string; state: string }[] }[];
}

/**
 * A fair of `slug` created by its staff: in two days, booking open now, free, booths chosen at booking; venues 主会场
 * (A01–A03) and 分会场 (B01–B02) unless `over` says otherwise.
 */
export async function createFair(slug: string, over: Record<string, unknown> = {}): Promise<FairJson> {
  const now = Date.now();
  const res = await inject({
    method: 'POST',
    url: `/api/v1/admin/sites/${slug}/fairs`,
    headers: bearer(await staffToken(`${slug}.admin`)),
    payload: {
      title: `测试双选会 ${Math.random().toString(36).slice(2, 7)}`,
      startsAt: iso(now + 48 * HOUR),
      endsAt: iso(now + 56 * HOUR),
      bookingOpensAt: iso(now - HOUR),
      bookingClosesAt: iso(now + 24 * HOUR),
      boothSelection: 'at_booking',
      fee: { amount: 0, payment: 'none' },
      venues: [
        { name: '主会场', booths: [{ code: 'A01' }, { code: 'A02' }, { code: 'A03' }] },
        { name: '分会场', booths: [{ code: 'B01' }, { code: 'B02' }] },
      ],
      ...over,
    },
  });
  expect(res.statusCode, res.payload).to.equal(201);
  return json<FairJson>(res);
}

export const ATTENDEES = [{ name: '张三', phone: '13812345678', title: 'HR' }];

/** POST /api/v1/employer/fair-bookings as it reaches the API (status not checked). */
export const book = (token: string, payload: object) =>
  inject({ method: 'POST', url: '/api/v1/employer/fair-bookings', headers: bearer(token), payload });

/** An employer books a booth of a fair with its one job and one attendee (the booking most tests need). */
export const bookBooth = (employer: { token: string; jobId: number }, fairId: number, boothId: number) =>
  book(employer.token, { fairId, boothId, jobIds: [employer.jobId], attendees: ATTENDEES });
