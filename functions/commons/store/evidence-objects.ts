import { createHash } from 'node:crypto';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { s3 } from '../clients';
import { bucketNames } from '../config';
import type { ObjectContent, StoredObjectFacts } from '../../../shared/evidence/complete';
import { sha256Base64, type Evidence, type PendingUpload } from '../../../shared/evidence/model';
import { contentDisposition, DOWNLOAD_URL_SECONDS, UPLOAD_URL_SECONDS } from '../../../shared/evidence/rules';
import { executableScanner, SIGNATURE_BYTES } from '../../../shared/evidence/signature';

/**
 * Evidence bytes in the evidence bucket. Bytes never pass through a function (API Gateway and Lambda
 * cap payloads at 6 MB): browsers send them straight to S3 on a presigned PUT or POST, and fetch them
 * on a presigned GET. Functions only HEAD, read for verification, and delete what failed it.
 */

export interface UploadTarget {
  uploadId: string;
  expiresAt: string;
  /** fetch(url, { method: 'PUT', headers, body: file }) — every header listed must be sent as given */
  put: { url: string; method: 'PUT'; headers: Record<string, string> };
  /** an HTML form / FormData: every field, then the file last as `file` */
  post: { url: string; fields: Record<string, string> };
}

/**
 * Both forms bind the exact key, size and SHA-256: S3 refuses a body whose checksum differs from the
 * signed `x-amz-checksum-sha256`, a POST outside its content-length-range, and (If-None-Match: *) a
 * second PUT over the first. Content-Type is in the POST policy; the PUT presigner cannot sign it.
 */
export async function presignUpload(upload: PendingUpload): Promise<UploadTarget> {
  const checksum = sha256Base64(upload.sha256);
  const Bucket = bucketNames.evidence;
  const putUrl = await getSignedUrl(
    s3,
    new PutObjectCommand({ Bucket, Key: upload.key, ContentType: upload.contentType, ContentLength: upload.size, ChecksumSHA256: checksum, IfNoneMatch: '*' }),
    // Kept as a signed header: hoisted into the query string, S3 would not treat it as the body's checksum.
    { expiresIn: UPLOAD_URL_SECONDS, unhoistableHeaders: new Set(['x-amz-checksum-sha256']) },
  );
  const post = await createPresignedPost(s3, {
    Bucket,
    Key: upload.key,
    Expires: UPLOAD_URL_SECONDS,
    Conditions: [
      ['content-length-range', upload.size, upload.size],
      ['eq', '$Content-Type', upload.contentType],
    ],
    Fields: { 'Content-Type': upload.contentType, 'x-amz-checksum-sha256': checksum },
  });
  return {
    uploadId: upload.uploadId,
    expiresAt: upload.urlExpiresAt,
    put: { url: putUrl, method: 'PUT', headers: { 'content-type': upload.contentType, 'x-amz-checksum-sha256': checksum, 'if-none-match': '*' } },
    post: { url: post.url, fields: post.fields },
  };
}

function isMissing(error: unknown): boolean {
  const name = (error as { name?: string }).name;
  return name === 'NotFound' || name === 'NoSuchKey' || name === 'NoSuchVersion';
}

function base64ToHex(value: string): string {
  return Buffer.from(value, 'base64').toString('hex');
}

/**
 * HEAD with checksums requested. S3 returns the SHA-256 it verified on upload when the client sent one
 * (our presigned forms make it); a multipart COMPOSITE checksum is a checksum of parts, not of the
 * file, and is ignored. Servers without checksum support return none, and the bytes get hashed.
 */
export async function statObject(key: string): Promise<StoredObjectFacts | undefined> {
  try {
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucketNames.evidence, Key: key, ChecksumMode: 'ENABLED' }));
    const facts: StoredObjectFacts = { size: head.ContentLength ?? 0 };
    if (head.VersionId && head.VersionId !== 'null') facts.versionId = head.VersionId;
    if (head.ChecksumSHA256 && head.ChecksumType !== 'COMPOSITE') facts.sha256 = base64ToHex(head.ChecksumSHA256);
    return facts;
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

/**
 * One pass over the whole object: its head and tail for the signature check, every byte through the
 * executable scanner (a program may hide anywhere in a polyglot, issue 12), and the SHA-256 — the
 * server's verified one when it gave one, else hashed on the way.
 */
export async function readObject(key: string, facts: StoredObjectFacts): Promise<ObjectContent> {
  const result = await s3.send(new GetObjectCommand({ Bucket: bucketNames.evidence, Key: key, ...(facts.versionId ? { VersionId: facts.versionId } : {}) }));
  const hash = facts.sha256 ? undefined : createHash('sha256');
  const scanner = executableScanner();
  const headChunks: Buffer[] = [];
  let headLength = 0;
  let tail = Buffer.alloc(0);
  for await (const chunk of (result.Body ?? []) as AsyncIterable<Uint8Array>) {
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    hash?.update(bytes);
    scanner.push(bytes);
    if (headLength < SIGNATURE_BYTES) {
      headChunks.push(bytes.subarray(0, SIGNATURE_BYTES - headLength));
      headLength += Math.min(bytes.length, SIGNATURE_BYTES - headLength);
    }
    tail = bytes.length >= SIGNATURE_BYTES ? Buffer.from(bytes.subarray(-SIGNATURE_BYTES)) : Buffer.concat([tail, bytes]).subarray(-SIGNATURE_BYTES);
  }
  const executableAt = scanner.finish();
  return {
    head: new Uint8Array(Buffer.concat(headChunks)),
    tail: new Uint8Array(tail),
    sha256: facts.sha256 ?? hash?.digest('hex') ?? '',
    ...(executableAt === undefined ? {} : { executableAt }),
  };
}

/**
 * Removes the current object at `key`. In the versioned, object-locked bucket this leaves a delete
 * marker and the locked version stays until its retention ends; locally the object is gone.
 */
export async function deleteObject(key: string): Promise<void> {
  await s3.send(new DeleteObjectCommand({ Bucket: bucketNames.evidence, Key: key }));
}

/** A short-lived GET of the verified version, served as its verified type under its original name. */
export async function downloadUrl(evidence: Evidence): Promise<string> {
  return getSignedUrl(
    s3,
    new GetObjectCommand({
      Bucket: bucketNames.evidence,
      Key: evidence.key,
      ...(evidence.versionId ? { VersionId: evidence.versionId } : {}),
      ResponseContentDisposition: contentDisposition(evidence.fileName),
      ResponseContentType: evidence.contentType,
    }),
    { expiresIn: DOWNLOAD_URL_SECONDS },
  );
}
