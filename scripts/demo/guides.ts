import type { Guide } from '../../shared/guides/model';

/** Demo application guides (申报指南): last year's, which the demo projects came through, and one open now. */
const common = {
  directions: '聚焦主导产业，支持企业数字化智能化改造（点）、产业链供应链协同改造（线）、园区整体数字化改造（面）。',
  conditions: '在本区依法注册、具有独立法人资格的工业企业；项目已备案且未获其他中央财政资金重复支持。',
  publishedBy: 'gongxinju',
} as const;

export const DEMO_GUIDES: Guide[] = [
  {
    ...common,
    id: 'guide-2025',
    pilotId: 'wuqing-tech',
    title: '2025年武清区制造业新型技术改造城市试点中央财政资金项目申报指南',
    categories: ['central_fund'],
    demonstrationTypes: ['point', 'line', 'plane'],
    opensOn: '2025-02-01',
    closesOn: '2025-12-31',
    publishedAt: '2025-01-20T02:00:00.000Z',
  },
  {
    ...common,
    id: 'guide-2026-h2',
    pilotId: 'wuqing-tech',
    title: '2026年下半年武清区制造业新型技术改造项目申报指南',
    categories: ['central_fund', 'municipal_fund', 'other'],
    demonstrationTypes: ['point', 'line', 'plane'],
    opensOn: '2026-10-01',
    closesOn: '2027-01-31',
    publishedAt: '2026-09-20T02:00:00.000Z',
  },
  {
    ...common,
    id: 'guide-bh-2026',
    pilotId: 'binhai-tech',
    title: '滨海新区制造业新型技术改造城市试点专项资金项目申报指南',
    categories: ['central_fund', 'municipal_fund', 'other'],
    demonstrationTypes: ['point', 'line', 'plane'],
    opensOn: '2026-09-01',
    closesOn: '2026-12-31',
    publishedBy: 'bh-gongxinju',
    publishedAt: '2026-08-25T02:00:00.000Z',
  },
];
