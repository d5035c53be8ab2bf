/**
 * The English catalogue defines the message keys; ky and ru must give every one of them
 * (their type is `Record<MessageKey, string>`, and messages.spec.ts checks the texts).
 * `{name}` is a value put in as written: a name, a field, a status code, a number.
 * How to add a message: docs/i18n.md.
 */
export const en = {
  // Problem titles, one per contract code.
  'title.unauthorized': 'Unauthorized',
  'title.forbidden': 'Forbidden',
  'title.not_found': 'Not Found',
  'title.validation_failed': 'Validation Failed',
  'title.conflict': 'Conflict',
  'title.rate_limited': 'Too Many Requests',
  'title.payload_too_large': 'Payload Too Large',
  'title.room_locked': 'Room Locked',
  'title.muted': 'Muted',
  'title.banned': 'Banned',
  'title.unavailable': 'Service Unavailable',
  'title.internal': 'Internal Server Error',

  // Things that may not be found.
  'notFound.resource': 'No such resource',
  'notFound.ban': 'Ban not found',
  'notFound.comment': 'Comment not found',
  'notFound.endorsement': 'Endorsement not found',
  'notFound.escalation': 'Escalation not found',
  'notFound.flag': 'Flag not found',
  'notFound.invitation': 'Invitation not found',
  'notFound.issue': 'Issue not found',
  'notFound.member': 'Member not found',
  'notFound.membership': 'Membership not found',
  'notFound.message': 'Message not found',
  'notFound.organisation': 'Organisation not found',
  'notFound.room': 'Room not found',
  'notFound.territory': 'Territory not found',
  'notFound.user': 'User not found',
  'notFound.event': 'Unknown event {event}',

  // Generic answers (framework errors, the database, the body parser).
  'validation.invalid': 'The request is not valid',
  'validation.payloadInvalid': 'The payload is not valid',
  'forbidden.default': 'You may not do this',
  'rateLimit.tooManyNow': 'Too many requests; try again shortly',
  'conflict.default': 'The request conflicts with the current state',
  'unauthorized.default': 'Authentication required',
  'internal.default': 'Something went wrong on our side',
  'unavailable.default': 'The service is temporarily unavailable; try again shortly',
  'unavailable.rateLimitStore': 'The rate limit store (Redis) does not answer',
  'unavailable.shuttingDown': 'Not ready: shutting down',
  'unavailable.notReady': 'Not ready: {what}',
  'db.exists': 'This already exists',
  'db.referenced': 'A referenced record does not exist or is still in use',
  'db.outOfRange': 'A value is out of its allowed range',
  'db.wrongFormat': 'A value has the wrong format',
  'db.tooLong': 'A value is too long',
  'db.concurrentChange': 'A concurrent change got in the way; try again',
  'body.tooLarge': 'The request body is too large',
  'body.notJson': 'The request body is not valid JSON',
  'body.mustBeJson': 'The request body must be JSON (Content-Type: application/json)',
  'client.headersTooLarge':
    'The request line or headers are too large (a long query string counts)',
  'client.chunkExtensionsTooLarge': 'The chunk extensions of the request are too large',
  'client.timeout': 'The request did not arrive in time',
  'client.malformed': 'Malformed request',

  // Sign-in and tokens.
  'auth.wrongCredentials': 'Email or password is wrong',
  'auth.accountGone': 'This account no longer exists',
  'auth.refreshInvalid': 'Refresh token is not valid',
  'auth.loginEnded': 'This login has ended; sign in again',
  'auth.refreshReused': 'Refresh token was already used; every token of this login is revoked',
  'auth.accessInvalid': 'Access token is not valid',
  'auth.accessExpired': 'access token expired; reconnect with a fresh one',
  'auth.accessRequired': 'An access token is required',
  'auth.validAccessRequired': 'A valid access token is required',
  'auth.emailTaken': 'An account with this email already exists',
  'auth.tooManyFailures': 'Too many failed logins; try again in {seconds} seconds',
  'auth.accountSlowed':
    'This account is receiving many failed logins; try again in {seconds} seconds',
  'rateLimit.tooMany': 'Too many requests; try again in {seconds} seconds',
  'role.required': 'This needs one of the network roles: {roles}',

  // Idempotency keys.
  'idempotency.mismatch':
    'This Idempotency-Key was already used for a different request; use a new key for a new request',
  'idempotency.inProgress':
    'A request with this Idempotency-Key is still being processed; retry shortly',
  'idempotency.badHeader': 'The {header} header must be a UUID',

  // Members and roles.
  'users.onlyAdminsChangeRoles': 'Only admins change network roles',
  'users.lastAdmin': 'The network needs at least one admin',

  // Organisations.
  'organisations.alreadyMember': 'This user is already a member of the organisation',
  'organisations.invitationPending': 'This user already has a pending invitation',
  'organisations.invitationAlready': 'The invitation is already {status}',
  'organisations.applicationPending': 'The application is already waiting for a decision',
  'organisations.alreadyInNetwork': 'The organisation is already a member of the network',
  'organisations.onlyStaffDecide': 'Only facilitators and admins decide on applications',
  'organisations.noPendingApplication': 'There is no pending application to decide on',
  'organisations.onlyRepresentatives':
    "Only the organisation's representatives and admins may do this",
  'organisations.lastRepresentative': 'An organisation needs at least one representative',

  // Issues.
  'issues.onlyAuthorOrStaffEdit': 'Only the author, facilitators and admins may edit an issue',
  'issues.mergedCannotEdit': 'A merged issue cannot be edited; edit the issue it was merged into',
  'issues.onlyMembersRaise':
    'An issue can be raised only for an organisation its author belongs to',
  'issues.movesAllowed': 'allowed from {from}: {allowed}',
  'issues.noMoveOpen': 'no move from {from} is open to you',
  'issues.mergedOnlyByMerge': 'An issue becomes merged only through merge ({options})',
  'issues.escalatedBySending':
    'An issue is escalated by sending an escalation: POST /issues/:id/escalations ({options})',
  'issues.answeredByRecording':
    "An issue is answered by recording the escalation's answer: PATCH /escalations/:id ({options})",
  'issues.cannotMove': 'Cannot move from {from} to {to} ({options})',
  'issues.endorseMergedTarget': 'Endorse the issue it was merged into instead',
  'issues.alreadyEndorsed': '{organisation} has already endorsed this issue',
  'issues.onlyStaffMerge': 'Only facilitators and admins merge issues',
  'issues.alreadyMerged': 'This issue is already merged',
  'issues.targetMerged': 'The target is itself merged; merge into the issue it points to',
  'issues.onlyMembersSign': 'Only members of the organisation may sign for it',

  // Comments.
  'comments.issueMerged': 'This issue was merged into issue {issueId}; comment there instead',
  'comments.onlyAuthorEdits': 'Only the author may edit a comment',
  'comments.deletedCannotEdit': 'A deleted comment cannot be edited',
  'comments.hiddenCannotEdit': 'A hidden comment cannot be edited; ask a facilitator',
  'comments.historyForbidden': 'Only the author, facilitators and admins see the edit history',
  'comments.onlyAuthorDeletes': 'Only the author may delete a comment',
  'comments.onlyStaffHide': 'Only facilitators and admins hide comments',
  'comments.alreadyHidden': 'This comment is already hidden',
  'comments.deletedNothingToHide': 'This comment was deleted by its author; nothing to hide',
  'comments.onlyStaffUnhide': 'Only facilitators and admins unhide comments',
  'comments.notHidden': 'This comment is not hidden',

  // Escalations.
  'escalations.alreadyAnswered':
    'The answer to this escalation was already recorded (respondedAt {respondedAt})',
  'escalations.transitionNote': 'Escalated to {authority}',
  'escalations.transitionNoteWithReference': 'Escalated to {authority} (ref. {reference})',
  'escalations.onlyStaff': 'Only facilitators and admins record escalations and their answers',

  // Rooms and moderation.
  'rooms.onlyRepresentativesOpen':
    "Only the organisation's representatives, facilitators and admins open its rooms",
  'rooms.onlyStaffOpenNetwork': 'Only facilitators and admins open network rooms',
  'rooms.muted': 'You are muted in this room until {until}',
  'rooms.locked': 'The room is locked by a moderator',
  'rooms.tooFast': 'You are sending too fast; wait a moment',
  'rooms.slowMode': 'Slow mode: wait {seconds} more seconds',
  'rooms.onlyPrivateInvite':
    'Who is in a {kind} room follows from the network and its organisations; only private rooms take invitations',
  'rooms.banned': 'You are banned from this room',
  'moderation.alreadyBanned': 'This member is already banned from the room',
  'moderation.alreadyHidden': 'The message is already hidden',
  'moderation.alreadyFlagged': 'You have already flagged this message',
  'moderation.onlyStaffFlags': 'Only facilitators and admins work the flag queue',
  'moderation.flagAlready': 'The flag is already {status}',
  'moderation.onlyModerators': 'Only moderators of this room may do this',
  'moderation.moderatorsImmune': 'Moderators of a room cannot be muted or banned in it',

  // Field messages: `{field}` is the field's name as the client sent it.
  'field.required': '{field} is required',
  'field.notNull': '{field} must not be null',
  'field.notAllowed': '{field} should not exist',
  'field.invalid': '{field} is not valid',
  'field.mustBeString': '{field} must be a string',
  'field.mustBeInt': '{field} must be an integer number',
  'field.mustBeNumber': '{field} must be a number',
  'field.mustBeBoolean': '{field} must be a boolean value',
  'field.mustBeArray': '{field} must be an array',
  'field.mustBeObject': '{field} must be an object',
  'field.mustBeUuid': '{field} must be a UUID',
  'field.mustBeEmail': '{field} must be an email',
  'field.mustBeUrl': '{field} must be a URL address',
  'field.mustBeDate': '{field} must be a valid ISO 8601 date string',
  'field.mustBeOneOf': '{field} must be one of the following values: {values}',
  'field.minLength': '{field} must be longer than or equal to {min} characters',
  'field.maxLength': '{field} must be shorter than or equal to {max} characters',
  'field.min': '{field} must not be less than {min}',
  'field.max': '{field} must not be greater than {max}',
  'field.arrayMinSize': '{field} must contain at least {min} elements',
  'field.arrayMaxSize': '{field} must contain no more than {max} elements',
  'field.arrayNotEmpty': '{field} should not be empty',
  'field.arrayUnique': "All {field}'s elements must be unique",
  'field.pattern': '{field} has the wrong format',
  'field.phoneE164': '{field} must be in E.164 form, like +996555123456',
  'field.auditAction': '{field} looks like room.mute',
  'field.allMustBeTrue': '{field} must be true (or give ids)',
  'field.dateTime':
    '{field} must be an ISO 8601 date-time with an offset, e.g. 2025-03-01T09:30:00Z',
  'field.notRealDate': '{field} is not a real date',
  'field.notBlank': '{field} must not be blank',
  'field.joinRoomFirst': 'join the room first',
  'field.unknownTerritory': '{field} is not a known territory',
  'field.unknownIssue': '{field} is not a known issue',
  'field.unknownOrganisation': '{field} is not a known organisation',
  'field.unknownUserIn': '{field} contains an unknown user',
  'field.unknownTerritoryIn': '{field} contains a territory that does not exist',
  'field.requiredForKind': '{field} is required for an {kind} room',
  'field.onlyWithKind': '{field} goes only with kind {kind}',
  'field.onlyWithKindPlural': '{field} go only with kind {kind}',
  'field.notBoth': 'give {field} or {other}, not both',
  'field.notMessageOfRoom': '{field} is not a message of this room',
  'field.beyondLastMessage': '{field} is beyond the last message',
  'field.cannotSanctionSelf': 'you cannot sanction yourself',
  'field.cursorForeign': '{field} is not one this API issued',
  'field.cursorOtherSort': '{field} is not one this API issued for sort {sort}',
  'field.noteRequired': 'a note is required to move to {to}',
  'field.mergeIntoItself': 'an issue cannot be merged into itself',
  'field.notCommentOfIssue': '{field} is not a comment on this issue',
  'field.replyOneLevel':
    'replies go one level deep: {field} is a reply; reply to {parentId} instead',
  'field.requiredWith': '{field} is required with {other}: an answer has both',
  'field.notInFuture': '{field} must not be in the future',
  'field.notBefore': '{field} must not be before {other} ({bound})',
  'field.authorityKind':
    '{field} must be an organisation of one of the kinds {kinds} ({organisation} is {kind})',
  'field.idempotencyKey': '{field} must be a UUID',

  // The input guard (before validation): `{field}` is the value's path.
  'input.nul': '{field} must not contain the NUL character (U+0000)',
  'input.surrogate': '{field} must not contain an unpaired surrogate (invalid UTF-16)',
  'input.keyNul': '{field} (a field name) must not contain the NUL character (U+0000)',
  'input.keySurrogate':
    '{field} (a field name) must not contain an unpaired surrogate (invalid UTF-16)',
  'input.tooManyValues': '{field} holds more than {max} values',
  'input.tooLong': '{field} is longer than {max} characters',
  'input.notFinite': '{field} must be a finite number',
  'input.tooDeep': '{field} is nested more than {max} levels deep',
  'input.tooManyItems': '{field} has more than {max} items',
  'input.tooManyFields': '{field} has more than {max} fields',
  'input.reservedName': '{field} is a reserved name and not allowed as a field',
  'input.pathEncoding': '{field} has an invalid percent-encoding',
  'input.payloadObject': '{field} must be an object',

  // Notifications: title and summary, rendered when read from the kind and the payload.
  // Added at the issue 9 merge: accounts, rooms, search terms.
  'auth.resetCodeStaffOnly': 'Only facilitators and admins issue reset codes',
  'auth.resetCodeNotSelf': 'Change your own password with POST /me/password',
  'auth.resetCodeAdminOnly': 'Only an admin may issue a reset code for a facilitator or admin',
  'auth.resetCodeWrong': 'The code is wrong, has expired or was already used; ask for a new one',
  'field.resetCodeWrong':
    '{field}: the code is wrong, has expired or was already used; ask for a new one',
  'field.currentPasswordWrong': '{field} is not your current password',
  'field.newPasswordSame': '{field} must differ from the current password',
  'rooms.issueRoomExists':
    'This issue already has its room {roomId}; join that room instead of opening another',
  'field.oneOfCursorSeq': '{field}: give only one of cursor, afterSeq or beforeSeq',
  'notFound.searchConcept': 'Search concept not found',
  'search.conceptNameTaken': 'A search concept named "{name}" already exists',
  'search.termTaken': 'A term belongs to one concept only: {terms}',
  'field.termRepeated':
    '{field}: "{term}" is listed twice (search does not tell these spellings apart)',
  'field.termNeedsLetter': '{field}: each term needs a letter or a digit',
  'field.conceptTwoTerms': '{field}: a concept needs at least two terms to connect',

  'field.termWords': '{field}: each term is one or more words of letters and digits',
  'field.resetCodeFormat': '{field} is letters and digits, like K7QM-4TZP',

  // Issue statuses inside sentences: English keeps the contract's codes, for scripts.
  'status.raised': 'raised',
  'status.discussing': 'discussing',
  'status.prioritised': 'prioritised',
  'status.escalated': 'escalated',
  'status.answered': 'answered',
  'status.resolved': 'resolved',
  'status.closed': 'closed',
  'status.merged': 'merged',

  // Attachments on issues, comments, answers and messages (their parents), and moderating them.
  'attachments.bodyOrFiles': '{field} is required unless files are attached',
  'attachments.onlyWithAnswer':
    '{field} go with the answer: send responseText and respondedAt in the same request',
  'attachments.flagActionNeedsRoom':
    '{field}: this file is not in a room, so no one can be muted or banned there; hide it or dismiss the flag',
  'attachments.onlyModeratorsHide':
    'Only facilitators, admins and the moderators of its room may hide a file',
  'attachments.alreadyHidden': 'The file is already hidden',
  'attachments.alreadyFlagged': 'You have already flagged this file',

  'notification.comment.title': 'New comment',
  'notification.comment.summary': '{actor} commented on “{issue}”',
  'notification.mention.title': 'You were mentioned',
  'notification.mention.summary': '{actor} mentioned you in “{issue}”',
  'notification.status_changed.title': 'Status changed',
  'notification.status_changed.summary': '“{issue}” moved from {from} to {to}',
  'notification.endorsement.title': 'New endorsement',
  'notification.endorsement.summary': '{organisation} endorsed “{issue}”',
  'notification.escalation_answered.title': 'An authority answered',
  'notification.escalation_answered.summary': '{authority} answered the escalation of “{issue}”',
  'notification.merged.title': 'Issue merged',
  'notification.merged.summary': '“{merged}” was merged into “{issue}”',
  'notification.someone': 'Someone',

  // Attachments: uploads, files, signed links (docs/attachments.md).
  'attachments.notFound': 'File not found',
  'attachments.uploadNotFound': 'Upload not found',
  'attachments.notClaimable':
    '{field}: each file must be one you uploaded and have not attached to anything else',
  'attachments.tooMany': '{field}: at most {max} files per item',
  'attachments.duplicate': '{field}: the same file is listed twice',
  'attachments.unsupportedType':
    '{field}: this kind of file cannot be attached; only photos (JPEG, PNG, WebP), PDF documents and voice notes (Opus, AAC)',
  'attachments.videoRefused': '{field}: video cannot be attached, only voice notes',
  'attachments.unreadable': '{field}: the file could not be read as {type}',
  'attachments.tooManyPixels': '{field}: the photo is too large, at most {max} megapixels',
  'attachments.uploadUnfinished': '{field}: the upload is not finished yet',
  'attachments.fileTooLarge': 'This file is too large: at most {max} for this kind of file',
  'attachments.uploadTooLarge': 'Files larger than {max} cannot be uploaded',
  'attachments.quotaUser':
    'Your files already take {used} of your {quota}; {size} more does not fit. Delete unused files or ask a facilitator',
  'attachments.quotaOrganisation':
    'The files of {organisation} already take {used} of its {quota}; {size} more does not fit',
  'attachments.linkInvalid':
    'This file link is not valid or has expired; open the item again for a fresh one',
  'attachments.uploadOffset':
    'The upload is at another offset: ask for it (HEAD) and continue from there',
  'attachments.uploadInvalid': 'The upload request is not valid: {reason}',
  'attachments.rangeInvalid': 'The requested range is not in the file',
  // Surveys and submissions (issue 12).
  'notFound.survey': 'Survey not found',
  'notFound.submission': 'Submission not found',
  'notFound.surveyLink': 'Survey link not found',
  'surveys.onlyStaff': 'Only facilitators and admins manage surveys',
  'surveys.enumeratorsOnly':
    'Paper and in-person forms are entered by members of an organisation, facilitators and admins',
  'surveys.textNeedsLanguage': '{field} needs a text in at least one language',
  'surveys.state.draft': 'draft',
  'surveys.state.open': 'open',
  'surveys.state.closed': 'closed',
  'surveys.state.archived': 'archived',
  'surveys.badTransition': 'A survey cannot go from {from} to {to}',
  'surveys.editOnlyDraft':
    'A survey is edited only while it is a draft, and this one is {status}: change its questions through a new version, and open or close it through a transition',
  'surveys.archived': 'The survey is archived: nothing in it changes any more',
  'surveys.versionIncompatible':
    'A new version may not change the type or drop the choice codes of a question: {keys}',
  'surveys.notOpen': 'The survey is not taking answers: it is {status}',
  'surveys.notYetOpen': 'The survey opens at {opensAt}',
  'surveys.closedAt': 'The survey closed at {closesAt}',
  'surveys.unknownVersion': '{field}: the survey has no version {version}',
  'surveys.submissionIdTaken': 'Submission {id} is already stored with other content',
  'surveys.alreadyAnswered': 'You have already answered this survey',
  'surveys.linkExpired': 'This survey link has expired',
  'surveys.linkFull': 'This survey link has had all of its {max} responses',
  'surveys.territoryOutside': "{field} is not within the survey's territories",
  'surveys.reviseWhenOpenOrClosed': 'Answers are corrected only while the survey is open or closed',
  'surveys.expiresInPast': '{field} must be in the future',
  'surveys.closesBeforeOpens': '{field} must be after opensAt',
  'surveys.answerRequired': '{field} must be answered',
  'surveys.answerNotRelevant': '{field} does not apply given the other answers',
  'surveys.answerUnknownQuestion': '{field} is not a question of this survey',
  'surveys.answerWrongType': '{field} has the wrong kind of value for its question',
  'surveys.answerNotAChoice': '{field}: {value} is not one of the choices',
  'surveys.answerTooSmall': '{field} must be at least {min}',
  'surveys.answerTooLarge': '{field} must be at most {max}',
  'surveys.answerConstraint': '{field} does not meet the condition set for it',
  'surveys.answerRetired': '{field} was retired from this survey',
  'surveys.ruleBadKey':
    '{field}: a key is lower-case Latin letters, digits and underscores, starting with a letter',
  'surveys.ruleDuplicateKey': '{field}: this key is used by another question',
  'surveys.ruleMissingChoices': '{field}: this type of question needs choices',
  'surveys.ruleChoicesNotAllowed': '{field}: this type of question takes no choices',
  'surveys.ruleDuplicateChoice': '{field}: the code {code} is used twice',
  'surveys.ruleBadRange': '{field}: min is above max',
  'surveys.ruleMalformed': '{field} is not a valid rule',
  'surveys.ruleOperatorNotAllowed': '{field}: the operator {operator} is not allowed',
  'surveys.ruleUnknownQuestion': '{field} names {name}, which is not a question of this survey',
  'surveys.ruleLaterQuestion':
    '{field} names {name}, which comes later: a rule looks only at earlier answers',

  // Survey results and exports (issue 12).
  'surveyResults.by':
    '{field} must be one of gender, ageBand, territory, borderStatus, or two different ones joined by a comma',
  'surveyResults.question':
    '{field}: this survey has no question with that key whose answers are counted (choices, yes/no, scale, rank)',

  // Events and findings (issues 12, 13).
  'notFound.networkEvent': 'Event not found',
  'notFound.registration': 'You are not registered for this event',
  'notFound.finding': 'Finding not found',
  'events.someLanguage': '{field} needs a text in at least one language',
  'events.createForbidden':
    'Only facilitators, admins and representatives of network-member organisations organise events',
  'events.onlyOrganiser':
    "Only the organiser's representatives, facilitators and admins may change this event",
  'events.alreadyHeld': 'This event was held already (closed {closedAt})',
  'events.groupForFocusGroups': '{field} goes only with a focus group (mixed when left out)',
  'events.focusGroupUnnamed':
    '{field}: a focus group is counted without names; record its participants as counts by gender and age band (tallies), not as sheet lines',
  'events.focusGroupNoRegistration':
    'A focus group takes no registrations: its participants are counted without names (tallies)',
  'events.userOrName': '{field}: give userId or name, one of the two',
  'events.repeatedRow': '{field} repeats {value} within this request',
  'findings.onlyStaff': 'Only facilitators and admins record findings and raise them as issues',
  'findings.alreadyRaised': 'This finding has raised an issue already ({issueId})',
  'findings.noEvidence': '{field} needs a surveyId or eventIds',
  'findings.unknownEvent': '{field} contains an event that does not exist',
  'findings.surveyOnlyWith': '{field} goes only with evidence.surveyId',
  'findings.surveyUnavailable': '{field}: the results of this survey cannot be read',

  // Escalations by representatives (issue 13).
  'escalations.onlyStaffOrRepresentatives':
    'Only facilitators, admins and the representatives of the organisation that raised this issue record its escalations and their answers',
  'escalations.representativeFrom':
    'The organisation that raised an issue records an escalation while the issue is being discussed or prioritised; this one is {status}',

  // Priority ballots (issue 13).
  'notFound.ballot': 'Ballot not found',
  'ballots.onlyStaff': 'Only facilitators and admins open, close and decide ballots',
  'ballots.pointsForDot': '{field} goes with the dot method only, and the dot method needs it',
  'ballots.maxChoicesNotForDot': '{field} does not apply to the dot method',
  'ballots.maxChoicesAboveIssues': '{field} is more than the {count} issues on the ballot',
  'ballots.closesInPast': '{field} must be in the future',
  'ballots.issueNotChoosable':
    '{field}: the issue is {status}; a ballot chooses among raised and discussing issues',
  'ballots.noVoters':
    'No organisation could vote: none is a network member (authorities do not vote)',
  'ballots.pointsMap': '{field} must map issue ids to whole numbers from 0',
  'ballots.onlyRepresentative': 'Only a representative of this organisation votes for it',
  'ballots.authorityDoesNotVote':
    'Authorities (state administrations and government bodies) do not vote on the network priorities',
  'ballots.notOnRoll':
    'This organisation was not a network member when the ballot opened ({openedAt}), so it has no voice on it',
  'ballots.closed': 'The ballot closed at {closedAt}',
  'ballots.notClosed': 'The results are shown once the ballot closes ({closesAt})',
  'ballots.voteShape':
    '{field} does not go with a {method} ballot: approval and ranked ballots take choices, dot ballots take points',
  'ballots.notOnBallot': '{field} is not an issue of this ballot',
  'ballots.tooManyChoices': '{field}: at most {max} issues',
  'ballots.overBudget': '{field}: {sum} points, more than the budget of {budget}',
  'ballots.noPoints': '{field}: give at least one point',
  'ballots.noteRequired':
    '{field}: a paper ballot entered by a facilitator needs a note saying where the paper is',
  'ballots.noteForPaper': '{field} is only for paper ballots entered by facilitators',
  'ballots.outcomeBeforeClose': 'The outcome is recorded after the ballot closes ({closesAt})',
  'ballots.outcomeOnce': 'The outcome of this ballot was recorded already ({decidedAt})',
  'ballots.cannotPrioritise':
    'The issue “{issue}” cannot move to prioritised from {status}; nothing was applied',

  // Strategies (issue 13).
  'notFound.strategy': 'Strategy not found',
  'notFound.strategyObjective': 'Objective not found',
  'notFound.strategyAction': 'Action not found',
  'strategies.onlyStaff': 'Only facilitators and admins plan strategies, objectives and actions',
  'strategies.onlyOwner':
    "Only the owner organisation's representatives, facilitators and admins update this action",
  'strategies.planOnlyStaff':
    'Only facilitators and admins change the plan of an action (title, owner, target, due date, weight, issues)',
  'strategies.notAuthority':
    '{field} must be an organisation of kind state_administration or government_body',
  'strategies.unknownCommitment': '{field} is not a known event commitment',
  'strategies.commitmentTaken': 'This commitment became an action already ({actionId})',
  'notification.action_overdue.title': 'An action is overdue',
  'notification.action_overdue.summary': '“{action}” was due {due} and is not done',

  // Legal library (issue 13).
  'notFound.legalAct': 'Legal act not found',
  'notFound.provision': 'Provision not found',
  'notFound.issueLink': 'Link not found',
  'legal.onlyStaff': 'Only facilitators and admins add acts and provisions and decide on links',
  'legal.eIdPattern': '{field} must be an id like art_12__para_3 (lower-case parts joined by __)',
  'legal.eIdTaken': 'This act already has a provision {eId}',
  'legal.eIdRepeated': '{field}: {eId} appears twice in the file',
  'legal.unknownParent': '{field} names no provision of this act',
  'legal.parentNotBefore': '{field} must name a provision earlier in the file',
  'legal.actExists': 'This act is in the library already ({id})',
  'legal.linkExists': 'This provision is already linked to the issue in this way',
  'legal.linkAlreadyConfirmed': 'This link is confirmed already',
  'legal.linkAlreadyRejected': 'This link is rejected already',

  // Campaigns (issue 13).
  'notFound.campaign': 'Campaign not found',
  'notFound.publication': 'Publication not found',
  'campaigns.createForbidden':
    'Only facilitators, admins and representatives of network-member organisations run campaigns',
  'campaigns.onlyOwners':
    "Only the campaign's creator, its organisation's representatives, facilitators and admins add publications",
  'campaigns.onlyStaffApprove': 'Only facilitators and admins approve publications',
  'campaigns.notYourOrganisation': 'You may log reach only for an organisation you belong to',
  'campaigns.endsAfterStarts': '{field} must come after startsAt',
  'campaigns.unknownStrategy': '{field}: no such strategy',
  'campaigns.unknownProvision': '{field}: no such provision in the legal library',
  'campaigns.publicationNotInCampaign': '{field}: this campaign has no such publication',
  'campaigns.publicationNotApproved': '{field}: this publication is not approved yet',
  'campaigns.dateOutsidePeriod': '{field} must be within the campaign, from {first} to {last}',
  'campaigns.nobodyReached':
    '{field}: at least one person must have been reached (women, men or undisclosed)',
  'campaigns.clientRowIdTaken': 'Another reach line is stored under the id {id}',

  // District reports (issue 13).
  'notFound.report': 'Report not found',
  'reports.notDistrict': '{field} must be a district (a territory of level district)',
  'reports.periodEmpty': '{field} must be after {other}',
  'reports.notReady': 'The report is not ready yet (status {status}); try again when it is ready',
} as const;

export type MessageKey = keyof typeof en;
