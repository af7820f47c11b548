import type { MatchingBasis } from '../funds/ledger';
import type { PilotKind } from '../pilots/model';
import type { SelfEvaluation } from './self-evaluation';

/**
 * The self-evaluation laid out as tables, with Chinese sheet names and headers. The workbook writes
 * these sheets as they are, and the printable page renders the same tables, so the download and the
 * page cannot disagree.
 */
export type SheetCell = string | number | null;

export interface SelfEvaluationSheet {
  /** the worksheet's name (Chinese, ≤ 31 characters as Excel allows) */
  name: string;
  /** the heading above the table on the printable page and in the sheet's first row */
  title: string;
  columns: Array<{ header: string; width: number }>;
  rows: SheetCell[][];
}

const PILOT_KIND_LABELS_ZH: Record<PilotKind, string> = { tech_transformation: '制造业新型技术改造城市试点', sme_digital: '中小企业数字化转型城市试点' };

const DIRECTION = { at_least: '≥', at_most: '≤' } as const;
const round = (value: number | null, digits = 4): number | null => (value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits);
const percent = (value: number | null): number | null => (value === null ? null : Math.round(value * 1000) / 10);

function overview(report: SelfEvaluation): SelfEvaluationSheet {
  const rows: SheetCell[][] = [
    ['试点名称', report.pilot.name],
    ['所在城市', report.pilot.city],
    ['试点类型', PILOT_KIND_LABELS_ZH[report.pilot.kind]],
    ['实施期', `${report.pilot.periodStart} 至 ${report.pilot.periodEnd}`],
    ['自评年度', report.year],
    ['数据截至', report.asOf],
    ['生成时间', report.generatedAt],
    ['指标总数', report.indicators.length],
    ['已达标指标', report.indicatorStatus.met],
    ['进度正常指标', report.indicatorStatus.on_track],
    ['存在风险指标', report.indicatorStatus.at_risk],
    ['未按期达标指标', report.indicatorStatus.missed],
    ['暂无数据指标', report.indicatorStatus.no_data],
    ['批复资金（万元）', report.funds.approvedWan],
    ['累计拨付（万元）', report.funds.disbursedWan],
    ['本年度警示（次）', report.warnings.totalInYear],
  ];
  return { name: '概况', title: `${report.pilot.name} ${report.year} 年度绩效自评`, columns: [{ header: '项目', width: 22 }, { header: '内容', width: 50 }], rows };
}

function indicators(report: SelfEvaluation): SelfEvaluationSheet {
  return {
    name: '指标完成情况',
    title: '主要指标完成情况',
    columns: [
      { header: '指标编码', width: 10 },
      { header: '指标名称', width: 44 },
      { header: '单位', width: 14 },
      { header: '方向', width: 6 },
      { header: '目标值', width: 12 },
      { header: '目标日期', width: 12 },
      { header: '责任单位', width: 18 },
      { header: '数据来源', width: 10 },
      { header: '最新统计期', width: 10 },
      { header: '最新值', width: 12 },
      { header: '完成度（%）', width: 12 },
      { header: '按期预期值', width: 12 },
      { header: '趋势预测（目标日）', width: 16 },
      { header: '状态', width: 12 },
      { header: '风险说明', width: 36 },
    ],
    rows: report.indicators.map((line) => [
      line.code,
      line.name,
      line.unit,
      DIRECTION[line.direction],
      line.target,
      line.targetDate,
      line.responsibleUnit ?? '',
      line.source === 'derived' ? '平台计算' : '单位填报',
      line.latestPeriod ?? '',
      round(line.latestValue),
      percent(line.attainment),
      round(line.expected),
      round(line.projectedAtTargetDate),
      line.statusLabel,
      line.reasons.join('；'),
    ]),
  };
}

function projects(report: SelfEvaluation): SelfEvaluationSheet {
  return {
    name: '项目进展',
    title: '项目按阶段统计',
    columns: [{ header: '阶段', width: 28 }, { header: '项目数', width: 10 }],
    rows: [...report.projectsByStage.map((stage): SheetCell[] => [stage.label, stage.count]), ['合计', report.projectsByStage.reduce((sum, stage) => sum + stage.count, 0)]],
  };
}

