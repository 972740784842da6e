// The known list of template helpers: themes may use these and nothing else.
import asset from './asset.js';
import csrfField from './csrf-field.js';
import date from './date.js';
import dateTime from './date-time.js';
import eq from './eq.js';
import formOnce from './form-once.js';
import json from './json.js';
import money from './money.js';
import region from './region.js';
import salary from './salary.js';
import url from './url.js';
import validUntil from './valid-until.js';
import xzFoot from './xz-foot.js';
import xzHead from './xz-head.js';
import year from './year.js';

export const HELPERS = {
  asset,
  csrf_field: csrfField,
  date,
  date_time: dateTime,
  eq,
  form_once: formOnce,
  json,
  money,
  region,
  salary,
  url,
  valid_until: validUntil,
  xz_foot: xzFoot,
  xz_head: xzHead,
  year,
} as const;
