import type { RegisterEnterpriseInput } from '../../shared/enterprises/model';
import { withUsccCheck } from '../../shared/uscc';

/**
 * Sample enterprises with valid 统一社会信用代码: 91 (enterprise) + the district's division code +
 * a made-up organisation code, finished by the GB 32100-2015 check character.
 */
const code = (division: string, organisation: string): string => withUsccCheck(`91${division}${organisation}`);

/**
 * One line per registration of a firm in a pilot (its town there), as `POST /enterprises` takes it.
 * A firm may take part in several pilots: then it has a line per pilot (issue 12).
 */
export type DemoRegistration = RegisterEnterpriseInput;

export const DEMO_ENTERPRISES: DemoRegistration[] = [
  { uscc: code('120114', 'MA05T8K3X'), name: '天津市武清精密机械有限公司', pilotId: 'wuqing-tech', town: 'wq-kfq', industry: '通用设备制造业', scale: 'above', contact: { name: '王建国', phone: '022-29341001' } },
  { uscc: code('120114', 'MA07H2P6L'), name: '天津京津智能装备股份有限公司', pilotId: 'wuqing-tech', town: 'wq-kjg', industry: '专用设备制造业', scale: 'above', contact: { name: '李晓梅', phone: '022-29341002' } },
  { uscc: code('120114', '74D0C1A9R'), name: '天津运河新材料科技有限公司', pilotId: 'wuqing-tech', town: 'wq-chk', industry: '橡胶和塑料制品业', scale: 'above', contact: { name: '赵强', phone: '022-29341003' } },
  { uscc: code('120114', 'MA06Y3N1F'), name: '天津杨村食品有限公司', pilotId: 'wuqing-sme', town: 'wq-yc', industry: '食品制造业', scale: 'below', contact: { name: '孙丽', phone: '022-29341004' } },
  { uscc: code('120114', 'MA0AQ7R2J'), name: '天津下朱庄电子科技有限公司', pilotId: 'wuqing-sme', town: 'wq-xzz', industry: '计算机、通信和其他电子设备制造业', scale: 'below', contact: { name: '周杰', phone: '022-29341005' } },
  { uscc: code('120116', 'MA05K9W4D'), name: '天津滨海化学材料有限公司', pilotId: 'binhai-tech', town: 'bh-teda', industry: '化学原料和化学制品制造业', scale: 'above', contact: { name: '吴敏', phone: '022-25201006' } },
  // The other 武清 pilot SMEs of the demo (evaluation-data.ts DEMO_SME_FIRMS), registered like any enterprise.
  { uscc: code('120114', 'MA0BB1C2D'), name: '天津崔黄口糕点有限公司', pilotId: 'wuqing-sme', town: 'wq-chk', industry: '食品制造业', scale: 'below', contact: { name: '郑红', phone: '022-29341007' } },
  { uscc: code('120114', 'MA0BB3C4E'), name: '天津大王古庄饮品有限公司', pilotId: 'wuqing-sme', town: 'wq-dwgz', industry: '酒、饮料和精制茶制造业', scale: 'below', contact: { name: '钱伟', phone: '022-29341008' } },
  { uscc: code('120114', 'MA0BB5C6F'), name: '天津京津调味品有限公司', pilotId: 'wuqing-sme', town: 'wq-yc', industry: '食品制造业', scale: 'below', contact: { name: '冯娟', phone: '022-29341009' } },
  // 杨村食品 takes part in both of the district's pilots: a pilot SME (004) and a firm of the technology pilot (000).
  { uscc: code('120114', 'MA06Y3N1F'), name: '天津杨村食品有限公司', pilotId: 'wuqing-tech', town: 'wq-yc', industry: '食品制造业', scale: 'below', contact: { name: '孙丽', phone: '022-29341004' } },
];
