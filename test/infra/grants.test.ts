import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, routeKey } from '../../shared/routes';
import { SCHEDULES } from '../../shared/schedules';
import { EVENT_HANDLERS } from '../../shared/events';
import { BUCKETS, TABLES, type BucketKey, type TableKey } from '../../shared/tables';
import { grantsOf, touchesNothing, type Grants } from '../../shared/touches';
import { INDEX_ACTIONS, OBJECT_ACTIONS, TABLE_ACTIONS } from '../../infra/constructs/grants';
import type { PilotFunction } from '../../infra/constructs/pilot-function';
import { actions, props, statements, synthesize, type Statement, type Synthesized } from './helpers';

/**
 * Least privilege from the route table (issue 17): every function's synthesized policy is exactly
 * what its routes, timers or event handlers declare in shared/routes.ts, schedules.ts and events.ts
 * (shared/touches.ts), so a new handler cannot widen its grants without a declaration beside it.
 */
let synth: Synthesized;

beforeAll(() => {
  synth = synthesize({ partition: 'aws' });
});

function allFunctions(): [string, PilotFunction][] {
  const { api, schedules, events } = synth.ops;
  return [...api.functions.entries(), ...schedules.functions.entries(), ...(events ? [...events.functions.entries()] : [])];
}

function roleStatements(fn: PilotFunction): Statement[] {
  const roleId = synth.logicalId(fn.function.role!);
  return Object.values(synth.resources(fn.function.stack, 'AWS::IAM::Policy'))
    .filter((policy) => JSON.stringify(props(policy).Roles).includes(`"${roleId}"`))
    .flatMap((policy) => statements(props(policy).PolicyDocument));
}

/** A resource of a statement by what it names: `records`, `records/index/byQueue`, `evidence/projects/*`, `log-group`. */
function named(fn: PilotFunction, resource: unknown): string {
  const json = JSON.stringify(resource);
  if (json === JSON.stringify({ 'Fn::GetAtt': [synth.logicalId(fn.logGroup), 'Arn'] })) return 'log-group';
  if (fn.failureDestination && json === JSON.stringify({ 'Fn::GetAtt': [synth.logicalId(fn.failureDestination), 'Arn'] })) return 'failure-destination';
  for (const key of Object.keys(TABLES) as TableKey[]) {
    if (!json.includes(synth.logicalId(synth.ops.data.store.tables[key]))) continue;
    const index = /\/index\/([A-Za-z*]+)/.exec(json);
    return index ? `${key}/index/${index[1]}` : key;
  }
  for (const key of Object.keys(BUCKETS) as BucketKey[]) {
    if (!json.includes(synth.logicalId(synth.ops.data.store.buckets[key]))) continue;
    const prefix = /"\/([a-z0-9/-]*\*)"/.exec(json);
    return prefix ? `${key}/${prefix[1]}` : key;
  }
  return `unknown ${json}`;
}

/** Every action on every resource a policy allows, as `action on resource`. */
function allowed(fn: PilotFunction): string[] {
  return roleStatements(fn)
    .flatMap((statement) => {
      expect(statement.Effect).toBe('Allow');
      const resources = Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
      return actions(statement).flatMap((action) => resources.map((resource) => `${action} on ${named(fn, resource)}`));
    })
    .sort();
}

