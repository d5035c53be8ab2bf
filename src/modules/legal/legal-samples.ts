import type { DataSource } from 'typeorm';
import type { LinkRelation } from './legal.enums.js';

/**
 * Demo acts for the legal library (issue 13): SAMPLE text, written for the demo, never the
 * authoritative wording of any law. Every act is `is_sample` (the clients show a banner) and
 * every text starts with the mark below, so that even a copied paragraph says what it is.
 */
const MARK_KY = 'Үлгү текст — расмий редакция эмес.';
const MARK_RU = 'Образец текста — не официальная редакция.';

interface SampleProvision {
  eId: string;
  parentEId?: string;
  heading: { ky: string; ru: string };
  text: { ky: string; ru: string };
}

interface SampleAct {
  title: { ky: string; ru: string };
  kind: 'law' | 'code' | 'government_decree';
  issuer: string;
  adoptedAt: string;
  provisions: SampleProvision[];
}

const ACTS: SampleAct[] = [
  {
    title: {
      ky: 'Жергиликтүү өз алдынча башкаруу жөнүндө мыйзам (үлгү)',
      ru: 'Закон о местном самоуправлении (образец)',
    },
    kind: 'law',
    issuer: 'Жогорку Кеңеш (үлгү)',
    adoptedAt: '2021-10-20',
    provisions: [
      {
        eId: 'art_18',
        heading: {
          ky: '18-берене. Айыл өкмөтүнүн милдеттери',
          ru: 'Статья 18. Обязанности айыл окмоту',
        },
        text: {
          ky: 'Айыл өкмөтү аймактын тургундарын ичүүчү суу жана сугат суусу менен камсыз кылууну уюштурат.',
          ru: 'Айыл окмоту организует обеспечение жителей территории питьевой и поливной водой.',
        },
      },
      {
        eId: 'art_18__para_1',
        parentEId: 'art_18',
        heading: { ky: '1-бөлүк. Сугат суусу', ru: 'Часть 1. Поливная вода' },
        text: {
          ky: 'Сугат суусун бөлүштүрүүнүн графигин айыл өкмөтү суу пайдалануучулар менен бирге бекитет жана аны жалпыга жарыялайт.',
          ru: 'График распределения поливной воды айыл окмоту утверждает совместно с водопользователями и доводит до всеобщего сведения.',
        },
      },
      {
        eId: 'art_18__para_2',
        parentEId: 'art_18',
        heading: { ky: '2-бөлүк. Мөөнөттөр', ru: 'Часть 2. Сроки' },
        text: {
          ky: 'Тургундардын кайрылуусуна айыл өкмөтү отуз күндүн ичинде жооп берет.',
          ru: 'На обращение жителей айыл окмоту отвечает в течение тридцати дней.',
        },
      },
      {
        eId: 'art_25',
        heading: {
          ky: '25-берене. Жергиликтүү кеңештин ыйгарым укуктары',
          ru: 'Статья 25. Полномочия местного кенеша',
        },
        text: {
          ky: 'Айылдык кеңеш жергиликтүү бюджетти бекитет жана айыл өкмөтүнүн отчетун угат.',
          ru: 'Айылный кенеш утверждает местный бюджет и заслушивает отчёт айыл окмоту.',
        },
      },
    ],
  },
  {
    title: { ky: 'Жер кодекси (үлгү)', ru: 'Земельный кодекс (образец)' },
    kind: 'code',
    issuer: 'Жогорку Кеңеш (үлгү)',
    adoptedAt: '1999-06-02',
    provisions: [
      {
        eId: 'chp_5',
        heading: { ky: '5-бап. Жайыттар', ru: 'Глава 5. Пастбища' },
        text: {
          ky: 'Жайыттарды пайдалануунун тартиби.',
          ru: 'Порядок пользования пастбищами.',
        },
      },
      {
        eId: 'art_42',
        parentEId: 'chp_5',
        heading: {
          ky: '42-берене. Жайыттарга жетүү укугу',
          ru: 'Статья 42. Право доступа к пастбищам',
        },
        text: {
          ky: 'Чек ара аймагындагы айылдардын тургундары жайыттарга жана мал айдоочу жолдорго тоскоолдуксуз жетүү укугуна ээ.',
          ru: 'Жители сёл приграничной территории имеют право беспрепятственного доступа к пастбищам и скотопрогонным дорогам.',
        },
      },
      {
        eId: 'art_43',
        parentEId: 'chp_5',
        heading: {
          ky: '43-берене. Жайыт комитети',
          ru: 'Статья 43. Пастбищный комитет',
        },
        text: {
          ky: 'Жайыт комитети жайыттарды пайдалануунун жылдык планын түзөт жана жайыт билетин берет.',
          ru: 'Пастбищный комитет составляет годовой план пользования пастбищами и выдаёт пастбищные билеты.',
        },
      },
    ],
  },
  {
    title: {
      ky: 'Чек ара аймактары жөнүндө өкмөттүн токтому (үлгү)',
      ru: 'Постановление правительства о приграничных территориях (образец)',
    },
    kind: 'government_decree',
    issuer: 'Министрлер Кабинети (үлгү)',
    adoptedAt: '2023-03-15',
    provisions: [
      {
        eId: 'para_3',
        heading: {
          ky: '3-пункт. Өткөрүү пункттары',
          ru: 'Пункт 3. Пункты пропуска',
        },
        text: {
          ky: 'Чек ара аймагынын тургундары өткөрүү пунктунан жеңилдетилген тартипте, кезексиз өтөт.',
          ru: 'Жители приграничной территории проходят пункт пропуска в упрощённом порядке, без очереди.',
        },
      },
      {
        eId: 'para_7',
        heading: {
          ky: '7-пункт. Мектептер жана мугалимдер',
          ru: 'Пункт 7. Школы и учителя',
        },
        text: {
          ky: 'Чек ара айылдарындагы мектептерде иштеген мугалимдерге кошумча төлөм жана турак жай берилет.',
          ru: 'Учителям, работающим в школах приграничных сёл, предоставляются надбавка и жильё.',
        },
      },
    ],
  },
];

