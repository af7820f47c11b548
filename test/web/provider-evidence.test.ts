import { describe, expect, it } from 'vitest';
import { overdueDays } from '../../shared/obligations/overdue';
import { providerRectification } from '../../shared/obligations/periods';
import { beijingDay } from '../../web/src/lib/format';
import { providerDetailFor } from '../../shared/providers/views';
import type { Principal } from '../../shared/roles';
import ProviderDetail from '../../web/src/pages/providers/ProviderDetail.svelte';
import RegisterProvider from '../../web/src/pages/providers/RegisterProvider.svelte';
import Workbench from '../../web/src/pages/workbench/Workbench.svelte';
import { actor, PILOT, PROVIDER_ID, providerFixtures, REGISTRATION } from '../unit/providers/fixtures';
import { providerFiles } from '../unit/web/evidence-fixtures';
import { buttonNamed, byId, controlLabelled, description, eventually, render, testApp, type, type FakeResponse, type RecordedCall } from './support/render';

const PROVIDER: Principal = actor('provider');
const BUREAU: Principal = actor('bureau');
const base = `/api/pilots/${PILOT}/providers`;
const fixtures = providerFixtures();
const evidenceList = { status: 200, body: { items: providerFiles() } };
const notFound = { status: 404, body: { code: 'NOT_FOUND', message: '未找到相应记录' } };

/** What the sweep keeps for a provider's rectification orders (shared/obligations/periods.ts providerRectification). */
function obligationsOf(provider: (typeof fixtures)['rectifying']['provider']) {
  return provider.rectifications.map((order) =>
    providerRectification({ providerId: provider.id, pilotId: provider.pilotId, rectificationId: order.id, deadline: order.deadline, openedAt: order.orderedAt }),
  );
}

const checkbox = (fieldId: string, evidenceId: string) => byId<HTMLInputElement>(`${fieldId}-${evidenceId}`);
const caseIds = 'provider-register-materials-caseIds';

/** The registration form is ready once the provider's files have arrived and sit in their fields. */
const filesPlaced = (page: HTMLElement) =>
  eventually(() => {
    expect((controlLabelled(page, '营业执照') as HTMLSelectElement).value).toBe('ev-licence');
    expect(byId(caseIds).querySelectorAll('input[type="checkbox"]')).toHaveLength(2);
  });

function openRegistration(calls: RecordedCall[], answers: FakeResponse[]) {
  const app = testApp({
    principal: PROVIDER,
    calls,
    routes: {
      [`GET ${base}/${PROVIDER_ID}`]: notFound,
      [`GET ${base}/${PROVIDER_ID}/evidence`]: evidenceList,
      [`POST ${base}`]: () => answers.shift() ?? { status: 500, body: { code: 'INTERNAL', message: '系统繁忙' } },
    },
  });
  return { app, page: render(RegisterProvider, { params: { pilotId: PILOT } }, app) };
}

function fillProfile(page: HTMLElement): void {
  type(controlLabelled(page, '机构名称') as HTMLInputElement, REGISTRATION.name);
  type(controlLabelled(page, '统一社会信用代码') as HTMLInputElement, REGISTRATION.uscc);
  type(controlLabelled(page, '服务商类型') as HTMLSelectElement, 'industry');
  type(controlLabelled(page, '服务行业') as HTMLInputElement, '汽车制造业，通用设备制造业');
  type(controlLabelled(page, '机构简介') as HTMLInputElement, REGISTRATION.summary);
  type(controlLabelled(page, '联系人姓名') as HTMLInputElement, '陈经理');
  type(controlLabelled(page, '联系电话') as HTMLInputElement, '022-88886666');
}

