import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Stack, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll } from 'vitest';
import type { IConstruct } from 'constructs';
import { buildPilotOps, createApp, type PilotOps } from '../../infra/pilotops';

/** A CloudFormation resource as it appears in a template. */
export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}

export const SITE_ORIGIN = 'https://pilot.example.gov.cn';
export const RETENTION_DAYS = 2555;

/** Context shared by the tests: a test stage, a site origin, and no bundling (speed). */
export const BASE_CONTEXT: Record<string, unknown> = {
  stage: 'test',
  siteOrigin: SITE_ORIGIN,
  evidenceRetentionDays: String(RETENTION_DAYS),
  'aws:cdk:bundling-stacks': [],
};

export interface Synthesized {
  ops: PilotOps;
  template(stack: Stack): Template;
  resources(stack: Stack, type?: string): Record<string, CfnResource>;
  /** Every resource of every stack, keyed `Stack/LogicalId`. */
  allResources(type?: string): Record<string, CfnResource>;
  logicalId(construct: IConstruct): string;
}

/** Cloud assemblies of the importing test file, removed after it (files run isolated). */
const assemblies: string[] = [];
afterAll(() => {
  for (const dir of assemblies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function synthesize(context: Record<string, unknown> = {}, outdir?: string): Synthesized {
  let dir = outdir;
  if (dir === undefined) {
    dir = mkdtempSync(join(tmpdir(), 'pilotops-infra-'));
    assemblies.push(dir);
  }
  const app = createApp({ ...BASE_CONTEXT, ...context }, dir);
  const ops = buildPilotOps(app);
  const templates = new Map<Stack, Template>();
  const template = (stack: Stack): Template => {
    let found = templates.get(stack);
    if (!found) {
      found = Template.fromStack(stack);
      templates.set(stack, found);
    }
    return found;
  };
  const resources = (stack: Stack, type?: string): Record<string, CfnResource> => {
    const all = (template(stack).toJSON() as { Resources?: Record<string, CfnResource> }).Resources ?? {};
    return Object.fromEntries(Object.entries(all).filter(([, resource]) => type === undefined || resource.Type === type));
  };
  return {
    ops,
    template,
    resources,
    allResources: (type) =>
      Object.fromEntries(
        ops.stacks.flatMap((stack) => Object.entries(resources(stack, type)).map(([id, resource]) => [`${stack.stackName}/${id}`, resource])),
      ),
    logicalId: (construct) => {
      const element = construct.node.defaultChild ?? construct;
      return Stack.of(construct).getLogicalId(element as CfnElement);
    },
  };
}

/** The resource behind a construct, from its own stack's template. */
export function resourceOf(synth: Synthesized, construct: IConstruct): CfnResource {
  const id = synth.logicalId(construct);
  const resource = synth.resources(Stack.of(construct))[id];
  if (!resource) throw new Error(`no resource ${id} in ${Stack.of(construct).stackName}`);
  return resource;
}

export const props = (resource: CfnResource): Record<string, unknown> => resource.Properties ?? {};

/** Statements of an IAM policy document, whether one statement or many. */
export interface Statement {
  Effect: string;
  Action?: string | string[];
  Resource?: unknown;
  Principal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
  Sid?: string;
}

export function statements(document: unknown): Statement[] {
  const body = document as { Statement?: Statement | Statement[] } | undefined;
  if (!body?.Statement) return [];
  return Array.isArray(body.Statement) ? body.Statement : [body.Statement];
}

export const actions = (statement: Statement): string[] =>
  statement.Action === undefined ? [] : Array.isArray(statement.Action) ? statement.Action : [statement.Action];
