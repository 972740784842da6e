import { css } from 'lit';

/**
 * Styles of `<xz-site-card>`.
 *
 * Used after the shared `baseStyles` (../theme.ts), which define the host font
 * and the private `--_*` palette on `.wrapper` (page token > site palette >
 * default). Layout knobs are per-element `--xz-site-card-*` custom properties.
 */
export const siteCardStyles = css`
  :host {
    max-width: var(--xz-site-card-max-width, 26rem);
  }

  .wrapper {
    border: var(--xz-site-card-border, 1px solid color-mix(in srgb, var(--_text) 15%, transparent));
    border-top: var(--xz-site-card-accent-border, 4px solid var(--_primary));
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

  @media (prefers-reduced-motion: no-preference) {
    .link {
      transition: filter 0.15s ease;
    }
  }
`;
