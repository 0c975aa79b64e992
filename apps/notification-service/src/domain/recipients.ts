import type { Appointment } from './appointment';
import type { ContactDetails, MessageFormat, NotificationChannel, PatientContact } from './contact-details';
import type { Destination, Presentation, Recipient, RecipientRole } from './notification';

/** Who gets the messages of an appointment, each with a way to reach them, or none (`unreachable`). */
export type Addressee = { role: RecipientRole; presentation: Presentation } & ({ recipient: Recipient } | { recipient?: undefined });

const channelOrder: NotificationChannel[] = ['sms', 'email', 'letter'];
const accessibleFormats: MessageFormat[] = ['large-print', 'easy-read', 'braille', 'audio'];
const writtenLanguages = ['en', 'cy'] as const;

const detailFor = (channel: NotificationChannel, contact: ContactDetails): Destination | undefined => {
  if (channel === 'sms') return contact.phone ? { phone: contact.phone } : undefined;
  if (channel === 'email') return contact.email ? { email: contact.email } : undefined;
  return contact.address ? { address: contact.address } : undefined;
};

/** The preferred channel if its detail exists, else the first of sms, email, letter the details allow. */
export function chooseChannel(contact: ContactDetails, preferred?: NotificationChannel): NotificationChannel | undefined {
  if (preferred && detailFor(preferred, contact)) return preferred;
  return channelOrder.find((channel) => detailFor(channel, contact));
}

/** The patient's language if we write it (by its primary subtag: `cy-GB` is Welsh), else English flagged for translation. */
export function chooseLanguage(requested = 'en'): Pick<Presentation, 'language' | 'requestedLanguage' | 'translationRequired'> {
  const primary = requested.split('-')[0].toLowerCase();
  const written = writtenLanguages.find((language) => language === primary);
  return { language: written ?? 'en', requestedLanguage: requested, translationRequired: written === undefined };
}

function route(role: RecipientRole, contact: ContactDetails, preferred: NotificationChannel | undefined, format: MessageFormat, name?: string) {
  const needsLetter = accessibleFormats.includes(format);
  const channel = needsLetter && contact.address ? 'letter' : chooseChannel(contact, preferred);
  const recipient = channel ? { role, channel, to: detailFor(channel, contact)!, ...(name ? { name } : {}) } : undefined;
  return { recipient, formatFallback: needsLetter && !contact.address };
}

function patientAddressee(contact: PatientContact = {}): Addressee | undefined {
  if (contact.preferredChannel === 'none') return undefined;
  const format = contact.format ?? 'standard';
  const preferred = contact.preferredChannel;
  const { recipient, formatFallback } = route('patient', contact, preferred, format);
  return { role: 'patient', recipient, presentation: { format, formatFallback, ...chooseLanguage(contact.language) } };
}

/**
 * A carer or proxy with usable contact details gets a copy of every message; interpreters and advocates do not
 * (the booker briefs them). The copy is written in the patient's language, in the standard format (the format is
 * the patient's need, not the supporter's).
 */
function supporterAddressee(appointment: Appointment): Addressee | undefined {
  const supporter = appointment.supporter;
  if (!supporter?.contact || (supporter.role !== 'carer' && supporter.role !== 'proxy')) return undefined;
  const { recipient } = route('supporter', supporter.contact, supporter.contact.preferredChannel, 'standard', supporter.name);
  if (!recipient) return undefined;
  return { role: 'supporter', recipient, presentation: { format: 'standard', formatFallback: false, ...chooseLanguage(appointment.contact?.language) } };
}

/** The patient (unless they asked for no messages; possibly unreachable) and a supporter entitled to a copy. */
export const addresseesOf = (appointment: Appointment): Addressee[] =>
  [patientAddressee(appointment.contact), supporterAddressee(appointment)].filter((addressee): addressee is Addressee => addressee !== undefined);
