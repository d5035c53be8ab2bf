/**
 * `npm run bench:issues [-- --scale=0.1] [--data-dir=<folder>]`: issue threads at the size of
 * a busy network (with --data-dir, seeded once into that folder and reused by later runs). Seeds
 * 5,000 members, 300 organisations, 100,000 issues and 1,000,000 comments (times --scale)
 * straight into the hub's embedded PostgreSQL with set-based SQL, then measures with 1 and 20
 * concurrent clients: the first page of the list, page 1,000 by cursor, search by a word, and
 * an issue with its first 50 comments; next to GET /health/live and the same list query run
 * through `pg` with keyset and with OFFSET. Prints the figures beside the targets and the
 * EXPLAIN (ANALYZE, BUFFERS) of the list, page-1,000 and search queries. Nothing is asserted.
 * See bench/README.md.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import http from 'node:http';
import { availableParallelism, loadavg } from 'node:os';
import pg from 'pg';
import {
  API,
  call,
  isAborted,
  loadAverage,
  log,
  MAIN,
  makeDataDir,
  ms,
  percentile,
  runBench,
  send,
  startHub,
  stopHub,
  table,
} from './lib.js';

// ---------------------------------------------------------------------------------------------
// Settings

const FULL = { users: 5000, organisations: 300, issues: 100_000, comments: 1_000_000 };
const PAGE = 20;
const DEEP_PAGE = 1000;
const COMMENTS_PAGE = 50;
const CLIENTS = [1, 20] as const;
/** Fixed request counts, each run also bounded by time. */
const REQUESTS: Record<number, number> = { 1: 300, 20: 2000 };
const RUN_TIME_LIMIT_MS: Record<number, number> = { 1: 15_000, 20: 30_000 };
const WARM_UP_MS = 3000;
/** Long enough that a slow search is measured rather than cut off. */
const REQUEST_TIMEOUT_MS = 60_000;
const ISSUE_BATCH = 10_000;
const COMMENT_BATCH = 50_000;
/** Loader connections for the comments: the machine has two cores. */
const LOAD_WORKERS = 2;
/** Users 0 … FACILITATORS - 1 are facilitators (they hide comments). */
const FACILITATORS = 10;
const PASSWORD = 'bench password 0123456789';
/** Whatever happens, the bench gives up and cleans up after this long. */
const OVERALL_TIME_LIMIT_MS = 90 * 60_000;

const SEARCH_WORDS = [
  { word: 'суу', note: 'ky, frequent' },
  { word: 'көпүрө', note: 'ky, mid' },
  { word: 'граница', note: 'ru, frequent' },
  { word: 'водопровод', note: 'ru, rare' },
];
/**
 * Measured after SEARCH_WORDS, not in "the words in turn" (so that figure compares with runs
 * before them): a Russian word the thesaurus widens to the frequent Kyrgyz "суу", and a name
 * typed in Latin letters for the Cyrillic titles "Ак-Сай: …".
 */
const SEARCH_WORDS_FOLDED = [
  { word: 'вода', note: 'ru, thesaurus' },
  { word: 'Ak-Sai', note: 'Latin for Cyrillic' },
];

// ---------------------------------------------------------------------------------------------
// Words. Per language: function words (uniform), then content words most frequent first (drawn
// with a skew, so early words are common and late ones rare). The `kenesh` search
// configuration does not stem, so each form is its own lexeme, as in real Kyrgyz text.

const KY_FUNCTION = [
  'жана',
  'менен',
  'үчүн',
  'бул',
  'да',
  'эле',
  'боюнча',
  'анын',
  'биз',
  'бар',
  'жок',
  'керек',
  'болуп',
  'дагы',
  'ар',
  'бир',
  'абдан',
  'азыр',
];
const KY_CONTENT = [
  'айыл',
  'эл',
  'маселе',
  'суу',
  'жол',
  'жер',
  'чек',
  'ара',
  'мектеп',
  'балдар',
  'сугат',
  'жайыт',
  'аким',
  'кеңеш',
  'өкмөт',
  'чечим',
  'жыйын',
  'арык',
  'канал',
  'акча',
  'бюджет',
  'кошуна',
  'талаш',
  'оорукана',
  'дарыгер',
  'мугалим',
  'электр',
  'жарык',
  'базар',
  'баа',
  'соода',
  'унаа',
  'автобус',
  'өтмөк',
  'бекет',
  'паспорт',
  'документ',
  'жаран',
  'мал',
  'кой',
  'уй',
  'чөп',
  'эгин',
  'өрүк',
  'дыйкан',
  'жумуш',
  'жаштар',
  'аялдар',
  'карылар',
  'мигрант',
  'курулуш',
  'оңдоо',
  'көпүрө',
  'кудук',
  'насос',
  'түтүк',
  'дарыя',
  'сел',
  'кар',
  'кыш',
  'жаз',
  'коопсуздук',
  'тынчтык',
  'достук',
  'кызматташтык',
  'долбоор',
  'грант',
  'уюм',
  'жардам',
  'окуу',
  'китеп',
  'интернет',
  'байланыш',
  'телефон',
  'нан',
  'ун',
  'газ',
  'жылуулук',
  'көмүр',
  'ичүүчү',
  'тазалык',
  'таштанды',
  'бала-бакча',
  'спорт',
  'аянтча',
  'маданият',
  'үй',
  'дубал',
  'чатыр',
  'мончо',
  'бейит',
  'мечит',
  'милиция',
  'камера',
  'тоскоол',
  'кезек',
  'арыз',
  'жооп',
  'мөөнөт',
  'комиссия',
  'сүйлөшүү',
  'чектөө',
  'тажик',
  'кыргыз',
  'чыр-чатак',
  'кырсык',
  'жаңылык',
  'отчет',
  'графиги',
  'тартип',
  'мыйзам',
];
const RU_FUNCTION = [
  'и',
  'в',
  'на',
  'с',
  'по',
  'не',
  'для',
  'что',
  'это',
  'к',
  'из',
  'от',
  'о',
  'у',
  'как',
  'уже',
  'очень',
  'нет',
];
const RU_CONTENT = [
  'село',
  'жители',
  'вопрос',
  'вода',
  'дорога',
  'граница',
  'земля',
  'школа',
  'дети',
  'полив',
  'айыл',
  'аким',
  'кенеш',
  'решение',
  'собрание',
  'арык',
  'канал',
  'пастбище',
  'бюджет',
  'средства',
  'соседи',
  'спор',
  'больница',
  'врач',
  'учитель',
  'свет',
  'электричество',
  'рынок',
  'цены',
  'торговля',
  'транспорт',
  'автобус',
  'пропуск',
  'пункт',
  'таможня',
  'пограничники',
  'паспорт',
  'документы',
  'гражданство',
  'скот',
  'урожай',
  'абрикосы',
  'фермеры',
  'работа',
  'молодежь',
  'женщины',
  'пенсионеры',
  'мигранты',
  'строительство',
  'ремонт',
  'мост',
  'колодец',
  'насос',
  'трубы',
  'река',
  'сель',
  'снег',
  'зима',
  'весна',
  'безопасность',
  'мир',
  'дружба',
  'сотрудничество',
  'проект',
  'грант',
  'организация',
  'помощь',
  'учеба',
  'учебники',
  'интернет',
  'связь',
  'телефон',
  'хлеб',
  'мука',
  'газ',
  'отопление',
  'уголь',
  'питьевая',
  'чистота',
  'мусор',
  'детсад',
  'спорт',
  'площадка',
  'культура',
  'дом',
  'стена',
  'крыша',
  'баня',
  'кладбище',
  'мечеть',
  'милиция',
  'камера',
  'препятствие',
  'очередь',
  'жалоба',
  'ответ',
  'срок',
  'комиссия',
  'переговоры',
  'ограничение',
  'конфликт',
  'инцидент',
  'новости',
  'отчет',
  'график',
  'порядок',
  'закон',
  'водопровод',
];
const EN_FUNCTION = [
  'the',
  'and',
  'of',
  'to',
  'in',
  'for',
  'on',
  'with',
  'is',
  'at',
  'from',
  'by',
  'not',
  'this',
  'are',
  'was',
];
const EN_CONTENT = [
  'village',
  'residents',
  'issue',
  'water',
  'road',
  'border',
  'land',
  'school',
  'children',
  'irrigation',
  'council',
  'decision',
  'meeting',
  'canal',
  'pasture',
  'budget',
  'funding',
  'neighbours',
  'dispute',
  'clinic',
  'doctor',
  'teacher',
  'electricity',
  'market',
  'prices',
  'trade',
  'transport',
  'bus',
  'crossing',
  'checkpoint',
  'customs',
  'guards',
  'passport',
  'documents',
  'citizenship',
  'livestock',
  'harvest',
  'apricots',
  'farmers',
  'jobs',
  'youth',
  'women',
  'elders',
  'migrants',
  'construction',
  'repair',
  'bridge',
  'well',
  'pump',
  'pipes',
  'river',
  'mudflow',
  'snow',
  'winter',
  'safety',
  'peace',
  'cooperation',
  'project',
  'grant',
  'organisation',
  'support',
  'internet',
  'mobile',
  'bread',
  'heating',
  'coal',
  'drinking',
  'waste',
  'kindergarten',
  'sports',
  'culture',
  'roof',
  'police',
  'queue',
  'complaint',
  'response',
  'deadline',
  'commission',
  'negotiations',
  'restriction',
  'incident',
  'report',
  'schedule',
  'law',
];
const PLACES_CYRILLIC = [
  'Ак-Сай',
  'Ак-Татыр',
  'Самаркандек',
  'Кара-Бак',
  'Көк-Таш',
  'Арка',
  'Максат',
  'Кайрагач',
  'Достук',
  'Жаңы-Жер',
  'Тил',
  'Орто-Бөз',
  'Баткен',
  'Бужум',
];
const PLACES_LATIN = [
  'Ak-Sai',
  'Ak-Tatyr',
  'Samarkandek',
  'Kara-Bak',
  'Kok-Tash',
  'Arka',
  'Maksat',
  'Kairagach',
  'Dostuk',
  'Jany-Jer',
  'Til',
  'Orto-Boz',
  'Batken',
  'Bujum',
];
const FIRST_NAMES = [
  'Айгүл',
  'Бакыт',
  'Гүлнара',
  'Жылдыз',
  'Нурлан',
  'Азамат',
  'Чолпон',
  'Эрмек',
  'Алтынай',
  'Талант',
  'Бурулай',
  'Улан',
  'Мээрим',
  'Канат',
  'Асель',
  'Дамир',
  'Нургүл',
  'Айбек',
];
const LAST_NAMES = [
  'Абдыкадырова',
  'Токтогулов',
  'Сыдыкова',
  'Мамытов',
  'Осмонова',
  'Жумабеков',
  'Исакова',
  'Турдубаев',
  'Алиева',
  'Кадыров',
  'Бекмуратова',
  'Эсенов',
];
const ORG_KINDS = [
  'state_administration',
  'government_body',
  'aiyl_okmotu',
  'aiyl_kenesh',
  'ngo',
  'community_group',
  'aiyl_okmotu',
  'ngo',
  'community_group',
  'international_partner',
];
const CATEGORIES = [
  'water_irrigation',
  'land_pasture',
  'roads_transport',
  'border_crossing',
  'infrastructure',
  'documents_citizenship',
  'trade_markets',
  'education',
  'health',
  'security_incidents',
  'interethnic_relations',
  'other',
];
const DECISION_LEVELS = ['aiyl_aimak', 'district', 'oblast', 'national', 'intergovernmental'];

