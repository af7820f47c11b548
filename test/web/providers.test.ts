import { describe, expect, it } from 'vitest';
import { poolView, providerDetailFor, publicProduct, type PublicProduct } from '../../shared/providers/views';
import type { Principal } from '../../shared/roles';
import CataloguePage from '../../web/src/pages/providers/CataloguePage.svelte';
import ProviderDetail from '../../web/src/pages/providers/ProviderDetail.svelte';
import ProviderPool from '../../web/src/pages/providers/ProviderPool.svelte';
import { actor, PILOT, PROVIDER_ID, providerFixtures } from '../unit/providers/fixtures';
import { buttonNamed, controlLabelled, description, eventually, render, testApp, type, type RecordedCall } from './support/render';

const fixtures = providerFixtures();
const BUREAU: Principal = actor('bureau');
const ENTERPRISE: Principal = actor('enterprise');
const base = `/api/pilots/${PILOT}/providers`;

function openDetail(principal: Principal, status: keyof typeof fixtures, calls: RecordedCall[] = []) {
  const { provider, now } = fixtures[status];
  const app = testApp({
    principal,
    calls,
    routes: {
      [`GET ${base}/${PROVIDER_ID}`]: { status: 200, body: providerDetailFor(principal, provider, [], now) },
      [`POST ${base}/${PROVIDER_ID}/actions/order_rectification`]: { status: 200, body: {} },
      [`POST ${base}/${PROVIDER_ID}/actions/issue_warning`]: { status: 200, body: {} },
    },
  });
  return render(ProviderDetail, { params: { pilotId: PILOT, providerId: PROVIDER_ID } }, app);
}

describe('the provider pool', () => {
  it('lists the providers with kind and state, linking to each, and filters by state through the API', async () => {
    const calls: RecordedCall[] = [];
    const { provider, now } = fixtures.warned;
    const app = testApp({ principal: BUREAU, calls, routes: { [`GET ${base}`]: { status: 200, body: poolView(BUREAU, [provider], undefined, now) } } });
    const page = render(ProviderPool, { params: { pilotId: PILOT } }, app);
    await eventually(() => {
      const region = page.querySelector('[role="region"]');
      expect(document.getElementById(region?.getAttribute('aria-labelledby') ?? '')?.textContent).toBe('服务商列表');
      const line = page.querySelector('tbody tr');
      expect(line?.querySelector('a')?.getAttribute('href')).toBe(`/pilots/${PILOT}/providers/${PROVIDER_ID}`);
      expect(line?.textContent).toContain('行业型');
      expect(line?.textContent).toContain('已警示');
      expect(page.textContent).toContain('在库服务商 1 家');
    });

    type(controlLabelled(page, '按状态查看') as HTMLSelectElement, 'rectifying');
    await eventually(() => {
      expect(calls.at(-1)?.key).toBe(`GET ${base}`);
    });
  });
});

describe('a provider’s page', () => {
  it('shows a rectifying provider’s deadline, its warning and its products', async () => {
    const page = openDetail(BUREAU, 'rectifying');
    await eventually(() => {
      expect(page.querySelector('h1')?.textContent).toBe('天津智造云服务有限公司');
      expect(page.textContent).toContain('限期整改中');
      expect(page.textContent).toContain('整改期限：2025年4月30日');
      expect(page.textContent).toContain('服务项目进度滞后');
      expect(page.textContent).toContain('未解除');
      expect(page.textContent).toContain('设备联网轻量化套件');
    });
  });

  it('lets the bureau order rectification, refusing a missing deadline beside its field without calling the API', async () => {
    const calls: RecordedCall[] = [];
    const page = openDetail(BUREAU, 'warned', calls);
    await eventually(() => {
      const summaries = [...page.querySelectorAll('summary')].map((summary) => summary.textContent?.trim());
      expect(summaries).toEqual(expect.arrayContaining(['解除警示', '责令限期整改', '淘汰出库']));
    });
    const requirements = page.querySelector<HTMLTextAreaElement>('#provider-order_rectification-requirements')!;
    requirements.value = '补派驻场工程师';
    requirements.dispatchEvent(new Event('input', { bubbles: true }));
    buttonNamed(page, '责令限期整改').click();
    const deadline = controlLabelled(page, '整改期限') as HTMLInputElement;
    await eventually(() => {
      expect(deadline.getAttribute('aria-invalid')).toBe('true');
      expect(description(deadline)).not.toBe('');
      expect(document.activeElement?.classList.contains('error-summary')).toBe(true);
    });
    expect(calls.some((call) => call.key.startsWith('POST'))).toBe(false);

    type(deadline, '2030-06-30');
    buttonNamed(page, '责令限期整改').click();
    await eventually(() => {
      const post = calls.find((call) => call.key.endsWith('/actions/order_rectification'));
      expect(JSON.parse(String(post?.init.body))).toEqual({ expectedVersion: fixtures.warned.provider.version, input: { requirements: '补派驻场工程师', deadline: '2030-06-30' } });
      expect(new Headers(post?.init.headers).get('idempotency-key')).toMatch(/.{16,}/);
      expect(page.querySelector('[role="status"].alert-success')?.textContent).toBe('已完成：责令限期整改');
    });
  });

  it('shows an enterprise the public profile with no actions and no review record', async () => {
    const page = openDetail(ENTERPRISE, 'admitted');
    await eventually(() => {
      expect(page.textContent).toContain('已入库');
      expect(page.textContent).not.toContain('统一社会信用代码');
      expect(page.querySelector('summary')).toBeNull();
    });
  });
});

describe('the 小快轻准 catalogue', () => {
  const { provider } = fixtures.admitted;
  const items: PublicProduct[] = [
    publicProduct(provider, provider.products[0]!),
    { ...publicProduct(provider, provider.products[0]!), id: 'prov-1-P9', name: '视觉质检一体机', kind: 'solution', industries: ['电子设备制造业'], scenarios: ['质量检测'] },
  ];

  it('offers the tags the products carry and narrows the list as a tag is chosen', async () => {
    const app = testApp({ principal: ENTERPRISE, routes: { [`GET /api/pilots/${PILOT}/catalogue`]: { status: 200, body: { items } } } });
    const page = render(CataloguePage, { params: { pilotId: PILOT } }, app);
    const industry = await eventually(() => {
      expect(page.querySelectorAll('.card')).toHaveLength(2);
      const select = controlLabelled(page, '行业') as HTMLSelectElement;
      expect([...select.options].map((option) => option.value)).toEqual(['', '电子设备制造业', '汽车制造业']);
      return select;
    });
    type(industry, '电子设备制造业');
    await eventually(() => {
      expect([...page.querySelectorAll('.card h2')].map((title) => title.textContent)).toEqual([expect.stringContaining('视觉质检一体机')]);
      expect(page.querySelector('[role="status"]')?.textContent).toBe('共 1 项');
      expect(page.querySelector('.card a')?.getAttribute('href')).toBe(`/pilots/${PILOT}/providers/${PROVIDER_ID}`);
    });
    buttonNamed(page, '清除筛选').click();
    await eventually(() => expect(page.querySelectorAll('.card')).toHaveLength(2));
  });
});
