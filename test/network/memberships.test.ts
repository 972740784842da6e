import { expect } from 'chai';
import { getDeployment, inject, json, staffToken } from '../helpers/deployment.js';
import { bearer, registerEmployer, submitProfile, waitFor } from '../helpers/employers.js';
import { JOB } from '../helpers/jobs.js';

async function demoToken(n: number): Promise<string> {
  const phone = `139000000${String(n).padStart(2, '0')}`;
  return json<{ token: string }>(
    await inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { phone, password: 'xiaozhao-demo' },
    }),
  ).token;
}

/** A certified employer (approved on main by province staff), as a user would get there. */
async function certifiedEmployer() {
  const reg = await registerEmployer();
  await submitProfile(reg.token);
  const { app } = await getDeployment();
  const m = await app
    .db('memberships')
    .where({ employer_id: reg.employerId, site_id: app.sites.main().id })
    .first();
  const review = await app
    .db('reviews')
    .where({ site_id: app.sites.main().id, subject_type: 'membership', subject_id: m.id })
    .first();
  const res = await inject({
    method: 'POST',
    url: `/api/v1/admin/reviews/${review.id}/decision`,
    headers: bearer(await staffToken('main.admin')),
    payload: { decision: 'approve' },
  });
  expect(res.statusCode).to.equal(200);
  // the certification message arrives through the outbox; wait for it so later counts are exact
  await waitFor(
    'the certification message',
    async () =>
      json<{ unread: number }>(
        await inject({ url: '/api/v1/employer/messages/unread-count', headers: bearer(reg.token) }),
      ).unread > 0,
  );
  return reg;
}

async function siteWithMembershipPolicy(
  plugin: string,
  extra: (s: {
    employerTags: unknown[];
    reviewPolicies: Record<string, { options: Record<string, unknown> }>;
  }) => boolean = () => true,
) {
  const { app } = await getDeployment();
  return app.sites
    .schools()
    .find(
      (s) =>
        s.reviewPolicies.membership.plugin === plugin &&
        extra(s as never) &&
        !['nju', 'seu', 'suda'].includes(s.slug),
    )!;
}

const apply = (token: string, slug: string, tagIds?: string[]) =>
  inject({
    method: 'POST',
    url: `/api/v1/employer/sites/${slug}/membership`,
    headers: bearer(token),
    payload: tagIds ? { tagIds } : {},
  });

describe('GET /api/v1/employer/sites', () => {
  it('splits schools into 已入驻 (approved) and 未入驻 (everything else)', async () => {
    const token = await demoToken(4);
    const joined = json<{
      items: { site: { slug: string }; membership: { status: string } }[];
      total: number;
    }>(await inject({ url: '/api/v1/employer/sites?tab=joined&pageSize=100', headers: bearer(token) }));
    expect(joined.items.map((i) => i.site.slug).sort()).to.include.members(['nju', 'seu', 'suda']);
    for (const item of joined.items) expect(item.membership.status).to.equal('approved');
    const unjoined = json<{ items: { site: { slug: string } }[]; total: number }>(
      await inject({ url: '/api/v1/employer/sites?tab=unjoined&pageSize=100', headers: bearer(token) }),
    );
    expect(joined.total + unjoined.total).to.equal(175);
    expect(unjoined.items.map((i) => i.site.slug))
      .to.not.include('nju')
      .and.not.include('main');
  });

  it('searches by name and filters by city and level', async () => {
    const token = await demoToken(4);
    const res = json<{ items: { site: { name: string; city: string; level: string } }[] }>(
      await inject({
        url: `/api/v1/employer/sites?tab=unjoined&q=${encodeURIComponent('师范')}&city=${encodeURIComponent('南京市')}`,
        headers: bearer(token),
      }),
    );
    expect(res.items.length).to.be.greaterThan(0);
    for (const i of res.items) {
      expect(i.site.name).to.include('师范');
      expect(i.site.city).to.equal('南京市');
    }
  });
});

