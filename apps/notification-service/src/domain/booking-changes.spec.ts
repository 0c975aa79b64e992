import { given } from '@app/eventstore/testing/given-when-then';
import type { BookingAmendment } from './appointment';
import { changeNotificationId, reminderId } from './compose';
import type { NotificationCommand } from './notification.commands';
import { notificationDecider } from './notification.decider';
import { address, carer, confirm, confirmed, email, historyOf, hour, mobile, now, ofType, settings } from './testing/notification-fixtures';

const decide = (history: ReturnType<typeof historyOf>, command: NotificationCommand) =>
  notificationDecider.decide(command, history.reduce(notificationDecider.evolve, notificationDecider.initialState));
const change = { now, settings };
const amend = (amendment: Partial<BookingAmendment>, cause = 'evt-amended'): NotificationCommand => ({
  type: 'NoteBookingAmended',
  cause,
  ...change,
  amendment: { description: 'Blood test', changed: [], ...amendment },
});

describe('on a confirmed booking', () => {
  it('records the appointment, schedules the confirmation now and both reminders for the patient', () => {
    const events = historyOf(confirmed({ phone: mobile }));
    expect(events.map((e) => e.type)).toEqual(['AppointmentRecorded', 'NotificationScheduled', 'NotificationScheduled', 'NotificationScheduled']);
    const [confirmation, early, late] = ofType(events, 'NotificationScheduled').map((e) => e.data);
    expect(confirmation).toMatchObject({
      notificationId: changeNotificationId('evt-confirmed', 'confirmation', 'patient'),
      kind: 'confirmation',
      recipient: { role: 'patient', channel: 'sms', to: { phone: mobile } },
      due: now.toISOString(),
      language: 'en',
      translationRequired: false,
      format: 'standard',
    });
    expect(confirmation.message.subject).toBeUndefined();
    expect(confirmation.message.body).toContain('Riverside Surgery');
    expect([early.due, late.due]).toEqual(['2030-06-08T08:30:00.000Z', '2030-06-10T06:30:00.000Z']);
    expect(early.notificationId).toBe(reminderId('b1', '2030-06-10T08:30:00Z', 48 * hour, 'patient'));
  });

  it('records a message due now as sent in the same decision when recording is sending (the outbox); reminders wait', () => {
    const command: NotificationCommand = { ...confirm(confirmed({ phone: mobile })), settings: { ...settings, sendsOnRecord: true } };
    const events = notificationDecider.decide(command, notificationDecider.initialState);
    expect(events.map((e) => e.type)).toEqual(['AppointmentRecorded', 'NotificationScheduled', 'NotificationSent', 'NotificationScheduled', 'NotificationScheduled']);
    const [sent] = ofType(events, 'NotificationSent').map((e) => e.data);
    expect(sent).toEqual({ notificationId: changeNotificationId('evt-confirmed', 'confirmation', 'patient'), kind: 'confirmation', recipient: 'patient', channel: 'sms', sentAt: now.toISOString() });
    const state = events.reduce(notificationDecider.evolve, notificationDecider.initialState);
    expect(Object.values(state.notifications).map((n) => `${n.kind}:${n.status}`)).toEqual(['confirmation:sent', 'reminder:scheduled', 'reminder:scheduled']);
  });

  it('schedules no reminder whose time has passed', () => {
    const soon = confirmed({ phone: mobile }, { start: '2030-06-02T08:00:00Z' }); // 23 h ahead: only the 2 h reminder
    expect(ofType(historyOf(soon), 'NotificationScheduled').map((e) => e.data.kind)).toEqual(['confirmation', 'reminder']);
  });

  it('records a failure visible to the booker when the patient gave no usable contact details, and no reminders', () => {
    const events = historyOf(confirmed());
    expect(events.map((e) => e.type)).toEqual(['AppointmentRecorded', 'NotificationUndeliverable']);
    expect(ofType(events, 'NotificationUndeliverable')[0].data).toMatchObject({ reason: 'no_contact_details', notification: { kind: 'confirmation', recipient: { role: 'patient' } } });
  });

  it('records nothing for a patient who asked for no messages', () =>
    expect(historyOf(confirmed({ phone: mobile, preferredChannel: 'none' })).map((e) => e.type)).toEqual(['AppointmentRecorded']));

  it('sends the carer a copy of the confirmation and of each reminder', () => {
    const scheduled = ofType(historyOf(confirmed({ email }, { supporter: carer() })), 'NotificationScheduled').map((e) => e.data);
    expect(scheduled.map((n) => `${n.kind}:${n.recipient.role}:${n.recipient.channel}`)).toEqual([
      'confirmation:patient:email',
      'confirmation:supporter:sms',
      'reminder:patient:email',
      'reminder:supporter:sms',
      'reminder:patient:email',
      'reminder:supporter:sms',
    ]);
    expect(scheduled[1].message.body).toContain('This is a copy for Sam Jones, as you support Pat Jones.');
  });

  it('writes Welsh for a Welsh speaker, and English flagged for translation for others', () => {
    const welsh = ofType(historyOf(confirmed({ email, language: 'cy' })), 'NotificationScheduled')[0].data;
    expect(welsh).toMatchObject({ language: 'cy', translationRequired: false });
    expect(welsh.message.subject).toBe("Mae eich apwyntiad wedi'i drefnu");
    const polish = ofType(historyOf(confirmed({ email, language: 'pl' })), 'NotificationScheduled')[0].data;
    expect(polish).toMatchObject({ language: 'en', requestedLanguage: 'pl', translationRequired: true });
  });

  it('is told once: a second confirmation (redelivered) changes nothing', () =>
    given(notificationDecider, historyOf(confirmed({ phone: mobile }))).when(confirm(confirmed({ phone: mobile }))).then([]));
});

