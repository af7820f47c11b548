import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './env';

/**
 * The local engines: AWS's own DynamoDB Local (Java) and s3rver, each a child process on loopback.
 * Used by the integration-test global setup and by the local start script.
 */
export interface RunningEngine {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const cacheDir = path.join(repoRoot, '.cache');
const dynamoDir = path.join(cacheDir, 'dynamodb-local');

/** AWS publishes DynamoDB Local as a zip on S3 only; this npm package carries the same jar and libs. */
const SIMULATOR_PACKAGE = 'amplify-dynamodb-simulator@2.9.30';
// A JVM starting on a loaded 2-core machine (CI, or several test runs at once) took over 30 s to
// answer; an engine that is up answers at once, so the long wait costs nothing when all is well.
const READY_TIMEOUT_MS = 180_000;

/** A port the OS says is free right now (there is a small window before the engine takes it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.error) throw new Error(`${command} failed to start: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status}: ${result.stderr.trim()}`);
  }
}

/**
 * Fetches DynamoDB Local into `.cache/dynamodb-local/` once. `npm pack` downloads only the package
 * tarball (integrity-checked by npm), not its dependency tree, and only `emulator/` is unpacked.
 */
export async function ensureDynamoDbLocal(): Promise<{ jar: string; libDir: string }> {
  const jar = path.join(dynamoDir, 'DynamoDBLocal.jar');
  const libDir = path.join(dynamoDir, 'DynamoDBLocal_lib');
  if (existsSync(jar)) return { jar, libDir };

  mkdirSync(cacheDir, { recursive: true });
  const tarball = path.join(cacheDir, `${SIMULATOR_PACKAGE.replace('@', '-')}.tgz`);
  if (!existsSync(tarball)) {
    run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['pack', SIMULATOR_PACKAGE, '--silent'], cacheDir);
  }
  if (!existsSync(tarball)) throw new Error(`npm pack did not produce ${tarball}`);

  // Unpack beside the target and rename into place, so an interrupted run never leaves a
  // half-extracted folder that the existsSync check above would take for complete.
  const staging = mkdtempSync(path.join(cacheDir, 'dynamodb-local-'));
  try {
    run('tar', ['-xzf', tarball, '-C', staging, '--strip-components=2', 'package/emulator'], cacheDir);
    if (!existsSync(path.join(staging, 'DynamoDBLocal.jar'))) throw new Error(`${tarball} has no emulator/DynamoDBLocal.jar`);
    if (!existsSync(jar)) renameSync(staging, dynamoDir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
    // Also after a failure: a truncated tarball would otherwise be reused forever.
    rmSync(tarball, { force: true });
  }
  return { jar, libDir };
}

function assertJava(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error) {
    throw new Error(
      'DynamoDB Local needs Java, but `java` was not found on PATH. Install a JRE (17 or newer), ' +
        'e.g. `apt-get install -y default-jre-headless`, and try again.',
    );
  }
}

/** Keeps the last few KB of a child's output, so a failed start can say why. */
function captureTail(child: ChildProcess): () => string {
  let tail = '';
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  };
  // Always drained: a child blocked on a full pipe would stop answering.
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => tail;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Makes a child die with this process; returns its stop(): once, gracefully then firmly. */
function supervise(child: ChildProcess, onStopped?: () => void): () => Promise<void> {
  // 'exit' handlers must be synchronous: no graceful stop here, just make sure nothing outlives us.
  const killOnExit = (): void => {
    child.kill('SIGKILL');
    onStopped?.();
  };
  process.on('exit', killOnExit);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= (async () => {
      process.off('exit', killOnExit);
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
      onStopped?.();
    })();
    return stopping;
  };
}

