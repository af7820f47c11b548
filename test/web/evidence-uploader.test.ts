import { describe, expect, it } from 'vitest';
import { projectHolder } from '../../shared/evidence/holder';
import EvidenceUploader from '../../web/src/pages/evidence/EvidenceUploader.svelte';
import { eventually, render, testApp, waitFor } from './support/render';
import { ENTERPRISE } from '../unit/web/project-fixtures';

function open(categories: Array<'site_photo' | 'invoice'>) {
  const app = testApp({ principal: ENTERPRISE, path: '/projects/P1' });
  return render(EvidenceUploader, { holder: projectHolder('P1'), categories, onuploaded: () => undefined }, app);
}

describe('the evidence uploader on a phone', () => {
  it('offers the rear camera for site photos, as an image-only input with its own label', async () => {
    const page = open(['site_photo', 'invoice']);
    const camera = await waitFor(() => page.querySelector<HTMLInputElement>('input[capture]'));
    expect(camera?.getAttribute('capture')).toBe('environment');
    expect(camera?.getAttribute('accept')).toMatch(/^image\//);
    expect(page.querySelector(`label[for="${camera?.id}"]`)?.textContent).toBe('拍照上传现场图片');
  });

  it('offers no camera for an invoice', async () => {
    const page = open(['invoice']);
    // The uploader is there (its file input), and it has no camera input.
    await waitFor(() => page.querySelector('input[type="file"]'));
    await eventually(() => expect(page.querySelector('input[capture]')).toBeNull());
  });
});
