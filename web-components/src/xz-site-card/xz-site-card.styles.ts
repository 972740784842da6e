import { css } from 'lit';

/**
 * Styles of `<xz-site-card>`.
 *
 * Colours are read from private `--_*` properties that the element sets inline
 * on its wrapper as `var(--xz-color-*, <site palette>, <default>)`, so that:
 *   1. global tokens (`--xz-color-*`) set by the embedding page win,
 *   2. otherwise the school site's own theme palette applies,
 *   3. otherwise the built-in defaults below.
 * Layout knobs are per-element `--xz-site-card-*` custom properties on `:host`.
 */
export const siteCardStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    max-width: var(--xz-site-card-max-width, 26rem);
    font-family: var(
      --xz-font-family,
      system-ui,
      -apple-system,
      'PingFang SC',
      'Hiragino Sans GB',
      'Microsoft YaHei',
      'Noto Sans CJK SC',
      sans-serif
    );
    line-height: 1.5;
  }

  :host([hidden]) {
    display: none;
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  .wrapper {
    /* Fallbacks for when the inline style has not been applied yet (loading / error). */
    --_primary: var(--xz-color-primary, #1f4e8c);
    --_secondary: var(--xz-color-secondary, #5b6b7f);
    --_accent: var(--xz-color-accent, #d9822b);
    --_bg: var(--xz-color-bg, #ffffff);
    --_text: var(--xz-color-text, #1f2328);
    --_radius: var(--xz-radius, 8px);

    color: var(--_text);
    background: var(--_bg);
    border: var(--xz-site-card-border, 1px solid color-mix(in srgb, var(--_text) 15%, transparent));
    border-top: var(--xz-site-card-accent-border, 4px solid var(--_primary));
    border-radius: var(--_radius);
    box-shadow: var(--xz-site-card-shadow, 0 1px 3px rgb(0 0 0 / 0.08));
    padding: var(--xz-site-card-padding, 1rem 1.25rem);
  }

  article {
    display: grid;
    grid-template-columns: auto 1fr;
    grid-template-areas:
      'logo name'
      'logo meta'
      'tagline tagline'
      'link link';
    column-gap: var(--xz-site-card-gap, 0.875rem);
    row-gap: 0.25rem;
    align-items: center;
    margin: 0;
  }

  .logo {
    grid-area: logo;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-width: var(--xz-site-card-logo-size, 3rem);
    height: var(--xz-site-card-logo-size, 3rem);
    padding: 0 0.5rem;
    border-radius: var(--_radius);
    background: var(--_primary);
    color: var(--xz-site-card-logo-color, #fff);
    font-weight: 700;
    font-size: 0.875rem;
    letter-spacing: 0.05em;
    max-width: 10rem;
    text-align: center;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .name {
    grid-area: name;
    margin: 0;
    align-self: end;
    font-size: var(--xz-site-card-name-size, 1.25rem);
    font-weight: 700;
    color: var(--_primary);
    line-height: 1.3;
  }

  .meta {
    grid-area: meta;
    margin: 0;
    align-self: start;
    font-size: 0.875rem;
    color: var(--_secondary);
  }

  .meta span + span::before {
    content: '·';
    margin: 0 0.4em;
  }

  .tagline {
    grid-area: tagline;
    margin: 0.5rem 0 0;
    font-size: 0.9375rem;
  }

  .link {
    grid-area: link;
    justify-self: start;
    margin-top: 0.75rem;
    display: inline-block;
    padding: 0.4rem 0.9rem;
    border-radius: var(--_radius);
    background: var(--_accent);
    color: var(--xz-site-card-link-color, #fff);
    font-weight: 600;
    text-decoration: none;
  }

  .link:hover {
    filter: brightness(1.08);
    text-decoration: underline;
  }

  .link:focus-visible {
    outline: 3px solid var(--_primary);
    outline-offset: 2px;
  }

  .status {
    margin: 0;
    font-size: 0.9375rem;
    color: var(--_secondary);
  }

  .error {
    color: var(--xz-site-card-error-color, #b42318);
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }

  @media (prefers-reduced-motion: no-preference) {
    .link {
      transition: filter 0.15s ease;
    }
  }
`;
