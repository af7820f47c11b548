import { DomainError } from '../errors';
import type { SmeFirm } from '../sme/model';
import { isInPool, type Provider } from './model';

/**
 * The links between the SME path and the pool: a firm is diagnosed by a comprehensive provider of the
 * pool (004 §五(一)3 推动综合型服务商面向试点企业开展咨询诊断), and adopts a plan or products from a provider
 * in the pool (004 §四(二)5; §三 资源池，供试点企业自愿选择). Checked after the SME decision is made, so
 * role, scope, state and input errors come first, as everywhere.
 */
function invalid(path: string, message: string): never {
  throw new DomainError('VALIDATION_FAILED', { issues: [{ path, message }] });
}

export function checkComprehensiveProvider(provider: Provider | undefined): void {
  if (!provider || !isInPool(provider.status)) invalid('comprehensiveProviderId', '不是本试点资源池中的服务商');
  if (provider.kind !== 'comprehensive') invalid('comprehensiveProviderId', '诊断须由综合型服务商承担');
}

export function checkPlanProvider(plan: NonNullable<SmeFirm['plan']>['details'], provider: Provider | undefined): void {
  if (!provider || !isInPool(provider.status)) invalid('providerId', '不是本试点资源池中的服务商');
  if (plan.kind !== 'product') return;
  const listed = new Set(provider.products.filter((product) => product.withdrawnAt === undefined).map((product) => product.id));
  plan.productIds.forEach((productId, index) => {
    if (!listed.has(productId)) invalid(`productIds.${index}`, '不是该服务商在架的产品');
  });
}