function matchingText(basis: MatchingBasis): string {
  if (basis.ratio === null) return '暂无中央奖补资金';
  return `${basis.ratio.toFixed(2)} : 1${basis.belowOneToOne ? '（低于 1:1）' : ''}`;
}

function funds(report: SelfEvaluation): SelfEvaluationSheet {
  const { funds: money, warnings } = report;
  return {
    name: '资金与警示',
    // every amount net of 收回 / 扣减 orders and repayments, read from the pilot's ledger
    title: '资金批复拨付与警示情况（扣除收回、扣减与缴回）',
    columns: [{ header: '事项', width: 30 }, { header: '数值', width: 16 }],
    rows: [
      ['批复支持资金（万元）', money.approvedWan],
      ['累计拨付资金（万元）', money.disbursedWan],
      [`${report.year} 年拨付资金（万元）`, money.disbursedInYearWan],
      ['其中：中央奖补资金批复（万元）', money.bySource.central.netApprovedWan],
      ['其中：中央奖补资金拨付（万元）', money.bySource.central.netPaidWan],
      ['其中：地方财政资金批复（万元）', money.bySource.local.netApprovedWan],
      ['其中：地方财政资金拨付（万元）', money.bySource.local.netPaidWan],
      ['企业自筹资金（万元）', money.ownInvestmentWan],
      // 002 §五(二): 地方配套资金与试点城市奖补资金比例原则上不低于 1:1
      ['地方配套比例（地方:中央，按批复）', matchingText(money.matching.approved)],
      ['地方配套比例（地方:中央，按拨付）', matchingText(money.matching.paid)],
      [`${report.year} 年收回/扣减决定（项）`, money.ordersInYear],
      ['待缴回资金（万元）', money.outstandingWan],
      ['中小企业奖补资金（万元）', money.smeSubsidiesWan],
      [`${report.year} 年项目警示（次）`, warnings.projectIssuedInYear],
      ['未解除的项目警示（项）', warnings.projectOpen],
      [`${report.year} 年服务商警示（次）`, warnings.providerIssuedInYear],
      ['未解除的服务商警示（项）', warnings.providerOpen],
      [`${report.year} 年逾期警示（次，系统定时检查）`, warnings.overdueInYear],
      [`${report.year} 年审核超时督办（次）`, warnings.escalationsInYear],
    ],
  };
}

function providers(report: SelfEvaluation): SelfEvaluationSheet {
  const pool = report.providers;
  return {
    name: '服务商资源池',
    title: '数字化转型服务商资源池',
    columns: [{ header: '事项', width: 28 }, { header: '数量', width: 10 }],
    rows: [
      ...pool.byStatus.map((entry): SheetCell[] => [entry.label, entry.count]),
      ['在库服务商', pool.inPool],
      ['其中：综合型', pool.comprehensive],
      ['其中：行业型（含场景型）', pool.industry],
      ['在架产品和解决方案', pool.products],
    ],
  };
}

function maturity(report: SelfEvaluation): SelfEvaluationSheet | undefined {
  const sme = report.sme;
  if (!sme) return undefined;
  return {
    name: '数字化水平',
    title: '试点企业数字化水平（《中小企业数字化水平评测指标（2024年版）》）',
    columns: [{ header: '等级', width: 10 }, { header: '验收企业数', width: 12 }, { header: '最新评测企业数', width: 14 }, { header: '目标', width: 10 }, { header: '差距', width: 10 }],
    rows: [
      ...sme.rows.map((row): SheetCell[] => [`${row.level} 级`, row.accepted, row.assessed, row.target, row.gap]),
      ['在册试点企业', sme.active, null, null, null],
      ['尚未评测', sme.notYetAssessed, null, null, null],
      ['低于二级', sme.belowMinimum, null, null, null],
      ['全部达到二级及以上', sme.allAtLeastMinimum ? '是' : '否', null, null, null],
    ],
  };
}

export function selfEvaluationSheets(report: SelfEvaluation): SelfEvaluationSheet[] {
  return [overview(report), indicators(report), projects(report), funds(report), providers(report), maturity(report)].filter(
    (sheet): sheet is SelfEvaluationSheet => sheet !== undefined,
  );
}
