import { appointmentOf, address, carer, confirmed, email, mobile } from './testing/notification-fixtures';
import { addresseesOf, chooseChannel, chooseLanguage } from './recipients';

describe('channel choice', () => {
  it('takes the preferred channel when its detail exists', () => expect(chooseChannel({ phone: mobile, email }, 'email')).toBe('email'));
  it('falls back to sms, then email, then letter when the preferred detail is missing', () => {
    expect(chooseChannel({ phone: mobile, email, address }, 'letter')).toBe('letter');
    expect(chooseChannel({ email, address }, 'sms')).toBe('email');
    expect(chooseChannel({ address })).toBe('letter');
    expect(chooseChannel({ email, phone: mobile })).toBe('sms');
  });
  it('has no channel without details', () => expect(chooseChannel({}, 'sms')).toBeUndefined());
});

describe('language choice', () => {
  it('writes Welsh for cy and cy-GB', () => {
    expect(chooseLanguage('cy')).toEqual({ language: 'cy', requestedLanguage: 'cy', translationRequired: false });
    expect(chooseLanguage('cy-GB').language).toBe('cy');
  });
  it('writes English for another language, flagged for translation, keeping the request', () =>
    expect(chooseLanguage('pl')).toEqual({ language: 'en', requestedLanguage: 'pl', translationRequired: true }));
  it('defaults to English', () => expect(chooseLanguage()).toEqual({ language: 'en', requestedLanguage: 'en', translationRequired: false }));
});

describe('addressees', () => {
  it('sends an accessible format by letter, with the format marked', () => {
    const [patient] = addresseesOf(appointmentOf(confirmed({ phone: mobile, address, format: 'large-print' })));
    expect(patient.recipient).toEqual({ role: 'patient', channel: 'letter', to: { address } });
    expect(patient.presentation).toMatchObject({ format: 'large-print', formatFallback: false });
  });
  it('uses the normal channel, flagged, for an accessible format without an address', () => {
    const [patient] = addresseesOf(appointmentOf(confirmed({ phone: mobile, format: 'braille' })));
    expect(patient.recipient?.channel).toBe('sms');
    expect(patient.presentation).toMatchObject({ format: 'braille', formatFallback: true });
  });
  it('leaves out a patient who asked for no messages, but not their carer', () =>
    expect(addresseesOf(appointmentOf(confirmed({ phone: mobile, preferredChannel: 'none' }, { supporter: carer() }))).map((a) => a.role)).toEqual(['supporter']));
  it('keeps an unreachable patient (to record the failure)', () => {
    const [patient] = addresseesOf(appointmentOf(confirmed()));
    expect(patient).toMatchObject({ role: 'patient', recipient: undefined });
  });
  it('copies a carer or proxy with contact details, in the patient language, standard format, named', () => {
    const addressees = addresseesOf(appointmentOf(confirmed({ email, language: 'cy', format: 'easy-read' }, { supporter: { ...carer(), role: 'proxy' } })));
    expect(addressees[1]).toEqual({
      role: 'supporter',
      recipient: { role: 'supporter', channel: 'sms', to: { phone: '07700900999' }, name: 'Sam Jones' },
      presentation: { format: 'standard', formatFallback: false, language: 'cy', requestedLanguage: 'cy', translationRequired: false },
    });
  });
  it('sends no copy to an interpreter or advocate, or a carer without contact details', () => {
    for (const supporter of [{ ...carer(), role: 'interpreter' as const }, { ...carer(), role: 'advocate' as const }, { name: 'Sam', role: 'carer' as const }]) {
      expect(addresseesOf(appointmentOf(confirmed({ email }, { supporter }))).map((a) => a.role)).toEqual(['patient']);
    }
  });
  it("follows the supporter's preferred channel", () =>
    expect(addresseesOf(appointmentOf(confirmed({ email }, { supporter: carer({ phone: mobile, email: 'sam@example.com', preferredChannel: 'email' }) })))[1].recipient?.channel).toBe('email'));
});
