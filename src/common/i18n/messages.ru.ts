import type { MessageKey } from './messages.en.js';

/** Русский: айыл окмоту, айылный кенеш, организация, вопрос, комната обсуждения; на «вы». */
export const ru: Record<MessageKey, string> = {
  'title.unauthorized': 'Требуется вход',
  'title.forbidden': 'Доступ запрещён',
  'title.not_found': 'Не найдено',
  'title.validation_failed': 'Ошибка в данных',
  'title.conflict': 'Конфликт',
  'title.rate_limited': 'Слишком много запросов',
  'title.payload_too_large': 'Слишком большой запрос',
  'title.room_locked': 'Комната закрыта',
  'title.muted': 'Запрет на сообщения',
  'title.banned': 'Доступ заблокирован',
  'title.unavailable': 'Сервис временно недоступен',
  'title.internal': 'Внутренняя ошибка сервера',

  'notFound.resource': 'Такого ресурса нет',
  'notFound.ban': 'Блокировка не найдена',
  'notFound.comment': 'Комментарий не найден',
  'notFound.endorsement': 'Поддержка не найдена',
  'notFound.escalation': 'Обращение не найдено',
  'notFound.flag': 'Жалоба не найдена',
  'notFound.invitation': 'Приглашение не найдено',
  'notFound.issue': 'Вопрос не найден',
  'notFound.member': 'Участник не найден',
  'notFound.membership': 'Членство не найдено',
  'notFound.message': 'Сообщение не найдено',
  'notFound.organisation': 'Организация не найдена',
  'notFound.room': 'Комната обсуждения не найдена',
  'notFound.territory': 'Территория не найдена',
  'notFound.user': 'Пользователь не найден',
  'notFound.event': 'Неизвестное событие: {event}',

  'validation.invalid': 'Запрос заполнен неверно',
  'validation.payloadInvalid': 'Переданные данные неверны',
  'forbidden.default': 'У вас нет прав на это действие',
  'rateLimit.tooManyNow': 'Слишком много запросов; повторите чуть позже',
  'conflict.default': 'Запрос противоречит текущему состоянию',
  'unauthorized.default': 'Войдите в систему',
  'internal.default': 'На нашей стороне произошла ошибка',
  'unavailable.default': 'Сервис временно недоступен; повторите попытку чуть позже',
  'unavailable.rateLimitStore': 'Хранилище ограничений (Redis) не отвечает',
  'unavailable.shuttingDown': 'Не готов: сервер останавливается',
  'unavailable.notReady': 'Не готов: {what}',
  'db.exists': 'Такая запись уже существует',
  'db.referenced': 'Связанная запись не существует или ещё используется',
  'db.outOfRange': 'Значение вне допустимого диапазона',
  'db.wrongFormat': 'Неверный формат значения',
  'db.tooLong': 'Значение слишком длинное',
  'db.concurrentChange': 'Одновременно было внесено другое изменение; повторите попытку',
  'body.tooLarge': 'Тело запроса слишком большое',
  'body.notJson': 'Тело запроса — некорректный JSON',
  'body.mustBeJson': 'Тело запроса должно быть в формате JSON (Content-Type: application/json)',
  'client.headersTooLarge':
    'Строка запроса или заголовки слишком велики (длинная строка параметров тоже считается)',
  'client.chunkExtensionsTooLarge': 'Расширения фрагментов запроса слишком велики',
  'client.timeout': 'Запрос не пришёл вовремя',
  'client.malformed': 'Некорректный запрос',

  'auth.wrongCredentials': 'Неверный адрес электронной почты или пароль',
  'auth.accountGone': 'Эта учётная запись больше не существует',
  'auth.refreshInvalid': 'Токен обновления недействителен',
  'auth.loginEnded': 'Этот сеанс завершён; войдите снова',
  'auth.refreshReused': 'Токен обновления уже был использован; все токены этого сеанса отозваны',
  'auth.accessInvalid': 'Токен доступа недействителен',
  'auth.accessExpired': 'Срок действия токена доступа истёк; переподключитесь с новым токеном',
  'auth.accessRequired': 'Требуется токен доступа',
  'auth.validAccessRequired': 'Требуется действительный токен доступа',
  'auth.emailTaken': 'Учётная запись с этим адресом электронной почты уже существует',
  'auth.tooManyFailures': 'Слишком много неудачных попыток входа; повторите через {seconds} с',
  'auth.accountSlowed':
    'На эту учётную запись приходит много неудачных попыток входа; повторите через {seconds} с',
  'rateLimit.tooMany': 'Слишком много запросов; повторите через {seconds} с',
  'role.required': 'Для этого нужна одна из ролей в сети: {roles}',

  'idempotency.mismatch':
    'Этот Idempotency-Key уже использован для другого запроса; для нового запроса используйте новый ключ',
  'idempotency.inProgress':
    'Запрос с этим Idempotency-Key ещё обрабатывается; повторите чуть позже',
  'idempotency.badHeader': 'Заголовок {header} должен быть UUID',

  'users.onlyAdminsChangeRoles': 'Роли в сети меняют только администраторы',
  'users.lastAdmin': 'В сети должен остаться хотя бы один администратор',

  'organisations.alreadyMember': 'Этот пользователь уже состоит в организации',
  'organisations.invitationPending': 'У этого пользователя уже есть ожидающее приглашение',
  'organisations.invitationAlready': 'Приглашение уже в статусе {status}',
  'organisations.applicationPending': 'Заявка уже ожидает решения',
  'organisations.alreadyInNetwork': 'Организация уже входит в сеть',
  'organisations.onlyStaffDecide':
    'Решения по заявкам принимают только фасилитаторы и администраторы',
  'organisations.noPendingApplication': 'Нет заявки, ожидающей решения',
  'organisations.onlyRepresentatives':
    'Это могут делать только представители организации и администраторы',
  'organisations.lastRepresentative': 'У организации должен остаться хотя бы один представитель',

  'issues.onlyAuthorOrStaffEdit':
    'Редактировать вопрос могут только автор, фасилитаторы и администраторы',
  'issues.mergedCannotEdit':
    'Объединённый вопрос нельзя редактировать; редактируйте вопрос, с которым он объединён',
  'issues.onlyMembersRaise':
    'Вопрос можно поднять только от имени организации, в которой состоит автор',
  'issues.movesAllowed': 'из статуса «{from}» можно перейти в: {allowed}',
  'issues.noMoveOpen': 'из статуса «{from}» вам не доступен ни один переход',
  'issues.mergedOnlyByMerge': 'Вопрос становится объединённым только через объединение ({options})',
  'issues.escalatedBySending':
    'Вопрос передаётся выше отправкой обращения: POST /issues/:id/escalations ({options})',
  'issues.answeredByRecording':
    'Вопрос считается отвеченным, когда записан ответ на обращение: PATCH /escalations/:id ({options})',
  'issues.cannotMove': 'Нельзя перейти из статуса «{from}» в «{to}» ({options})',
  'issues.endorseMergedTarget': 'Поддержите вместо этого вопрос, с которым он объединён',
  'issues.alreadyEndorsed': '{organisation}: эта организация уже поддержала вопрос',
  'issues.onlyStaffMerge': 'Объединять вопросы могут только фасилитаторы и администраторы',
  'issues.alreadyMerged': 'Этот вопрос уже объединён',
  'issues.targetMerged':
    'Целевой вопрос сам объединён; объединяйте с вопросом, на который он указывает',
  'issues.onlyMembersSign': 'Подписываться от имени организации могут только её участники',

  'comments.issueMerged': 'Этот вопрос объединён с вопросом {issueId}; комментируйте там',
  'comments.onlyAuthorEdits': 'Редактировать комментарий может только автор',
  'comments.deletedCannotEdit': 'Удалённый комментарий нельзя редактировать',
  'comments.hiddenCannotEdit':
    'Скрытый комментарий нельзя редактировать; обратитесь к фасилитатору',
  'comments.historyForbidden': 'Историю правок видят только автор, фасилитаторы и администраторы',
  'comments.onlyAuthorDeletes': 'Удалить комментарий может только автор',
  'comments.onlyStaffHide': 'Скрывать комментарии могут только фасилитаторы и администраторы',
  'comments.alreadyHidden': 'Этот комментарий уже скрыт',
  'comments.deletedNothingToHide': 'Этот комментарий удалён автором; скрывать нечего',
  'comments.onlyStaffUnhide':
    'Возвращать скрытые комментарии могут только фасилитаторы и администраторы',
  'comments.notHidden': 'Этот комментарий не скрыт',

  'escalations.alreadyAnswered': 'Ответ на это обращение уже записан (respondedAt {respondedAt})',
  'escalations.transitionNote': 'Передано: {authority}',
  'escalations.transitionNoteWithReference': 'Передано: {authority} (исх. № {reference})',
  'escalations.onlyStaff':
    'Обращения и ответы на них записывают только фасилитаторы и администраторы',

  'rooms.onlyRepresentativesOpen':
    'Комнаты организации открывают только её представители, фасилитаторы и администраторы',
  'rooms.onlyStaffOpenNetwork': 'Комнаты сети открывают только фасилитаторы и администраторы',
  'rooms.muted': 'Вы не можете писать в этой комнате до {until}',
  'rooms.locked': 'Комната закрыта модератором',
  'rooms.tooFast': 'Вы отправляете сообщения слишком быстро; подождите немного',
  'rooms.slowMode': 'Медленный режим: подождите ещё {seconds} с',
  'rooms.onlyPrivateInvite':
    'Состав комнаты типа {kind} определяется сетью и её организациями; приглашения принимают только частные комнаты',
  'rooms.banned': 'Вы заблокированы в этой комнате',
  'moderation.alreadyBanned': 'Этот участник уже заблокирован в комнате',
  'moderation.alreadyHidden': 'Сообщение уже скрыто',
  'moderation.alreadyFlagged': 'Вы уже пожаловались на это сообщение',
  'moderation.onlyStaffFlags': 'С жалобами работают только фасилитаторы и администраторы',
  'moderation.flagAlready': 'Жалоба уже в статусе {status}',
  'moderation.onlyModerators': 'Это могут делать только модераторы этой комнаты',
  'moderation.moderatorsImmune':
    'Модераторам комнаты нельзя запретить писать в ней или заблокировать их',

  'field.required': 'Поле «{field}» обязательно',
  'field.notNull': 'Поле «{field}» не может быть null',
  'field.notAllowed': 'Такое поле не принимается: «{field}»',
  'field.invalid': 'Поле «{field}» заполнено неверно',
  'field.mustBeString': 'Поле «{field}» должно быть строкой',
  'field.mustBeInt': 'Поле «{field}» должно быть целым числом',
  'field.mustBeNumber': 'Поле «{field}» должно быть числом',
  'field.mustBeBoolean': 'Поле «{field}» должно быть true или false',
  'field.mustBeArray': 'Поле «{field}» должно быть списком',
  'field.mustBeObject': 'Поле «{field}» должно быть объектом',
  'field.mustBeUuid': 'Поле «{field}» должно быть UUID',
  'field.mustBeEmail': 'Поле «{field}» должно быть адресом электронной почты',
  'field.mustBeUrl': 'Поле «{field}» должно быть URL-адресом',
  'field.mustBeDate': 'Поле «{field}» должно быть датой в формате ISO 8601',
  'field.mustBeOneOf': 'Поле «{field}» должно быть одним из значений: {values}',
  'field.minLength': 'Минимальная длина поля «{field}» в символах: {min}',
  'field.maxLength': 'Максимальная длина поля «{field}» в символах: {max}',
  'field.min': 'Значение поля «{field}» должно быть не меньше {min}',
  'field.max': 'Значение поля «{field}» должно быть не больше {max}',
  'field.arrayMinSize': 'Минимальное число элементов в списке «{field}»: {min}',
  'field.arrayMaxSize': 'Максимальное число элементов в списке «{field}»: {max}',
  'field.arrayNotEmpty': 'Список «{field}» не должен быть пустым',
  'field.arrayUnique': 'Элементы списка «{field}» не должны повторяться',
  'field.pattern': 'Неверный формат поля «{field}»',
  'field.phoneE164': 'Поле «{field}» должно быть в формате E.164, например +996555123456',
  'field.auditAction': 'Поле «{field}» имеет вид room.mute',
  'field.allMustBeTrue': 'Поле «{field}» должно быть true (или укажите ids)',
  'field.dateTime':
    'Поле «{field}» должно быть датой и временем ISO 8601 со смещением, например 2025-03-01T09:30:00Z',
  'field.notRealDate': 'В поле «{field}» несуществующая дата',
  'field.notBlank': 'Поле «{field}» не должно быть пустым',
  'field.joinRoomFirst': 'Сначала войдите в комнату',
  'field.unknownTerritory': 'Поле «{field}»: такой территории нет',
  'field.unknownIssue': 'Поле «{field}»: такого вопроса нет',
  'field.unknownOrganisation': 'Поле «{field}»: такой организации нет',
  'field.unknownUserIn': 'В списке «{field}» есть неизвестный пользователь',
  'field.unknownTerritoryIn': 'В списке «{field}» есть несуществующая территория',
  'field.requiredForKind': 'Для комнаты типа {kind} поле «{field}» обязательно',
  'field.onlyWithKind': 'Поле «{field}» допустимо только для комнат типа {kind}',
  'field.onlyWithKindPlural': 'Поле «{field}» допустимо только для комнат типа {kind}',
  'field.notBoth': 'Укажите «{field}» или «{other}», но не оба',
  'field.notMessageOfRoom': 'Поле «{field}»: в этой комнате нет такого сообщения',
  'field.beyondLastMessage': 'Поле «{field}» больше номера последнего сообщения',
  'field.cannotSanctionSelf': 'Нельзя применять ограничения к самому себе',
  'field.cursorForeign': 'Поле «{field}» — не курсор, выданный этим API',
  'field.cursorOtherSort': 'Поле «{field}» — не курсор, выданный этим API для сортировки {sort}',
  'field.noteRequired': 'Для перехода в статус «{to}» нужна заметка',
  'field.mergeIntoItself': 'Вопрос нельзя объединить с самим собой',
  'field.notCommentOfIssue': 'Поле «{field}»: у этого вопроса нет такого комментария',
  'field.replyOneLevel':
    'Ответы бывают только одного уровня: «{field}» сам является ответом; ответьте на {parentId}',
  'field.requiredWith': 'Вместе с «{other}» обязательно поле «{field}»: у ответа есть оба',
  'field.notInFuture': 'Поле «{field}» не может быть в будущем',
  'field.notBefore': 'Поле «{field}» не может быть раньше «{other}» ({bound})',
  'field.authorityKind':
    'Поле «{field}» должно указывать на организацию одного из типов {kinds} ({organisation} — {kind})',
  'field.idempotencyKey': '«{field}» должен быть UUID',

  'input.nul': 'Поле «{field}» не должно содержать символ NUL (U+0000)',
  'input.surrogate': 'Поле «{field}» не должно содержать непарный суррогат (некорректный UTF-16)',
  'input.keyNul': 'Имя поля «{field}» не должно содержать символ NUL (U+0000)',
  'input.keySurrogate':
    'Имя поля «{field}» не должно содержать непарный суррогат (некорректный UTF-16)',
  'input.tooManyValues': 'В «{field}» слишком много значений (максимум: {max})',
  'input.tooLong': 'Поле «{field}» слишком длинное (максимум символов: {max})',
  'input.notFinite': 'Поле «{field}» должно быть конечным числом',
  'input.tooDeep': '«{field}» вложено слишком глубоко (максимум уровней: {max})',
  'input.tooManyItems': 'В списке «{field}» слишком много элементов (максимум: {max})',
  'input.tooManyFields': 'В «{field}» слишком много полей (максимум: {max})',
  'input.reservedName': '«{field}» — зарезервированное имя, его нельзя использовать как поле',
  'input.pathEncoding': 'В «{field}» неверное процентное кодирование',
  'input.payloadObject': '«{field}» должен быть объектом',

  // Added at the issue 9 merge: accounts, rooms, search terms.
  'auth.resetCodeStaffOnly': 'Коды сброса пароля выдают только фасилитаторы и администраторы',
  'auth.resetCodeNotSelf': 'Свой пароль меняйте через POST /me/password',
  'auth.resetCodeAdminOnly':
    'Код сброса для фасилитатора или администратора может выдать только администратор',
  'auth.resetCodeWrong': 'Код неверен, истёк или уже использован; попросите новый',
  'field.resetCodeWrong': '«{field}»: код неверен, истёк или уже использован; попросите новый',
  'field.currentPasswordWrong': '«{field}»: это не ваш текущий пароль',
  'field.newPasswordSame': 'Поле «{field}» должно отличаться от текущего пароля',
  'rooms.issueRoomExists':
    'У этого вопроса уже есть комната обсуждения {roomId}; присоединяйтесь к ней, а не открывайте новую',
  'field.oneOfCursorSeq': '«{field}»: укажите только одно из cursor, afterSeq или beforeSeq',
  'notFound.searchConcept': 'Понятие поиска не найдено',
  'search.conceptNameTaken': 'Понятие поиска «{name}» уже существует',
  'search.termTaken': 'Термин может принадлежать только одному понятию: {terms}',
  'field.termRepeated': '«{field}»: «{term}» указан дважды (поиск не различает эти написания)',
  'field.termNeedsLetter': '«{field}»: в каждом термине должна быть буква или цифра',
  'field.conceptTwoTerms': '«{field}»: понятие должно связывать не меньше двух терминов',

  'field.termWords': '«{field}»: каждый термин — одно или несколько слов из букв и цифр',
  'field.resetCodeFormat': '«{field}» состоит из букв и цифр, например K7QM-4TZP',

  'status.raised': 'поднят',
  'status.discussing': 'обсуждается',
  'status.prioritised': 'в приоритете',
  'status.escalated': 'направлен в органы власти',
  'status.answered': 'получен ответ',
  'status.resolved': 'решён',
  'status.closed': 'закрыт',
  'status.merged': 'объединён',

  // Вложения вопросов, комментариев, ответов и сообщений, и их модерация.
  'attachments.bodyOrFiles': 'Поле «{field}» не должно быть пустым, если не прикреплены файлы',
  'attachments.onlyWithAnswer':
    'Поле «{field}» передаётся вместе с ответом: укажите в том же запросе responseText и respondedAt',
  'attachments.flagActionNeedsRoom':
    'Поле «{field}»: этот файл не в комнате обсуждения, там некого заглушить или заблокировать; скройте файл или отклоните жалобу',
  'attachments.onlyModeratorsHide':
    'Скрыть файл могут только фасилитаторы, администраторы и модераторы его комнаты',
  'attachments.alreadyHidden': 'Файл уже скрыт',
  'attachments.alreadyFlagged': 'Вы уже пожаловались на этот файл',

  'notification.comment.title': 'Новый комментарий',
  'notification.comment.summary': 'Новый комментарий от {actor} к вопросу «{issue}»',
  'notification.mention.title': 'Вас упомянули',
  'notification.mention.summary': '{actor} упоминает вас в вопросе «{issue}»',
  'notification.status_changed.title': 'Статус вопроса изменён',
  'notification.status_changed.summary': 'Вопрос «{issue}» перешёл из статуса «{from}» в «{to}»',
  'notification.endorsement.title': 'Новая поддержка',
  'notification.endorsement.summary': 'Организация {organisation} поддерживает вопрос «{issue}»',
  'notification.escalation_answered.title': 'Пришёл ответ на обращение',
  'notification.escalation_answered.summary':
    'Ответ от {authority} на обращение по вопросу «{issue}»',
  'notification.merged.title': 'Вопросы объединены',
  'notification.merged.summary': 'Вопрос «{merged}» объединён с вопросом «{issue}»',
  'notification.someone': 'Кто-то',

  // Attachments: uploads, files, signed links (docs/attachments.md).
  'attachments.notFound': 'Файл не найден',
  'attachments.uploadNotFound': 'Загрузка не найдена',
  'attachments.notClaimable':
    '{field}: каждый файл должен быть загружен вами и ещё не прикреплён к другому',
  'attachments.tooMany': '{field}: не больше {max} файлов к одной записи',
  'attachments.duplicate': '{field}: один и тот же файл указан дважды',
  'attachments.unsupportedType':
    '{field}: такой файл прикрепить нельзя; можно только фото (JPEG, PNG, WebP), документы PDF и голосовые сообщения (Opus, AAC)',
  'attachments.videoRefused': '{field}: видео прикрепить нельзя, только голосовые сообщения',
  'attachments.unreadable': '{field}: файл не удалось прочитать как {type}',
  'attachments.tooManyPixels': '{field}: фото слишком большое, не больше {max} мегапикселей',
  'attachments.uploadUnfinished': '{field}: загрузка ещё не завершена',
  'attachments.fileTooLarge': 'Файл слишком большой: для такого файла не больше {max}',
  'attachments.uploadTooLarge': 'Файлы больше {max} загрузить нельзя',
  'attachments.quotaUser':
    'Ваши файлы уже занимают {used} из {quota}; ещё {size} не помещается. Удалите ненужные файлы или обратитесь к фасилитатору',
  'attachments.quotaOrganisation':
    'Файлы организации {organisation} уже занимают {used} из {quota}; ещё {size} не помещается',
  'attachments.linkInvalid': 'Ссылка на файл недействительна или устарела; откройте запись заново',
  'attachments.uploadOffset':
    'Загрузка находится на другой позиции: запросите её (HEAD) и продолжайте оттуда',
  'attachments.uploadInvalid': 'Запрос загрузки неверен: {reason}',
  'attachments.rangeInvalid': 'Запрошенный диапазон вне файла',
  // Surveys and submissions (issue 12).
  'notFound.survey': 'Опрос не найден',
  'notFound.submission': 'Анкета не найдена',
  'notFound.surveyLink': 'Ссылка на опрос не найдена',
  'surveys.onlyStaff': 'Опросами управляют только фасилитаторы и администраторы',
  'surveys.enumeratorsOnly':
    'Бумажные и очные анкеты вносят члены организаций, фасилитаторы и администраторы',
  'surveys.textNeedsLanguage': '{field}: нужен текст хотя бы на одном языке',
  'surveys.state.draft': 'черновик',
  'surveys.state.open': 'открыт',
  'surveys.state.closed': 'закрыт',
  'surveys.state.archived': 'в архиве',
  'surveys.badTransition': 'Опрос не может перейти из состояния «{from}» в «{to}»',
  'surveys.editOnlyDraft':
    'Опрос редактируется только в состоянии черновика, а его состояние «{status}»: вопросы меняются новой версией, а открытие и закрытие — переходом состояния',
  'surveys.archived': 'Опрос в архиве: в нём больше ничего не меняется',
  'surveys.versionIncompatible':
    'Новая версия не может менять тип вопроса или убирать коды его вариантов: {keys}',
  'surveys.notOpen': 'Опрос сейчас не принимает ответы: его состояние «{status}»',
  'surveys.notYetOpen': 'Опрос откроется {opensAt}',
  'surveys.closedAt': 'Опрос закрылся {closesAt}',
  'surveys.unknownVersion': '{field}: у опроса нет версии {version}',
  'surveys.submissionIdTaken': 'Анкета {id} уже сохранена с другим содержимым',
  'surveys.alreadyAnswered': 'Вы уже ответили на этот опрос',
  'surveys.linkExpired': 'Срок действия этой ссылки на опрос истёк',
  'surveys.linkFull': 'По этой ссылке уже получены все {max} ответов',
  'surveys.territoryOutside': '{field} не входит в территории опроса',
  'surveys.reviseWhenOpenOrClosed': 'Ответы исправляются, только пока опрос открыт или закрыт',
  'surveys.expiresInPast': '{field} должно быть в будущем',
  'surveys.closesBeforeOpens': '{field} должно быть позже opensAt',
  'surveys.answerRequired': '{field}: нужен ответ',
  'surveys.answerNotRelevant': '{field}: при таких ответах этот вопрос не задаётся',
  'surveys.answerUnknownQuestion': '{field}: в этом опросе нет такого вопроса',
  'surveys.answerWrongType': '{field}: значение не подходит к типу вопроса',
  'surveys.answerNotAChoice': '{field}: {value} нет среди вариантов ответа',
  'surveys.answerTooSmall': '{field} должно быть не меньше {min}',
  'surveys.answerTooLarge': '{field} должно быть не больше {max}',
  'surveys.answerConstraint': '{field} не выполняет заданное для него условие',
  'surveys.answerRetired': '{field}: этот вопрос убран из опроса',
  'surveys.ruleBadKey':
    '{field}: ключ состоит из строчных латинских букв, цифр и подчёркиваний и начинается с буквы',
  'surveys.ruleDuplicateKey': '{field}: этот ключ уже занят другим вопросом',
  'surveys.ruleMissingChoices': '{field}: вопросу такого типа нужны варианты ответа',
  'surveys.ruleChoicesNotAllowed': '{field}: у вопроса такого типа не бывает вариантов ответа',
  'surveys.ruleDuplicateChoice': '{field}: код {code} встречается дважды',
  'surveys.ruleBadRange': '{field}: min больше max',
  'surveys.ruleMalformed': '{field}: неверное правило',
  'surveys.ruleOperatorNotAllowed': '{field}: оператор {operator} не разрешён',
  'surveys.ruleUnknownQuestion': '{field} ссылается на {name}, но такого вопроса в опросе нет',
  'surveys.ruleLaterQuestion':
    '{field} ссылается на {name}, а он идёт позже: правило смотрит только на предыдущие ответы',

  // Survey results and exports (issue 12).
  'surveyResults.by':
    '{field} должно быть одним из: gender, ageBand, territory, borderStatus, или двумя разными через запятую',
  'surveyResults.question':
    '{field}: в этом опросе нет вопроса с таким ключом, ответы на который подсчитываются (выбор, да/нет, шкала, ранжирование)',

  // Events and findings (issues 12, 13).
  'notFound.networkEvent': 'Мероприятие не найдено',
  'notFound.registration': 'Вы не зарегистрированы на это мероприятие',
  'notFound.finding': 'Вывод не найден',
  'events.someLanguage': 'Полю «{field}» нужен текст хотя бы на одном языке',
  'events.createForbidden':
    'Мероприятия организуют только фасилитаторы, администраторы и представители организаций — членов сети',
  'events.onlyOrganiser':
    'Изменять мероприятие могут только представители организатора, фасилитаторы и администраторы',
  'events.alreadyHeld': 'Мероприятие уже состоялось (закрыто {closedAt})',
  'events.groupForFocusGroups':
    'Поле «{field}» допустимо только для фокус-группы (если не указано — смешанная группа)',
  'events.focusGroupUnnamed':
    'Поле «{field}»: участников фокус-группы считают без имён — внесите их числом по полу и возрасту (подсчёт), а не строками листа регистрации',
  'events.focusGroupNoRegistration':
    'На фокус-группу не записываются: её участников считают без имён (подсчёт по полу и возрасту)',
  'events.userOrName': 'Поле «{field}»: укажите userId или имя, что-то одно',
  'events.repeatedRow': 'Поле «{field}» повторяет {value} в этом запросе',
  'findings.onlyStaff':
    'Выводы записывают и выносят как вопросы только фасилитаторы и администраторы',
  'findings.alreadyRaised': 'По этому выводу вопрос уже поднят ({issueId})',
  'findings.noEvidence': 'Для «{field}» нужен surveyId или eventIds',
  'findings.unknownEvent': 'В поле «{field}» есть несуществующее мероприятие',
  'findings.surveyOnlyWith': 'Поле «{field}» допустимо только вместе с evidence.surveyId',
  'findings.surveyUnavailable': 'Поле «{field}»: результаты этого опроса прочитать нельзя',

  // Escalations by representatives (issue 13).
  'escalations.onlyStaffOrRepresentatives':
    'Обращения по этому вопросу и ответы на них записывают только фасилитаторы, администраторы и представители организации, которая его подняла',
  'escalations.representativeFrom':
    'Организация, поднявшая вопрос, записывает обращение, пока вопрос обсуждается или признан приоритетным; сейчас его статус: {status}',

  // Priority ballots (issue 13).
  'notFound.ballot': 'Голосование не найдено',
  'ballots.onlyStaff':
    'Открывают, закрывают и подводят итоги голосований только фасилитаторы и администраторы',
  'ballots.pointsForDot': '{field} задаётся только для голосования точками, и для него обязательно',
  'ballots.maxChoicesNotForDot': '{field} не применяется к голосованию точками',
  'ballots.maxChoicesAboveIssues': '{field} больше, чем {count} вопросов в голосовании',
  'ballots.closesInPast': '{field} должно быть в будущем',
  'ballots.issueNotChoosable':
    '{field}: статус вопроса — {status}; голосование выбирает среди поднятых и обсуждаемых вопросов',
  'ballots.noVoters':
    'Ни одна организация не может голосовать: нет членов сети (органы власти не голосуют)',
  'ballots.pointsMap': '{field}: укажите для id вопросов целые числа от 0',
  'ballots.onlyRepresentative': 'За организацию голосует только её представитель',
  'ballots.authorityDoesNotVote':
    'Органы власти (государственные администрации и государственные органы) не голосуют по приоритетам сети',
  'ballots.notOnRoll':
    'Когда голосование открылось ({openedAt}), эта организация не была членом сети, поэтому у неё нет голоса',
  'ballots.closed': 'Голосование закрыто {closedAt}',
  'ballots.notClosed': 'Результаты показываются после закрытия голосования ({closesAt})',
  'ballots.voteShape':
    '{field} не подходит для голосования «{method}»: одобрение и ранжирование принимают выбор (choices), точки — баллы (points)',
  'ballots.notOnBallot': '{field} не входит в вопросы этого голосования',
  'ballots.tooManyChoices': '{field}: не больше {max} вопросов',
  'ballots.overBudget': '{field}: {sum} баллов, больше бюджета в {budget}',
  'ballots.noPoints': '{field}: дайте хотя бы один балл',
  'ballots.noteRequired':
    '{field}: бумажный бюллетень, внесённый фасилитатором, требует примечания, где хранится бумага',
  'ballots.noteForPaper': '{field} — только для бумажных бюллетеней, которые вносят фасилитаторы',
  'ballots.outcomeBeforeClose': 'Итог записывается после закрытия голосования ({closesAt})',
  'ballots.outcomeOnce': 'Итог этого голосования уже записан ({decidedAt})',
  'ballots.cannotPrioritise':
    'Вопрос «{issue}» не может перейти в приоритетные из статуса {status}; ничего не применено',

  // Strategies (issue 13).
  'notFound.strategy': 'Стратегия не найдена',
  'notFound.strategyObjective': 'Цель не найдена',
  'notFound.strategyAction': 'Действие не найдено',
  'strategies.onlyStaff':
    'Стратегии, цели и действия планируют только фасилитаторы и администраторы',
  'strategies.onlyOwner':
    'Обновлять это действие могут только представители ответственной организации, фасилитаторы и администраторы',
  'strategies.planOnlyStaff':
    'План действия (название, ответственная организация, адресат, срок, вес, вопросы) меняют только фасилитаторы и администраторы',
  'strategies.notAuthority':
    '«{field}» должно быть организацией вида «государственная администрация» или «государственный орган»',
  'strategies.unknownCommitment': '«{field}» — такого обязательства мероприятия нет',
  'strategies.commitmentTaken': 'Из этого обязательства уже создано действие ({actionId})',
  'notification.action_overdue.title': 'Действие просрочено',
  'notification.action_overdue.summary': 'Срок «{action}» истёк {due}, действие не выполнено',

  // Legal library (issue 13).
  'notFound.legalAct': 'Правовой акт не найден',
  'notFound.provision': 'Норма не найдена',
  'notFound.issueLink': 'Связь не найдена',
  'legal.onlyStaff':
    'Акты и нормы добавляют, а связи подтверждают только фасилитаторы и администраторы',
  'legal.eIdPattern':
    '{field} должен быть идентификатором вида art_12__para_3 (части строчными буквами через __)',
  'legal.eIdTaken': 'В этом акте уже есть норма {eId}',
  'legal.eIdRepeated': '{field}: {eId} встречается в файле дважды',
  'legal.unknownParent': '{field} не указывает ни на одну норму этого акта',
  'legal.parentNotBefore': '{field} должен указывать на норму, стоящую в файле раньше',
  'legal.actExists': 'Этот акт уже есть в библиотеке ({id})',
  'legal.linkExists': 'Эта норма уже связана с вопросом таким образом',
  'legal.linkAlreadyConfirmed': 'Эта связь уже подтверждена',
  'legal.linkAlreadyRejected': 'Эта связь уже отклонена',

  // Campaigns (issue 13).
  'notFound.campaign': 'Кампания не найдена',
  'notFound.publication': 'Материал не найден',
  'campaigns.createForbidden':
    'Кампании ведут только фасилитаторы, администраторы и представители организаций — членов сети',
  'campaigns.onlyOwners':
    'Материалы добавляют только создатель кампании, представители её организации, фасилитаторы и администраторы',
  'campaigns.onlyStaffApprove': 'Материалы утверждают только фасилитаторы и администраторы',
  'campaigns.notYourOrganisation':
    'Охват можно вносить только за организацию, в которой вы состоите',
  'campaigns.endsAfterStarts': 'Поле «{field}» должно быть позже начала',
  'campaigns.unknownStrategy': 'Поле «{field}»: такой стратегии нет',
  'campaigns.unknownProvision': 'Поле «{field}»: такого положения в правовой библиотеке нет',
  'campaigns.publicationNotInCampaign': 'Поле «{field}»: в этой кампании нет такого материала',
  'campaigns.publicationNotApproved': 'Поле «{field}»: этот материал ещё не утверждён',
  'campaigns.dateOutsidePeriod':
    'Поле «{field}» должно быть в сроках кампании: с {first} по {last}',
  'campaigns.nobodyReached':
    'Поле «{field}»: охвачен должен быть хотя бы один человек (женщины, мужчины или пол не указан)',
  'campaigns.clientRowIdTaken': 'Под идентификатором {id} уже сохранена другая строка охвата',

  // District reports (issue 13).
  'notFound.report': 'Отчёт не найден',
  'reports.notDistrict': 'Поле «{field}» должно быть районом (территорией уровня района)',
  'reports.periodEmpty': 'Поле «{field}» должно быть позже «{other}»',
  'reports.notReady': 'Отчёт ещё не готов (статус {status}); попробуйте, когда он будет готов',
};
