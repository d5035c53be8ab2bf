import type { DataSource, EntityManager } from 'typeorm';
import { hashPassword } from '../../modules/auth/password.js';
import type {
  NetworkStatus,
  OrganisationKind,
  OrganisationRole,
} from '../../modules/organisations/organisation.enums.js';
import type { NetworkRole } from '../../modules/users/user-role.js';
import type { Language } from '../../common/languages.js';
import { seedLegalSamples } from '../../modules/legal/legal-samples.js';
import { seedCampaignSamples } from '../../modules/campaigns/campaign-samples.js';
import { seedStrategySamples } from '../../modules/strategies/strategies-seed.js';

/** Every demo account signs in with this password (development databases only). */
export const DEMO_PASSWORD = 'kenesh-demo-2026';
const DOMAIN = 'demo.kenesh.kg';

interface DemoPerson {
  key: string;
  name: string;
  role: NetworkRole;
  position: string;
  territory: string;
  languages: Language[];
  phone?: string;
}

interface DemoOrganisation {
  name: string;
  kind: OrganisationKind;
  territory: string;
  status: NetworkStatus;
  description: string;
  members: [person: string, role: OrganisationRole][];
}

const PEOPLE: DemoPerson[] = [
  {
    key: 'admin',
    name: 'Асель Бекова',
    role: 'admin',
    position: 'Программанын администратору',
    territory: 'batken-district',
    languages: ['ky', 'ru', 'en'],
  },
  {
    key: 'facilitator.gulnara',
    name: 'Гүлнара Осмонова',
    role: 'facilitator',
    position: 'Фасилитатор',
    territory: 'batken-district',
    languages: ['ky', 'ru', 'tg'],
    phone: '+996770100201',
  },
  {
    key: 'facilitator.erlan',
    name: 'Эрлан Жумабаев',
    role: 'facilitator',
    position: 'Фасилитатор',
    territory: 'batken-district',
    languages: ['ky', 'ru', 'uz'],
    phone: '+996770100202',
  },
  {
    key: 'aibek.tashiev',
    name: 'Айбек Ташиев',
    role: 'member',
    position: 'Айыл өкмөтүнүн башчысы',
    territory: 'ak-tatyr',
    languages: ['ky', 'ru'],
    phone: '+996555100301',
  },
  {
    key: 'nurlan.abdykadyrov',
    name: 'Нурлан Абдыкадыров',
    role: 'member',
    position: 'Айыл өкмөтүнүн башчысы',
    territory: 'ak-sai',
    languages: ['ky', 'ru'],
    phone: '+996555100302',
  },
  {
    key: 'jyldyz.mamytova',
    name: 'Жылдыз Мамытова',
    role: 'member',
    position: 'Айыл өкмөтүнүн башчысынын орун басары',
    territory: 'samarkandek',
    languages: ['ky', 'ru', 'uz'],
    phone: '+996555100303',
  },
  {
    key: 'bakyt.turdubaev',
    name: 'Бакыт Турдубаев',
    role: 'member',
    position: 'Айыл өкмөтүнүн башчысы',
    territory: 'tortkul',
    languages: ['ky', 'ru'],
  },
  {
    key: 'aigul.satybaldieva',
    name: 'Айгүл Сатыбалдиева',
    role: 'member',
    position: 'Жооптуу катчы',
    territory: 'karabak',
    languages: ['ky', 'ru'],
  },
  {
    key: 'mirlan.toktogulov',
    name: 'Мирлан Токтогулов',
    role: 'member',
    position: 'Айыл өкмөтүнүн башчысы',
    territory: 'suu-bashy',
    languages: ['ky', 'ru'],
  },
  {
    key: 'cholpon.kadyrova',
    name: 'Чолпон Кадырова',
    role: 'member',
    position: 'Айыл өкмөтүнүн башчысы',
    territory: 'kyshtut',
    languages: ['ky', 'ru'],
  },
  {
    key: 'nazgul.asanova',
    name: 'Назгүл Асанова',
    role: 'member',
    position: 'Айылдык кеңештин төрагасы',
    territory: 'ak-sai',
    languages: ['ky', 'ru'],
  },
  {
    key: 'burul.esenova',
    name: 'Бурул Эсенова',
    role: 'member',
    position: 'Аялдар кеңешинин төрайымы',
    territory: 'ak-sai-village',
    languages: ['ky', 'ru', 'tg'],
  },
  {
    key: 'talant.isaev',
    name: 'Талант Исаев',
    role: 'member',
    position: 'Жаштар комитетинин лидери',
    territory: 'kok-tash-village',
    languages: ['ky', 'ru', 'en'],
  },
  {
    key: 'azamat.kalyev',
    name: 'Азамат Калыев',
    role: 'member',
    position: 'Суу пайдалануучулар ассоциациясынын төрагасы',
    territory: 'samarkandek-village',
    languages: ['ky', 'uz', 'ru'],
  },
  {
    key: 'ruslan.orozov',
    name: 'Руслан Орозов',
    role: 'member',
    position: 'Райондук администрациянын адиси',
    territory: 'batken-district',
    languages: ['ky', 'ru'],
  },
  {
    key: 'dinara.sharipova',
    name: 'Динара Шарипова',
    role: 'member',
    position: 'Коомдук фонддун директору',
    territory: 'batken-district',
    languages: ['ru', 'ky', 'tg', 'en'],
  },
  {
    key: 'ulan.mambetov',
    name: 'Улан Мамбетов',
    role: 'member',
    position: 'Мугалим',
    territory: 'ak-tatyr-village',
    languages: ['ky'],
  },
  {
    key: 'aiperi.kasymova',
    name: 'Айпери Касымова',
    role: 'member',
    position: 'Медайым',
    territory: 'kok-tash-village',
    languages: ['ky', 'ru'],
  },
  {
    key: 'temir.abdraimov',
    name: 'Темир Абдраимов',
    role: 'member',
    position: 'Фермер',
    territory: 'samarkandek',
    languages: ['ky', 'uz'],
  },
  {
    key: 'jarkynai.sultanova',
    name: 'Жаркынай Султанова',
    role: 'member',
    position: 'Жаштар комитетинин мүчөсү',
    territory: 'kok-tash-village',
    languages: ['ky', 'ru', 'en'],
  },
];

