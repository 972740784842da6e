import { expect } from 'chai';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { THEMES_DIR } from '../../core/paths.js';
import { checkTheme } from '../../core/theming/theme-checker.js';
import { ThemeRegistry } from '../../core/theming/themes.js';

describe('themes', () => {
  for (const name of ['classic', 'campus', 'portal']) {
    it(`${name} passes every check`, () => {
      const { manifest, problems } = checkTheme(join(THEMES_DIR, name));
      expect(problems).to.deep.equal([]);
      expect(manifest!.name).to.equal(name);
    });
  }

  it('declares different layouts, not only different colours', () => {
    const themes = new ThemeRegistry();
    const own = (name: string) =>
      Object.keys(themes.require(name).manifest.settings).filter(
        (k) =>
          ![
            'primaryColor',
            'secondaryColor',
            'accentColor',
            'backgroundColor',
            'textColor',
            'logoText',
            'tagline',
            'bannerTitle',
            'bannerSubtitle',
            'bannerImage',
            'navigation',
          ].includes(k),
      );
    expect(own('classic')).to.not.deep.equal(own('campus'));
    expect(own('campus')).to.not.deep.equal(own('portal'));
  });

  describe('a broken theme', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'xz-theme-'));
      cpSync(join(THEMES_DIR, 'classic'), dir, { recursive: true });
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('is reported when a required template is missing', () => {
      rmSync(join(dir, 'templates', '404.hbs'));
      expect(checkTheme(dir).problems).to.deep.include({
        rule: 'THEME_MISSING_FILE',
        message: 'templates/404.hbs is required',
      });
    });

    it('is reported when the layout forgets the head helper', () => {
      writeFileSync(
        join(dir, 'layouts', 'default.hbs'),
        '<html><body>{{{content}}}{{{xz_foot}}}</body></html>',
      );
      expect(checkTheme(dir).problems.map((p) => p.rule)).to.include('THEME_LAYOUT_TOKEN');
    });

    it('is reported when a required setting has the wrong type', () => {
      const manifest = JSON.parse(JSON.stringify(checkTheme(dir).manifest));
      manifest.settings.primaryColor = { type: 'text', label: '主色', default: 'red' };
      writeFileSync(join(dir, 'theme.json'), JSON.stringify(manifest));
      expect(checkTheme(dir).problems.map((p) => p.rule)).to.include('THEME_SETTING_TYPE');
    });
  });
});
