import type { DataSource } from 'typeorm';
import { hashPassword } from '../../modules/auth/password.js';
import type {
  NetworkStatus,
  OrganisationKind,
  OrganisationRole,
} from '../../modules/organisations/organisation.enums.js';
import type { NetworkRole } from '../../modules/users/user-role.js';
import type { Language } from '../../common/languages.js';

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
    path: [],
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

export interface SeedCounts {
  users: number;
  organisations: number;
  memberships: number;
  issues: number;
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
  const counts: SeedCounts = { users: 0, organisations: 0, memberships: 0, issues: 0 };

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
    if (await seedIssue(dataSource, issue, people, organisationIds, territoryId, facilitator))
      counts.issues += 1;
    progress(`issues ${index + 1}/${ISSUES.length}`);
  }
  return counts;
}

/** One demo issue with its history, endorsements, followers and comments; skipped if its title exists. */
async function seedIssue(
  dataSource: DataSource,
  issue: DemoIssue,
  people: Map<string, string>,
  organisationIds: Map<string, string>,
  territoryId: (code: string) => string,
  facilitator: string,
): Promise<boolean> {
  const exists: unknown[] = await dataSource.query('SELECT 1 FROM issues WHERE title = $1', [
    issue.title,
  ]);
  if (exists.length) return false;
  const author = people.get(issue.author)!;
  await dataSource.transaction(async (manager) => {
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO issues (title, body, category, decision_level, status, language, author_id, organisation_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        issue.title,
        issue.body,
        issue.category,
        issue.decisionLevel,
        issue.path.at(-1) ?? 'raised',
        issue.language,
        author,
        organisationIds.get(issue.organisation) ?? null,
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
      `INSERT INTO issue_transitions (issue_id, from_status, to_status, actor_id) VALUES ($1, NULL, 'raised', $2)`,
      [id, author],
    );
    for (let i = 1; i < statuses.length; i += 1) {
      await manager.query(
        'INSERT INTO issue_transitions (issue_id, from_status, to_status, actor_id, note) VALUES ($1, $2, $3, $4, $5)',
        [
          id,
          statuses[i - 1],
          statuses[i],
          facilitator,
          i === statuses.length - 1 ? 'Тармактын жыйынында талкууланды' : null,
        ],
      );
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
    }
    for (const [person, body] of issue.comments) {
      const commenter = people.get(person)!;
      await manager.query(
        'INSERT INTO comments (issue_id, author_id, body, language) VALUES ($1, $2, $3, $4)',
        [id, commenter, body, issue.language],
      );
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
  });
  return true;
}