const ORGANISATIONS: DemoOrganisation[] = [
  {
    name: 'Ак-Татыр айыл өкмөтү',
    kind: 'aiyl_okmotu',
    territory: 'ak-tatyr',
    status: 'member',
    description: 'Ак-Татыр айыл аймагынын аткаруу органы.',
    members: [
      ['aibek.tashiev', 'representative'],
      ['ulan.mambetov', 'member'],
    ],
  },
  {
    name: 'Ак-Сай айыл өкмөтү',
    kind: 'aiyl_okmotu',
    territory: 'ak-sai',
    status: 'member',
    description: 'Ак-Сай айыл аймагынын аткаруу органы.',
    members: [['nurlan.abdykadyrov', 'representative']],
  },
  {
    name: 'Ак-Сай айылдык кеңеши',
    kind: 'aiyl_kenesh',
    territory: 'ak-sai',
    status: 'member',
    description: 'Ак-Сай айыл аймагынын шайланган өкүлчүлүктүү органы.',
    members: [['nazgul.asanova', 'representative']],
  },
  {
    name: 'Самаркандек айыл өкмөтү',
    kind: 'aiyl_okmotu',
    territory: 'samarkandek',
    status: 'member',
    description: 'Самаркандек айыл аймагынын аткаруу органы.',
    members: [
      ['jyldyz.mamytova', 'representative'],
      ['temir.abdraimov', 'member'],
    ],
  },
  {
    name: 'Төрткүл айыл өкмөтү',
    kind: 'aiyl_okmotu',
    territory: 'tortkul',
    status: 'member',
    description: 'Төрткүл айыл аймагынын аткаруу органы.',
    members: [['bakyt.turdubaev', 'representative']],
  },
  {
    name: 'Карабак айыл өкмөтү',
    kind: 'aiyl_okmotu',
    territory: 'karabak',
    status: 'pending',
    description: 'Карабак айыл аймагынын аткаруу органы.',
    members: [['aigul.satybaldieva', 'representative']],
  },
  {
    name: 'Суу-Башы айыл өкмөтү',
    kind: 'aiyl_okmotu',
    territory: 'suu-bashy',
    status: 'member',
    description: 'Суу-Башы айыл аймагынын аткаруу органы.',
    members: [['mirlan.toktogulov', 'representative']],
  },
  {
    name: 'Кыштут айыл өкмөтү',
    kind: 'aiyl_okmotu',
    territory: 'kyshtut',
    status: 'none',
    description: 'Кыштут айыл аймагынын аткаруу органы.',
    members: [['cholpon.kadyrova', 'representative']],
  },
  {
    name: 'Ак-Сай аялдар кеңеши',
    kind: 'community_group',
    territory: 'ak-sai-village',
    status: 'member',
    description: 'Ак-Сай айылынын аялдар кеңеши: суу, мектеп жана саламаттык маселелери.',
    members: [
      ['burul.esenova', 'representative'],
      ['aiperi.kasymova', 'member'],
    ],
  },
  {
    name: 'Көк-Таш жаштар комитети',
    kind: 'community_group',
    territory: 'kok-tash-village',
    status: 'pending',
    description: 'Көк-Таш айылынын жаштар комитети.',
    members: [
      ['talant.isaev', 'representative'],
      ['jarkynai.sultanova', 'member'],
    ],
  },
  {
    name: 'Самаркандек суу пайдалануучулар ассоциациясы',
    kind: 'ngo',
    territory: 'samarkandek-village',
    status: 'member',
    description: 'Сугат суусун бөлүштүрүү жана каналдарды тейлөө.',
    members: [
      ['azamat.kalyev', 'representative'],
      ['temir.abdraimov', 'member'],
    ],
  },
  {
    name: 'Баткен районунун мамлекеттик администрациясы',
    kind: 'state_administration',
    territory: 'batken-district',
    status: 'member',
    description: 'Райондук деңгээлде чечим кабыл алуучу орган.',
    members: [['ruslan.orozov', 'representative']],
  },
  {
    name: 'Чек ара аймактарын өнүктүрүү фонду',
    kind: 'ngo',
    territory: 'batken-district',
    status: 'rejected',
    description: 'Чек ара айылдарындагы долбоорлорду колдогон коомдук фонд.',
    members: [['dinara.sharipova', 'representative']],
  },
];

