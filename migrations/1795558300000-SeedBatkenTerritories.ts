import type { MigrationInterface, QueryRunner } from 'typeorm';

interface Row {
  id: string;
  code: string;
  level: 'oblast' | 'district' | 'aiyl_aimak' | 'village';
  parent: string | null;
  ky: string;
  ru: string;
  en: string;
}

/**
 * Reference data of the programme area: Batken oblast → Batken district → the seven aiyl
 * aimaks whose border with Tajikistan has non-delimited stretches, and their central
 * villages. Fixed ids, so every installation (and every client) agrees on them.
 */
const TERRITORIES: Row[] = [
  {
    id: '0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a0001',
    code: 'batken-oblast',
    level: 'oblast',
    parent: null,
    ky: 'Баткен облусу',
    ru: 'Баткенская область',
    en: 'Batken oblast',
  },
  {
    id: '0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a0002',
    code: 'batken-district',
    level: 'district',
    parent: 'batken-oblast',
    ky: 'Баткен району',
    ru: 'Баткенский район',
    en: 'Batken district',
  },
  {
    id: '0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a0101',
    code: 'ak-tatyr',
    level: 'aiyl_aimak',
    parent: 'batken-district',
    ky: 'Ак-Татыр айыл аймагы',
    ru: 'Ак-Татырский айыльный аймак',
    en: 'Ak-Tatyr aiyl aimak',
  },
  {
    id: '0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a0102',
    code: 'ak-sai',
    level: 'aiyl_aimak',
    parent: 'batken-district',
    ky: 'Ак-Сай айыл аймагы',
    ru: 'Ак-Сайский айыльный аймак',
    en: 'Ak-Sai aiyl aimak',
  },
  {
    id: '0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a0103',
    code: 'samarkandek',
    level: 'aiyl_aimak',
    parent: 'batken-district',
    ky: 'Самаркандек айыл аймагы',
    ru: 'Самаркандекский айыльный аймак',
    en: 'Samarkandek aiyl aimak',
  },
  {
    id: '0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a0104',
    code: 'tortkul',
    level: 'aiyl_aimak',
    parent: 'batken-district',
    ky: 'Төрткүл айыл аймагы',
    ru: 'Торткульский айыльный аймак',
    en: 'Tortkul aiyl aimak',
  },
  {
    id: '0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a0105',
    code: 'karabak',
    level: 'aiyl_aimak',
    parent: 'batken-district',
    ky: 'Карабак айыл аймагы',
    ru: 'Карабакский айыльный аймак',
    en: 'Karabak aiyl aimak',
  },
  {
    id: '0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a0106',
    code: 'suu-bashy',
    level: 'aiyl_aimak',
    parent: 'batken-district',
    ky: 'Суу-Башы айыл аймагы',
    ru: 'Суу-Башинский айыльный аймак',
    en: 'Suu-Bashy aiyl aimak',
  },
  {
    id: '0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a0107',
    code: 'kyshtut',
    level: 'aiyl_aimak',
    parent: 'batken-district',
    ky: 'Кыштут айыл аймагы',
    ru: 'Кыштутский айыльный аймак',
    en: 'Kyshtut aiyl aimak',
  },
  {
    id: '0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a0201',
    code: 'ak-tatyr-village',
    level: 'village',
    parent: 'ak-tatyr',
    ky: 'Ак-Татыр айылы',
    ru: 'село Ак-Татыр',
    en: 'Ak-Tatyr village',
  },
  {
    id: '0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a0202',
    code: 'ak-sai-village',
    level: 'village',
    parent: 'ak-sai',
    ky: 'Ак-Сай айылы',
    ru: 'село Ак-Сай',
    en: 'Ak-Sai village',
  },
  {
    id: '0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a0203',
    code: 'kok-tash-village',
    level: 'village',
    parent: 'ak-sai',
    ky: 'Көк-Таш айылы',
    ru: 'село Кок-Таш',
    en: 'Kok-Tash village',
  },
  {
    id: '0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a0204',
    code: 'samarkandek-village',
    level: 'village',
    parent: 'samarkandek',
    ky: 'Самаркандек айылы',
    ru: 'село Самаркандек',
    en: 'Samarkandek village',
  },
];

export class SeedBatkenTerritories1795558300000 implements MigrationInterface {
  name = 'SeedBatkenTerritories1795558300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const idOf = new Map(TERRITORIES.map((t) => [t.code, t.id]));
    for (const t of TERRITORIES) {
      await queryRunner.query(
        `INSERT INTO territories (id, code, level, name, parent_id, border_status)
         VALUES ($1, $2, $3, $4, $5, 'non_delimited')
         ON CONFLICT (code) DO NOTHING`,
        [
          t.id,
          t.code,
          t.level,
          JSON.stringify({ ky: t.ky, ru: t.ru, en: t.en }),
          t.parent ? idOf.get(t.parent) : null,
        ],
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const t of [...TERRITORIES].reverse()) {
      await queryRunner.query('DELETE FROM territories WHERE id = $1', [t.id]);
    }
  }
}
