/**
 * The fair's header and booth map (展位图) of `<xz-fair-booking>`: facts of the fair, venue tabs, legend, live
 * indicator and the grid of booths of the selected venue. Free booths are buttons while booths may be picked.
 * Templates only: the element passes in what to show and what to do on a click.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import {
  BOOTH_LABELS,
  boothGrid,
  feeText,
  formatRange,
  SELECTION_LABELS,
  windowLabel,
  type Booth,
  type BoothState,
  type FairDetail,
} from '../fair.js';
import type { LiveStatus } from './live-controller.js';

export interface BoothMapView {
  fair: FairDetail;
  venueId: number | undefined;
  /** The booth chosen for booking. */
  boothId: number | undefined;
  /** The booth of the employer's own booking. */
  mineBoothId: number | undefined;
  /** Free booths may be picked. */
  picking: boolean;
  live: LiveStatus;
  selectVenue(id: number): void;
  onTabKey(event: KeyboardEvent): void;
  pick(booth: Booth): void;
}

export const VENUE_PANEL_ID = 'xz-fair-venue-panel';

export function renderHeader(fair: FairDetail): TemplateResult {
  const state = windowLabel(fair);
  return html`
    <header part="header">
      <h2 class="title" part="title">${fair.title}</h2>
      <p class="meta" part="meta">
        <span>${fair.site.name}</span>
        <span><span class="visually-hidden">举办时间</span>${formatRange(fair.startsAt, fair.endsAt)}</span>
        <span>${SELECTION_LABELS[fair.boothSelection] ?? ''}</span>
        <span>${feeText(fair.fee)}</span>
        <span class=${state.open ? 'open' : ''}>${state.label}</span>
      </p>
    </header>
  `;
}

export function renderMap(v: BoothMapView): TemplateResult {
  const { fair } = v;
  const venue = fair.venues.find((x) => x.id === v.venueId) ?? fair.venues[0];
  const grid = boothGrid(venue);
  const count = (state: BoothState) => venue?.booths.filter((b) => b.state === state).length ?? 0;
  return html`
    <div class="toolbar">
      ${
        fair.venues.length > 1
          ? html`<div class="tabs" part="tabs" role="tablist" aria-label="分会场" @keydown=${v.onTabKey}>
              ${fair.venues.map((x) => {
                const selected = x.id === venue?.id;
                return html`<button
                  type="button"
                  role="tab"
                  part=${selected ? 'tab tab-selected' : 'tab'}
                  aria-selected=${selected ? 'true' : 'false'}
                  aria-controls=${VENUE_PANEL_ID}
                  tabindex=${selected ? '0' : '-1'}
                  data-venue=${x.id}
                  @click=${() => v.selectVenue(x.id)}
                >
                  ${x.name}
                  <span class="count"
                    >${x.booths.filter((b) => b.state === 'free').length}/${x.booths.length}</span
                  >
                </button>`;
              })}
            </div>`
          : nothing
      }
      <ul class="legend" part="legend" aria-label="图例">
        ${(['free', 'held', 'taken'] as const).map(
          (s) => html`<li><span class="swatch ${s}" aria-hidden="true"></span>${BOOTH_LABELS[s]}</li>`,
        )}
      </ul>
      <span class="live ${v.live}" part="live" role="status"
        >${v.live === 'open' ? '实时更新' : v.live === 'closed' ? '连接已断开，稍后重试' : '正在连接…'}</span
      >
    </div>
    <div
      id=${VENUE_PANEL_ID}
      class="map-scroll"
      role=${fair.venues.length > 1 ? 'tabpanel' : nothing}
      aria-label=${venue ? `${venue.name}：空闲 ${count('free')}，待审核 ${count('held')}，已预定 ${count('taken')}` : nothing}
    >
      ${
        venue
          ? html`<ul
              class="map ${grid.columns ? 'plan' : ''}"
              part="map"
              role="list"
              tabindex="-1"
              data-focus="map"
              style=${styleMap(grid.columns ? { '--_cols': String(grid.columns) } : {})}
            >
              ${grid.cells.map(({ booth, column, row }) => renderBooth(v, booth, column, row))}
            </ul>`
          : html`<p class="status">本场招聘会尚未设置展位。</p>`
      }
    </div>
  `;
}

function renderBooth(v: BoothMapView, booth: Booth, column?: number, row?: number): TemplateResult {
  const selected = booth.id === v.boothId;
  const mine = booth.id === v.mineBoothId;
  const parts = `booth booth-${booth.state}${selected ? ' booth-selected' : ''}`;
  const label = mine ? '本单位' : BOOTH_LABELS[booth.state];
  const place = column ? { gridColumn: String(column), gridRow: String(row) } : {};
  const inner = html`<span class="code">${booth.code}</span><span class="state">${label}</span>${
      booth.employer && booth.state === 'taken'
        ? html`<span class="employer">${booth.employer}</span>`
        : nothing
    }`;
  const interactive = v.picking && booth.state === 'free';
  return html`<li style=${styleMap(place)}>
    ${
      interactive
        ? html`<button
            type="button"
            class="booth ${booth.state} ${selected ? 'selected' : ''}"
            part=${parts}
            data-booth=${booth.id}
            data-state=${booth.state}
            aria-pressed=${selected ? 'true' : 'false'}
            aria-label=${`${booth.code} ${label}，预定此展位`}
            @click=${() => v.pick(booth)}
          >
            ${inner}
          </button>`
        : html`<div
            class="booth ${booth.state} ${mine ? 'mine' : ''}"
            part=${parts}
            data-booth=${booth.id}
            data-state=${booth.state}
            title=${booth.employer ?? nothing}
          >
            ${inner}
          </div>`
    }
  </li>`;
}
