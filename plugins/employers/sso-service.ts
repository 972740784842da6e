// One-click login (一键登录) to a school site: a one-time ticket, valid 60 seconds, redeemable once and only on the
// site it was issued for (a different host: no shared cookie). Redeeming signs the account into that site's employer
// centre with a cookie on that host.
import { randomBytes } from 'node:crypto';
import { appError } from '../../core/http/errors.js';
import type { KeyValueStore } from '../../core/kv.js';
import type { Site, SiteRegistry } from '../../core/tenancy/sites.js';
import type { AccountRow, AccountService } from '../accounts/account-service.js';
import type { EmployerCredentials } from '../accounts/permissions.js';
import type { MembershipService } from '../network/membership-service.js';

export const SSO_TTL_SECONDS = 60;

interface Ticket {
  accountId: number;
  tv: number;
  site: string;
}

const notJoined = () => appError(403, 'SITE_NOT_JOINED', '尚未入驻该站点，学校审核通过后才能一键登录');
const invalid = () =>
  appError(400, 'SSO_TICKET_INVALID', '登录链接已失效或已使用，请回到单位中心重新点击“一键登录”');

export class SsoService {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly sites: SiteRegistry,
    private readonly accounts: AccountService,
    private readonly memberships: MembershipService,
  ) {}

  async issue(c: EmployerCredentials, slug: string): Promise<{ url: string; expiresIn: number }> {
    const site = this.sites.require(slug);
    if (!(await this.memberships.isApproved(c.employerId, site))) throw notJoined();
    const account = await this.accounts.byId(c.id);
    if (!account) throw invalid();
    const ticket = randomBytes(32).toString('base64url');
    const data: Ticket = { accountId: c.id, tv: account.token_version, site: site.slug };
    await this.kv.set(`sso:${ticket}`, JSON.stringify(data), SSO_TTL_SECONDS);
    return { url: this.sites.urlOf(site, `/employer/sso?ticket=${ticket}`), expiresIn: SSO_TTL_SECONDS };
  }

  /** Uses a ticket up on the site it names; returns the account to sign in. */
  async redeem(ticket: string, site: Site): Promise<AccountRow> {
    const raw = await this.kv.take(`sso:${ticket}`);
    if (!raw) throw invalid();
    const data = JSON.parse(raw) as Ticket;
    if (data.site !== site.slug) throw invalid();
    const account = await this.accounts.byId(data.accountId);
    if (!account || account.disabled_at || account.token_version !== data.tv) throw invalid();
    if (!(await this.memberships.isApproved(account.employer_id, site))) throw notJoined();
    return account;
  }
}
