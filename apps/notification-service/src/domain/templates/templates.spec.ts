import { appointmentOf, confirmed } from '../testing/notification-fixtures';
import type { MessageFacts } from './message-facts';
import { englishDateTime, providerName, renderMessage, welshDateTime } from './render';

const facts = (extra: Partial<MessageFacts> = {}, booking = confirmed()): MessageFacts => ({
  kind: 'confirmation',
  appointment: appointmentOf(booking),
  provider: 'Riverside Surgery',
  recipient: { role: 'patient' },
  channel: 'email',
  ...extra,
});

describe('UK local time', () => {
  it('reads GMT in winter and BST in summer', () => {
    expect(englishDateTime('2030-01-07T08:30:00Z')).toBe('Monday 7 January 2030 at 8:30am');
    expect(englishDateTime('2030-07-01T08:30:00Z')).toBe('Monday 1 July 2030 at 9:30am');
  });
  it('is right on both sides of the clocks going forward (31 March 2030, 01:00 GMT)', () => {
    expect(englishDateTime('2030-03-31T00:59:00Z')).toBe('Sunday 31 March 2030 at 12:59am');
    expect(englishDateTime('2030-03-31T01:00:00Z')).toBe('Sunday 31 March 2030 at 2:00am');
  });
  it('is right on both sides of the clocks going back (27 October 2030, 01:00 GMT)', () => {
    expect(englishDateTime('2030-10-27T00:30:00Z')).toBe('Sunday 27 October 2030 at 1:30am');
    expect(englishDateTime('2030-10-27T01:30:00Z')).toBe('Sunday 27 October 2030 at 1:30am');
    expect(welshDateTime('2030-10-26T23:30:00Z')).toBe('Dydd Sul 27 Hydref 2030 am 00:30');
  });
  it('says midday and midnight', () => {
    expect(englishDateTime('2030-01-07T12:00:00Z')).toBe('Monday 7 January 2030 at midday');
    expect(englishDateTime('2030-01-07T00:00:00Z')).toBe('Monday 7 January 2030 at midnight');
  });
  it('writes Welsh dates with the 24-hour clock', () => {
    expect(welshDateTime('2030-03-31T01:30:00Z')).toBe('Dydd Sul 31 Mawrth 2030 am 02:30');
    expect(welshDateTime('2030-01-07T15:05:00Z')).toBe('Dydd Llun 7 Ionawr 2030 am 15:05');
  });
});

describe('provider name', () => {
  it("prefers the slot's organisation name, then the configured name, then the ODS code", () => {
    expect(providerName({ organisation: 'A81001', organisationName: 'Riverside' }, { A81001: 'Configured' })).toBe('Riverside');
    expect(providerName({ organisation: 'A81001' }, { A81001: 'Configured' })).toBe('Configured');
    expect(providerName({ organisation: 'A81001' }, {})).toBe('A81001');
  });
});

describe('English messages', () => {
  it('confirm an in-person appointment with where and when', () =>
    expect(renderMessage('en', facts())).toEqual({
      subject: 'Your appointment is booked',
      body: [
        'Your appointment is booked.',
        'Appointment: blood test',
        'Provider: Riverside Surgery',
        'When: Monday 10 June 2030 at 9:30am',
        'Where: Room 3',
        'If you cannot attend, contact the provider.',
      ].join('\n'),
    }));
  it('say the provider will phone for a telephone appointment, and have no subject by SMS', () =>
    expect(renderMessage('en', facts({ channel: 'sms' }, confirmed(undefined, { deliveryChannel: 'telephone' })))).toEqual({
      body: expect.stringContaining('Riverside Surgery will phone you.'),
    }));
  it('remind', () => expect(renderMessage('en', facts({ kind: 'reminder' })).body).toMatch(/^This is a reminder of your appointment\.\n/));
  it('list reasonable adjustments in an amendment', () =>
    expect(renderMessage('en', facts({ kind: 'amendment' }, confirmed(undefined, { reasonableAdjustments: ['step-free access', 'BSL interpreter'] }))).body).toContain(
      'Adjustments arranged for you: step-free access; BSL interpreter',
    ));
});

describe('Welsh messages', () => {
  it('confirm in Welsh', () =>
    expect(renderMessage('cy', facts())).toEqual({
      subject: "Mae eich apwyntiad wedi'i drefnu",
      body: [
        "Mae eich apwyntiad wedi'i drefnu.",
        'Apwyntiad: prawf gwaed',
        'Darparwr: Riverside Surgery',
        'Pryd: Dydd Llun 10 Mehefin 2030 am 09:30',
        'Lle: Room 3',
        "Os na allwch ddod, cysylltwch â'r darparwr.",
      ].join('\n'),
    }));
  it('tell of a move with the old time', () => {
    const body = renderMessage('cy', facts({ kind: 'reschedule', previous: { start: '2030-06-03T08:30:00Z' } })).body;
    expect(body).toContain('Mae eich apwyntiad wedi symud.');
    expect(body).toContain('Yr hen amser: Dydd Llun 3 Mehefin 2030 am 09:30');
  });
  it('address a carer copy', () =>
    expect(renderMessage('cy', facts({ recipient: { role: 'supporter', name: 'Sam' } })).body.split('\n')[0]).toBe(
      'Copi yw hwn i Sam, gan eich bod yn cefnogi Pat Jones.',
    ));
  it('cancel, and say a rebook replaced it', () => {
    expect(renderMessage('cy', facts({ kind: 'cancellation' })).subject).toBe("Mae eich apwyntiad wedi'i ganslo");
    const replaced = { ...appointmentOf(confirmed()), cancellation: { reason: 'superseded', supersededBy: 'b2' } };
    expect(renderMessage('cy', { ...facts({ kind: 'cancellation' }), appointment: replaced }).body).toContain("Mae apwyntiad newydd wedi cymryd lle'r apwyntiad hwn.");
  });
});
