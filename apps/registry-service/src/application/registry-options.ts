export interface RegistryOptions {
  /** An entry still booked this long after its end expires (REGISTRY_EXPIRY_GRACE, default 1 h). */
  expiryGraceMs: number;
  /** Where the booking-service's appointments are read (APPOINTMENTS_BASE_URL); '' gives `/appointments/<id>`. */
  appointmentsBaseUrl: string;
  /** How often the expiry sweep looks for due entries (default: the scheduler's, 1 s). */
  sweepPollMs?: number;
}

export const registryOptions = (options: Partial<RegistryOptions> = {}): RegistryOptions => ({
  expiryGraceMs: options.expiryGraceMs ?? 3_600_000,
  appointmentsBaseUrl: (options.appointmentsBaseUrl ?? '').replace(/\/+$/, ''),
  sweepPollMs: options.sweepPollMs,
});
