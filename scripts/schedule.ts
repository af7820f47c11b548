import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SCHEDULES } from '../shared/schedules';
import { applyEnvironment } from './local/env';
import { findSchedule, fire, nextFireTime } from './local/scheduler';

/**
 * `npm run schedule -- list` shows the timers; `npm run schedule -- fire <name> [--as-of <date>]`
 * runs one now against the stack `npm start` is running (its environment is in .data/stack.json).
 */
const root = resolve(import.meta.dirname, '..');
const { positionals, values } = parseArgs({ allowPositionals: true, options: { 'as-of': { type: 'string' } } });
const [command, name] = positionals;

if (command === 'list' || command === undefined) {
  for (const schedule of SCHEDULES) {
    console.log(`${schedule.name}\t${schedule.expression} ${schedule.timezone}\tnext ${nextFireTime(schedule, new Date()).toISOString()}\t${schedule.summary}`);
  }
} else if (command === 'fire' && name) {
  const stackFile = join(root, '.data/stack.json');
  if (!existsSync(stackFile)) {
    console.error('no local stack is running: start it with `npm start` first');
    process.exit(1);
  }
  applyEnvironment(JSON.parse(readFileSync(stackFile, 'utf8')) as Record<string, string>);
  const asOf = values['as-of'] ? new Date(values['as-of']) : undefined;
  if (asOf && Number.isNaN(asOf.getTime())) {
    console.error(`--as-of is not a date: ${values['as-of'] ?? ''}`);
    process.exit(1);
  }
  console.log(JSON.stringify(await fire(findSchedule(name), asOf), null, 2));
} else {
  console.error('usage: npm run schedule -- list | fire <name> [--as-of YYYY-MM-DD]');
  process.exit(1);
}
