import type { Account } from '../local/auth';
import { DEMO_ENTERPRISES } from './enterprises';
import { DEMO_SME_FIRMS } from './evaluation-data';

/** Local demo accounts, one or more per role (DOMAIN.md "Who uses it"). Local sign-in only. */
export const DEMO_PASSWORD = 'pilot2026';

const enterpriseAccount = (index: number, username: string): Account => {
  const enterprise = DEMO_ENTERPRISES[index];
  if (!enterprise) throw new Error(`no demo enterprise ${index}`);
  return {
    username,
    password: DEMO_PASSWORD,
    name: enterprise.name,
    groups: ['enterprise'],
    attributes: { uscc: enterprise.uscc, town: enterprise.town, pilot: enterprise.pilotId },
  };
};

/** The owner of a demo pilot SME (evaluation-data.ts), signed in by its 统一社会信用代码 like any enterprise. */
const smeFirmAccount = (firmId: string, username: string): Account => {
  const firm = DEMO_SME_FIRMS.find((candidate) => candidate.id === firmId);
  if (!firm) throw new Error(`no demo SME firm ${firmId}`);
  return { username, password: DEMO_PASSWORD, name: firm.name, groups: ['enterprise'], attributes: { uscc: firm.uscc, town: firm.town, pilot: 'wuqing-sme' } };
};

export const DEMO_ACCOUNTS: Account[] = [
  enterpriseAccount(0, 'qiye'),
  enterpriseAccount(1, 'qiye2'),
  enterpriseAccount(3, 'qiye-sme'),
  // Two demo SMEs part-way along the path, so each step can be taken by hand: one diagnosed (plan next), one transforming (completion next).
  smeFirmAccount('SME-DEMO-4', 'qiye-sme4'),
  smeFirmAccount('SME-DEMO-3', 'qiye-sme3'),
  { username: 'jiezhen', password: DEMO_PASSWORD, name: '武清开发区经发局 张敏', groups: ['town'], attributes: { town: 'wq-kfq', pilot: 'wuqing-tech' } },
  { username: 'jiezhen2', password: DEMO_PASSWORD, name: '京津科技谷管委会 陈立', groups: ['town'], attributes: { town: 'wq-kjg', pilot: 'wuqing-tech' } },
  { username: 'gongxinju', password: DEMO_PASSWORD, name: '区工业和信息化局 刘洋', groups: ['bureau'], attributes: { pilot: 'wuqing-tech' } },
  { username: 'caizhengju', password: DEMO_PASSWORD, name: '区财政局 黄蕾', groups: ['finance'], attributes: { pilot: 'wuqing-tech' } },
  { username: 'zhuanjia1', password: DEMO_PASSWORD, name: '专家 郑工', groups: ['expert'], attributes: { pilot: 'wuqing-tech' } },
  { username: 'zhuanjia2', password: DEMO_PASSWORD, name: '专家 冯教授', groups: ['expert'], attributes: { pilot: 'wuqing-tech' } },
  { username: 'zhuanjia3', password: DEMO_PASSWORD, name: '专家 何高工', groups: ['expert'], attributes: { pilot: 'wuqing-tech' } },
  { username: 'yunying', password: DEMO_PASSWORD, name: '综合管理服务商 项目经理', groups: ['operator'], attributes: { pilot: 'wuqing-tech' } },
  { username: 'fuwushang', password: DEMO_PASSWORD, name: '天津智造云服务有限公司', groups: ['provider'], attributes: { provider: 'prov-zhizaoyun', pilot: 'wuqing-tech' } },
  { username: 'tongjiju', password: DEMO_PASSWORD, name: '区统计局 数据填报员', groups: ['data_unit'], attributes: { data_unit: '区统计局', pilot: 'wuqing-tech' } },
  { username: 'pingce', password: DEMO_PASSWORD, name: '数字化水平评测机构', groups: ['assessor'], attributes: { pilot: 'wuqing-sme' } },
  // The SME pilot's own offices and its comprehensive provider (004: 区工业和信息化局、区财政局牵头; 综合型服务商诊断).
  { username: 'gongxinju-sme', password: DEMO_PASSWORD, name: '区工业和信息化局 中小企业科 周敏', groups: ['bureau'], attributes: { pilot: 'wuqing-sme' } },
  { username: 'caizhengju-sme', password: DEMO_PASSWORD, name: '区财政局 企业科 吴静', groups: ['finance'], attributes: { pilot: 'wuqing-sme' } },
  { username: 'zonghe', password: DEMO_PASSWORD, name: '天津运河数字化综合服务有限公司', groups: ['provider'], attributes: { provider: 'comp-wq-food', pilot: 'wuqing-sme' } },
  { username: 'shengting', password: DEMO_PASSWORD, name: '市工业和信息化局 督导', groups: ['supervisor'], attributes: { supervision: 'ministry' } },
  // A provincial supervisor (003 §三(一)、(三): 省级工业和信息化、财政部门 — Tianjin, a 直辖市, is its own province):
  // the account's supervision claim is the province's division code; it sees the pilots in it (shared/scope.ts).
  { username: 'shengji', password: DEMO_PASSWORD, name: '天津市工业和信息化局 规划处 省级督导', groups: ['supervisor'], attributes: { supervision: '120000' } },
];
