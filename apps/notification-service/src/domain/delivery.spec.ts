import { given } from '@app/eventstore/testing/given-when-then';
import { backoffMs } from './delivery';
import type { DeliveryOutcome, ReceiptOutcome } from './notification.commands';
import { notificationDecider } from './notification.decider';
import type { NotificationEvent } from './notification.events';
import { confirmed, historyOf, mobile, now, ofType, retry } from './testing/notification-fixtures';

const history = historyOf(confirmed({ phone: mobile }));
const confirmation = ofType(history, 'NotificationScheduled')[0].data;
const reminder = ofType(history, 'NotificationScheduled')[1].data;
const ref = { notificationId: confirmation.notificationId, kind: 'confirmation' as const, recipient: 'patient' as const };
const at = new Date('2030-06-01T09:00:05Z');
const deliver = (result: DeliveryOutcome, attempt = 0) => ({ type: 'RecordDelivery' as const, notificationId: confirmation.notificationId, attempt, result, now: at, retry });
const retried = (attempts: number, due: string): NotificationEvent => ({ type: 'NotificationRetryScheduled', data: { ...ref, attempts, reason: 'notify_500', due } });

describe('delivery outcomes', () => {
  it('records a sent message with its channel', () =>
    given(notificationDecider, history)
      .when(deliver({ outcome: 'sent', providerId: 'p1' }))
      .then([{ type: 'NotificationSent', data: { ...ref, channel: 'sms', sentAt: at.toISOString(), providerId: 'p1' } }]));

  it('fails at once when refused', () =>
    given(notificationDecider, history)
      .when(deliver({ outcome: 'refused', reason: 'notify_400:ValidationError:bad' }))
      .then([{ type: 'NotificationFailed', data: { ...ref, reason: 'notify_400:ValidationError:bad', attempts: 1, at: at.toISOString() } }]));

  it('retries an unavailable provider after a doubling, capped delay, then gives up', () => {
    expect([1, 2, 3].map((n) => backoffMs(retry, n))).toEqual([1000, 1500, 1500]);
    given(notificationDecider, history).when(deliver({ outcome: 'unavailable', reason: 'notify_500' })).then([retried(1, '2030-06-01T09:00:06.000Z')]);
    given(notificationDecider, [...history, retried(1, 'x')])
      .when(deliver({ outcome: 'unavailable', reason: 'notify_500' }, 1))
      .then([retried(2, '2030-06-01T09:00:06.500Z')]);
    given(notificationDecider, [...history, retried(1, 'x'), retried(2, 'y')])
      .when(deliver({ outcome: 'unavailable', reason: 'notify_500' }, 2))
      .then([{ type: 'NotificationFailed', data: { ...ref, reason: 'gave up after 3 attempts: notify_500', attempts: 3, at: at.toISOString() } }]);
  });

  it('ignores an outcome for another attempt or a message already sent', () => {
    given(notificationDecider, history).when(deliver({ outcome: 'sent' }, 1)).then([]);
    const sent: NotificationEvent = { type: 'NotificationSent', data: { ...ref, channel: 'sms', sentAt: at.toISOString() } };
    given(notificationDecider, [...history, sent]).when(deliver({ outcome: 'sent' })).then([]);
  });
});

describe('delivery receipts', () => {
  const sentAt = at.toISOString();
  const viaNotify: NotificationEvent = { type: 'NotificationSent', data: { ...ref, channel: 'sms', sentAt, providerId: 'p1' } };
  const later = new Date('2030-06-01T09:03:00Z');
  const receipt = (outcome: ReceiptOutcome) => ({ type: 'RecordReceipt' as const, notificationId: confirmation.notificationId, receipt: outcome, now: later });
  const delivered: NotificationEvent = { type: 'NotificationDelivered', data: { ...ref, channel: 'sms', deliveredAt: later.toISOString() } };

  it('records a message sent through the provider as delivered, with its channel', () =>
    given(notificationDecider, [...history, viaNotify]).when(receipt({ outcome: 'delivered' })).then([delivered]));

  it('records a reported failure as failed with the reason, counting the attempt that sent it', () =>
    given(notificationDecider, [...history, retried(1, 'x'), viaNotify])
      .when(receipt({ outcome: 'failed', reason: 'notify_permanent-failure' }))
      .then([{ type: 'NotificationFailed', data: { ...ref, reason: 'notify_permanent-failure', attempts: 2, at: later.toISOString() } }]));

  it('takes no receipt for a message without a provider id (the outbox), not yet sent, or already answered', () => {
    const viaOutbox: NotificationEvent = { type: 'NotificationSent', data: { ...ref, channel: 'sms', sentAt } };
    given(notificationDecider, [...history, viaOutbox]).when(receipt({ outcome: 'delivered' })).then([]);
    given(notificationDecider, history).when(receipt({ outcome: 'delivered' })).then([]);
    given(notificationDecider, [...history, viaNotify, delivered]).when(receipt({ outcome: 'failed', reason: 'notify_technical-failure' })).then([]);
    given(notificationDecider, [...history, viaNotify, delivered]).when(receipt({ outcome: 'delivered' })).then([]);
  });

  it('a delivered message is delivered in the state', () => {
    const state = [...history, viaNotify, delivered].reduce(notificationDecider.evolve, notificationDecider.initialState);
    expect(state.notifications[confirmation.notificationId]).toMatchObject({ status: 'delivered', providerId: 'p1' });
  });
});

describe('a reminder found due after the appointment started', () => {
  const drop = (when: string) => ({ type: 'DropStartedReminder' as const, notificationId: reminder.notificationId, now: new Date(when) });
  it('is cancelled as appointment_started', () =>
    given(notificationDecider, history)
      .when(drop('2030-06-10T08:30:00Z'))
      .then([{ type: 'NotificationCancelled', data: { notificationId: reminder.notificationId, kind: 'reminder', recipient: 'patient', reason: 'appointment_started', at: '2030-06-10T08:30:00.000Z' } }]));
  it('is kept while the appointment is still ahead', () => given(notificationDecider, history).when(drop('2030-06-10T08:29:59Z')).then([]));
});

describe('old data', () => {
  it('loads a confirmation queued by the previous release as sent', () => {
    const state = notificationDecider.evolve(notificationDecider.initialState, {
      type: 'NotificationQueued',
      data: {
        notificationId: 'n-old',
        appointmentId: 'b1',
        kind: 'confirmation',
        channel: 'outbox',
        recipient: { nhsNumber: '9434765919' },
        message: 'Your appointment is booked.',
        organisation: 'A81001',
        bookedBy: confirmed().bookedBy,
      },
    });
    expect(state.notifications['n-old']).toMatchObject({ kind: 'confirmation', status: 'sent' });
  });
});

it('a confirmation is due now', () => expect(confirmation.due).toBe(now.toISOString()));
