import { describe, expect, it } from 'vitest';
import { DOSSIER_COLUMNS } from '../../../web/src/pages/dossier/dossier-columns';
import { t } from '../../../web/src/lib/i18n';

/** The dossier's evidence list names what each file belongs to: a project, or the enterprise's SME record. */
describe('the dossier’s evidence columns', () => {
  const owner = DOSSIER_COLUMNS.evidence.find((column) => column.header === t('dossier.col.project'));

  it('read the holder of a project’s and an SME’s evidence', () => {
    expect(owner?.value({ itemType: 'evidence', holder: { type: 'project', projectId: 'DEMO-001' } })).toBe('DEMO-001');
    expect(owner?.value({ itemType: 'evidence', holder: { type: 'sme', firmId: 'SME-7' } })).toBe('SME-7');
    expect(owner?.value({ itemType: 'evidence' })).toBe(t('common.none'));
  });
});
