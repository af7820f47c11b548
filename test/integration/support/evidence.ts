import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import type { ApiClient, ApiReply } from './gateway';

/**
 * Evidence through the API as a browser hands it in: declare, send the bytes straight to the
 * presigned URL (PUT or the POST form), complete. Used by the evidence tests and the lifecycle walk.
 */
export interface UploadTarget {
  uploadId: string;
  expiresAt: string;
  put: { url: string; method: 'PUT'; headers: Record<string, string> };
  post: { url: string; fields: Record<string, string> };
}

export interface Declaration {
  category: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  invoiceNumber?: string;
}

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export function declarationFor(bytes: Uint8Array, category: string, fileName: string, contentType: string, extra: Partial<Declaration> = {}): Declaration {
  return { category, fileName, contentType, size: bytes.length, sha256: sha256Hex(bytes), ...extra };
}

/**
 * Where a holder's evidence routes hang: a project id, or a holder's API path as holderApiPath
 * (shared/evidence/holders.ts) gives it, e.g. `/pilots/p/providers/v`.
 */
const base = (holder: string): string => (holder.startsWith('/') ? holder : `/projects/${holder}`);

export function declare(client: ApiClient, holder: string, declaration: Declaration): Promise<ApiReply<UploadTarget & { code?: string }>> {
  return client.post<UploadTarget & { code?: string }>(`${base(holder)}/evidence/uploads`, declaration);
}

export async function sendPut(target: UploadTarget, bytes: Uint8Array): Promise<number> {
  const response = await fetch(target.put.url, { method: 'PUT', headers: target.put.headers, body: new Uint8Array(bytes) });
  await response.arrayBuffer();
  return response.status;
}

export async function sendPost(target: UploadTarget, bytes: Uint8Array, fileName = 'upload.bin'): Promise<number> {
  const form = new FormData();
  for (const [name, value] of Object.entries(target.post.fields)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(bytes)]), fileName);
  const response = await fetch(target.post.url, { method: 'POST', body: form });
  await response.arrayBuffer();
  return response.status;
}

export function complete<T = { id: string; code?: string }>(client: ApiClient, holder: string, uploadId: string, body?: unknown): Promise<ApiReply<T>> {
  return client.post<T>(`${base(holder)}/evidence/uploads/${uploadId}/complete`, body);
}

/** Declares, uploads and completes one file, expecting success; returns the evidence id. */
export async function attach(
  client: ApiClient,
  holder: string,
  file: { bytes: Uint8Array; category: string; fileName: string; contentType: string; invoiceNumber?: string },
  via: 'put' | 'post' = 'put',
): Promise<string> {
  const declared = await declare(client, holder, declarationFor(file.bytes, file.category, file.fileName, file.contentType, file.invoiceNumber ? { invoiceNumber: file.invoiceNumber } : {}));
  expect(declared.status, JSON.stringify(declared.body)).toBe(201);
  const sent = via === 'put' ? await sendPut(declared.body, file.bytes) : await sendPost(declared.body, file.bytes, file.fileName);
  expect(sent).toBeLessThan(300);
  const completed = await complete(client, holder, declared.body.uploadId);
  expect(completed.status, JSON.stringify(completed.body)).toBe(201);
  return completed.body.id;
}

/** A small PDF unique to `label`, so that files of different tests never share a hash by accident. */
export const pdfFile = (label: string): Buffer => Buffer.from(`%PDF-1.7\n% ${label}\ntrailer << >>\n%%EOF\n`, 'utf8');
export const pngFile = (label: string): Buffer => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(label, 'utf8')]);

/** A pilot with an open guide, enterprises registered in it, and draft projects: what evidence hangs on. */
export async function publishGuide(bureau: ApiClient, pilotId: string): Promise<void> {
  const guide = await bureau.post(`/pilots/${pilotId}/guides`, {
    id: 'guide-2025', title: '2025年技术改造项目申报指南', directions: '数字化智能化改造', conditions: '本区规上工业企业',
    categories: ['central_fund'], demonstrationTypes: ['point'], opensOn: '2025-01-01', closesOn: '2026-12-31',
  });
  expect(guide.status, JSON.stringify(guide.body)).toBe(201);
}

export async function registerEnterprise(uscc: string, pilotId: string, town: string, name: string): Promise<void> {
  const { createEnterprise } = await import('../../../functions/commons/store/enterprises');
  await createEnterprise({
    uscc, name, pilotId, town, industry: '汽车制造业', scale: 'above',
    contact: { name: '联系人', phone: '022-12345678' }, registeredAt: '2025-01-01T00:00:00.000Z', registeredBy: 'test', version: 1,
  });
}

export const APPLICATION = {
  implementationPlan: '建设数字化车间。',
  milestones: [{ name: '系统上线', due: '2025-11-30' }],
  budget: [{ kind: 'equipment', amountWan: 1000 }],
  fundRequestedWan: 300,
  indicators: [{ name: '关键工序数控化率', unit: '%', target: 85 }],
  evidenceIds: [] as string[],
};

export async function createDraft(enterprise: ApiClient, pilotId: string, town: string, title: string): Promise<{ id: string; version: number }> {
  const reply = await enterprise.post<{ id: string; version: number }>('/projects', {
    pilotId, guideId: 'guide-2025', town, title, category: 'central_fund', demonstrationType: 'point', application: APPLICATION,
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}
