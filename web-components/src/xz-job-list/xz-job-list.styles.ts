import { css } from 'lit';

/**
 * Styles of `<xz-job-list>`.
 *
 * Used after the shared `baseStyles` (../theme.ts), which define the host font
 * and the private `--_*` palette on `.wrapper` (page token > site palette >
 * default). Layout knobs are per-element `--xz-job-list-*` custom properties.
 */
export const jobListStyles = css`
  :host {
    max-width: var(--xz-job-list-max-width, none);
  }

  .wrapper {
    border: var(--xz-job-list-border, 1px solid color-mix(in srgb, var(--_text) 15%, transparent));
    border-top: var(--xz-job-list-accent-border, 4px solid var(--_primary));
    box-shadow: var(--xz-job-list-shadow, 0 1px 3px rgb(0 0 0 / 0.08));
    padding: var(--xz-job-list-padding, 1rem 1.25rem);
  }

  p {
    margin: 0;
  }

  .count,
  .status,
  .page-info {
    font-size: 0.875rem;
    color: var(--_secondary);
  }

  .list {
    list-style: none;
    margin: 0.25rem 0 0;
    padding: 0;
  }

  .list[aria-busy='true'] {
    opacity: 0.55;
  }

  .list > li + li {
    border-top: var(--xz-job-list-divider, 1px solid color-mix(in srgb, var(--_text) 12%, transparent));
  }

  article {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    grid-template-areas:
      'title salary'
      'employer employer'
      'meta meta';
    column-gap: 0.75rem;
    padding: var(--xz-job-list-item-padding, 0.75rem 0);
  }

  .title {
    grid-area: title;
    margin: 0;
    font-size: var(--xz-job-list-title-size, 1.0625rem);
    font-weight: 600;
    line-height: 1.4;
    overflow-wrap: anywhere;
  }

  a {
    color: var(--_primary);
    text-decoration: none;
  }

  a:hover {
    text-decoration: underline;
  }

  a:focus-visible,
  button:focus-visible {
    outline: 3px solid var(--_primary);
    outline-offset: 2px;
  }

  .salary {
    grid-area: salary;
    font-weight: 700;
    white-space: nowrap;
    color: var(--xz-job-list-salary-color, color-mix(in srgb, var(--_accent) 70%, var(--_text)));
  }

  .employer {
    grid-area: employer;
    font-size: 0.9375rem;
  }

  .meta {
    grid-area: meta;
    display: flex;
    flex-wrap: wrap;
    font-size: 0.8125rem;
    color: var(--_secondary);
  }

  .meta > * + *::before {
    content: '·';
    margin: 0 0.4em;
  }

  .empty {
    padding: 1.5rem 0;
    text-align: center;
    color: var(--_secondary);
  }

  .error {
    color: var(--xz-job-list-error-color, #b42318);
  }

  nav,
  nav ol {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.375rem;
  }

  nav {
    margin-top: 0.5rem;
    padding-top: 0.75rem;
    border-top: var(--xz-job-list-divider, 1px solid color-mix(in srgb, var(--_text) 12%, transparent));
  }

  nav ol {
    list-style: none;
    margin: 0;
    padding: 0;
  }

  .page-info {
    margin-left: auto;
  }

  .gap {
    color: var(--_secondary);
  }

  button {
    font: inherit;
    font-size: 0.875rem;
    min-width: 2.25rem;
    min-height: 2.25rem;
    padding: 0.25rem 0.625rem;
    border: 1px solid color-mix(in srgb, var(--_primary) 35%, transparent);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_primary);
    cursor: pointer;
  }

  button:hover:not(:disabled, [aria-current]) {
    background: color-mix(in srgb, var(--_primary) 8%, var(--_bg));
  }

  button[aria-current='page'] {
    background: var(--_primary);
    border-color: var(--_primary);
    color: var(--xz-job-list-current-color, #fff);
    font-weight: 700;
    cursor: default;
  }

  button:disabled {
    opacity: 0.45;
    cursor: not-allowed;
  }

  .retry {
    margin-top: 0.5rem;
  }

  .footer {
    display: flex;
    justify-content: flex-end;
    margin-top: 0.75rem;
  }

  .more {
    font-weight: 600;
  }

  @media (forced-colors: active) {
    button[aria-current='page'] {
      border-width: 3px;
    }
  }

  @media (prefers-reduced-motion: no-preference) {
    .list {
      transition: opacity 0.15s ease;
    }
  }
`;
