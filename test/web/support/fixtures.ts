import { publicIndex, publicPilot, type PublicProject } from '../../../shared/public/snapshot';
import { pilotSummary } from '../../../shared/pilots/model';
import type { Principal } from '../../../shared/roles';
import { withUsccCheck } from '../../../shared/uscc';
import { DEMO_PILOTS, wuqingTech } from '../../../scripts/demo/pilots';

/** Data for component tests, built with the same shared builders the backend uses. */
export const NOW = new Date('2025-07-01T02:00:00.000Z');
export const USCC = withUsccCheck('91120114MA05T8K3X');

export const ENTERPRISE: Principal = { subject: 'u-qiye', name: '天津市武清精密机械有限公司', roles: ['enterprise'], uscc: USCC, town: 'wq-kfq', pilot: 'wuqing-tech' };
export const BUREAU: Principal = { subject: 'u-bureau', name: '区工业和信息化局 刘洋', roles: ['bureau'], pilot: 'wuqing-tech' };

export const PILOT_LIST = { items: DEMO_PILOTS.map(pilotSummary) };
export const INDEX = publicIndex(DEMO_PILOTS, NOW);

const disclosed: Omit<PublicProject, 'id' | 'title' | 'enterpriseName' | 'status' | 'approvedAmountWan'> = {
  pilotId: 'wuqing-tech',
  town: 'wq-kfq',
  category: 'central_fund',
  demonstrationType: 'point',
  noticeStart: '2025-05-01T02:00:00.000Z',
  noticeEnd: '2025-05-07',
  agreementSignedAt: null,
  fundPlanIssuedAt: null,
  acceptedAt: null,
  closedAt: null,
};

export const WUQING_SNAPSHOT = publicPilot(
  wuqingTech,
  [
    { ...disclosed, id: 'P1', title: '精密零部件智能产线改造', enterpriseName: '天津市武清精密机械有限公司', status: 'in_progress', approvedAmountWan: 12_500 },
    { ...disclosed, id: 'P2', title: '供应链协同平台', enterpriseName: '天津京津智能装备股份有限公司', status: 'accepted', approvedAmountWan: 800, acceptedAt: '2025-06-20T08:00:00.000Z' },
  ],
  {
    indicatorValues: {
      'tt-01': [{ period: '2025Q2', value: 12.5 }],
      'tt-07': [{ period: '2025', value: 0.6 }],
    },
    // As the publisher computes them (shared/indicators/progress.ts); the page shows, never re-judges.
    evaluations: {
      'tt-01': { status: 'at_risk', statusLabel: '存在风险', attainment: 0.625, expected: 0.7, reasons: ['低于按期达标的预期进度'], projectedAtTargetDate: 18, reachesTargetOn: null },
      'tt-07': { status: 'met', statusLabel: '已达标', attainment: 1, expected: null, reasons: [], projectedAtTargetDate: null, reachesTargetOn: null },
    },
    disbursedWan: 3_000,
    admittedProviders: 41,
    reporting: [
      { town: 'wq-kfq', name: '武清经济技术开发区', due: 4, onTime: 3, rate: 0.75 },
      { town: 'wq-yc', name: '杨村街道', due: 0, onTime: 0, rate: null },
    ],
  },
  NOW,
);
