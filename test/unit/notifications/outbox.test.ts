import { describe, expect, it } from 'vitest';
import type { OutboxEvent, Robot, Subscriber } from '../../../shared/notifications/model';
import {
  deliveryId,
  dispatch,
  LEASE_MINUTES,
  MAX_ATTEMPTS,
  messageFor,
  nextAttempt,
  plannedDeliveries,
  type Claim,
  type Delivery,
  type Failure,
  type OutboxPort,
  type OutgoingMessage,
  type Transports,
} from '../../../shared/notifications/outbox';

const event: OutboxEvent = {
  recipient: 'BUREAU#wuqing',
  sourceId: 'R-1',
  kind: 'reminder',
  title: '2025年第3季度进度报告将于 2025-10-15 到期',
  message: '请按期报送。',
  pilotId: 'wuqing',
  dueDay: '2025-10-15',
  createdAt: '2025-10-14T00:30:00.000Z',
};
const wang: Subscriber = { subject: 'u-wang', name: '王科长', preferences: { email: 'wang@example.cn', mobile: '13800138000', channels: ['email', 'sms'], kinds: ['warning', 'escalation', 'reminder'] } };
const li: Subscriber = { subject: 'u-li', name: '李干事', preferences: { email: 'li@example.cn', channels: ['email'], kinds: ['warning'] } };
const robot: Robot = { id: 'group', kind: 'dingtalk', name: '工信局钉钉群', url: 'https://oapi.dingtalk.com/robot/send?access_token=x', kinds: ['reminder'] };

const stateKey = (of: Pick<OutboxEvent, 'sourceId'>, delivery: Pick<Delivery, 'key'>): string => `${of.sourceId}|${delivery.key}`;

type State = { state: 'sending' | 'sent' | 'failed' | 'abandoned'; attempts: number; leaseUntil?: Date; nextAttemptAt?: Date };

/** The port's contract, in memory: the conditional claim the DynamoDB store makes (store/outbox.ts). */
function memoryPort(subscribers: Subscriber[], robots: Robot[] = []): OutboxPort & { states: Map<string, State>; settled: string[]; pendingEvents: OutboxEvent[] } {
  const states = new Map<string, State>();
  const settled: string[] = [];
  const pendingEvents: OutboxEvent[] = [];
  return {
    states,
    settled,
    pendingEvents,
    async *pending() {
      yield pendingEvents.filter((candidate) => !settled.includes(candidate.sourceId));
    },
    subscribers: () => Promise.resolve(subscribers),
    robots: () => Promise.resolve(robots),
    claim(claimed: OutboxEvent, delivery: Delivery, at: Date, leaseUntil: Date): Promise<Claim> {
      const key = stateKey(claimed, delivery);
      const current = states.get(key);
      const free = current === undefined || (current.state === 'failed' && (current.nextAttemptAt as Date) <= at) || (current.state === 'sending' && (current.leaseUntil as Date) < at);
      if (!free) return Promise.resolve({ claimed: false, state: current.state === 'sent' || current.state === 'abandoned' ? current.state : 'busy' });
      states.set(key, { state: 'sending', attempts: current?.attempts ?? 0, leaseUntil });
      return Promise.resolve({ claimed: true, attempts: current?.attempts ?? 0 });
    },
    recordSent(sentEvent, delivery) {
      const current = states.get(stateKey(sentEvent, delivery)) as State;
      states.set(stateKey(sentEvent, delivery), { state: 'sent', attempts: current.attempts + 1 });
      return Promise.resolve();
    },
    recordFailure(failedEvent, delivery, failure: Failure) {
      states.set(stateKey(failedEvent, delivery), { state: failure.nextAttemptAt ? 'failed' : 'abandoned', attempts: failure.attempts, ...(failure.nextAttemptAt ? { nextAttemptAt: failure.nextAttemptAt } : {}) });
      return Promise.resolve();
    },
    settle(settledEvent) {
      settled.push(settledEvent.sourceId);
      return Promise.resolve();
    },
  };
}

function recordingTransports(fail: (message: OutgoingMessage) => boolean = () => false): Transports & { sent: OutgoingMessage[] } {
  const sent: OutgoingMessage[] = [];
  const transport = (message: OutgoingMessage): Promise<void> => {
    if (fail(message)) return Promise.reject(new Error('connection refused'));
    sent.push(message);
    return Promise.resolve();
  };
  return { sent, email: transport, sms: transport, webhook: transport };
}

const options = { appUrl: 'https://pilot.example.gov.cn' };
const at = (iso: string) => () => new Date(iso);

describe('who an event is delivered to', () => {
  it('reaches each person on each channel they chose, for the kinds they want, and the office’s robots', () => {
    const deliveries = plannedDeliveries(event, [wang, li], [robot]);
    expect(deliveries.map((delivery) => delivery.key)).toEqual(['email#u-wang', 'sms#u-wang', 'webhook#robot:group']);
    expect(deliveries[1]).toMatchObject({ address: '13800138000', addresseeName: '王科长' });
  });

  it('gives every delivery an id that is the same on every attempt and differs between addressees and channels', () => {
    const [email, sms] = plannedDeliveries(event, [wang], []);
    expect(deliveryId(event, email as Delivery)).toBe(deliveryId(event, { key: 'email#u-wang' }));
    expect(deliveryId(event, email as Delivery)).not.toBe(deliveryId(event, sms as Delivery));
  });

  it('renders each channel’s message from the zh-CN templates', () => {
    const [email, sms, webhook] = plannedDeliveries(event, [wang], [robot]).map((delivery) => messageFor(event, delivery, options.appUrl));
    expect(email).toMatchObject({ channel: 'email', to: 'wang@example.cn', content: { subject: '【试点通】到期提醒：2025年第3季度进度报告将于 2025-10-15 到期' } });
    expect(sms).toMatchObject({ channel: 'sms', content: { params: { kind: '到期提醒', dueDay: '2025-10-15' } } });
    expect(webhook).toMatchObject({ channel: 'webhook', body: { msgtype: 'markdown', markdown: { title: '【到期提醒】2025年第3季度进度报告将于 2025-10-15 到期' } } });
  });
});

