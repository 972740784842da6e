// What this deployment installs, in registration order. Features are hapi plugins; tenant plugins are
// the catalogue sites choose from in their manifests. Listed explicitly, never discovered by globbing.
import type { TenantPluginDefinition } from '../core/plugin-host.js';
import type { FeaturePlugin } from '../core/server.js';
import { accountsPlugin } from './accounts/index.js';
import { announcementsPlugin } from './announcements/index.js';
import { certificatesPlugin } from './certificates/index.js';
import { employerTags } from './employer-tags/index.js';
import { fairsPlugin } from './fairs/index.js';
import { presentationsPlugin } from './presentations/index.js';
import { studentsPlugin } from './students/index.js';
import { applicationsPlugin } from './applications/index.js';
import { employersPlugin } from './employers/index.js';
import { filesPlugin } from './files/index.js';
import { messagesPlugin } from './messages/index.js';
import { networkPlugin } from './network/index.js';
import { reviewsPlugin } from './reviews/index.js';
import { verificationPlugin } from './verification/index.js';
import { healthPlugin } from './health/index.js';
import { jobsPlugin } from './jobs/index.js';
import { postingsPlugin } from './postings/index.js';
import { homePlugin } from './home/index.js';
import { publicApiPlugin } from './public-api/index.js';
import { reviewPolicyAutoApprove } from './review-policy-auto-approve/index.js';
import { reviewPolicyContentScreen } from './review-policy-content-screen/index.js';
import { reviewPolicyManual } from './review-policy-manual/index.js';
import { signingPlugin } from './signing/index.js';
import { siteSettingsPlugin } from './site-settings/index.js';
import { smsPlugin } from './sms/index.js';
import { staffPlugin } from './staff/index.js';
import { widgetsPlugin } from './widgets/index.js';

export const features: FeaturePlugin[] = [
  healthPlugin,
  smsPlugin,
  verificationPlugin,
  staffPlugin,
  reviewsPlugin,
  messagesPlugin,
  siteSettingsPlugin,
  networkPlugin,
  certificatesPlugin,
  filesPlugin,
  accountsPlugin,
  employersPlugin,
  postingsPlugin,
  jobsPlugin,
  announcementsPlugin,
  fairsPlugin,
  presentationsPlugin,
  studentsPlugin,
  applicationsPlugin,
  signingPlugin,
  publicApiPlugin,
  homePlugin,
  widgetsPlugin,
];

export const tenantPlugins: TenantPluginDefinition<never>[] = [
  reviewPolicyManual as TenantPluginDefinition<never>,
  reviewPolicyAutoApprove as TenantPluginDefinition<never>,
  reviewPolicyContentScreen as TenantPluginDefinition<never>,
  employerTags as TenantPluginDefinition<never>,
];
