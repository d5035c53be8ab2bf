// The strategies' part of the district report pack (see reports/report-sections.ts). Stub until
// the strategies module is built.
import type { SectionSource, StrategySection } from '../reports/report-sections.js';

export const strategiesForReport: SectionSource<StrategySection> = () =>
  Promise.resolve({ strategies: [] });