/** What the declaration grants, in the same form. */
function declared(fn: PilotFunction): string[] {
  const grants = fn.grants;
  const expected = ['logs:CreateLogStream on log-group', 'logs:PutLogEvents on log-group'];
  // What Lambda's SqsDestination grants: send to that one queue (and find it).
  if (fn.failureDestination) for (const action of ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage']) expected.push(`${action} on failure-destination`);
  for (const [key, table] of Object.entries(grants.tables)) {
    for (const action of table.ops.flatMap((op) => TABLE_ACTIONS[op])) expected.push(`${action} on ${key}`);
    for (const index of table.indexes) for (const action of INDEX_ACTIONS) expected.push(`${action} on ${key}/index/${index}`);
  }
  for (const [key, bucket] of Object.entries(grants.buckets)) {
    for (const prefix of bucket.prefixes) for (const action of bucket.ops.flatMap((op) => OBJECT_ACTIONS[op])) expected.push(`${action} on ${key}/${prefix}*`);
    if (bucket.ops.includes('get')) expected.push(`s3:ListBucket on ${key}`);
  }
  return [...new Set(expected)].sort();
}

function declarationOf(kind: string, handler: string): Grants {
  if (kind === 'api') return grantsOf(ROUTES.filter((route) => route.handler === handler).map((route) => route.touches));
  if (kind === 'timers') return grantsOf(SCHEDULES.filter((schedule) => schedule.handler === handler).map((schedule) => schedule.touches));
  return grantsOf(EVENT_HANDLERS.filter((definition) => definition.handler === handler).map((definition) => definition.touches));
}

describe('grants from the route table', () => {
  it('grants every function exactly what its routes, timers or event handlers declare', () => {
    expect(allFunctions().length).toBeGreaterThan(40);
    for (const [handler, fn] of allFunctions()) {
      const kind = fn.node.id.startsWith('Timer') ? 'timers' : fn.node.id.startsWith('Event') ? 'events' : 'api';
      expect(fn.grants, handler).toEqual(declarationOf(kind, handler));
      expect(allowed(fn), handler).toEqual(declared(fn));
    }
  });

  it('lists a bucket only below the declared prefixes, and only for a function that reads objects there', () => {
    for (const [handler, fn] of allFunctions()) {
      for (const statement of roleStatements(fn).filter((candidate) => actions(candidate).includes('s3:ListBucket'))) {
        const bucket = Object.entries(fn.grants.buckets).find(([key]) => named(fn, statement.Resource) === key);
        expect(bucket, handler).toBeDefined();
        expect(statement.Condition, handler).toEqual({ StringLike: { 's3:prefix': bucket![1].prefixes.map((prefix) => `${prefix}*`) } });
      }
    }
  });

  it('lets no role in any stack Scan a table or use a wildcard action on data', () => {
    for (const [name, policy] of Object.entries(synth.allResources('AWS::IAM::Policy'))) {
      for (const action of statements(props(policy).PolicyDocument).flatMap(actions)) {
        expect(action, name).not.toMatch(/^dynamodb:(Scan|\*)|^s3:\*$|^dynamodb:.*\*$/);
      }
    }
  });

  it('grants a function behind read routes no write of any kind', () => {
    for (const route of ROUTES.filter((candidate) => candidate.method === 'GET')) {
      const fn = synth.ops.api.functions.get(route.handler)!;
      const writes = allowed(fn).filter((entry) => /dynamodb:(Put|Update|Delete|ConditionCheck|BatchWrite)|s3:(Put|Delete)/.test(entry));
      expect(writes, routeKey(route)).toEqual([]);
    }
  });

  it('grants health and /me nothing but their own log group', () => {
    for (const handler of ['system/health', 'system/me']) {
      const fn = synth.ops.api.functions.get(handler)!;
      expect(touchesNothing(fn.grants), handler).toBe(true);
      expect(allowed(fn), handler).toEqual(['logs:CreateLogStream on log-group', 'logs:PutLogEvents on log-group']);
    }
  });

  it('lets only the evidence completion, the evidence removal and the upload cleanup delete objects, never a version', () => {
    const deleting = allFunctions()
      .filter(([, fn]) => allowed(fn).some((entry) => entry.startsWith('s3:DeleteObject')))
      .map(([handler]) => handler)
      .sort();
    expect(deleting).toEqual(['cleanUploads', 'evidence/complete', 'evidence/remove']);
    expect(allowed(synth.ops.api.functions.get('evidence/remove')!).filter((entry) => entry.startsWith('s3:DeleteObject'))).toEqual(['s3:DeleteObject on evidence/projects/*']);
    for (const [handler, fn] of allFunctions()) expect(allowed(fn).join(), handler).not.toMatch(/DeleteObjectVersion|BypassGovernanceRetention/);
  });
});
