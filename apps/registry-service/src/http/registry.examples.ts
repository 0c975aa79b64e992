/** A request that succeeds (for a provider-admin of A81001), shown in the API description and tried by its fuzzer. */
export const recordEntryExample = {
  appointmentId: 'EXT-0001',
  appointmentUrl: 'https://provider.example/appointments/EXT-0001',
  nhsNumber: '9434765919',
  organisation: 'A81001',
  serviceType: 'physiotherapy',
  start: '2030-03-01T09:00:00Z',
  end: '2030-03-01T09:30:00Z',
};

export const changeEntryExample = { reason: 'The patient cancelled by phone' };
