/* global window, document */
// 获取验证码 without leaving the page: progressive enhancement of the xz-verification-code partial. The button
// would post the whole form to the page's fallback route; here it asks POST /api/v1/sms-codes instead, keeps
// everything typed, counts down on the button until another code may be asked for, and says any refusal (wrong
// phone, too frequent) in Chinese under the field. Plain ES2017, no bundler: pages load it as a classic script.
(function () {
  'use strict';
  var WAIT = 60;

  function masked(phone) {
    return phone.length === 11 ? phone.slice(0, 3) + '****' + phone.slice(7) : phone;
  }

  function setup(box) {
    if (box.getAttribute('data-xz-ready')) return;
    box.setAttribute('data-xz-ready', '1');
    var button = box.querySelector('[data-xz-sms-send]');
    var status = box.querySelector('[data-xz-sms-status]');
    var input = box.querySelector('input');
    var form = button && button.form;
    if (!form || !status || !window.fetch) return;
    var label = button.textContent;
    var timer = 0;

    function say(text, isError) {
      status.hidden = false;
      status.textContent = text;
      status.className = isError ? 'xz-error' : 'xz-help';
      status.setAttribute('role', isError ? 'alert' : 'status');
    }

    function countdown(seconds) {
      var left = seconds;
      clearInterval(timer);
      button.disabled = true;
      var tick = function () {
        if (left <= 0) {
          clearInterval(timer);
          button.disabled = false;
          button.textContent = label;
          return;
        }
        button.textContent = left + ' 秒后重新获取';
        left -= 1;
      };
      tick();
      timer = setInterval(tick, 1000);
    }

    button.addEventListener('click', function (event) {
      event.preventDefault();
      var phoneField = form.elements.namedItem(box.getAttribute('data-phone'));
      var phone = phoneField && phoneField.value ? phoneField.value.trim() : '';
      if (!phone) {
        say('请先填写手机号', true);
        if (phoneField) phoneField.focus();
        return;
      }
      button.disabled = true;
      fetch(box.getAttribute('data-api'), {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ phone: phone, purpose: box.getAttribute('data-purpose') }),
      })
        .then(function (res) {
          return res.json().then(
            function (body) {
              return { res: res, body: body || {} };
            },
            function () {
              return { res: res, body: {} };
            },
          );
        })
        .then(function (r) {
          if (r.res.status === 202) {
            say('验证码已发送至 ' + masked(phone) + '，5 分钟内有效。', false);
            countdown(Number(r.body.resendIn) || WAIT);
            input.focus();
            return;
          }
          var detail = r.body.details && r.body.details[0] && r.body.details[0].message;
          var message = r.body.message || '验证码发送失败，请稍后再试';
          say(r.body.code === 'VALIDATION' && detail ? '手机号：' + detail : message, true);
          var wait = /(\d+) 秒后再试/.exec(message);
          if (wait) countdown(Number(wait[1]));
          else button.disabled = false;
        })
        .catch(function () {
          say('网络连接失败，请检查网络后重试', true);
          button.disabled = false;
        });
    });
  }

  function all() {
    var boxes = document.querySelectorAll('[data-xz-sms-code]');
    for (var i = 0; i < boxes.length; i += 1) setup(boxes[i]);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', all);
  else all();
})();
