import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../shared/roles';
import { toCsv } from '../../../web/src/lib/public/csv';
import {
  cellText,
  crossPilotColumns,
  crossPilotFilename,
  directionSymbol,
  formatFigure,
  pilotStatusRows,
  type CrossPilotCell,
  type CrossPilotView,
} from '../../../web/src/lib/evaluation/cross-pilot';
import { pilotHome, pilotPages, readsEveryPilot } from '../../../web/src/lib/evaluation/pilot-pages';
import { matchRoute } from '../../../web/src/lib/routes';
import { paths } from '../../../web/src/lib/paths';

const SUPERVISOR: Principal = { subject: 'u-sheng', name: '市工业和信息化局 督导', roles: ['supervisor'] };
const BUREAU: Principal = { subject: 'u-bureau', name: '区工业和信息化局 刘洋', roles: ['bureau'], pilot: 'wuqing-tech' };

const cell = (overrides: Partial<CrossPilotCell>): CrossPilotCell => ({
  code: 'tt-01',
  target: 20,
  targetDate: '2027-12-31',
  latestPeriod: '2025Q2',
  latestValue: 12.5,
  attainment: 0.625,
  status: 'at_risk',
  statusLabel: '存在风险',
  ...overrides,
});

const counts = (met: number, onTrack: number, atRisk: number, missed: number, noData: number) => ({ met, on_track: onTrack, at_risk: atRisk, missed, no_data: noData });

const VIEW: CrossPilotView = {
  asOf: '2025-06-30T17:00:00.000Z',
  pilots: [
    { id: 'wuqing-tech', name: '武清区制造业新型技术改造城市试点', city: '天津市武清区', kind: 'tech_transformation', indicatorStatus: counts(1, 0, 1, 0, 0) },
    { id: 'binhai-tech', name: '滨海新区制造业新型技术改造城市试点', city: '天津市滨海新区', kind: 'tech_transformation', indicatorStatus: counts(0, 1, 0, 0, 1) },
  ],
  rows: [
    {
      name: '工业技术改造投资规模',
      unit: '亿元',
      direction: 'at_least',
      cells: { 'wuqing-tech': cell({}), 'binhai-tech': cell({ code: 'bh-01', target: 30, latestValue: null, latestPeriod: null, attainment: null, status: 'no_data', statusLabel: '暂无数据' }) },
    },
    {
      name: '规模以上工业单位增加值能耗',
      unit: '吨标准煤/万元',
      direction: 'at_most',
      cells: { 'wuqing-tech': cell({ code: 'tt-07', target: 0.66, latestPeriod: '2025', latestValue: 0.6, attainment: 1.1, status: 'met', statusLabel: '已达标' }) },
    },
  ],
};

describe('figures in the cross-pilot table', () => {
  it('keeps money in the unit the plan wrote it in, switching 万元 to 亿元 from 1 亿 up as the app does', () => {
    expect(formatFigure(12.5, '亿元')).toBe('12.5 亿元');
    expect(formatFigure(0.45, '亿元')).toBe('0.45 亿元');
    expect(formatFigure(3450.5, '万元')).toBe('3,450.5 万元');
    expect(formatFigure(25_000, '万元')).toBe('2.5 亿元');
  });

  it('writes percentages without a space and other units after the grouped number', () => {
    expect(formatFigure(92, '%')).toBe('92%');
    expect(formatFigure(175_000, '元/人')).toBe('175,000 元/人');
    expect(formatFigure(3, '')).toBe('3');
  });

  it('says a cell’s latest value with its period, the target with its direction and date, and the attainment', () => {
    const [first, second] = VIEW.rows;
    expect(cellText(first!, first!.cells['wuqing-tech']!)).toEqual({
      latest: '最新值：12.5 亿元（2025年第2季度）',
      target: '目标：≥ 20 亿元（2027年12月31日）',
      attainment: '完成度：62.5%',
    });
    expect(cellText(second!, second!.cells['wuqing-tech']!).target).toBe('目标：≤ 0.66 吨标准煤/万元（2027年12月31日）');
    expect(cellText(first!, first!.cells['binhai-tech']!)).toMatchObject({ latest: '最新值：暂无', attainment: '完成度：暂无' });
    expect([directionSymbol('at_least'), directionSymbol('at_most')]).toEqual(['≥', '≤']);
  });
});

