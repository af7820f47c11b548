import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../clients';
import { tableNames } from '../config';
import type { Decision } from '../../../shared/projects/decide';
import type { Project } from '../../../shared/projects/model';
import { keys } from './keys';
import { getRecord, queryAll, queryPage, strip, type Page, type StoredItem } from './records';
import type { SubmittedApplication } from '../../../shared/projects/application-review';
import type { IdempotencyClaim, RememberedResponse } from './idempotency';
import { commitVersioned, put, type TransactItem } from './versioned';
import { withDecisionDeadlines } from './obligations';

/**
 * Projects in the `records` table. A change is written as one transaction: the project (conditioned
 * on the version the caller read), its audit event, the application snapshot on submission, expert
 * assignments, and the remembered response of an idempotent request. Either all land or none.
 */
interface StoredProject {
  project: Project;
  /** when the project entered its current status: queues are ordered oldest waiting first */
  statusSince: string;
}

function projectItem(project: Project, statusSince: string): StoredItem {
  return {
    ...keys.project(project.id),
    itemType: 'project',
    enterprisePk: keys.enterprisePartition(project.uscc),
    enterpriseSk: `PROJECT#${project.id}`,
    queuePk: keys.statusQueue(project.pilotId, project.status),
    townQueuePk: keys.townStatusQueue(project.pilotId, project.status, project.town),
    queueSk: `${statusSince}#${project.id}`,
    statusSince,
    ...project,
  };
}

function auditItem(project: Project, decision: Decision): StoredItem {
  const { at } = decision.event;
  return {
    ...keys.audit(project.id, at, project.version),
    itemType: 'audit',
    enterprisePk: keys.enterprisePartition(project.uscc),
    enterpriseSk: `AUDIT#${at}#${project.id}#${String(project.version).padStart(6, '0')}`,
    projectId: project.id,
    version: project.version,
    ...decision.event,
  };
}

/** Extra items a decision brings: the application snapshot on submission, new expert assignments. */
function sideItems(before: Project | undefined, after: Project, decision: Decision): TransactItem[] {
  const items: TransactItem[] = [];
  if (decision.event.action === 'submit') {
    items.push(
      put({
        ...keys.applicationVersion(after.id, after.applicationVersion),
        itemType: 'applicationVersion',
        enterprisePk: keys.enterprisePartition(after.uscc),
        enterpriseSk: `APPLICATION#${after.id}#${String(after.applicationVersion).padStart(4, '0')}`,
        projectId: after.id,
        applicationVersion: after.applicationVersion,
        submittedAt: decision.event.at,
        application: after.application,
      }),
    );
  }
  const known = new Set(before?.experts?.assignments.map((assignment) => assignment.subject) ?? []);
  for (const assignment of after.experts?.assignments ?? []) {
    if (known.has(assignment.subject)) continue;
    items.push(
      put({
        ...keys.assignment(after.id, assignment.subject),
        itemType: 'assignment',
        assigneePk: keys.expertQueue(assignment.subject),
        assigneeSk: `${decision.event.at}#${after.id}`,
        projectId: after.id,
        expert: assignment.subject,
        assignedAt: decision.event.at,
      }),
    );
  }
  return items;
}

/**
 * Writes a decision. `before` is the record the decision was made from (absent for a new project).
 * A concurrent change answers STALE_VERSION; a concurrent identical retry gets the remembered reply.
 */
export async function saveDecision(
  before: StoredProject | undefined,
  decision: Decision,
  response: RememberedResponse,
  claim: IdempotencyClaim | undefined,
  now: Date,
): Promise<RememberedResponse> {
  const after = decision.project;
  const statusSince = before && before.project.status === after.status ? before.statusSince : decision.event.at;
  // Deadlines (issue 5): the obligations the decision opens, fulfils or cancels, and its inbox items,
  // join the same transaction (functions/commons/store/obligations.ts).
  const extra = [put(auditItem(after, decision)), ...sideItems(before?.project, after, decision)];
  return withDecisionDeadlines(before?.project, decision, extra, claim !== undefined, (withDeadlines) =>
    commitVersioned(
      {
        item: projectItem(after, statusSince),
        expectedVersion: before?.project.version,
        extra: withDeadlines,
        currentVersion: async () => (await getStoredProject(after.id))?.project.version,
      },
      response,
      claim,
      now,
    ),
  );
}

