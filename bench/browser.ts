// Driving Debian's Chromium, shared by the bench (bench/web.ts), the screenshots script
// (scripts/screenshots.ts) and the browser test harness (test/support/browser.ts): which Chromium,
// its flags, and a signed-in client's localStorage. It lives under bench/ because bench/ and
// scripts/ are built into dist/ and must not import from test/; tests may import from here.
import { existsSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';

/** Flags for a headless Chromium on a shared machine, no sandbox, nothing phoning home. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where the Chromium to drive should be: KENESH_CHROMIUM, else Debian's `/usr/bin/chromium`. */
export function chromiumExecutable(): string {
  return process.env.KENESH_CHROMIUM || '/usr/bin/chromium';
}

/** The Chromium to drive (`chromiumExecutable()`), or null when it is not there. */
export function chromiumPath(): string | null {
  const path = chromiumExecutable();
  return existsSync(path) ? path : null;
}

/** One localStorage item, as playwright's storage state names it. */
export interface StorageEntry {
  name: string;
  value: string;
}

/** What the hub answers on register and login: enough to build the client's session. */
export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: { id: string };
}

/**
 * localStorage entries of a signed-in client (web/src/api/tokens.ts `Session`, session.ts):
 * `kenesh.session` from the tokens and `kenesh.me` from `me` (the hub's `/me`).
 */
export function sessionEntries(auth: SessionTokens, me: unknown): StorageEntry[] {
  const session = {
    userId: auth.user.id,
    accessToken: auth.accessToken,
    refreshToken: auth.refreshToken,
    accessExpiresAt: Date.now() + auth.expiresIn * 1000 - 30_000,
  };
  return [
    { name: 'kenesh.session', value: JSON.stringify(session) },
    { name: 'kenesh.me', value: JSON.stringify(me) },
  ];
}

/**
 * Writes `entries` into the page's localStorage, in order; with `unlessSet`, only when that item
 * is not there yet. Runs inside the page: pass it to `page.evaluate(writeLocalStorage, …)` or
 * `context.addInitScript(writeLocalStorage, …)` (self-contained, no imports).
 */
export function writeLocalStorage(arg: { entries: StorageEntry[]; unlessSet?: string }): void {
  const storage = (
    globalThis as unknown as {
      localStorage: { getItem(key: string): string | null; setItem(key: string, v: string): void };
    }
  ).localStorage;
  if (arg.unlessSet !== undefined && storage.getItem(arg.unlessSet)) return;
  for (const e of arg.entries) storage.setItem(e.name, e.value);
}

/**
 * Slow 3G on `page` through Chromium's network emulation: 2 s latency, `bytesPerSecond` each way
 * (the bench counts 400 kbit/s as 400 × 1000 / 8, the rooms spec as 400 × 1024 / 8).
 */
export async function emulateSlow3G(
  context: BrowserContext,
  page: Page,
  bytesPerSecond: number,
): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 2000,
    downloadThroughput: bytesPerSecond,
    uploadThroughput: bytesPerSecond,
  });
}
