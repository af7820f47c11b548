import { describe, expect, it } from 'vitest';
import { EVIDENCE_CATEGORIES, EvidenceCategory, FILE_KINDS, kindOfContentType } from '../../../shared/evidence/categories';
import { FileName, Sha256, sha256Base64, type Evidence } from '../../../shared/evidence/model';
import { loadedProject } from '../../../shared/evidence/holders';
import { assertRemovable, canSeeFlags, claimsOf, contentDisposition, contentRefusal, duplicateFlags, planUpload, sizeRefusal } from '../../../shared/evidence/rules';
import { DomainError, type ErrorCode } from '../../../shared/errors';
import { actor, stateFixtures } from '../projects/fixtures';
import { jpeg, pdf, programs, sha256B64, sha256Hex } from './files';

const fixtures = stateFixtures();
const draft = fixtures.draft.project;
const inProgress = fixtures.in_progress.project;
const NOW = new Date('2025-07-02T02:00:00Z');
const FILE = pdf('合同正本');
const declaration = (overrides: Record<string, unknown> = {}) => ({
  category: 'contract',
  fileName: '设备采购合同（盖章版）.pdf',
  contentType: 'application/pdf',
  size: FILE.length,
  sha256: sha256Hex(FILE),
  ...overrides,
});

function refused(run: () => unknown, code: ErrorCode): DomainError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(code);
    return error as DomainError;
  }
  throw new Error(`expected ${code}`);
}

describe('the evidence categories', () => {
  it('cover every material the seed names, each with kinds, a limit and uploaders', () => {
    for (const category of EvidenceCategory.options) {
      const definition = EVIDENCE_CATEGORIES[category];
      expect(definition.kinds.length, category).toBeGreaterThan(0);
      expect(definition.maxBytes, category).toBeGreaterThan(0);
      expect(definition.uploaders.length, category).toBeGreaterThan(0);
    }
    expect(EVIDENCE_CATEGORIES.site_photo.kinds).toEqual(['jpeg', 'png', 'heic']);
    expect(EVIDENCE_CATEGORIES.invoice.kinds).toContain('ofd');
    expect(EVIDENCE_CATEGORIES.contract.kinds).toEqual(['pdf']);
  });

  it('maps declared MIME types to kinds, ignoring case and parameters, and knows no archive', () => {
    expect(kindOfContentType('Application/PDF; charset=binary')).toBe('pdf');
    expect(kindOfContentType('image/heif')).toBe('heic');
    expect(kindOfContentType('application/zip')).toBeUndefined();
    expect(kindOfContentType('application/x-msdownload')).toBeUndefined();
    for (const kind of Object.keys(FILE_KINDS)) expect(kindOfContentType(FILE_KINDS[kind as keyof typeof FILE_KINDS].contentTypes[0])).toBe(kind);
  });
});

