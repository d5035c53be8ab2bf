// The pack's own vocabulary in Kyrgyz and Russian (and English, for tools). Issue statuses come
// from the server messages (status.*); the rest is the pack's: headings, categories, genders,
// age bands and the other modules' enums as the round table reads them (glossary: docs/i18n.md).
import { translate } from '../../common/i18n/i18n.js';
import type { MessageKey } from '../../common/i18n/messages.en.js';
import type { ReportLanguage } from './report.entity.js';

export type TextLanguage = ReportLanguage | 'en';

const TEXTS = {
  title: {
    ky: 'Райондук тегерек стол үчүн отчет',
    ru: 'Отчёт к районному круглому столу',
    en: 'District round table report',
  },
  subtitle: {
    ky: 'Маселелердин реестри, кайрылуулар, иш-чаралар жана милдеттенмелер',
    ru: 'Реестр вопросов, обращения, мероприятия и обязательства',
    en: 'The register of issues, escalations, events and commitments',
  },
  period: { ky: 'Мезгил', ru: 'Период', en: 'Period' },
  generatedAt: { ky: 'Түзүлгөн күнү', ru: 'Дата составления', en: 'Generated' },
  snapshotAt: {
    ky: 'Маалымат кесиндиси алынган учур',
    ru: 'Момент снимка данных',
    en: 'Snapshot taken',
  },
  hash: { ky: 'Кесиндинин SHA-256 хэши', ru: 'Хэш SHA-256 снимка', en: 'Snapshot SHA-256' },
  hashNote: {
    ky: 'Бул отчеттогу бардык сандар реестрдин тоңдурулган кесиндисинен алынды. Кесиндинин канондук JSON текстин GET /api/v1/reports/{id}/snapshot берет; анын SHA-256 хэши жогорудагы хэшке дал келиши керек.',
    ru: 'Все цифры отчёта взяты из замороженного снимка реестра. Канонический JSON снимка отдаёт GET /api/v1/reports/{id}/snapshot; его SHA-256 должен совпасть с хэшем выше.',
    en: 'Every figure in this report comes from a frozen snapshot of the register. GET /api/v1/reports/{id}/snapshot serves its canonical JSON; its SHA-256 must equal the hash above.',
  },
  page: { ky: 'Бет', ru: 'Стр.', en: 'Page' },
  contents: { ky: 'Мазмуну', ru: 'Содержание', en: 'Contents' },

  keyFigures: { ky: '1. Негизги көрсөткүчтөр', ru: '1. Основные показатели', en: '1. Key figures' },
  figure: { ky: 'Көрсөткүч', ru: 'Показатель', en: 'Figure' },
  value: { ky: 'Саны', ru: 'Значение', en: 'Value' },
  issuesRaised: { ky: 'Көтөрүлгөн маселелер', ru: 'Поднято вопросов', en: 'Issues raised' },
  issuesByStatus: {
    ky: 'Ошол маселелер азыркы абалы боюнча',
    ru: 'Эти вопросы по текущему статусу',
    en: 'Those issues by current status',
  },
  escalationsSent: {
    ky: 'Бийликке жөнөтүлгөн кайрылуулар',
    ru: 'Направлено обращений в органы власти',
    en: 'Escalations sent',
  },
  escalationsAnswered: { ky: 'Жооп алынган кайрылуулар', ru: 'Получено ответов', en: 'Answered' },
  escalationsOverdue: {
    ky: 'Жооп мөөнөтү өтүп кеткен кайрылуулар',
    ru: 'Обращений с просроченным ответом',
    en: 'Overdue',
  },
  eventsHeld: { ky: 'Өткөрүлгөн иш-чаралар', ru: 'Проведено мероприятий', en: 'Events held' },
  participants: { ky: 'Катышуучулар', ru: 'Участников', en: 'Participants' },
  commitmentsMade: {
    ky: 'Кабыл алынган милдеттенмелер',
    ru: 'Принято обязательств',
    en: 'Commitments made',
  },

  byCategory: {
    ky: '2. Маселелер категория жана айыл аймак боюнча',
    ru: '2. Вопросы по категориям и айыл аймакам',
    en: '2. Issues by category and aiyl aimak',
  },
  category: { ky: 'Категория', ru: 'Категория', en: 'Category' },
  aiylAimak: { ky: 'Айыл аймак', ru: 'Айыл аймак', en: 'Aiyl aimak' },
  districtWide: { ky: 'Район боюнча', ru: 'Район в целом', en: 'District-wide' },
  count: { ky: 'Саны', ru: 'Количество', en: 'Count' },
  total: { ky: 'Бардыгы', ru: 'Всего', en: 'Total' },
  chartTitle: { ky: 'Маселелердин саны', ru: 'Число вопросов', en: 'Issues' },
  noIssues: {
    ky: 'Бул мезгилде маселе көтөрүлгөн жок.',
    ru: 'В этот период вопросы не поднимались.',
    en: 'No issues were raised in this period.',
  },

  prioritised: {
    ky: '3. Артыкчылыктуу маселелер жана добуш берүүнүн жыйынтыктары',
    ru: '3. Приоритетные вопросы и итоги голосования',
    en: '3. Prioritised issues and ballot results',
  },
  issue: { ky: 'Маселе', ru: 'Вопрос', en: 'Issue' },
  status: { ky: 'Абалы', ru: 'Статус', en: 'Status' },
  prioritisedAt: { ky: 'Артыкчылык берилди', ru: 'Признан приоритетным', en: 'Prioritised' },
  noPrioritised: {
    ky: 'Бул мезгилде артыкчылыктуу маселе болгон жок.',
    ru: 'В этот период приоритетных вопросов не было.',
    en: 'No prioritised issues in this period.',
  },
  ballots: { ky: 'Добуш берүүлөр', ru: 'Голосования', en: 'Ballots' },
  method: { ky: 'Ыкма', ru: 'Метод', en: 'Method' },
  closedAt: { ky: 'Жабылды', ru: 'Закрыто', en: 'Closed' },
  voted: { ky: 'Добуш берген уюмдар', ru: 'Проголосовало организаций', en: 'Organisations voted' },
  score: { ky: 'Упай', ru: 'Баллы', en: 'Score' },
  rank: { ky: 'Орун', ru: 'Место', en: 'Rank' },
  selected: { ky: 'Тандалды', ru: 'Выбран', en: 'Selected' },
  yes: { ky: 'ооба', ru: 'да', en: 'yes' },
  no: { ky: 'жок', ru: 'нет', en: 'no' },
  noBallots: {
    ky: 'Бул мезгилде добуш берүү болгон жок.',
    ru: 'В этот период голосований не было.',
    en: 'No ballots in this period.',
  },

  escalations: {
    ky: '4. Бийликке кайрылуулар жана алынган жооптор',
    ru: '4. Обращения в органы власти и полученные ответы',
    en: '4. Escalations and answers received',
  },
  authority: { ky: 'Орган', ru: 'Орган', en: 'Authority' },
  sentAt: { ky: 'Жөнөтүлдү', ru: 'Направлено', en: 'Sent' },
  dueAt: { ky: 'Жооп мөөнөтү', ru: 'Срок ответа', en: 'Due' },
  answer: { ky: 'Жооп', ru: 'Ответ', en: 'Answer' },
  overdue: { ky: 'мөөнөтү өттү', ru: 'просрочено', en: 'overdue' },
  waiting: { ky: 'жооп күтүлүүдө', ru: 'ответ ожидается', en: 'awaiting' },
  noEscalations: {
    ky: 'Бул мезгилде кайрылуу жөнөтүлгөн жок.',
    ru: 'В этот период обращения не направлялись.',
    en: 'No escalations were sent in this period.',
  },

  legal: {
    ky: '5. Маселелердин укуктук негизи',
    ru: '5. Правовая основа вопросов',
    en: '5. Legal basis',
  },
  act: { ky: 'Укуктук акт', ru: 'Правовой акт', en: 'Act' },
  provision: { ky: 'Жобо', ru: 'Положение', en: 'Provision' },
  relation: { ky: 'Байланыш', ru: 'Связь', en: 'Relation' },
  noLegal: {
    ky: 'Бул маселелерге тастыкталган укуктук шилтеме жок.',
    ru: 'Подтверждённых правовых ссылок для этих вопросов нет.',
    en: 'No confirmed legal links for these issues.',
  },

  strategy: {
    ky: '6. Стратегиянын аткарылышы',
    ru: '6. Ход выполнения стратегии',
    en: '6. Strategy progress',
  },
  objective: { ky: 'Максат', ru: 'Цель', en: 'Objective' },
  weight: { ky: 'Салмагы', ru: 'Вес', en: 'Weight' },
  progress: { ky: 'Аткарылышы, %', ru: 'Выполнение, %', en: 'Progress, %' },
  action: { ky: 'Аракет', ru: 'Действие', en: 'Action' },
  owner: { ky: 'Жооптуу уюм', ru: 'Ответственная организация', en: 'Owner' },
  target: { ky: 'Кайрылуучу орган', ru: 'Целевой орган', en: 'Target authority' },
  noStrategies: {
    ky: 'Бул маселелер боюнча стратегия жок.',
    ru: 'Стратегий по этим вопросам нет.',
    en: 'No strategies for these issues.',
  },

  reach: {
    ky: '7. Маалыматтык кампаниянын камтуусу',
    ru: '7. Охват информационной кампании',
    en: '7. Campaign reach',
  },
  campaign: { ky: 'Кампания', ru: 'Кампания', en: 'Campaign' },
  publications: { ky: 'Басылмалар', ru: 'Публикации', en: 'Publications' },
  approved: { ky: 'Бекитилген', ru: 'Одобрено', en: 'Approved' },
  language: { ky: 'Тил', ru: 'Язык', en: 'Language' },
  territory: { ky: 'Аймак', ru: 'Территория', en: 'Territory' },
  audience: { ky: 'Аудитория', ru: 'Аудитория', en: 'Audience' },
  estimated: { ky: 'болжолдуу', ru: 'оценка', en: 'estimated' },
  counted: { ky: 'саналган', ru: 'подсчёт', en: 'counted' },
  noReach: {
    ky: 'Бул мезгилде кампаниянын камтуусу катталган жок.',
    ru: 'В этот период охват кампаний не записан.',
    en: 'No campaign reach recorded in this period.',
  },

  attendance: {
    ky: '8. Иш-чараларга катышуу: жынысы жана жашы боюнча',
    ru: '8. Участие в мероприятиях по полу и возрасту',
    en: '8. Event attendance by gender and age band',
  },
  event: { ky: 'Иш-чара', ru: 'Мероприятие', en: 'Event' },
  date: { ky: 'Күнү', ru: 'Дата', en: 'Date' },
  kind: { ky: 'Түрү', ru: 'Вид', en: 'Kind' },
  gender: { ky: 'Жынысы', ru: 'Пол', en: 'Gender' },
  suppressedLegend: {
    ky: '× — {n} кишиден аз болгон уячалар жана аларды эсептеп табууга мүмкүндүк берген уячалар жашырылды.',
    ru: '× — скрыты ячейки меньше {n} человек и ячейки, по которым их можно вычислить.',
    en: '× — cells under {n} people, and cells from which they could be worked out, are hidden.',
  },
  noEvents: {
    ky: 'Бул мезгилде иш-чара өткөрүлгөн жок.',
    ru: 'В этот период мероприятия не проводились.',
    en: 'No events were held in this period.',
  },

  commitments: { ky: '9. Милдеттенмелер', ru: '9. Обязательства', en: '9. Commitments' },
  commitment: { ky: 'Милдеттенме', ru: 'Обязательство', en: 'Commitment' },
  due: { ky: 'Мөөнөтү', ru: 'Срок', en: 'Due' },
  noCommitments: {
    ky: 'Бул мезгилде милдеттенме кабыл алынган жок.',
    ru: 'В этот период обязательства не принимались.',
    en: 'No commitments were made in this period.',
  },

  moreInWorkbook: {
    ky: 'Бул жерде {shown} жазуу көрсөтүлдү; баары ({total}) Excel китебинде.',
    ru: 'Здесь показано {shown} записей; все {total} — в книге Excel.',
    en: '{shown} shown here; all {total} are in the workbook.',
  },
  escalationsByAuthority: {
    ky: 'Органдар боюнча',
    ru: 'По органам власти',
    en: 'By authority',
  },
  snapshotSheet: { ky: 'Кесинди', ru: 'Снимок', en: 'Snapshot' },
  district: { ky: 'Район', ru: 'Район', en: 'District' },
  reportId: { ky: 'Отчеттун id', ru: 'id отчёта', en: 'Report id' },
} as const;

