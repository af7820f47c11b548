import { newIdempotencyKey } from '../api/client';
import type { Endpoints, ProjectView } from '../api/endpoints';
import { ApiError } from '../api/errors';

/**
 * Sends one lifecycle step with the version the user saw and an idempotency key. The key is kept
 * when the network failed (the same click, retried, must not act twice) and renewed after any
 * answer, since a corrected form is a different request.
 */
export class ActionRun {
  submitting = $state(false);
  error = $state.raw<unknown>(null);
  #key = newIdempotencyKey();

  async run(api: Pick<Endpoints, 'runAction'>, view: ProjectView, action: string, input: unknown): Promise<ProjectView | null> {
    if (this.submitting) return null;
    this.submitting = true;
    this.error = null;
    try {
      const next = await api.runAction(view.id, action, view.version, input, this.#key);
      this.#key = newIdempotencyKey();
      return next;
    } catch (error) {
      this.error = error;
      if (!(error instanceof ApiError && error.code === 'NETWORK')) this.#key = newIdempotencyKey();
      return null;
    } finally {
      this.submitting = false;
    }
  }
}
