import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalStack } from './support/stack';

// Why the checksum setting matters: recent SDKs default to WHEN_SUPPORTED. A streamed PutObject body
// then goes out `aws-chunked` with a trailing CRC32; S3 strips that framing, s3rver stores it verbatim
// (11 bytes sent came back as 52: "b\r\nhello world\r\n0\r\nx-amz-checksum-crc32:…"). A presigned
// PUT URL would carry x-amz-checksum-crc32 of the empty body the presigner saw, which S3 rejects for
// any real upload and s3rver silently ignores. The local environment sets WHEN_REQUIRED; these round
// trips prove it reaches the app's own client and the presigners made from it.

// App modules read the environment at load, so they are imported only after useLocalStack().
type Clients = typeof import('../../functions/commons/clients');
let s3: Clients['s3'];
let bucket: string;

beforeAll(async () => {
  await useLocalStack();
  ({ s3 } = await import('../../functions/commons/clients'));
  ({ evidence: bucket } = (await import('../../functions/commons/config')).bucketNames);
});

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

async function readBack(key: string): Promise<Uint8Array> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  if (object.Body === undefined) throw new Error(`no body for ${key}`);
  return object.Body.transformToByteArray();
}

const allByteValues = Uint8Array.from({ length: 256 }, (_, value) => value);
// ArrayBuffer-backed, as fetch() bodies must be (not SharedArrayBuffer).
const cases: { name: string; key: string; body: Uint8Array<ArrayBuffer> }[] = [
  { name: 'a small text', key: 'notes/hello.txt', body: Buffer.from('试点通 PilotOps — hello\n', 'utf8') },
  { name: 'a Chinese-named key holding bytes 0–255', key: '证据/现场图片 第1张（发票）.bin', body: allByteValues },
  // Over 5 MiB: large enough that any chunked framing or truncation would show.
  { name: 'a ~6 MiB random buffer', key: 'evidence/large.bin', body: randomBytes(6 * 1024 * 1024 + 17) },
];

describe('S3 round trips through the app client', () => {
  it.each(cases)('$name written with PutObject reads back with the same SHA-256', async ({ key, body }) => {
    // Prepare
    const expected = sha256(body);

    // Act
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
    const stored = await readBack(key);

    // Assess
    expect(stored.byteLength).toBe(body.byteLength);
    expect(sha256(stored)).toBe(expected);
  });

  it('a ~6 MiB body streamed to PutObject reads back byte for byte, without chunk framing', async () => {
    // Prepare
    const body = randomBytes(6 * 1024 * 1024);
    const key = 'evidence/streamed.bin';

    // Act
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: Readable.from([body]), ContentLength: body.byteLength }));
    const stored = await readBack(key);

    // Assess
    expect(stored.byteLength).toBe(body.byteLength);
    expect(sha256(stored)).toBe(sha256(body));
  });

  it.each(cases)('$name uploaded with fetch to a presigned PUT URL reads back with the same SHA-256', async ({ key, body }) => {
    // Prepare
    const presignedKey = `presigned/${key}`;
    const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket: bucket, Key: presignedKey }), { expiresIn: 300 });

    // Act
    const response = await fetch(url, { method: 'PUT', body });

    // Assess
    expect(response.status, await response.text()).toBe(200);
    expect(new URL(url).search.toLowerCase()).not.toContain('checksum');
    const stored = await readBack(presignedKey);
    expect(stored.byteLength).toBe(body.byteLength);
    expect(sha256(stored)).toBe(sha256(body));
  });
});