export type TextKey = keyof typeof TEXTS;

export function text(
  language: TextLanguage,
  key: TextKey,
  params: Record<string, string | number> = {},
): string {
  return TEXTS[key][language].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

type Vocabulary = Record<string, Record<TextLanguage, string>>;

const CATEGORIES: Vocabulary = {
  water_irrigation: { ky: 'Суу жана сугат', ru: 'Вода и орошение', en: 'Water and irrigation' },
  land_pasture: { ky: 'Жер жана жайыт', ru: 'Земля и пастбища', en: 'Land and pasture' },
  roads_transport: {
    ky: 'Жолдор жана транспорт',
    ru: 'Дороги и транспорт',
    en: 'Roads and transport',
  },
  border_crossing: { ky: 'Чек арадан өтүү', ru: 'Пересечение границы', en: 'Border crossing' },
  documents_citizenship: {
    ky: 'Документтер жана жарандык',
    ru: 'Документы и гражданство',
    en: 'Documents and citizenship',
  },
  trade_markets: { ky: 'Соода жана базарлар', ru: 'Торговля и рынки', en: 'Trade and markets' },
  education: { ky: 'Билим берүү', ru: 'Образование', en: 'Education' },
  health: { ky: 'Саламаттык', ru: 'Здравоохранение', en: 'Health' },
  security_incidents: {
    ky: 'Коопсуздук жана окуялар',
    ru: 'Безопасность и инциденты',
    en: 'Security and incidents',
  },
  interethnic_relations: {
    ky: 'Улуттар аралык мамилелер',
    ru: 'Межэтнические отношения',
    en: 'Interethnic relations',
  },
  infrastructure: { ky: 'Инфраструктура', ru: 'Инфраструктура', en: 'Infrastructure' },
  other: { ky: 'Башка', ru: 'Другое', en: 'Other' },
};

const GENDERS: Vocabulary = {
  female: { ky: 'Аялдар', ru: 'Женщины', en: 'Women' },
  male: { ky: 'Эркектер', ru: 'Мужчины', en: 'Men' },
  undisclosed: { ky: 'Айтылган жок', ru: 'Не указан', en: 'Not given' },
};

const AGE_BANDS: Vocabulary = {
  '<18': { ky: '18ге чейин', ru: 'до 18 лет', en: 'under 18' },
  '18-29': { ky: '18–29 жаш', ru: '18–29 лет', en: '18–29' },
  '30-44': { ky: '30–44 жаш', ru: '30–44 года', en: '30–44' },
  '45-59': { ky: '45–59 жаш', ru: '45–59 лет', en: '45–59' },
  '60+': { ky: '60 жана андан улуу', ru: '60 лет и старше', en: '60 and over' },
};

const EVENT_KINDS: Vocabulary = {
  training: { ky: 'окуу', ru: 'тренинг', en: 'training' },
  round_table: { ky: 'тегерек стол', ru: 'круглый стол', en: 'round table' },
  focus_group: { ky: 'фокус-топ', ru: 'фокус-группа', en: 'focus group' },
  network_meeting: { ky: 'тармактын жыйыны', ru: 'встреча сети', en: 'network meeting' },
  presentation: { ky: 'презентация', ru: 'презентация', en: 'presentation' },
};

const BALLOT_METHODS: Vocabulary = {
  approval: { ky: 'макулдук', ru: 'одобрение', en: 'approval' },
  ranked: { ky: 'рейтинг', ru: 'ранжирование', en: 'ranked' },
  dot: { ky: 'упай бөлүштүрүү', ru: 'распределение баллов', en: 'dots' },
};

const RELATIONS: Vocabulary = {
  grants_right: { ky: 'укук берет', ru: 'предоставляет право', en: 'grants a right' },
  assigns_duty: { ky: 'милдет жүктөйт', ru: 'возлагает обязанность', en: 'assigns a duty' },
  sets_deadline: { ky: 'мөөнөт белгилейт', ru: 'устанавливает срок', en: 'sets a deadline' },
  gap: { ky: 'мыйзамдагы боштук', ru: 'пробел', en: 'gap' },
  conflict: { ky: 'карама-каршылык', ru: 'коллизия', en: 'conflict' },
};

const ACT_STATUSES: Vocabulary = {
  in_force: { ky: 'күчүндө', ru: 'действует', en: 'in force' },
  amended: { ky: 'өзгөртүлгөн', ru: 'изменён', en: 'amended' },
  repealed: { ky: 'күчүн жоготкон', ru: 'утратил силу', en: 'repealed' },
};

const ACTION_STATUSES: Vocabulary = {
  planned: { ky: 'пландалган', ru: 'запланировано', en: 'planned' },
  in_progress: { ky: 'аткарылууда', ru: 'выполняется', en: 'in progress' },
  done: { ky: 'аткарылды', ru: 'выполнено', en: 'done' },
  blocked: { ky: 'токтоп турат', ru: 'заблокировано', en: 'blocked' },
  dropped: { ky: 'алынып салынды', ru: 'отменено', en: 'dropped' },
};

// The campaigns' audiences and publication languages, as the web app words them (campaigns.*).
const AUDIENCES: Vocabulary = {
  general: { ky: 'Баарына', ru: 'Все', en: 'Everyone' },
  women: { ky: 'Аялдар', ru: 'Женщины', en: 'Women' },
  youth: { ky: 'Жаштар', ru: 'Молодёжь', en: 'Youth' },
  elders: { ky: 'Аксакалдар', ru: 'Старейшины', en: 'Elders' },
  farmers: {
    ky: 'Дыйкандар жана малчылар',
    ru: 'Фермеры и животноводы',
    en: 'Farmers and herders',
  },
  cross_border_traders: {
    ky: 'Чек ара аркылуу соода кылгандар',
    ru: 'Приграничные торговцы',
    en: 'Cross-border traders',
  },
  teachers: { ky: 'Мугалимдер', ru: 'Учителя', en: 'Teachers' },
  local_officials: {
    ky: 'Жергиликтүү кызматкерлер',
    ru: 'Местные служащие',
    en: 'Local officials',
  },
};

const PUBLICATION_LANGUAGES: Vocabulary = {
  ky: { ky: 'Кыргызча', ru: 'Кыргызский', en: 'Kyrgyz' },
  ru: { ky: 'Орусча', ru: 'Русский', en: 'Russian' },
  tg: { ky: 'Тажикче', ru: 'Таджикский', en: 'Tajik' },
  uz: { ky: 'Өзбекче', ru: 'Узбекский', en: 'Uzbek' },
  en: { ky: 'Англисче', ru: 'Английский', en: 'English' },
  unknown: { ky: 'Басылмасыз', ru: 'Без материала', en: 'No publication' },
};

const VOCABULARIES = {
  category: CATEGORIES,
  gender: GENDERS,
  ageBand: AGE_BANDS,
  eventKind: EVENT_KINDS,
  ballotMethod: BALLOT_METHODS,
  relation: RELATIONS,
  actStatus: ACT_STATUSES,
  actionStatus: ACTION_STATUSES,
  audience: AUDIENCES,
  publicationLanguage: PUBLICATION_LANGUAGES,
};

/** An act's number with one sign: numbers are often stored with it (`№ 101`), some without. */
export function actNumber(number: string | null): string {
  if (!number) return '';
  return /^\s*№/.test(number) ? number.trim() : `№ ${number.trim()}`;
}

/** A code of one of the register's enums in the pack's language (the code itself if unknown). */
export function term(
  language: TextLanguage,
  vocabulary: keyof typeof VOCABULARIES | 'issueStatus',
  code: string,
): string {
  if (vocabulary === 'issueStatus') return translate(language, `status.${code}` as MessageKey);
  return VOCABULARIES[vocabulary][code]?.[language] ?? code;
}

/** A multilingual text in the pack's language, else Russian, Kyrgyz, English, any. */
export function pick(texts: object | null | undefined, language: TextLanguage): string {
  if (!texts) return '';
  const value = texts as Partial<Record<string, string>>;
  return value[language] ?? value.ru ?? value.ky ?? value.en ?? Object.values(value)[0] ?? '';
}

/** `2026-03-01` style dates in UTC: the same in both languages and in any time zone. */
export function day(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 10) : '—';
}
