import { given } from '@app/eventstore/testing/given-when-then';
import { QueuedNotification, notificationDecider } from './notification.decider';
import { confirmationMessage } from './confirmation-message';

const notification: QueuedNotification = {
  notificationId: 'n1',
  appointmentId: 'b1',
  kind: 'confirmation',
  channel: 'outbox',
  recipient: { nhsNumber: '9434765919' },
  message: 'Your appointment is booked.',
  organisation: 'A81001',
  bookedBy: { organisation: 'A81001', organisationType: 'gp-practice', federations: [] },
};

describe('notification decider', () => {
  it('queues a confirmation', () =>
    given(notificationDecider, [])
      .when({ type: 'QueueNotification', notification })
      .then([{ type: 'NotificationQueued', data: notification }]));
  it('never queues the same notification twice', () =>
    given(notificationDecider, [{ type: 'NotificationQueued', data: notification }]).when({ type: 'QueueNotification', notification }).then([]));
});

describe('confirmation message', () => {
  const appointment = { serviceType: 'phlebotomy', organisation: 'A81001', deliveryChannel: 'in-person' };
  it('shows British Summer Time in summer', () =>
    expect(confirmationMessage({ ...appointment, start: '2030-07-01T08:30:00Z' })).toContain('09:30'));
  it('shows GMT in winter', () => expect(confirmationMessage({ ...appointment, start: '2030-01-07T08:30:00Z' })).toContain('08:30'));
  it('is right on the day the clocks go forward', () =>
    expect(confirmationMessage({ ...appointment, start: '2030-03-31T01:30:00Z' })).toContain('Sunday, 31 March 2030 at 02:30'));
});
