import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { CHROMIUM } from '../global-setup';

/**
 * Debian's Chromium driven by playwright-core, with the page checks every test applies: axe-core
 * (WCAG 2.1 A/AA rules, the ones GB/T 37668 takes over) and a screenshot into `screenshots/`.
 */
const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const SCREENSHOTS = resolve(import.meta.dirname, '../../../screenshots');

/**
 * Every assertion on a page waits for its condition: a page renders when its data arrives, and a
 * loaded machine (CI: two busy cores) takes its time. `eventually(() => locator.textContent())`
 * reads again until the matcher holds or the page's patience (30 s) runs out; reading once, as
 * `expect(await locator.isVisible())` does, fails whenever the data is a moment late.
 */
export function eventually<T>(read: () => Promise<T> | T) {
  return expect.poll(read, { timeout: 30_000, interval: 100 });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    // A closed network: no background fetches (their refused connections would only slow things down).
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Serious and critical axe violations on the page as it stands. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, nodes: violation.nodes.map((node) => JSON.stringify(node.target)) }));
  });
}

/** What a walk records about each page it visits. */
export class PageLog {
  readonly visited: Array<{ name: string; violations: AxeViolation[] }> = [];
  #count = 0;
  readonly #dir: string;

  constructor(folder: string) {
    this.#dir = join(SCREENSHOTS, folder);
    rmSync(this.#dir, { recursive: true, force: true });
    mkdirSync(this.#dir, { recursive: true });
  }

  /** Screenshot and axe check of the page now; the test asserts on `violations` at the end. */
  async check(page: Page, name: string): Promise<AxeViolation[]> {
    this.#count += 1;
    await page.screenshot({ path: join(this.#dir, `${String(this.#count).padStart(2, '0')}-${name}.png`), fullPage: true });
    const violations = await seriousViolations(page);
    this.visited.push({ name, violations });
    return violations;
  }

  async failure(page: Page, test: string): Promise<void> {
    await page.screenshot({ path: join(this.#dir, `failed-${test.slice(0, 40).replace(/[^\p{L}\p{N}]+/gu, '-')}.png`), fullPage: true }).catch(() => undefined);
  }

  get violations(): Array<{ page: string } & AxeViolation> {
    return this.visited.flatMap((entry) => entry.violations.map((violation) => ({ page: entry.name, ...violation })));
  }
}

/** Signs in through the login page and waits for the workbench. */
export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.locator('#login-username').fill(username);
  await page.locator('#login-password').fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL(/\/workbench$/);
  await page.getByRole('heading', { level: 1, name: '工作台' }).waitFor();
}
