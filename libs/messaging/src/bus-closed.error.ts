/** Thrown to publishers (and for queued deliveries) once the bus is closing. */
export class BusClosedError extends Error {
  constructor(message = 'the bus is closed') {
    super(message);
    this.name = 'BusClosedError';
  }
}
