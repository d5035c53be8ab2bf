// The ballots' part of the district report pack (see reports/report-sections.ts). Stub until the
// ballots module is built.
import type { BallotSection, SectionSource } from '../reports/report-sections.js';

export const ballotsForReport: SectionSource<BallotSection> = () => Promise.resolve({ ballots: [] });
