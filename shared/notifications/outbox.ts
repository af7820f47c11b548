import { forEachLimited } from '../obligations/sweep';
import type { Channel, OutboxEvent, Robot, Subscriber } from './model';
import { emailContent, robotBody, smsContent, type EmailContent, type SmsContent } from './templates';

/**
 * The outbox: every inbox item is an outbox event, written in the transaction that writes the item
 * (so an event exists exactly when its inbox item does), and delivered after the commit to each
 * person of the office who chose a channel and to the office's group robots.
 *
 * One delivery per event, addressee and channel, reasoned like the deadline sweep
 * (shared/obligations/sweep.ts):
 * - a delivery has a deterministic key (`<channel>#<addressee>`) under its event, and is sent only by
 *   the run that *claims* it: a conditional write that succeeds only if the delivery is new, failed
 *   and due for retry, or held by a run whose lease ran out. A second run — the timer firing twice,
 *   or the retry timer while the sweep is still sending — finds it claimed or sent and sends nothing.
 * - a send is recorded after the transport accepted it; a failure is recorded with its next attempt
 *   (RETRY_DELAYS_MINUTES) and retried by the `outbox-dispatch` timer, until MAX_ATTEMPTS.
 * - the event leaves the pending queue once every delivery is sent or abandoned, so the retry timer
 *   reads only what is still owed.
 * The one window left: a run that dies after the transport accepted a message and before it recorded
 * the send. Its lease runs out and the next run sends again: there at-least-once, never lost. Every
 * message carries its delivery key (an email's Message-ID, a webhook's and an SMS's request id), so
 * a duplicate can be told for one.
 */
export const RETRY_DELAYS_MINUTES = [1, 5, 30, 120, 480] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MINUTES.length + 1;
/** How long a claim holds before another run may take the delivery over (longer than any send). */
export const LEASE_MINUTES = 5;

export interface Delivery {
  /** `<channel>#<addressee>`: unique within its event */
  key: string;
  channel: Channel;
  /** a person's subject, or `robot:<id>` */
  addressee: string;
  addresseeName: string;
  /** an email address, a mobile number or a robot's URL */
  address: string;
  robot?: Robot;
}

/** The people of the office who want this kind, on each channel they chose, and the office's robots. */
export function plannedDeliveries(event: OutboxEvent, subscribers: readonly Subscriber[], robots: readonly Robot[]): Delivery[] {
  const deliveries: Delivery[] = [];
  for (const { subject, name, preferences } of subscribers) {
    if (!preferences.kinds.includes(event.kind)) continue;
    for (const channel of new Set(preferences.channels)) {
      const address = channel === 'email' ? preferences.email : preferences.mobile;
      if (address) deliveries.push({ key: `${channel}#${subject}`, channel, addressee: subject, addresseeName: name, address });
    }
  }
  for (const robot of robots) {
    if (!robot.kinds.includes(event.kind)) continue;
    deliveries.push({ key: `webhook#robot:${robot.id}`, channel: 'webhook', addressee: `robot:${robot.id}`, addresseeName: robot.name, address: robot.url, robot });
  }
  return deliveries;
}

export type OutgoingMessage =
  | { channel: 'email'; id: string; to: string; content: EmailContent }
  | { channel: 'sms'; id: string; to: string; content: SmsContent }
  | { channel: 'webhook'; id: string; url: string; body: Record<string, unknown> };

/** A stable id per delivery: the same on every attempt, so a receiver can tell a repeat. */
export function deliveryId(event: Pick<OutboxEvent, 'recipient' | 'sourceId'>, delivery: Pick<Delivery, 'key'>): string {
  return `${event.sourceId}/${event.recipient}/${delivery.key}`;
}

export function messageFor(event: OutboxEvent, delivery: Delivery, appUrl: string): OutgoingMessage {
  const id = deliveryId(event, delivery);
  switch (delivery.channel) {
    case 'email':
      return { channel: 'email', id, to: delivery.address, content: emailContent(event, delivery.addresseeName, appUrl) };
    case 'sms':
      return { channel: 'sms', id, to: delivery.address, content: smsContent(event) };
    case 'webhook':
      return { channel: 'webhook', id, url: delivery.address, body: robotBody(delivery.robot?.kind ?? 'wecom', event, appUrl) };
  }
}

