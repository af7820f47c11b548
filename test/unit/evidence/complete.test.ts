import { describe, expect, it } from 'vitest';
import { completeUpload, type CompletionPorts, type StoredObjectFacts } from '../../../shared/evidence/complete';
import type { Evidence, PendingUpload } from '../../../shared/evidence/model';
import { projectHolder } from '../../../shared/evidence/holder';
import { loadedProject } from '../../../shared/evidence/holders';
import { planUpload } from '../../../shared/evidence/rules';
import { DomainError, type ErrorCode } from '../../../shared/errors';
import { actor, stateFixtures } from '../projects/fixtures';
import { pdf, programs, sha256Hex } from './files';

/** The completion sequence against in-memory ports: what it reads, what it deletes, what it saves. */
const project = stateFixtures().draft.project;
const NOW = new Date('2025-03-04T02:00:00Z');
const FILE = pdf('实施方案');

function world(stored: Uint8Array | undefined, options: { serverSha256?: string } = {}) {
  const upload = planUpload(loadedProject(project), actor('enterprise'), { category: 'plan', fileName: '实施方案.pdf', contentType: 'application/pdf', size: FILE.length, sha256: sha256Hex(FILE) }, NOW, 'u-1');
  const uploads = new Map<string, PendingUpload>([[upload.uploadId, upload]]);
  const evidence = new Map<string, Evidence>();
  const calls: string[] = [];
  let object = stored;
  const ports: CompletionPorts = {
    pendingUpload: async (id) => uploads.get(id),
    evidence: async (_projectId, id) => evidence.get(id),
    statObject: async (key) => {
      calls.push(`stat ${key}`);
      if (!object) return undefined;
      const facts: StoredObjectFacts = { size: object.length, versionId: 'v1' };
      if (options.serverSha256) facts.sha256 = options.serverSha256;
      return facts;
    },
    readObject: async (key, facts) => {
      calls.push(`read ${key}`);
      const bytes = object ?? new Uint8Array();
      return { head: bytes, tail: bytes, sha256: facts.sha256 ?? sha256Hex(bytes) };
    },
    discard: async (pending) => {
      calls.push(`discard ${pending.key}`);
      object = undefined;
      uploads.delete(pending.uploadId);
    },
    save: async (completed) => {
      calls.push(`save ${completed.id}`);
      evidence.set(completed.id, completed);
      uploads.delete(completed.id);
      return [];
    },
  };
  return { ports, upload, calls, evidence, uploads };
}

async function refusedWith(promise: Promise<unknown>, code: ErrorCode): Promise<DomainError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  return error as DomainError;
}

