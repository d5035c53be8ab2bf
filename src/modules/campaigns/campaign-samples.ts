// A sample campaign for the demo seed (issue 13): a campaign of Ak-Tatyr's aiyl okmotu about
// pasture rights, three publications (Kyrgyz and Russian approved, Uzbek waiting) and four reach
// lines. Marked as a sample in its title. Idempotent: the campaign is found by its title and
// creator, the lines by their fixed clientRowIds; a second run adds nothing.
import type { DataSource } from 'typeorm';
import { reachHash } from './reach-rules.js';

const TITLE = {
  ky: 'Чек арадагы жайыт укугу (үлгү)',
  ru: 'Право на пастбища у границы (образец)',
};
const DAY_MS = 86_400_000;

export async function seedCampaignSamples(
  dataSource: DataSource,
  progress: (line: string) => void,
): Promise<void> {
  const [facilitator] = await dataSource.query<{ id: string }[]>(
    "SELECT id FROM users WHERE email = 'facilitator.gulnara@demo.kenesh.kg'",
  );
  const [organisation] = await dataSource.query<{ id: string }[]>(
    "SELECT id FROM organisations WHERE name = 'Ак-Татыр айыл өкмөтү'",
  );
  const territories = new Map(
    (
      await dataSource.query<{ code: string; id: string }[]>(
        "SELECT code, id FROM territories WHERE code IN ('ak-tatyr', 'ak-sai', 'kok-tash-village')",
      )
    ).map((r) => [r.code, r.id]),
  );
  if (!facilitator || !organisation || territories.size < 3) return;
  const [existing] = await dataSource.query<{ id: string }[]>(
    "SELECT id FROM campaigns WHERE title->>'ky' = $1 AND created_by = $2",
    [TITLE.ky, facilitator.id],
  );
  if (existing) return;
  const now = Date.now();
  await dataSource.transaction(async (manager) => {
    const [campaign] = await manager.query<{ id: string }[]>(
      `INSERT INTO campaigns (title, objective, starts_at, ends_at, organisation_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [
        TITLE,
        {
          ky: 'Чек ара аймагынын тургундары жайытты пайдалануу укугун жана жайыт комитетине кантип кайрылууну билишет.',
          ru: 'Жители приграничья знают своё право пользования пастбищами и как обратиться в пастбищный комитет.',
        },
        new Date(now - 30 * DAY_MS),
        new Date(now + 60 * DAY_MS),
        organisation.id,
        facilitator.id,
      ],
    );
    const publication = async (
      kind: string,
      language: string,
      title: string,
      audiences: string[],
      approved: boolean,
    ) =>
      (
        await manager.query<{ id: string }[]>(
          `INSERT INTO campaign_publications (campaign_id, kind, language, title, body, audiences,
             approved_at, approved_by, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
          [
            campaign.id,
            kind,
            language,
            title,
            language === 'ru' ? 'Образец текста, не официальная редакция закона.' : 'Үлгү текст.',
            audiences,
            approved ? new Date(now - 25 * DAY_MS) : null,
            approved ? facilitator.id : null,
            facilitator.id,
          ],
        )
      )[0].id;
    const leaflet = await publication(
      'leaflet',
      'ky',
      'Жайытка укугуңуз (үлгү)',
      ['women', 'farmers'],
      true,
    );
    const radio = await publication(
      'radio',
      'ru',
      'Радиопередача о пастбищах (образец)',
      ['general'],
      true,
    );
    await publication('poster', 'uz', 'Яйловга ҳуқуқингиз (намуна)', ['farmers'], false);
    const day = (ago: number) =>
      new Date(now - ago * DAY_MS + 6 * 3_600_000).toISOString().slice(0, 10);
    const lines = [
      ['demo-campaign-reach-1', day(20), 'ak-tatyr', 'meeting', leaflet, 'women', 34, 6, 0, false],
      [
        'demo-campaign-reach-2',
        day(15),
        'kok-tash-village',
        'door_to_door',
        leaflet,
        'farmers',
        12,
        18,
        0,
        false,
      ],
      ['demo-campaign-reach-3', day(10), 'ak-sai', 'radio', radio, 'general', 400, 350, 50, true],
      [
        'demo-campaign-reach-4',
        day(5),
        'ak-tatyr',
        'market',
        null,
        'cross_border_traders',
        20,
        45,
        5,
        true,
      ],
    ] as const;
    for (const [
      clientRowId,
      date,
      place,
      channel,
      publicationId,
      audience,
      female,
      male,
      undisclosed,
      estimated,
    ] of lines) {
      const territoryId = territories.get(place)!;
      await manager.query(
        `INSERT INTO campaign_reach (campaign_id, client_row_id, date, territory_id, channel,
           publication_id, audience, female, male, undisclosed, estimated, organisation_id,
           content_hash, entered_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         ON CONFLICT (client_row_id) DO NOTHING`,
        [
          campaign.id,
          clientRowId,
          date,
          territoryId,
          channel,
          publicationId,
          audience,
          female,
          male,
          undisclosed,
          estimated,
          organisation.id,
          reachHash({
            campaignId: campaign.id,
            date,
            territoryId,
            channel,
            publicationId,
            audience,
            female,
            male,
            undisclosed,
            estimated,
            organisationId: organisation.id,
          }),
          facilitator.id,
        ],
      );
    }
  });
  progress('campaign samples');
}