// ---------------------------------------------------------------------------------------------
// Arguments

interface Options {
  scale: number;
  /** A data folder kept after the run; seeded on first use, reused as it is afterwards. */
  dataDir?: string;
}

/** Written into a --data-dir once its seeding finished: the next run skips the seeding. */
const SEEDED_MARK = 'bench-issues-seeded.json';

function parseOptions(argv: string[]): Options {
  const options: Options = { scale: 1 };
  for (const arg of argv) {
    const scale = /^--scale=(.+)$/.exec(arg)?.[1];
    const dir = /^--data-dir=(.+)$/.exec(arg)?.[1];
    if (dir !== undefined) {
      options.dataDir = resolve(dir);
    } else if (scale !== undefined) {
      const value = Number(scale);
      if (!Number.isFinite(value) || value <= 0 || value > 10)
        throw new Error(`--scale must be a number in (0, 10], got ${scale}`);
      options.scale = value;
    } else {
      throw new Error(`unknown argument ${arg} (known: --scale=<factor>, --data-dir=<folder>)`);
    }
  }
  return options;
}

// ---------------------------------------------------------------------------------------------
// Seeding

interface Sizes {
  users: number;
  organisations: number;
  issues: number;
  comments: number;
  /** Members per organisation; organisation j has users j·M … j·M + M - 1 (mod users). */
  membersPerOrganisation: number;
}

function connectionLost(error: Error): void {
  if (!isAborted()) log(`a PostgreSQL connection failed: ${error.message}`);
}

interface Phase {
  name: string;
  rows: number;
  seconds: number;
}

const n0 = (value: number): string => Math.round(value).toLocaleString('en-US');

