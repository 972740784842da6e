// The public announcement list as the API and the listing cache give it (JSON), read back by the pages.

export interface PublicAnnouncementSummary {
  id: number;
  title: string;
  employer: { id: number; name: string };
  publishedAt: string;
  url: string;
}

export interface PublicAnnouncementList {
  items: PublicAnnouncementSummary[];
  total: number;
  page: number;
  pageSize: number;
}