describe('the cross-pilot summary and download', () => {
  it('counts each pilot’s indicators by status, with the total', () => {
    expect(pilotStatusRows(VIEW).map((row) => [row.pilot.id, row.counts.met, row.counts.no_data, row.total])).toEqual([
      ['wuqing-tech', 1, 0, 2],
      ['binhai-tech', 0, 1, 2],
    ]);
  });

  it('saves one CSV line per indicator, each pilot’s figures as plain numbers and empty where the pilot lacks it', () => {
    const [header, tt01, tt07] = toCsv(crossPilotColumns(VIEW.pilots), VIEW.rows).replace(/^\uFEFF/, '').split('\r\n');
    expect(header?.split(',').slice(0, 10)).toEqual([
      '指标',
      '单位',
      '方向',
      '武清区制造业新型技术改造城市试点 最新值',
      '武清区制造业新型技术改造城市试点 统计期',
      '武清区制造业新型技术改造城市试点 目标值',
      '武清区制造业新型技术改造城市试点 目标日期',
      '武清区制造业新型技术改造城市试点 完成度（%）',
      '武清区制造业新型技术改造城市试点 状态',
      '武清区制造业新型技术改造城市试点 指标编码',
    ]);
    expect(header?.split(',')).toHaveLength(3 + 7 * 2);
    expect(tt01).toBe('工业技术改造投资规模,亿元,≥,12.5,2025Q2,20,2027-12-31,62.5,存在风险,tt-01,,,30,2027-12-31,,暂无数据,bh-01');
    expect(tt07).toBe('规模以上工业单位增加值能耗,吨标准煤/万元,≤,0.6,2025,0.66,2027-12-31,110,已达标,tt-07,,,,,,,');
  });

  it('names the file by the Beijing day the view was computed on', () => {
    expect(crossPilotFilename(VIEW.asOf)).toBe('cross-pilot-indicators-2025-07-01');
    expect(crossPilotFilename('not a date')).toBe('cross-pilot-indicators');
  });
});

describe('a pilot’s pages for someone who reads every pilot', () => {
  it('offers a supervisor the picker and, per pilot, the board, the pool, the year’s self-evaluation and the dashboard', () => {
    expect(readsEveryPilot(SUPERVISOR)).toBe(true);
    expect(pilotPages(SUPERVISOR, { id: 'wuqing-tech', kind: 'tech_transformation' }, 2025).map((page) => [page.text, page.href])).toEqual([
      ['指标填报与进度', '/pilots/wuqing-tech/indicators'],
      ['服务商资源池', '/pilots/wuqing-tech/providers'],
      ['2025 年度绩效自评', '/pilots/wuqing-tech/self-evaluations/2025'],
      ['公开数据看板', '/pilots/wuqing-tech'],
    ]);
    // The SME firms and their digital-maturity counts (004 §三) only of an SME digital-transformation pilot.
    expect(pilotPages(SUPERVISOR, { id: 'wuqing-sme', kind: 'sme_digital' }, 2025).map((page) => page.href)).toEqual([
      '/pilots/wuqing-sme/indicators',
      '/pilots/wuqing-sme/providers',
      '/pilots/wuqing-sme/self-evaluations/2025',
      '/pilots/wuqing-sme/sme-firms',
      '/pilots/wuqing-sme/sme-maturity',
      '/pilots/wuqing-sme',
    ]);
    expect(pilotHome(SUPERVISOR, 'wuqing-sme')).toBe('/pilots/wuqing-sme/indicators');
  });

  it('offers no picker to an official of one pilot, nor to an enterprise that has not picked its pilot yet', () => {
    expect(readsEveryPilot(BUREAU)).toBe(false);
    expect(readsEveryPilot({ roles: ['enterprise'] })).toBe(false);
    expect(pilotPages({ roles: ['enterprise'] }, { id: 'wuqing-sme', kind: 'sme_digital' }, 2025).map((page) => page.key)).toEqual(['providers', 'smeFirms', 'public']);
    expect(pilotHome({ roles: ['enterprise'] }, 'wuqing-tech')).toBe('/pilots/wuqing-tech');
  });

  it('opens the cross-pilot page to the roles the API route admits', () => {
    expect(matchRoute(paths.crossPilot())).toMatchObject({ route: { name: 'crossPilot', access: 'signed-in', roles: ['supervisor'] } });
  });
});
