// The public job list as the API and the listing cache give it (JSON), read back by the pages and feeds.
import type { JobService } from '../../job-service.js';

/** One job as the public listings give it (`JobService.publicList` items). */
export type PublicJob = ReturnType<JobService['publicView']>;

export interface PublicJobList {
  items: PublicJob[];
  total: number;
  totalIsCapped?: boolean;
  page: number;
  pageSize: number;
}
