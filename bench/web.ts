import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { wuqingTech } from '../scripts/demo/pilots';
import { createLocalIssuer } from '../scripts/local/auth';
import { startS3Server } from '../scripts/local/engines';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../scripts/local/env';
import { startGateway } from '../scripts/local/gateway';
import { publicPilot, SNAPSHOT_PATHS, type PublicProject } from '../shared/public/snapshot';
import { PUBLIC_DATA_PREFIX } from '../shared/tables';
import { percentile } from './stats';

/**
 * The public dashboard as a visitor gets it: the JS+CSS (gzip) it needs before any chart and with
 * the charts, read from the build's manifest; and in headless Chromium (Debian's, as the browser
 * tests use) the time from navigation to its first number (`pilotops:first-number`, the tables
 * rendered from the snapshot) and to its first chart (`pilotops:first-chart`, ECharts' first
 * finished frame), each from a cold cache, against the local gateway serving web/dist and a
 * published snapshot. Only s3rver is started: the dashboard reads static files, never the API.
 */
const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'web/dist');
const SAMPLES = 7;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

/** The files a chunk needs before it runs: itself, its static imports, and their CSS. */
function staticClosure(manifest: Manifest, key: string, seen = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk || seen.has(chunk.file)) return seen;
  seen.add(chunk.file);
  for (const css of chunk.css ?? []) seen.add(css);
  for (const imported of chunk.imports ?? []) staticClosure(manifest, imported, seen);
  return seen;
}

function gzipKiB(files: Iterable<string>): { files: number; raw: number; gzip: number } {
  let raw = 0;
  let gzip = 0;
  let count = 0;
  for (const file of files) {
    const bytes = readFileSync(join(DIST, file));
    raw += bytes.length;
    gzip += gzipSync(bytes).length;
    count += 1;
  }
  return { files: count, raw: raw / 1024, gzip: gzip / 1024 };
}

function bundleFigures(): void {
  const manifest = JSON.parse(readFileSync(join(DIST, '.vite/manifest.json'), 'utf8')) as Manifest;
  const entry = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
  const dashboard = Object.keys(manifest).find((key) => key.endsWith('pages/public/PilotDashboard.svelte'));
  if (!entry || !dashboard) throw new Error('manifest lacks the entry or the public dashboard');
  const before = staticClosure(manifest, dashboard, staticClosure(manifest, entry));
  const charts = new Set(before);
  for (const lazy of manifest[dashboard]?.dynamicImports ?? []) staticClosure(manifest, lazy, charts);
  const chartOnly = [...charts].filter((file) => !before.has(file));
  const show = (name: string, figures: ReturnType<typeof gzipKiB>) =>
    console.log(`${name.padEnd(34)} ${figures.gzip.toFixed(1).padStart(7)} KiB gzip  (${figures.raw.toFixed(1)} KiB raw, ${figures.files} files)`);
  console.log('\n## public dashboard bundle (web/dist, gzip level 6)');
  show('before charts (entry + dashboard)', gzipKiB(before));
  show('chart chunks (lazy)', gzipKiB(chartOnly));
  show('with charts', gzipKiB(charts));
}

/** A snapshot with values and disclosed projects, so every chart of the page draws. */
function demoSnapshot(now: Date) {
  const base: Omit<PublicProject, 'id' | 'title' | 'status' | 'approvedAmountWan' | 'enterpriseName'> = {
    pilotId: wuqingTech.id, town: 'wq-kfq', category: 'central_fund', demonstrationType: 'point',
    noticeStart: '2025-05-01T02:00:00.000Z', noticeEnd: '2025-05-08', agreementSignedAt: null, fundPlanIssuedAt: null, acceptedAt: null, closedAt: null,
  };
  const projects: PublicProject[] = Array.from({ length: 10 }, (_unused, index) => ({
    ...base, id: `P${index + 1}`, title: `重点技术改造项目 ${index + 1}`, enterpriseName: `企业 ${index + 1}`,
    status: index < 3 ? 'accepted' : index < 7 ? 'in_progress' : 'public_notice', approvedAmountWan: 500 + index * 100,
  }));
  const indicatorValues = Object.fromEntries(
    wuqingTech.indicators.map((indicator, index) => [indicator.code, ['2025Q1', '2025Q2', '2025Q3', '2025Q4'].map((period, step) => ({ period, value: Math.round(indicator.target * (0.2 + 0.15 * step + index / 100) * 100) / 100 }))]),
  );
  return publicPilot(wuqingTech, projects, { indicatorValues, disbursedWan: 2_400, admittedProviders: 41 }, now);
}

export async function benchWeb(): Promise<void> {
  await build({ configFile: join(ROOT, 'web/vite.config.ts'), logLevel: 'warn' });
  bundleFigures();

  const directory = mkdtempSync(join(tmpdir(), 'pilotops-bench-web-'));
  const engine = await startS3Server({ directory });
  const s3 = new S3Client({ endpoint: engine.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED' });
  const bucket = 'bench-web-site';
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: PUBLIC_DATA_PREFIX + SNAPSHOT_PATHS.pilot(wuqingTech.id), Body: JSON.stringify(demoSnapshot(new Date())), ContentType: 'application/json; charset=utf-8' }));
  const gateway = await startGateway({ issuer: await createLocalIssuer('http://127.0.0.1/local-auth'), accounts: [], s3, siteBucket: bucket, webRoot: DIST });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const firstNumber: number[] = [];
    const firstChart: number[] = [];
    for (let sample = 0; sample < SAMPLES; sample += 1) {
      // A fresh context each time: nothing cached, as a first visit.
      const context = await browser.newContext({ locale: 'zh-CN' });
      const page = await context.newPage();
      await page.goto(`${gateway.url}/pilots/${wuqingTech.id}`);
      // A string, not a function: tsx would wrap named closures in a helper the page does not have.
      const marks = await page.evaluate<{ number: number; chart: number }>(`new Promise((done) => {
        (function read() {
          const number = performance.getEntriesByName('pilotops:first-number')[0];
          const chart = performance.getEntriesByName('pilotops:first-chart')[0];
          if (number && chart) done({ number: number.startTime, chart: chart.startTime });
          else setTimeout(read, 10);
        })();
      })`);
      firstNumber.push(marks.number);
      firstChart.push(marks.chart);
      await context.close();
    }
    console.log(`\n## public dashboard in headless Chromium (${SAMPLES} cold loads, local gateway, ms from navigation start)`);
    console.log(`time to first number  p50 ${percentile(firstNumber, 50).toFixed(0).padStart(5)} ms   min ${Math.min(...firstNumber).toFixed(0)}  max ${Math.max(...firstNumber).toFixed(0)}`);
    console.log(`time to first chart   p50 ${percentile(firstChart, 50).toFixed(0).padStart(5)} ms   min ${Math.min(...firstChart).toFixed(0)}  max ${Math.max(...firstChart).toFixed(0)}`);
  } finally {
    await browser.close();
    await gateway.close();
    await engine.stop();
    s3.destroy();
    rmSync(directory, { recursive: true, force: true });
  }
}