describe('declaring an upload', () => {
  it('fixes the key from the project and the upload id alone, never the file name', () => {
    const upload = planUpload(loadedProject(draft), actor('enterprise'), declaration(), NOW, 'u-1');
    expect(upload).toMatchObject({ key: `projects/${draft.id}/u-1`, holder: { type: 'project', projectId: draft.id }, uscc: draft.uscc, kind: 'pdf', fileName: '设备采购合同（盖章版）.pdf' });
    expect(upload.key).not.toContain('合同');
    expect(upload.uploader).toEqual({ subject: 'ent-1', name: actor('enterprise').name, role: 'enterprise' });
    expect(upload.urlExpiresAt).toBe('2025-07-02T02:15:00.000Z');
    expect(upload.completeBy).toBe('2025-07-02T08:00:00.000Z');
  });

  it('accepts the checksum as base64 and keeps it as hex', () => {
    const upload = planUpload(loadedProject(draft), actor('enterprise'), declaration({ sha256: sha256B64(FILE) }), NOW, 'u-1');
    expect(upload.sha256).toBe(sha256Hex(FILE));
    expect(sha256Base64(upload.sha256)).toBe(sha256B64(FILE));
  });

  it.each([
    ['not hex nor base64', 'xyz'],
    ['63 hex digits', 'a'.repeat(63)],
    ['base64 of the wrong length', 'AAAA'],
  ])('refuses a checksum that is %s', (_name, sha256) => {
    const error = refused(() => planUpload(loadedProject(draft), actor('enterprise'), declaration({ sha256 }), NOW, 'u-1'), 'VALIDATION_FAILED');
    expect(error.issues.map((issue) => issue.path)).toEqual(['sha256']);
  });

  it('refuses a type the category does not take, naming the field and what it takes', () => {
    const error = refused(() => planUpload(loadedProject(draft), actor('enterprise'), declaration({ contentType: 'image/jpeg' }), NOW, 'u-1'), 'EVIDENCE_TYPE_NOT_ALLOWED');
    expect(error.issues).toEqual([{ path: 'contentType', message: '合同只接受：PDF' }]);
    refused(() => planUpload(loadedProject(draft), actor('enterprise'), declaration({ contentType: 'application/x-msdownload' }), NOW, 'u-1'), 'EVIDENCE_TYPE_NOT_ALLOWED');
  });

  it('refuses a file over the category limit, and any file over the largest limit before that', () => {
    const error = refused(() => planUpload(loadedProject(draft), actor('enterprise'), declaration({ category: 'payment_voucher', size: 10 * 1024 * 1024 + 1 }), NOW, 'u-1'), 'EVIDENCE_TOO_LARGE');
    expect(error.issues).toEqual([{ path: 'size', message: '银行付款凭证不能超过 10 MB' }]);
    refused(() => planUpload(loadedProject(draft), actor('enterprise'), declaration({ size: 101 * 1024 * 1024 }), NOW, 'u-1'), 'VALIDATION_FAILED');
    refused(() => planUpload(loadedProject(draft), actor('enterprise'), declaration({ size: 0 }), NOW, 'u-1'), 'VALIDATION_FAILED');
  });

  it('wants an invoice number with an invoice and only there, in digits', () => {
    const invoice = { category: 'invoice', fileName: '发票.pdf' };
    expect(refused(() => planUpload(loadedProject(draft), actor('enterprise'), declaration(invoice), NOW, 'u-1'), 'VALIDATION_FAILED').issues[0]?.path).toBe('invoiceNumber');
    expect(planUpload(loadedProject(draft), actor('enterprise'), declaration({ ...invoice, invoiceNumber: '2512 0000 0000 0012 3456' }), NOW, 'u-1').invoiceNumber).toBe('25120000000000123456');
    refused(() => planUpload(loadedProject(draft), actor('enterprise'), declaration({ ...invoice, invoiceNumber: 'INV-1' }), NOW, 'u-1'), 'VALIDATION_FAILED');
    refused(() => planUpload(loadedProject(draft), actor('enterprise'), declaration({ invoiceNumber: '12345678' }), NOW, 'u-1'), 'VALIDATION_FAILED');
  });

  it('lets officials hand in only their own kinds of evidence, within their scope', () => {
    const report = declaration({ category: 'acceptance_report', fileName: '验收报告.pdf' });
    expect(planUpload(loadedProject(inProgress), actor('operator'), report, NOW, 'u-1').uploader.role).toBe('operator');
    refused(() => planUpload(loadedProject(inProgress), actor('enterprise'), report, NOW, 'u-1'), 'FORBIDDEN');
    refused(() => planUpload(loadedProject(inProgress), actor('operator'), declaration(), NOW, 'u-1'), 'FORBIDDEN');
    refused(() => planUpload(loadedProject(inProgress), { ...actor('operator'), pilot: 'elsewhere' }, report, NOW, 'u-1'), 'FORBIDDEN');
    refused(() => planUpload(loadedProject(inProgress), actor('finance'), report, NOW, 'u-1'), 'FORBIDDEN');
  });

  it('takes nothing for a project that has ended', () => {
    for (const status of ['accepted', 'terminated', 'withdrawn', 'not_selected'] as const) {
      refused(() => planUpload(loadedProject(fixtures[status].project), actor('enterprise'), declaration(), NOW, 'u-1'), 'ILLEGAL_TRANSITION');
    }
  });

  it('keeps a Chinese file name for display, without controls, direction overrides or path separators', () => {
    expect(FileName.parse('  现场图片 2025-07.jpg ')).toBe('现场图片 2025-07.jpg');
    expect(FileName.parse('发票\u202Efdp.exe')).toBe('发票fdp.exe');
    expect(FileName.parse('../../etc/passwd\u0000')).toBe('.._.._etc_passwd');
    expect(FileName.safeParse('\u200b\u0007').success).toBe(false);
  });

  it('reads hex and base64 digests the same', () => {
    expect(Sha256.parse(sha256B64(FILE))).toBe(Sha256.parse(sha256Hex(FILE).toUpperCase()));
  });
});