describe('POST /api/v1/employer/sites/{slug}/membership', () => {
  it('gives the same application different outcomes on sites with different policies', async () => {
    const reg = await certifiedEmployer();
    const manual = await siteWithMembershipPolicy('review-policy-manual');
    const auto = await siteWithMembershipPolicy(
      'review-policy-auto-approve',
      (s) => (s.reviewPolicies.membership!.options.requireTags as string[]).length === 0,
    );
    const a = await apply(reg.token, manual.slug);
    expect(a.statusCode).to.equal(201);
    expect(json(a).status).to.equal('pending');
    const b = await apply(reg.token, auto.slug);
    expect(b.statusCode).to.equal(201);
    expect(json(b).status).to.equal('approved');
    const { app } = await getDeployment();
    const review = await app
      .db('reviews as r')
      .join('memberships as m', 'm.id', 'r.subject_id')
      .where({ 'r.subject_type': 'membership', 'm.employer_id': reg.employerId, 'r.site_id': auto.id })
      .first('r.*');
    expect(review).to.include({
      status: 'approved',
      decided_by_kind: 'policy',
      policy: 'review-policy-auto-approve',
    });
    expect(
      await app.db('review_events').where({ review_id: review.id }).orderBy('id').pluck('action'),
    ).to.deep.equal(['submitted', 'approved']);
  });

  it('leaves an uncertified employer’s application for staff even where certified ones pass at once', async () => {
    const reg = await registerEmployer();
    await submitProfile(reg.token);
    const auto = await siteWithMembershipPolicy(
      'review-policy-auto-approve',
      (s) => (s.reviewPolicies.membership!.options.requireTags as string[]).length === 0,
    );
    const res = await apply(reg.token, auto.slug);
    expect(json(res).status).to.equal('pending');
  });

  it('never lets a tag the employer picked itself drive a partners-only policy', async () => {
    const { app } = await getDeployment();
    const a = await certifiedEmployer();
    const site = await siteWithMembershipPolicy('review-policy-auto-approve', (s) =>
      (s.reviewPolicies.membership!.options.requireTags as string[]).includes('partner'),
    );
    const res = await apply(a.token, site.slug, ['partner']);
    expect(res.statusCode).to.equal(201);
    expect(json(res).status).to.equal('pending');
    const row = await app.db('memberships').where({ employer_id: a.employerId, site_id: site.id }).first();
    expect(row).to.deep.include({ status: 'pending', tag_ids: [], requested_tag_ids: ['partner'] });
  });

  it('refuses a tag the site does not have (400 UNKNOWN_TAG) and a second application (409 ALREADY_APPLIED)', async () => {
    const reg = await certifiedEmployer();
    const site = await siteWithMembershipPolicy('review-policy-manual');
    const bad = await apply(reg.token, site.slug, ['no-such-tag']);
    expect(bad.statusCode).to.equal(400);
    expect(json(bad).code).to.equal('UNKNOWN_TAG');
    expect((await apply(reg.token, site.slug)).statusCode).to.equal(201);
    const again = await apply(reg.token, site.slug);
    expect(again.statusCode).to.equal(409);
    expect(json(again).code).to.equal('ALREADY_APPLIED');
  });

  it('refuses an employer whose profile is not submitted (422 PROFILE_INCOMPLETE)', async () => {
    const reg = await registerEmployer();
    const res = await apply(reg.token, 'hhu');
    expect(res.statusCode).to.equal(422);
    expect(json(res).code).to.equal('PROFILE_INCOMPLETE');
  });

  it('lets an employer re-apply after a rejection, and a decision reaches it as a message', async () => {
    const { app } = await getDeployment();
    const reg = await certifiedEmployer();
    const site = await siteWithMembershipPolicy('review-policy-manual');
    await apply(reg.token, site.slug);
    const staff = await staffToken(`${site.slug}.admin`);
    const queue = json<{ items: { id: number; summary: string; employerId: number }[] }>(
      await inject({
        url: `/api/v1/admin/sites/${site.slug}/reviews?status=pending&type=membership&pageSize=100`,
        headers: bearer(staff),
      }),
    );
    const item = queue.items.find((i) => i.employerId === reg.employerId)!;
    expect(item.summary).to.include(reg.name);
    const before = json<{ unread: number }>(
      await inject({ url: '/api/v1/employer/messages/unread-count', headers: bearer(reg.token) }),
    ).unread;
    await inject({
      method: 'POST',
      url: `/api/v1/admin/reviews/${item.id}/decision`,
      headers: bearer(staff),
      payload: { decision: 'reject', comment: '暂不接受该行业单位' },
    });

    const list = json<{
      items: {
        status: string;
        membership: { status: string; comment: string } | null;
        site: { slug: string };
      }[];
    }>(
      await inject({
        url: `/api/v1/employer/sites?tab=unjoined&q=${encodeURIComponent(site.name)}`,
        headers: bearer(reg.token),
      }),
    );
    expect(list.items[0]!.membership).to.include({ status: 'rejected', comment: '暂不接受该行业单位' });

    const message = await waitFor('the rejection message', async () => {
      const res = json<{
        items: { title: string; body: string; read: boolean; id: number; link: string | null }[];
        unread: number;
      }>(await inject({ url: '/api/v1/employer/messages', headers: bearer(reg.token) }));
      return res.items.find((m) => m.title.includes(site.name) && m.title.includes('未通过'));
    });
    expect(message.body).to.include('暂不接受该行业单位');
    // The network feature says where a membership message leads: the school sites page.
    expect(message.link).to.equal('/employer/sites');
    expect(await app.db('messages').where({ id: message.id }).first('link')).to.deep.equal({
      link: '/employer/sites',
    });
    expect(
      json<{ unread: number }>(
        await inject({ url: '/api/v1/employer/messages/unread-count', headers: bearer(reg.token) }),
      ).unread,
    ).to.equal(before + 1);

    const again = await apply(reg.token, site.slug);
    expect(json(again).status).to.equal('pending');
    expect(
      await app.db('review_events').where({ review_id: item.id }).orderBy('id').pluck('action'),
    ).to.deep.equal(['submitted', 'rejected', 'resubmitted']);
  });

  it('lets only approved members log in with one click', async () => {
    const reg = await certifiedEmployer();
    const site = await siteWithMembershipPolicy('review-policy-manual');
    await apply(reg.token, site.slug);
    const sso = await inject({
      method: 'POST',
      url: `/api/v1/employer/sites/${site.slug}/sso`,
      headers: bearer(reg.token),
    });
    expect(sso.statusCode).to.equal(403);
    expect(json(sso).code).to.equal('SITE_NOT_JOINED');
  });
});

