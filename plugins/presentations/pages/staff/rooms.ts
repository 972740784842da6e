// 管理控制台 › 场地管理: the site's rooms (场地) with an add form, and a room's edit page (name, building, capacity,
// bookable or not, bookable hours). Every field error is shown at once; a duplicate name (ROOM_NAME_TAKEN) is the
// name field's error. Staff work on their own site only: the page access check answers 403 to another site's
// staff, and a room of another site is "not found" here; the rooms service checks the same again.
import type { Request, ResponseToolkit, ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import { service, type App } from '../../../../core/app.js';
import { idParams } from '../../../../core/http/schemas.js';
import {
  errorSummary,
  failure,
  fields,
  flashTexts,
  pick,
  render,
  seeOther,
  staffOf,
  type FieldSpec,
  type FormErrors,
  type FormValues,
} from '../../../../core/pages/index.js';
import { fail } from '../../errors.js';
import { mainSitePage } from './calendar.js';
import type { RoomInput } from '../../room-service.js';

const flash = flashTexts({ 'room-added': '场地已添加。', 'room-saved': '场地信息已保存。' });

const SPECS: FieldSpec[] = [
  {
    name: 'name',
    label: '场地名称',
    required: true,
    attrs: { maxlength: 40 },
    help: '如：逸夫楼 101 报告厅',
  },
  { name: 'building', label: '所在楼宇（选填）', attrs: { maxlength: 60 } },
  {
    name: 'capacity',
    label: '容纳人数',
    type: 'number',
    required: true,
    attrs: { min: 1, max: 100000, step: 1, inputmode: 'numeric' },
  },
  {
    name: 'bookable',
    label: '是否开放预约',
    required: true,
    options: [
      { value: 'true', label: '开放预约' },
      { value: 'false', label: '暂不开放' },
    ],
    help: '暂不开放的场地不会出现在单位申请宣讲会的场地列表中。',
  },
  { name: 'opens', label: '每日开放时间', required: true, help: '北京时间，如 08:00' },
  { name: 'closes', label: '每日关闭时间', required: true, help: '须晚于开放时间，如 21:30' },
];
const NAMES = SPECS.map((s) => s.name);
const LABELS: Record<string, string> = Object.fromEntries(SPECS.map((s) => [s.name, s.label]));
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
const DEFAULTS: FormValues = { bookable: 'true', opens: '08:00', closes: '21:30' };

function roomFields(values: FormValues, errors: FormErrors, scope: string) {
  const f = fields(SPECS, values, errors, scope);
  f.opens = { ...f.opens!, type: 'time' };
  f.closes = { ...f.closes!, type: 'time' };
  return f;
}

/** Reads and checks the room form: every field's error at once. */
export function readRoom(payload: unknown): { values: FormValues; errors: FormErrors; input: RoomInput } {
  const values: FormValues = pick(payload, NAMES);
  const text = (n: string) => String(values[n] ?? '').trim();
  const errors: FormErrors = {};
  const name = text('name');
  if (!name) errors.name = '请填写场地名称';
  else if (name.length > 40) errors.name = '场地名称不能超过 40 字';
  const building = text('building');
  if (building.length > 60) errors.building = '所在楼宇不能超过 60 字';
  const capacityRaw = text('capacity');
  const capacity = Number(capacityRaw);
  if (!capacityRaw) errors.capacity = '请填写容纳人数';
  else if (!/^\d{1,6}$/.test(capacityRaw) || capacity < 1 || capacity > 100_000)
    errors.capacity = '容纳人数应为 1–100000 的整数';
  const bookable = text('bookable');
  if (bookable !== 'true' && bookable !== 'false') errors.bookable = '请选择是否开放预约';
  // <input type="time"> may send seconds (HH:MM:SS); keep HH:MM.
  const opens = text('opens').slice(0, 5);
  const closes = text('closes').slice(0, 5);
  if (!opens) errors.opens = '请填写开放时间';
  else if (!CLOCK.test(opens)) errors.opens = '时间格式应为 HH:MM，如 08:00';
  if (!closes) errors.closes = '请填写关闭时间';
  else if (!CLOCK.test(closes)) errors.closes = '时间格式应为 HH:MM，如 21:30';
  else if (CLOCK.test(opens) && closes <= opens) errors.closes = '关闭时间必须晚于开放时间';
  return {
    values,
    errors,
    input: { name, building, capacity, bookable: bookable === 'true', opens, closes },
  };
}

interface Form {
  values?: FormValues;
  errors?: FormErrors;
  message?: string;
}

async function listPage(app: App, request: Request, h: ResponseToolkit, form: Form, status = 200) {
  const rooms = await service(app, 'rooms').list(request.app.xz.site);
  const errors = form.errors ?? {};
  return render(request, h, 'presentations/staff-rooms', {
    data: {
      alerts: {
        flash: flash((request.query as { done?: string }).done),
        message: form.message,
        summary: errorSummary(errors, LABELS, 'room'),
      },
      rows: rooms.map((r) => ({
        ...r,
        hoursText: `${r.hours.opens}–${r.hours.closes}`,
      })),
      form: { fields: roomFields(form.values ?? DEFAULTS, errors, 'room') },
    },
    title: '场地管理',
    status,
    menu: 'rooms',
  });
}

/** A room of this site, or 404 (a room of another site is not found here). */
async function roomHere(app: App, request: Request, id: number) {
  const room = await service(app, 'rooms').get(id);
  if (room.siteId !== request.app.xz.site.id) throw fail('ROOM_NOT_FOUND');
  return room;
}

async function editPage(
  app: App,
  request: Request,
  h: ResponseToolkit,
  id: number,
  form: Form,
  status = 200,
) {
  const room = await roomHere(app, request, id);
  const v = service(app, 'rooms').view(room);
  const errors = form.errors ?? {};
  const values = form.values ?? {
    name: v.name,
    building: v.building,
    capacity: String(v.capacity),
    bookable: String(v.bookable),
    opens: v.hours.opens,
    closes: v.hours.closes,
  };
  return render(request, h, 'presentations/staff-room-edit', {
    data: {
      alerts: {
        flash: flash((request.query as { done?: string }).done),
        message: form.message,
        summary: errorSummary(errors, LABELS, 'room'),
      },
      room: v,
      form: { fields: roomFields(values, errors, 'room') },
    },
    title: `编辑场地：${v.name}`,
    status,
    menu: 'rooms',
  });
}

/** A refusal of the rooms service as form errors: ROOM_NAME_TAKEN on the name, hour rules on their field. */
function refusal(err: unknown): { errors: FormErrors; message?: string; status: number } {
  const f = failure(err, NAMES, { ROOM_NAME_TAKEN: 'name' });
  if (f.status === 403 || f.status === 404) throw err;
  return { errors: f.errors, message: f.message, status: f.status };
}

const doneQuery = Joi.object({ done: Joi.string().max(40) }).unknown(true);

export function staffRoomPages(app: App): ServerRoute[] {
  return [
    {
      method: 'GET',
      path: '/admin/rooms',
      options: {
        app: { page: { audience: 'staff' } },
        validate: { query: doneQuery },
        handler: (request, h) =>
          request.app.xz.site.isMain
            ? mainSitePage(request, h, '场地管理', 'rooms')
            : listPage(app, request, h, {}),
      },
    },
    {
      method: 'POST',
      path: '/admin/rooms',
      options: {
        app: { page: { audience: 'staff' } },
        handler: async (request, h) => {
          const c = staffOf(request);
          if (request.app.xz.site.isMain) return mainSitePage(request, h, '场地管理', 'rooms', 422);
          const room = readRoom(request.payload);
          if (Object.keys(room.errors).length)
            return listPage(app, request, h, { values: room.values, errors: room.errors }, 400);
          try {
            await service(app, 'rooms').create(c, request.app.xz.site, room.input);
          } catch (err) {
            const r = refusal(err);
            return listPage(
              app,
              request,
              h,
              { values: room.values, errors: r.errors, message: r.message },
              r.status,
            );
          }
          return seeOther(request, h, '/admin/rooms', 'room-added');
        },
      },
    },
    {
      method: 'GET',
      path: '/admin/rooms/{id}',
      options: {
        app: { page: { audience: 'staff' } },
        validate: { params: idParams, query: doneQuery },
        handler: (request, h) => editPage(app, request, h, (request.params as { id: number }).id, {}),
      },
    },
    {
      method: 'POST',
      path: '/admin/rooms/{id}',
      options: {
        app: { page: { audience: 'staff' } },
        validate: { params: idParams },
        handler: async (request, h) => {
          const id = (request.params as { id: number }).id;
          const c = staffOf(request);
          await roomHere(app, request, id);
          const room = readRoom(request.payload);
          if (Object.keys(room.errors).length)
            return editPage(app, request, h, id, { values: room.values, errors: room.errors }, 400);
          try {
            await service(app, 'rooms').update(c, id, room.input);
          } catch (err) {
            const r = refusal(err);
            return editPage(
              app,
              request,
              h,
              id,
              { values: room.values, errors: r.errors, message: r.message },
              r.status,
            );
          }
          return seeOther(request, h, `/admin/rooms/${id}`, 'room-saved');
        },
      },
    },
  ];
}
