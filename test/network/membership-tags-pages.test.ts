// The staff review page of a membership: the employer's requested tags are shown as a request, staff confirm tags
// with the approval or later, and only confirmed tags reach the row the review policies read.
import { expect } from 'chai';
import { getDeployment, inject, json } from '../helpers/deployment.js';
import { approvePending, bearer, registerEmployer, submitProfile } from '../helpers/employers.js';
import { get, Jar, submit } from '../helpers/pages.js';

async function staffJar(username: string): Promise<Jar> {
  const { app } = await getDeployment();
  const { payload } = await app.services.staff!.login(username, 'xiaozhao-demo', '127.0.0.1');
  const jar = new Jar();
  jar.cookies.set('xz_staff', app.principals.sign(payload));
  return jar;
}

/** A certified employer that asked seu for the partner tag; its membership review there. */
async function partnerApplicant() {
  const { app } = await getDeployment();
  const reg = await registerEmployer();
  await submitProfile(reg.token);
  await approvePending('main', (r) => r.employer_id === reg.employerId && r.subject_type === 'membership');
  const res = await inject({
    method: 'POST',
    url: '/api/v1/employer/sites/seu/membership',
    headers: bearer(reg.token),
    payload: { tagIds: ['partner'] },
  });
  expect(json(res).status).to.equal('pending');
  const seu = app.sites.get('seu')!;
  const membership = await app
    .db('memberships')
    .where({ employer_id: reg.employerId, site_id: seu.id })
    .first();
  const review = await app
    .db('reviews')
    .where({ site_id: seu.id, subject_type: 'membership', subject_id: membership.id })
    .first();
  return { reg, membershipId: membership.id as number, reviewId: Number(review.id) };
}

const tagsOf = async (membershipId: number) => {
  const { app } = await getDeployment();
  return app.db('memberships').where({ id: membershipId }).first('status', 'tag_ids', 'requested_tag_ids');
};

describe('staff review page: confirming employer tags', () => {
  it('shows the requested tag unticked, and confirms only what staff tick with the approval', async () => {
    const { reviewId, membershipId } = await partnerApplicant();
    const jar = await staffJar('seu.admin');
    const page = await get(`/s/seu/admin/reviews/${reviewId}`, jar);
    expect(page.statusCode).to.equal(200);
    expect(page.payload).to.include('单位申请：战略合作单位（待确认）');
    expect(page.payload).to.include('确认单位标记');
    const box = /<input[^>]*name="tagIds" value="partner"[^>]*>/.exec(page.payload)![0];
    expect(box).to.not.include('checked');
    // the applicant's authorisation letter is the province's to read: not linked before the school approved it
    expect(page.payload).to.include('入驻本校后可查看');
    expect(page.payload).to.not.match(/href="[^"]*\/admin\/files\//);

    const forged = await submit(
      `/s/seu/admin/reviews/${reviewId}`,
      `/s/seu/admin/reviews/${reviewId}/decision`,
      { decision: 'approve', tagIds: 'not-a-tag' },
      jar,
    );
    expect(forged.statusCode).to.equal(400);
    expect(forged.payload).to.include('所选单位标记不是该学校设置的标记');
    expect(await tagsOf(membershipId)).to.deep.equal({
      status: 'pending',
      tag_ids: [],
      requested_tag_ids: ['partner'],
    });

    const approved = await submit(
      `/s/seu/admin/reviews/${reviewId}`,
      `/s/seu/admin/reviews/${reviewId}/decision`,
      { decision: 'approve', tagIds: 'partner' },
      jar,
    );
    expect(approved.statusCode, approved.payload.slice(0, 2000)).to.equal(303);
    expect(await tagsOf(membershipId)).to.deep.equal({
      status: 'approved',
      tag_ids: ['partner'],
      requested_tag_ids: ['partner'],
    });

    // afterwards: a form of its own changes the confirmed tags; the letter is now the school's to read
    const after = await get(`/s/seu/admin/reviews/${reviewId}`, jar);
    expect(after.payload).to.include('保存单位标记');
    expect(/<input[^>]*name="tagIds" value="partner"[^>]*>/.exec(after.payload)![0]).to.include('checked');
    expect(after.payload).to.match(/href="\/s\/seu\/admin\/files\/[0-9a-f-]{36}"/);
    const cleared = await submit(
      `/s/seu/admin/reviews/${reviewId}`,
      `/s/seu/admin/reviews/${reviewId}/tags`,
      {},
      jar,
    );
    expect(cleared.statusCode).to.equal(303);
    expect(cleared.headers.location).to.equal(`/s/seu/admin/reviews/${reviewId}?done=tags-confirmed`);
    expect((await tagsOf(membershipId)).tag_ids).to.deep.equal([]);
  });

  it('approving without ticking leaves the request unconfirmed', async () => {
    const { reviewId, membershipId } = await partnerApplicant();
    const jar = await staffJar('seu.admin');
    const res = await submit(
      `/s/seu/admin/reviews/${reviewId}`,
      `/s/seu/admin/reviews/${reviewId}/decision`,
      { decision: 'approve' },
      jar,
    );
    expect(res.statusCode).to.equal(303);
    expect(await tagsOf(membershipId)).to.deep.equal({
      status: 'approved',
      tag_ids: [],
      requested_tag_ids: ['partner'],
    });
  });

  it('refuses staff of another site (403), leaving the tags as they were', async () => {
    const { reviewId, membershipId } = await partnerApplicant();
    const res = await submit(
      '/s/nju/admin/reviews',
      `/s/nju/admin/reviews/${reviewId}/tags`,
      { tagIds: 'partner' },
      await staffJar('nju.admin'),
    );
    expect(res.statusCode).to.equal(403);
    expect((await tagsOf(membershipId)).tag_ids).to.deep.equal([]);
  });
});
