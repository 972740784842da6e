// Which employer files staff may read: the province (main) every employer's, a school only those of employers that
// are approved members of it (已入驻). A pending or rejected application, or a membership row of any other state,
// gives a school no access: an employer that merely applied has not shared its documents with that school.
import type { Site } from '../../core/tenancy/sites.js';
import type { MembershipService } from '../network/membership-service.js';

export async function staffMayRead(
  memberships: MembershipService,
  site: Site | undefined,
  employerId: number | null,
): Promise<boolean> {
  if (!site || employerId === null) return false;
  return site.isMain || (await memberships.isApproved(employerId, site));
}
