import { IdempotencyKey } from '../../modules/idempotency/idempotency-key.entity.js';
import { AuditEntry } from '../../modules/audit/audit-entry.entity.js';
import { MessageFlag } from '../../modules/rooms/message-flag.entity.js';
import { Message } from '../../modules/rooms/message.entity.js';
import { RoomMember } from '../../modules/rooms/room-member.entity.js';
import { RoomSanction } from '../../modules/rooms/room-sanction.entity.js';
import { Room } from '../../modules/rooms/room.entity.js';
import { CommentRevision } from '../../modules/comments/comment-revision.entity.js';
import { Comment } from '../../modules/comments/comment.entity.js';
import { Escalation } from '../../modules/escalations/escalation.entity.js';
import { Endorsement } from '../../modules/issues/endorsement.entity.js';
import { IssueFollow } from '../../modules/issues/issue-follow.entity.js';
import { IssueRevision } from '../../modules/issues/issue-revision.entity.js';
import { IssueTerritory } from '../../modules/issues/issue-territory.entity.js';
import { IssueTransition } from '../../modules/issues/issue-transition.entity.js';
import { Issue } from '../../modules/issues/issue.entity.js';
import { Notification } from '../../modules/notifications/notification.entity.js';
import { AuthSession } from '../../modules/auth/auth-session.entity.js';
import { RefreshToken } from '../../modules/auth/refresh-token.entity.js';
import { OrganisationMember } from '../../modules/organisations/organisation-member.entity.js';
import { OrganisationInvitation } from '../../modules/organisations/organisation-invitation.entity.js';
import { Organisation } from '../../modules/organisations/organisation.entity.js';
import { Territory } from '../../modules/territories/territory.entity.js';
import { User } from '../../modules/users/user.entity.js';
import { SearchConcept } from '../../modules/search/search-concept.entity.js';
import { SearchTermKey } from '../../modules/search/search-term-key.entity.js';
import { Attachment } from '../../modules/attachments/attachment.entity.js';
import { SurveyTally } from '../../modules/surveys/results/survey-tally.entity.js';
import { FileBlob } from '../../modules/attachments/file-blob.entity.js';
import { FileChunk } from '../../modules/attachments/file-chunk.entity.js';
import { Upload } from '../../modules/attachments/upload.entity.js';
import { SurveyLink } from '../../modules/surveys/survey-link.entity.js';
import { SurveyRespondentMark } from '../../modules/surveys/survey-respondent-mark.entity.js';
import { SurveySecret } from '../../modules/surveys/survey-secret.entity.js';
import { SurveySubmissionRevision } from '../../modules/surveys/survey-submission-revision.entity.js';
import { SurveySubmission } from '../../modules/surveys/survey-submission.entity.js';
import { SurveyTerritory } from '../../modules/surveys/survey-territory.entity.js';
import { SurveyVersion } from '../../modules/surveys/survey-version.entity.js';
import { Survey } from '../../modules/surveys/survey.entity.js';
import { EventAttendance } from '../../modules/events/event-attendance.entity.js';
import { EventCommitment } from '../../modules/events/event-commitment.entity.js';
import { EventIssue } from '../../modules/events/event-issue.entity.js';
import { EventRegistration } from '../../modules/events/event-registration.entity.js';
import { EventTally } from '../../modules/events/event-tally.entity.js';
import { NetworkEvent } from '../../modules/events/event.entity.js';
import { FindingEvent } from '../../modules/findings/finding-event.entity.js';
import { FindingTerritory } from '../../modules/findings/finding-territory.entity.js';
import { Finding } from '../../modules/findings/finding.entity.js';
import { BallotIssue } from '../../modules/ballots/ballot-issue.entity.js';
import { BallotVote, BallotVoteRevision } from '../../modules/ballots/ballot-vote.entity.js';
import { BallotVoter } from '../../modules/ballots/ballot-voter.entity.js';
import { Ballot } from '../../modules/ballots/ballot.entity.js';
import { LegalAct } from '../../modules/legal/legal-act.entity.js';
import { LegalIssueLink } from '../../modules/legal/legal-issue-link.entity.js';
import { LegalProvision } from '../../modules/legal/legal-provision.entity.js';
import { Campaign, CampaignProvision } from '../../modules/campaigns/campaign.entity.js';
import {
  CampaignPublication,
  CampaignPublicationProvision,
} from '../../modules/campaigns/campaign-publication.entity.js';
import { CampaignReach } from '../../modules/campaigns/campaign-reach.entity.js';
import { Report, ReportFile } from '../../modules/reports/report.entity.js';

/** Every entity of the schema; the migrations must match exactly these (see schema test). */
import {
  StrategyAction,
  StrategyActionIssue,
  StrategyActionUpdate,
} from '../../modules/strategies/strategy-action.entity.js';
import { StrategyObjective } from '../../modules/strategies/strategy-objective.entity.js';
import {
  Strategy,
  StrategyIssue,
  StrategyTerritory,
} from '../../modules/strategies/strategy.entity.js';
export const ENTITIES = [
  User,
  AuthSession,
  RefreshToken,
  Territory,
  Organisation,
  OrganisationMember,
  OrganisationInvitation,
  Issue,
  IssueTerritory,
  IssueRevision,
  IssueTransition,
  Endorsement,
  IssueFollow,
  Comment,
  CommentRevision,
  Escalation,
  Notification,
  Room,
  RoomMember,
  Message,
  RoomSanction,
  MessageFlag,
  AuditEntry,
  IdempotencyKey,
  SearchConcept,
  SearchTermKey,
  FileBlob,
  FileChunk,
  Upload,
  Attachment,
  Survey,
  SurveyTerritory,
  SurveyVersion,
  SurveyLink,
  SurveySubmission,
  SurveySubmissionRevision,
  SurveyRespondentMark,
  SurveySecret,
  SurveyTally,
  NetworkEvent,
  EventIssue,
  EventRegistration,
  EventAttendance,
  EventTally,
  EventCommitment,
  Finding,
  FindingTerritory,
  FindingEvent,
  Ballot,
  BallotIssue,
  BallotVoter,
  BallotVote,
  BallotVoteRevision,
  LegalAct,
  LegalProvision,
  LegalIssueLink,
  Campaign,
  CampaignProvision,
  CampaignPublication,
  CampaignPublicationProvision,
  CampaignReach,
  Strategy,
  StrategyIssue,
  StrategyTerritory,
  StrategyObjective,
  StrategyAction,
  StrategyActionIssue,
  StrategyActionUpdate,
  Report,
  ReportFile,
];