interface DemoIssue {
  title: string;
  body: string;
  language: 'ky' | 'ru';
  category: string;
  decisionLevel: string;
  territories: string[];
  author: string;
  organisation: string;
  /** Moves after `raised`, made by a facilitator. */
  path: string[];
  endorsedBy: string[];
  comments: [person: string, body: string][];
}

const ISSUES: DemoIssue[] = [
  {
    title: 'Сугат суусун бөлүштүрүүнүн графиги сакталбай жатат',
    body: 'Ак-Сай жана Көк-Таш айылдарынын ортосундагы каналдан суу бөлүштүрүү графиги июнь айынан бери сакталбай келет. Жогорку агымдагы айылдар түнкүсүн суу алып, төмөнкү талаалар кургап калууда. Суу пайдалануучулар ассоциациясы менен айыл өкмөтү биргелешкен көзөмөл тобун түзүү керек.',
    language: 'ky',
    category: 'water_irrigation',
    decisionLevel: 'district',
    territories: ['ak-sai-village', 'kok-tash-village'],
    author: 'nurlan.abdykadyrov',
    organisation: 'Ак-Сай айыл өкмөтү',
    path: ['discussing', 'prioritised'],
    endorsedBy: ['Ак-Сай аялдар кеңеши', 'Самаркандек суу пайдалануучулар ассоциациясы'],
    comments: [
      ['burul.esenova', 'Аялдар кеңеши 40 үй-бүлөнүн арызын чогултту, тиркейбиз.'],
      ['azamat.kalyev', 'Ассоциация графикти жаңыртып, ар бир айылга кезмет белгилөөнү сунуштайт.'],
      [
        'burul.esenova',
        '@[Гүлнара Осмонова], кийинки жыйында ушул маселени күн тартибине киргизсеңиз.',
      ],
    ],
  },
  {
    title: 'Дорога Ак-Татыр — Баткен закрыта после селя',
    body: 'После селя в мае участок дороги между Ак-Татыром и Баткеном размыт. Школьный автобус не ходит, больных везут в обход через соседние сёла. Нужен ремонт силами района и временный объезд.',
    language: 'ru',
    category: 'roads_transport',
    decisionLevel: 'district',
    territories: ['ak-tatyr', 'ak-tatyr-village'],
    author: 'aibek.tashiev',
    organisation: 'Ак-Татыр айыл өкмөтү',
    path: ['discussing', 'prioritised', 'escalated'],
    endorsedBy: ['Баткен районунун мамлекеттик администрациясы'],
    comments: [['ulan.mambetov', 'Из-за дороги 60 детей не ходят в школу уже две недели.']],
  },
  {
    title: 'Жайыттарга жетүү жолу тосулуп калды',
    body: 'Кыштут айыл аймагындагы жайыттарга баруучу жол чек ара тилкесинен өтөт. Малчылар ар бир жолу уруксат алууга аргасыз. Жайыт комитетине туруктуу уруксат берүү тартибин иштеп чыгуу керек.',
    language: 'ky',
    category: 'land_pasture',
    decisionLevel: 'intergovernmental',
    territories: ['kyshtut'],
    author: 'cholpon.kadyrova',
    organisation: 'Кыштут айыл өкмөтү',
    path: ['discussing'],
    endorsedBy: [],
    comments: [],
  },
  {
    title: 'Очереди на пункте пропуска для жителей приграничья',
    body: 'Жители Самаркандека тратят по полдня на пункте пропуска, чтобы попасть на рынок. Предлагаем отдельную очередь для жителей приграничных сёл с пропусками.',
    language: 'ru',
    category: 'border_crossing',
    decisionLevel: 'national',
    territories: ['samarkandek', 'samarkandek-village'],
    author: 'jyldyz.mamytova',
    organisation: 'Самаркандек айыл өкмөтү',
    path: ['discussing', 'prioritised', 'escalated'],
    endorsedBy: ['Төрткүл айыл өкмөтү'],
    comments: [['temir.abdraimov', 'Особенно тяжело в базарные дни, очередь с пяти утра.']],
  },
  {
    title: 'Көк-Таш мектебинде мугалимдер жетишпейт',
    body: 'Көк-Таш айылынын мектебинде математика жана орус тили мугалимдери жок. Жаштар комитети ыктыярчы мугалимдерди тартууну сунуштайт, бирок туруктуу чечим район деңгээлинде керек.',
    language: 'ky',
    category: 'education',
    decisionLevel: 'district',
    territories: ['kok-tash-village'],
    author: 'talant.isaev',
    organisation: 'Көк-Таш жаштар комитети',
    path: [],
    endorsedBy: [],
    comments: [['aiperi.kasymova', 'Ата-энелер жыйыны да ушул маселени көтөргөн.']],
  },
];

