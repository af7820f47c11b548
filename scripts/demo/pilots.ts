import type { Indicator, Pilot } from '../../shared/pilots/model';

/**
 * The three pilots of the seeds with their indicators and targets (DOMAIN.md, "Indicators and
 * targets"). Demo data only: no test depends on it.
 */
const WUQING_TOWNS = [
  { code: 'wq-kfq', name: '武清经济技术开发区' },
  { code: 'wq-kjg', name: '京津科技谷' },
  { code: 'wq-jjcyxc', name: '京津产业新城' },
  { code: 'wq-yc', name: '杨村街道' },
  { code: 'wq-xzz', name: '下朱庄街道' },
  { code: 'wq-chk', name: '崔黄口镇' },
  { code: 'wq-dwgz', name: '大王古庄镇' },
];

const indicator = (
  code: string,
  name: string,
  unit: string,
  target: number,
  options: Partial<Pick<Indicator, 'direction' | 'responsibleUnit' | 'source' | 'targetDate'>> = {},
): Indicator => ({
  code,
  name,
  unit,
  target,
  targetDate: options.targetDate ?? '2027-12-31',
  direction: options.direction ?? 'at_least',
  source: options.source ?? 'reported',
  ...(options.responsibleUnit ? { responsibleUnit: options.responsibleUnit } : {}),
});

// 000 武清区制造业新型技术改造城市试点工作方案（2025—2027年）, 主要指标表 (2027 targets).
export const wuqingTech: Pilot = {
  id: 'wuqing-tech',
  name: '武清区制造业新型技术改造城市试点',
  city: '天津市武清区',
  kind: 'tech_transformation',
  division: '120114',
  periodStart: '2025-01-01',
  periodEnd: '2028-03-31',
  towns: WUQING_TOWNS,
  source: '000_b38a90b68ab3433a.txt',
  indicators: [
    indicator('tt-01', '工业技术改造投资规模', '亿元', 20),
    indicator('tt-02', '工业技术改造投资增速', '%', 20),
    indicator('tt-03', '主导产业累计实施数字化技术改造的规模以上工业企业数量', '个', 136, { source: 'derived' }),
    indicator('tt-04', '全员劳动生产率', '元/人', 175000, { responsibleUnit: '区统计局' }),
    indicator('tt-05', '数字研发设计工具普及率', '%', 92, { responsibleUnit: '区工业和信息化局' }),
    indicator('tt-06', '关键生产工序数控化率', '%', 75, { responsibleUnit: '区工业和信息化局' }),
    indicator('tt-07', '规模以上工业单位增加值能耗', '吨标准煤/万元', 0.66, { direction: 'at_most', responsibleUnit: '区发展改革委' }),
    indicator('tt-08', '培育数字化转型专业化服务商', '个', 60, { source: 'derived' }),
    indicator('tt-09', '实施期内地方支持技术改造财政资金累计金额', '亿元', 2, { source: 'derived' }),
    indicator('tt-10', '国家级及市级数字化车间、智能工厂', '个', 70),
    indicator('tt-11', '国家级及市级绿色工厂、绿色供应链、绿色园区', '个', 62),
  ],
};

// 002 滨海新区制造业新型技术改造城市试点工作方案: its plan names industries and steps, not numeric
// targets, so the pilot carries none rather than invented ones.
export const binhaiTech: Pilot = {
  id: 'binhai-tech',
  name: '滨海新区制造业新型技术改造城市试点',
  city: '天津市滨海新区',
  kind: 'tech_transformation',
  division: '120116',
  periodStart: '2024-11-01',
  periodEnd: '2027-12-31',
  towns: [
    { code: 'bh-teda', name: '天津经济技术开发区' },
    { code: 'bh-bsq', name: '天津港保税区' },
    { code: 'bh-gxq', name: '滨海高新区' },
    { code: 'bh-stc', name: '中新天津生态城' },
    { code: 'bh-dj', name: '东疆综合保税区' },
  ],
  source: '002_4812fa287700c88b.txt',
  indicators: [],
};

// 004 武清区中小企业数字化转型城市试点工作方案: targets by 2026-10.
const smeTarget = { targetDate: '2026-10-31' } as const;
export const wuqingSme: Pilot = {
  id: 'wuqing-sme',
  name: '武清区中小企业数字化转型城市试点',
  city: '天津市武清区',
  kind: 'sme_digital',
  division: '120114',
  periodStart: '2025-01-01',
  periodEnd: '2026-10-31',
  towns: WUQING_TOWNS,
  source: '004_b7e24a37b7cfcacc.txt',
  indicators: [
    indicator('sme-01', '完成数字化改造的试点中小企业', '家', 524, { ...smeTarget, source: 'derived' }),
    indicator('sme-02', '达到数字化水平二级的企业', '家', 473, { ...smeTarget, source: 'derived' }),
    indicator('sme-03', '达到数字化水平三级的企业', '家', 32, { ...smeTarget, source: 'derived' }),
    indicator('sme-04', '达到数字化水平四级的企业', '家', 19, { ...smeTarget, source: 'derived' }),
    indicator('sme-05', '数字化车间、智能工厂', '个', 19, smeTarget),
    indicator('sme-06', '上云企业', '家', 374, smeTarget),
    indicator('sme-07', '综合型服务商', '家', 3, { ...smeTarget, source: 'derived' }),
    indicator('sme-08', '行业（含场景）服务商', '家', 60, { ...smeTarget, source: 'derived' }),
    indicator('sme-09', '“小快轻准”数字化产品', '个', 55, { ...smeTarget, source: 'derived' }),
    indicator('sme-10', '链式转型典型案例', '个', 6, smeTarget),
    indicator('sme-11', '培训人次', '人次', 1000, smeTarget),
  ],
};

export const DEMO_PILOTS: Pilot[] = [wuqingTech, binhaiTech, wuqingSme];