describe('GET /api/v1/employer/messages', () => {
  it('marks messages read one by one or all at once, and never touches another employer’s', async () => {
    const { app } = await getDeployment();
    const a = await registerEmployer();
    const b = await registerEmployer();
    const [m1, m2] = await app
      .db('messages')
      .insert([
        { employer_id: a.employerId, kind: 'test', title: '消息一', body: '内容' },
        { employer_id: a.employerId, kind: 'test', title: '消息二', body: '内容' },
      ])
      .returning('id');
    expect(
      json(await inject({ url: '/api/v1/employer/messages/unread-count', headers: bearer(a.token) })).unread,
    ).to.equal(2);
    expect(
      (
        await inject({
          method: 'POST',
          url: `/api/v1/employer/messages/${(m1 as { id: number }).id}/read`,
          headers: bearer(b.token),
        })
      ).statusCode,
    ).to.equal(404);
    const one = await inject({
      method: 'POST',
      url: `/api/v1/employer/messages/${(m1 as { id: number }).id}/read`,
      headers: bearer(a.token),
    });
    expect(json(one).unread).to.equal(1);
    expect(
      json<{ items: { id: number; read: boolean }[] }>(
        await inject({ url: '/api/v1/employer/messages?unread=true', headers: bearer(a.token) }),
      ).items.map((m) => m.id),
    ).to.deep.equal([Number((m2 as { id: number }).id)]);
    await inject({ method: 'POST', url: '/api/v1/employer/messages/read-all', headers: bearer(a.token) });
    expect(
      json(await inject({ url: '/api/v1/employer/messages/unread-count', headers: bearer(a.token) })).unread,
    ).to.equal(0);
    expect(
      json<{ items: unknown[] }>(await inject({ url: '/api/v1/employer/messages', headers: bearer(b.token) }))
        .items,
    ).to.have.length(0);
  });
});

