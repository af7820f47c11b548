import { AsyncLocalStorage } from 'node:async_hooks';
import { dynamo, s3 } from '../../functions/commons/clients';
import { BUCKETS, TABLES, type BucketKey, type TableKey } from '../../shared/tables';
import { EVENT_HANDLERS } from '../../shared/events';
import { SCHEDULES } from '../../shared/schedules';
import { allows, grantsOf, type Access, type Grants, type TableOp } from '../../shared/touches';

/**
 * The local stand-in for the functions' IAM policies (issue 17): while a handler runs under
 * `withTouches`, every DynamoDB and S3 call it makes through functions/commons/clients.ts is checked
 * against its declaration (shared/touches.ts) and refused with AccessDeniedException when outside
 * it, as IAM would refuse it in AWS. The local gateway runs every route this way and the local
 * scheduler every timer, so the integration tests fail on a handler that touches what it did not
 * declare. Calls outside a handler (bootstrap, demo data, test setup) are not checked.
 */
const current = new AsyncLocalStorage<{ who: string; grants: Grants }>();

export function withTouches<T>(who: string, grants: Grants, run: () => Promise<T>): Promise<T> {
  installOnce();
  return current.run({ who, grants }, run);
}

const tableOf = (name: unknown): TableKey | undefined =>
  (Object.keys(TABLES) as TableKey[]).find((key) => process.env[TABLES[key].envVar] === name);
const bucketOf = (name: unknown): BucketKey | undefined =>
  (Object.keys(BUCKETS) as BucketKey[]).find((key) => process.env[BUCKETS[key].envVar] === name);

type Input = Record<string, unknown>;

/** The accesses one DynamoDB command makes; `undefined` for a command no declaration can allow (Scan, administration). */
export function dynamoAccesses(command: string, input: Input): Access[] | undefined {
  const on = (name: unknown, op: TableOp, index?: unknown): Access | undefined => {
    const table = tableOf(name);
    return table && { table, op, ...(typeof index === 'string' ? { index } : {}) };
  };
  const list = (accesses: (Access | undefined)[]): Access[] | undefined => (accesses.every(Boolean) ? (accesses as Access[]) : undefined);
  switch (command) {
    case 'GetItemCommand':
      return list([on(input.TableName, 'read')]);
    case 'QueryCommand':
      return list([on(input.TableName, 'read', input.IndexName)]);
    case 'PutItemCommand':
      return list([on(input.TableName, 'put')]);
    case 'UpdateItemCommand':
      return list([on(input.TableName, 'update')]);
    case 'DeleteItemCommand':
      return list([on(input.TableName, 'delete')]);
    case 'BatchGetItemCommand':
      return list(Object.keys((input.RequestItems ?? {}) as Input).map((name) => on(name, 'read')));
    case 'TransactGetItemsCommand':
      return list(((input.TransactItems ?? []) as { Get: Input }[]).map((item) => on(item.Get.TableName, 'read')));
    case 'TransactWriteItemsCommand':
      return list(
        ((input.TransactItems ?? []) as Record<string, Input>[]).map((item) => {
          if (item.Put) return on(item.Put.TableName, 'put');
          if (item.Update) return on(item.Update.TableName, 'update');
          if (item.Delete) return on(item.Delete.TableName, 'delete');
          if (item.ConditionCheck) return on(item.ConditionCheck.TableName, 'check');
          return undefined;
        }),
      );
    default:
      return undefined;
  }
}

/** The access one S3 command makes; `undefined` for a command no declaration allows. */
export function s3Access(command: string, input: Input): Access | undefined {
  const bucket = bucketOf(input.Bucket);
  if (!bucket) return undefined;
  const key = String(input.Key ?? input.Prefix ?? '');
  const op = { GetObjectCommand: 'get', HeadObjectCommand: 'get', ListObjectsV2Command: 'get', PutObjectCommand: 'put', DeleteObjectCommand: 'delete' }[command];
  return op === undefined ? undefined : { bucket, op: op as 'get' | 'put' | 'delete', key };
}

function refuse(who: string, what: string): never {
  const error = new Error(`${who} is not declared to touch ${what} (shared/touches.ts; the cloud would deny it)`);
  error.name = 'AccessDeniedException';
  console.error(`[touch-guard] ${error.message}`);
  throw error;
}

let installed = false;
function installOnce(): void {
  if (installed) return;
  installed = true;
  const middleware =
    (accessesOf: (command: string, input: Input) => Access[] | undefined) =>
    (next: (args: { input: object }) => Promise<unknown>, context: { commandName?: string; clientName?: string }) =>
    async (args: { input: object }) => {
      const scope = current.getStore();
      if (scope) {
        const command = String(context.commandName);
        const accesses = accessesOf(command, args.input as Input);
        if (!accesses) refuse(scope.who, `${context.clientName}.${command}`);
        for (const access of accesses) if (!allows(scope.grants, access)) refuse(scope.who, JSON.stringify(access));
      }
      return next(args);
    };
  const options = { step: 'initialize', name: 'pilotopsTouchGuard', priority: 'high' } as const;
  dynamo.middlewareStack.add(middleware(dynamoAccesses) as never, options);
  s3.middlewareStack.add(
    middleware((command, input) => {
      const access = s3Access(command, input);
      return access && [access];
    }) as never,
    options,
  );
}

/** A timer's or event handler's function as its declaration lets it run (tests call timers directly). */
export function guarded<A extends unknown[], R>(handler: string, fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  const declarations = [
    ...SCHEDULES.filter((schedule) => schedule.handler === handler).map((schedule) => schedule.touches),
    ...EVENT_HANDLERS.filter((definition) => definition.handler === handler).map((definition) => definition.touches),
  ];
  if (declarations.length === 0) throw new Error(`no timer or event handler ${handler} in shared/schedules.ts or shared/events.ts`);
  const grants = grantsOf(declarations);
  // Every argument passes through: a timer reads its time left from the Lambda context.
  return (...args) => withTouches(handler, grants, () => fn(...args));
}
