import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { withUsccCheck, USCC_CHARSET } from '../shared/uscc';
import { startBenchStack } from './stack';
import { measureConcurrent, ms, percentile } from './stats';

/**
 * A submit and a review decision (the town's recommendation) through the gateway under 50
 * concurrent clients, beside a bare two-item TransactWriteItems on the same engine: the ratio is
 * what the handler chain, the checks and the extra reads cost on top of the write itself.
 */
const PROJECTS = 1000;
const CONCURRENCY = 50;
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
  const submit = await measureConcurrent(PROJECTS, CONCURRENCY, (index) => act(tokens[index] ?? '', `BENCH-${index}`, 'submit', {}, 1));
  const review = await measureConcurrent(PROJECTS, CONCURRENCY, (index) => act(townToken, `BENCH-${index}`, 'recommend', { recommendation: '同意推荐' }, 2));
  const bare = await measureConcurrent(PROJECTS, CONCURRENCY, async (index) => {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableNames.records, Item: { pk: `BARE#${index}`, sk: 'PROJECT', version: 1 }, ConditionExpression: 'attribute_not_exists(pk)' } },
          { Put: { TableName: tableNames.records, Item: { pk: `BARE#${index}`, sk: 'AUDIT#1', action: 'bare' } } },
        ],
      }),
    );
  });
  const bareP50 = percentile(bare, 50);
  console.log(`\n## lifecycle writes (${PROJECTS} each, ${CONCURRENCY} concurrent clients, DynamoDB Local)`);
  console.log(`bare TransactWriteItems (2 puts): p50 ${ms(bareP50)}, p99 ${ms(percentile(bare, 99))}`);
  for (const [name, samples] of [['submit', submit], ['review decision (recommend)', review]] as const) {
    const p50 = percentile(samples, 50);
    console.log(`${name} through the gateway: p50 ${ms(p50)}, p99 ${ms(percentile(samples, 99))}, p50 ratio to bare ${(p50 / bareP50).toFixed(2)}`);
  }
  await stack.stop();
}
