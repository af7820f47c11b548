import * as z from 'zod';
import { api, ok } from '../../commons/http';
import { putSmePolicy } from '../../commons/store/sme';
import { getPilot } from '../../commons/store/pilots';
import { DomainError } from '../../../shared/errors';
import { PilotPath } from '../../../shared/evaluation/access';
import { checkPolicyChange } from '../../../shared/evaluation/sme-access';

// 004 §四(二)5: 对数字化水平达到二级、三级和四级的试点企业分别按照不同比例和金额进行奖补.
export const handler = api('sme/policy', { path: PilotPath, body: z.unknown() }, async ({ principal, path, body, now }) => {
  const policy = checkPolicyChange(principal, path.pilotId, body);
  if (!(await getPilot(path.pilotId))) throw new DomainError('NOT_FOUND');
  await putSmePolicy(path.pilotId, policy, principal.subject, now.toISOString());
  return ok(policy);
});
