import { createHash, randomUUID } from 'node:crypto';
import type { EvidenceCategory } from '../../shared/evidence/categories';
import type { LoadedHolder } from '../../shared/evidence/holders';
import type { Project } from '../../shared/projects/model';
import type { Principal } from '../../shared/roles';

/**
 * Demo evidence: small real files (a one-page PDF, a 1×1 PNG) handed in the way a browser does —
 * declared through the domain, sent to the presigned PUT, completed by the same verification — so
 * every id a demo step names is a stored, checked file that downloads.
 */
export interface DemoAttachment {
  category: EvidenceCategory;
  /** shown as the file name; also written into the file, so no two demo files share a hash */
  label: string;
  invoiceNumber?: string;
}

/** A minimal valid PDF 1.4 with one line of (ASCII) text; the Chinese label rides in a comment. */
export function demoPdf(text: string, label: string): Buffer {
  const line = text.replace(/[^\x20-\x7e]/g, '?').replace(/[()\\]/g, '');
  const content = `BT /F1 16 Tf 72 760 Td (${line}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(content)} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = `%PDF-1.4\n% ${label}\n`;
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'utf8');
}

const ONE_PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** A 1×1 PNG; the label follows IEND, where image readers stop reading. */
export function demoPng(label: string): Buffer {
  return Buffer.concat([Buffer.from(ONE_PIXEL_PNG, 'base64'), Buffer.from(label, 'utf8')]);
}

/** Uploads one demo file for `project` as `actor` at `at` and returns its evidence id. */
export async function attachDemoEvidence(project: Project, actor: Principal, attachment: DemoAttachment, at: Date): Promise<string> {
  const { loadedProject } = await import('../../shared/evidence/holders');
  return attachHolderEvidence(loadedProject(project), actor, attachment, at);
}

/** Uploads one demo file for any holder (a project, a provider's materials, an indicator period's sources). */
export async function attachHolderEvidence(loaded: LoadedHolder, actor: Principal, attachment: DemoAttachment, at: Date): Promise<string> {
  const { completionPorts, recordUpload } = await import('../../functions/commons/store/evidence');
  const { presignUpload } = await import('../../functions/commons/store/evidence-objects');
  const { planUpload } = await import('../../shared/evidence/rules');
  const { completeUpload } = await import('../../shared/evidence/complete');
  const { holderPrefix } = await import('../../shared/evidence/holder');
  const photo = attachment.category === 'site_photo';
  const owner = holderPrefix(loaded.holder);
  const bytes = photo ? demoPng(`${owner} ${attachment.label}`) : demoPdf(`PilotOps demo ${owner} ${attachment.category}`, attachment.label);
  const declaration = {
    category: attachment.category,
    fileName: `${attachment.label}.${photo ? 'png' : 'pdf'}`,
    contentType: photo ? 'image/png' : 'application/pdf',
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    ...(attachment.invoiceNumber ? { invoiceNumber: attachment.invoiceNumber } : {}),
  };
  const upload = planUpload(loaded, actor, declaration, at, randomUUID());
  await recordUpload(upload);
  const target = await presignUpload(upload);
  const sent = await fetch(target.put.url, { method: 'PUT', headers: target.put.headers, body: new Uint8Array(bytes) });
  if (!sent.ok) throw new Error(`demo evidence upload failed: ${sent.status} ${await sent.text()}`);
  const { evidence } = await completeUpload(completionPorts, loaded.holder, actor, upload.uploadId, at);
  return evidence.id;
}
