import { expect } from 'chai';
import Joi from 'joi';
import { FIELD_LABELS, fieldLabel } from '../../core/http/field-labels.js';
import { joiDetails, joiLabel, validationError } from '../../core/http/errors.js';
import { isOwnMessage } from '../../core/http/joi-zh.js';
import { getDeployment, inject, json, staffToken } from '../helpers/deployment.js';
import { bearer, registerEmployer } from '../helpers/employers.js';

const CJK = /[\u4e00-\u9fff]/;
/** Phrases of joi's English messages, and the quoted path it names fields with. */
const ENGLISH =
  /must be|is required|is not allowed|fails to match|with value|required pattern|failed custom validation|does not|"[\w.[\]]+"/i;

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: { path: string; message: string }[];
}

/** Every message of a 400 body is Chinese, without joi's English; the top one names the field in Chinese. */
function expectChinese(body: ErrorBody, firstLabel: string) {
  expect(body.statusCode).to.equal(400);
  expect(body.code).to.equal('VALIDATION');
  const messages = [body.message, ...(body.details ?? []).map((d) => d.message)];
  for (const m of messages) {
    expect(m, m).to.match(CJK);
    expect(m, m).to.not.match(ENGLISH);
  }
  expect(body.message).to.include(firstLabel);
  // no field is named by its English key (`employerTags`, `pageSize`)
  for (const d of body.details ?? [])
    for (const key of d.path.split('.').filter((k) => !/^\d+$/.test(k)))
      expect(body.message, key).to.not.match(new RegExp(`\\b${key}\\b`));
}

/** Keys of a joi description, recursively (object keys, array items, alternatives). */
function keysOf(desc: Record<string, unknown> | undefined, out: Set<string>): void {
  if (!desc) return;
  const keys = desc.keys as Record<string, Record<string, unknown>> | undefined;
  if (keys)
    for (const [k, v] of Object.entries(keys)) {
      out.add(k);
      keysOf(v, out);
    }
  for (const item of (desc.items as Record<string, unknown>[] | undefined) ?? []) keysOf(item, out);
  for (const m of (desc.matches as Record<string, Record<string, unknown>>[] | undefined) ?? []) {
    keysOf(m.schema, out);
    keysOf(m.then, out);
    keysOf(m.otherwise, out);
  }
}