function bar(done: number, total: number, width = 24): string {
  const filled = Math.round((done / Math.max(total, 1)) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

/**
 * Session helpers (temporary, gone with the connection): deterministic v4-shaped UUIDs, so
 * related rows can be computed instead of looked up, and word soup with a skew.
 */
async function prepareSession(client: pg.ClientBase): Promise<void> {
  await client.query("SET synchronous_commit = off; SET work_mem = '64MB'");
  await client.query(`
    CREATE OR REPLACE FUNCTION pg_temp.bench_uuid(seed text) RETURNS uuid
    LANGUAGE sql IMMUTABLE AS $$
      SELECT overlay(overlay(md5(seed) placing '4' from 13) placing '8' from 17)::uuid
    $$`);
  // fw: function words, drawn uniformly with probability pf; cw: content words, word i of n
  // drawn with probability ~ 1/(2·sqrt(i·n)); pp: chance of a full stop after a word.
  await client.query(`
    CREATE OR REPLACE FUNCTION pg_temp.bench_text(fw text[], cw text[], n int, pf float8, pp float8)
    RETURNS text LANGUAGE sql VOLATILE AS $$
      SELECT string_agg(
        CASE WHEN random() < pf THEN fw[1 + floor(random() * cardinality(fw))::int]
             ELSE cw[1 + floor(cardinality(cw) * random() ^ 2)::int] END
        || CASE WHEN random() < pp THEN '.' ELSE '' END, ' ')
      FROM generate_series(1, n)
    $$`);
}

/** $1…$6: function and content words of ky, ru, en. */
const WORD_PARAMS = [KY_FUNCTION, KY_CONTENT, RU_FUNCTION, RU_CONTENT, EN_FUNCTION, EN_CONTENT];
const fwOf = (lang: string): string =>
  `CASE ${lang} WHEN 'ky' THEN $1::text[] WHEN 'ru' THEN $3::text[] ELSE $5::text[] END`;
const cwOf = (lang: string): string =>
  `CASE ${lang} WHEN 'ky' THEN $2::text[] WHEN 'ru' THEN $4::text[] ELSE $6::text[] END`;

class Seeder {
  readonly phases: Phase[] = [];

  constructor(
    private readonly url: string,
    private readonly main: pg.Client,
    private readonly sizes: Sizes,
    private readonly t0: Date,
  ) {}

  /** One statement; prints a line with its rate. */
  private async step(name: string, sql: string, params: unknown[] = []): Promise<number> {
    if (isAborted()) throw new Error('aborted');
    const started = performance.now();
    const result = await this.main.query(sql, params);
    const seconds = (performance.now() - started) / 1000;
    const rows = result.rowCount ?? 0;
    this.phases.push({ name, rows, seconds });
    log(
      `  ${name.padEnd(26)} ${n0(rows).padStart(10)} rows in ${seconds.toFixed(1).padStart(6)} s` +
        (rows ? `  ${n0(rows / seconds).padStart(9)} rows/s` : ''),
    );
    return rows;
  }

  /**
   * Runs `batches` on `workers` connections of their own, printing a progress bar per batch.
   * Each batch returns the rows it inserted.
   */
  private async batched(
    name: string,
    total: number,
    batches: { lo: number; hi: number }[],
    workers: number,
    run: (client: pg.ClientBase, lo: number, hi: number) => Promise<number>,
  ): Promise<void> {
    const clients: pg.Client[] = [];
    try {
      for (let i = 0; i < workers; i++) {
        const client = new pg.Client({ connectionString: this.url });
        client.on('error', connectionLost);
        await client.connect();
        clients.push(client);
        await prepareSession(client);
      }
      const started = performance.now();
      let done = 0;
      let next = 0;
      await Promise.all(
        clients.map(async (client) => {
          while (next < batches.length && !isAborted()) {
            const { lo, hi } = batches[next++];
            const t = performance.now();
            const rows = await run(client, lo, hi);
            done += rows;
            const now = performance.now();
            const elapsed = (now - started) / 1000;
            log(
              `  ${name.padEnd(10)} ${bar(done, total)} ${n0(done).padStart(9)}/${n0(total)}` +
                `  ${elapsed.toFixed(1).padStart(6)} s  ${n0(done / elapsed).padStart(7)} rows/s` +
                `  (batch ${n0(rows / ((now - t) / 1000))} rows/s)`,
            );
          }
        }),
      );
      if (isAborted()) throw new Error('aborted');
      this.phases.push({ name, rows: done, seconds: (performance.now() - started) / 1000 });
    } finally {
      await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    }
  }

  async run(passwordHash: string): Promise<void> {
    const { users, organisations, issues, comments, membersPerOrganisation: m } = this.sizes;
    const t0 = this.t0.toISOString();
    await prepareSession(this.main);
    const territories = (
      await this.main.query<{ id: string }>(
        "SELECT id FROM territories WHERE level IN ('aiyl_aimak', 'village') ORDER BY code",
      )
    ).rows.map((r) => r.id);
    if (!territories.length) throw new Error('no aiyl aimak or village territories were seeded');
    log(`seeding into ${territories.length} aiyl aimaks and villages`);

    await this.step(
      'users',
      `INSERT INTO users (id, email, password_hash, display_name, role, preferred_language,
                          languages, territory_id, created_at, updated_at)
       SELECT pg_temp.bench_uuid('user:' || i), 'member-' || lpad(i::text, 5, '0') || '@bench.kenesh.kg',
              $1, ($2::text[])[1 + i % cardinality($2::text[])] || ' ' ||
                  ($3::text[])[1 + (i / cardinality($2::text[])) % cardinality($3::text[])],
              CASE WHEN i < ${FACILITATORS} THEN 'facilitator' ELSE 'member' END,
              l, ARRAY[l], ($4::uuid[])[1 + i % cardinality($4::uuid[])], at, at
         FROM (SELECT i, CASE WHEN i % 10 < 6 THEN 'ky' WHEN i % 10 < 9 THEN 'ru' ELSE 'en' END AS l,
                      $5::timestamptz - interval '800 days' * random() AS at
                 FROM generate_series(0, ${users - 1}) i) s`,
      [passwordHash, FIRST_NAMES, LAST_NAMES, territories, t0],
    );
    await this.step(
      'organisations',
      `INSERT INTO organisations (id, name, kind, territory_id, description, network_status,
                                  created_by, created_at, updated_at)
       SELECT pg_temp.bench_uuid('org:' || j),
              ($1::text[])[1 + j % cardinality($1::text[])] || ' ' ||
                CASE ($2::text[])[1 + j % ${ORG_KINDS.length}]
                  WHEN 'aiyl_okmotu' THEN 'айыл өкмөтү' WHEN 'aiyl_kenesh' THEN 'айылдык кеңеши'
                  WHEN 'ngo' THEN 'коомдук бирикмеси' WHEN 'community_group' THEN 'демилгелүү тобу'
                  WHEN 'state_administration' THEN 'райондук администрациясы'
                  WHEN 'government_body' THEN 'суу чарба башкармалыгы'
                  ELSE 'Partnership Programme' END || ' №' || j,
              ($2::text[])[1 + j % ${ORG_KINDS.length}], ($3::uuid[])[1 + j % cardinality($3::uuid[])],
              'Bench organisation', 'member',
              pg_temp.bench_uuid('user:' || (j * ${m}) % ${users}), at, at
         FROM (SELECT j, $4::timestamptz - interval '750 days' * random() AS at
                 FROM generate_series(0, ${organisations - 1}) j) s`,
      [PLACES_CYRILLIC, ORG_KINDS, territories, t0],
    );
    await this.step(
      'organisation_members',
      `INSERT INTO organisation_members (organisation_id, user_id, role, created_at)
       SELECT pg_temp.bench_uuid('org:' || j), pg_temp.bench_uuid('user:' || (j * ${m} + t) % ${users}),
              CASE WHEN t = 0 THEN 'representative' ELSE 'member' END, o.created_at
         FROM generate_series(0, ${organisations - 1}) j
         CROSS JOIN generate_series(0, ${m - 1}) t
         JOIN organisations o ON o.id = pg_temp.bench_uuid('org:' || j)
       ON CONFLICT DO NOTHING`,
    );

    // Every issue's dice, kept in a staging table so the issues, their territories,
    // endorsements, escalations and comments agree with each other.
    await this.main.query('SELECT setseed(0.42)');
    await this.step(
      'staging (issue plan)',
      `CREATE UNLOGGED TABLE bench_issue AS
       SELECT n, gen_random_uuid() AS id, lang, created_at, status,
              CASE WHEN status = 'raised' THEN created_at
                   ELSE created_at + ($1::timestamptz - created_at) * r[4] END AS status_changed_at,
              ($2::text[])[1 + floor(12 * r[5] ^ 1.5)::int] AS category,
              ($3::text[])[1 + floor(5 * r[6] ^ 1.3)::int] AS decision_level,
              org,
              CASE WHEN org IS NULL THEN floor(r[9] * ${users})::int
                   ELSE (org * ${m} + floor(r[9] * ${m})::int) % ${users} END AS author,
              floor(8 * r[10] ^ 3)::int AS endorsements,
              1 + floor(3 * r[11] ^ 2)::int AS territories,
              ln(1 - r[12]) ^ 2 AS weight,
              3 + floor(5 * r[13])::int AS title_words,
              20 + floor(100 * r[14])::int AS body_words,
              1 + floor(r[15] * ${PLACES_CYRILLIC.length})::int AS place
         FROM (SELECT n, r,
                      CASE WHEN r[1] < 0.55 THEN 'ky' WHEN r[1] < 0.9 THEN 'ru' ELSE 'en' END AS lang,
                      date_trunc('milliseconds',
                        $1::timestamptz - interval '730 days' * (1 - sqrt(r[2]))) AS created_at,
                      CASE WHEN r[3] < 0.30 THEN 'raised' WHEN r[3] < 0.58 THEN 'discussing'
                           WHEN r[3] < 0.68 THEN 'prioritised' WHEN r[3] < 0.76 THEN 'escalated'
                           WHEN r[3] < 0.83 THEN 'answered' WHEN r[3] < 0.95 THEN 'resolved'
                           ELSE 'closed' END AS status,
                      CASE WHEN r[7] < 0.4 THEN floor(r[8] * ${organisations})::int END AS org
                 FROM (SELECT n, ARRAY(SELECT random() FROM generate_series(1, 15) WHERE n >= 0) AS r
                         FROM generate_series(0, ${issues - 1}) n) d) s`,
      [t0, CATEGORIES, DECISION_LEVELS],
    );
    // Comments per issue: a heavy tail (most threads short, a few with hundreds), scaled so
    // that the total is exactly the target.
    await this.main.query(
      `ALTER TABLE bench_issue ADD COLUMN comments int;
       UPDATE bench_issue SET comments = floor(weight * ${comments} / t.total)
         FROM (SELECT sum(weight) AS total FROM bench_issue) t;
       UPDATE bench_issue SET comments = comments + 1
         FROM (SELECT ${comments} - sum(comments) AS missing FROM bench_issue) m WHERE n < m.missing;
       ALTER TABLE bench_issue ADD PRIMARY KEY (n);
       ANALYZE bench_issue`,
    );

    const issueBatches: { lo: number; hi: number }[] = [];
    for (let lo = 0; lo < issues; lo += ISSUE_BATCH)
      issueBatches.push({ lo, hi: Math.min(issues, lo + ISSUE_BATCH) - 1 });
    log(`issues: ${n0(issues)} in ${issueBatches.length} batches`);
    await this.batched('issues', issues, issueBatches, 1, async (client, lo, hi) => {
      const result = await client.query(
        `INSERT INTO issues (id, title, body, category, decision_level, status, language, author_id,
                             organisation_id, last_activity_at, status_changed_at, created_at, updated_at)
         SELECT b.id,
                (CASE b.lang WHEN 'en' THEN $8::text[] ELSE $7::text[] END)[b.place] || ': ' ||
                  pg_temp.bench_text(${fwOf('b.lang')}, ${cwOf('b.lang')}, b.title_words, 0.1, 0),
                pg_temp.bench_text(${fwOf('b.lang')}, ${cwOf('b.lang')}, b.body_words, 0.35, 0.08) || '.',
                b.category, b.decision_level, b.status, b.lang,
                pg_temp.bench_uuid('user:' || b.author),
                CASE WHEN b.org IS NOT NULL THEN pg_temp.bench_uuid('org:' || b.org) END,
                b.status_changed_at, b.status_changed_at, b.created_at, b.status_changed_at
           FROM bench_issue b WHERE b.n BETWEEN ${lo} AND ${hi}`,
        [...WORD_PARAMS, PLACES_CYRILLIC, PLACES_LATIN],
      );
      return result.rowCount ?? 0;
    });

    await this.step(
      'issue_territories',
      `INSERT INTO issue_territories (issue_id, territory_id)
       SELECT b.id, ($1::uuid[])[1 + (b.n * 3 + g * 5) % cardinality($1::uuid[])]
         FROM bench_issue b CROSS JOIN LATERAL generate_series(1, b.territories) g
       ON CONFLICT DO NOTHING`,
      [territories],
    );
    await this.step(
      'issue_follows (authors)',
      `INSERT INTO issue_follows (issue_id, user_id, created_at)
       SELECT b.id, pg_temp.bench_uuid('user:' || b.author), b.created_at FROM bench_issue b`,
    );
    await this.step(
      'endorsements',
      `INSERT INTO endorsements (issue_id, organisation_id, endorsed_by, created_at)
       SELECT b.id, pg_temp.bench_uuid('org:' || o), pg_temp.bench_uuid('user:' || (o * ${m}) % ${users}),
              b.created_at + ($1::timestamptz - b.created_at) * random() * 0.5
         FROM bench_issue b CROSS JOIN LATERAL generate_series(1, b.endorsements) g
        CROSS JOIN LATERAL (SELECT (b.n * 7 + g * 37) % ${organisations} AS o) x
       ON CONFLICT DO NOTHING`,
      [t0],
    );
    // Escalated and answered issues went to a district administration (every 10th
    // organisation is one); most of the open ones are past their 30-day deadline.
    await this.step(
      'escalations',
      `INSERT INTO escalations (issue_id, authority_organisation_id, sent_at, reference,
                                response_due_at, response_text, responded_at, created_by, created_at, updated_at)
       SELECT b.id, pg_temp.bench_uuid('org:' || (b.n % ${Math.max(1, Math.floor(organisations / 10))}) * 10),
              sent, 'BEN-' || b.n, sent + interval '30 days',
              CASE WHEN b.status = 'answered' THEN 'Жооп берилди / Ответ дан' END,
              CASE WHEN b.status = 'answered' THEN b.status_changed_at END,
              pg_temp.bench_uuid('user:' || b.author), sent, b.status_changed_at
         FROM (SELECT b.*, CASE WHEN b.status = 'answered'
                                THEN b.created_at + (b.status_changed_at - b.created_at) / 2
                                ELSE b.status_changed_at END AS sent
                 FROM bench_issue b WHERE b.status IN ('escalated', 'answered')) b`,
    );

    // Comments in batches of whole threads, so a reply's parent is inserted with it.
    const commentBatches = (
      await this.main.query<{ lo: number; hi: number }>(
        `SELECT min(n) AS lo, max(n) AS hi FROM (
           SELECT n, (sum(comments) OVER (ORDER BY n) - 1) / ${COMMENT_BATCH} AS batch
             FROM bench_issue) x GROUP BY batch ORDER BY batch`,
      )
    ).rows;
    log(
      `comments: ${n0(comments)} in ${commentBatches.length} batches on ${LOAD_WORKERS} connections; ` +
        'the search_vector trigger fills each row as it is inserted',
    );
    await this.batched(
      'comments',
      comments,
      commentBatches,
      LOAD_WORKERS,
      async (client, lo, hi) => {
        const result = await client.query(
          `INSERT INTO comments (id, issue_id, author_id, parent_id, body, language, deleted_at,
                               hidden_at, hidden_by, hidden_reason, created_at)
         SELECT pg_temp.bench_uuid(x.id::text || ':' || x.j), x.id,
                pg_temp.bench_uuid('user:' || floor(x.r1 * ${users})::int),
                CASE WHEN x.j % 4 >= 2 THEN pg_temp.bench_uuid(x.id::text || ':' || (x.j - x.j % 4)) END,
                CASE WHEN x.r2 < 0.01 THEN ''
                     ELSE pg_temp.bench_text(${fwOf('x.lang')}, ${cwOf('x.lang')},
                                             3 + floor(x.r3 * 40)::int, 0.35, 0.1) END,
                x.lang,
                CASE WHEN x.r2 < 0.01 THEN least(x.at + interval '1 hour', $7::timestamptz) END,
                CASE WHEN x.r2 >= 0.01 AND x.r2 < 0.015 THEN least(x.at + interval '2 hours', $7::timestamptz) END,
                CASE WHEN x.r2 >= 0.01 AND x.r2 < 0.015
                     THEN pg_temp.bench_uuid('user:' || floor(x.r1 * ${FACILITATORS})::int) END,
                CASE WHEN x.r2 >= 0.01 AND x.r2 < 0.015 THEN 'off-topic' END,
                x.at
           FROM (SELECT b.id, j,
                        CASE WHEN random() < 0.8 THEN b.lang
                             ELSE (ARRAY['ky', 'ru', 'en'])[1 + floor(random() * 3)::int] END AS lang,
                        date_trunc('milliseconds', b.created_at +
                          ($7::timestamptz - b.created_at) * power((j + 1)::float8 / (b.comments + 1), 2.5)) AS at,
                        random() AS r1, random() AS r2, random() AS r3
                   FROM bench_issue b CROSS JOIN LATERAL generate_series(0, b.comments - 1) j
                  WHERE b.n BETWEEN ${lo} AND ${hi}) x`,
          [...WORD_PARAMS, t0],
        );
        return result.rowCount ?? 0;
      },
    );

    await this.step(
      'issue counters',
      `WITH c AS (SELECT issue_id, max(created_at) AS last,
                         count(*) FILTER (WHERE deleted_at IS NULL AND hidden_at IS NULL) AS visible
                    FROM comments GROUP BY issue_id),
            e AS (SELECT issue_id, count(*) AS total, max(created_at) AS last
                    FROM endorsements GROUP BY issue_id),
            f AS (SELECT issue_id, count(*) AS total FROM issue_follows GROUP BY issue_id)
       UPDATE issues i
          SET comment_count = coalesce(c.visible, 0), endorsement_count = coalesce(e.total, 0),
              follower_count = coalesce(f.total, 0),
              last_activity_at = greatest(i.created_at, i.status_changed_at, c.last, e.last)
         FROM issues i2 LEFT JOIN c ON c.issue_id = i2.id LEFT JOIN e ON e.issue_id = i2.id
              LEFT JOIN f ON f.issue_id = i2.id
        WHERE i.id = i2.id`,
    );
    await this.main.query('DROP TABLE bench_issue');
    await this.step(
      'VACUUM (ANALYZE)',
      'VACUUM (ANALYZE) users, organisations, organisation_members, issues, issue_territories, issue_follows, endorsements, escalations, comments',
    );
    // Written out now rather than by a checkpoint in the middle of the measurements.
    await this.main.query('CHECKPOINT').catch(() => undefined);
  }
}

// ---------------------------------------------------------------------------------------------
// Measuring

/**
 * CPU time (utime + stime, in clock ticks of 10 ms) of `root` and of every process below it,
 * from /proc: the hub's node process and its PostgreSQL (postmaster and backends). Empty where
 * there is no /proc.
 */
function cpuTicks(root: number): Map<number, number> {
  const parents = new Map<number, number>();
  const ticks = new Map<number, number>();
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return new Map();
  }
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue;
    }
    // After "pid (comm) ": state, ppid, … utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    parents.set(Number(name), Number(fields[1]));
    ticks.set(Number(name), Number(fields[11]) + Number(fields[12]));
  }
  const tree = new Map<number, number>();
  for (const [pid, value] of ticks) {
    let p = pid;
    for (let hops = 0; p > 1 && p !== root && hops < 10; hops++) p = parents.get(p) ?? 0;
    if (p === root) tree.set(pid, value);
  }
  return tree;
}

