import type { EvidenceCategory } from '../../../../shared/evidence/categories';
import type { EvidenceHolder } from '../../../../shared/evidence/holder';
import type { Endpoints, EvidenceView, UploadTarget } from '../api/endpoints';
import { ApiError, networkError } from '../api/errors';
import { t } from '../i18n';
import { contentTypeOf, sha256Hex } from './files';

/**
 * One file on its way to the evidence bucket: hash → declare (POST …/uploads) → PUT the bytes
 * straight to S3 on the presigned URL, with upload progress → complete (the API verifies size,
 * signature and SHA-256). A failure can be retried from the step that failed: the bytes again to
 * the same URL while it is valid, or a fresh declaration once it has expired or been refused.
 */
export type UploadPhase = 'hashing' | 'declaring' | 'uploading' | 'verifying' | 'done' | 'failed';

export const PHASE_KEYS = {
  hashing: 'evidence.phase.hashing',
  declaring: 'evidence.phase.declaring',
  uploading: 'evidence.phase.uploading',
  verifying: 'evidence.phase.verifying',
  done: 'evidence.phase.done',
  failed: 'evidence.phase.failed',
} as const satisfies Record<UploadPhase, string>;

export interface SendProgress {
  loaded: number;
  total: number;
}

/** Sends the bytes; resolves with the HTTP status. XMLHttpRequest in the browser (fetch has no upload progress). */
export type Sender = (target: UploadTarget, file: Blob, onProgress: (progress: SendProgress) => void) => Promise<number>;

export const xhrSender: Sender = (target, file, onProgress) =>
  new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(target.put.method, target.put.url);
    for (const [name, value] of Object.entries(target.put.headers)) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    request.onload = () => resolve(request.status);
    request.onerror = () => reject(networkError());
    request.onabort = () => reject(networkError());
    request.send(file);
  });

export interface UploadRequestFile {
  file: File;
  category: EvidenceCategory;
  invoiceNumber?: string;
}

type UploadApi = Pick<Endpoints, 'declareUpload' | 'completeUpload'>;

export class UploadTask {
  phase = $state<UploadPhase>('hashing');
  loaded = $state(0);
  total = $state(0);
  error = $state.raw<unknown>(null);
  evidence = $state.raw<EvidenceView | null>(null);
  readonly fileName: string;

  readonly #api: UploadApi;
  readonly #holder: EvidenceHolder;
  readonly #request: UploadRequestFile;
  readonly #send: Sender;
  readonly #now: () => number;
  #sha256: string | undefined;
  #target: UploadTarget | undefined;
  #failedAt: UploadPhase = 'hashing';

  constructor(api: UploadApi, holder: EvidenceHolder, request: UploadRequestFile, send: Sender = xhrSender, now: () => number = Date.now) {
    this.#api = api;
    this.#holder = holder;
    this.#request = request;
    this.#send = send;
    this.#now = now;
    this.fileName = request.file.name;
    this.total = request.file.size;
  }

  /** 0–1 of the bytes sent. */
  get fraction(): number {
    return this.total > 0 ? Math.min(1, this.loaded / this.total) : 0;
  }

  run(): Promise<EvidenceView | null> {
    return this.#from('hashing');
  }

  /** Tries again from where it failed. */
  retry(): Promise<EvidenceView | null> {
    const expired = this.#target !== undefined && Date.parse(this.#target.expiresAt) <= this.#now();
    // A refused completion deleted the object (or it never arrived): declare afresh.
    const start = this.#failedAt === 'uploading' && !expired ? 'uploading' : this.#failedAt === 'verifying' && isTransient(this.error) ? 'verifying' : this.#sha256 ? 'declaring' : 'hashing';
    return this.#from(start);
  }

  async #from(start: UploadPhase): Promise<EvidenceView | null> {
    this.error = null;
    const order: UploadPhase[] = ['hashing', 'declaring', 'uploading', 'verifying'];
    try {
      for (const phase of order.slice(order.indexOf(start))) {
        this.phase = phase;
        await this.#step(phase);
      }
      this.phase = 'done';
      return this.evidence;
    } catch (error) {
      this.#failedAt = this.phase;
      this.error = error;
      this.phase = 'failed';
      return null;
    }
  }

  async #step(phase: UploadPhase): Promise<void> {
    const { file, category, invoiceNumber } = this.#request;
    switch (phase) {
      case 'hashing':
        this.#sha256 = await sha256Hex(await file.arrayBuffer());
        return;
      case 'declaring':
        this.#target = await this.#api.declareUpload(this.#holder, {
          category,
          fileName: file.name,
          contentType: contentTypeOf(file),
          size: file.size,
          sha256: this.#sha256 ?? '',
          ...(invoiceNumber ? { invoiceNumber } : {}),
        });
        return;
      case 'uploading': {
        const target = this.#target;
        if (!target) throw networkError();
        this.loaded = 0;
        const status = await this.#send(target, file, ({ loaded, total }) => {
          this.loaded = loaded;
          this.total = total;
        });
        if (status < 200 || status >= 300) throw new ApiError(status, 'UPLOAD_FAILED', t('evidence.sendFailed'));
        this.loaded = this.total;
        return;
      }
      case 'verifying':
        this.evidence = await this.#api.completeUpload(this.#holder, this.#target?.uploadId ?? '');
        return;
      default:
        return;
    }
  }
}

function isTransient(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'NETWORK' || error.code === 'EVIDENCE_NOT_UPLOADED' || error.status >= 500);
}
