import type { Message } from '../notification';
import { welshDateTime } from './london-time';
import type { MessageFacts } from './message-facts';

/*
 * Written as labelled lines ("Pryd: …", "Darparwr: …") so that names and dates never follow a word that would
 * mutate them (i ddydd, gyda Pheithgor): the text stays correct Welsh whatever the name or day.
 */
const serviceNames: Record<string, string> = {
  phlebotomy: 'prawf gwaed',
  'flu-vaccination': 'brechiad ffliw',
  'gp-consultation': 'apwyntiad meddyg teulu',
};
const service = (type: string) => serviceNames[type] ?? type.replace(/[-_]/g, ' ');

function how(facts: MessageFacts): string | undefined {
  const { deliveryChannel, location } = facts.appointment;
  if (deliveryChannel === 'telephone') return 'Bydd y darparwr yn eich ffonio.';
  if (deliveryChannel === 'video') return "Byddwch yn cael dolen i ymuno â'r alwad fideo.";
  return location ? `Lle: ${location}` : undefined;
}

const copyFor = ({ recipient, appointment }: MessageFacts) =>
  recipient.role === 'supporter' ? `Copi yw hwn i ${recipient.name ?? 'chi'}, gan eich bod yn cefnogi ${appointment.patientName ?? 'y claf'}.` : undefined;

const details = (facts: MessageFacts) => [
  `Apwyntiad: ${service(facts.appointment.serviceType)}`,
  `Darparwr: ${facts.provider}`,
  `Pryd: ${welshDateTime(facts.appointment.start)}`,
  how(facts),
];

const contactLine = "Os na allwch ddod, cysylltwch â'r darparwr.";

function wording(facts: MessageFacts): { subject: string; lines: (string | undefined)[] } {
  const { appointment } = facts;
  switch (facts.kind) {
    case 'confirmation':
      return { subject: "Mae eich apwyntiad wedi'i drefnu", lines: ["Mae eich apwyntiad wedi'i drefnu.", ...details(facts), contactLine] };
    case 'amendment':
      return {
        subject: 'Mae manylion eich apwyntiad wedi newid',
        lines: [
          'Mae manylion eich apwyntiad wedi newid.',
          ...details(facts),
          `Rheswm dros yr apwyntiad: ${appointment.description}`,
          appointment.comment ? `Nodyn: ${appointment.comment}` : undefined,
          appointment.reasonableAdjustments?.length ? `Addasiadau a drefnwyd i chi: ${appointment.reasonableAdjustments.join('; ')}` : undefined,
        ],
      };
    case 'reschedule':
      return {
        subject: 'Mae eich apwyntiad wedi symud',
        lines: ['Mae eich apwyntiad wedi symud.', ...details(facts), facts.previous ? `Yr hen amser: ${welshDateTime(facts.previous.start)}` : undefined, contactLine],
      };
    case 'cancellation':
      return {
        subject: "Mae eich apwyntiad wedi'i ganslo",
        lines:
          appointment.cancellation?.reason === 'superseded'
            ? ["Mae apwyntiad newydd wedi cymryd lle'r apwyntiad hwn.", ...details(facts), 'Byddwch yn cael neges ar wahân am eich apwyntiad newydd.']
            : ["Mae eich apwyntiad wedi'i ganslo.", ...details(facts), "Cysylltwch â'r darparwr os oes angen apwyntiad newydd arnoch."],
      };
    case 'reminder':
      return { subject: 'Nodyn atgoffa am eich apwyntiad', lines: ["Dyma nodyn i'ch atgoffa am eich apwyntiad.", ...details(facts), contactLine] };
  }
}

/** The Welsh text of a message; SMS has no subject. */
export function welsh(facts: MessageFacts): Message {
  const { subject, lines } = wording(facts);
  const body = [copyFor(facts), ...lines].filter((line): line is string => line !== undefined).join('\n');
  return facts.channel === 'sms' ? { body } : { subject, body };
}
