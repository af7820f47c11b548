import { randomUUID } from 'node:crypto';
import { api, created } from '../../commons/http';
import { recordUpload } from '../../commons/store/evidence';
import { holderVisibleTo } from '../../commons/store/evidence-holders';
import { presignUpload } from '../../commons/store/evidence-objects';
import { HolderPath, UploadRequest } from '../../../shared/evidence/model';
import { planUpload } from '../../../shared/evidence/rules';

/**
 * Declares a file and hands out a presigned PUT and POST for exactly one key, size and SHA-256, for
 * any holder (a project, a provider's materials, an indicator period's sources). The domain
 * (planUpload) parses the body again, so a script that calls it gets the same checks.
 */
export const handler = api('evidence/upload', { path: HolderPath, body: UploadRequest }, async ({ principal, path, body, now }) => {
  const loaded = await holderVisibleTo(path.holder, principal);
  const upload = planUpload(loaded, principal, body, now, randomUUID());
  await recordUpload(upload);
  return created(await presignUpload(upload));
});
