// 管理控制台 › 招聘会: the site's fairs and the fair editor (new fair with venues; edit the basic fields, add a venue,
// and per venue rename it, add booths by range, remove booths or the venue itself). The bookings and check-in pages
// are in fair-bookings.ts. Staff work on their own site only (the page access check answers 403 to another site's
// staff), and a fair of another site is "not found" here; the fairs service checks the same again.
import type { Request, ResponseToolkit, ServerRoute } from '@hapi/hapi';
import type Boom from '@hapi/boom';
import Joi from 'joi';
import { idParams, rowId } from '../../../../core/http/schemas.js';
import { service, type App } from '../../../../core/app.js';
import type { StaffCredentials } from '../../../../core/auth/principals.js';
import { toErrorPayload } from '../../../../core/http/errors.js';
import type { FairService } from '../../fair-service.js';
import { venueName } from '../../schemas.js';
import {
  detailErrors,
  fairFields,
  LABELS,
  readFair,
  readVenues,
  valuesOfFair,
  venueDetailErrors,
  venueRowsView,
  type VenueRow,
} from '../fair-form.js';
import { fairFacts, parseBoothCodes } from '../format.js';
import {
  FormErrors,
  FormValues,
  errorSummary,
  failure,
  pick,
  render,
  seeOther,
  staffOf,
  validateForm,
} from '../../../../core/pages/index.js';
import { flash } from '../flash.js';
import { fairHere } from './fair-here.js';
import { staffBookingPages } from './fair-bookings.js';

const venueParams = Joi.object({ id: rowId.required(), venueId: rowId.required() });
const NEW_VENUE_ROWS = 3;

interface EditorForm {
  values?: FormValues;
  errors?: FormErrors;
  venues?: VenueRow[];
  venueErrors?: FormErrors;
  /** one existing venue's form sent back: what was typed and the refusal next to it */
  venueEdit?: VenueEdit;
  message?: string;
  flash?: string;
}

interface VenueEdit {
  venueId: number;
  name?: string;
  nameError?: string;
  booths?: string;
  boothsError?: string;
  removeBoothError?: string;
  removeError?: string;
}

async function newPage(
  app: App,
  request: Request,
  h: ResponseToolkit,
  c: StaffCredentials,
  form: EditorForm,
  status = 200,
) {
  const errors = form.errors ?? {};
  const venueErrors = form.venueErrors ?? {};
  const venues = venueRowsView(form.venues ?? [], venueErrors, NEW_VENUE_ROWS, 'venue');
  return render(request, h, 'fairs/staff-fair-new', {
    data: {
      alerts: {
        message: form.message,
        summary: [
          ...errorSummary(errors, LABELS, 'fair'),
          ...venues.flatMap((v) => [
            ...(v.nameError ? [{ href: `#${v.id}-name`, text: `分会场 ${v.n} 名称：${v.nameError}` }] : []),
            ...(v.boothsError
              ? [{ href: `#${v.id}-booths`, text: `分会场 ${v.n} 展位号：${v.boothsError}` }]
              : []),
          ]),
        ],
      },
      form: {
        fields: fairFields(
          form.values ?? { boothSelection: 'at_booking', feeAmount: '0', feePayment: 'none' },
          errors,
        ),
      },
      venues,
    },
    title: '新建招聘会',
    status: status,
    menu: 'fairs',
  });
}

