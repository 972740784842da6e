/**
 * The booking panel of `<xz-fair-booking>` below the map: the message line, sign-in with the employer centre's phone
 * and password, the booking form (jobs and attendees), the result, and the hints in between. Templates only: the
 * element passes in its state and the actions the controls call.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { windowLabel, type FairDetail } from '../fair.js';
import { validUntil } from '../format.js';
import {
  MAX_ATTENDEES,
  STATUS_LABELS,
  type Attendee,
  type BookingSummary,
  type EmployerJob,
  type FieldErrors,
  type Session,
} from './booking-form.js';
import type { FoundBooth } from './fair-state.js';

export type View = 'map' | 'login' | 'form' | 'done';
export type Tone = 'error' | 'info' | 'success';

export interface PanelActions {
  open(view: View): void;
  signIn(event: SubmitEvent): void;
  signOut(): void;
  /** Back to the map from the sign-in form (the chosen booth is let go). */
  leaveLogin(): void;
  /** Back to the map from the booking form. */
  leaveForm(): void;
  submit(event: SubmitEvent): void;
  toggleJob(id: number, checked: boolean): void;
  setAttendee(index: number, field: keyof Attendee, value: string): void;
  addAttendee(): void;
  removeAttendee(index: number): void;
}

export interface PanelView {
  fair: FairDetail;
  view: View;
  session: Session | undefined;
  message: { tone: Tone; text: string } | undefined;
  errors: FieldErrors;
  busy: boolean;
  jobs: EmployerJob[] | undefined;
  jobIds: number[];
  attendees: Attendee[];
  done: { id: number; booth: string | null } | undefined;
  mine: BookingSummary | undefined;
  /** The booth chosen for booking, with its venue. */
  chosen: FoundBooth | undefined;
  /** The code of the employer's booked booth, if any. */
  mineBoothCode: string | undefined;
  atBooking: boolean;
  windowOpen: boolean;
  actions: PanelActions;
}

export function renderPanel(v: PanelView): TemplateResult {
  return html`<section class="panel" part="panel" aria-label="预定展位">
    ${renderMessage(v)} ${renderBody(v)}
  </section>`;
}

function renderMessage(v: PanelView): unknown {
  const m = v.message;
  if (!m) return nothing;
  return html`<p
    class="message ${m.tone}"
    part="message ${m.tone}"
    role=${m.tone === 'error' ? 'alert' : 'status'}
  >
    ${m.text}
  </p>`;
}

function renderBody(v: PanelView): unknown {
  const { fair, session, actions } = v;
  const who = session
    ? html`<p class="who">
        已登录：<strong>${session.employer}</strong>${session.account ? `（${session.account}）` : ''}
        <button type="button" class="link" part="button" @click=${() => actions.signOut()}>退出</button>
      </p>`
    : nothing;
  if (v.view === 'login') return renderLogin(v);
  if (v.view === 'done' && v.done) {
    return html`${who}
      <p class="message success" part="message success" role="status" data-focus="done" tabindex="-1">
        预定申请已提交${v.done.booth ? `（展位 ${v.done.booth}）` : ''}，等待${fair.site.name}审核。审核结果将通过单位中心的站内消息通知。
      </p>`;
  }
  if (v.view === 'form' && session) return html`${who}${renderForm(v)}`;
  if (!v.windowOpen)
    return html`${who}
      <p class="hint">${windowLabel(fair).label}，现在不能预定展位。</p>`;
  if (v.mine) {
    const booth = v.mineBoothCode;
    return html`${who}
      <p class="hint">
        贵单位已预定本场招聘会（${STATUS_LABELS[v.mine.status] ?? v.mine.status}${booth ? `，展位 ${booth}` : ''}），可在单位中心“我的预定”中查看。
      </p>`;
  }
  if (!v.atBooking) {
    return html`${who}
      <p class="hint">本场招聘会在预定审核通过后选展：先提交报名，审核通过后在单位中心选择展位。</p>
      <button
        type="button"
        class="primary"
        part="button primary"
        @click=${() => actions.open(session ? 'form' : 'login')}
      >
        预定报名
      </button>`;
  }
  return html`${who}
    <p class="hint">点击<strong>空闲</strong>展位预定；${session ? '' : '预定前需使用单位账号登录。'}</p>
    ${
      session
        ? nothing
        : html`<button type="button" part="button" @click=${() => actions.open('login')}>单位登录</button>`
    }`;
}

function renderLogin(v: PanelView): TemplateResult {
  const booth = v.chosen;
  return html`<form class="form" @submit=${(e: SubmitEvent) => v.actions.signIn(e)} novalidate>
    <h3>单位登录</h3>
    <p class="hint">
      ${booth ? html`已选展位 <strong>${booth.venue} ${booth.booth.code}</strong>。` : nothing}使用单位中心的手机号和密码登录后填写报名信息。
    </p>
    ${renderInput(v, 'phone', '手机号', { type: 'tel', autocomplete: 'username', inputmode: 'numeric', maxlength: '11' })}
    ${renderInput(v, 'password', '密码', { type: 'password', autocomplete: 'current-password', maxlength: '128' })}
    <div class="actions">
      <button type="submit" class="primary" part="button primary" ?disabled=${v.busy}>
        ${v.busy ? '正在登录…' : '登录'}
      </button>
      <button type="button" part="button" @click=${() => v.actions.leaveLogin()}>返回展位图</button>
    </div>
  </form>`;
}

