import { describe, expect, it, vi } from 'vitest';
import type { Application } from '../../shared/projects/model';
import type { ProjectView, UploadTarget } from '../../web/src/lib/api/endpoints';
import { ApiError } from '../../web/src/lib/api/errors';
import { UploadTask, type Sender } from '../../web/src/lib/evidence/upload.svelte';
import { ApplicationFormState } from '../../web/src/lib/project/application-form.svelte';
import { draft, ENTERPRISE, viewFor } from '../unit/web/project-fixtures';
import { eventually } from './support/render';

function target(uploadId: string, expiresAt = '2999-01-01T00:00:00Z'): UploadTarget {
  return { uploadId, expiresAt, put: { url: `http://s3.invalid/${uploadId}`, method: 'PUT', headers: { 'x-amz-checksum-sha256': 'x' } }, post: { url: '', fields: {} } };
}

const photo = () => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])], '现场.png', { type: 'image/png' });
const HOLDER = { type: 'project', projectId: 'P1' } as const;
const evidence = { id: 'E1', holder: HOLDER, category: 'site_photo', fileName: '现场.png', contentType: 'image/png', size: 7, sha256: 'a', uploader: { subject: 'qiye', name: '企业', role: 'enterprise' }, uploadedAt: '2025-03-01T00:00:00Z' } as const;

describe('an evidence upload', () => {
  it('hashes, declares, sends the bytes with progress and completes', async () => {
    const api = { declareUpload: vi.fn(async () => target('U1')), completeUpload: vi.fn(async () => evidence) };
    const seen: number[] = [];
    const send: Sender = async (_target, file, onProgress) => {
      onProgress({ loaded: 3, total: file.size });
      seen.push(3);
      onProgress({ loaded: file.size, total: file.size });
      return 200;
    };
    const task = new UploadTask(api, HOLDER, { file: photo(), category: 'site_photo' }, send);
    await expect(task.run()).resolves.toEqual(evidence);
    expect(task.phase).toBe('done');
    expect(task.fraction).toBe(1);
    const declared = api.declareUpload.mock.calls[0] as unknown as [unknown, { sha256: string; contentType: string; size: number }];
    expect(declared[1]).toMatchObject({ contentType: 'image/png', size: 7 });
    expect(declared[1].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(api.completeUpload).toHaveBeenCalledWith(HOLDER, 'U1');
  });

  it('retries a failed transfer to the same URL while it is valid, and declares afresh once it has expired', async () => {
    const api = { declareUpload: vi.fn(async () => target(`U${api.declareUpload.mock.calls.length}`, '2025-01-01T00:10:00Z')), completeUpload: vi.fn(async () => evidence) };
    const urls: string[] = [];
    let fail = 2;
    const send: Sender = async (sent) => {
      urls.push(sent.put.url);
      return fail-- > 0 ? 503 : 200;
    };
    let now = Date.parse('2025-01-01T00:00:00Z');
    const task = new UploadTask(api, HOLDER, { file: photo(), category: 'site_photo' }, send, () => now);
    await task.run();
    expect(task.phase).toBe('failed');
    expect(task.error).toBeInstanceOf(ApiError);
    await task.retry();
    expect(urls).toEqual(['http://s3.invalid/U1', 'http://s3.invalid/U1']);
    now += 15 * 60 * 1000;
    await task.retry();
    expect(task.phase).toBe('done');
    expect(urls.at(-1)).toBe('http://s3.invalid/U2');
    expect(api.declareUpload).toHaveBeenCalledTimes(2);
  });
});

describe('the application editor’s autosave', () => {
  function editor(save: (version: number, application: Application) => Promise<ProjectView>) {
    const timers: Array<() => void> = [];
    const form = new ApplicationFormState(viewFor(ENTERPRISE, draft()), { save, setTimer: (run) => timers.push(run), clearTimer: () => timers.splice(0) });
    return { form, flush: async () => { for (const run of timers.splice(0)) run(); await eventually(() => expect(form.saveState).not.toBe('saving')); } };
  }

  it('saves a moment after a change with the version it last saw, then the next version', async () => {
    const versions: number[] = [];
    let version = 1;
    const save = vi.fn(async (expected: number, application: Application) => {
      versions.push(expected);
      return { ...viewFor(ENTERPRISE, draft()), application, version: ++version, updatedAt: '2025-03-01T02:00:00.000Z' };
    });
    const { form, flush } = editor(save);
    form.values.implementationPlan = '新的实施方案';
    form.changed();
    expect(form.saveState).toBe('pending');
    await flush();
    expect(form.saveState).toBe('saved');
    form.values.fundRequestedWan = '400';
    form.changed();
    await flush();
    expect(versions).toEqual([1, 2]);
    expect(save.mock.calls[1]?.[1]).toMatchObject({ implementationPlan: '新的实施方案', fundRequestedWan: 400 });
  });

  it('keeps a half-filled row unsaved and stops for good when someone else saved first', async () => {
    const save = vi.fn(async (): Promise<ProjectView> => {
      throw new ApiError(409, 'STALE_VERSION', '记录已被他人修改，请刷新后重试');
    });
    const { form, flush } = editor(save);
    form.values.milestones.push({ name: '', due: '' });
    form.changed();
    await flush();
    expect(form.saveState).toBe('invalid');
    expect(save).not.toHaveBeenCalled();
    form.values.milestones.pop();
    form.values.implementationPlan = '改';
    form.changed();
    await flush();
    expect(form.saveState).toBe('stale');
    form.values.implementationPlan = '再改';
    form.changed();
    expect(form.saveState).toBe('stale');
  });
});
