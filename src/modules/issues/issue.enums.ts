export const ISSUE_STATUSES = [
  'raised',
  'discussing',
  'prioritised',
  'escalated',
  'answered',
  'resolved',
  'closed',
  'merged',
] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];

export const ISSUE_CATEGORIES = [
  'water_irrigation',
  'land_pasture',
  'roads_transport',
  'border_crossing',
  'documents_citizenship',
  'trade_markets',
  'education',
  'health',
  'security_incidents',
  'interethnic_relations',
  'infrastructure',
  'other',
] as const;
export type IssueCategory = (typeof ISSUE_CATEGORIES)[number];

export const DECISION_LEVELS = [
  'aiyl_aimak',
  'district',
  'oblast',
  'national',
  'intergovernmental',
] as const;
export type DecisionLevel = (typeof DECISION_LEVELS)[number];

export const ISSUE_SORTS = ['newest', 'endorsed', 'active'] as const;
export type IssueSort = (typeof ISSUE_SORTS)[number];
