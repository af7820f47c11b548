import { describe, expect, it } from 'vitest';
import { providerDetailFor, publicProduct } from '../../../shared/providers/views';
import { dispositionFilename } from '../../../web/src/lib/api/client';
import { beijingYear, cellText, parseYear } from '../../../web/src/lib/evaluation/self-evaluation';
import { filterCatalogue, NO_CHOICE, tagsOf } from '../../../web/src/lib/providers/catalogue';
import { actionInput, checkAction, emptyValues, evidenceActions, formActions, isFullView, openRectification, splitTags } from '../../../web/src/lib/providers/provider-forms';
import { actor, providerFixtures } from '../providers/fixtures';

const fixtures = providerFixtures();

describe('the provider action forms', () => {
  it('turns typed tags, a ticked box and blank optional fields into the step’s input', () => {
    expect(splitTags('汽车制造业， 通用设备制造业、\n食品制造业,')).toEqual(['汽车制造业', '通用设备制造业', '食品制造业']);
    const values = { ...emptyValues('publish_product'), name: '质量追溯 SaaS', summary: '批次追溯', industries: '汽车制造业', scenarios: '质量检测、设备联网' };
    expect(actionInput('publish_product', values)).toEqual({
      name: '质量追溯 SaaS',
      kind: 'product',
      summary: '批次追溯',
      industries: ['汽车制造业'],
      scenarios: ['质量检测', '设备联网'],
      smallFastLightPrecise: true,
    });
    expect(actionInput('admit', emptyValues('admit'))).toEqual({});
    expect(actionInput('record_engagement', { projectId: ' P-1 ', note: '' })).toEqual({ projectId: 'P-1' });
  });

  it('checks with the step’s own schema, naming the field even for a tag’s issue', () => {
    expect(checkAction('admit', emptyValues('admit'))).toEqual([]);
    expect(checkAction('order_rectification', { requirements: '补派工程师', deadline: '' }).map((issue) => issue.path)).toEqual(['deadline']);
    const tooLong = 'x'.repeat(41);
    const issues = checkAction('publish_product', { ...emptyValues('publish_product'), name: 'A', summary: 'B', industries: tooLong, scenarios: '' });
    expect(issues.map((issue) => issue.path).sort()).toEqual(['industries', 'scenarios']);
  });

  it('offers the steps the API lists, those that name the provider’s files apart from the generic forms', () => {
    const { provider, now } = fixtures.rectifying;
    const asProvider = providerDetailFor(actor('provider'), provider, [], now);
    if (!asProvider || !isFullView(asProvider)) throw new Error('the provider sees its own record');
    expect(asProvider.availableActions).toContain('report_rectification');
    expect(formActions(asProvider)).not.toContain('report_rectification');
    expect(evidenceActions(asProvider)).toEqual(['report_rectification']);
    const asBureau = providerDetailFor(actor('bureau'), provider, [], now);
    expect(asBureau && isFullView(asBureau) ? formActions(asBureau) : []).toEqual(['accept_rectification', 'eliminate', 'withdraw_product', 'record_engagement']);
    expect(isFullView(providerDetailFor(actor('enterprise'), provider, [], now)!)).toBe(false);
  });

  it('reads the rectification under way and whether its deadline has passed', () => {
    const { provider } = fixtures.rectifying;
    const late = providerDetailFor(actor('bureau'), provider, [], new Date('2025-05-02T02:00:00Z'));
    if (!late || !isFullView(late)) throw new Error('full view');
    expect(openRectification(late)).toEqual({ deadline: '2025-04-30', requirements: '补派驻场工程师', overdue: true });
    const admitted = providerDetailFor(actor('bureau'), fixtures.admitted.provider, [], fixtures.admitted.now);
    expect(admitted && isFullView(admitted) ? openRectification(admitted) : 'none').toBeUndefined();
  });
});

describe('the catalogue filter', () => {
  const { provider } = fixtures.admitted;
  const first = publicProduct(provider, provider.products[0]!);
  const items = [first, { ...first, id: 'P2', kind: 'solution' as const, industries: ['食品制造业', '汽车制造业'], scenarios: ['质量追溯'] }];

  it('offers each tag once, in Chinese order', () => {
    expect(tagsOf(items, 'industries')).toEqual(['汽车制造业', '食品制造业']);
    expect(tagsOf(items, 'scenarios')).toEqual(['设备联网', '质量追溯'].sort((a, b) => a.localeCompare(b, 'zh-CN')));
  });

  it('keeps the products carrying every chosen tag and kind', () => {
    expect(filterCatalogue(items, NO_CHOICE)).toHaveLength(2);
    expect(filterCatalogue(items, { ...NO_CHOICE, industry: '汽车制造业' }).map((item) => item.id)).toEqual([first.id, 'P2']);
    expect(filterCatalogue(items, { industry: '汽车制造业', scenario: '质量追溯', kind: '' }).map((item) => item.id)).toEqual(['P2']);
    expect(filterCatalogue(items, { ...NO_CHOICE, kind: 'product' }).map((item) => item.id)).toEqual([first.id]);
  });
});

describe('the self-evaluation page’s helpers', () => {
  it('accepts only a four-digit year the API accepts', () => {
    expect(parseYear('2025')).toBe(2025);
    expect(parseYear(' 2100 ')).toBe(2100);
    for (const text of ['1999', '2101', '25', '2025.5', 'abcd', undefined]) expect(parseYear(text), String(text)).toBeUndefined();
  });

  it('takes the year in Beijing, where new year comes eight hours early', () => {
    expect(beijingYear(new Date('2025-12-31T16:30:00Z'))).toBe(2026);
    expect(beijingYear(new Date('2025-12-31T15:30:00Z'))).toBe(2025);
  });

  it('shows cells as the workbook holds them and marks empty ones', () => {
    expect(cellText(2025, '-')).toBe('2025');
    expect(cellText(87.5, '-')).toBe('87.5');
    expect(cellText(null, '-')).toBe('-');
    expect(cellText('', '-')).toBe('-');
  });

  it('reads the Chinese file name from Content-Disposition, else the plain one', () => {
    const name = '武清区2025年度绩效自评.xlsx';
    expect(dispositionFilename(`attachment; filename="self-evaluation-wuqing-2025.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)).toBe(name);
    expect(dispositionFilename('attachment; filename="plain.xlsx"')).toBe('plain.xlsx');
    expect(dispositionFilename("attachment; filename=\"a.xlsx\"; filename*=UTF-8''%E0%A4%A")).toBe('a.xlsx');
    expect(dispositionFilename(null)).toBeUndefined();
  });
});
