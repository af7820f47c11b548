import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, PutCommand, type BatchWriteCommandOutput } from '@aws-sdk/lib-dynamodb';
import { ensureDynamoDbLocal, startDynamoDbLocal } from '../scripts/local/engines';
import { applyEnvironment, localEnvironment, LOCAL_CREDENTIALS, LOCAL_REGION } from '../scripts/local/env';
import { ensureTables } from '../scripts/local/bootstrap';
import type { Obligation } from '../shared/obligations/model';
import { ms } from './stats';

/**
 * The daily sweep over a large obligations table: BENCH_DEADLINES_TOTAL stored obligations (default
 * 1,000,000) of which BENCH_DEADLINES_DUE (default 10,000) are open and due on the swept day. Half of
 * the rest are closed (no index attribute), half open and due on later days. Prints how long the load
 * took (BatchWriteItem, 25 items a request, in parallel), then the sweep's time and what its due-day
 * queries read (items returned, capacity consumed), then a rerun's. Both counts are environment
 * variables because `npm run bench` takes no per-bench flags and a full load is minutes on 2 cores.
 */
const TOTAL = Number(process.env.BENCH_DEADLINES_TOTAL ?? 1_000_000);
const DUE = Number(process.env.BENCH_DEADLINES_DUE ?? 10_000);
const WRITERS = 16;
const DUE_DAY = '2026-03-10';
const AS_OF = new Date('2026-03-11T01:00:00Z');

const day = (offset: number): string => new Date(Date.parse('2026-03-11T00:00:00Z') + offset * 86_400_000).toISOString().slice(0, 10);

function obligationAt(index: number): Obligation {
  const project = `bench-p-${index % 100_000}`;
  const quarter = `Q${index}`;
  const open = index < DUE || index % 2 === 0;
  const dueDay = index < DUE ? DUE_DAY : open ? day(1 + (index % 600)) : day(-1 - (index % 600));
  return {
    id: `${project}:quarterly_report:${quarter}`,
    kind: 'quarterly_report',
    subjectType: 'project',
    subjectId: project,
    pilotId: `bench-pilot-${index % 4}`,
    period: quarter,
    responsible: 'enterprise',
    uscc: `BENCHUSCC${String(index % 100_000).padStart(9, '0')}`,
    town: `town-${index % 40}`,
    dueDay,
    status: open ? 'open' : 'fulfilled',
    openedAt: '2026-01-01T00:00:00.000Z',
    ...(open ? {} : { fulfilledAt: '2026-01-05T00:00:00.000Z' }),
  };
}

export async function benchDeadlines(): Promise<void> {
  await ensureDynamoDbLocal();
  const engine = await startDynamoDbLocal({});
  try {
    const env = localEnvironment({ dynamoEndpoint: engine.endpoint, s3Endpoint: 'http://127.0.0.1:1', prefix: 'benchdl' });
    applyEnvironment(env);
    await ensureTables(new DynamoDBClient({ region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, endpoint: engine.endpoint }), env);
    const { dynamo } = await import('../functions/commons/clients');
    const { tableNames } = await import('../functions/commons/config');
    const { toObligationItem } = await import('../functions/commons/store/obligations');
    const { readStats } = await import('../functions/commons/store/deadlines');
    const { deadlineStore } = await import('../functions/commons/store/deadlines');
    const { runSweep } = await import('../shared/obligations/sweep');
    // The timer handler is this call plus the logging notifier; without it the figures are the sweep's own.
    const sweep = () => runSweep(deadlineStore, AS_OF);

    console.log('\n## deadlines');
    console.log(`loading ${TOTAL.toLocaleString('en')} obligations (${DUE.toLocaleString('en')} due on ${DUE_DAY}) with ${WRITERS} parallel BatchWriteItem writers…`);
    const loadStarted = performance.now();
    let next = 0;
    let written = 0;
    const writer = async (): Promise<void> => {
      while (next < TOTAL) {
        const start = next;
        const end = Math.min(TOTAL, start + 25);
        next = end;
        let requests: NonNullable<BatchWriteCommandOutput['UnprocessedItems']>[string] | undefined = [];
        for (let index = start; index < end; index += 1) requests.push({ PutRequest: { Item: toObligationItem(obligationAt(index)) } });
        while (requests && requests.length > 0) {
          const result: BatchWriteCommandOutput = await dynamo.send(new BatchWriteCommand({ RequestItems: { [tableNames.obligations]: requests } }));
          requests = result.UnprocessedItems?.[tableNames.obligations];
        }
        written += end - start;
        if (Math.floor(written / 100_000) !== Math.floor((written - (end - start)) / 100_000)) {
          const seconds = (performance.now() - loadStarted) / 1000;
          console.log(`  ${written.toLocaleString('en')} written, ${Math.round(written / seconds).toLocaleString('en')} items/s`);
        }
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, writer));
    const loadMs = performance.now() - loadStarted;
    console.log(`load: ${TOTAL.toLocaleString('en')} items in ${(loadMs / 1000).toFixed(1)} s (${Math.round(TOTAL / (loadMs / 1000)).toLocaleString('en')} items/s)`);

    // The sweep has swept up to the day before, so this run looks at exactly the due day.
    await dynamo.send(new PutCommand({ TableName: tableNames.obligations, Item: { pk: 'MARK', sk: 'sweep', day: '2026-03-09' } }));
    const sweepStarted = performance.now();
    const result = await sweep();
    const sweepMs = performance.now() - sweepStarted;
    console.log(
      `sweep: ${ms(sweepMs)} for ${result.warnings.toLocaleString('en')} warnings; due-day queries: ${readStats.queries} pages, ` +
        `${readStats.items.toLocaleString('en')} items read of ${TOTAL.toLocaleString('en')} stored, ${readStats.capacityUnits.toFixed(1)} read capacity units`,
    );
    console.log(
      `  per warning: ${ms(sweepMs / Math.max(1, result.warnings))} (a miss is the obligation, its warning, 3 inbox items and their unread counters; ` +
        `${deadlineStore.missesPerTransaction ?? 1} misses a transaction)`,
    );

    const before = { ...readStats };
    await dynamo.send(new PutCommand({ TableName: tableNames.obligations, Item: { pk: 'MARK', sk: 'sweep', day: '2026-03-09' } }));
    const rerunStarted = performance.now();
    const rerun = await sweep();
    console.log(
      `rerun of the same day: ${ms(performance.now() - rerunStarted)}, ${rerun.warnings} warnings, ${readStats.items - before.items} items read ` +
        `(the missed obligations left the open-by-due-day index)`,
    );
  } finally {
    await engine.stop();
  }
}
