// The known list of template helpers: themes may use these and nothing else.
import asset from './asset.js';
import csrfField from './csrf-field.js';
import eq from './eq.js';
import json from './json.js';
import url from './url.js';
import xzFoot from './xz-foot.js';
import xzHead from './xz-head.js';
import year from './year.js';

export const HELPERS = {
  asset,
  csrf_field: csrfField,
  eq,
  json,
  url,
  xz_foot: xzFoot,
  xz_head: xzHead,
  year,
} as const;
