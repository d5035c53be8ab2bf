// The campaigns' part of the district report pack (see reports/report-sections.ts). Stub until
// the campaigns module is built.
import type { CampaignSection, SectionSource } from '../reports/report-sections.js';

export const campaignsForReport: SectionSource<CampaignSection> = () =>
  Promise.resolve({ campaigns: [], reach: [] });
