import { expect } from 'chai';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readInstitutions } from '../../core/cli/import-institutions.js';
import { TENANTS_DIR } from '../../core/paths.js';
import { PluginHost } from '../../core/plugin-host.js';
import { ManifestError, SUBJECT_TYPES, type SiteManifest } from '../../core/tenancy/manifest.js';
import { loadManifests } from '../../core/tenancy/sites.js';
import { ThemeRegistry } from '../../core/theming/themes.js';
import { tenantPlugins } from '../../plugins/index.js';

function catalogue(): PluginHost {
  const host = new PluginHost();
  for (const def of tenantPlugins) host.install(def);
  return host;
}

describe('tenant manifests', () => {
  const themes = new ThemeRegistry();
  const loaded = loadManifests(TENANTS_DIR, themes, catalogue());
  const bySlug = new Map(loaded.map((l) => [l.manifest.slug, l.manifest]));

  it('has a valid manifest for main and every one of the 175 institutions', () => {
    expect(loaded).to.have.length(176);
    expect(bySlug.get('main')?.name).to.equal('江苏省高校毕业生就业网');
  });

  it('has every TSV row, with its code, name, city and level', () => {
    const institutions = readInstitutions();
    expect(institutions).to.have.length(175);
    for (const inst of institutions) {
      const m = bySlug.get(inst.slug);
      expect(m, inst.slug).to.exist;
      expect({ code: m!.code, name: m!.name, city: m!.city, level: m!.level }).to.deep.equal({
        code: inst.code,
        name: inst.name,
        city: inst.city,
        level: inst.level,
      });
    }
  });

  it('keeps slugs, codes and hosts unique', () => {
    const slugs = loaded.map((l) => l.manifest.slug);
    const codes = loaded.map((l) => l.manifest.code).filter((c) => c !== null);
    const hosts = loaded.flatMap((l) => l.manifest.hosts);
    expect(new Set(slugs).size).to.equal(slugs.length);
    expect(new Set(codes).size).to.equal(codes.length);
    expect(new Set(hosts).size).to.equal(hosts.length);
  });

  it('gives schools their own palettes and logo text, across all three themes', () => {
    const primaries = new Set(loaded.map((l) => l.manifest.theme.settings.primaryColor));
    expect(primaries.size).to.be.greaterThan(150);
    for (const { manifest } of loaded)
      expect(manifest.theme.settings.logoText).to.equal(
        manifest.name === '江苏省高校毕业生就业网' ? '江苏省高校毕业生就业网' : manifest.name,
      );
    const used = new Set(loaded.map((l) => l.manifest.theme.name));
    expect([...used].sort()).to.deep.equal(['campus', 'classic', 'portal']);
  });

  it('uses more than one review policy and sets one for every subject type', () => {
    const policies = new Set<string>();
    for (const { manifest } of loaded) {
      for (const type of SUBJECT_TYPES) policies.add(manifest.reviewPolicies[type].plugin);
    }
    expect([...policies].sort()).to.deep.equal([
      'review-policy-auto-approve',
      'review-policy-content-screen',
      'review-policy-manual',
    ]);
  });

  describe('an invalid manifest', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'xz-tenants-'));
      cpSync(TENANTS_DIR, dir, { recursive: true });
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const corrupt = (slug: string, change: (m: SiteManifest) => void) => {
      const file = join(dir, `${slug}.json`);
      const m = JSON.parse(readFileSync(file, 'utf8')) as SiteManifest;
      change(m);
      writeFileSync(file, JSON.stringify(m));
      return file;
    };

    const expectFailure = (file: string, field: string) => {
      try {
        loadManifests(dir, themes, catalogue());
      } catch (err) {
        expect(err).to.be.instanceOf(ManifestError);
        expect((err as ManifestError).file).to.equal(file);
        expect((err as ManifestError).field).to.equal(field);
        expect((err as Error).message)
          .to.include(file)
          .and.include(field);
        return;
      }
      expect.fail('loadManifests accepted an invalid manifest');
    };

    it('names the file and the field of a bad theme colour', () => {
      expectFailure(
        corrupt('seu', (m) => (m.theme.settings.primaryColor = 'blue')),
        'theme.settings.primaryColor',
      );
    });

    it('names an unknown theme', () => {
      expectFailure(
        corrupt('nju', (m) => (m.theme.name = 'nope')),
        'theme.name',
      );
    });

    it('names a review policy that is not installed', () => {
      expectFailure(
        corrupt('suda', (m) => (m.reviewPolicies.job.plugin = 'review-policy-nope')),
        'reviewPolicies.job.plugin',
      );
    });

    it('names bad plugin options', () => {
      expectFailure(
        corrupt(
          'nju',
          (m) =>
            (m.plugins = [
              ...m.plugins.filter((p: { name: string }) => p.name !== 'employer-tags'),
              { name: 'employer-tags', options: { maxPerEmployer: 0 } },
            ]),
        ),
        `plugins.${JSON.parse(readFileSync(join(TENANTS_DIR, 'nju.json'), 'utf8')).plugins.length - 1}.options.maxPerEmployer`,
      );
    });

    it('names a duplicated slug', () => {
      const file = join(dir, 'zz-copy.json');
      writeFileSync(
        file,
        JSON.stringify({ ...JSON.parse(readFileSync(join(dir, 'nju.json'), 'utf8')), slug: 'zz-copy' }),
      );
      expectFailure(file, 'code');
    });

    it('names a missing required field', () => {
      expectFailure(
        corrupt('hhu', (m: Partial<SiteManifest>) => delete m.city),
        'city',
      );
    });
  });
});