/** Resolves once `probe` succeeds; rejects if the child exits first or the deadline passes. */
async function waitUntilReady(child: ChildProcess, name: string, tail: () => string, probe: () => Promise<unknown>): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${name} exited during start (${child.exitCode ?? child.signalCode}):\n${tail()}`);
    }
    try {
      await probe();
      return;
    } catch (error) {
      lastError = error;
    }
    await sleep(200);
  }
  child.kill('SIGKILL');
  throw new Error(`${name} did not answer within ${READY_TIMEOUT_MS} ms (${String(lastError)}):\n${tail()}`);
}

/**
 * Starts DynamoDB Local. No `-sharedDb`: tables live per access key and region, exactly as the
 * local environment's fixed `local`/`us-east-1` pair sees them. The jar has no bind-address option
 * and listens on all interfaces; clients are pointed at 127.0.0.1.
 */
export async function startDynamoDbLocal(options: { port?: number; dbPath?: string } = {}): Promise<RunningEngine> {
  assertJava();
  const { jar, libDir } = await ensureDynamoDbLocal();
  const port = options.port ?? (await freePort());
  const storage = options.dbPath === undefined ? ['-inMemory'] : ['-dbPath', path.resolve(options.dbPath)];
  if (options.dbPath !== undefined) mkdirSync(path.resolve(options.dbPath), { recursive: true });

  const args = [`-Djava.library.path=${libDir}`, '-jar', jar, '-port', String(port), '-disableTelemetry', ...storage];
  const child = spawn('java', args, { cwd: path.dirname(jar), stdio: ['ignore', 'pipe', 'pipe'] });
  const tail = captureTail(child);
  const engine: RunningEngine = { endpoint: `http://127.0.0.1:${port}`, port, stop: supervise(child) };

  // Same credentials and region as localEnvironment(), though any pair would prove it answers.
  const client = new DynamoDBClient({ endpoint: engine.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  try {
    await waitUntilReady(child, 'DynamoDB Local', tail, () => client.send(new ListTablesCommand({ Limit: 1 })));
  } catch (error) {
    await engine.stop();
    throw error;
  } finally {
    client.destroy();
  }
  return engine;
}

/**
 * Starts s3rver on 127.0.0.1 in a child process (see s3-server.mjs for why not in-process). Without
 * a port the child binds port 0 and reports the one it got, so there is no race for it. A temp
 * directory made here is removed on stop; a given one is kept.
 */
export async function startS3Server(options: { port?: number; directory?: string } = {}): Promise<RunningEngine> {
  const ownDirectory = options.directory === undefined;
  const directory = options.directory ?? mkdtempSync(path.join(os.tmpdir(), 'pilotops-s3-'));
  mkdirSync(directory, { recursive: true });

  const script = path.join(here, 's3-server.mjs');
  const credentials = `${LOCAL_CREDENTIALS.accessKeyId}:${LOCAL_CREDENTIALS.secretAccessKey}`;
  const args = ['--openssl-legacy-provider', script, '--port', String(options.port ?? 0), '--directory', directory, '--credentials', credentials];
  // stdin stays a pipe: the child exits when it closes, i.e. when this process dies uncleanly.
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
  const tail = captureTail(child);

  let reportedPort: number | undefined;
  let buffered = '';
  const onLine = (chunk: Buffer): void => {
    buffered += chunk.toString('utf8');
    const match = /\{"ready":true,"port":(\d+)\}/.exec(buffered);
    if (match?.[1] !== undefined) {
      reportedPort = Number(match[1]);
      child.stdout?.off('data', onLine);
    }
  };
  child.stdout?.on('data', onLine);

  const cleanup = ownDirectory ? () => rmSync(directory, { recursive: true, force: true }) : undefined;
  const stop = supervise(child, cleanup);
  try {
    await waitUntilReady(child, 's3rver', tail, async () => {
      if (reportedPort === undefined) throw new Error('no ready line yet');
      // Any HTTP answer (ListBuckets) proves the server handles requests, not just that it bound.
      await (await fetch(`http://127.0.0.1:${reportedPort}/`)).arrayBuffer();
    });
  } catch (error) {
    await stop();
    throw error;
  }
  const port = reportedPort ?? 0;
  return { endpoint: `http://127.0.0.1:${port}`, port, stop };
}