describe('on an amended booking', () => {
  const history = historyOf(confirmed({ phone: mobile }, { supporter: carer() }));

  it('tells every recipient once when the details changed', () => {
    const events = decide(history, amend({ description: 'Fasting blood test', changed: ['description'] }));
    const sent = ofType(events, 'NotificationScheduled').map((e) => e.data);
    expect(sent.map((n) => `${n.kind}:${n.recipient.role}`)).toEqual(['amendment:patient', 'amendment:supporter']);
    expect(sent[0].message.body).toContain('Reason for the appointment: Fasting blood test');
    expect(ofType(events, 'NotificationRerouted')).toEqual([]);
  });

  it('sends nothing when only contact details changed, and re-routes pending reminders', () => {
    const events = decide(history, amend({ patientContact: { email }, supporter: carer(), changed: ['patientContact'] }));
    expect(ofType(events, 'NotificationScheduled')).toEqual([]);
    const rerouted = ofType(events, 'NotificationRerouted').map((e) => e.data);
    expect(rerouted.map((n) => `${n.recipient.role}:${n.recipient.channel}`)).toEqual(['patient:email', 'patient:email']);
    expect(rerouted[0].message.subject).toBe('Reminder: your appointment');
  });

  it('cancels the reminders of a supporter who was removed, and copies a new one', () => {
    const removed = decide(history, amend({ patientContact: { phone: mobile }, changed: ['supporter'] }));
    expect(ofType(removed, 'NotificationCancelled').map((e) => [e.data.recipient, e.data.reason])).toEqual([
      ['supporter', 'recipient_removed'],
      ['supporter', 'recipient_removed'],
    ]);
    const alone = historyOf(confirmed({ phone: mobile }));
    const added = decide(alone, amend({ patientContact: { phone: mobile }, supporter: carer({ address }), changed: ['supporter'] }));
    expect(ofType(added, 'NotificationScheduled').map((e) => `${e.data.kind}:${e.data.recipient.role}:${e.data.recipient.channel}`)).toEqual([
      'reminder:supporter:letter',
      'reminder:supporter:letter',
    ]);
  });

  it('reads an amendment without `changed` (published before it existed) as a change of details', () => {
    const events = decide(history, { type: 'NoteBookingAmended', cause: 'evt-old', ...change, amendment: { description: 'Fasting' } });
    expect(ofType(events, 'NotificationScheduled').map((e) => e.data.kind)).toEqual(['amendment', 'amendment']);
    expect(ofType(events, 'AppointmentRecorded')[0].data.appointment.supporter).toEqual(carer());
  });

  it('is one message per change: the same amendment redelivered sends nothing more', () => {
    const first = decide(history, amend({ comment: 'Bring your glasses', changed: ['comment'] }));
    expect(decide([...history, ...first], amend({ comment: 'Bring your glasses', changed: ['comment'] }))).toEqual(
      first.filter((e) => e.type === 'AppointmentRecorded'),
    );
  });
});

