import { api, created } from '../../commons/http';
import { completionPorts } from '../../commons/store/evidence';
import { holderVisibleTo } from '../../commons/store/evidence-holders';
import { completeUpload } from '../../../shared/evidence/complete';
import { CompleteRequest, evidenceView, UploadPath } from '../../../shared/evidence/model';

/**
 * Verifies the uploaded object against its declaration (size, signature, SHA-256) and turns it into
 * evidence; a failure deletes the object. The body is empty: nothing about the object is the client's to say.
 */
export const handler = api('evidence/complete', { path: UploadPath, body: CompleteRequest }, async ({ principal, path, now }) => {
  const loaded = await holderVisibleTo(path.holder, principal);
  const { evidence } = await completeUpload(completionPorts, loaded.holder, principal, path.uploadId, now);
  return created(evidenceView(evidence));
});
