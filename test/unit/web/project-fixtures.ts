import { createDraft, decide } from '../../../shared/projects/decide';
import type { Project } from '../../../shared/projects/model';
import { projectViewFor } from '../../../shared/projects/view';
import type { Principal } from '../../../shared/roles';
import { withUsccCheck } from '../../../shared/uscc';

/** Projects walked through the real lifecycle (shared/projects/decide.ts), for the web app's pure logic. */
export const USCC = withUsccCheck('91120114MA0WB0001');
export const ENTERPRISE: Principal = { subject: 'qiye', name: '企业', roles: ['enterprise'], uscc: USCC, pilot: 'wuqing-tech' };
export const TOWN: Principal = { subject: 'jiezhen', name: '街镇', roles: ['town'], town: 'wq-kfq', pilot: 'wuqing-tech' };
export const BUREAU: Principal = { subject: 'gongxinju', name: '工信局', roles: ['bureau'], pilot: 'wuqing-tech' };
export const EXPERTS: Principal[] = [1, 2, 3].map((n) => ({ subject: `zhuanjia${n}`, name: `专家${n}`, roles: ['expert'], pilot: 'wuqing-tech' }));

export const APPLICATION = {
  implementationPlan: '建设数字化车间。',
  milestones: [{ name: '设备安装', due: '2026-06-30' }],
  budget: [{ kind: 'equipment' as const, amountWan: 1200 }],
  fundRequestedWan: 500,
  indicators: [{ name: '数控化率', unit: '%', target: 90 }],
  evidenceIds: [],
};

let clock = Date.parse('2025-03-01T02:00:00Z');
const tick = () => new Date((clock += 60_000));

export function draft(): Project {
  return createDraft(
    { pilotId: 'wuqing-tech', guideId: 'g1', town: 'wq-kfq', title: '数字化车间', category: 'central_fund', demonstrationType: 'point', application: APPLICATION },
    ENTERPRISE,
    tick(),
    'P1',
    { uscc: ENTERPRISE.uscc ?? '', pilotId: 'wuqing-tech', town: 'wq-kfq' },
  ).project;
}

export function step(project: Project, action: string, input: unknown, actor: Principal): Project {
  return decide(project, action, input, actor, tick()).project;
}

/** Submitted, recommended, three experts assigned. */
export function underReview(): Project {
  let project = step(draft(), 'submit', {}, ENTERPRISE);
  project = step(project, 'recommend', { recommendation: '同意推荐' }, TOWN);
  return step(project, 'assign_experts', { rubric: [{ id: 'c1', name: '技术', weight: 60 }, { id: 'c2', name: '效益', weight: 40 }], experts: EXPERTS.map(({ subject, name }) => ({ subject, name })) }, BUREAU);
}

export const viewFor = projectViewFor;
