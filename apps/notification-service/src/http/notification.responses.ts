import { instant, itemsOf, objectOf, oneOf, text } from '@app/service-kit';

/** A notification as the API lists it: no contact details, only its recipient's role and channel. */
export const notificationsSchema = itemsOf(
  'Notifications',
  objectOf(
    {
      id: text,
      appointmentId: text,
      kind: oneOf(['confirmation', 'amendment', 'reschedule', 'cancellation', 'reminder']),
      recipient: objectOf({ role: oneOf(['patient', 'supporter']), channel: text }, ['channel']),
      format: oneOf(['standard', 'large-print', 'easy-read', 'braille', 'audio']),
      formatFallback: { type: 'boolean' },
      language: text,
      requestedLanguage: text,
      translationRequired: { type: 'boolean' },
      status: oneOf(['scheduled', 'sent', 'delivered', 'failed', 'cancelled']),
      message: objectOf({ subject: text, body: text }, ['subject']),
      due: instant,
      attempts: { type: 'integer', minimum: 0 },
      sentAt: instant,
      deliveredAt: instant,
      reason: text,
      createdAt: instant,
      updatedAt: instant,
    },
    ['formatFallback', 'requestedLanguage', 'message', 'attempts', 'sentAt', 'deliveredAt', 'reason'],
    'Notification',
  ),
);