describe('PUT /api/v1/admin/sites/{slug}/memberships/{id}/tags', () => {
  const confirm = (token: string, slug: string, id: number, tagIds: unknown) =>
    inject({
      method: 'PUT',
      url: `/api/v1/admin/sites/${slug}/memberships/${id}/tags`,
      headers: bearer(token),
      payload: { tagIds },
    });

  const postJob = async (token: string, slug: string) => {
    const res = await inject({
      method: 'POST',
      url: '/api/v1/employer/jobs',
      headers: bearer(token),
      payload: { ...JOB, siteSlugs: [slug] },
    });
    expect(res.statusCode, res.payload).to.equal(201);
    const job = json<{ id: number; publications: { site: { slug: string }; status: string }[] }>(res);
    return { id: job.id, atSite: job.publications.find((p) => p.site.slug === slug)!.status };
  };
  const jobReview = async (slug: string, jobId: number) => {
    const { app } = await getDeployment();
    return app
      .db('reviews as r')
      .join('job_publications as p', 'p.id', 'r.subject_id')
      .where({ 'r.subject_type': 'job', 'p.job_id': jobId, 'r.site_id': app.sites.get(slug)!.id })
      .first('r.status', 'r.decided_by_kind', 'r.policy');
  };

  it('at seu, a partner the employer only asked to be stays pending; once staff confirm the tag its jobs pass', async () => {
    const { app } = await getDeployment();
    const seu = app.sites.get('seu')!;
    // the policy this test is about, as tenants/seu.json declares it
    expect(seu.reviewPolicies.membership).to.deep.include({ plugin: 'review-policy-auto-approve' });
    expect(seu.reviewPolicies.job.plugin).to.equal('review-policy-auto-approve');
    expect(seu.reviewPolicies.job.options.requireTags).to.deep.equal(['partner']);

    const reg = await certifiedEmployer();
    const applied = await apply(reg.token, 'seu', ['partner']);
    expect(applied.statusCode).to.equal(201);
    expect(json(applied).status).to.equal('pending');
    const membership = await app
      .db('memberships')
      .where({ employer_id: reg.employerId, site_id: seu.id })
      .first();
    expect(membership).to.deep.include({ status: 'pending', tag_ids: [], requested_tag_ids: ['partner'] });
    const review = await app
      .db('reviews')
      .where({ site_id: seu.id, subject_type: 'membership', subject_id: membership.id })
      .first();
    expect(review).to.include({ status: 'pending', decided_by_kind: null });

    // the employer's own view: the tag is asked for, not granted
    const listed = json<{
      items: { membership: { tags: { id: string }[]; requestedTags: { id: string; name: string }[] } }[];
    }>(await inject({ url: `/api/v1/employer/sites?tab=unjoined&q=seu`, headers: bearer(reg.token) }));
    expect(listed.items[0]!.membership.tags).to.deep.equal([]);
    expect(listed.items[0]!.membership.requestedTags).to.deep.equal([
      { id: 'partner', name: '战略合作单位' },
    ]);

    // staff approve the membership without confirming the tag: its jobs still wait for staff at seu
    const staff = await staffToken('seu.admin');
    const decided = await inject({
      method: 'POST',
      url: `/api/v1/admin/reviews/${review.id}/decision`,
      headers: bearer(staff),
      payload: { decision: 'approve' },
    });
    expect(decided.statusCode).to.equal(200);
    const before = await postJob(reg.token, 'seu');
    expect(before.atSite).to.equal('pending');

    // staff confirm the tag
    const confirmed = await confirm(staff, 'seu', membership.id, ['partner']);
    expect(confirmed.statusCode, confirmed.payload).to.equal(200);
    expect(json(confirmed)).to.deep.include({
      id: membership.id,
      employerId: reg.employerId,
      status: 'approved',
      tags: [{ id: 'partner', name: '战略合作单位' }],
      requestedTags: [{ id: 'partner', name: '战略合作单位' }],
    });
    expect(
      await app.db('memberships').where({ id: membership.id }).first('tag_ids', 'requested_tag_ids'),
    ).to.deep.equal({ tag_ids: ['partner'], requested_tag_ids: ['partner'] });

    const after = await postJob(reg.token, 'seu');
    expect(after.atSite).to.equal('approved');
    expect(await jobReview('seu', after.id)).to.deep.equal({
      status: 'approved',
      decided_by_kind: 'policy',
      policy: 'review-policy-auto-approve',
    });
    // the job posted before the confirmation is not approved behind staff's back
    expect(await jobReview('seu', before.id)).to.include({ status: 'pending' });

    // taking the tag away again puts new jobs back in the queue
    expect(json(await confirm(staff, 'seu', membership.id, [])).tags).to.deep.equal([]);
    const later = await postJob(reg.token, 'seu');
    expect(later.atSite).to.equal('pending');
  });

  it('refuses a tag the site does not have, another site’s staff, another site’s membership and employers', async () => {
    const { app } = await getDeployment();
    const reg = await certifiedEmployer();
    await apply(reg.token, 'seu', ['alumni']);
    const m = await app
      .db('memberships')
      .where({ employer_id: reg.employerId, site_id: app.sites.get('seu')!.id })
      .first();
    const seuStaff = await staffToken('seu.admin');
    const njuStaff = await staffToken('nju.admin');

    const unknown = await confirm(seuStaff, 'seu', m.id, ['no-such-tag']);
    expect(unknown.statusCode).to.equal(400);
    expect(json(unknown).code).to.equal('UNKNOWN_TAG');

    const otherStaff = await confirm(njuStaff, 'seu', m.id, ['partner']);
    expect(otherStaff.statusCode).to.equal(403);
    expect(json(otherStaff).code).to.equal('FORBIDDEN');

    // nju staff naming their own site but seu's membership: as absent as one that does not exist
    const otherRow = await confirm(njuStaff, 'nju', m.id, []);
    expect(otherRow.statusCode).to.equal(404);
    expect(json(otherRow).code).to.equal('NOT_FOUND');

    const employer = await confirm(reg.token, 'seu', m.id, ['partner']);
    expect([401, 403]).to.include(employer.statusCode);

    const missing = await confirm(seuStaff, 'seu', 2_000_000_000, ['partner']);
    expect(missing.statusCode).to.equal(404);

    expect(
      await app.db('memberships').where({ id: m.id }).first('tag_ids', 'requested_tag_ids'),
    ).to.deep.equal({
      tag_ids: [],
      requested_tag_ids: ['alumni'],
    });
  });
});
