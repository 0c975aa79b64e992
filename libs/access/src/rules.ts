import type { Actor } from '@app/contracts';

/** Who an appointment concerns: the organisation that booked it and the one hosting it (known once booked). */
export interface BookingParties {
  bookedBy: { organisation: string; federations: string[] };
  organisation?: string;
  /** The hosting organisation's federations, as its slot recorded them. */
  hostFederations?: string[];
}

export interface BookingPermissions {
  /** Everything else answers 404, as if the appointment did not exist. */
  read: boolean;
  /** Amend, cancel, reschedule. */
  change: boolean;
  /** Rebook after a reassessment: a new appointment replaces this one. */
  rebook: boolean;
  /** Record arrival, attendance or non-attendance. */
  attendance: boolean;
  /** Readable only because the caller is an urgent-care service: such access is logged. */
  throughUrgentCare: boolean;
}

/** Roles that book and change appointments (and hold places); auditors only read. */
export const changingRoles: readonly string[] = ['booker', 'clinician', 'provider-admin', 'system'];
/** Roles that record attendance (of their own organisation's appointments). */
export const attendanceRoles: readonly string[] = ['clinician', 'provider-admin'];
const shareAny = (mine: string[], theirs: string[] = []): boolean => mine.some((federation) => theirs.includes(federation));

/**
 * DESIGN §6. The booking organisation, the hosting organisation and organisations sharing a federation with
 * either read, amend, cancel and reschedule. Urgent-care organisations (111) read any appointment and rebook it
 * after a reassessment. Auditors read everything and change nothing; system actors do anything but record
 * attendance, which is for the host's clinicians and provider admins.
 */
export function bookingPermissions(actor: Actor, booking: BookingParties): BookingPermissions {
  const party =
    actor.organisation === booking.bookedBy.organisation ||
    actor.organisation === booking.organisation ||
    shareAny(actor.federations, booking.bookedBy.federations) ||
    shareAny(actor.federations, booking.hostFederations);
  const system = actor.role === 'system';
  const auditor = actor.role === 'auditor';
  const urgentCare = actor.organisationType === 'urgent-care';
  const changes = changingRoles.includes(actor.role);
  return {
    read: party || system || auditor || urgentCare,
    change: changes && (party || system),
    rebook: changes && (party || system || urgentCare),
    attendance: attendanceRoles.includes(actor.role) && booking.organisation !== undefined && actor.organisation === booking.organisation,
    throughUrgentCare: urgentCare && !party && !system && !auditor,
  };
}

/** May the actor see this booking (and what hangs off it, such as its notifications)? A denied read is a 404. */
export const mayAccessBooking = (actor: Actor, booking: BookingParties): boolean => bookingPermissions(actor, booking).read;

/** Organisation types that give care (or run it, `system`): their staff may look a patient's appointments up. */
export const careOrganisationTypes = [
  'gp-practice',
  'gp-hub',
  'urgent-care',
  'acute-trust',
  'community-trust',
  'mental-health-trust',
  'ambulance-trust',
  'pharmacy',
  'dental-practice',
  'optometry',
  'system',
] as const;

const registryReaderRoles = ['booker', 'clinician', 'provider-admin', 'system'];
const ofCareOrganisation = (actor: Actor): boolean => (careOrganisationTypes as readonly string[]).includes(actor.organisationType);

/** The Appointment Registry is read by auditors and by the staff and systems of care organisations; nobody else. */
export const mayReadRegistry = (actor: Actor): boolean =>
  actor.role === 'auditor' || (registryReaderRoles.includes(actor.role) && ofCareOrganisation(actor));

/** Roles that may follow the registry's change feed (systems only of care organisations). */
export const changeFeedRoles: readonly string[] = ['auditor', 'system'];

/** The registry's whole change feed (every patient): systems of care organisations, and auditors. */
export const mayFollowRegistryChanges = (actor: Actor): boolean => actor.role === 'auditor' || (actor.role === 'system' && ofCareOrganisation(actor));

/** Roles that record and change registry entries (of their own organisation). */
export const entryKeeperRoles: readonly string[] = ['provider-admin', 'system'];

/** Records an entry of its own organisation's appointments in the registry, or changes one: its admins and systems. */
export const mayKeepRegistryEntries = (actor: Actor, organisation: string): boolean => entryKeeperRoles.includes(actor.role) && actor.organisation === organisation;

/** The access audit and the registry's access log (who looked at what, refused requests too) are for auditors alone. */
export const auditorRoles: readonly string[] = ['auditor'];
export const mayReadAccessAudit = (actor: Actor): boolean => auditorRoles.includes(actor.role);
