import type { MessageKey } from './messages.en.js';

/** Кыргызча. Тармактын сөздөрү: маселе, уюм, талкуу бөлмөсү, айыл өкмөтү, кеңеш; сиз менен. */
export const ky: Record<MessageKey, string> = {
  'title.unauthorized': 'Кирүү талап кылынат',
  'title.forbidden': 'Уруксат жок',
  'title.not_found': 'Табылган жок',
  'title.validation_failed': 'Маалымат туура эмес',
  'title.conflict': 'Дал келбестик',
  'title.rate_limited': 'Сурамдар өтө көп',
  'title.payload_too_large': 'Сурам өтө чоң',
  'title.room_locked': 'Бөлмө жабык',
  'title.muted': 'Жазуу чектелген',
  'title.banned': 'Бөгөттөлгөн',
  'title.unavailable': 'Кызмат убактылуу иштебейт',
  'title.internal': 'Сервердин ички катасы',

  'notFound.resource': 'Мындай ресурс жок',
  'notFound.ban': 'Бөгөт табылган жок',
  'notFound.comment': 'Пикир табылган жок',
  'notFound.endorsement': 'Колдоо табылган жок',
  'notFound.escalation': 'Кайрылуу табылган жок',
  'notFound.flag': 'Даттануу табылган жок',
  'notFound.invitation': 'Чакыруу табылган жок',
  'notFound.issue': 'Маселе табылган жок',
  'notFound.member': 'Мүчө табылган жок',
  'notFound.membership': 'Мүчөлүк табылган жок',
  'notFound.message': 'Билдирүү табылган жок',
  'notFound.organisation': 'Уюм табылган жок',
  'notFound.room': 'Талкуу бөлмөсү табылган жок',
  'notFound.territory': 'Аймак табылган жок',
  'notFound.user': 'Колдонуучу табылган жок',
  'notFound.event': 'Белгисиз окуя: {event}',

  'validation.invalid': 'Сурам туура эмес толтурулган',
  'validation.payloadInvalid': 'Жөнөтүлгөн маалымат туура эмес',
  'forbidden.default': 'Сизге бул аракетке уруксат жок',
  'rateLimit.tooManyNow': 'Сурамдар өтө көп; бир аздан кийин кайра аракет кылыңыз',
  'conflict.default': 'Сурам учурдагы абалга туура келбейт',
  'unauthorized.default': 'Системага кириңиз',
  'internal.default': 'Биз тарапта ката кетти',
  'unavailable.default': 'Кызмат убактылуу иштебей турат; бир аздан кийин кайра аракет кылыңыз',
  'unavailable.rateLimitStore': 'Чектөөлөрдүн сактагычы (Redis) жооп бербей жатат',
  'unavailable.shuttingDown': 'Даяр эмес: сервер токтотулууда',
  'unavailable.notReady': 'Даяр эмес: {what}',
  'db.exists': 'Мындай жазуу мурунтан эле бар',
  'db.referenced': 'Шилтеме кылынган жазуу жок же дагы эле колдонулууда',
  'db.outOfRange': 'Маани уруксат берилген чектен чыгып кетти',
  'db.wrongFormat': 'Маанинин форматы туура эмес',
  'db.tooLong': 'Маани өтө узун',
  'db.concurrentChange': 'Ошол эле учурда башка өзгөртүү киргизилди; кайра аракет кылыңыз',
  'body.tooLarge': 'Сурамдын денеси өтө чоң',
  'body.notJson': 'Сурамдын денеси туура JSON эмес',
  'body.mustBeJson': 'Сурамдын денеси JSON болушу керек (Content-Type: application/json)',
  'client.headersTooLarge':
    'Сурамдын биринчи сабы же баш саптары өтө чоң (узун параметрлер сабы да эсепке кирет)',
  'client.chunkExtensionsTooLarge': 'Сурамдын бөлүктөрүнүн кеңейтүүлөрү өтө чоң',
  'client.timeout': 'Сурам өз убагында келген жок',
  'client.malformed': 'Сурам бузулган',

  'auth.wrongCredentials': 'Электрондук почта же сырсөз туура эмес',
  'auth.accountGone': 'Бул аккаунт эми жок',
  'auth.refreshInvalid': 'Жаңыртуу токени жараксыз',
  'auth.loginEnded': 'Бул кирүү сеансы аяктады; кайра кириңиз',
  'auth.refreshReused':
    'Жаңыртуу токени мурда колдонулган; бул сеанстын бардык токендери жокко чыгарылды',
  'auth.accessInvalid': 'Кирүү токени жараксыз',
  'auth.accessExpired': 'Кирүү токенинин мөөнөтү бүттү; жаңы токен менен кайра туташыңыз',
  'auth.accessRequired': 'Кирүү токени талап кылынат',
  'auth.validAccessRequired': 'Жарактуу кирүү токени талап кылынат',
  'auth.emailTaken': 'Бул электрондук почта менен катталган аккаунт мурунтан эле бар',
  'auth.tooManyFailures':
    'Ийгиликсиз кирүү аракеттери өтө көп; {seconds} секунддан кийин кайра аракет кылыңыз',
  'auth.accountSlowed':
    'Бул аккаунтка ийгиликсиз кирүү аракеттери көп болуп жатат; {seconds} секунддан кийин кайра аракет кылыңыз',
  'rateLimit.tooMany': 'Сурамдар өтө көп; {seconds} секунддан кийин кайра аракет кылыңыз',
  'role.required': 'Бул үчүн тармактагы төмөнкү ролдордун бири керек: {roles}',

  'idempotency.mismatch':
    'Бул Idempotency-Key башка сурам үчүн колдонулган; жаңы сурамга жаңы ачкыч колдонуңуз',
  'idempotency.inProgress':
    'Бул Idempotency-Key менен жөнөтүлгөн сурам дагы эле иштетилүүдө; бир аздан кийин кайталаңыз',
  'idempotency.badHeader': '{header} баш сабы UUID болушу керек',

  'users.onlyAdminsChangeRoles': 'Тармактагы ролдорду администраторлор гана өзгөртөт',
  'users.lastAdmin': 'Тармакта жок дегенде бир администратор калышы керек',

  'organisations.alreadyMember': 'Бул колдонуучу уюмдун мүчөсү болуп турат',
  'organisations.invitationPending': 'Бул колдонуучуга жиберилген чакыруу жоопту күтүп турат',
  'organisations.invitationAlready': 'Чакыруунун абалы мурунтан эле: {status}',
  'organisations.applicationPending': 'Арыз чечимди күтүп турат',
  'organisations.alreadyInNetwork': 'Уюм тармактын мүчөсү болуп турат',
  'organisations.onlyStaffDecide':
    'Арыздар боюнча фасилитаторлор жана администраторлор гана чечим чыгарат',
  'organisations.noPendingApplication': 'Чечим күтүп турган арыз жок',
  'organisations.onlyRepresentatives': 'Муну уюмдун өкүлдөрү жана администраторлор гана жасай алат',
  'organisations.lastRepresentative': 'Уюмда жок дегенде бир өкүл калышы керек',

  'issues.onlyAuthorOrStaffEdit':
    'Маселени автору, фасилитаторлор жана администраторлор гана оңдой алат',
  'issues.mergedCannotEdit': 'Бириктирилген маселени оңдоого болбойт; ал кошулган маселени оңдоңуз',
  'issues.onlyMembersRaise': 'Маселени автору мүчө болгон уюмдун атынан гана көтөрүүгө болот',
  'issues.movesAllowed': '«{from}» абалынан уруксат: {allowed}',
  'issues.noMoveOpen': '«{from}» абалынан сиз үчүн ачык өтүү жок',
  'issues.mergedOnlyByMerge':
    'Маселе бириктирүү аркылуу гана бириктирилген абалга өтөт ({options})',
  'issues.escalatedBySending':
    'Маселе жогорку органга кайрылуу жөнөтүү менен өтөт: POST /issues/:id/escalations ({options})',
  'issues.answeredByRecording':
    'Маселе кайрылууга келген жоопту каттоо менен жооп алынган абалга өтөт: PATCH /escalations/:id ({options})',
  'issues.cannotMove': '«{from}» абалынан «{to}» абалына өтүүгө болбойт ({options})',
  'issues.endorseMergedTarget': 'Анын ордуна бул маселе кошулган маселени колдоңуз',
  'issues.alreadyEndorsed': '{organisation} бул маселени мурунтан эле колдогон',
  'issues.onlyStaffMerge': 'Маселелерди фасилитаторлор жана администраторлор гана бириктирет',
  'issues.alreadyMerged': 'Бул маселе мурунтан эле бириктирилген',
  'issues.targetMerged': 'Максаттуу маселе өзү бириктирилген; ал көрсөткөн маселеге бириктириңиз',
  'issues.onlyMembersSign': 'Уюмдун атынан анын мүчөлөрү гана кол коё алат',

  'comments.issueMerged':
    'Бул маселе {issueId} маселесине бириктирилген; пикириңизди ошол жерге жазыңыз',
  'comments.onlyAuthorEdits': 'Пикирди анын автору гана оңдой алат',
  'comments.deletedCannotEdit': 'Өчүрүлгөн пикирди оңдоого болбойт',
  'comments.hiddenCannotEdit': 'Жашырылган пикирди оңдоого болбойт; фасилитаторго кайрылыңыз',
  'comments.historyForbidden':
    'Оңдоолордун тарыхын автору, фасилитаторлор жана администраторлор гана көрө алат',
  'comments.onlyAuthorDeletes': 'Пикирди анын автору гана өчүрө алат',
  'comments.onlyStaffHide': 'Пикирлерди фасилитаторлор жана администраторлор гана жашыра алат',
  'comments.alreadyHidden': 'Бул пикир мурунтан эле жашырылган',
  'comments.deletedNothingToHide': 'Бул пикирди автору өчүрүп салган; жашыра турган эч нерсе жок',
  'comments.onlyStaffUnhide':
    'Жашырылган пикирлерди фасилитаторлор жана администраторлор гана кайра көрсөтө алат',
  'comments.notHidden': 'Бул пикир жашырылган эмес',

  'escalations.alreadyAnswered':
    'Бул кайрылууга келген жооп мурунтан эле катталган (respondedAt {respondedAt})',
  'escalations.transitionNote': 'Жөнөтүлдү: {authority}',
  'escalations.transitionNoteWithReference': 'Жөнөтүлдү: {authority} (чыгыш № {reference})',
  'escalations.onlyStaff':
    'Кайрылууларды жана аларга келген жоопторду фасилитаторлор жана администраторлор гана каттайт',

  'rooms.onlyRepresentativesOpen':
    'Уюмдун талкуу бөлмөлөрүн анын өкүлдөрү, фасилитаторлор жана администраторлор гана ачат',
  'rooms.onlyStaffOpenNetwork':
    'Тармактын талкуу бөлмөлөрүн фасилитаторлор жана администраторлор гана ачат',
  'rooms.muted': 'Бул бөлмөдө сизге жазууга убактылуу тыюу салынган (мөөнөтү бүтөт: {until})',
  'rooms.locked': 'Бөлмөнү модератор жаап койгон',
  'rooms.tooFast': 'Сиз өтө тез жазып жатасыз; бир аз күтө туруңуз',
  'rooms.slowMode': 'Жай режим: дагы {seconds} секунд күтө туруңуз',
  'rooms.onlyPrivateInvite':
    '{kind} бөлмөсүнүн мүчөлөрү тармактан жана анын уюмдарынан аныкталат; чакырууларды жеке бөлмөлөр гана кабыл алат',
  'rooms.banned': 'Сиз бул бөлмөдөн бөгөттөлгөнсүз',
  'moderation.alreadyBanned': 'Бул мүчө бөлмөдөн мурунтан эле бөгөттөлгөн',
  'moderation.alreadyHidden': 'Билдирүү мурунтан эле жашырылган',
  'moderation.alreadyFlagged': 'Сиз бул билдирүүгө мурунтан эле даттангансыз',
  'moderation.onlyStaffFlags': 'Даттануулар менен фасилитаторлор жана администраторлор гана иштейт',
  'moderation.flagAlready': 'Даттануунун абалы мурунтан эле: {status}',
  'moderation.onlyModerators': 'Муну бул бөлмөнүн модераторлору гана жасай алат',
  'moderation.moderatorsImmune':
    'Бөлмөнүн модераторлорун анда жазуудан чектөөгө же бөгөттөөгө болбойт',

  'field.required': '«{field}» талаасы милдеттүү',
  'field.notNull': '«{field}» талаасы null болбошу керек',
  'field.notAllowed': 'Мындай талаа кабыл алынбайт: «{field}»',
  'field.invalid': '«{field}» талаасы туура эмес толтурулган',
  'field.mustBeString': '«{field}» талаасы текст болушу керек',
  'field.mustBeInt': '«{field}» талаасы бүтүн сан болушу керек',
  'field.mustBeNumber': '«{field}» талаасы сан болушу керек',
  'field.mustBeBoolean': '«{field}» талаасы true же false болушу керек',
  'field.mustBeArray': '«{field}» талаасы тизме болушу керек',
  'field.mustBeObject': '«{field}» талаасы объект болушу керек',
  'field.mustBeUuid': '«{field}» талаасы UUID болушу керек',
  'field.mustBeEmail': '«{field}» талаасы электрондук почтанын дареги болушу керек',
  'field.mustBeUrl': '«{field}» талаасы URL дарек болушу керек',
  'field.mustBeDate': '«{field}» талаасы ISO 8601 форматындагы дата болушу керек',
  'field.mustBeOneOf': '«{field}» талаасы төмөнкүлөрдүн бири болушу керек: {values}',
  'field.minLength': '«{field}» талаасындагы белгилердин эң аз саны: {min}',
  'field.maxLength': '«{field}» талаасындагы белгилердин эң көп саны: {max}',
  'field.min': '«{field}» талаасынын эң аз мааниси: {min}',
  'field.max': '«{field}» талаасынын эң чоң мааниси: {max}',
  'field.arrayMinSize': '«{field}» тизмесиндеги элементтердин эң аз саны: {min}',
  'field.arrayMaxSize': '«{field}» тизмесиндеги элементтердин эң көп саны: {max}',
  'field.arrayNotEmpty': '«{field}» тизмеси бош болбошу керек',
  'field.arrayUnique': '«{field}» тизмесиндеги элементтер кайталанбашы керек',
  'field.pattern': '«{field}» талаасынын форматы туура эмес',
  'field.phoneE164': '«{field}» талаасы E.164 форматында болушу керек, мисалы +996555123456',
  'field.auditAction': '«{field}» талаасы room.mute сыяктуу жазылат',
  'field.allMustBeTrue': '«{field}» талаасы true болушу керек (же ids бериңиз)',
  'field.dateTime':
    '«{field}» талаасы убакыт алкагы көрсөтүлгөн ISO 8601 дата-убакыт болушу керек, мисалы 2025-03-01T09:30:00Z',
  'field.notRealDate': '«{field}» талаасындагы дата календарда жок',
  'field.notBlank': '«{field}» талаасы бош болбошу керек',
  'field.joinRoomFirst': 'Адегенде бөлмөгө кошулуңуз',
  'field.unknownTerritory': '«{field}»: мындай аймак жок',
  'field.unknownIssue': '«{field}»: мындай маселе жок',
  'field.unknownOrganisation': '«{field}»: мындай уюм жок',
  'field.unknownUserIn': '«{field}» тизмесинде белгисиз колдонуучу бар',
  'field.unknownTerritoryIn': '«{field}» тизмесинде жок аймак бар',
  'field.requiredForKind': '{kind} бөлмөсү үчүн «{field}» талаасы милдеттүү',
  'field.onlyWithKind': '«{field}» талаасы {kind} түрүндөгү бөлмө үчүн гана берилет',
  'field.onlyWithKindPlural': '«{field}» талаасы {kind} түрүндөгү бөлмө үчүн гана берилет',
  'field.notBoth': '«{field}» же «{other}» бериңиз, экөөнү тең эмес',
  'field.notMessageOfRoom': '«{field}»: бул бөлмөдө мындай билдирүү жок',
  'field.beyondLastMessage': '«{field}» акыркы билдирүүнүн номеринен чоң',
  'field.cannotSanctionSelf': 'Өзүңүзгө чектөө коё албайсыз',
  'field.cursorForeign': '«{field}» бул API берген курсор эмес',
  'field.cursorOtherSort': '«{field}» бул API {sort} иреттөөсү үчүн берген курсор эмес',
  'field.noteRequired': '«{to}» абалына өтүү үчүн эскертүү жазуу керек',
  'field.mergeIntoItself': 'Маселени өзүнө бириктирүүгө болбойт',
  'field.notCommentOfIssue': '«{field}»: бул маселеде мындай пикир жок',
  'field.replyOneLevel':
    'Жооптор бир гана деңгээлде болот: «{field}» өзү жооп; анын ордуна {parentId} пикирине жооп бериңиз',
  'field.requiredWith':
    '«{other}» менен бирге «{field}» талаасы да милдеттүү: жоопто экөө тең болот',
  'field.notInFuture': '«{field}» келечектеги убакыт болбошу керек',
  'field.notBefore': '«{field}» «{other}» убактысынан ({bound}) мурун болбошу керек',
  'field.authorityKind':
    '«{field}» төмөнкү түрлөрдүн бириндеги уюм болушу керек: {kinds} ({organisation} — {kind})',
  'field.idempotencyKey': '«{field}» UUID болушу керек',

  'input.nul': '«{field}» NUL белгисин (U+0000) камтыбашы керек',
  'input.surrogate': '«{field}» жупсуз суррогатты камтыбашы керек (UTF-16 туура эмес)',
  'input.keyNul': 'Талаанын аты «{field}» NUL белгисин (U+0000) камтыбашы керек',
  'input.keySurrogate':
    'Талаанын аты «{field}» жупсуз суррогатты камтыбашы керек (UTF-16 туура эмес)',
  'input.tooManyValues': '«{field}» ичиндеги маанилердин саны чектен ашты (эң көп: {max})',
  'input.tooLong': '«{field}» өтө узун (белгилердин эң көп саны: {max})',
  'input.notFinite': '«{field}» чектүү сан болушу керек',
  'input.tooDeep': '«{field}» өтө терең салынган (деңгээлдердин эң көп саны: {max})',
  'input.tooManyItems': '«{field}» тизмесинде элементтер өтө көп (эң көп: {max})',
  'input.tooManyFields': '«{field}» ичинде талаалар өтө көп (эң көп: {max})',
  'input.reservedName': '«{field}» — корголгон ат, аны талаа катары колдонууга болбойт',
  'input.pathEncoding': '«{field}» ичиндеги пайыздык коддоо туура эмес',
  'input.payloadObject': '«{field}» объект болушу керек',

  // Added at the issue 9 merge: accounts, rooms, search terms.
  'auth.resetCodeStaffOnly':
    'Калыбына келтирүү кодун фасилитаторлор жана администраторлор гана берет',
  'auth.resetCodeNotSelf': 'Өз сырсөзүңүздү POST /me/password аркылуу өзгөртүңүз',
  'auth.resetCodeAdminOnly':
    'Фасилитатор же администратор үчүн калыбына келтирүү кодун администратор гана бере алат',
  'auth.resetCodeWrong': 'Код туура эмес, мөөнөтү бүткөн же мурун колдонулган; жаңы код сураңыз',
  'field.resetCodeWrong':
    '«{field}»: код туура эмес, мөөнөтү бүткөн же мурун колдонулган; жаңы код сураңыз',
  'field.currentPasswordWrong': '«{field}»: бул сиздин азыркы сырсөзүңүз эмес',
  'field.newPasswordSame': '«{field}» азыркы сырсөздөн башка болушу керек',
  'rooms.issueRoomExists':
    'Бул маселенин талкуу бөлмөсү мурунтан бар ({roomId}); жаңысын ачпай, ошол бөлмөгө кошулуңуз',
  'field.oneOfCursorSeq': '«{field}»: cursor, afterSeq же beforeSeq ичинен бирөөнү гана бериңиз',
  'notFound.searchConcept': 'Издөө түшүнүгү табылган жок',
  'search.conceptNameTaken': '«{name}» деген издөө түшүнүгү мурунтан бар',
  'search.termTaken': 'Бир сөз бир гана түшүнүккө таандык боло алат: {terms}',
  'field.termRepeated':
    '«{field}»: «{term}» эки жолу жазылган (издөө бул жазылыштарды айырмалабайт)',
  'field.termNeedsLetter': '«{field}»: ар бир сөздө жок дегенде бир тамга же сан болушу керек',
  'field.conceptTwoTerms': '«{field}»: түшүнүк жок дегенде эки сөздү байланыштырышы керек',

  'field.termWords':
    '«{field}»: ар бир сөз тамгалардан жана сандардан турган бир же бир нече сөз болушу керек',
  'field.resetCodeFormat': '«{field}» тамгалардан жана сандардан турат, мисалы K7QM-4TZP',

  'status.raised': 'көтөрүлгөн',
  'status.discussing': 'талкууланууда',
  'status.prioritised': 'артыкчылыктуу',
  'status.escalated': 'бийликке жөнөтүлгөн',
  'status.answered': 'жооп алынган',
  'status.resolved': 'чечилген',
  'status.closed': 'жабылган',
  'status.merged': 'бириктирилген',

  // Маселелердин, пикирлердин, жооптордун жана билдирүүлөрдүн файлдары, аларды модерациялоо.
  'attachments.bodyOrFiles': '«{field}» талаасы бош болбошу керек, эгер файл тиркелбесе',
  'attachments.onlyWithAnswer':
    '«{field}» талаасы жооп менен бирге жөнөтүлөт: ошол эле сурамда responseText жана respondedAt да көрсөтүңүз',
  'attachments.flagActionNeedsRoom':
    '«{field}» талаасы: бул файл талкуу бөлмөсүндө эмес, ал жерде эч кимдин үнүн өчүрүүгө же бөгөттөөгө болбойт; файлды жашырыңыз же даттанууну четке кагыңыз',
  'attachments.onlyModeratorsHide':
    'Файлды фасилитаторлор, администраторлор жана анын бөлмөсүнүн модераторлору гана жашыра алат',
  'attachments.alreadyHidden': 'Файл мурунтан эле жашырылган',
  'attachments.alreadyFlagged': 'Сиз бул файлга мурунтан эле даттангансыз',

  'notification.comment.title': 'Жаңы пикир',
  'notification.comment.summary': '{actor} «{issue}» маселесине пикир жазды',
  'notification.mention.title': 'Сизди эскеришти',
  'notification.mention.summary': '{actor} «{issue}» маселесинде сизди эскерди',
  'notification.status_changed.title': 'Маселенин абалы өзгөрдү',
  'notification.status_changed.summary': '«{issue}» маселеси «{from}» абалынан «{to}» абалына өттү',
  'notification.endorsement.title': 'Жаңы колдоо',
  'notification.endorsement.summary': '{organisation} «{issue}» маселесин колдоду',
  'notification.escalation_answered.title': 'Кайрылууга жооп келди',
  'notification.escalation_answered.summary':
    '{authority} «{issue}» маселеси боюнча кайрылууга жооп берди',
  'notification.merged.title': 'Маселелер бириктирилди',
  'notification.merged.summary': '«{merged}» маселеси «{issue}» маселесине бириктирилди',
  'notification.someone': 'Бирөө',

  // Attachments: uploads, files, signed links (docs/attachments.md).
  'attachments.notFound': 'Файл табылган жок',
  'attachments.uploadNotFound': 'Жүктөө табылган жок',
  'attachments.notClaimable':
    '{field}: ар бир файл сиз жүктөгөн жана башка жерге тиркелбеген болушу керек',
  'attachments.tooMany': '{field}: бир жазууга {max} файлдан ашпашы керек',
  'attachments.duplicate': '{field}: бир эле файл эки жолу көрсөтүлгөн',
  'attachments.unsupportedType':
    '{field}: мындай файлды тиркөөгө болбойт; сүрөт (JPEG, PNG, WebP), PDF документ жана үн билдирүү (Opus, AAC) гана болот',
  'attachments.videoRefused': '{field}: видео тиркөөгө болбойт, үн билдирүү гана',
  'attachments.unreadable': '{field}: файлды {type} катары окуу мүмкүн болбоду',
  'attachments.tooManyPixels': '{field}: сүрөт өтө чоң, {max} мегапикселден ашпашы керек',
  'attachments.uploadUnfinished': '{field}: жүктөө али бүтө элек',
  'attachments.fileTooLarge': 'Файл өтө чоң: мындай файл {max} ашпашы керек',
  'attachments.uploadTooLarge': '{max} ашкан файлды жүктөөгө болбойт',
  'attachments.quotaUser':
    'Сиздин файлдар {quota} ичинен {used} ээлеп турат; дагы {size} батпайт. Керексиз файлдарды өчүрүңүз же фасилитаторго кайрылыңыз',
  'attachments.quotaOrganisation':
    '{organisation} уюмунун файлдары {quota} ичинен {used} ээлеп турат; дагы {size} батпайт',
  'attachments.linkInvalid': 'Файлдын шилтемеси жараксыз же мөөнөтү өттү; жазууну кайра ачыңыз',
  'attachments.uploadOffset': 'Жүктөө башка абалда: аны сурап (HEAD), ошол жерден улантыңыз',
  'attachments.uploadInvalid': 'Жүктөө сурамы туура эмес: {reason}',
  'attachments.rangeInvalid': 'Суралган бөлүк файлда жок',
  // Surveys and submissions (issue 12).
  'notFound.survey': 'Сурамжылоо табылган жок',
  'notFound.submission': 'Жооп табылган жок',
  'notFound.surveyLink': 'Сурамжылоонун шилтемеси табылган жок',
  'surveys.onlyStaff': 'Сурамжылоолорду фасилитаторлор жана администраторлор гана башкарат',
  'surveys.enumeratorsOnly':
    'Кагаз жана жүзмө-жүз анкеталарды уюмдун мүчөлөрү, фасилитаторлор жана администраторлор гана киргизет',
  'surveys.textNeedsLanguage': '{field} жок дегенде бир тилде жазылышы керек',
  'surveys.state.draft': 'долбоор',
  'surveys.state.open': 'ачык',
  'surveys.state.closed': 'жабык',
  'surveys.state.archived': 'архивде',
  'surveys.badTransition': 'Сурамжылоо «{from}» абалынан «{to}» абалына өтө албайт',
  'surveys.editOnlyDraft':
    'Сурамжылоо долбоор абалында гана түзөтүлөт, ал эми анын абалы «{status}»: суроолору жаңы версия аркылуу, ачылышы жана жабылышы абалдын өтүүсү аркылуу өзгөрөт',
  'surveys.archived': 'Сурамжылоо архивде: андагы эч нерсе өзгөрбөйт',
  'surveys.versionIncompatible':
    'Жаңы версия суроонун түрүн өзгөртө же жооп варианттарынын коддорун алып сала албайт: {keys}',
  'surveys.notOpen': 'Сурамжылоо азыр жооп кабыл албайт: анын абалы «{status}»',
  'surveys.notYetOpen': 'Сурамжылоо {opensAt} ачылат',
  'surveys.closedAt': 'Сурамжылоо {closesAt} жабылган',
  'surveys.unknownVersion': '{field}: сурамжылоонун {version} версиясы жок',
  'surveys.submissionIdTaken': '{id} жообу башка мазмун менен сакталган',
  'surveys.alreadyAnswered': 'Сиз бул сурамжылоого жооп бергенсиз',
  'surveys.linkExpired': 'Бул сурамжылоонун шилтемесинин мөөнөтү бүттү',
  'surveys.linkFull': 'Бул шилтеме аркылуу бардык {max} жооп алынды',
  'surveys.territoryOutside': '{field} сурамжылоонун аймактарына кирбейт',
  'surveys.reviseWhenOpenOrClosed': 'Жооптор сурамжылоо ачык же жабык турганда гана оңдолот',
  'surveys.expiresInPast': '{field} келечекте болушу керек',
  'surveys.closesBeforeOpens': '{field} opensAt убактысынан кийин болушу керек',
  'surveys.answerRequired': '{field} суроосуна жооп берилиши керек',
  'surveys.answerNotRelevant': 'Башка жоопторго караганда {field} суроосу бул жерде берилбейт',
  'surveys.answerUnknownQuestion': '{field} бул сурамжылоонун суроосу эмес',
  'surveys.answerWrongType': '{field}: маани суроонун түрүнө туура келбейт',
  'surveys.answerNotAChoice': '{field}: {value} жооп варианттарынын ичинде жок',
  'surveys.answerTooSmall': '{field} жок дегенде {min} болушу керек',
  'surveys.answerTooLarge': '{field} эң көп дегенде {max} болушу керек',
  'surveys.answerConstraint': '{field} ага коюлган шартка туура келбейт',
  'surveys.answerRetired': '{field} суроосу бул сурамжылоодон алынып салынган',
  'surveys.ruleBadKey':
    '{field}: ачкыч кичине латын тамгаларынан, сандардан жана астынкы сызыктан турат жана тамга менен башталат',
  'surveys.ruleDuplicateKey': '{field}: бул ачкыч башка суроодо колдонулган',
  'surveys.ruleMissingChoices': '{field}: мындай суроого жооп варианттары керек',
  'surveys.ruleChoicesNotAllowed': '{field}: мындай суроонун жооп варианттары болбойт',
  'surveys.ruleDuplicateChoice': '{field}: {code} коду эки жолу колдонулган',
  'surveys.ruleBadRange': '{field}: min мааниси max маанисинен чоң',
  'surveys.ruleMalformed': '{field} туура эреже эмес',
  'surveys.ruleOperatorNotAllowed': '{field}: {operator} операторуна уруксат жок',
  'surveys.ruleUnknownQuestion':
    '{field} {name} деп атайт, бирок мындай суроо бул сурамжылоодо жок',
  'surveys.ruleLaterQuestion':
    '{field} {name} деп атайт, ал кийинчерээк келет: эреже мурунку жоопторду гана карайт',

  // Survey results and exports (issue 12).
  'surveyResults.by':
    '{field} төмөнкүлөрдүн бири болушу керек: gender, ageBand, territory, borderStatus, же үтүр менен бөлүнгөн эки башкасы',
  'surveyResults.question':
    '{field}: бул сурамжылоодо мындай ачкыч менен жооптору саналуучу суроо жок (тандоолор, ооба/жок, шкала, ранг)',

  // Events and findings (issues 12, 13).
  'notFound.networkEvent': 'Иш-чара табылган жок',
  'notFound.registration': 'Сиз бул иш-чарага катталган эмессиз',
  'notFound.finding': 'Жыйынтык табылган жок',
  'events.someLanguage': '«{field}» талаасына жок дегенде бир тилде текст керек',
  'events.createForbidden':
    'Иш-чараларды фасилитаторлор, администраторлор жана тармакка мүчө уюмдардын өкүлдөрү гана уюштурат',
  'events.onlyOrganiser':
    'Бул иш-чараны уюштуруучу уюмдун өкүлдөрү, фасилитаторлор жана администраторлор гана өзгөртө алат',
  'events.alreadyHeld': 'Бул иш-чара өтүп кеткен ({closedAt} жабылган)',
  'events.groupForFocusGroups':
    '«{field}» талаасы фокус-топко гана берилет (көрсөтүлбөсө, аралаш топ)',
  'events.focusGroupUnnamed':
    '«{field}»: фокус-топтун катышуучулары аты-жөнүсүз эсептелет — аларды каттоо баракчасынын саптары катары эмес, жынысы жана жаш курагы боюнча сан менен киргизиңиз',
  'events.focusGroupNoRegistration':
    'Фокус-топко катталышпайт: анын катышуучулары аты-жөнүсүз эсептелет (жынысы жана жаш курагы боюнча сан)',
  'events.userOrName': '«{field}»: userId же атын көрсөтүңүз, экөөнүн бирин',
  'events.repeatedRow': '«{field}» бул сурамда {value} маанисин кайталайт',
  'findings.onlyStaff':
    'Жыйынтыктарды фасилитаторлор жана администраторлор гана жазат жана маселе катары көтөрөт',
  'findings.alreadyRaised': 'Бул жыйынтык боюнча маселе мурунтан эле көтөрүлгөн ({issueId})',
  'findings.noEvidence': '«{field}» үчүн surveyId же eventIds керек',
  'findings.unknownEvent': '«{field}» ичинде жок иш-чара бар',
  'findings.surveyOnlyWith': '«{field}» талаасы evidence.surveyId менен гана берилет',
  'findings.surveyUnavailable': '«{field}»: бул сурамжылоонун жыйынтыктарын окуу мүмкүн эмес',

  // Escalations by representatives (issue 13).
  'escalations.onlyStaffOrRepresentatives':
    'Бул маселе боюнча кайрылууларды жана жоопторду фасилитаторлор, администраторлор жана маселени көтөргөн уюмдун өкүлдөрү гана каттайт',
  'escalations.representativeFrom':
    'Маселени көтөргөн уюм кайрылууну маселе талкууланып же артыкчылыктуу деп табылганда гана каттайт; бул маселенин абалы: {status}',

  // Priority ballots (issue 13).
  'notFound.ballot': 'Добуш берүү табылган жок',
  'ballots.onlyStaff':
    'Добуш берүүнү фасилитаторлор жана администраторлор гана ачат, жабат жана чечет',
  'ballots.pointsForDot': '{field} чекит ыкмасы менен гана берилет, ал ыкмага милдеттүү',
  'ballots.maxChoicesNotForDot': '{field} чекит ыкмасына колдонулбайт',
  'ballots.maxChoicesAboveIssues': '{field} добуш берүүдөгү {count} маселеден көп',
  'ballots.closesInPast': '{field} келечектеги убакыт болушу керек',
  'ballots.issueNotChoosable':
    '{field}: маселенин абалы — {status}; добуш берүү көтөрүлгөн жана талкууланып жаткан маселелерден тандайт',
  'ballots.noVoters':
    'Эч бир уюм добуш бере албайт: тармактын мүчөсү жок (бийлик органдары добуш бербейт)',
  'ballots.pointsMap': '{field} маселелердин id-лерине 0дөн баштап бүтүн сандарды бериши керек',
  'ballots.onlyRepresentative': 'Бул уюм үчүн анын өкүлү гана добуш берет',
  'ballots.authorityDoesNotVote':
    'Бийлик органдары (мамлекеттик администрациялар жана мамлекеттик органдар) тармактын артыкчылыктарына добуш бербейт',
  'ballots.notOnRoll':
    'Добуш берүү ачылганда ({openedAt}) бул уюм тармактын мүчөсү эмес болчу, ошондуктан анын добушу жок',
  'ballots.closed': 'Добуш берүү {closedAt} жабылган',
  'ballots.notClosed': 'Жыйынтыктар добуш берүү жабылгандан кийин көрсөтүлөт ({closesAt})',
  'ballots.voteShape':
    '{field} {method} добуш берүүгө туура келбейт: макулдук жана рейтинг ыкмалары тандоолорду, чекит ыкмасы упайларды алат',
  'ballots.notOnBallot': '{field} бул добуш берүүнүн маселеси эмес',
  'ballots.tooManyChoices': '{field}: эң көп {max} маселе',
  'ballots.overBudget': '{field}: {sum} упай, {budget} упайлык бюджеттен көп',
  'ballots.noPoints': '{field}: жок дегенде бир упай бериңиз',
  'ballots.noteRequired':
    '{field}: фасилитатор киргизген кагаз бюллетенге кагаз кайда экенин айткан эскертүү керек',
  'ballots.noteForPaper': '{field} фасилитаторлор киргизген кагаз бюллетендер үчүн гана',
  'ballots.outcomeBeforeClose': 'Жыйынтык чечим добуш берүү жабылгандан кийин жазылат ({closesAt})',
  'ballots.outcomeOnce': 'Бул добуш берүүнүн жыйынтык чечими мурун эле жазылган ({decidedAt})',
  'ballots.cannotPrioritise':
    '«{issue}» маселеси {status} абалынан артыкчылыктуу абалга өтө албайт; эч нерсе колдонулган жок',

  // Strategies (issue 13).
  'notFound.strategy': 'Стратегия табылган жок',
  'notFound.strategyObjective': 'Максат табылган жок',
  'notFound.strategyAction': 'Иш-аракет табылган жок',
  'strategies.onlyStaff':
    'Стратегияларды, максаттарды жана иш-аракеттерди фасилитаторлор жана администраторлор гана пландайт',
  'strategies.onlyOwner':
    'Бул иш-аракетти жооптуу уюмдун өкүлдөрү, фасилитаторлор жана администраторлор гана жаңырта алат',
  'strategies.planOnlyStaff':
    'Иш-аракеттин планын (аталышы, жооптуу уюм, бийлик органы, мөөнөтү, салмагы, маселелер) фасилитаторлор жана администраторлор гана өзгөртөт',
  'strategies.notAuthority':
    '«{field}» мамлекеттик администрация же мамлекеттик орган түрүндөгү уюм болушу керек',
  'strategies.unknownCommitment': '«{field}» — мындай иш-чаранын милдеттенмеси жок',
  'strategies.commitmentTaken': 'Бул милдеттенмеден мурунтан эле иш-аракет түзүлгөн ({actionId})',
  'notification.action_overdue.title': 'Иш-аракеттин мөөнөтү өттү',
  'notification.action_overdue.summary': '«{action}» {due} чейин аткарылышы керек эле, бүтө элек',

  // Legal library (issue 13).
  'notFound.legalAct': 'Укуктук акт табылган жок',
  'notFound.provision': 'Норма табылган жок',
  'notFound.issueLink': 'Байланыш табылган жок',
  'legal.onlyStaff':
    'Акттарды жана нормаларды фасилитаторлор менен администраторлор гана кошот, байланыштарды да алар гана ырастайт',
  'legal.eIdPattern':
    '{field} art_12__para_3 сыяктуу идентификатор болушу керек (__ менен бириккен кичине тамгалуу бөлүктөр)',
  'legal.eIdTaken': 'Бул актта {eId} нормасы мурунтан бар',
  'legal.eIdRepeated': '{field}: {eId} файлда эки жолу кездешет',
  'legal.unknownParent': '{field} бул актынын эч бир нормасын көрсөтпөйт',
  'legal.parentNotBefore': '{field} файлда мурдараак турган норманы көрсөтүшү керек',
  'legal.actExists': 'Бул акт китепканада мурунтан бар ({id})',
  'legal.linkExists': 'Бул норма маселе менен ушундай байланыш аркылуу мурунтан байланышкан',
  'legal.linkAlreadyConfirmed': 'Бул байланыш мурунтан ырасталган',
  'legal.linkAlreadyRejected': 'Бул байланыш мурунтан четке кагылган',

  // Campaigns (issue 13).
  'notFound.campaign': 'Кампания табылган жок',
  'notFound.publication': 'Басылма табылган жок',
  'campaigns.createForbidden':
    'Кампанияны фасилитаторлор, администраторлор жана тармак мүчөсү болгон уюмдардын өкүлдөрү гана жүргүзөт',
  'campaigns.onlyOwners':
    'Басылманы кампаниянын түзүүчүсү, анын уюмунун өкүлдөрү, фасилитаторлор жана администраторлор гана кошот',
  'campaigns.onlyStaffApprove': 'Басылмаларды фасилитаторлор жана администраторлор гана бекитет',
  'campaigns.notYourOrganisation': 'Камтууну өзүңүз мүчө болгон уюм үчүн гана киргизе аласыз',
  'campaigns.endsAfterStarts': '«{field}» башталыш убактысынан кийин болушу керек',
  'campaigns.unknownStrategy': '«{field}»: мындай стратегия жок',
  'campaigns.unknownProvision': '«{field}»: укуктук китепканада мындай жобо жок',
  'campaigns.publicationNotInCampaign': '«{field}»: бул кампанияда мындай басылма жок',
  'campaigns.publicationNotApproved': '«{field}»: бул басылма азырынча бекитиле элек',
  'campaigns.dateOutsidePeriod': '«{field}» кампаниянын мөөнөтүндө болушу керек: {first} – {last}',
  'campaigns.nobodyReached':
    '«{field}»: жок дегенде бир адам камтылышы керек (аялдар, эркектер же жынысы көрсөтүлбөгөндөр)',
  'campaigns.clientRowIdTaken': '{id} белгиси менен башка камтуу сабы сакталган',

  // District reports (issue 13).
  'notFound.report': 'Отчет табылган жок',
  'reports.notDistrict': '«{field}» район болушу керек (район деңгээлиндеги аймак)',
  'reports.periodEmpty': '«{field}» «{other}» убактысынан кийин болушу керек',
  'reports.notReady': 'Отчет али даяр эмес (абалы: {status}); даяр болгондо кайра аракет кылыңыз',
};