export async function getStoredProject(projectId: string): Promise<StoredProject | undefined> {
  const item = await getRecord<Project & { statusSince: string }>(keys.project(projectId));
  if (!item) return undefined;
  const { statusSince, ...project } = item;
  return { project: project as Project, statusSince };
}

/**
 * Projects waiting in one status of one pilot (optionally one town), oldest waiting first. A
 * category narrows the page with a filter on the same key query, so a page may hold fewer items.
 */
export async function projectsInStatus(pilotId: string, status: string, town: string | undefined, cursor?: string, category?: string, caller = ''): Promise<Page<Project>> {
  const partition = town
    ? { IndexName: 'byTownQueue', KeyConditionExpression: 'townQueuePk = :pk', pk: keys.townStatusQueue(pilotId, status, town) }
    : { IndexName: 'byQueue', KeyConditionExpression: 'queuePk = :pk', pk: keys.statusQueue(pilotId, status) };
  const page = await queryPage(
    {
      IndexName: partition.IndexName,
      KeyConditionExpression: partition.KeyConditionExpression,
      ExpressionAttributeValues: { ':pk': partition.pk, ...(category ? { ':category': category } : {}) },
      ...(category ? { FilterExpression: 'category = :category' } : {}),
      Limit: 50,
    },
    cursor,
    caller,
  );
  return { ...page, items: page.items.map(toProject) };
}

/** An enterprise's own projects. */
export async function projectsOfEnterprise(uscc: string, cursor?: string, caller = ''): Promise<Page<Project>> {
  const page = await queryPage(
    {
      IndexName: 'byEnterprise',
      KeyConditionExpression: 'enterprisePk = :pk AND begins_with(enterpriseSk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.enterprisePartition(uscc), ':prefix': 'PROJECT#' },
      Limit: 50,
    },
    cursor,
    caller,
  );
  return { ...page, items: page.items.map(toProject) };
}

/** The projects an expert is assigned to, oldest assignment first. */
export async function projectsOfExpert(subject: string, cursor?: string, caller = ''): Promise<Page<Project>> {
  const page = await queryPage(
    { IndexName: 'byAssignee', KeyConditionExpression: 'assigneePk = :pk', ExpressionAttributeValues: { ':pk': keys.expertQueue(subject) }, Limit: 50 },
    cursor,
    caller,
  );
  const projectIds = page.items.map((item) => String(item.projectId));
  if (projectIds.length === 0) return { items: [], ...(page.cursor ? { cursor: page.cursor } : {}) };
  const result = await dynamo.send(
    new BatchGetCommand({ RequestItems: { [tableNames.records]: { Keys: projectIds.map((id) => keys.project(id)) } } }),
  );
  const byId = new Map((result.Responses?.[tableNames.records] ?? []).map((item) => [String(item.id), toProject(item as StoredItem)]));
  const items = projectIds.map((id) => byId.get(id)).filter((project): project is Project => project !== undefined);
  return { items, ...(page.cursor ? { cursor: page.cursor } : {}) };
}

function toProject(item: StoredItem): Project {
  const { statusSince: _statusSince, ...project } = strip<Project & { statusSince?: string }>(item);
  return project as Project;
}

/** Every submitted version of a project's application (`APPLICATION#<n>`, written on each submission), oldest first. */
export async function submittedVersions(projectId: string): Promise<SubmittedApplication[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': keys.projectPartition(projectId), ':prefix': 'APPLICATION#' },
  });
  return items.map((item) => {
    const { applicationVersion, submittedAt, application } = strip<SubmittedApplication>(item);
    return { applicationVersion, submittedAt, application };
  });
}
