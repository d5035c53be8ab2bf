/**
 * A stand-in for test/support/browser.ts (being written on another branch) for the people and
 * facilitation specs: Chromium at 360×640 in a language, signing in through the page, axe-core.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import type { SignedUp } from '../support/factories.js';

export type { Browser, Page };
export type Lang = 'ky' | 'ru';
const CHROMIUM = '/usr/bin/chromium';

export async function launch(): Promise<{ browser: Browser | null; reason?: string }> {
  if (!existsSync(CHROMIUM)) return { browser: null, reason: `${CHROMIUM} is not installed` };
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return { browser };
}

export interface Phone {
  page: Page;
  close(): Promise<void>;
}

/** A fresh phone (its own storage) whose interface language is `lang`. */
export async function openPhone(browser: Browser, baseUrl: string, lang: Lang): Promise<Phone> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 360, height: 640 },
    locale: lang === 'ky' ? 'ky-KG' : 'ru-RU',
    serviceWorkers: 'block',
  });
  await context.addInitScript(`localStorage.setItem('kenesh.lang', '${lang}')`);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return {
    page,
    async close() {
      await context.close();
      if (errors.length) throw new Error(`errors in the page: ${errors.join('; ')}`);
    },
  };
}

const SIGN_IN = {
  ky: { email: 'Электрондук почта', password: 'Сырсөз', submit: 'Кирүү' },
  ru: { email: 'Электронная почта', password: 'Пароль', submit: 'Войти' },
};

export async function signIn(page: Page, user: SignedUp, lang: Lang): Promise<void> {
  const m = SIGN_IN[lang];
  await page.goto('/sign-in');
  await page.getByLabel(m.email).fill(user.email);
  await page.getByLabel(m.password).fill(user.password);
  await page.locator('form').getByRole('button', { name: m.submit }).click();
  await page.waitForURL('**/issues');
}

/** No WCAG A/AA violations that axe-core finds on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const found = result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect({ url: page.url(), violations: found }).toEqual({ url: page.url(), violations: [] });
}
