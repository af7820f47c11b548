import { PutObjectCommand } from '@aws-sdk/client-s3';
import { s3 } from '../clients';
import { bucketNames } from '../config';
import { PUBLIC_DATA_PREFIX } from '../../../shared/tables';

/** Writes one public snapshot (JSON) to the site bucket under `data/`, where CloudFront serves it. */
export async function publishSnapshot(path: string, content: unknown): Promise<void> {
  await s3.send(
    new PutObjectCommand({
      Bucket: bucketNames.site,
      Key: PUBLIC_DATA_PREFIX + path,
      Body: JSON.stringify(content),
      ContentType: 'application/json; charset=utf-8',
      CacheControl: 'public, max-age=60',
    }),
  );
}
