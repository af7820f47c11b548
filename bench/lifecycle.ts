import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { withUsccCheck, USCC_CHARSET } from '../shared/uscc';
import { startBenchStack } from './stack';
import { measureConcurrent, ms, percentile } from './stats';

/**
 * A submit and a review decision (the town's recommendation) through the gateway under 50
 * concurrent clients, beside a bare two-item TransactWriteItems on the same engine: the ratio is
 * what the handler chain, the checks and the extra reads cost on top of the write itself. Bare and
 * step batches alternate in one run, so both sides of a ratio see the same machine.
 */
const PROJECTS = 1000;
const CONCURRENCY = 50;
const BATCH = 200;
const PILOT = 'bench-pilot';
const TOWN = 'bench-town';

function usccFor(index: number): string {
  const digits = index.toString(31).toUpperCase().split('').map((digit) => USCC_CHARSET.charAt(parseInt(digit, 31)));
  return withUsccCheck(`91120114MA${digits.join('').padStart(7, '0')}`);
}

export async function benchLifecycle(): Promise<void> {
  const stack = await startBenchStack('benchlc');
  const { createGuide } = await import('../functions/commons/store/guides');
  const { saveDecision } = await import('../functions/commons/store/projects');
  const { createDraft } = await import('../shared/projects/decide');
  const { dynamo } = await import('../functions/commons/clients');
  const { tableNames } = await import('../functions/commons/config');
  const now = new Date();
  await createGuide({
    id: 'g', pilotId: PILOT, title: '指南', directions: '-', conditions: '-', categories: ['central_fund'], demonstrationTypes: ['point'],
    opensOn: '2000-01-01', closesOn: '2100-12-31', publishedAt: now.toISOString(), publishedBy: 'bench',
  });
  const application = {
    implementationPlan: '数字化车间改造', milestones: [{ name: '上线', due: '2027-06-30' }], budget: [{ kind: 'equipment', amountWan: 1000 }],
    fundRequestedWan: 300, indicators: [{ name: '数控化率', unit: '%', target: 80 }], evidenceIds: [],
  };
  const tokens: string[] = [];
  for (let index = 0; index < PROJECTS; index += 1) {
    const uscc = usccFor(index + 1);
    const actor = { subject: `ent-${index}`, name: 'bench', roles: ['enterprise' as const], uscc };
    const decision = createDraft({ pilotId: PILOT, guideId: 'g', town: TOWN, title: `项目${index}`, category: 'central_fund', demonstrationType: 'point', application }, actor, now, `BENCH-${index}`, { uscc: actor.uscc ?? '', pilotId: PILOT, town: TOWN });
    await saveDecision(undefined, decision, { status: 201, body: null }, undefined, now);
    tokens.push(await stack.issuer.issue({ username: actor.subject, password: '', name: 'bench', groups: ['enterprise'], attributes: { uscc } }));
  }
  const townToken = await stack.issuer.issue({ username: 'town', password: '', name: 'town', groups: ['town'], attributes: { town: TOWN, pilot: PILOT } });
  const act = async (token: string, id: string, action: string, input: unknown, expectedVersion: number): Promise<void> => {
    const response = await fetch(`${stack.gateway.url}/api/projects/${id}/actions/${action}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ expectedVersion, input }),
    });
    if (response.status !== 200) throw new Error(`${action} ${id}: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  };
  let bareWrites = 0;
  const bareBatch = () =>
    measureConcurrent(BATCH, CONCURRENCY, async () => {
      const key = `BARE#${(bareWrites += 1)}`;
      await dynamo.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: tableNames.records, Item: { pk: key, sk: 'PROJECT', version: 1 }, ConditionExpression: 'attribute_not_exists(pk)' } },
            { Put: { TableName: tableNames.records, Item: { pk: key, sk: 'AUDIT#1', action: 'bare' } } },
          ],
        }),
      );
    });
  // Interleaved: each round runs a bare batch before each step batch, so drift of the machine (another
  // process, the engine's JIT, its growing table) hits both sides of every ratio alike.
  const samples = { bare: [] as number[], submit: [] as number[], review: [] as number[] };
  for (let round = 0; round < PROJECTS / BATCH; round += 1) {
    const first = round * BATCH;
    samples.bare.push(...(await bareBatch()));
    samples.submit.push(...(await measureConcurrent(BATCH, CONCURRENCY, (index) => act(tokens[first + index] ?? '', `BENCH-${first + index}`, 'submit', {}, 1))));
    samples.bare.push(...(await bareBatch()));
    samples.review.push(...(await measureConcurrent(BATCH, CONCURRENCY, (index) => act(townToken, `BENCH-${first + index}`, 'recommend', { recommendation: '同意推荐' }, 2))));
  }
  const [bareP50, bareP99] = [percentile(samples.bare, 50), percentile(samples.bare, 99)];
  console.log(`\n## lifecycle writes (${PROJECTS} each, ${CONCURRENCY} concurrent clients, DynamoDB Local; bare and step batches of ${BATCH} alternating)`);
  console.log(`bare TransactWriteItems (2 puts) ×${samples.bare.length}: p50 ${ms(bareP50)}, p99 ${ms(bareP99)}`);
  for (const [name, durations] of [['submit', samples.submit], ['review decision (recommend)', samples.review]] as const) {
    const [p50, p99] = [percentile(durations, 50), percentile(durations, 99)];
    console.log(`${name} through the gateway: p50 ${ms(p50)}, p99 ${ms(p99)}; ratio to bare p50 ${(p50 / bareP50).toFixed(2)} (goal ≤ 1.5), p99 ${(p99 / bareP99).toFixed(2)} (goal ≤ 3)`);
  }
  await stack.stop();
}