interface DemoEscalation {
  /** The issue's title: the seed finds it by that. */
  issue: string;
  authority: string;
  reference: string;
  sentDaysAgo: number;
  dueDaysAfterSent: number;
  answer?: { text: string; daysAgo: number };
}

/**
 * One answered (the issue moves on to `answered`) and one still waiting past its deadline, so
 * both the answer and the `overdue` filter show something.
 */
const ESCALATIONS: DemoEscalation[] = [
  {
    issue: 'Дорога Ак-Татыр — Баткен закрыта после селя',
    authority: 'Баткен районунун мамлекеттик администрациясы',
    reference: '№ 04-12/317',
    sentDaysAgo: 44,
    dueDaysAfterSent: 40,
    answer: {
      text: 'Райондук администрация жолду калыбына келтирүү үчүн эки грейдер бөлдү. Убактылуу айланма жол ачылды, негизги иш айдын аягына чейин бүтөт.',
      daysAgo: 6,
    },
  },
  {
    issue: 'Очереди на пункте пропуска для жителей приграничья',
    authority: 'Баткен районунун мамлекеттик администрациясы',
    reference: '№ 04-12/342',
    sentDaysAgo: 44,
    dueDaysAfterSent: 30,
  },
];

interface DemoRoom {
  name: string;
  kind: 'network' | 'issue' | 'organisation' | 'private';
  createdBy: string;
  /** kind issue: the issue's title. */
  issue?: string;
  /** kind organisation: the organisation's name. */
  organisation?: string;
  /** kind private: who is invited (the creator is always). */
  invited?: string[];
  messages: [person: string, body: string][];
}

/** One room of each kind, with a conversation in it, so a socket can join and send at once. */
const ROOMS: DemoRoom[] = [
  {
    name: 'Тармактын жалпы талкуусу',
    kind: 'network',
    createdBy: 'facilitator.gulnara',
    messages: [
      [
        'facilitator.gulnara',
        'Саламатсыздарбы! Тармактын кийинки жыйыны бейшемби күнү саат 10до Баткенде болот.',
      ],
      ['nurlan.abdykadyrov', 'Ак-Сайдан эки киши барабыз. Сугат суусу маселесин талкуулайлы.'],
      ['jyldyz.mamytova', 'Самаркандектен да келебиз. Пункт пропуска боюнча жаңылык барбы?'],
      ['ruslan.orozov', 'Районго кат жиберилди, жооп күтүп жатабыз.'],
      ['facilitator.erlan', 'Протоколду жыйындан кийин ушул жерге жүктөйм.'],
    ],
  },
  {
    name: 'Сугат суусунун графиги',
    kind: 'issue',
    createdBy: 'nurlan.abdykadyrov',
    issue: 'Сугат суусун бөлүштүрүүнүн графиги сакталбай жатат',
    messages: [
      ['nurlan.abdykadyrov', 'Кечээ түнү дагы суу төмөнкү талааларга жеткен жок.'],
      ['azamat.kalyev', 'Ассоциация жаңы графиктин долбоорун даярдады, эртең жөнөтөм.'],
      ['burul.esenova', 'Аялдар кеңеши кезметке эки кишини бере алат.'],
      ['facilitator.gulnara', 'Жакшы. Графикти жыйында бекитебиз.'],
    ],
  },
  {
    name: 'Ак-Сай аялдар кеңеши',
    kind: 'organisation',
    createdBy: 'burul.esenova',
    organisation: 'Ак-Сай аялдар кеңеши',
    messages: [
      ['burul.esenova', 'Кыздар, ишемби күнү мектепте жыйын болот. Ким келе алат?'],
      ['aiperi.kasymova', 'Мен келем. ФАПка дары-дармек келбей жатканын да айталы.'],
      ['burul.esenova', 'Макул, күн тартибине кошом.'],
    ],
  },
  {
    name: 'Фасилитаторлор',
    kind: 'private',
    createdBy: 'admin',
    invited: ['facilitator.gulnara', 'facilitator.erlan'],
    messages: [
      ['admin', 'Белгиленген билдирүүлөрдү бул аптада ким карайт?'],
      ['facilitator.erlan', 'Мен карайм. Гүлнара эже жыйынды даярдап жатат.'],
    ],
  },
];