interface Cpu {
  /** CPU milliseconds spent by the hub's node process, its PostgreSQL, and this bench. */
  hub: number;
  pg: number;
  bench: number;
}

function cpuMeter(root: number): () => Cpu {
  const before = cpuTicks(root);
  const bench = process.cpuUsage();
  return () => {
    const after = cpuTicks(root);
    let hub = 0;
    let pgTicks = 0;
    for (const [pid, value] of after) {
      const delta = value - (before.get(pid) ?? 0);
      if (pid === root) hub += delta;
      else pgTicks += delta;
    }
    const own = process.cpuUsage(bench);
    return { hub: hub * 10, pg: pgTicks * 10, bench: (own.user + own.system) / 1000 };
  };
}

interface Result {
  name: string;
  clients: number;
  /** CPU milliseconds per operation. */
  cpu: Cpu;
  /** One-minute load average at the end of the run. */
  load: number;
  done: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  rps: number;
  truncated: boolean;
  firstError?: string;
}

interface Target {
  text: string;
  /** `page1` is the same client count's result of the first list page. */
  check: (r: Result, page1: Result | undefined) => boolean;
  label?: (r: Result, page1: Result | undefined) => string;
}

interface Scenario {
  name: string;
  /** One operation; throws when the answer is not the expected one. */
  op: (agent: http.Agent) => Promise<void>;
  /** Sockets an operation holds at once. */
  sockets?: number;
  target?: Target;
  isPage1?: boolean;
}