describe('validation messages in Chinese', () => {
  describe('the generic joi layer', () => {
    it('names every field of every API route in Chinese', async () => {
      const { server } = await getDeployment();
      const missing = new Map<string, string>();
      for (const route of server.table()) {
        if (!route.path.startsWith('/api/')) continue;
        const validate = (route.settings.validate ?? {}) as Record<string, unknown>;
        for (const part of ['params', 'query', 'payload']) {
          const schema = validate[part] as Joi.Schema | undefined;
          if (!schema || typeof schema.describe !== 'function') continue;
          const keys = new Set<string>();
          keysOf(schema.describe() as unknown as Record<string, unknown>, keys);
          for (const k of keys)
            if (!Object.hasOwn(FIELD_LABELS, k)) missing.set(k, `${route.method} ${route.path}`);
        }
      }
      expect(
        Object.fromEntries(missing),
        'give these fields a Chinese name in core/http/field-labels.ts',
      ).to.deep.equal({});
    });

    it('never takes joi’s English message for the schema’s own because the value it quotes is Chinese', () => {
      const schema = Joi.object({
        employerTags: Joi.array().items(Joi.object({ id: Joi.string().pattern(/^[a-z0-9]+$/) })),
        phone: Joi.string().pattern(/^\d+$/).messages({ 'string.pattern.base': '手机号格式不正确' }),
      });
      const { error } = schema.validate(
        { employerTags: [{ id: 'ok' }, { id: '重点' }], phone: 'x' },
        { abortEarly: false },
      );
      expect(error!.details[0]!.message).to.include('重点');
      expect(isOwnMessage(error!.details[0]!)).to.equal(false);
      expect(joiDetails(error!)).to.deep.equal([
        { path: 'employerTags.1.id', message: '格式不正确' },
        { path: 'phone', message: '手机号格式不正确' },
      ]);
      expect(joiLabel(error!.details[0]!)).to.equal('单位标记第 2 项的标识');
      const named = Joi.object({ color: Joi.string().hex().label('主色') }).validate({ color: '绿' });
      expect(joiLabel(named.error!.details[0]!)).to.equal('主色');
      expect(joiDetails(named.error!)).to.deep.equal([{ path: 'color', message: '应为十六进制字符' }]);
    });

    it('names the field before a generic message only, never before a message that stands alone', () => {
      expect(validationError([{ path: 'cities.0', message: '格式不正确' }]).message).to.equal(
        '提交的信息有误：「工作城市第 1 项」格式不正确',
      );
      expect(validationError([{ path: 'title', message: '不能超过 100 个字符' }]).message).to.equal(
        '提交的信息有误：「标题」不能超过 100 个字符',
      );
      expect(validationError([{ path: 'salaryMax', message: '最高薪资不能低于最低薪资' }]).message).to.equal(
        '提交的信息有误：最高薪资不能低于最低薪资',
      );
    });

    it('prefers a Chinese .label() of the schema and knows nothing of unknown keys', () => {
      expect(fieldLabel(['theme', 'settings', 'primaryColor'], '主色')).to.equal('主色');
      expect(fieldLabel(['constructor'])).to.equal(null);
      expect(fieldLabel(['cities', 0])).to.equal('工作城市第 1 项');
    });
  });

  describe('400 VALIDATION bodies of API routes', () => {
    it('POST /api/v1/sms-codes', async () => {
      const res = await inject({
        method: 'POST',
        url: '/api/v1/sms-codes',
        payload: { phone: '重点', purpose: 'guess', extra: 1 },
      });
      const body = json<ErrorBody>(res);
      expectChinese(body, '手机号');
      expect(body.details!.map((d) => d.path)).to.have.members(['phone', 'purpose', 'extra']);
    });

    it('POST /api/v1/employers', async () => {
      const res = await inject({
        method: 'POST',
        url: '/api/v1/employers',
        payload: {
          name: '',
          uscc: '重点单位',
          contactName: 123,
          contactPhone: '1380000',
          smsCode: 'abc',
          password: '短',
          email: '邮箱@',
          enableESign: '是',
        },
      });
      const body = json<ErrorBody>(res);
      expectChinese(body, '名称');
      expect(body.details!.length).to.be.greaterThan(4);
    });

    it('PUT /api/v1/admin/sites/{slug}/settings with a Chinese tag id', async () => {
      const token = await staffToken('yzu.admin');
      const res = await inject({
        method: 'PUT',
        url: '/api/v1/admin/sites/yzu/settings',
        headers: bearer(token),
        payload: {
          employerTags: [
            { id: 'key', name: '重点单位' },
            { id: '重点', name: '合作单位' },
          ],
        },
      });
      const body = json<ErrorBody>(res);
      // 站点设置 words its own sentence naming the field (plugins/site-settings); any other generic one gets the name
      expectChinese(body, '单位标记');
      expect(body.message).to.include('标识');
      expect(body.details!.map((d) => d.path)).to.deep.equal(['employerTags.1.id']);
    });

    it('POST /api/v1/employer/jobs', async () => {
      const employer = await registerEmployer();
      const res = await inject({
        method: 'POST',
        url: '/api/v1/employer/jobs',
        headers: bearer(employer.token),
        payload: {
          title: '',
          headcount: '很多',
          salaryMin: -1,
          cities: ['南京'],
          expiresOn: '明天',
          siteSlugs: ['重点'],
        },
      });
      expectChinese(json<ErrorBody>(res), '标题');
    });

    it('GET /api/v1/public/sites/{slug}/jobs with a bad query', async () => {
      const res = await inject('/api/v1/public/sites/nju/jobs?page=第一页&pageSize=1000');
      expectChinese(json<ErrorBody>(res), '页码');
    });

    it('POST /api/v1/auth/login', async () => {
      const res = await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { phone: '重点' } });
      const body = json<ErrorBody>(res);
      expectChinese(body, '手机号');
      expect(body.details).to.deep.include({ path: 'password', message: '必填' });
    });
  });
});
