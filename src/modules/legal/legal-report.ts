// The legal library's part of the district report pack (see reports/report-sections.ts). Stub
// until the legal module is built.
import type { LegalBasisSection, SectionSource } from '../reports/report-sections.js';

export const legalBasisForReport: SectionSource<LegalBasisSection> = () =>
  Promise.resolve({ links: [] });
