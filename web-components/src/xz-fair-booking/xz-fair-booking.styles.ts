import { css } from 'lit';

/**
 * Styles of `<xz-fair-booking>`, used after the shared `baseStyles` (../theme.ts). Booth colours are the same on
 * every site (free green, held amber, taken grey, each ≥ 4.5:1 on its fill) unless the page sets the
 * `--xz-fair-booking-*` properties.
 */
export const fairBookingStyles = css`
  :host {
    max-width: var(--xz-fair-booking-max-width, none);
    --_free: var(--xz-fair-booking-free-color, #1a7f37);
    --_free-bg: var(--xz-fair-booking-free-bg, #e9f6ec);
    --_held: var(--xz-fair-booking-held-color, #9a5b00);
    --_held-bg: var(--xz-fair-booking-held-bg, #fff4dc);
    --_taken: var(--xz-fair-booking-taken-color, #57606a);
    --_taken-bg: var(--xz-fair-booking-taken-bg, #eef0f2);
    --_error: var(--xz-fair-booking-error-color, #b42318);
  }

  .wrapper {
    border: var(--xz-fair-booking-border, 1px solid color-mix(in srgb, var(--_text) 15%, transparent));
    border-top: var(--xz-fair-booking-accent-border, 4px solid var(--_primary));
    padding: var(--xz-fair-booking-padding, 1rem 1.25rem);
  }

  p {
    margin: 0;
  }

  .title {
    margin: 0 0 0.25rem;
    font-size: 1.125rem;
    line-height: 1.4;
    color: var(--_primary);
  }

  .meta {
    display: flex;
    flex-wrap: wrap;
    font-size: 0.8125rem;
    color: var(--_secondary);
  }

  .meta > * + *::before {
    content: '·';
    margin: 0 0.4em;
    color: var(--_secondary);
  }

  .meta .open {
    font-weight: 700;
    color: var(--_free);
  }

  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    margin: 0.875rem 0 0.625rem;
  }

  .tabs {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    margin-right: auto;
  }

  [role='tab'] {
    font: inherit;
    font-size: 0.875rem;
    padding: 0.375rem 0.75rem;
    border: 1px solid color-mix(in srgb, var(--_primary) 35%, transparent);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_primary);
    cursor: pointer;
  }

  [role='tab'][aria-selected='true'] {
    background: var(--_primary);
    border-color: var(--_primary);
    color: #fff;
    font-weight: 700;
  }

  [role='tab'] .count {
    margin-left: 0.25rem;
    font-size: 0.75rem;
    opacity: 0.85;
  }

  .legend {
    display: flex;
    gap: 0.75rem;
    margin: 0;
    padding: 0;
    list-style: none;
    font-size: 0.8125rem;
    color: var(--_secondary);
  }

  .legend li {
    display: inline-flex;
    align-items: center;
    gap: 0.3rem;
  }

  .swatch {
    width: 0.875rem;
    height: 0.875rem;
    border: 2px solid;
    border-radius: 3px;
  }

  .live {
    font-size: 0.75rem;
    color: var(--_secondary);
  }

  .live::before {
    content: '';
    display: inline-block;
    width: 0.5rem;
    height: 0.5rem;
    margin-right: 0.3rem;
    border-radius: 50%;
    background: var(--_held);
  }

  .live.open::before {
    background: var(--_free);
  }

  .live.closed::before {
    background: var(--_error);
  }

  .map-scroll {
    overflow-x: auto;
    padding: 2px;
  }

  .map {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(var(--xz-fair-booking-booth-size, 4.5rem), 1fr));
    gap: 0.4rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .map.plan {
    grid-template-columns: repeat(var(--_cols, 10), minmax(var(--xz-fair-booking-booth-size, 4.5rem), 1fr));
  }

  .map:focus {
    outline: none;
  }

  .map > li {
    display: flex;
    min-width: 0;
  }

  .booth {
    display: flex;
    flex: 1;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    min-width: 0;
    min-height: 3.5rem;
    padding: 0.3rem 0.2rem;
    font: inherit;
    line-height: 1.25;
    text-align: center;
    border: 2px solid;
    border-radius: calc(var(--_radius) * 0.75);
  }

  .booth .code {
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }

  .booth .state {
    font-size: 0.75rem;
  }

  .booth .employer {
    max-width: 100%;
    overflow: hidden;
    font-size: 0.6875rem;
    white-space: nowrap;
    text-overflow: ellipsis;
  }

  .free {
    color: var(--_free);
    background: var(--_free-bg);
    border-color: var(--_free);
  }

  .held {
    color: var(--_held);
    background: var(--_held-bg);
    border-color: var(--_held);
    border-style: dashed;
  }

  .taken {
    color: var(--_taken);
    background: var(--_taken-bg);
    border-color: color-mix(in srgb, var(--_taken) 55%, white);
  }

  .swatch.taken {
    border-color: var(--_taken);
  }

  button.booth {
    cursor: pointer;
  }

  button.booth:hover {
    color: #fff;
    background: var(--_free);
  }

  .booth.selected,
  .booth.mine {
    outline: 3px solid var(--_accent);
    outline-offset: 1px;
  }

  button:focus-visible,
  a:focus-visible,
  input:focus-visible,
  fieldset:focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }

  .panel {
    margin-top: 0.875rem;
    padding-top: 0.875rem;
    border-top: 1px solid color-mix(in srgb, var(--_text) 12%, transparent);
  }

  .panel > * + * {
    margin-top: 0.625rem;
  }

  .panel h3 {
    margin: 0 0 0.5rem;
    font-size: 1rem;
  }

  .hint,
  .status {
    font-size: 0.875rem;
    color: var(--_secondary);
  }

  .status {
    padding: 1rem 0;
    text-align: center;
  }

  .message {
    padding: 0.5rem 0.75rem;
    font-size: 0.875rem;
    border-left: 4px solid;
    border-radius: calc(var(--_radius) * 0.5);
  }

  .message.error {
    color: var(--_error);
    background: color-mix(in srgb, var(--_error) 7%, var(--_bg));
  }

  .message.info {
    color: var(--_primary);
    background: color-mix(in srgb, var(--_primary) 7%, var(--_bg));
  }

  .message.success {
    color: var(--_free);
    background: var(--_free-bg);
  }

  .load-error {
    color: var(--_error);
  }

  .who {
    font-size: 0.875rem;
  }

  .form {
    display: grid;
    gap: 0.75rem;
  }

  fieldset {
    margin: 0;
    padding: 0.625rem 0.75rem;
    border: 1px solid color-mix(in srgb, var(--_text) 15%, transparent);
    border-radius: calc(var(--_radius) * 0.75);
  }

  legend {
    padding: 0 0.25rem;
    font-weight: 700;
  }

  legend .hint {
    font-weight: 400;
  }

  .check {
    display: flex;
    align-items: flex-start;
    gap: 0.5rem;
    padding: 0.2rem 0;
    font-size: 0.875rem;
    font-weight: 400;
    cursor: pointer;
  }

  .check input {
    width: 1.05rem;
    height: 1.05rem;
    margin: 0.2rem 0 0;
    accent-color: var(--_primary);
  }

  .check small {
    color: var(--_secondary);
  }

  .attendee {
    display: grid;
    grid-template-columns: repeat(3, minmax(0, 1fr)) auto;
    align-items: start;
    gap: 0.5rem;
    margin-bottom: 0.5rem;
  }

  .field {
    display: grid;
    gap: 0.2rem;
    min-width: 0;
  }

  label {
    font-size: 0.8125rem;
    font-weight: 600;
  }

  input:not([type='checkbox']) {
    width: 100%;
    min-height: 2.25rem;
    padding: 0.3rem 0.5rem;
    font: inherit;
    color: var(--_text);
    background: var(--_bg);
    border: 1px solid color-mix(in srgb, var(--_text) 40%, transparent);
    border-radius: calc(var(--_radius) * 0.5);
  }

  input[aria-invalid='true'] {
    border-color: var(--_error);
  }

  .field-error {
    font-size: 0.8125rem;
    color: var(--_error);
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }

  .panel button {
    font: inherit;
    font-size: 0.875rem;
    min-height: 2.25rem;
    padding: 0.3rem 0.875rem;
    border: 1px solid color-mix(in srgb, var(--_primary) 45%, transparent);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_primary);
    cursor: pointer;
  }

  .panel button.primary {
    background: var(--_primary);
    border-color: var(--_primary);
    color: #fff;
    font-weight: 700;
  }

  .panel button.link {
    min-height: 0;
    padding: 0 0.25rem;
    border: 0;
    background: none;
    text-decoration: underline;
  }

  .attendee .remove {
    margin-top: 1.6rem;
  }

  button:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }

  .footer {
    margin-top: 0.75rem;
    text-align: right;
    font-size: 0.875rem;
  }

  .footer a {
    color: var(--_primary);
  }

  @media (max-width: 36rem) {
    .attendee {
      grid-template-columns: minmax(0, 1fr);
    }
  }

  @media (forced-colors: active) {
    .booth {
      border-color: CanvasText;
    }

    .held {
      border-style: dashed;
    }

    .taken {
      border-style: dotted;
    }

    .booth.selected {
      outline-color: Highlight;
    }
  }
`;