describe('on a rescheduled booking', () => {
  const history = historyOf(confirmed({ phone: mobile }));
  const moved = {
    ...confirmed({ phone: mobile }),
    slotId: 's2',
    start: '2030-06-12T13:00:00Z',
    end: '2030-06-12T13:15:00Z',
    previous: { ...confirmed(), reservationId: 'r1' },
  };

  it('cancels the old reminders as rescheduled, tells the patient, and schedules new reminders', () => {
    const events = decide(history, { type: 'NoteBookingRescheduled', cause: 'evt-moved', ...change, reschedule: moved });
    expect(ofType(events, 'NotificationCancelled').map((e) => e.data.reason)).toEqual(['rescheduled', 'rescheduled']);
    const scheduled = ofType(events, 'NotificationScheduled').map((e) => e.data);
    expect(scheduled.map((n) => `${n.kind}@${n.due}`)).toEqual([
      `reschedule@${now.toISOString()}`,
      'reminder@2030-06-10T13:00:00.000Z',
      'reminder@2030-06-12T11:00:00.000Z',
    ]);
    expect(scheduled[0].message.body).toContain('Wednesday 12 June 2030 at 2:00pm');
    expect(scheduled[0].message.body).toContain('It was: Monday 10 June 2030 at 9:30am');
  });
});

describe('on a cancelled booking', () => {
  const history = historyOf(confirmed({ phone: mobile }));
  it('cancels pending reminders and tells the patient', () => {
    const events = decide(history, { type: 'NoteBookingCancelled', cause: 'evt-cancelled', ...change, cancellation: { reason: 'patient request' } });
    expect(ofType(events, 'NotificationCancelled').map((e) => e.data.reason)).toEqual(['booking_cancelled', 'booking_cancelled']);
    expect(ofType(events, 'NotificationScheduled').map((e) => e.data.message.body.split('\n')[0])).toEqual(['Your appointment has been cancelled.']);
  });
  it('says a rebook replaced it', () => {
    const events = decide(history, {
      type: 'NoteBookingCancelled',
      cause: 'evt-superseded',
      ...change,
      cancellation: { reason: 'superseded', supersededBy: 'b2' },
    });
    expect(ofType(events, 'NotificationScheduled')[0].data.message.body).toContain('Your appointment has been replaced by a new one.');
  });
});

describe('on attendance', () => {
  it('cancels pending reminders with the attendance as reason and sends nothing', () => {
    const events = decide(historyOf(confirmed({ phone: mobile })), { type: 'NoteAttendance', cause: 'evt-attended', ...change, status: 'attended' });
    expect(events.map((e) => e.type)).toEqual(['AppointmentRecorded', 'NotificationCancelled', 'NotificationCancelled']);
    expect(ofType(events, 'NotificationCancelled').map((e) => e.data.reason)).toEqual(['attended', 'attended']);
  });
});

describe('for an appointment not known here', () => {
  it('ignores changes to it', () => {
    given(notificationDecider, []).when(amend({ changed: ['description'] })).then([]);
    given(notificationDecider, []).when({ type: 'NoteAttendance', cause: 'x', ...change, status: 'attended' }).then([]);
  });
});