describe('one delivery per event, addressee and channel', () => {
  it('sends each delivery once and settles the event, however often it is dispatched', async () => {
    const port = memoryPort([wang], [robot]);
    const transports = recordingTransports();
    expect(await dispatch(port, transports, at('2025-10-14T00:31:00Z'), options, [event])).toMatchObject({ sent: 3, settled: 1 });
    expect(await dispatch(port, transports, at('2025-10-14T00:32:00Z'), options, [event])).toMatchObject({ sent: 0, skipped: 3 });
    expect(transports.sent).toHaveLength(3);
  });

  it('sends once when two runs dispatch the same event at the same time', async () => {
    const port = memoryPort([wang], [robot]);
    const transports = recordingTransports();
    const runs = await Promise.all([dispatch(port, transports, at('2025-10-14T00:31:00Z'), options, [event]), dispatch(port, transports, at('2025-10-14T00:31:00Z'), options, [event])]);
    expect(runs[0].sent + runs[1].sent).toBe(3);
    expect(transports.sent).toHaveLength(3);
  });

  it('leaves a delivery another run holds alone until its lease runs out, then takes it over', async () => {
    const port = memoryPort([wang]);
    port.states.set('R-1|email#u-wang', { state: 'sending', attempts: 0, leaseUntil: new Date('2025-10-14T00:36:00Z') });
    const transports = recordingTransports();
    expect(await dispatch(port, transports, at('2025-10-14T00:35:00Z'), options, [event])).toMatchObject({ sent: 1, skipped: 1, settled: 0 });
    const later = new Date(Date.parse('2025-10-14T00:31:00Z') + (LEASE_MINUTES + 1) * 60_000).toISOString();
    expect(await dispatch(port, transports, at(later), options, [event])).toMatchObject({ sent: 1, skipped: 1, settled: 1 });
  });

  it('retries a failed delivery when it is due, without repeating the others, and gives up after the last attempt', async () => {
    const port = memoryPort([wang]);
    let smtpDown = true;
    const transports = recordingTransports((message) => smtpDown && message.channel === 'email');
    expect(await dispatch(port, transports, at('2025-10-14T00:31:00Z'), options, [event])).toMatchObject({ sent: 1, failed: 1, settled: 0 });
    // Not due yet (the first retry waits a minute).
    expect(await dispatch(port, transports, at('2025-10-14T00:31:30Z'), options, [event])).toMatchObject({ sent: 0, skipped: 2 });
    smtpDown = false;
    expect(await dispatch(port, transports, at('2025-10-14T00:33:00Z'), options, [event])).toMatchObject({ sent: 1, skipped: 1, settled: 1 });
    expect(transports.sent.map((message) => message.channel)).toEqual(['sms', 'email']);

    const hopeless = memoryPort([{ ...wang, preferences: { ...wang.preferences, channels: ['email'] } }]);
    const down = recordingTransports(() => true);
    let clock = Date.parse('2025-10-14T00:31:00Z');
    const results = [];
    for (let run = 0; run < MAX_ATTEMPTS; run += 1) {
      results.push(await dispatch(hopeless, down, () => new Date(clock), options, [event]));
      clock += 24 * 60 * 60_000;
    }
    expect(results.at(-1)).toMatchObject({ abandoned: 1, settled: 1 });
    expect(hopeless.states.get('R-1|email#u-wang')).toMatchObject({ state: 'abandoned', attempts: MAX_ATTEMPTS });
  });

  it('counts a channel the deployment has no transport for, and does not keep the event waiting for it', async () => {
    const port = memoryPort([wang]);
    const { sms: _sms, ...withoutSms } = recordingTransports();
    expect(await dispatch(port, withoutSms, at('2025-10-14T00:31:00Z'), options, [event])).toMatchObject({ sent: 1, unavailable: 1, settled: 1 });
  });

  it('delivers every pending event when none are given (the retry timer)', async () => {
    const port = memoryPort([wang]);
    port.pendingEvents.push(event, { ...event, sourceId: 'R-2' });
    expect(await dispatch(port, recordingTransports(), at('2025-10-14T00:31:00Z'), options)).toMatchObject({ events: 2, sent: 4, settled: 2 });
    expect(await dispatch(port, recordingTransports(), at('2025-10-14T00:36:00Z'), options)).toMatchObject({ events: 0 });
  });

  it('waits longer after each failure', () => {
    const start = new Date('2025-10-14T00:00:00Z');
    const delays = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, index) => ((nextAttempt(index + 1, start) as Date).getTime() - start.getTime()) / 60_000);
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
    expect(nextAttempt(MAX_ATTEMPTS, start)).toBeUndefined();
  });
});
