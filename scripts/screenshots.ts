/**
 * `npm run screenshots`: the client's main screens on a 360×640 phone, in Kyrgyz, written to
 * docs/screenshots/ (the README shows them). Starts a hub on a fresh embedded database, fills
 * it with the demo network (`npm run seed:demo`'s data), signs in as a demo official and as a
 * facilitator, opens each screen and waits for it to settle. Needs Debian's chromium.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import {
  CHROMIUM_ARGS,
  chromiumExecutable,
  type SessionTokens,
  sessionEntries,
  writeLocalStorage,
} from '../bench/browser.js';
import { API, call, HOST, log, makeDataDir, ROOT, runBench, startHub } from '../bench/lib.js';
import { createDataSource } from '../src/infra/database/data-source.js';
import { DEMO_PASSWORD, demoAccounts, seedDemo } from '../src/infra/database/seed-demo.js';

const arg = (name: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
/** `-- --lang=ru --out=/tmp/ru` to look at another language (only Kyrgyz is committed). */
const LANG = arg('lang') ?? 'ky';
const OUT = arg('out') ?? join(ROOT, 'docs/screenshots');
async function phone(browser: Browser, origin: string, port: number, email: string): Promise<Page> {
  const auth = await call<SessionTokens>(
    port,
    { method: 'POST', path: `${API}/auth/login`, body: { email, password: DEMO_PASSWORD } },
    200,
  );
  const me = await call<unknown>(
    port,
    { method: 'GET', path: `${API}/me`, token: auth.accessToken },
    200,
  );
  const context = await browser.newContext({
    viewport: { width: 360, height: 640 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: LANG,
  });
  await context.addInitScript(writeLocalStorage, {
    entries: [...sessionEntries(auth, me), { name: 'kenesh.lang', value: LANG }],
  });
  const page = await context.newPage();
  await page.goto(`${origin}/favicon.svg`);
  return page;
}

async function shoot(page: Page, origin: string, path: string, name: string): Promise<void> {
  await page.goto(`${origin}${path}`, { waitUntil: 'networkidle' });
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(OUT, `${name}.png`) });
  log(`progress: ${name}.png (${path})`);
}

await runBench('screenshots', 10 * 60_000, async () => {
  await mkdir(OUT, { recursive: true });
  log('progress: starting the hub on an embedded database');
  const { hub } = await startHub(await makeDataDir());
  const origin = `http://${HOST}:${hub.port}`;
  const db = createDataSource(`postgres://kenesh:kenesh@${HOST}:${hub.pgPort}/kenesh`);
  await db.initialize();
  log('progress: seeding the demo network');
  await seedDemo(db, (step) => log(`progress: seed ${step}`));
  const accounts = await demoAccounts(db);
  const [issue] = await db.query<{ id: string }[]>(
    `SELECT id FROM issues ORDER BY created_at DESC LIMIT 1`,
  );
  const [room] = await db.query<{ id: string }[]>(
    `SELECT r.id FROM rooms r ORDER BY (SELECT count(*) FROM messages m WHERE m.room_id = r.id) DESC LIMIT 1`,
  );
  const [org] = await db.query<{ id: string }[]>(
    `SELECT id FROM organisations ORDER BY created_at LIMIT 1`,
  );
  await db.destroy();
  const official =
    accounts.find((a) => a.role === 'member' && a.organisations.length > 0) ?? accounts[0];
  const facilitator = accounts.find((a) => a.role === 'facilitator') ?? accounts[0];

  const browser = await chromium.launch({
    executablePath: chromiumExecutable(),
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const signedOut = await browser.newPage({
      viewport: { width: 360, height: 640 },
      deviceScaleFactor: 2,
      locale: LANG,
    });
    await signedOut.goto(`${origin}/favicon.svg`);
    await signedOut.evaluate(writeLocalStorage, {
      entries: [{ name: 'kenesh.lang', value: LANG }],
    });
    await shoot(signedOut, origin, '/sign-in', '01-sign-in');
    const page = await phone(browser, origin, hub.port, official.email);
    await shoot(page, origin, '/issues', '02-issues');
    await shoot(page, origin, `/issues/${issue.id}`, '03-issue');
    await shoot(page, origin, '/issues/new', '04-raise');
    await shoot(page, origin, '/notifications', '05-notifications');
    await shoot(page, origin, '/rooms', '06-rooms');
    await shoot(page, origin, `/rooms/${room.id}`, '07-room');
    await shoot(page, origin, '/people', '08-people');
    await shoot(page, origin, `/organisations/${org.id}`, '09-organisation');
    const staff = await phone(browser, origin, hub.port, facilitator.email);
    await shoot(staff, origin, '/facilitation', '10-facilitation');
  } finally {
    await browser.close();
  }
});
