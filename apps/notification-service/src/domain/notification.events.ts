import type { DomainEvent } from '@app/eventstore/decider';
import type { Appointment, Requester } from './appointment';
import type { NotificationChannel } from './contact-details';
import type { Notification, NotificationKind, RecipientRole, UnaddressedNotification } from './notification';

export type AppointmentChange = 'confirmed' | 'amended' | 'rescheduled' | 'cancelled' | 'attendance';

/** What the service now knows of the appointment (the whole of it), and which booking change told it. */
export type AppointmentRecorded = DomainEvent<'AppointmentRecorded', { appointment: Appointment; change: AppointmentChange }>;
export type NotificationScheduled = DomainEvent<'NotificationScheduled', Notification>;
/** A pending reminder follows the recipient's new contact details (or language). */
export type NotificationRerouted = DomainEvent<'NotificationRerouted', Notification>;
/** Nobody to send it to: recorded as failed at once, so the booker sees the patient was not told. */
export type NotificationUndeliverable = DomainEvent<'NotificationUndeliverable', { notification: UnaddressedNotification; reason: string; at: string }>;
/** Which notification a lifecycle event is about: its kind and recipient travel with it, for subscribers. */
interface NotificationRef {
  notificationId: string;
  kind: NotificationKind;
  recipient: RecipientRole;
}

export type NotificationSent = DomainEvent<'NotificationSent', NotificationRef & { channel: NotificationChannel; sentAt: string; providerId?: string }>;
/** The provider could not take it now: tried again at `due`. */
export type NotificationRetryScheduled = DomainEvent<'NotificationRetryScheduled', NotificationRef & { attempts: number; reason: string; due: string }>;
/** The provider reported the message reached the recipient (a Notify delivery receipt). */
export type NotificationDelivered = DomainEvent<'NotificationDelivered', NotificationRef & { channel: NotificationChannel; deliveredAt: string }>;
/** Refused, retries exhausted, or (after it was sent) reported undelivered by the provider. */
export type NotificationFailed = DomainEvent<'NotificationFailed', NotificationRef & { reason: string; attempts: number; at: string }>;
export type NotificationCancelled = DomainEvent<'NotificationCancelled', NotificationRef & { reason: string; at: string }>;

/** Written by the previous release (a confirmation put in the outbox): loads as a sent confirmation. */
export type NotificationQueued = DomainEvent<
  'NotificationQueued',
  {
    notificationId: string;
    appointmentId: string;
    kind: 'confirmation';
    channel: string;
    recipient: { nhsNumber: string };
    message: string;
    organisation: string;
    bookedBy: Requester;
  }
>;

export type NotificationEvent =
  | AppointmentRecorded
  | NotificationScheduled
  | NotificationRerouted
  | NotificationUndeliverable
  | NotificationSent
  | NotificationRetryScheduled
  | NotificationDelivered
  | NotificationFailed
  | NotificationCancelled
  | NotificationQueued;