describe('a provider’s registration (服务商申报注册)', () => {
  it('lists the uploaded files and puts each into the field of its category, lists wholly and documents singly', async () => {
    const { page } = openRegistration([], []);
    await eventually(() => {
      expect(page.querySelector('h1')?.textContent).toBe('服务商申报注册');
      expect(page.querySelectorAll('tbody tr')).toHaveLength(providerFiles().length);
      const uploadCategories = [...controlLabelled(page, '材料类别').querySelectorAll('option')].map((option) => option.value);
      expect(uploadCategories).not.toContain('rectification_report');

      const cases = byId(caseIds);
      expect(cases.tagName).toBe('FIELDSET');
      expect(cases.querySelector('legend')?.textContent).toContain('实施案例介绍及证明材料');
      expect([...cases.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].map((box) => [box.id.slice(caseIds.length + 1), box.checked])).toEqual([
        ['ev-case-2', true],
        ['ev-case-1', true],
      ]);
      const licence = controlLabelled(page, '营业执照') as HTMLSelectElement;
      expect([...licence.options].map((option) => option.value)).toEqual(['', 'ev-licence']);
      expect(licence.value).toBe('ev-licence');
      expect(byId('provider-register-materials-otherIds').textContent).toContain('暂无该类别的文件');
      expect([...page.querySelectorAll('label')].some((label) => label.textContent?.startsWith('整改报告.pdf'))).toBe(false);
    });
  });

  it('refuses missing required materials beside their fields without calling the API', async () => {
    const calls: RecordedCall[] = [];
    const { page } = openRegistration(calls, []);
    await filesPlaced(page);
    fillProfile(page);
    checkbox(caseIds, 'ev-case-1').click();
    checkbox(caseIds, 'ev-case-2').click();
    type(controlLabelled(page, '服务商申报书') as HTMLSelectElement, '');
    buttonNamed(page, '提交申报').click();
    await eventually(() => {
      expect(calls.some((call) => call.key.startsWith('POST'))).toBe(false);
      const summary = page.querySelector('.error-summary');
      expect(document.activeElement).toBe(summary);
      const links = [...(summary?.querySelectorAll('a') ?? [])].map((link) => link.getAttribute('href'));
      expect(links).toEqual(expect.arrayContaining([`#${caseIds}`, '#provider-register-materials-applicationFormId']));
      expect(description(byId(caseIds))).not.toBe('');
      expect(controlLabelled(page, '服务商申报书').getAttribute('aria-invalid')).toBe('true');
    });
  });

  it('shows the server’s issue on one case study at the case studies, then sends the registration and opens the provider’s page', async () => {
    const calls: RecordedCall[] = [];
    const refused = { status: 400, body: { code: 'EVIDENCE_REFERENCE_INVALID', message: '引用的材料不存在', issues: [{ path: 'materials.caseIds.0', message: '材料不存在、尚未完成上传或不属于本服务商' }] } };
    const { app, page } = openRegistration(calls, [refused, { status: 201, body: {} }]);
    await filesPlaced(page);
    fillProfile(page);
    buttonNamed(page, '提交申报').click();
    await eventually(() => {
      const post = calls.find((call) => call.key === `POST ${base}`);
      expect(JSON.parse(String(post?.init.body))).toEqual({
        name: REGISTRATION.name,
        uscc: REGISTRATION.uscc,
        kind: 'industry',
        industries: ['汽车制造业', '通用设备制造业'],
        scenarios: [],
        summary: REGISTRATION.summary,
        hasLocalOffice: false,
        foundedWithinTwoYears: false,
        contact: { name: '陈经理', phone: '022-88886666' },
        materials: {
          applicationFormId: 'ev-form',
          businessLicenceId: 'ev-licence',
          financialStatementIds: ['ev-fs-2024'],
          qualificationIds: ['ev-iso'],
          caseIds: ['ev-case-2', 'ev-case-1'],
          expertResumeIds: ['ev-cv-1'],
          localServiceCommitmentId: 'ev-local',
          otherIds: [],
        },
      });
      expect(new Headers(post?.init.headers).get('idempotency-key')).toMatch(/.{16,}/);
      expect(description(byId(caseIds))).toContain('材料不存在、尚未完成上传或不属于本服务商');
      expect(page.querySelector('.error-summary')?.textContent).toContain('实施案例介绍及证明材料：材料不存在');
      expect(app.router.path).toBe('/');
    });

    checkbox(caseIds, 'ev-case-2').click();
    buttonNamed(page, '提交申报').click();
    await eventually(() => {
      const posts = calls.filter((call) => call.key === `POST ${base}`);
      expect(posts).toHaveLength(2);
      expect(JSON.parse(String(posts[1]?.init.body)).materials.caseIds).toEqual(['ev-case-1']);
      expect(app.router.path).toBe(`/pilots/${PILOT}/providers/${PROVIDER_ID}`);
    });
  });

  it('tells a provider already in the pool where its record is', async () => {
    const { provider, now } = fixtures.applied;
    const app = testApp({ principal: PROVIDER, routes: { [`GET ${base}/${PROVIDER_ID}`]: { status: 200, body: providerDetailFor(PROVIDER, provider, [], now) } } });
    const page = render(RegisterProvider, { params: { pilotId: PILOT } }, app);
    await eventually(() => {
      expect(page.textContent).toContain('本机构已在本试点申报注册');
      expect(page.querySelector('form')).toBeNull();
    });
  });
});

