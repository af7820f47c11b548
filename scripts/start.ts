import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { ensureDynamoDbLocal, startDynamoDbLocal, startS3Server } from './local/engines';
import { applyEnvironment, localEnvironment, LOCAL_CREDENTIALS, LOCAL_REGION } from './local/env';
import { allowSiteOrigin, ensureBuckets, ensureTables } from './local/bootstrap';
import { createLocalIssuer } from './local/auth';
import { startGateway } from './local/gateway';
import { startScheduler } from './local/scheduler';
import { startMailSink } from './local/mail-sink';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo/accounts';
import { ROLE_LABELS } from '../shared/roles';

/**
 * `npm start`: the whole platform on one machine. DynamoDB Local and the S3-compatible server keep
 * their data under `.data/` (a restart loses nothing), the demo data is loaded, the web app built,
 * and the gateway and the scheduler run the same handlers Lambda runs in AWS.
 */
const root = resolve(import.meta.dirname, '..');
const dataDir = join(root, '.data');
const port = Number(process.env.PORT ?? 3000);

async function main(): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  await ensureDynamoDbLocal();
  const dynamoEngine = await startDynamoDbLocal({ dbPath: join(dataDir, 'dynamodb') });
  const s3Engine = await startS3Server({ directory: join(dataDir, 's3') });
  // Issue 18: mail, robot posts and SMS land in the local sink (viewer on MAIL_PORT, SMTP on SMTP_PORT).
  const sink = await startMailSink({ smtpPort: Number(process.env.SMTP_PORT ?? 1025), httpPort: Number(process.env.MAIL_PORT ?? 1080) });
  const env = { ...localEnvironment({ dynamoEndpoint: dynamoEngine.endpoint, s3Endpoint: s3Engine.endpoint, prefix: 'pilotops' }), ...sinkEnvironment(sink) };
  applyEnvironment(env);
  // `npm run schedule -- fire …` reads this to reach the running engines.
  const stackFile = join(dataDir, 'stack.json');
  writeFileSync(stackFile, JSON.stringify(env, null, 2));

  const clientOptions = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  await ensureTables(new DynamoDBClient({ ...clientOptions, endpoint: dynamoEngine.endpoint }), env);
  await ensureBuckets(new S3Client({ ...clientOptions, endpoint: s3Engine.endpoint, forcePathStyle: true }), env);

  const { seedDemoData } = await import('./demo/seed');
  const seeded = await seedDemoData();

  const webBuilt = existsSync(join(root, 'web/dist/index.html'));
  if (existsSync(join(root, 'web/vite.config.ts')) && (!webBuilt || process.env.REBUILD_WEB === '1')) {
    console.log('building the web app …');
    const build = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('web build failed');
  }

  const { s3 } = await import('../functions/commons/clients');
  const gateway = await startGateway({
    port,
    issuer: await createLocalIssuer(`http://127.0.0.1:${port}/local-auth`, join(dataDir, 'local-auth-key.json')),
    accounts: DEMO_ACCOUNTS,
    s3,
    siteBucket: env.SITE_BUCKET ?? '',
    webRoot: join(root, 'web/dist'),
  });
  await allowSiteOrigin(s3, env.EVIDENCE_BUCKET ?? '', [gateway.url, `http://localhost:${gateway.port}`]);
  const stopScheduler = startScheduler();

  console.log(`\n试点通 PilotOps is running at ${gateway.url}`);
  console.log(`  API ${gateway.url}/api · public data ${gateway.url}/data/index.json · demo data: ${seeded.pilots} pilots, ${seeded.enterprises} new enterprises, ${seeded.projects} new projects`);
  console.log(`  demo accounts (password ${DEMO_PASSWORD}):`);
  const usernameWidth = Math.max(...DEMO_ACCOUNTS.map((account) => account.username.length));
  for (const account of DEMO_ACCOUNTS) {
    console.log(`    ${account.username.padEnd(usernameWidth)} ${account.groups.map((role) => ROLE_LABELS[role]).join('、')} — ${account.name}`);
  }
  console.log(`  mail, group-robot posts and SMS sent here: ${sink.url} (SMTP ${sink.smtpUrl}; robot URLs ${sink.robotUrl('wecom', '<key>')})`);
  console.log('  stop with Ctrl+C; data stays in .data/\n');

  const shutdown = async (): Promise<void> => {
    stopScheduler();
    rmSync(stackFile, { force: true });
    await gateway.close();
    await Promise.all([dynamoEngine.stop(), s3Engine.stop(), sink.close()]);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

/** The NOTIFY_* settings that send every channel to the local sink (shared/notifications/config.ts). */
function sinkEnvironment(sink: Awaited<ReturnType<typeof startMailSink>>): Record<string, string> {
  return {
    NOTIFY_APP_URL: `http://127.0.0.1:${port}`,
    NOTIFY_EMAIL: 'smtp',
    NOTIFY_EMAIL_FROM: '试点通 <notify@pilotops.local>',
    NOTIFY_SMTP_URL: sink.smtpUrl,
    NOTIFY_SMS: 'provider',
    NOTIFY_SMS_PROVIDER_URL: sink.smsUrl,
    NOTIFY_SMS_SIGN_NAME: '试点通',
    NOTIFY_SMS_TEMPLATE: 'LOCAL_NOTICE',
    NOTIFY_SMS_KEY_ID: 'local',
    NOTIFY_SMS_SECRET: 'local',
    NOTIFY_WEBHOOK_HOSTS: '127.0.0.1',
  };
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