/** Links to demo issues (found by title). The proposer's key, and whether confirmed. */
const LINKS: {
  act: number;
  eId: string;
  issueTitle: string;
  relation: LinkRelation;
  note: string;
  by: string;
  confirmed: boolean;
}[] = [
  {
    act: 0,
    eId: 'art_18__para_1',
    issueTitle: 'Сугат суусун бөлүштүрүүнүн графиги сакталбай жатат',
    relation: 'assigns_duty',
    note: 'Графикти айыл өкмөтү бекитип, жарыялашы керек (үлгү текст боюнча).',
    by: 'facilitator.gulnara',
    confirmed: true,
  },
  {
    act: 1,
    eId: 'art_42',
    issueTitle: 'Жайыттарга жетүү жолу тосулуп калды',
    relation: 'grants_right',
    note: 'Жайытка жетүү укугу (үлгү текст боюнча).',
    by: 'facilitator.gulnara',
    confirmed: true,
  },
  {
    act: 2,
    eId: 'para_3',
    issueTitle: 'Очереди на пункте пропуска для жителей приграничья',
    relation: 'grants_right',
    note: 'Право проходить без очереди (по образцу текста).',
    by: 'aibek.tashiev',
    confirmed: false,
  },
];

const DOMAIN = 'demo.kenesh.kg';

/**
 * Idempotent: acts by (kind, issuer, number, adoption date), provisions by (act, eId), links
 * by (provision, issue, relation); a second run changes nothing. `progress` is not written to
 * yet: the demo seed's test reads "rooms n/n" as its last line (three small acts take no time).
 */
export async function seedLegalSamples(
  dataSource: DataSource,
  _progress: (line: string) => void,
): Promise<void> {
  const actIds: string[] = [];
  for (const act of ACTS) {
    const [row]: { id: string }[] = await dataSource.query(
      `INSERT INTO legal_acts (title, kind, number, adopted_at, issuer, status, is_sample)
       VALUES ($1, $2, NULL, $3, $4, 'in_force', true)
       ON CONFLICT (kind, issuer, coalesce(number, ''), adopted_at) DO UPDATE SET is_sample = true
       RETURNING id`,
      [act.title, act.kind, act.adoptedAt, act.issuer],
    );
    actIds.push(row.id);
    for (const [position, p] of act.provisions.entries()) {
      await dataSource.query(
        `INSERT INTO legal_provisions (act_id, e_id, parent_e_id, position, heading, text)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (act_id, e_id) DO NOTHING`,
        [
          row.id,
          p.eId,
          p.parentEId ?? null,
          position + 1,
          p.heading,
          { ky: `${MARK_KY} ${p.text.ky}`, ru: `${MARK_RU} ${p.text.ru}` },
        ],
      );
    }
  }
  for (const link of LINKS) {
    await dataSource.query(
      `INSERT INTO legal_issue_links (provision_id, issue_id, relation, note, status, proposed_by, decided_by, decided_at)
       SELECT p.id, i.id, $3, $4, CASE WHEN $6 THEN 'confirmed' ELSE 'proposed' END, u.id,
              CASE WHEN $6 THEN f.id END, CASE WHEN $6 THEN now() END
         FROM legal_provisions p
         JOIN issues i ON i.title = $5
         LEFT JOIN users u ON u.email = $7
         LEFT JOIN users f ON f.email = $8
        WHERE p.act_id = $1 AND p.e_id = $2
       ON CONFLICT (provision_id, issue_id, relation) DO NOTHING`,
      [
        actIds[link.act],
        link.eId,
        link.relation,
        link.note,
        link.issueTitle,
        link.confirmed,
        `${link.by}@${DOMAIN}`,
        `facilitator.gulnara@${DOMAIN}`,
      ],
    );
  }
}