async function editPage(
  app: App,
  request: Request,
  h: ResponseToolkit,
  c: StaffCredentials,
  id: number,
  form: EditorForm,
  status = 200,
) {
  const fair = await fairHere(app, request, id);
  const layout = await service(app, 'fairs').layout(c, id);
  const errors = form.errors ?? {};
  const venueErrors = form.venueErrors ?? {};
  const venue = venueRowsView(form.venues ?? [], venueErrors, 1, 'add-venue');
  const venues = layout.venues.map((v) => venueEditView(id, v, layout.venues.length, form.venueEdit));
  return render(request, h, 'fairs/staff-fair-edit', {
    data: {
      alerts: {
        flash: form.flash,
        message: form.message,
        summary: [
          ...errorSummary(errors, LABELS, 'fair'),
          ...venue.flatMap((v) => [
            ...(v.nameError ? [{ href: `#${v.id}-name`, text: `分会场名称：${v.nameError}` }] : []),
            ...(v.boothsError ? [{ href: `#${v.id}-booths`, text: `展位号：${v.boothsError}` }] : []),
          ]),
          ...venues.flatMap((v) => v.summary),
        ],
      },
      fair: { id: fair.id, title: fair.title },
      form: { fields: fairFields(form.values ?? valuesOfFair(fair), errors) },
      venues,
      venue: venue[0],
    },
    title: `编辑招聘会：${fair.title}`,
    status: status,
    menu: 'fairs',
  });
}

type LayoutVenue = Awaited<ReturnType<FairService['layout']>>['venues'][number];

/** One existing venue on the editor: rename, add booths, remove booths, remove the venue. */
function venueEditView(fairId: number, v: LayoutVenue, venueCount: number, edit?: VenueEdit) {
  const e = edit?.venueId === v.id ? edit : undefined;
  const scope = `xz-f-venue-${v.id}`;
  const base = `/admin/fairs/${fairId}/venues/${v.id}`;
  const booked = v.booths.filter((b) => b.bookings > 0).length;
  const label = `分会场「${v.name}」`;
  return {
    id: v.id,
    scope,
    name: v.name,
    count: v.booths.length,
    codes: v.booths.map((b) => b.code).join('、'),
    actions: {
      name: `${base}/name`,
      booths: `${base}/booths`,
      removeBooth: `${base}/booths/delete`,
      remove: `${base}/delete`,
    },
    rename: { value: e?.name ?? v.name, error: e?.nameError },
    add: { value: e?.booths ?? '', error: e?.boothsError },
    booths: v.booths.map((b) => ({ id: b.id, code: b.code, booked: b.bookings > 0 })),
    booked,
    lastBooth: v.booths.length <= 1,
    removeBoothError: e?.removeBoothError,
    removable: venueCount > 1 && booked === 0,
    removeNote:
      venueCount <= 1
        ? '每场招聘会至少保留一个分会场。'
        : booked > 0
          ? `该分会场有 ${booked} 个展位已有预定记录，不能删除。`
          : undefined,
    removeError: e?.removeError,
    summary: [
      ...(e?.nameError ? [{ href: `#${scope}-name`, text: `${label}名称：${e.nameError}` }] : []),
      ...(e?.boothsError ? [{ href: `#${scope}-booths`, text: `${label}添加展位：${e.boothsError}` }] : []),
      ...(e?.removeBoothError
        ? [{ href: `#${scope}-remove-booths`, text: `${label}删除展位：${e.removeBoothError}` }]
        : []),
      ...(e?.removeError ? [{ href: `#${scope}-remove`, text: `${label}：${e.removeError}` }] : []),
    ],
  };
}

