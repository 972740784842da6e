import { css } from 'lit';

/**
 * Styles of `<xz-presentation-list>`, used after the shared `baseStyles` (../theme.ts). Layout knobs are per-element
 * `--xz-presentation-list-*` custom properties.
 */
export const presentationListStyles = css`
  :host {
    max-width: var(--xz-presentation-list-max-width, none);
  }

  .wrapper {
    border: var(--xz-presentation-list-border, 1px solid color-mix(in srgb, var(--_text) 15%, transparent));
    border-top: var(--xz-presentation-list-accent-border, 4px solid var(--_primary));
    padding: var(--xz-presentation-list-padding, 1rem 1.25rem);
  }

  p {
    margin: 0;
  }

  .list {
    list-style: none;
    margin: 0;
    padding: 0;
  }

  .list > li + li {
    border-top: 1px solid color-mix(in srgb, var(--_text) 12%, transparent);
  }

  article {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    grid-template-areas:
      'title mode'
      'employer employer'
      'meta meta';
    gap: 0.25rem 0.75rem;
    padding: 0.75rem 0;
  }

  .title {
    grid-area: title;
    margin: 0;
    font-size: 1.0625rem;
    font-weight: 600;
    line-height: 1.4;
    overflow-wrap: anywhere;
  }

  .employer {
    grid-area: employer;
    overflow-wrap: anywhere;
  }

  a {
    color: var(--_primary);
    text-decoration: none;
  }

  a:hover {
    text-decoration: underline;
  }

  a:focus-visible {
    outline: 3px solid var(--_primary);
    outline-offset: 2px;
  }

  .badge {
    grid-area: mode;
    align-self: start;
    padding: 0 0.5rem;
    font-size: 0.75rem;
    line-height: 1.25rem;
    white-space: nowrap;
    border: 1px solid currentColor;
    border-radius: 999px;
    color: var(--_secondary);
  }

  .badge.online {
    color: var(--xz-presentation-list-online-color, var(--_accent));
  }

  .meta {
    grid-area: meta;
    display: flex;
    flex-wrap: wrap;
    font-size: 0.8125rem;
    color: var(--_secondary);
    overflow-wrap: anywhere;
  }

  .meta > * + *::before {
    content: '·';
    margin: 0 0.4em;
  }

  .status,
  .empty {
    padding: 1rem 0;
    text-align: center;
    color: var(--_secondary);
  }

  .error {
    color: #b42318;
  }

  .footer {
    display: flex;
    justify-content: flex-end;
    gap: 1rem;
    margin-top: 0.5rem;
  }

  .more {
    font-weight: 600;
  }
`;
