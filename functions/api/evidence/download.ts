import { api, ok } from '../../commons/http';
import { getEvidence } from '../../commons/store/evidence';
import { holderVisibleTo } from '../../commons/store/evidence-holders';
import { downloadUrl } from '../../commons/store/evidence-objects';
import { DomainError } from '../../../shared/errors';
import { EvidencePath } from '../../../shared/evidence/model';
import { DOWNLOAD_URL_SECONDS } from '../../../shared/evidence/rules';
import { assertDownloadable } from '../../../shared/evidence/scan';

/** A presigned GET valid for minutes, for whoever may read the holder; anyone else gets 404; quarantined evidence 409. */
export const handler = api('evidence/download', { path: EvidencePath }, async ({ principal, path, now }) => {
  const loaded = await holderVisibleTo(path.holder, principal);
  const evidence = await getEvidence(loaded.holder, path.evidenceId);
  if (!evidence) throw new DomainError('NOT_FOUND');
  assertDownloadable(evidence);
  const expiresAt = new Date(now.getTime() + DOWNLOAD_URL_SECONDS * 1000).toISOString();
  return ok({ url: await downloadUrl(evidence), expiresAt, fileName: evidence.fileName, contentType: evidence.contentType, size: evidence.size });
});
