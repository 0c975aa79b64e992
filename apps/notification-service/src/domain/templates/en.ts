import type { Message } from '../notification';
import { englishDateTime } from './london-time';
import type { MessageFacts } from './message-facts';

const serviceNames: Record<string, string> = {
  phlebotomy: 'blood test',
  'flu-vaccination': 'flu vaccination',
  'gp-consultation': 'GP appointment',
};
const service = (type: string) => serviceNames[type] ?? type.replace(/[-_]/g, ' ');

function how(facts: MessageFacts): string | undefined {
  const { deliveryChannel, location } = facts.appointment;
  if (deliveryChannel === 'telephone') return `${facts.provider} will phone you.`;
  if (deliveryChannel === 'video') return 'You will get a link to join the video call.';
  return location ? `Where: ${location}` : undefined;
}

const copyFor = ({ recipient, appointment }: MessageFacts) =>
  recipient.role === 'supporter' ? `This is a copy for ${recipient.name ?? 'you'}, as you support ${appointment.patientName ?? 'the patient'}.` : undefined;

const details = (facts: MessageFacts, when = facts.appointment.start) => [
  `Appointment: ${service(facts.appointment.serviceType)}`,
  `Provider: ${facts.provider}`,
  `When: ${englishDateTime(when)}`,
  how(facts),
];

const contactLine = 'If you cannot attend, contact the provider.';

function wording(facts: MessageFacts): { subject: string; lines: (string | undefined)[] } {
  const { appointment } = facts;
  switch (facts.kind) {
    case 'confirmation':
      return { subject: 'Your appointment is booked', lines: ['Your appointment is booked.', ...details(facts), contactLine] };
    case 'amendment':
      return {
        subject: 'The details of your appointment have changed',
        lines: [
          'The details of your appointment have changed.',
          ...details(facts),
          `Reason for the appointment: ${appointment.description}`,
          appointment.comment ? `Note: ${appointment.comment}` : undefined,
          appointment.reasonableAdjustments?.length ? `Adjustments arranged for you: ${appointment.reasonableAdjustments.join('; ')}` : undefined,
        ],
      };
    case 'reschedule':
      return {
        subject: 'Your appointment has moved',
        lines: ['Your appointment has moved.', ...details(facts), facts.previous ? `It was: ${englishDateTime(facts.previous.start)}` : undefined, contactLine],
      };
    case 'cancellation':
      return {
        subject: 'Your appointment has been cancelled',
        lines:
          appointment.cancellation?.reason === 'superseded'
            ? ['Your appointment has been replaced by a new one.', ...details(facts), 'You will get a separate message about your new appointment.']
            : ['Your appointment has been cancelled.', ...details(facts), 'Contact the provider if you need a new appointment.'],
      };
    case 'reminder':
      return { subject: 'Reminder: your appointment', lines: ['This is a reminder of your appointment.', ...details(facts), contactLine] };
  }
}

/** The English text of a message; SMS has no subject. */
export function english(facts: MessageFacts): Message {
  const { subject, lines } = wording(facts);
  const body = [copyFor(facts), ...lines].filter((line): line is string => line !== undefined).join('\n');
  return facts.channel === 'sms' ? { body } : { subject, body };
}
