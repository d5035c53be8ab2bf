import type { MigrationInterface } from 'typeorm';
import { Ballots1795575000000 } from './1795575000000-Ballots.js';
import { Campaigns1795575300000 } from './1795575300000-Campaigns.js';
import { Strategies1795575100000 } from './1795575100000-Strategies.js';
import { Reports1795575400000 } from './1795575400000-Reports.js';
import { Surveys1795574000000 } from './1795574000000-Surveys.js';
import { JobQueue1795567000000 } from './1795567000000-JobQueue.js';
import { PasswordResetCodes1795568000000 } from './1795568000000-PasswordResetCodes.js';
import { ClusterRateLimits1795566000000 } from './1795566000000-ClusterRateLimits.js';
import { IdempotencyKeys1795565000000 } from './1795565000000-IdempotencyKeys.js';
import { LoginFailures1795564000000 } from './1795564000000-LoginFailures.js';
import { SearchRecentComments1795563000000 } from './1795563000000-SearchRecentComments.js';
import { RealtimeSupport1795562000000 } from './1795562000000-RealtimeSupport.js';
import { Rooms1795561949502 } from './1795561949502-Rooms.js';
import { SearchTriggers1795560900000 } from './1795560900000-SearchTriggers.js';
import { IssueThreads1795560144876 } from './1795560144876-IssueThreads.js';
import { SearchConfiguration1795559900000 } from './1795559900000-SearchConfiguration.js';
import { SeedBatkenTerritories1795558300000 } from './1795558300000-SeedBatkenTerritories.js';
import { ListCursors1795572000000 } from './1795572000000-ListCursors.js';
import { Attachments1795573000000 } from './1795573000000-Attachments.js';
import { AttachmentParents1795573100000 } from './1795573100000-AttachmentParents.js';
import { SurveyTallies1795574100000 } from './1795574100000-SurveyTallies.js';
import { Events1795574200000 } from './1795574200000-Events.js';
import { Findings1795574300000 } from './1795574300000-Findings.js';
import { LegalLibrary1795575200000 } from './1795575200000-LegalLibrary.js';
import { Init1795558244203 } from './1795558244203-Init.js';
import { SearchFolding1795569000000 } from './1795569000000-SearchFolding.js';
import { SearchTerms1795569100000 } from './1795569100000-SearchTerms.js';

/**
 * Every migration, oldest first. `npm run migration:generate -- Name` adds new ones here;
 * listing them (rather than a glob) keeps ESM loading and bundling predictable.
 */
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  Init1795558244203,
  SeedBatkenTerritories1795558300000,
  SearchConfiguration1795559900000,
  IssueThreads1795560144876,
  SearchTriggers1795560900000,
  Rooms1795561949502,
  RealtimeSupport1795562000000,
  SearchRecentComments1795563000000,
  LoginFailures1795564000000,
  IdempotencyKeys1795565000000,
  ClusterRateLimits1795566000000,
  JobQueue1795567000000,
  PasswordResetCodes1795568000000,
  SearchFolding1795569000000,
  SearchTerms1795569100000,
  ListCursors1795572000000,
  Attachments1795573000000,
  AttachmentParents1795573100000,
  Surveys1795574000000,
  SurveyTallies1795574100000,
  Events1795574200000,
  Findings1795574300000,
  Ballots1795575000000,
  Strategies1795575100000,
  LegalLibrary1795575200000,
  Campaigns1795575300000,
  Reports1795575400000,
];