export function staffFairPages(app: App): ServerRoute[] {
  /**
   * A form of one existing venue on the editor. `act` does the change and answers nothing, or the venue's form to
   * show again (input refused before the service was asked); a refusal of the service (4xx) is shown next to the
   * form by `onRefusal`, with its status. 403 and 404 go to the error pages.
   */
  const venueForm = (
    suffix: string,
    done: string,
    act: (c: StaffCredentials, id: number, venueId: number, payload: unknown) => Promise<VenueEdit | void>,
    onRefusal: (venueId: number, payload: unknown, message: string) => VenueEdit,
  ): ServerRoute => ({
    method: 'POST',
    path: `/admin/fairs/{id}/venues/{venueId}${suffix}`,
    options: {
      app: { page: { audience: 'staff' } },
      validate: { params: venueParams },
      handler: async (request, h) => {
        const { id, venueId } = request.params as { id: number; venueId: number };
        const c = staffOf(request);
        await fairHere(app, request, id);
        try {
          const again = await act(c, id, venueId, request.payload);
          if (again) return editPage(app, request, h, c, id, { venueEdit: again }, 400);
        } catch (err) {
          const f = failure(err, []);
          if (f.status === 403 || f.status === 404) throw err;
          const details = toErrorPayload(err as Boom.Boom).details ?? [];
          const message = details[0]?.message ?? f.message ?? '操作失败';
          return editPage(
            app,
            request,
            h,
            c,
            id,
            { venueEdit: onRefusal(venueId, request.payload, message) },
            f.status,
          );
        }
        return seeOther(request, h, `/admin/fairs/${id}`, done);
      },
    },
  });
  const typed = (payload: unknown, name: string, max: number) =>
    (pick(payload, [name])[name] ?? '').slice(0, max);
  return [
    {
      method: 'GET',
      path: '/admin/fairs',
      options: {
        app: { page: { audience: 'staff' } },
        validate: { query: Joi.object({ done: Joi.string().max(40) }).unknown(true) },
        handler: async (request, h) => {
          const { items } = await service(app, 'fairs').siteFairs(request.app.xz.site, false);
          const now = app.clock.now();
          return render(request, h, 'fairs/staff-fairs', {
            data: {
              alerts: { flash: flash((request.query as { done?: string }).done) },
              rows: items
                .map((f) => ({ ...fairFacts(f, now), ended: now.getTime() >= new Date(f.endsAt).getTime() }))
                .reverse(),
            },
            title: '招聘会',
            menu: 'fairs',
          });
        },
      },
    },
    {
      method: 'GET',
      path: '/admin/fairs/new',
      options: {
        app: { page: { audience: 'staff' } },
        handler: async (request, h) => {
          const c = staffOf(request);
          return newPage(app, request, h, c, {});
        },
      },
    },
    {
      method: 'POST',
      path: '/admin/fairs/new',
      options: {
        app: { page: { audience: 'staff' } },
        handler: async (request, h) => {
          const c = staffOf(request);
          const basic = readFair(request.payload);
          const venues = readVenues(request.payload);
          const venueErrors = { ...venues.errors };
          if (venues.input.length === 0 && Object.keys(venueErrors).length === 0)
            venueErrors['0.booths'] = '请至少设置一个分会场及其展位';
          const again = (
            errors: FormErrors,
            vErrors: FormErrors,
            message: string | undefined,
            status: number,
          ) =>
            newPage(
              app,
              request,
              h,
              c,
              { values: basic.values, errors, venues: venues.rows, venueErrors: vErrors, message },
              status,
            );
          if (Object.keys(basic.errors).length || Object.keys(venueErrors).length)
            return again(basic.errors, venueErrors, undefined, 400);
          let id: number;
          try {
            id = (
              await service(app, 'fairs').create(c, request.app.xz.site, {
                ...basic.input,
                venues: venues.input,
              })
            ).id;
          } catch (err) {
            const f = failure(err, []);
            const details = toErrorPayload(err as Boom.Boom).details ?? [];
            const mapped = venueDetailErrors(details, venues.rowOf);
            return again(
              detailErrors(details),
              mapped.errors,
              mapped.rest[0] ?? (details.length ? undefined : f.message),
              f.status,
            );
          }
          return seeOther(request, h, `/admin/fairs/${id}`, 'fair-created');
        },
      },
    },
    {
      method: 'GET',
      path: '/admin/fairs/{id}',
      options: {
        app: { page: { audience: 'staff' } },
        validate: { params: idParams, query: Joi.object({ done: Joi.string().max(40) }).unknown(true) },
        handler: async (request, h) => {
          const c = staffOf(request);
          return editPage(app, request, h, c, (request.params as { id: number }).id, {
            flash: flash((request.query as { done?: string }).done),
          });
        },
      },
    },
    {
      method: 'POST',
      path: '/admin/fairs/{id}',
      options: {
        app: { page: { audience: 'staff' } },
        validate: { params: idParams },
        handler: async (request, h) => {
          const id = (request.params as { id: number }).id;
          const c = staffOf(request);
          await fairHere(app, request, id);
          const basic = readFair(request.payload);
          if (Object.keys(basic.errors).length)
            return editPage(app, request, h, c, id, { values: basic.values, errors: basic.errors }, 400);
          try {
            await service(app, 'fairs').update(c, id, basic.input);
          } catch (err) {
            const f = failure(err, []);
            if (f.status === 403 || f.status === 404) throw err;
            const details = toErrorPayload(err as Boom.Boom).details ?? [];
            const errors = detailErrors(details);
            return editPage(
              app,
              request,
              h,
              c,
              id,
              { values: basic.values, errors, message: Object.keys(errors).length ? undefined : f.message },
              f.status,
            );
          }
          return seeOther(request, h, `/admin/fairs/${id}`, 'fair-saved');
        },
      },
    },
    {
      method: 'POST',
      path: '/admin/fairs/{id}/venues',
      options: {
        app: { page: { audience: 'staff' } },
        validate: { params: idParams },
        handler: async (request, h) => {
          const id = (request.params as { id: number }).id;
          const c = staffOf(request);
          await fairHere(app, request, id);
          const venues = readVenues(request.payload);
          const venueErrors = { ...venues.errors };
          if (venues.input.length === 0 && Object.keys(venueErrors).length === 0)
            venueErrors['0.name'] = '请填写分会场名称和展位号';
          if (Object.keys(venueErrors).length)
            return editPage(app, request, h, c, id, { venues: venues.rows, venueErrors }, 400);
          try {
            await service(app, 'fairs').addVenue(c, id, venues.input[0]!);
          } catch (err) {
            const f = failure(err, []);
            if (f.status === 403 || f.status === 404) throw err;
            const details = toErrorPayload(err as Boom.Boom).details ?? [];
            return editPage(
              app,
              request,
              h,
              c,
              id,
              { venues: venues.rows, venueErrors: { '0.name': details[0]?.message ?? f.message ?? '' } },
              f.status,
            );
          }
          return seeOther(request, h, `/admin/fairs/${id}`, 'venue-added');
        },
      },
    },
    venueForm(
      '/name',
      'venue-renamed',
      async (c, id, venueId, payload) => {
        const name = typed(payload, 'name', 100);
        if (!name.trim()) return { venueId, name, nameError: '请填写分会场名称' };
        const form = validateForm<{ name: string }>(Joi.object({ name: venueName }), { name }, ['name']);
        if (!form.ok) return { venueId, name, nameError: form.errors.name };
        await service(app, 'fairs').renameVenue(c, id, venueId, form.value.name);
      },
      (venueId, payload, message) => ({ venueId, name: typed(payload, 'name', 100), nameError: message }),
    ),
    venueForm(
      '/booths',
      'booths-added',
      async (c, id, venueId, payload) => {
        const booths = typed(payload, 'booths', 20000);
        const parsed = parseBoothCodes(booths);
        if ('error' in parsed) return { venueId, booths, boothsError: parsed.error };
        await service(app, 'fairs').addBooths(
          c,
          id,
          venueId,
          parsed.codes.map((code) => ({ code })),
        );
      },
      (venueId, payload, message) => ({
        venueId,
        booths: typed(payload, 'booths', 20000),
        boothsError: message,
      }),
    ),
    venueForm(
      '/booths/delete',
      'booth-removed',
      async (c, id, venueId, payload) => {
        const { value, error } = rowId.required().validate(typed(payload, 'boothId', 20));
        if (error) return { venueId, removeBoothError: '请选择要删除的展位' };
        await service(app, 'fairs').removeBooth(c, id, venueId, value as number);
      },
      (venueId, _payload, message) => ({ venueId, removeBoothError: message }),
    ),
    venueForm(
      '/delete',
      'venue-removed',
      async (c, id, venueId) => {
        await service(app, 'fairs').removeVenue(c, id, venueId);
      },
      (venueId, _payload, message) => ({ venueId, removeError: message }),
    ),
    ...staffBookingPages(app),
  ];
}
