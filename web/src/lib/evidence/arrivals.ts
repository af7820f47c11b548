import type { EvidenceView } from '../api/endpoints';

/**
 * Which files of a list a form has already seen, so a file uploaded while the form is open (the
 * uploader sits outside it: forms do not nest) can be chosen for it on arrival, once.
 */
export class Arrivals {
  readonly #seen: Set<string>;

  constructor(items: readonly EvidenceView[]) {
    this.#seen = new Set(items.map((item) => item.id));
  }

  /** The files not seen before, now remembered. */
  take(items: readonly EvidenceView[]): EvidenceView[] {
    const fresh = items.filter((item) => !this.#seen.has(item.id));
    for (const item of fresh) this.#seen.add(item.id);
    return fresh;
  }
}
