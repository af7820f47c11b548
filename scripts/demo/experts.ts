import type { Expert } from '../../shared/experts/model';
import { withUsccCheck } from '../../shared/uscc';
import { DEMO_ENTERPRISES } from './enterprises';

/**
 * The Wuqing bureau's expert registry (专家库, issue 14 §2): the three demo expert accounts, and
 * three more without accounts of their own in the demo, one of them working for a demo applicant
 * so the panel picker shows who must step aside.
 */
const TJU = withUsccCheck('12120000401359321');
const TUT = withUsccCheck('12120000401359647');
const applicant = DEMO_ENTERPRISES[0];

const expert = (account: string, name: string, fields: Expert['fields'], organisation: string, organisationUscc: string, title: string): Expert => ({
  account, name, fields, organisation, organisationUscc, title, phone: '022-27400000', pilotId: 'wuqing-tech', registeredAt: '2025-01-02T00:00:00.000Z', registeredBy: 'gongxinju',
});

export const DEMO_EXPERTS: readonly Expert[] = [
  expert('zhuanjia1', '专家 郑工', ['intelligent_manufacturing', 'automation_equipment'], '天津大学', TJU, '正高级工程师'),
  expert('zhuanjia2', '专家 冯教授', ['industrial_internet', 'industrial_software'], '天津大学', TJU, '教授'),
  expert('zhuanjia3', '专家 何高工', ['intelligent_manufacturing', 'finance_investment'], '天津理工大学', TUT, '高级工程师'),
  expert('zhuanjia4', '专家 韩研究员', ['energy_environment'], '天津理工大学', TUT, '研究员'),
  expert('zhuanjia5', '专家 罗会计师', ['finance_investment', 'management'], '天津理工大学', TUT, '高级会计师'),
  ...(applicant ? [expert('zhuanjia6', '专家 邵工', ['intelligent_manufacturing'], applicant.name, applicant.uscc, '高级工程师')] : []),
];