async function measure(
  hubPid: number,
  scenario: Scenario,
  clients: number,
  requests: number,
  timeLimitMs: number,
): Promise<Result> {
  const cpu = cpuMeter(hubPid);
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients * (scenario.sockets ?? 1) });
  const latencies: number[] = [];
  let issued = 0;
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + timeLimitMs;
  const worker = async (): Promise<void> => {
    while (issued < requests && !isAborted() && performance.now() < deadline) {
      issued += 1;
      const t0 = performance.now();
      try {
        await scenario.op(agent);
      } catch (error) {
        errors += 1;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
      latencies.push(performance.now() - t0);
    }
  };
  try {
    await Promise.all(Array.from({ length: clients }, worker));
  } finally {
    agent.destroy();
  }
  const elapsed = performance.now() - started;
  const spent = cpu();
  const per = (value: number): number => value / Math.max(1, latencies.length);
  latencies.sort((a, b) => a - b);
  return {
    name: scenario.name,
    clients,
    cpu: { hub: per(spent.hub), pg: per(spent.pg), bench: per(spent.bench) },
    load: loadavg()[0],
    done: latencies.length,
    errors,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? NaN,
    rps: latencies.length / (elapsed / 1000),
    truncated: latencies.length < requests,
    firstError,
  };
}

const p99Under = (limit: number): Target => ({
  text: `p99 < ${limit}`,
  check: (r) => r.p99 < limit,
});
const p95Under = (limit: number): Target => ({
  text: `p95 < ${limit}`,
  check: (r) => r.p95 < limit,
});
const deepTarget: Target = {
  text: 'p99 < 40, p95 <= 2x page 1',
  check: (r, page1) => r.p99 < 40 && page1 !== undefined && r.p95 <= 2 * page1.p95,
  label: (r, page1) => (page1 ? ` (${(r.p95 / page1.p95).toFixed(2)}x)` : ''),
};

// ---------------------------------------------------------------------------------------------
// The list queries as IssuesService first built them (flags in the page query; it now reads
// flags and territories of the page's rows in a second statement), kept unchanged so the SQL
// rows compare across runs; the search as IssuesService runs it now. Written out for EXPLAIN
// and the baseline.

const ISSUE_COLUMNS = [
  'id',
  'title',
  'body',
  'category',
  'decision_level',
  'status',
  'language',
  'author_id',
  'organisation_id',
  'merged_into_id',
  'endorsement_count',
  'comment_count',
  'follower_count',
  'last_activity_at',
  'status_changed_at',
  'created_at',
  'updated_at',
]
  .map((c) => `"i"."${c}" AS "i_${c}"`)
  .join(', ');

/** $1: the viewer's id. */
const ANNOTATED = `SELECT ${ISSUE_COLUMNS}, a.display_name AS "author_name",
  EXISTS (SELECT 1 FROM issue_follows f WHERE f.issue_id = i.id AND f.user_id = $1) AS "following",
  EXISTS (SELECT 1 FROM escalations e WHERE e.issue_id = i.id AND e.responded_at IS NULL AND e.response_due_at < now()) AS "overdue"`;
const FROM = `FROM "issues" "i" LEFT JOIN "users" "a" ON "a"."id"="i"."author_id"`;

