import type { Endpoints, InboxBox, InboxEntry } from '../api/endpoints';

/**
 * The signed-in office's inbox (warnings, escalations, reminders): one instance on AppState, so the
 * header badge and the inbox page show the same unread count. Items are replaced, never mutated.
 */
export const INBOX_PAGE_SIZE = 20;

type InboxApi = Pick<Endpoints, 'inbox' | 'markRead'>;

export class Inbox {
  /** Unread items over every office the user reads for; null until first counted. */
  totalUnread = $state<number | null>(null);
  boxes = $state.raw<InboxBox[]>([]);
  /** The office being read; undefined means the API's default (the user's first). */
  box = $state<string | undefined>(undefined);
  items = $state.raw<InboxEntry[]>([]);
  cursor = $state<string | undefined>(undefined);
  loading = $state(false);
  error = $state.raw<unknown>(null);
  /** Set once the first page of the current office has arrived. */
  loaded = $state(false);

  readonly #api: InboxApi;
  #sequence = 0;

  constructor(api: InboxApi) {
    this.#api = api;
  }

  /** The unread count of the office being read. */
  get unread(): number {
    const box = this.box ?? this.boxes[0]?.box;
    return this.boxes.find((candidate) => candidate.box === box)?.unread ?? 0;
  }

  /** Only the counts (for the badge): a one-item read. A failure leaves the badge as it was. */
  async refreshCount(): Promise<void> {
    try {
      const page = await this.#api.inbox({ limit: 1 });
      this.#counts(page.boxes);
    } catch {
      // The badge is a convenience: the inbox page shows the error if the read keeps failing.
    }
  }

  /** Reads the first page of `box` (or the current office), replacing the list. */
  async load(box: string | undefined = this.box): Promise<void> {
    await this.#read(box, undefined);
  }

  async more(): Promise<void> {
    if (this.cursor) await this.#read(this.box, this.cursor);
  }

  /** Marks one item read for the office; the count comes back from the API. */
  async markRead(itemId: string): Promise<void> {
    const result = await this.#api.markRead(itemId, this.box);
    const readAt = new Date().toISOString();
    this.items = this.items.map((item) => (item.id === itemId ? { ...item, readAt: item.readAt ?? readAt } : item));
    const box = this.box ?? this.boxes[0]?.box;
    this.#counts(this.boxes.map((candidate) => (candidate.box === box ? { ...candidate, unread: result.unread } : candidate)));
  }

  reset(): void {
    this.#sequence += 1;
    this.totalUnread = null;
    this.boxes = [];
    this.box = undefined;
    this.items = [];
    this.cursor = undefined;
    this.loaded = false;
    this.error = null;
    this.loading = false;
  }

  async #read(box: string | undefined, cursor: string | undefined): Promise<void> {
    const sequence = ++this.#sequence;
    this.loading = true;
    this.error = null;
    try {
      const page = await this.#api.inbox({ ...(box ? { box } : {}), ...(cursor ? { cursor } : {}), limit: INBOX_PAGE_SIZE });
      if (sequence !== this.#sequence) return;
      this.box = page.box;
      this.items = cursor ? [...this.items, ...page.items] : page.items;
      this.cursor = page.cursor;
      this.loaded = true;
      this.#counts(page.boxes);
    } catch (error) {
      if (sequence === this.#sequence) this.error = error;
    } finally {
      if (sequence === this.#sequence) this.loading = false;
    }
  }

  #counts(boxes: InboxBox[]): void {
    this.boxes = boxes;
    this.totalUnread = boxes.reduce((sum, candidate) => sum + candidate.unread, 0);
  }
}
