import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { withUsccCheck } from '../shared/uscc';
import { startBenchStack } from './stack';
import { ms } from './stats';

/**
 * A 100 MB evidence upload through the presigned path (the browser's PUT) beside a
 * raw PutObject of the same bytes to the same local S3 server: the ratio is what presigning, the
 * signed headers and the client cost on top of moving the bytes. The completion (HEAD, streaming
 * SHA-256 of every byte, signature check, one transaction) is timed apart; in AWS it reads S3's own
 * checksum instead of hashing.
 */
const SIZE = 100 * 1024 * 1024;
const RUNS = 5;
const PILOT = 'bench-pilot';

/**
 * The browser's PUT with the same client the SDK uses underneath (node:http), so the ratio compares
 * the paths rather than two HTTP libraries; fetch (undici) is timed too, for reference.
 */
function putWithHttp(url: string, headers: Record<string, string>, body: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    const put = request(url, { method: 'PUT', headers: { ...headers, 'content-length': String(body.length) } }, (response) => {
      response.resume();
      response.on('end', () => ((response.statusCode ?? 500) < 300 ? resolve() : reject(new Error(`presigned PUT answered ${response.statusCode}`))));
    });
    put.on('error', reject);
    put.end(body);
  });
}

async function putWithFetch(url: string, headers: Record<string, string>, body: Uint8Array<ArrayBuffer>): Promise<void> {
  const response = await fetch(url, { method: 'PUT', headers, body });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`presigned PUT answered ${response.status}`);
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const rate = (milliseconds: number): string => `${(SIZE / 1024 / 1024 / (milliseconds / 1000)).toFixed(0)} MB/s`;

export async function benchEvidence(): Promise<void> {
  const stack = await startBenchStack('benchev');
  try {
    const { createGuide } = await import('../functions/commons/store/guides');
    const { saveDecision } = await import('../functions/commons/store/projects');
    const { completionPorts, recordUpload } = await import('../functions/commons/store/evidence');
    const { presignUpload } = await import('../functions/commons/store/evidence-objects');
    const { s3 } = await import('../functions/commons/clients');
    const { bucketNames } = await import('../functions/commons/config');
    const { createDraft } = await import('../shared/projects/decide');
    const { planUpload } = await import('../shared/evidence/rules');
    const { completeUpload } = await import('../shared/evidence/complete');
    const { loadedProject } = await import('../shared/evidence/holders');
    const { projectHolder } = await import('../shared/evidence/holder');

    const now = new Date();
    await createGuide({
      id: 'g', pilotId: PILOT, title: '指南', directions: '-', conditions: '-', categories: ['central_fund'], demonstrationTypes: ['point'],
      opensOn: '2000-01-01', closesOn: '2100-12-31', publishedAt: now.toISOString(), publishedBy: 'bench',
    });
    const actor = { subject: 'bench-ent', name: 'bench', roles: ['enterprise' as const], uscc: withUsccCheck('91120114MA0BENCH1') };
    const draft = createDraft({ pilotId: PILOT, guideId: 'g', town: 't', title: '基准项目', category: 'central_fund', demonstrationType: 'point' }, actor, now, 'bench-project', { uscc: actor.uscc ?? '', pilotId: PILOT, town: 't' });
    await saveDecision(undefined, draft, { status: 201, body: null }, undefined, now);

    // A scanned contract's shape: a PDF header, then incompressible bytes.
    const bytes = new Uint8Array(SIZE);
    bytes.set(Buffer.from('%PDF-1.7\n'));
    bytes.set(randomBytes(SIZE - 9), 9);
    const sha256 = createHash('sha256').update(bytes).digest('hex');

    const timings = { http: [] as number[], fetch: [] as number[], raw: [] as number[], completion: [] as number[] };
    const declare = async () => {
      const upload = planUpload(loadedProject(draft.project), actor, { category: 'contract', fileName: '设备采购合同（扫描件）.pdf', contentType: 'application/pdf', size: SIZE, sha256 }, new Date(), randomUUID());
      await recordUpload(upload);
      return { upload, target: await presignUpload(upload) };
    };
    for (let run = 0; run < RUNS; run += 1) {
      const [viaHttp, viaFetch] = [await declare(), await declare()];
      const rawKey = `bench/raw-${run}`;
      const measures: Array<[keyof typeof timings, () => Promise<void>]> = [
        ['http', () => putWithHttp(viaHttp.target.put.url, viaHttp.target.put.headers, bytes)],
        ['fetch', () => putWithFetch(viaFetch.target.put.url, viaFetch.target.put.headers, bytes)],
        ['raw', async () => void (await s3.send(new PutObjectCommand({ Bucket: bucketNames.evidence, Key: rawKey, Body: bytes, ContentType: 'application/pdf' })))],
      ];
      // Rotate which goes first, so none always meets a warm (or a busy) server.
      const turn = run % measures.length;
      for (const [name, measure] of [...measures.slice(turn), ...measures.slice(0, turn)]) {
        const started = performance.now();
        await measure();
        timings[name].push(performance.now() - started);
      }
      const started = performance.now();
      await completeUpload(completionPorts, projectHolder(draft.project.id), actor, viaHttp.upload.uploadId, new Date());
      timings.completion.push(performance.now() - started);
      for (const key of [viaHttp.upload.key, viaFetch.upload.key, rawKey]) await s3.send(new DeleteObjectCommand({ Bucket: bucketNames.evidence, Key: key }));
    }

    const [http, viaFetch, raw] = [median(timings.http), median(timings.fetch), median(timings.raw)];
    const runs = (values: number[]) => values.map((value) => value.toFixed(0)).join(', ');
    console.log(`\n## evidence upload (100 MB to the local S3 server, median of ${RUNS})`);
    console.log(`presigned PUT (node:http): ${ms(http)} (${rate(http)}); runs ${runs(timings.http)} ms`);
    console.log(`raw PutObject (SDK):       ${ms(raw)} (${rate(raw)}); runs ${runs(timings.raw)} ms`);
    console.log(`ratio presigned/raw: ${(http / raw).toFixed(2)} (goal ≤ 1.1)`);
    console.log(`presigned PUT (fetch):     ${ms(viaFetch)} (${rate(viaFetch)}); runs ${runs(timings.fetch)} ms — ratio ${(viaFetch / raw).toFixed(2)}, Node's undici client, not the path`);
    console.log(`completion (HEAD, SHA-256 of 100 MB, signature, transaction): ${ms(median(timings.completion))}`);
  } finally {
    await stack.stop();
  }
}