const LIST_FIRST = `${ANNOTATED} ${FROM} ORDER BY i.created_at DESC, i.id DESC LIMIT ${PAGE + 1}`;
/** $2, $3: the cursor (created_at, id). */
const LIST_AFTER = `${ANNOTATED} ${FROM} WHERE (i.created_at, i.id) < ($2, $3) ORDER BY i.created_at DESC, i.id DESC LIMIT ${PAGE + 1}`;
/** $2: the offset. */
const LIST_OFFSET = `${ANNOTATED} ${FROM} ORDER BY i.created_at DESC, i.id DESC LIMIT ${PAGE + 1} OFFSET $2`;
/** The second query of every list: the page's territories. */
const PAGE_TERRITORIES =
  'SELECT t.issue_id, t.territory_id FROM issue_territories t WHERE t.issue_id = ANY($1) ORDER BY t.territory_id';
/**
 * $2: the words, $3: their groups with the thesaurus terms (`searchGroups`). As IssuesService
 * runs a search without other filters (`list`, `searchMatches`, `extrasOf`): the page of
 * matches by search key (kenesh_key), ranked among at most 300 most recent matching issues
 * and 300 most recent matching visible comments (a match as typed ranks 1 higher than one
 * through the thesaurus), plus each one's title similarity; titles that only nearly match are
 * looked for only when fewer than 20 texts match; then flags and territories of the page's
 * rows (a second statement there, one here; highlights are made in the application).
 */
const SEARCH = `WITH page AS MATERIALIZED (
  SELECT i.*, a.display_name AS author_name, s.rank FROM issues i JOIN (
    SELECT g.issue_id, g.rank FROM (
      WITH text_matches AS (
        (SELECT i2.id AS issue_id, ts_rank(i2.search_vector, kenesh_query($3::text[]))
                + CASE WHEN i2.search_vector @@ websearch_to_tsquery('kenesh', kenesh_key($2)) THEN 1 ELSE 0 END AS r
           FROM issues i2 WHERE i2.search_vector @@ kenesh_query($3::text[])
          ORDER BY i2.created_at DESC LIMIT 300)
        UNION ALL
        (SELECT c.issue_id, 0.5 * (ts_rank(c.search_vector, kenesh_query($3::text[]))
                + CASE WHEN c.search_vector @@ websearch_to_tsquery('kenesh', kenesh_key($2)) THEN 1 ELSE 0 END)
           FROM comments c
          WHERE c.search_vector @@ kenesh_query($3::text[]) AND c.deleted_at IS NULL AND c.hidden_at IS NULL
          ORDER BY c.created_at DESC LIMIT 300)
      )
      SELECT g.issue_id,
             (g.r + CASE WHEN kenesh_key($2) <% t.title_key THEN word_similarity(kenesh_key($2), t.title_key) ELSE 0 END)::float8 AS rank
        FROM (
          SELECT m.issue_id, sum(m.r) AS r FROM (
            SELECT issue_id, r FROM text_matches
            UNION ALL
            (SELECT i3.id, 0 FROM issues i3
             WHERE kenesh_key($2) <% kenesh_key(i3.title) AND (SELECT count(*) FROM text_matches) < 20
           ORDER BY i3.created_at DESC LIMIT 300)
          ) m GROUP BY m.issue_id
        ) g JOIN issues i4 ON i4.id = g.issue_id
        CROSS JOIN LATERAL (SELECT kenesh_key(i4.title) AS title_key OFFSET 0) t
    ) g ORDER BY g.rank DESC, g.issue_id DESC LIMIT ${PAGE + 1}
  ) s ON s.issue_id = i.id LEFT JOIN users a ON a.id = i.author_id
  ORDER BY s.rank DESC, i.id DESC LIMIT ${PAGE + 1})
SELECT i.id, i.rank,
  EXISTS (SELECT 1 FROM issue_follows f WHERE f.issue_id = i.id AND f.user_id = $1) AS following,
  EXISTS (SELECT 1 FROM escalations e WHERE e.issue_id = i.id AND e.responded_at IS NULL AND e.response_due_at < now()) AS overdue,
  ARRAY(SELECT t.territory_id::text FROM issue_territories t WHERE t.issue_id = i.id ORDER BY t.territory_id) AS territory_ids
  FROM page i ORDER BY i.rank DESC, i.id DESC`;

/**
 * The groups SearchTermsService.plan() makes of a one-word query: the word OR every term of
 * its thesaurus concept, when it has one.
 */
async function searchGroups(db: pg.Client | pg.Pool, word: string): Promise<string[]> {
  const { rows } = await db.query<{ terms: Record<string, string[]> }>(
    `SELECT c.terms FROM search_term_keys k JOIN search_concepts c ON c.id = k.concept_id
      WHERE k.key = array_to_string(regexp_split_to_array(kenesh_key($1), '[^a-z0-9]+'), ' ')`,
    [word],
  );
  const terms = rows[0] ? Object.values(rows[0].terms).flat() : [];
  return [[word, ...terms].map((t) => `"${t}"`).join(' or ')];
}

/** Stand-in for GET /issues/:id/comments while that route does not exist. $1: the issue. */
const COMMENTS_FIRST = `SELECT c.id, c.issue_id, c.author_id, c.parent_id, c.body, c.language, c.edited_at,
  c.deleted_at, c.hidden_at, c.hidden_reason, c.created_at, u.display_name AS author_name
  FROM comments c LEFT JOIN users u ON u.id = c.author_id
 WHERE c.issue_id = $1 ORDER BY c.created_at, c.id LIMIT ${COMMENTS_PAGE + 1}`;

// ---------------------------------------------------------------------------------------------

interface AuthResult {
  accessToken: string;
}

interface IssuePage {
  items: { id: string }[];
  nextCursor: string | null;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first`);
  const s = options.scale;
  const sizes: Sizes = {
    users: Math.max(50, Math.round(FULL.users * s)),
    organisations: Math.max(20, Math.round(FULL.organisations * s)),
    issues: Math.max(1000, Math.round(FULL.issues * s)),
    comments: Math.max(1000, Math.round(FULL.comments * s)),
    membersPerOrganisation: 0,
  };
  sizes.membersPerOrganisation = Math.max(
    2,
    Math.min(16, Math.floor(sizes.users / sizes.organisations)),
  );
  let dataDir: string;
  let reused = false;
  if (options.dataDir) {
    // Not made by makeDataDir, so the clean-up leaves it in place for the next run.
    dataDir = options.dataDir;
    mkdirSync(dataDir, { recursive: true, mode: 0o755 });
    const mark = join(dataDir, SEEDED_MARK);
    if (existsSync(mark)) {
      const seededScale = (JSON.parse(readFileSync(mark, 'utf8')) as { scale: number }).scale;
      if (seededScale !== s)
        throw new Error(`${dataDir} was seeded at --scale=${seededScale}, not ${s}`);
      reused = true;
    }
  } else {
    dataDir = await makeDataDir();
  }
  log(
    `node ${process.version}, ${availableParallelism()} CPUs, load average ${loadAverage()}, data in ${dataDir}`,
  );
  log(
    `scale ${s}: ${n0(sizes.users)} members, ${n0(sizes.organisations)} organisations, ` +
      `${n0(sizes.issues)} issues, ${n0(sizes.comments)} comments`,
  );

  const { hub, readyMs } = await startHub(dataDir, { KENESH_ACCESS_TOKEN_TTL: '86400' });
  log(`hub ready in ${ms(readyMs)} ms (port ${hub.port}, PostgreSQL ${hub.pgPort})`);
  const port = hub.port;
  const url = `postgres://kenesh:kenesh@127.0.0.1:${hub.pgPort}/kenesh`;

