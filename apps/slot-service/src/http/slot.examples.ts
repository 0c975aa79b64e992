/** A request that succeeds (for a provider-admin of A81001), shown in the API description and tried by its fuzzer. */
export const publishExample = {
  slots: [
    {
      organisation: 'A81001',
      organisationName: 'Riverside Surgery',
      location: 'Room 3',
      practitionerRole: 'Practice nurse',
      serviceType: 'phlebotomy',
      deliveryChannel: 'in-person',
      start: '2030-03-01T09:00:00Z',
      end: '2030-03-01T09:10:00Z',
      capacity: 2,
      bookableBy: { federations: ['F1'], organisationTypes: ['gp-practice'] },
    },
  ],
};