describe('where a provider lands', () => {
  const signedIn: Principal = { ...PROVIDER, pilot: PILOT };

  it('sends a provider not yet in the pilot’s pool to register, and one in it to its page', async () => {
    const unregistered = render(Workbench, { params: {} }, testApp({ principal: signedIn, routes: { [`GET ${base}/${PROVIDER_ID}`]: notFound } }));
    await eventually(() => {
      expect(unregistered.textContent).toContain('本机构尚未在本试点申报注册。');
      expect(unregistered.querySelector(`a[href="/pilots/${PILOT}/providers/new"]`)?.textContent).toBe('申报注册服务商');
      expect(unregistered.textContent).not.toContain('功能正在建设中');
    });

    const { provider, now } = fixtures.admitted;
    const admitted = render(Workbench, { params: {} }, testApp({ principal: signedIn, routes: { [`GET ${base}/${PROVIDER_ID}`]: { status: 200, body: providerDetailFor(signedIn, provider, [], now) } } }));
    await eventually(() => {
      expect(admitted.textContent).toContain(`本机构：${provider.name}（已入库）`);
      expect(admitted.querySelector(`a[href="/pilots/${PILOT}/providers/${PROVIDER_ID}"]`)).not.toBeNull();
    });
  });
});

describe('a provider’s files on its page', () => {
  function openDetail(principal: Principal, status: keyof typeof fixtures, calls: RecordedCall[] = [], answers: FakeResponse[] = []) {
    const { provider, now } = fixtures[status];
    const app = testApp({
      principal,
      calls,
      routes: {
        [`GET ${base}/${PROVIDER_ID}`]: { status: 200, body: providerDetailFor(principal, provider, [], now) },
        [`GET ${base}/${PROVIDER_ID}/evidence`]: evidenceList,
        [`POST ${base}/${PROVIDER_ID}/actions/report_rectification`]: () => answers.shift() ?? { status: 200, body: {} },
        [`POST ${base}/${PROVIDER_ID}/actions/resubmit`]: { status: 200, body: {} },
        [`GET ${base}/${PROVIDER_ID}/obligations`]: { status: 200, body: { items: obligationsOf(provider) } },
      },
    });
    return render(ProviderDetail, { params: { pilotId: PILOT, providerId: PROVIDER_ID } }, app);
  }

  it('lets a rectifying provider report what it did with its 整改报告 ticked, the server’s issue shown at the files', async () => {
    const calls: RecordedCall[] = [];
    const refused = { status: 400, body: { code: 'EVIDENCE_REFERENCE_INVALID', message: '引用的材料不存在', issues: [{ path: 'evidenceIds.0', message: '材料不存在、尚未完成上传或不属于本服务商' }] } };
    const page = openDetail(PROVIDER, 'rectifying', calls, [refused]);
    const { form, files } = await eventually(() => {
      expect(page.textContent).not.toContain('暂不支持在线办理');
      // 002 §三(一)2(4): the order's deadline, as the sweep keeps it; still owed after its day, it reads as late (issue 14 §4)
      const late = overdueDays({ status: 'open', dueDay: '2025-04-30' }, beijingDay(new Date()));
      const deadline = page.querySelector('#obligations-caption')?.closest('table');
      expect([...(deadline?.querySelectorAll('tbody tr') ?? [])].map((row) => [...row.children].map((cell) => cell.textContent?.trim()))).toEqual([
        ['服务商限期整改', '第 1 次整改', '服务商', '2025年4月30日', late > 0 ? `已逾期 ${late} 天` : '办理中'],
      ]);
      expect(page.querySelector('#provider-evidence-title')?.textContent).toBe('服务商材料');
      expect(page.querySelector('#provider-upload-title')).not.toBeNull();
      const form = [...page.querySelectorAll('details')].find((details) => details.querySelector('summary')?.textContent === '报送整改情况');
      if (!form) throw new Error('no rectification report form');
      const files = byId('provider-report-evidenceIds');
      expect(files.querySelector('legend')?.textContent).toContain('整改证明材料');
      expect([...files.querySelectorAll<HTMLInputElement>('input:checked')].map((box) => box.id)).toEqual(['provider-report-evidenceIds-ev-rect']);
      return { form, files };
    });

    buttonNamed(form, '报送整改情况').click();
    await eventually(() => {
      expect(controlLabelled(form, '整改情况').getAttribute('aria-invalid')).toBe('true');
      expect(calls.some((call) => call.key.startsWith('POST'))).toBe(false);
    });

    type(controlLabelled(form, '整改情况') as HTMLInputElement, '已补派 2 名驻场工程师');
    buttonNamed(form, '报送整改情况').click();
    await eventually(() => {
      expect(description(files)).toContain('材料不存在、尚未完成上传或不属于本服务商');
      expect(document.activeElement?.classList.contains('error-summary')).toBe(true);
    });

    buttonNamed(form, '报送整改情况').click();
    await eventually(() => {
      const posts = calls.filter((call) => call.key.endsWith('/actions/report_rectification'));
      expect(posts).toHaveLength(2);
      expect(JSON.parse(String(posts[1]?.init.body))).toEqual({
        expectedVersion: fixtures.rectifying.provider.version,
        input: { summary: '已补派 2 名驻场工程师', evidenceIds: ['ev-rect'] },
      });
      expect(new Headers(posts[0]?.init.headers).get('idempotency-key')).not.toBe(new Headers(posts[1]?.init.headers).get('idempotency-key'));
      expect(page.querySelector('[role="status"].alert-success')?.textContent).toBe('已完成：报送整改情况');
    });
  });

  it('offers a returned provider its materials again for 补正, starting from those sent before, and resubmits them', async () => {
    const calls: RecordedCall[] = [];
    const page = openDetail(PROVIDER, 'returned', calls);
    await eventually(() => {
      const cases = byId('provider-resubmit-materials-caseIds');
      expect([...cases.querySelectorAll<HTMLInputElement>('input')].map((box) => [box.id.split('-').slice(-2).join('-'), box.checked])).toEqual([
        ['case-2', false],
        ['case-1', true],
      ]);
      expect((byId('provider-resubmit-materials-businessLicenceId') as HTMLSelectElement).value).toBe('ev-licence');
    });

    checkbox('provider-resubmit-materials-caseIds', 'ev-case-2').click();
    buttonNamed(page, '补正后重新申报').click();
    await eventually(() => {
      const post = calls.find((call) => call.key.endsWith('/actions/resubmit'));
      // The summary on record was left as it was, so it is not sent.
      expect(JSON.parse(String(post?.init.body))).toEqual({
        expectedVersion: fixtures.returned.provider.version,
        input: {
          materials: {
            applicationFormId: 'ev-form',
            businessLicenceId: 'ev-licence',
            financialStatementIds: ['ev-fs-2024'],
            qualificationIds: ['ev-iso'],
            caseIds: ['ev-case-1', 'ev-case-2'],
            expertResumeIds: ['ev-cv-1'],
            localServiceCommitmentId: 'ev-local',
            otherIds: [],
          },
        },
      });
      expect(page.querySelector('[role="status"].alert-success')?.textContent).toBe('已完成：补正后重新申报');
    });
  });

  it('shows the bureau the provider’s files to open, with no uploader and no reporting form', async () => {
    const page = openDetail(BUREAU, 'applied');
    await eventually(() => {
      expect(page.querySelector('#provider-evidence-title')?.textContent).toBe('服务商材料');
      expect(page.querySelector('[aria-labelledby="provider-evidence-title"]')?.querySelectorAll('tbody tr')).toHaveLength(providerFiles().length);
      expect(buttonNamed(page, /查看申报书\.pdf/)).toBeDefined();
      expect(page.querySelector('#provider-upload-title')).toBeNull();
      expect(page.querySelector('#provider-report-evidenceIds')).toBeNull();
    });
  });
});
