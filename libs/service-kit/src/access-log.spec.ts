import { redactNhsNumbers } from './access-log';

describe('access log redaction', () => {
  it('hides an NHS number in a path and in a query', () => {
    expect(redactNhsNumbers('/registry/patients/9434765919/appointments')).toBe('/registry/patients/[nhs-number]/appointments');
    expect(redactNhsNumbers('/appointments?patient=9434765919&status=booked')).toBe('/appointments?patient=[nhs-number]&status=booked');
  });
  it('leaves ids and other numbers alone', () => {
    const path = '/appointments/3f2b1c9e-0000-4000-8000-123456789012?limit=100&from=2030-03-01T09:00:00Z';
    expect(redactNhsNumbers(path)).toBe(path);
  });
});