/** A channel's transport (functions/commons/notify.ts): resolves once the far side accepted the message. */
export type Transports = Partial<Record<Channel, (message: OutgoingMessage) => Promise<void>>>;

export type Claim = { claimed: true; attempts: number } | { claimed: false; state: 'sent' | 'abandoned' | 'busy' };

export interface OutboxPort {
  /** Events still owed a delivery, oldest first, a page at a time. */
  pending(): AsyncIterable<OutboxEvent[]>;
  subscribers(recipient: string): Promise<Subscriber[]>;
  robots(recipient: string): Promise<Robot[]>;
  /** The conditional write that makes this run the only sender of the delivery (see above). */
  claim(event: OutboxEvent, delivery: Delivery, at: Date, leaseUntil: Date): Promise<Claim>;
  recordSent(event: OutboxEvent, delivery: Delivery, at: Date): Promise<void>;
  recordFailure(event: OutboxEvent, delivery: Delivery, failure: Failure): Promise<void>;
  /** Takes the event out of the pending queue. */
  settle(event: OutboxEvent, at: Date): Promise<void>;
}

export interface Failure {
  attempts: number;
  error: string;
  at: Date;
  /** absent: no attempt is left, the delivery is abandoned */
  nextAttemptAt?: Date;
}

const minutes = (n: number): number => n * 60_000;

/** After the `attempts`-th failed attempt: when to try again, or never. */
export function nextAttempt(attempts: number, at: Date): Date | undefined {
  const delay = RETRY_DELAYS_MINUTES[attempts - 1];
  return delay === undefined ? undefined : new Date(at.getTime() + minutes(delay));
}

export interface DispatchResult {
  events: number;
  sent: number;
  failed: number;
  abandoned: number;
  /** already sent, abandoned or in another run's hands */
  skipped: number;
  /** deliveries on a channel this deployment has no transport for (e.g. SMS not configured) */
  unavailable: number;
  settled: number;
}

export interface DispatchOptions {
  appUrl: string;
  /** events handled at once (default 4); the deliveries of one event go one after another */
  concurrency?: number;
}

/** Delivers `events` (those a run just committed), or every pending event when none are given. */
export async function dispatch(port: OutboxPort, transports: Transports, now: () => Date, options: DispatchOptions, events?: readonly OutboxEvent[]): Promise<DispatchResult> {
  const result: DispatchResult = { events: 0, sent: 0, failed: 0, abandoned: 0, skipped: 0, unavailable: 0, settled: 0 };
  const handle = async (event: OutboxEvent): Promise<void> => {
    result.events += 1;
    const [subscribers, robots] = await Promise.all([port.subscribers(event.recipient), port.robots(event.recipient)]);
    let owed = false;
    for (const delivery of plannedDeliveries(event, subscribers, robots)) {
      const transport = transports[delivery.channel];
      if (transport === undefined) {
        result.unavailable += 1;
        continue;
      }
      const at = now();
      const claim = await port.claim(event, delivery, at, new Date(at.getTime() + minutes(LEASE_MINUTES)));
      if (!claim.claimed) {
        result.skipped += 1;
        if (claim.state === 'busy') owed = true;
        continue;
      }
      try {
        await transport(messageFor(event, delivery, options.appUrl));
      } catch (error) {
        const attempts = claim.attempts + 1;
        const failedAt = now();
        const next = nextAttempt(attempts, failedAt);
        await port.recordFailure(event, delivery, { attempts, error: describe(error), at: failedAt, ...(next ? { nextAttemptAt: next } : {}) });
        if (next) {
          result.failed += 1;
          owed = true;
        } else result.abandoned += 1;
        continue;
      }
      await port.recordSent(event, delivery, now());
      result.sent += 1;
    }
    if (!owed) {
      await port.settle(event, now());
      result.settled += 1;
    }
  };
  const concurrency = options.concurrency ?? 4;
  if (events) await forEachLimited(events, concurrency, handle);
  else for await (const page of port.pending()) await forEachLimited(page, concurrency, handle);
  return result;
}

function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 300);
}