  // The one user registered through the API: its argon2 hash is shared by every seeded member,
  // and it is the viewer of every measured request.
  const auth = reused
    ? await call<AuthResult>(
        port,
        {
          method: 'POST',
          path: `${API}/auth/login`,
          body: { email: 'bench-viewer@example.kg', password: PASSWORD },
        },
        200,
      )
    : await call<AuthResult>(
        port,
        {
          method: 'POST',
          path: `${API}/auth/register`,
          body: {
            email: 'bench-viewer@example.kg',
            password: PASSWORD,
            displayName: 'Bench viewer',
          },
        },
        201,
      );
  const token = auth.accessToken;
  const db = new pg.Client({ connectionString: url, application_name: 'kenesh-bench' });
  const sqlPool = new pg.Pool({ connectionString: url, max: 20, application_name: 'kenesh-bench' });
  // When the hub stops (Ctrl-C, a crash) its PostgreSQL ends these connections: say so rather
  // than die of an unhandled 'error' event before the clean-up has run.
  db.on('error', connectionLost);
  sqlPool.on('error', connectionLost);
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await Promise.all([sqlPool.end(), db.end()].map((p) => p.catch(() => undefined)));
  };
  try {
    await db.connect();
    const viewer = (
      await db.query<{ id: string; password_hash: string }>(
        "SELECT id, password_hash FROM users WHERE email = 'bench-viewer@example.kg'",
      )
    ).rows[0];
    const settings = (
      await db.query<{ name: string; setting: string; unit: string | null }>(
        "SELECT name, setting, unit FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'effective_cache_size', 'random_page_cost', 'max_parallel_workers_per_gather', 'server_version')",
      )
    ).rows;
    log(
      `PostgreSQL: ${settings.map((r) => `${r.name}=${r.setting}${r.unit ? ` ${r.unit}` : ''}`).join(', ')}`,
    );

    // ----- Seed
    log('seeding …');
    const seedStarted = performance.now();
    const seeder = new Seeder(url, db, sizes, new Date());
    if (reused) {
      log(`reusing the data seeded earlier in ${dataDir}`);
    } else {
      await seeder.run(viewer.password_hash);
      if (options.dataDir) writeFileSync(join(dataDir, SEEDED_MARK), JSON.stringify({ scale: s }));
    }
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    log(`seeded in ${seedSeconds.toFixed(1)} s`);
    const sizesNow = (
      await db.query<{ relname: string; rows: string; size: string }>(
        `SELECT c.relname, c.reltuples::bigint AS rows, pg_size_pretty(pg_total_relation_size(c.oid)) AS size
           FROM pg_class c WHERE c.relname IN ('users', 'organisations', 'organisation_members', 'issues', 'issue_territories', 'issue_follows', 'endorsements', 'escalations', 'comments')
          ORDER BY pg_total_relation_size(c.oid) DESC`,
      )
    ).rows;
    const dbSize = (
      await db.query<{ size: string }>(
        'SELECT pg_size_pretty(pg_database_size(current_database())) AS size',
      )
    ).rows[0].size;

    // ----- What to ask for
    const issueCount = Number(
      (await db.query<{ n: string }>('SELECT count(*) AS n FROM issues')).rows[0].n,
    );
    const deepPage = Math.min(DEEP_PAGE, Math.floor(issueCount / PAGE) - 1);
    const deepOffset = (deepPage - 1) * PAGE;
    const before = (
      await db.query<{ created_at: Date; id: string }>(
        'SELECT created_at, id FROM issues ORDER BY created_at DESC, id DESC OFFSET $1 LIMIT 1',
        [deepOffset - 1],
      )
    ).rows[0];
    // Walk the cursors once through the API: the page reached must be the one SQL computes.
    log(`walking ${deepPage - 1} pages by cursor to page ${deepPage} …`);
    const walkStarted = performance.now();
    const walkAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    let cursor: string | null = null;
    for (let page = 1; page < deepPage; page++) {
      const reply: IssuePage = await call<IssuePage>(
        port,
        {
          method: 'GET',
          path: `${API}/issues?limit=${PAGE}${cursor ? `&cursor=${cursor}` : ''}`,
          token,
        },
        200,
        walkAgent,
      );
      if (!reply.nextCursor) throw new Error(`the list ended at page ${page}`);
      cursor = reply.nextCursor;
      if (isAborted()) throw new Error('aborted');
    }
    walkAgent.destroy();
    if (!cursor) throw new Error('no cursor');
    const deepCursor = cursor;
    // The cursor is opaque; its last two values are the key (created_at, id) of page
    // ${deepPage - 1}'s last issue, which must be the row SQL finds at that offset.
    const key = (JSON.parse(Buffer.from(deepCursor, 'base64url').toString('utf8')) as unknown[])
      .slice(-2)
      .map(String);
    const expected = [before.created_at.toISOString(), before.id];
    log(
      `walked in ${((performance.now() - walkStarted) / 1000).toFixed(1)} s; ` +
        (key.join() === expected.join()
          ? 'the cursor points where SQL OFFSET does'
          : `WARNING: the cursor's key ${key.join(', ')} is not SQL's ${expected.join(', ')}`),
    );

    const sampleIds = (
      await db.query<{ id: string }>('SELECT id FROM issues ORDER BY random() LIMIT 2000')
    ).rows.map((r) => r.id);
    const randomId = (): string => sampleIds[Math.floor(Math.random() * sampleIds.length)];

    // The comments route, if it exists yet.
    const probe = await send(
      false,
      port,
      'GET',
      `${API}/issues/${sampleIds[0]}/comments?limit=${COMMENTS_PAGE}`,
      {
        token,
      },
    );
    const commentsRoute = probe.status === 200;
    log(
      commentsRoute
        ? `GET ${API}/issues/:id/comments answers 200: the issue page uses it`
        : `GET ${API}/issues/:id/comments answered ${probe.status} (${probe.body.slice(0, 120)}): ` +
            'the issue page is GET /issues/:id plus the first 50 comments by SQL through pg',
    );

    log('search words (issues matching in title/body, visible comments matching, near titles):');
    for (const { word, note } of [...SEARCH_WORDS, ...SEARCH_WORDS_FOLDED]) {
      const counts = (
        await db.query<{ issues: string; comments: string; titles: string }>(
          `SELECT (SELECT count(*) FROM issues WHERE search_vector @@ kenesh_query($2::text[])) AS issues,
                  (SELECT count(*) FROM comments WHERE search_vector @@ kenesh_query($2::text[]) AND deleted_at IS NULL AND hidden_at IS NULL) AS comments,
                  (SELECT count(*) FROM issues WHERE kenesh_key($1) <% kenesh_key(title)) AS titles`,
          [word, await searchGroups(db, word)],
        )
      ).rows[0];
      log(
        `  ${word.padEnd(12)} ${note.padEnd(13)} issues ${n0(Number(counts.issues)).padStart(8)}, ` +
          `comments ${n0(Number(counts.comments)).padStart(9)}, near titles ${n0(Number(counts.titles)).padStart(8)}`,
      );
    }

    // ----- Scenarios
    const get = async (agent: http.Agent, path: string): Promise<void> => {
      const reply = await send(agent, port, 'GET', path, { token, timeoutMs: REQUEST_TIMEOUT_MS });
      if (reply.status !== 200)
        throw new Error(`GET ${path}: ${reply.status} ${reply.body.slice(0, 200)}`);
    };
    const comments = (agent: http.Agent, id: string): Promise<void> =>
      commentsRoute
        ? get(agent, `${API}/issues/${id}/comments?limit=${COMMENTS_PAGE}`)
        : sqlPool.query(COMMENTS_FIRST, [id]).then(() => undefined);
    const sqlListPage = async (sql: string, params: unknown[]): Promise<void> => {
      const rows = (await sqlPool.query<{ i_id: string }>(sql, [viewer.id, ...params])).rows;
      await sqlPool.query(PAGE_TERRITORIES, [rows.slice(0, PAGE).map((r) => r.i_id)]);
    };
    let wordTurn = 0;
    const scenarios: Scenario[] = [
      {
        name: 'GET /health/live (baseline)',
        op: (agent) => get(agent, '/health/live'),
      },
      {
        name: 'list page 1',
        op: (agent) => get(agent, `${API}/issues?limit=${PAGE}`),
        target: p99Under(40),
        isPage1: true,
      },
      {
        name: `list page ${deepPage} by cursor`,
        op: (agent) => get(agent, `${API}/issues?limit=${PAGE}&cursor=${deepCursor}`),
        target: deepTarget,
      },
      ...[...SEARCH_WORDS, ...SEARCH_WORDS_FOLDED].map(({ word, note }): Scenario => ({
        name: `search "${word}" (${note})`,
        op: (agent) => get(agent, `${API}/issues?limit=${PAGE}&q=${encodeURIComponent(word)}`),
        target: p95Under(100),
      })),
      {
        name: 'search, the words in turn',
        op: (agent) =>
          get(
            agent,
            `${API}/issues?limit=${PAGE}&q=${encodeURIComponent(SEARCH_WORDS[wordTurn++ % SEARCH_WORDS.length].word)}`,
          ),
        target: p95Under(100),
      },
      {
        name: `issue page: issue || ${COMMENTS_PAGE} comments${commentsRoute ? '' : ' (SQL)'}`,
        op: async (agent) => {
          const id = randomId();
          await Promise.all([get(agent, `${API}/issues/${id}`), comments(agent, id)]);
        },
        sockets: 2,
        target: p99Under(40),
      },
      { name: '  GET /issues/:id alone', op: (agent) => get(agent, `${API}/issues/${randomId()}`) },
      {
        name: `  ${COMMENTS_PAGE} comments alone${commentsRoute ? '' : ' (SQL)'}`,
        op: (agent) => comments(agent, randomId()),
      },
      {
        name: 'SQL: list page 1 (pg)',
        op: () => sqlListPage(LIST_FIRST, []),
      },
      {
        name: `SQL: page ${deepPage} keyset (pg)`,
        op: () => sqlListPage(LIST_AFTER, [before.created_at, before.id]),
      },
      {
        name: `SQL: page ${deepPage} OFFSET ${deepOffset} (pg)`,
        op: () => sqlListPage(LIST_OFFSET, [deepOffset]),
      },
    ];

    const results: Result[] = [];
    const page1: Record<number, Result> = {};
    for (const scenario of scenarios) {
      // Unmeasured first, with the larger number of clients: caches, JIT and pools settle.
      await measure(hub.pid, scenario, 20, REQUESTS[20], WARM_UP_MS);
      for (const clients of CLIENTS) {
        const result = await measure(
          hub.pid,
          scenario,
          clients,
          REQUESTS[clients],
          RUN_TIME_LIMIT_MS[clients],
        );
        results.push(result);
        if (scenario.isPage1) page1[clients] = result;
        log(
          `${scenario.name.trim()}, ${clients} client${clients > 1 ? 's' : ''}: p50 ${ms(result.p50)} ms, ` +
            `p95 ${ms(result.p95)} ms, p99 ${ms(result.p99)} ms, ${result.rps.toFixed(0)} req/s, ` +
            `CPU ms/op hub ${result.cpu.hub.toFixed(2)} pg ${result.cpu.pg.toFixed(2)} bench ${result.cpu.bench.toFixed(2)}, ` +
            `load ${result.load.toFixed(1)}` +
            (result.errors ? `, ${result.errors} errors (first: ${result.firstError})` : ''),
        );
        if (isAborted()) throw new Error('aborted');
      }
    }

    // ----- EXPLAIN
    const explain = async (title: string, sql: string, params: unknown[]): Promise<void> => {
      const plan = (
        await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params)
      ).rows
        .map((r) => r['QUERY PLAN'])
        .join('\n');
      console.log(`\n### ${title}\n${plan}`);
    };
    console.log('\n## EXPLAIN (ANALYZE, BUFFERS), warm cache, the SQL IssuesService builds');
    await explain('list page 1', LIST_FIRST, [viewer.id]);
    await explain(`list page ${deepPage} by keyset cursor`, LIST_AFTER, [
      viewer.id,
      before.created_at,
      before.id,
    ]);
    await explain(`list page ${deepPage} by OFFSET ${deepOffset} (baseline)`, LIST_OFFSET, [
      viewer.id,
      deepOffset,
    ]);
    for (const { word, note } of [SEARCH_WORDS[0], SEARCH_WORDS[3], ...SEARCH_WORDS_FOLDED])
      await explain(`search "${word}" (${note})`, SEARCH, [
        viewer.id,
        word,
        await searchGroups(db, word),
      ]);
    await explain(`first ${COMMENTS_PAGE} comments of the longest thread`, COMMENTS_FIRST, [
      (await db.query<{ id: string }>('SELECT id FROM issues ORDER BY comment_count DESC LIMIT 1'))
        .rows[0].id,
    ]);

    log(`stopping the hub; load average now ${loadAverage()}`);
    await close();
    await stopHub();

    // ----- Report
    console.log('\n## Seeding');
    console.log(
      table(
        ['phase', 'rows', 's', 'rows/s'],
        seeder.phases.map((p) => [
          p.name,
          n0(p.rows),
          p.seconds.toFixed(1),
          p.rows ? n0(p.rows / p.seconds) : '-',
        ]),
      ),
    );
    console.log(`total seeding time ${seedSeconds.toFixed(1)} s; database ${dbSize}`);
    console.log(
      table(
        ['table', 'rows', 'size'],
        sizesNow.map((r) => [r.relname, n0(Number(r.rows)), r.size]),
      ),
    );
    console.log(
      `\n## Latency, keep-alive, ms; targets apply to 20 clients (1-client rows are for reference);` +
        `\ncpu hub / cpu pg: CPU ms per operation of the hub's node process / of its PostgreSQL;` +
        ' load: 1-minute load average after the run' +
        `\nissues ${n0(issueCount)}, comments ${n0(sizes.comments)}, page ${deepPage} = OFFSET ${deepOffset}` +
        (commentsRoute ? '' : '; issue page comments by SQL (no comments route yet)'),
    );
    console.log(
      table(
        [
          'scenario',
          'clients',
          'requests',
          'errors',
          'p50',
          'p95',
          'p99',
          'max',
          'req/s',
          'target',
          'result',
          'cpu hub',
          'cpu pg',
          'load',
        ],
        results.map((r) => {
          const scenario = scenarios.find((x) => x.name === r.name);
          const target = scenario?.target;
          const ref = page1[r.clients];
          const verdict = !target
            ? '-'
            : r.errors
              ? 'MISS (errors)'
              : `${target.check(r, ref) ? 'PASS' : 'MISS'}${target.label?.(r, ref) ?? ''}`;
          return [
            r.name + (r.truncated ? ' (time limit)' : ''),
            String(r.clients),
            String(r.done),
            String(r.errors),
            ms(r.p50),
            ms(r.p95),
            ms(r.p99),
            ms(r.max),
            r.rps.toFixed(0),
            target?.text ?? '-',
            verdict,
            r.cpu.hub.toFixed(2),
            r.cpu.pg.toFixed(2),
            r.load.toFixed(1),
          ];
        }),
      ),
    );
    const failed = results.filter((r) => r.errors > 0);
    if (failed.length) {
      process.exitCode = 1;
      for (const r of failed)
        console.log(
          `\n${r.name} (${r.clients} clients): ${r.errors} errors, first: ${r.firstError}`,
        );
    }
  } finally {
    await close();
  }
}

await runBench('bench:issues', OVERALL_TIME_LIMIT_MS, main);