describe('checking the stored object', () => {
  const upload = planUpload(loadedProject(draft), actor('enterprise'), declaration(), NOW, 'u-1');

  it('wants exactly the declared size', () => {
    expect(sizeRefusal(upload, FILE.length)).toBeUndefined();
    expect(sizeRefusal(upload, FILE.length + 1)).toEqual({ code: 'EVIDENCE_SIZE_MISMATCH', details: { declared: FILE.length, received: FILE.length + 1 } });
  });

  it('wants the declared kind by signature, then the declared checksum', () => {
    const content = (file: Buffer) => ({ head: file, tail: file, sha256: sha256Hex(file) });
    expect(contentRefusal(upload, content(FILE))).toBeUndefined();
    expect(contentRefusal(upload, content(programs.elf))).toEqual({ code: 'EVIDENCE_EXECUTABLE', details: { declared: 'pdf', offset: 0 } });
    expect(contentRefusal(upload, content(jpeg()))?.code).toBe('EVIDENCE_TYPE_MISMATCH');
    expect(contentRefusal(upload, content(pdf('另一份合同')))?.code).toBe('EVIDENCE_CHECKSUM_MISMATCH');
  });

  it('refuses a file of the declared kind that carries a program further in, before its checksum is even compared', () => {
    const polyglot = { head: FILE, tail: FILE, sha256: sha256Hex(FILE), executableAt: 4096 };
    expect(contentRefusal(upload, polyglot)).toEqual({ code: 'EVIDENCE_EXECUTABLE', details: { declared: 'pdf', offset: 4096 } });
  });
});

const evidence = (id: string, projectId: string, uscc: string, extra: Partial<Evidence> = {}): Evidence => ({
  id, holder: { type: 'project', projectId }, uscc, category: 'invoice', fileName: 'f.pdf', contentType: 'application/pdf', kind: 'pdf', size: 1, sha256: 'ab'.repeat(32),
  invoiceNumber: '25120000000000123456', uploader: { subject: 'ent-1', name: 'n', role: 'enterprise' }, uploadedAt: NOW.toISOString(), key: `projects/${projectId}/${id}`, ...extra,
});