export interface SeedCounts {
  users: number;
  organisations: number;
  memberships: number;
  issues: number;
  escalations: number;
  rooms: number;
  messages: number;
  notifications: number;
}

/** Idempotent: people by email, organisations by (territory, name); running it twice changes nothing. */
export async function seedDemo(
  dataSource: DataSource,
  progress: (line: string) => void,
): Promise<SeedCounts> {
  const territoryRows: { code: string; id: string }[] = await dataSource.query(
    'SELECT code, id FROM territories',
  );
  const territories = new Map(territoryRows.map((r) => [r.code, r.id]));
  const territoryId = (code: string): string => {
    const id = territories.get(code);
    if (!id) throw new Error(`Territory ${code} is missing: run the migrations first`);
    return id;
  };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const counts: SeedCounts = {
    users: 0,
    organisations: 0,
    memberships: 0,
    issues: 0,
    escalations: 0,
    rooms: 0,
    messages: 0,
    notifications: 0,
  };

  const people = new Map<string, string>();
  for (const [index, person] of PEOPLE.entries()) {
    const email = `${person.key}@${DOMAIN}`;
    const rows: { id: string; inserted: boolean }[] = await dataSource.query(
      `INSERT INTO users (email, password_hash, display_name, role, preferred_language, position, phone, languages, territory_id)
       VALUES ($1, $2, $3, $4, 'ky', $5, $6, $7, $8)
       ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email
       RETURNING id, (xmax = 0) AS inserted`,
      [
        email,
        passwordHash,
        person.name,
        person.role,
        person.position,
        person.phone ?? null,
        person.languages,
        territoryId(person.territory),
      ],
    );
    people.set(person.key, rows[0].id);
    if (rows[0].inserted) counts.users += 1;
    progress(`people ${index + 1}/${PEOPLE.length}`);
  }

  for (const [index, organisation] of ORGANISATIONS.entries()) {
    const rows: { id: string; inserted: boolean }[] = await dataSource.query(
      `INSERT INTO organisations (name, kind, territory_id, description, network_status, network_applied_at, network_decided_at, network_decision_reason)
       VALUES ($1, $2, $3, $4, $5,
               CASE WHEN $5 <> 'none' THEN now() END,
               CASE WHEN $5 IN ('member', 'rejected') THEN now() END,
               CASE WHEN $5 = 'rejected' THEN 'Уюмдун ишмердиги тармактын максаттарына дал келбейт' END)
       ON CONFLICT (territory_id, name) DO UPDATE SET name = EXCLUDED.name
       RETURNING id, (xmax = 0) AS inserted`,
      [
        organisation.name,
        organisation.kind,
        territoryId(organisation.territory),
        organisation.description,
        organisation.status,
      ],
    );
    const organisationId = rows[0].id;
    if (rows[0].inserted) counts.organisations += 1;
    for (const [person, role] of organisation.members) {
      const inserted: unknown[] = await dataSource.query(
        `INSERT INTO organisation_members (organisation_id, user_id, role) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING user_id`,
        [organisationId, people.get(person), role],
      );
      counts.memberships += inserted.length;
    }
    progress(`organisations ${index + 1}/${ORGANISATIONS.length}`);
  }

  const organisationRows: { name: string; id: string }[] = await dataSource.query(
    'SELECT name, id FROM organisations',
  );
  const organisationIds = new Map(organisationRows.map((r) => [r.name, r.id]));
  const facilitator = people.get('facilitator.gulnara')!;
  for (const [index, issue] of ISSUES.entries()) {
    const notified = await seedIssue(
      dataSource,
      issue,
      people,
      organisationIds,
      territoryId,
      facilitator,
    );
    if (notified !== null) {
      counts.issues += 1;
      counts.notifications += notified;
    }
    progress(`issues ${index + 1}/${ISSUES.length}`);
  }
  for (const [index, escalation] of ESCALATIONS.entries()) {
    const notified = await seedEscalation(dataSource, escalation, organisationIds, facilitator);
    if (notified !== null) {
      counts.escalations += 1;
      counts.notifications += notified;
    }
    progress(`escalations ${index + 1}/${ESCALATIONS.length}`);
  }
  for (const [index, room] of ROOMS.entries()) {
    const messages = await seedRoom(dataSource, room, people, organisationIds);
    if (messages !== null) {
      counts.rooms += 1;
      counts.messages += messages;
    }
    progress(`rooms ${index + 1}/${ROOMS.length}`);
  }
  // Advocacy samples (issue 13): each part adds one idempotent call here.
  await seedLegalSamples(dataSource, progress);
  await seedCampaignSamples(dataSource, progress);
  await seedStrategySamples(dataSource, progress);

  return counts;
}

