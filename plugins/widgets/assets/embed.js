/* global document */
// 嵌入代码: keeps the snippet and the preview in step with the form as it changes. Without this script the form's
// 生成代码 button asks the server for both (the page is complete without it).
(function () {
  'use strict';
  var form = document.querySelector('[data-embed-form]');
  var code = document.getElementById('xz-embed-snippet');
  var preview = document.getElementById('xz-embed-preview');
  var query = document.querySelector('#xz-embed-origin-form input[name="query"]');
  if (!form || !code || !preview) return;
  var HEX = /^#[0-9a-fA-F]{6}$/;
  var lines = code.textContent.split('\n');
  var script = lines[0];
  var fallback = lines[lines.length - 1];
  var site = (preview.querySelector('[site]') || {}).getAttribute
    ? preview.querySelector('[site]').getAttribute('site')
    : '';

  function escape(value) {
    return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  }

  function chosen() {
    var radio = form.querySelector('input[name="widget"]:checked');
    return {
      value: radio ? radio.value : 'job-list',
      tag: radio ? radio.getAttribute('data-tag') : 'xz-job-list',
      fallback: (radio && radio.getAttribute('data-fallback')) || fallback,
    };
  }

  function update() {
    var widget = chosen();
    var attrs = [['site', site]];
    form.querySelectorAll('fieldset[data-for]').forEach(function (set) {
      var on = set.getAttribute('data-for') === widget.value;
      set.hidden = !on;
      if (!on) return;
      set.querySelectorAll('[data-attr]').forEach(function (field) {
        var v = field.value.trim();
        if (v) attrs.push([field.getAttribute('data-attr'), v]);
      });
    });
    var style = [];
    form.querySelectorAll('[data-token]').forEach(function (field) {
      var v = field.value.trim();
      if (!v) return;
      if (field.tagName === 'INPUT' && !HEX.test(v)) return;
      style.push(field.getAttribute('data-token') + ': ' + v + (field.getAttribute('data-unit') || ''));
    });
    var css = style.join('; ');
    var all = attrs.concat(css ? [['style', css]] : []);
    var open =
      '<' +
      widget.tag +
      all
        .map(function (a) {
          return ' ' + a[0] + '="' + escape(a[1]) + '"';
        })
        .join('') +
      '>';
    code.textContent = [script, open + '</' + widget.tag + '>', widget.fallback].join('\n');

    var current = document.getElementById('xz-embed-widget');
    var element = document.createElement(widget.tag);
    element.id = 'xz-embed-widget';
    attrs.forEach(function (a) {
      element.setAttribute(a[0], a[1]);
    });
    if (current) current.replaceWith(element);
    else preview.prepend(element);
    preview.setAttribute('style', css);

    if (query) {
      var params = new URLSearchParams(new FormData(form));
      Array.from(params.keys()).forEach(function (k) {
        if (!params.get(k)) params.delete(k);
      });
      query.value = params.toString();
    }
  }

  form.querySelectorAll('[data-picker-for]').forEach(function (picker) {
    var text = document.getElementById(picker.getAttribute('data-picker-for'));
    picker.addEventListener('input', function () {
      text.value = picker.value;
      update();
    });
    text.addEventListener('input', function () {
      if (HEX.test(text.value.trim())) picker.value = text.value.trim().toLowerCase();
    });
  });
  var timer;
  form.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(update, 300);
  });
  form.addEventListener('change', update);
})();
