// The employer inbox's and the staff view's API routes, registered together by the plugin.
import type { ServerRoute } from '@hapi/hapi';
import type { FileService } from '../../files/file-service.js';
import type { InboxService } from '../inbox-service.js';
import { adminStudentApplications } from './admin-student-applications.js';
import { employerBatchApplications } from './employer-batch-applications.js';
import { employerExportApplications } from './employer-export-applications.js';
import { employerGetApplication } from './employer-get-application.js';
import { employerInviteInterview } from './employer-invite-interview.js';
import { employerListApplications } from './employer-list-applications.js';
import { employerOffer } from './employer-offer.js';
import { employerResumeAttachment } from './employer-resume-attachment.js';
import { employerResumePdf } from './employer-resume-pdf.js';

export const inboxRoutes = (inbox: InboxService, files: FileService): ServerRoute[] => [
  employerListApplications(inbox),
  employerGetApplication(inbox),
  employerResumePdf(inbox),
  employerResumeAttachment(inbox, files),
  employerExportApplications(inbox),
  employerBatchApplications(inbox),
  employerInviteInterview(inbox),
  employerOffer(inbox),
  adminStudentApplications(inbox),
];