/**
 * One demo issue with its history, endorsements, followers, comments and the notifications
 * they would have sent (unread); skipped if its title exists. Answers how many notifications it
 * stored, or `null` when skipped.
 */
async function seedIssue(
  dataSource: DataSource,
  issue: DemoIssue,
  people: Map<string, string>,
  organisationIds: Map<string, string>,
  territoryId: (code: string) => string,
  facilitator: string,
): Promise<number | null> {
  const exists: unknown[] = await dataSource.query('SELECT 1 FROM issues WHERE title = $1', [
    issue.title,
  ]);
  if (exists.length) return null;
  const author = people.get(issue.author)!;
  return dataSource.transaction(async (manager) => {
    const notifications: DemoNotification[] = [];
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO issues (title, body, category, decision_level, status, language, author_id, organisation_id, created_at, status_changed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now() - make_interval(days => $9), now() - make_interval(days => $10))
       RETURNING id`,
      [
        issue.title,
        issue.body,
        issue.category,
        issue.decisionLevel,
        issue.path.at(-1) ?? 'raised',
        issue.language,
        author,
        organisationIds.get(issue.organisation) ?? null,
        daysAgo(0),
        daysAgo(issue.path.length),
      ],
    );
    const id = inserted[0].id;
    for (const code of issue.territories) {
      await manager.query(
        'INSERT INTO issue_territories (issue_id, territory_id) VALUES ($1, $2)',
        [id, territoryId(code)],
      );
    }
    const statuses = ['raised', ...issue.path];
    await manager.query(
      `INSERT INTO issue_transitions (issue_id, from_status, to_status, actor_id, created_at)
       VALUES ($1, NULL, 'raised', $2, now() - make_interval(days => $3))`,
      [id, author, daysAgo(0)],
    );
    for (let i = 1; i < statuses.length; i += 1) {
      const note = i === statuses.length - 1 ? 'Тармактын жыйынында талкууланды' : null;
      await manager.query(
        `INSERT INTO issue_transitions (issue_id, from_status, to_status, actor_id, note, created_at)
         VALUES ($1, $2, $3, $4, $5, now() - make_interval(days => $6))`,
        [id, statuses[i - 1], statuses[i], facilitator, note, daysAgo(i)],
      );
      if (i === statuses.length - 1)
        notifications.push({
          recipients: [author],
          kind: 'status_changed',
          actor: facilitator,
          payload: { issueTitle: issue.title, from: statuses[i - 1], to: statuses[i], note },
        });
    }
    const followers = new Set([author]);
    for (const name of issue.endorsedBy) {
      const organisationId = organisationIds.get(name)!;
      const signers: { user_id: string }[] = await manager.query(
        `SELECT user_id FROM organisation_members WHERE organisation_id = $1 ORDER BY role DESC LIMIT 1`,
        [organisationId],
      );
      const signer = signers[0];
      await manager.query(
        'INSERT INTO endorsements (issue_id, organisation_id, endorsed_by, note) VALUES ($1, $2, $3, $4)',
        [id, organisationId, signer?.user_id ?? null, 'Бизге да тиешелүү'],
      );
      if (signer) followers.add(signer.user_id);
      notifications.push({
        recipients: [author],
        kind: 'endorsement',
        actor: signer?.user_id ?? null,
        payload: { issueTitle: issue.title, organisationId, organisationName: name, note: null },
      });
    }
    for (const [person, body] of issue.comments) {
      const commenter = people.get(person)!;
      const [comment]: { id: string }[] = await manager.query(
        'INSERT INTO comments (issue_id, author_id, body, language) VALUES ($1, $2, $3, $4) RETURNING id',
        [id, commenter, body, issue.language],
      );
      const payload = { issueTitle: issue.title, commentId: comment.id, excerpt: body };
      const mentioned = [...body.matchAll(/@\[([^\]]+)\]/g)].map(([, name]) =>
        people.get(PEOPLE.find((p) => p.name === name)?.key ?? '')!,
      );
      notifications.push({ recipients: mentioned, kind: 'mention', actor: commenter, payload });
      // Those who follow the thread by then hear of it, as the comments service would tell them.
      notifications.push({
        recipients: [...followers].filter((f) => !mentioned.includes(f)),
        kind: 'comment',
        actor: commenter,
        payload,
      });
      followers.add(commenter);
    }
    for (const userId of followers) {
      await manager.query('INSERT INTO issue_follows (issue_id, user_id) VALUES ($1, $2)', [
        id,
        userId,
      ]);
    }
    await manager.query(
      `UPDATE issues SET
         endorsement_count = (SELECT count(*) FROM endorsements WHERE issue_id = $1),
         follower_count = (SELECT count(*) FROM issue_follows WHERE issue_id = $1),
         comment_count = (SELECT count(*) FROM comments WHERE issue_id = $1)
       WHERE id = $1`,
      [id],
    );
    return insertNotifications(manager, id, notifications);
  });
}

/**
 * How many days ago the demo issue's n-th status was reached: raised 60 days ago, each later
 * move 5 days after the one before, so the history reads in order and escalations, sent after
 * the move to `escalated`, can be overdue by now.
 */
function daysAgo(step: number): number {
  return 60 - 5 * step;
}

interface DemoNotification {
  recipients: string[];
  kind: 'comment' | 'mention' | 'status_changed' | 'endorsement' | 'escalation_answered';
  actor: string | null;
  payload: Record<string, unknown>;
}

/** Unread, as they would be after the events; never to the one who acted. */
async function insertNotifications(
  manager: EntityManager,
  issueId: string,
  notifications: DemoNotification[],
): Promise<number> {
  let stored = 0;
  for (const { recipients, kind, actor, payload } of notifications) {
    for (const recipient of new Set(recipients)) {
      if (!recipient || recipient === actor) continue;
      await manager.query(
        'INSERT INTO notifications (recipient_id, kind, issue_id, actor_id, payload) VALUES ($1, $2, $3, $4, $5)',
        [recipient, kind, issueId, actor, JSON.stringify(payload)],
      );
      stored += 1;
    }
  }
  return stored;
}

/**
 * An escalation of a demo issue that is `escalated` (or already `answered`), once per issue
 * and reference; with an answer, an `escalated` issue moves on to `answered` and its followers
 * are told, as recording the answer through the API would do. Answers how many notifications
 * it stored, or `null` when skipped.
 */
async function seedEscalation(
  dataSource: DataSource,
  escalation: DemoEscalation,
  organisationIds: Map<string, string>,
  facilitator: string,
): Promise<number | null> {
  const authorityId = organisationIds.get(escalation.authority)!;
  return dataSource.transaction(async (manager) => {
    const issues: { id: string; status: string }[] = await manager.query(
      `SELECT id, status FROM issues WHERE title = $1 AND status IN ('escalated', 'answered')
         AND NOT EXISTS (SELECT 1 FROM escalations e WHERE e.issue_id = issues.id AND e.reference = $2)
       FOR UPDATE`,
      [escalation.issue, escalation.reference],
    );
    const issue = issues[0];
    if (!issue) return null;
    const { answer } = escalation;
    const [created]: { id: string }[] = await manager.query(
      `INSERT INTO escalations (issue_id, authority_organisation_id, sent_at, reference, response_due_at, response_text, responded_at, created_by)
       VALUES ($1, $2, now() - make_interval(days => $3), $4, now() - make_interval(days => $3 - $5),
               $6, now() - make_interval(days => $7), $8)
       RETURNING id`,
      [
        issue.id,
        authorityId,
        escalation.sentDaysAgo,
        escalation.reference,
        escalation.dueDaysAfterSent,
        answer?.text ?? null,
        answer?.daysAgo ?? null,
        facilitator,
      ],
    );
    if (!answer) return 0;
    // make_interval(days => NULL) is NULL, so an unanswered one keeps responded_at empty.
    if (issue.status === 'escalated') {
      await manager.query(
        `INSERT INTO issue_transitions (issue_id, from_status, to_status, actor_id, note, created_at)
         VALUES ($1, 'escalated', 'answered', $2, 'Райондук администрациянын жообу катталды',
                 now() - make_interval(days => $3))`,
        [issue.id, facilitator, answer.daysAgo],
      );
      await manager.query(
        `UPDATE issues SET status = 'answered', status_changed_at = now() - make_interval(days => $2)
          WHERE id = $1`,
        [issue.id, answer.daysAgo],
      );
    }
    const followers: { user_id: string }[] = await manager.query(
      'SELECT user_id FROM issue_follows WHERE issue_id = $1',
      [issue.id],
    );
    return insertNotifications(manager, issue.id, [
      {
        recipients: followers.map((f) => f.user_id),
        kind: 'escalation_answered',
        actor: facilitator,
        payload: {
          issueTitle: escalation.issue,
          escalationId: created.id,
          authorityName: escalation.authority,
          excerpt: Array.from(answer.text).slice(0, 140).join(''),
        },
      },
    ]);
  });
}

/**
 * A room with its conversation (messages an hour apart, seq from 1, read markers at each
 * author's own last message), created once: a room of that kind and name (for an issue room:
 * the issue's room) already there is left alone. Answers the messages stored, or `null`.
 */
async function seedRoom(
  dataSource: DataSource,
  room: DemoRoom,
  people: Map<string, string>,
  organisationIds: Map<string, string>,
): Promise<number | null> {
  return dataSource.transaction(async (manager) => {
    let issueId: string | null = null;
    if (room.issue) {
      const rows: { id: string }[] = await manager.query('SELECT id FROM issues WHERE title = $1', [
        room.issue,
      ]);
      issueId = rows[0]?.id ?? null;
      if (!issueId) return null;
    }
    const organisationId = room.organisation ? organisationIds.get(room.organisation)! : null;
    const existing: unknown[] = await manager.query(
      issueId
        ? "SELECT 1 FROM rooms WHERE kind = 'issue' AND issue_id = $1"
        : 'SELECT 1 FROM rooms WHERE kind = $1 AND name = $2',
      issueId ? [issueId] : [room.kind, room.name],
    );
    if (existing.length) return null;
    const creator = people.get(room.createdBy)!;
    const [{ id }]: { id: string }[] = await manager.query(
      `INSERT INTO rooms (name, kind, issue_id, organisation_id, created_by, last_seq)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [room.name, room.kind, issueId, organisationId, creator, room.messages.length],
    );
    for (const person of room.kind === 'private' ? [room.createdBy, ...(room.invited ?? [])] : [])
      await manager.query(
        'INSERT INTO room_members (room_id, user_id, invited, added_by) VALUES ($1, $2, true, $3)',
        [id, people.get(person), creator],
      );
    const lastSeqOf = new Map<string, number>();
    for (const [index, [person, body]] of room.messages.entries()) {
      const seq = index + 1;
      const author = people.get(person)!;
      await manager.query(
        `INSERT INTO messages (room_id, seq, client_msg_id, author_id, body, created_at)
         VALUES ($1, $2, gen_random_uuid(), $3, $4, now() - make_interval(hours => $5))`,
        [id, seq, author, body, room.messages.length - index],
      );
      lastSeqOf.set(author, seq);
    }
    for (const [author, seq] of lastSeqOf)
      await manager.query(
        `INSERT INTO room_members (room_id, user_id, last_read_seq) VALUES ($1, $2, $3)
         ON CONFLICT (room_id, user_id) DO UPDATE SET last_read_seq = EXCLUDED.last_read_seq`,
        [id, author, seq],
      );
    return room.messages.length;
  });
}