describe('completing an upload', () => {
  it('turns a matching object into evidence under the upload id, with its verified version', async () => {
    const { ports, calls, uploads } = world(FILE);
    const { evidence } = await completeUpload(ports, projectHolder(project.id), actor('enterprise'), 'u-1', NOW);
    expect(evidence).toMatchObject({ id: 'u-1', key: `projects/${project.id}/u-1`, size: FILE.length, sha256: sha256Hex(FILE), versionId: 'v1', uploadedAt: NOW.toISOString() });
    expect(calls).toEqual([`stat projects/${project.id}/u-1`, `read projects/${project.id}/u-1`, 'save u-1']);
    expect(uploads.size).toBe(0);
  });

  it('answers a second completion by the uploader as already completed', async () => {
    const { ports } = world(FILE);
    await completeUpload(ports, projectHolder(project.id), actor('enterprise'), 'u-1', NOW);
    await refusedWith(completeUpload(ports, projectHolder(project.id), actor('enterprise'), 'u-1', NOW), 'EVIDENCE_ALREADY_COMPLETED');
  });

  it('treats another person’s upload, or one of another project, as missing and touches nothing', async () => {
    const { ports, calls } = world(FILE);
    await refusedWith(completeUpload(ports, projectHolder(project.id), { ...actor('enterprise'), subject: 'intruder' }, 'u-1', NOW), 'NOT_FOUND');
    await refusedWith(completeUpload(ports, projectHolder('other-project'), actor('enterprise'), 'u-1', NOW), 'NOT_FOUND');
    await refusedWith(completeUpload(ports, projectHolder(project.id), actor('enterprise'), 'no-such-upload', NOW), 'NOT_FOUND');
    expect(calls).toEqual([]);
  });

  it('tells the operator’s log, not the caller, which of the three it was', async () => {
    const { ports } = world(FILE);
    const told: string[] = [];
    const logged = { ...ports, notFound: (reason: string, uploadId: string) => void told.push(`${reason} ${uploadId}`) };
    await refusedWith(completeUpload(logged, projectHolder(project.id), { ...actor('enterprise'), subject: 'intruder' }, 'u-1', NOW), 'NOT_FOUND');
    await refusedWith(completeUpload(logged, projectHolder('other-project'), actor('enterprise'), 'u-1', NOW), 'NOT_FOUND');
    await refusedWith(completeUpload(logged, projectHolder(project.id), actor('enterprise'), 'no-such-upload', NOW), 'NOT_FOUND');
    expect(told).toEqual(['other_uploader u-1', 'other_holder u-1', 'no_pending_upload no-such-upload']);
  });

  it('keeps the upload open while nothing has arrived', async () => {
    const { ports, calls, uploads } = world(undefined);
    await refusedWith(completeUpload(ports, projectHolder(project.id), actor('enterprise'), 'u-1', NOW), 'EVIDENCE_NOT_UPLOADED');
    expect(calls).toEqual([`stat projects/${project.id}/u-1`]);
    expect(uploads.size).toBe(1);
  });

  it('deletes an object of the wrong size without reading it', async () => {
    const { ports, calls } = world(Buffer.concat([FILE, Buffer.from('x')]));
    await refusedWith(completeUpload(ports, projectHolder(project.id), actor('enterprise'), 'u-1', NOW), 'EVIDENCE_SIZE_MISMATCH');
    expect(calls).toEqual([`stat projects/${project.id}/u-1`, `discard projects/${project.id}/u-1`]);
  });

  it('deletes a program sent as the declared PDF, and a PDF that is not the declared one', async () => {
    const elf = Buffer.concat([programs.elf, Buffer.alloc(FILE.length - programs.elf.length)]);
    const spoofed = world(elf);
    await refusedWith(completeUpload(spoofed.ports, projectHolder(project.id), actor('enterprise'), 'u-1', NOW), 'EVIDENCE_EXECUTABLE');
    expect(spoofed.calls.at(-1)).toBe(`discard projects/${project.id}/u-1`);
    const other = pdf('实施方案'.replace('方案', '计划'));
    const swapped = world(Buffer.concat([other, Buffer.alloc(Math.max(0, FILE.length - other.length))]).subarray(0, FILE.length));
    await refusedWith(completeUpload(swapped.ports, projectHolder(project.id), actor('enterprise'), 'u-1', NOW), 'EVIDENCE_CHECKSUM_MISMATCH');
  });

  it('trusts a checksum the server verified instead of hashing again', async () => {
    const { ports } = world(FILE, { serverSha256: 'f'.repeat(64) });
    await refusedWith(completeUpload(ports, projectHolder(project.id), actor('enterprise'), 'u-1', NOW), 'EVIDENCE_CHECKSUM_MISMATCH');
  });

  it('closes an upload whose window has passed', async () => {
    const { ports, calls, upload } = world(FILE);
    const late = new Date(Date.parse(upload.completeBy) + 1);
    await refusedWith(completeUpload(ports, projectHolder(project.id), actor('enterprise'), 'u-1', late), 'EVIDENCE_UPLOAD_EXPIRED');
    expect(calls).toEqual([`discard projects/${project.id}/u-1`]);
  });
});
