import { holderApiPath, type EvidenceHolder } from '../../../../shared/evidence/holder';
import type { Endpoints, EvidenceView } from '../api/endpoints';

/**
 * The data sources of the period a value form is about. The period of a new value is typed, so the
 * holder changes as it is typed: each new holder's list replaces the last, and a slower answer for an
 * earlier one is dropped.
 */
export class PeriodSources {
  items = $state.raw<EvidenceView[]>([]);
  error = $state.raw<unknown>(null);
  loading = $state(false);

  readonly #api: Pick<Endpoints, 'listEvidence'>;
  #holder: EvidenceHolder | undefined;
  #sequence = 0;

  constructor(api: Pick<Endpoints, 'listEvidence'>) {
    this.#api = api;
  }

  /** Lists `holder`'s files if it is not the one shown; answers the new list, or null when nothing new arrived. */
  show(holder: EvidenceHolder | undefined): Promise<EvidenceView[] | null> {
    const same = holder && this.#holder ? holderApiPath(holder) === holderApiPath(this.#holder) : holder === this.#holder;
    if (same) return Promise.resolve(null);
    this.#holder = holder;
    return this.#load();
  }

  retry(): Promise<EvidenceView[] | null> {
    return this.#load();
  }

  /** A file just uploaded for this period. */
  add(item: EvidenceView): void {
    this.items = [...this.items.filter((existing) => existing.id !== item.id), item];
  }

  async #load(): Promise<EvidenceView[] | null> {
    const sequence = ++this.#sequence;
    const holder = this.#holder;
    this.items = [];
    this.error = null;
    if (!holder) {
      this.loading = false;
      return null;
    }
    this.loading = true;
    try {
      const list = await this.#api.listEvidence(holder);
      if (sequence !== this.#sequence) return null;
      this.items = list.items;
      return list.items;
    } catch (error) {
      if (sequence === this.#sequence) this.error = error;
      return null;
    } finally {
      if (sequence === this.#sequence) this.loading = false;
    }
  }
}
