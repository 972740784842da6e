import { expect } from 'chai';
import { createFair as createFairOf } from '../helpers/fairs.js';
import type { ServerInjectResponse } from '@hapi/hapi';
import ExcelJS from 'exceljs';
import { hashPassword } from '../../core/auth/password.js';
import { getDeployment, inject, json } from '../helpers/deployment.js';
import { bearer, PDF } from '../helpers/employers.js';
import { bulkEmployers, type FixtureEmployer } from '../helpers/fixtures.js';
import { csrfField, get as getPage, Jar, submit } from '../helpers/pages.js';

/** The page with `=` unescaped (Handlebars writes it as &#x3D; in attributes). */
async function get(url: string, jar: Jar) {
  const res = await getPage(url, jar);
  return Object.assign(res, { payload: res.payload.replace(/&#x3D;/g, '=') });
}

// Fairs of these tests are created on cpu (employers from bulkEmployers are members of cpu); njmu staff play the
// other site. The nju demo fair is left to the widget test.

const PASSWORD = 'secret123';

/** The same with multipart/form-data and one file field. */
async function upload(
  pageUrl: string,
  action: string,
  file: { field: string; name: string; data: Buffer },
  jar: Jar,
): Promise<ServerInjectResponse> {
  const page = await get(pageUrl, jar);
  const boundary = `----xzfair${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="xz_csrf"\r\n\r\n${csrfField(page.payload)}\r\n`,
    ),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return jar.take(
    await inject({
      method: 'POST',
      url: action,
      payload,
      headers: {
        cookie: jar.header(),
        accept: 'text/html',
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
    }),
  );
}

/** A cpu member with a published job whose admin signs in at the cpu login page with a password. */
async function signedInEmployer(): Promise<FixtureEmployer & { jar: Jar; phone: string }> {
  const { app } = await getDeployment();
  const [e] = await bulkEmployers(1, 'cpu');
  const account = await app.db('employer_accounts').where({ id: e!.accountId }).first();
  await app
    .db('employer_accounts')
    .where({ id: e!.accountId })
    .update({ password_hash: await hashPassword(PASSWORD) });
  const jar = new Jar();
  const res = await submit(
    '/s/cpu/employer/login',
    '/s/cpu/employer/login',
    { mode: 'password', phone: account.phone, password: PASSWORD },
    jar,
  );
  expect(res.statusCode, res.payload).to.equal(303);
  expect(jar.cookies.has('xz_employer')).to.equal(true);
  return { ...e!, jar, phone: account.phone };
}

async function staffJar(username: string): Promise<Jar> {
  const { app } = await getDeployment();
  const { payload } = await app.services.staff!.login(username, 'xiaozhao-demo', '127.0.0.1');
  const jar = new Jar();
  jar.cookies.set('xz_staff', app.principals.sign(payload));
  return jar;
}

const createFair = (over: Record<string, unknown> = {}) => createFairOf('cpu', over);

/** The state the map page shows for a booth (data-state of its cell). */
function boothCell(html: string, boothId: number): { state: string; text: string } | null {
  const m = new RegExp(
    `<li class="xz-booth[^"]*"[^>]*data-booth="${boothId}"[^>]*data-state="(\\w+)">([\\s\\S]*?)</li>`,
  ).exec(html);
  return m ? { state: m[1]!, text: m[2]!.replace(/<[^>]+>/g, '').replace(/\s+/g, '') } : null;
}

const attendeeRows = {
  attendeeName: ['张三', ''],
  attendeePhone: ['13812345678', ''],
  attendeeTitle: ['HR', ''],
};

describe('job-fair pages', () => {
  describe('employer: 预定展位', () => {
    it('lists the fair, books a free booth through the form, and the map then shows it 待审核', async () => {
      const fair = await createFair();
      const e = await signedInEmployer();
      const list = await get('/s/cpu/employer/fairs', e.jar);
      expect(list.statusCode).to.equal(200);
      expect(list.payload).to.include(fair.title);
      expect(list.payload).to.include(`href="/s/cpu/employer/fairs/${fair.id}"`);
      expect(list.payload).to.include('预定时选择展位');
      expect(list.payload).to.include('aria-current="page">预定展位');

      const a02 = fair.venues[0]!.booths[1]!;
      const map = await get(`/s/cpu/employer/fairs/${fair.id}`, e.jar);
      expect(map.statusCode).to.equal(200);
      expect(map.payload).to.include(`href="/s/cpu/employer/fairs/${fair.id}/book?booth=${a02.id}"`);
      expect(boothCell(map.payload, a02.id)).to.deep.include({ state: 'free' });
      const second = await get(`/s/cpu/employer/fairs/${fair.id}?venue=${fair.venues[1]!.id}`, e.jar);
      expect(second.payload).to.include('分会场</strong>');
      expect(boothCell(second.payload, fair.venues[1]!.booths[0]!.id)).to.not.equal(null);

      const bookUrl = `/s/cpu/employer/fairs/${fair.id}/book?booth=${a02.id}`;
      const form = await get(bookUrl, e.jar);
      expect(form.payload).to.include('主会场 A02');
      expect(form.payload).to.include(`name="jobIds" value="${e.jobId}"`);
      const bookAction = `/s/cpu/employer/fairs/${fair.id}/book`;

      const empty = await submit(bookUrl, bookAction, { boothId: String(a02.id), ...attendeeRows }, e.jar);
      expect(empty.statusCode).to.equal(400);
      expect(empty.payload).to.include('请至少选择一个招聘职位');
      const badPhone = await submit(
        bookUrl,
        bookAction,
        { boothId: String(a02.id), jobIds: String(e.jobId), attendeeName: '张三', attendeePhone: '123' },
        e.jar,
      );
      expect(badPhone.statusCode).to.equal(400);
      expect(badPhone.payload).to.include('手机号格式不正确');

      const res = await submit(
        bookUrl,
        bookAction,
        { boothId: String(a02.id), jobIds: String(e.jobId), ...attendeeRows },
        e.jar,
      );
      expect(res.statusCode, res.payload).to.equal(303);
      expect(res.headers.location).to.equal('/s/cpu/employer/fair-bookings?done=booked');

      const after = await get(`/s/cpu/employer/fairs/${fair.id}`, e.jar);
      expect(boothCell(after.payload, a02.id)).to.deep.equal({ state: 'held', text: 'A02本单位' });
      const publicPage = await get(`/s/cpu/fairs/${fair.id}`, new Jar());
      expect(publicPage.statusCode).to.equal(200);
      expect(boothCell(publicPage.payload, a02.id)).to.deep.equal({ state: 'held', text: 'A02待审核' });

      const mine = await get('/s/cpu/employer/fair-bookings?done=booked', e.jar);
      expect(mine.payload).to.include('预定申请已提交，等待学校审核');
      expect(mine.payload).to.include('主会场 A02');
      expect(mine.payload).to.include('data-status="待审核"');
    });

    it('shows BOOTH_TAKEN and ALREADY_BOOKED in Chinese on the form', async () => {
      const fair = await createFair();
      const [a, b] = [await signedInEmployer(), await signedInEmployer()];
      const a01 = fair.venues[0]!.booths[0]!;
      const url = (booth: number) => `/s/cpu/employer/fairs/${fair.id}/book?booth=${booth}`;
      const action = `/s/cpu/employer/fairs/${fair.id}/book`;
      const pageOfB = await get(url(a01.id), b.jar);
      const ok = await submit(
        url(a01.id),
        action,
        { boothId: String(a01.id), jobIds: String(a.jobId), ...attendeeRows },
        a.jar,
      );
      expect(ok.statusCode).to.equal(303);
      // B had the form open before A booked: the service refuses, the form says why.
      const body = new URLSearchParams({
        xz_csrf: csrfField(pageOfB.payload),
        boothId: String(a01.id),
        jobIds: String(b.jobId),
        attendeeName: '李四',
        attendeePhone: '13912345678',
      });
      const taken = b.jar.take(
        await inject({
          method: 'POST',
          url: action,
          payload: body.toString(),
          headers: {
            cookie: b.jar.header(),
            accept: 'text/html',
            'content-type': 'application/x-www-form-urlencoded',
          },
        }),
      );
      expect(taken.statusCode).to.equal(409);
      expect(taken.payload).to.include('该展位已被预定，请选择其他展位');
      // A's form page already says the fair is booked and offers no form; posting anyway is refused.
      const page = await get(url(fair.venues[0]!.booths[2]!.id), a.jar);
      expect(page.payload).to.include('贵单位已预定本场招聘会');
      const body2 = new URLSearchParams({
        xz_csrf: csrfField(page.payload),
        boothId: String(fair.venues[0]!.booths[2]!.id),
        jobIds: String(a.jobId),
        attendeeName: '张三',
        attendeePhone: '13812345678',
      });
      const twice = await inject({
        method: 'POST',
        url: action,
        payload: body2.toString(),
        headers: {
          cookie: a.jar.header(),
          accept: 'text/html',
          'content-type': 'application/x-www-form-urlencoded',
        },
      });
      expect(twice.statusCode).to.equal(409);
      expect(twice.payload).to.include('贵单位已预定本场招聘会，不能重复预定');
    });

    it('refuses an account without the fairs permission', async () => {
      const { app } = await getDeployment();
      const [e] = await bulkEmployers(1, 'cpu');
      const role = await app.services.accounts!.createRole(e!.employerId, {
        name: '招聘专员',
        permissions: ['jobs', 'announcements'],
      });
      const [row] = await app
        .db('employer_accounts')
        .insert({
          employer_id: e!.employerId,
          phone: `1350${String(e!.accountId).padStart(7, '0').slice(-7)}`,
          name: '专员',
          is_admin: false,
          last_login_at: app.db.fn.now(),
        })
        .returning('*');
      await app.db('employer_account_roles').insert({ account_id: row.id, role_id: role.id });
      const jar = new Jar();
      jar.cookies.set('xz_employer', app.principals.sign(app.services.accounts!.payload(row)));
      for (const path of ['/employer/fairs', '/employer/fair-bookings']) {
        const res = await get(`/s/cpu${path}`, jar);
        expect(res.statusCode, path).to.equal(403);
      }
    });
  });

  describe('employer: 我的预定', () => {
    it('uploads a payment receipt (payment status changes) and cancels a pending booking (booth free again)', async () => {
      const { app } = await getDeployment();
      const fair = await createFair({ fee: { amount: 200, payment: 'at_booking' } });
      const e = await signedInEmployer();
      const booth = fair.venues[1]!.booths[1]!;
      const booked = await submit(
        `/s/cpu/employer/fairs/${fair.id}/book?booth=${booth.id}`,
        `/s/cpu/employer/fairs/${fair.id}/book`,
        { boothId: String(booth.id), jobIds: String(e.jobId), ...attendeeRows },
        e.jar,
      );
      expect(booked.statusCode).to.equal(303);
      const row = await app
        .db('fair_bookings')
        .where({ fair_id: fair.id, employer_id: e.employerId })
        .first();
      const list = await get('/s/cpu/employer/fair-bookings', e.jar);
      expect(list.payload).to.include('data-payment="unpaid"');
      expect(list.payload).to.include(`action="/s/cpu/employer/fair-bookings/${row.id}/receipt"`);
      expect(list.payload).to.include(`href="/s/cpu/employer/fair-bookings/${row.id}/cancel"`);
      expect(list.payload).to.include(`href="/s/cpu/employer/fair-bookings/${row.id}/edit"`);

      const up = await upload(
        '/s/cpu/employer/fair-bookings',
        `/s/cpu/employer/fair-bookings/${row.id}/receipt`,
        { field: 'receipt', name: '缴费凭证.pdf', data: PDF },
        e.jar,
      );
      expect(up.statusCode, up.payload).to.equal(303);
      expect(up.headers.location).to.equal('/s/cpu/employer/fair-bookings?done=receipt');
      const paid = await get('/s/cpu/employer/fair-bookings?done=receipt', e.jar);
      expect(paid.payload).to.include('data-payment="submitted"');
      expect(paid.payload).to.include('凭证待确认');
      const receipt = await get(`/s/cpu/employer/fair-bookings/${row.id}/receipt`, e.jar);
      expect(receipt.statusCode).to.equal(200);
      expect(receipt.headers['content-type']).to.include('application/pdf');
      const file = await app
        .db('files')
        .where({ id: (await app.db('fair_bookings').where({ id: row.id }).first()).receipt_file_id })
        .first();
      expect(file.purpose).to.equal('payment-receipt');

      const noFile = await upload(
        '/s/cpu/employer/fair-bookings',
        `/s/cpu/employer/fair-bookings/${row.id}/receipt`,
        { field: 'receipt', name: '', data: Buffer.alloc(0) },
        e.jar,
      );
      expect(noFile.statusCode).to.equal(400);
      expect(noFile.payload).to.include('请选择缴费凭证文件');

      // Cancelling goes through a confirmation page that says the fee paid is refunded.
      const unconfirmed = await submit(
        '/s/cpu/employer/fair-bookings',
        `/s/cpu/employer/fair-bookings/${row.id}/cancel`,
        {},
        e.jar,
      );
      expect(unconfirmed.statusCode).to.equal(303);
      expect(unconfirmed.headers.location).to.equal(`/s/cpu/employer/fair-bookings/${row.id}/cancel`);
      expect((await app.db('fair_bookings').where({ id: row.id }).first()).status).to.equal('pending');
      const confirmPage = await get(`/s/cpu/employer/fair-bookings/${row.id}/cancel`, e.jar);
      expect(confirmPage.statusCode).to.equal(200);
      expect(confirmPage.payload).to.include('退款').and.include('确认取消预定');
      const cancel = await submit(
        `/s/cpu/employer/fair-bookings/${row.id}/cancel`,
        `/s/cpu/employer/fair-bookings/${row.id}/cancel`,
        { confirm: 'yes' },
        e.jar,
      );
      expect(cancel.statusCode).to.equal(303);
      expect(cancel.headers.location).to.equal('/s/cpu/employer/fair-bookings?done=cancelled-refund');
      expect((await app.db('fair_bookings').where({ id: row.id }).first()).payment_status).to.equal(
        'refund_due',
      );
      const after = await get('/s/cpu/employer/fair-bookings', e.jar);
      expect(after.payload).to.include('data-status="已取消"');
      expect(after.payload).to.not.include(`/s/cpu/employer/fair-bookings/${row.id}/cancel"`);
      const map = await get(`/s/cpu/employer/fairs/${fair.id}?venue=${fair.venues[1]!.id}`, e.jar);
      expect(boothCell(map.payload, booth.id)!.state).to.equal('free');
      const refused = await submit(
        `/s/cpu/employer/fair-bookings/${row.id}`,
        `/s/cpu/employer/fair-bookings/${row.id}/cancel`,
        { confirm: 'yes' },
        e.jar,
      );
      expect(refused.statusCode).to.equal(409);
      expect(refused.payload).to.include('只有待审核的预定可以取消');
    });

    it('edits the jobs and attendees of a booking', async () => {
      const fair = await createFair();
      const e = await signedInEmployer();
      const booth = fair.venues[0]!.booths[2]!;
      await submit(
        `/s/cpu/employer/fairs/${fair.id}/book?booth=${booth.id}`,
        `/s/cpu/employer/fairs/${fair.id}/book`,
        { boothId: String(booth.id), jobIds: String(e.jobId), ...attendeeRows },
        e.jar,
      );
      const { app } = await getDeployment();
      const row = await app
        .db('fair_bookings')
        .where({ fair_id: fair.id, employer_id: e.employerId })
        .first();
      const edit = `/s/cpu/employer/fair-bookings/${row.id}/edit`;
      const res = await submit(
        edit,
        edit,
        {
          jobIds: String(e.jobId),
          attendeeName: ['张三', '李四', ''],
          attendeePhone: ['13812345678', '13912345678', ''],
          attendeeTitle: ['HR', '', ''],
        },
        e.jar,
      );
      expect(res.statusCode, res.payload).to.equal(303);
      const view = await get(`/s/cpu/employer/fair-bookings/${row.id}`, e.jar);
      expect(view.payload).to.include('李四').and.include('13912345678');
    });
  });

  describe('staff: 招聘会', () => {
    it('creates a fair through the editor, expanding booth ranges, with times read as Beijing time', async () => {
      const { app } = await getDeployment();
      const jar = await staffJar('cpu.admin');
      const list = await get('/s/cpu/admin/fairs', jar);
      expect(list.statusCode).to.equal(200);
      expect(list.payload).to.include('href="/s/cpu/admin/fairs/new"');
      expect(list.payload).to.include('aria-current="page">招聘会');
      const title = `编辑器双选会 ${Math.random().toString(36).slice(2, 7)}`;
      const fields = {
        title,
        description: '面向 2027 届毕业生',
        startsAt: '2030-05-20T09:00',
        endsAt: '2030-05-20T16:30',
        bookingOpensAt: '2030-05-01T08:00',
        bookingClosesAt: '2030-05-18T18:00',
        boothSelection: 'at_booking',
        feeAmount: '0',
        feePayment: 'none',
        venueName: ['体育馆', '', ''],
        venueBooths: ['A01-A03', '', ''],
      };
      const bad = await submit(
        '/s/cpu/admin/fairs/new',
        '/s/cpu/admin/fairs/new',
        { ...fields, venueBooths: ['A03-A01', '', ''], bookingClosesAt: '2030-05-21T18:00' },
        jar,
      );
      expect(bad.statusCode).to.equal(400);
      expect(bad.payload).to.include('展位号范围 A03-A01 的结束号小于起始号');
      expect(bad.payload).to.include(`value="${title}"`);
      const late = await submit(
        '/s/cpu/admin/fairs/new',
        '/s/cpu/admin/fairs/new',
        { ...fields, bookingClosesAt: '2030-05-21T18:00' },
        jar,
      );
      expect(late.statusCode).to.equal(400);
      expect(late.payload).to.include('预定须在招聘会开始前截止');

      const res = await submit('/s/cpu/admin/fairs/new', '/s/cpu/admin/fairs/new', fields, jar);
      expect(res.statusCode, res.payload).to.equal(303);
      const m = /^\/s\/cpu\/admin\/fairs\/(\d+)\?done=fair-created$/.exec(res.headers.location as string);
      expect(m, String(res.headers.location)).to.not.equal(null);
      const fair = await app.services.fairs!.publicFair(Number(m![1]));
      expect(fair.title).to.equal(title);
      expect(fair.startsAt).to.equal('2030-05-20T01:00:00.000Z');
      expect(fair.bookingClosesAt).to.equal('2030-05-18T10:00:00.000Z');
      expect(fair.venues.map((v) => v.name)).to.deep.equal(['体育馆']);
      expect(fair.venues[0]!.booths.map((b) => b.code)).to.deep.equal(['A01', 'A02', 'A03']);

      const editUrl = `/s/cpu/admin/fairs/${fair.id}`;
      const edit = await get(editUrl, jar);
      expect(edit.payload).to.include('value="2030-05-20T09:00"');
      const saved = await submit(
        editUrl,
        editUrl,
        { ...fields, title: `${title}（改）`, feeAmount: '300', feePayment: 'after_approval' },
        jar,
      );
      expect(saved.statusCode, saved.payload).to.equal(303);
      const venue = await submit(
        `${editUrl}`,
        `${editUrl}/venues`,
        { venueName: '分会场', venueBooths: 'B1-B2\nB10' },
        jar,
      );
      expect(venue.statusCode, venue.payload).to.equal(303);
      const after = await app.services.fairs!.publicFair(fair.id);
      expect(after.title).to.equal(`${title}（改）`);
      expect(after.fee).to.deep.equal({ amount: 300, payment: 'after_approval' });
      expect(after.venues[1]!.booths.map((b) => b.code)).to.deep.equal(['B1', 'B10', 'B2']);
    });

    it('shows the bookings, confirms a payment, exports Excel and lists the check-in desk', async () => {
      const { app } = await getDeployment();
      const fair = await createFair({ fee: { amount: 500, payment: 'at_booking' } });
      const e = await signedInEmployer();
      const booth = fair.venues[0]!.booths[0]!;
      await submit(
        `/s/cpu/employer/fairs/${fair.id}/book?booth=${booth.id}`,
        `/s/cpu/employer/fairs/${fair.id}/book`,
        { boothId: String(booth.id), jobIds: String(e.jobId), ...attendeeRows },
        e.jar,
      );
      const row = await app
        .db('fair_bookings')
        .where({ fair_id: fair.id, employer_id: e.employerId })
        .first();
      await upload(
        '/s/cpu/employer/fair-bookings',
        `/s/cpu/employer/fair-bookings/${row.id}/receipt`,
        { field: 'receipt', name: '缴费凭证.pdf', data: PDF },
        e.jar,
      );
      const review = await app
        .db('reviews')
        .where({ subject_type: 'fair_booking', subject_id: row.id })
        .first();

      const jar = await staffJar('cpu.admin');
      const url = `/s/cpu/admin/fairs/${fair.id}/bookings`;
      const page = await get(url, jar);
      expect(page.statusCode).to.equal(200);
      const employer = await app.db('employers').where({ id: e.employerId }).first();
      expect(page.payload).to.include(employer.name);
      expect(page.payload).to.include('主会场 A01');
      expect(page.payload).to.include('并发测试职位');
      expect(page.payload).to.include('张三').and.include('13812345678');
      expect(page.payload).to.include(`href="/s/cpu/admin/reviews/${review.id}"`);
      expect(page.payload).to.include(
        `href="/s/cpu/admin/files/${(await app.db('fair_bookings').where({ id: row.id }).first()).receipt_file_id}"`,
      );
      expect(page.payload).to.include('data-payment="凭证待确认"');
      expect(page.payload).to.include(`href="/s/cpu/admin/fairs/${fair.id}/bookings.xlsx"`);

      const action = `/s/cpu/admin/fairs/${fair.id}/bookings/${row.id}/payment`;
      const noReason = await submit(url, action, { decision: 'return', comment: '' }, jar);
      expect(noReason.statusCode).to.equal(400);
      expect(noReason.payload).to.include('退回缴费凭证时必须说明原因');
      const confirmed = await submit(url, action, { decision: 'confirm' }, jar);
      expect(confirmed.statusCode, confirmed.payload).to.equal(303);
      expect(confirmed.headers.location).to.equal(
        `/s/cpu/admin/fairs/${fair.id}/bookings?done=payment-confirmed`,
      );
      expect((await get(url, jar)).payload).to.include('data-payment="缴费已确认"');
      const mine = await get('/s/cpu/employer/fair-bookings', e.jar);
      expect(mine.payload).to.include('data-payment="confirmed"');

      const xlsx = await inject({ url: `${url}.xlsx`, headers: { cookie: jar.header() } });
      expect(xlsx.statusCode).to.equal(200);
      expect(xlsx.headers['content-type']).to.include(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      expect(String(xlsx.headers['content-disposition'])).to.include('attachment');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      expect(book.getWorksheet('预定')!.getRow(2).getCell(4).value).to.equal('主会场 A01');

      await app.db.transaction((trx) =>
        app.services.reviews!.decideAs(trx, Number(review.id), 'approved', null, {
          kind: 'system',
          id: null,
        }),
      );
      const desk = await get(`/s/cpu/admin/fairs/${fair.id}/check-in`, jar);
      expect(desk.statusCode).to.equal(200);
      expect(desk.payload).to.include(employer.name);
      expect(desk.payload).to.match(/data-count="total">1</);
      expect(desk.payload).to.match(/data-count="checked-in">0</);
    });

    it('answers 403 to another site’s staff on the fair’s pages, and 404 for the fair on their own console', async () => {
      const fair = await createFair();
      const other = await staffJar('njmu.admin');
      for (const path of ['', '/bookings', '/bookings.xlsx', '/check-in']) {
        const res = await get(`/s/cpu/admin/fairs/${fair.id}${path}`, other);
        expect(res.statusCode, path).to.equal(403);
      }
      expect((await get('/s/cpu/admin/fairs', other)).statusCode).to.equal(403);
      expect((await get(`/s/njmu/admin/fairs/${fair.id}/bookings`, other)).statusCode).to.equal(404);
      const post = await inject({
        method: 'POST',
        url: `/s/cpu/admin/fairs/${fair.id}`,
        payload: 'title=x',
        headers: { cookie: other.header(), 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(post.statusCode).to.equal(403);
    });
  });

  describe('public 招聘会 pages', () => {
    it('lists the site’s fairs and shows a fair only on its own site', async () => {
      const fair = await createFair();
      const list = await inject({ url: '/s/cpu/fairs', headers: { accept: 'text/html' } });
      expect(list.statusCode).to.equal(200);
      expect(list.payload).to.include(`href="/s/cpu/fairs/${fair.id}"`);
      const page = await inject({ url: `/s/cpu/fairs/${fair.id}`, headers: { accept: 'text/html' } });
      expect(page.statusCode).to.equal(200);
      expect(page.payload).to.include(fair.title);
      expect(page.payload).to.include('A01');
      expect(
        (await inject({ url: `/s/njmu/fairs/${fair.id}`, headers: { accept: 'text/html' } })).statusCode,
      ).to.equal(404);
      expect(
        (await inject({ url: '/s/cpu/fairs/abc', headers: { accept: 'text/html' } })).statusCode,
      ).to.equal(404);
    });
  });

  describe('CORS for the embedded widgets (?site=)', () => {
    const NJU = 'https://www.nju.edu.cn';
    const SEU = 'https://www.seu.edu.cn';

    it('allows the site’s widget origin on POST /api/v1/auth/login?site=nju, preflight and request', async () => {
      const preflight = await inject({
        method: 'OPTIONS',
        url: '/api/v1/auth/login?site=nju',
        headers: {
          origin: NJU,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
      expect(preflight.statusCode).to.equal(204);
      expect(preflight.headers['access-control-allow-origin']).to.equal(NJU);
      expect(String(preflight.headers['access-control-allow-headers'])).to.include('Authorization');
      const res = await inject({
        method: 'POST',
        url: '/api/v1/auth/login?site=nju',
        headers: { origin: NJU },
        payload: { phone: '13900000019', password: 'xiaozhao-demo' },
      });
      expect(res.statusCode, res.payload).to.equal(200);
      expect(res.headers['access-control-allow-origin']).to.equal(NJU);
      const token = json<{ token: string }>(res).token;
      const jobs = await inject({
        url: '/api/v1/employer/jobs?tab=active&pageSize=100&site=nju',
        headers: { origin: NJU, ...bearer(token) },
      });
      expect(jobs.statusCode, jobs.payload).to.equal(200);
      expect(jobs.headers['access-control-allow-origin']).to.equal(NJU);
    });

    it('refuses another origin, or another site’s origin, with 403 ORIGIN_NOT_ALLOWED and no credentials', async () => {
      for (const [origin, site] of [
        [SEU, 'nju'],
        ['https://evil.example', 'nju'],
        [NJU, 'seu'],
        [NJU, 'no-such-site'],
      ] as const) {
        const preflight = await inject({
          method: 'OPTIONS',
          url: `/api/v1/auth/login?site=${site}`,
          headers: { origin, 'access-control-request-method': 'POST' },
        });
        expect(preflight.headers['access-control-allow-credentials'], `${origin} ${site}`).to.equal(
          undefined,
        );
        const res = await inject({
          method: 'POST',
          url: `/api/v1/auth/login?site=${site}`,
          headers: { origin },
          payload: { phone: '13700000000', password: 'wrong-password' },
        });
        expect(res.statusCode, `${origin} ${site}`).to.equal(403);
        expect(json(res).code).to.equal('ORIGIN_NOT_ALLOWED');
        expect(res.headers['access-control-allow-credentials'], `${origin} ${site}`).to.equal(undefined);
      }
      const bare = await inject({
        method: 'OPTIONS',
        url: '/api/v1/auth/login',
        headers: { origin: NJU, 'access-control-request-method': 'POST' },
      });
      expect(bare.headers['access-control-allow-credentials']).to.equal(undefined);
    });

    it('answers a fair read by the booking widget to any origin', async () => {
      const { app } = await getDeployment();
      const fairId = (
        await app
          .db('fairs')
          .where({ site_id: app.sites.get('nju')!.id })
          .first('id')
      ).id;
      const preflight = await inject({
        method: 'OPTIONS',
        url: `/api/v1/public/fairs/${fairId}?site=nju`,
        headers: { origin: NJU, 'access-control-request-method': 'GET' },
      });
      expect(preflight.headers['access-control-allow-origin']).to.equal('*');
      const res = await inject({ url: `/api/v1/public/fairs/${fairId}?site=nju`, headers: { origin: NJU } });
      expect(res.statusCode).to.equal(200);
      expect(res.headers['access-control-allow-origin']).to.equal('*');
    });
  });
});
