/* global document */
// Progressive enhancement of the region field (core/pages/views/partials/xz-region-field.hbs): the one select
// grouped by province, which works without JS, becomes three selects — 省 → 市 → 区县 — built from its own options
// (data-level, data-parent), so no data is fetched. The original select stays in the form, hidden, and carries the
// chosen code: the deepest level chosen.
(function () {
  'use strict';
  function enhance(field) {
    var original = field.querySelector('select');
    if (!original || field.getAttribute('data-enhanced')) return;
    field.setAttribute('data-enhanced', '1');
    var all = Array.prototype.slice.call(original.querySelectorAll('option[data-level]'));
    var byParent = {};
    var byCode = {};
    all.forEach(function (o) {
      byCode[o.value] = o;
      var p = o.getAttribute('data-parent') || '';
      (byParent[p] = byParent[p] || []).push(o);
    });
    var names = ['省份', '城市', '区县'];
    var selects = names.map(function (name, i) {
      var s = document.createElement('select');
      s.className = 'xz-input xz-select';
      if (i > 0) s.setAttribute('aria-label', name);
      s.addEventListener('change', function () {
        fill(i + 1, s.value);
        sync();
      });
      return s;
    });
    function fill(level, parent) {
      for (var j = level; j < 3; j++) {
        var s = selects[j];
        s.innerHTML = '';
        s.hidden = true;
      }
      if (level > 2 || !parent) return;
      var children = (byParent[parent] || []).filter(function (o) {
        return o.value !== parent;
      });
      if (!children.length) return;
      var target = selects[level];
      var none = document.createElement('option');
      none.value = '';
      none.textContent = level === 1 ? '（不限城市）' : '（不限区县）';
      target.appendChild(none);
      children.forEach(function (o) {
        var opt = document.createElement('option');
        opt.value = o.value;
        opt.textContent = o.getAttribute('data-name');
        target.appendChild(opt);
      });
      target.hidden = false;
    }
    function sync() {
      var code = '';
      selects.forEach(function (s) {
        if (!s.hidden && s.value) code = s.value;
      });
      original.value = code;
    }
    var top = selects[0];
    var blank = document.createElement('option');
    blank.value = '';
    blank.textContent = '请选择省份';
    top.appendChild(blank);
    (byParent[''] || []).forEach(function (o) {
      var opt = document.createElement('option');
      opt.value = o.value;
      opt.textContent = o.getAttribute('data-name');
      top.appendChild(opt);
    });
    var path = [];
    for (var c = original.value; c && byCode[c]; c = byCode[c].getAttribute('data-parent')) path.unshift(c);
    var wrap = document.createElement('div');
    wrap.className = 'xz-region-select';
    selects.forEach(function (s) {
      wrap.appendChild(s);
    });
    original.parentNode.insertBefore(wrap, original);
    original.hidden = true;
    top.required = original.required;
    original.required = false;
    selects[0].id = original.id;
    original.id = original.id + '-code';
    top.value = path[0] || '';
    fill(1, path[0]);
    if (path[1]) {
      selects[1].value = path[1];
      fill(2, path[1]);
    }
    if (path[2]) selects[2].value = path[2];
    if (original.getAttribute('aria-describedby'))
      selects[0].setAttribute('aria-describedby', original.getAttribute('aria-describedby'));
    sync();
  }
  function run() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-xz-region]'), enhance);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run);
  else run();
})();