function renderInput(
  v: PanelView,
  name: string,
  label: string,
  attrs: Record<string, string>,
): TemplateResult {
  const id = `xz-fb-${name}`;
  const error = v.errors[name];
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <input
      id=${id}
      name=${name}
      part="input"
      type=${attrs.type ?? 'text'}
      autocomplete=${attrs.autocomplete ?? 'off'}
      inputmode=${attrs.inputmode ?? nothing}
      maxlength=${attrs.maxlength ?? nothing}
      data-focus=${name}
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${error ? `${id}-error` : nothing}
      required
    />
    ${error ? html`<p class="field-error" id=${`${id}-error`}>${error}</p>` : nothing}
  </div>`;
}

function renderForm(v: PanelView): TemplateResult {
  const { fair, actions } = v;
  const booth = v.chosen;
  const jobs = v.jobs;
  const jobsError = v.errors.jobs;
  return html`<form class="form" @submit=${(e: SubmitEvent) => actions.submit(e)} novalidate>
    <h3>预定报名</h3>
    <p class="chosen">
      ${
        v.atBooking
          ? booth
            ? html`展位：<strong>${booth.venue} ${booth.booth.code}</strong>`
            : '请先在展位图中选择空闲展位'
          : '展位：审核通过后在单位中心选展'
      }
    </p>
    <fieldset
      class="jobs"
      tabindex="-1"
      data-focus="jobs"
      aria-describedby=${jobsError ? 'xz-fb-jobs-error' : nothing}
    >
      <legend>招聘职位 <span class="hint">（已发布且未失效的职位）</span></legend>
      ${
        jobs === undefined
          ? html`<p class="hint">正在读取职位…</p>`
          : jobs.length === 0
            ? html`<p class="hint">没有可选的职位：请先在单位中心发布招聘职位，并等待站点审核通过。</p>`
            : jobs.map(
                (j) =>
                  html`<label class="check">
                    <input
                      type="checkbox"
                      .checked=${v.jobIds.includes(j.id)}
                      @change=${(e: Event) => actions.toggleJob(j.id, (e.target as HTMLInputElement).checked)}
                    />
                    <span
                      >${j.title}${j.expiresOn ? html` <small>有效期至 ${validUntil(j.expiresOn)}</small>` : nothing}</span
                    >
                  </label>`,
              )
      }
      ${jobsError ? html`<p class="field-error" id="xz-fb-jobs-error">${jobsError}</p>` : nothing}
    </fieldset>
    <fieldset class="people">
      <legend>参会人员 <span class="hint">（最多 ${MAX_ATTENDEES} 位）</span></legend>
      ${v.attendees.map((a, i) => renderAttendee(v, a, i))}
      <button
        type="button"
        part="button"
        ?disabled=${v.attendees.length >= MAX_ATTENDEES}
        @click=${() => actions.addAttendee()}
      >
        添加参会人员
      </button>
    </fieldset>
    <div class="actions">
      <button
        type="submit"
        class="primary"
        part="button primary"
        ?disabled=${v.busy || !jobs?.length || (v.atBooking && !booth)}
      >
        ${v.busy ? '正在提交…' : '提交预定'}
      </button>
      <button type="button" part="button" @click=${() => actions.leaveForm()}>返回展位图</button>
    </div>
    <p class="hint">提交后等待${fair.site.name}审核。</p>
  </form>`;
}

function renderAttendee(v: PanelView, a: Attendee, i: number): TemplateResult {
  const field = (name: keyof Attendee, label: string, attrs: Record<string, string>) => {
    const key = `attendee-${i}-${name}`;
    const id = `xz-fb-${key}`;
    const error = v.errors[key];
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input
        id=${id}
        part="input"
        type=${attrs.type ?? 'text'}
        inputmode=${attrs.inputmode ?? nothing}
        maxlength=${attrs.maxlength ?? nothing}
        autocomplete="off"
        data-focus=${key}
        .value=${a[name]}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? `${id}-error` : nothing}
        @input=${(e: Event) => v.actions.setAttendee(i, name, (e.target as HTMLInputElement).value)}
      />
      ${error ? html`<p class="field-error" id=${`${id}-error`}>${error}</p>` : nothing}
    </div>`;
  };
  return html`<div class="attendee" role="group" aria-label=${`参会人员 ${i + 1}`}>
    ${field('name', '姓名', { maxlength: '20' })}
    ${field('phone', '手机号', { type: 'tel', inputmode: 'numeric', maxlength: '11' })}
    ${field('title', '职务（选填）', { maxlength: '30' })}
    ${
      v.attendees.length > 1
        ? html`<button
            type="button"
            class="link remove"
            part="button"
            aria-label=${`删除参会人员 ${i + 1}`}
            @click=${() => v.actions.removeAttendee(i)}
          >
            删除
          </button>`
        : nothing
    }
  </div>`;
}
