import { expect } from 'chai';
import { contrast, ink, INK_CONTRAST } from '../../core/theming/contrast.js';
import { getDeployment } from '../helpers/deployment.js';

describe('palette inks (legible text colours)', () => {
  it('measures contrast as WCAG does', () => {
    expect(contrast('#000000', '#ffffff')).to.equal(21);
    expect(contrast('#ffffff', '#ffffff')).to.equal(1);
    expect(contrast('#767676', '#ffffff')).to.be.closeTo(4.54, 0.01);
  });

  it('keeps a colour that is already dark enough and darkens one that is not, keeping its hue', () => {
    expect(ink('#0a4b8c')).to.equal('#0a4b8c');
    const gold = ink('#f2b632');
    expect(contrast(gold, '#ffffff')).to.be.at.least(INK_CONTRAST);
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(gold.slice(i, i + 2), 16));
    expect(r! > g! && g! > b!, gold).to.equal(true);
  });

  it('gives every site a primary, secondary and accent ink legible on white', async () => {
    const { app } = await getDeployment();
    for (const site of app.sites.all())
      for (const key of ['primaryColor', 'secondaryColor', 'accentColor']) {
        const color = site.theme.settings[key];
        if (typeof color === 'string')
          expect(contrast(ink(color), '#ffffff'), `${site.slug} ${key}`).to.be.at.least(4.5);
      }
  });
});
