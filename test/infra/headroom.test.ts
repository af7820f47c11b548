import { beforeAll, describe, expect, it } from 'vitest';
import { handlerModules, ROUTES } from '../../shared/routes';
import { synthesize, type Synthesized } from './helpers';

/**
 * CloudFormation allows 500 resources per stack (issue 17, headroom). Prints each stack's count and
 * projects the API stacks with the route table doubled: the API stack grows per route and per
 * handler, each function stack per handler it holds.
 */
const LIMIT = 500;
let synth: Synthesized;

beforeAll(() => {
  synth = synthesize({ partition: 'aws' });
});

describe('stack headroom', () => {
  it('keeps every stack under CloudFormation’s 500 resources, and the API stacks under it with twice the routes', () => {
    const count = (stack: Parameters<Synthesized['resources']>[0]) => Object.keys(synth.resources(stack)).length;
    const lines = synth.ops.stacks.map((stack) => `${stack.stackName}: ${count(stack)} resources, headroom ${LIMIT - count(stack)}`);
    console.log(`CloudFormation resources per stack (limit ${LIMIT}):\n${lines.join('\n')}`);
    for (const stack of synth.ops.stacks) expect(count(stack), stack.stackName).toBeLessThan(LIMIT);

    // Doubled: every resource that exists per route or per handler, twice; the API's fixed ones once.
    const api = count(synth.ops.api);
    const perRoute = ['AWS::ApiGatewayV2::Route', 'AWS::Lambda::Permission', 'AWS::ApiGatewayV2::Integration'].reduce((sum, type) => sum + Object.keys(synth.resources(synth.ops.api, type)).length, 0);
    const apiDoubled = api + perRoute;
    const largest = Math.max(...synth.ops.apiFunctions.map(count));
    console.log(`with ${ROUTES.length * 2} routes and ${handlerModules().length * 2} handlers: API stack ≈ ${apiDoubled}, largest function stack ≈ ${largest * 2}`);
    expect(apiDoubled).toBeLessThan(LIMIT);
    expect(largest * 2).toBeLessThan(LIMIT);
  });
});