describe('duplicates', () => {
  const later = evidence('ev-2', 'proj-2', 'USCC-B');

  it('claim the file hash always and the invoice number for invoices', () => {
    expect(claimsOf(later).map((claim) => claim.kind)).toEqual(['same_file', 'same_invoice']);
    expect(claimsOf({ ...later, invoiceNumber: undefined }).map((claim) => claim.kind)).toEqual(['same_file']);
  });

  it('flag both projects, each naming the other', () => {
    const flags = duplicateFlags('same_file', later.sha256, later, { projectId: 'proj-1', evidenceId: 'ev-1', uscc: 'USCC-A' }, NOW);
    expect(flags).toEqual([
      expect.objectContaining({ projectId: 'proj-2', uscc: 'USCC-B', evidenceId: 'ev-2', counterpart: { projectId: 'proj-1', evidenceId: 'ev-1' }, raisedBy: 'ev-2' }),
      expect.objectContaining({ projectId: 'proj-1', uscc: 'USCC-A', evidenceId: 'ev-1', counterpart: { projectId: 'proj-2', evidenceId: 'ev-2' }, raisedBy: 'ev-2' }),
    ]);
  });

  it('are claimed by a project’s evidence only: a provider’s or an indicator’s files may repeat', () => {
    expect(claimsOf({ ...later, holder: { type: 'provider', pilotId: 'p', providerId: 'v' } })).toEqual([]);
    expect(claimsOf({ ...later, holder: { type: 'indicator', pilotId: 'p', code: 'tt-01', period: '2025' } })).toEqual([]);
    expect(duplicateFlags('same_invoice', '25120000000000123456', { ...later, holder: { type: 'provider', pilotId: 'p', providerId: 'v' } }, { projectId: 'proj-1', evidenceId: 'ev-1', uscc: 'USCC-A' }, NOW)).toEqual([]);
  });

  it('let one project use the same file twice, but never the same invoice', () => {
    const earlier = { projectId: 'proj-2', evidenceId: 'ev-1', uscc: 'USCC-B' };
    expect(duplicateFlags('same_file', later.sha256, later, earlier, NOW)).toEqual([]);
    expect(duplicateFlags('same_invoice', '25120000000000123456', later, earlier, NOW)).toHaveLength(2);
    expect(duplicateFlags('same_invoice', '25120000000000123456', later, { ...earlier, evidenceId: 'ev-2' }, NOW)).toEqual([]);
  });

  it('are shown to officials in scope, not to the enterprise', () => {
    expect(canSeeFlags(actor('bureau'), inProgress)).toBe(true);
    expect(canSeeFlags(actor('supervisor'), inProgress)).toBe(true);
    expect(canSeeFlags(actor('enterprise'), inProgress)).toBe(false);
    expect(canSeeFlags({ ...actor('bureau'), pilot: 'elsewhere' }, inProgress)).toBe(false);
  });
});

describe('removing evidence', () => {
  const mine = evidence('ev-1', draft.id, draft.uscc, { category: 'plan', invoiceNumber: undefined });

  it('is allowed to the uploader of an unreferenced file in a draft or a returned application', () => {
    expect(() => assertRemovable(draft, mine, actor('enterprise'), new Set())).not.toThrow();
    expect(() => assertRemovable(fixtures.returned.project, mine, actor('enterprise'), new Set())).not.toThrow();
  });

  it('is refused to anyone else, for referenced evidence, and once the project is submitted', () => {
    refused(() => assertRemovable(draft, mine, { ...actor('enterprise'), subject: 'ent-colleague' }, new Set()), 'FORBIDDEN');
    refused(() => assertRemovable(draft, mine, actor('enterprise'), new Set(['ev-1'])), 'EVIDENCE_LOCKED');
    for (const status of ['submitted', 'in_progress', 'accepted', 'withdrawn'] as const) {
      refused(() => assertRemovable(fixtures[status].project, mine, actor('enterprise'), new Set()), 'EVIDENCE_LOCKED');
    }
  });
});

describe('the download name', () => {
  it('carries the original Chinese name per RFC 5987 beside an ASCII fallback', () => {
    expect(contentDisposition('合同(盖章).pdf')).toBe(`attachment; filename="__(__).pdf"; filename*=UTF-8''%E5%90%88%E5%90%8C%28%E7%9B%96%E7%AB%A0%29.pdf`);
  });

  it('cannot be broken out of by quotes, backslashes or percent signs', () => {
    expect(contentDisposition(`a"b\\c%d'e*.pdf`)).toBe(`attachment; filename="a_b_c_d'e*.pdf"; filename*=UTF-8''a%22b%5Cc%25d%27e%2A.pdf`);
  });
});