export interface DemoAccount {
  email: string;
  password: string;
  displayName: string;
  role: NetworkRole;
  organisations: { name: string; role: OrganisationRole }[];
}

/** Every demo account as it now is in the database, admin first, for the closing printout. */
export async function demoAccounts(dataSource: DataSource): Promise<DemoAccount[]> {
  const rows: {
    email: string;
    display_name: string;
    role: NetworkRole;
    organisations: { name: string; role: OrganisationRole }[] | null;
  }[] = await dataSource.query(
    `SELECT u.email, u.display_name, u.role,
            (SELECT json_agg(json_build_object('name', o.name, 'role', om.role) ORDER BY om.role DESC, o.name)
               FROM organisation_members om JOIN organisations o ON o.id = om.organisation_id
              WHERE om.user_id = u.id) AS organisations
       FROM users u WHERE u.email LIKE $1
      ORDER BY CASE u.role WHEN 'admin' THEN 0 WHEN 'facilitator' THEN 1 ELSE 2 END, u.email`,
    [`%@${DOMAIN}`],
  );
  return rows.map((r) => ({
    email: r.email,
    password: DEMO_PASSWORD,
    displayName: r.display_name,
    role: r.role,
    organisations: r.organisations ?? [],
  }));
}

/** A plain-text table for a terminal: one line per account, columns padded by characters. */
export function accountsTable(accounts: DemoAccount[]): string {
  const header = ['email', 'password', 'role', 'organisation (role)'];
  const lines = accounts.map((a) => [
    a.email,
    a.password,
    a.role,
    a.organisations.map((o) => `${o.name} (${o.role})`).join('; ') || '—',
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...lines.map((line) => Array.from(line[i]).length)),
  );
  const row = (cells: string[]): string =>
    cells
      .map((cell, i) =>
        i === cells.length - 1 ? cell : cell + ' '.repeat(widths[i] - Array.from(cell).length),
      )
      .join('  ');
  return [row(header), row(widths.map((w) => '-'.repeat(w))), ...lines.map(row)].join('\n');
}

/** The demo rooms with their ids, for the closing printout (a socket joins a room by id). */
export async function demoRooms(
  dataSource: DataSource,
): Promise<{ id: string; name: string; kind: string; messages: number }[]> {
  return dataSource.query(
    `SELECT id, name, kind, last_seq AS messages FROM rooms
      WHERE name = ANY($1::text[]) ORDER BY array_position($1::text[], name)`,
    [ROOMS.map((r) => r.name)],
  );
}
