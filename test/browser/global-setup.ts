import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Builds the web app once for the browser project (the engines come from the integration global
 * setup, listed before this one). Chromium is Debian's (`.ci/run` installs the `chromium` package);
 * without it the run stops here with the reason rather than in every test.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default async function setup(): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(`browser tests need Chromium at ${CHROMIUM} (apt-get install chromium fonts-wqy-zenhei)`);
  const { build } = await import('vite');
  await build({ configFile: resolve(import.meta.dirname, '../../web/vite.config.ts'), logLevel: 'warn' });
}
