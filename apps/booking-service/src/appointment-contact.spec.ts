import { Logger } from '@nestjs/common';
import { BookingEventTypes, EventEnvelope, Topics } from '@app/contracts';
import { appointment, bookingServiceForSuite, eventually } from './testing/booking-service.harness';

/** The patient's contact and a supporter: given when booking, shown, amended, rebooked, and published. */
describe('booking-service: the patient’s contact and a supporter (the test plays the slot-service over the in-process bus)', () => {
  const service = bookingServiceForSuite({ confirmTimeoutMs: 500 });
  const published: EventEnvelope[] = [];
  beforeAll(() => service.bus.subscribe({ groupId: 'test.observer', topics: [Topics.bookingEvents], handler: async ({ event }) => void published.push(event) }));

  const contact = {
    email: 'ada@example.org',
    phone: '07700 900 123',
    address: { lines: ['1 High Street', 'Riverside'], postcode: 'RS1 2AB' },
    preferredChannel: 'sms',
    language: 'cy',
    format: 'large-print',
  };
  const stored = { ...contact, phone: '07700900123' };
  const carer = { name: 'Bob Carer', relationship: 'son', role: 'carer', contact: { email: 'bob@example.org', preferredChannel: 'email' } };

  const book = async (extra: Record<string, unknown> = {}, patient: Record<string, unknown> = { contact }) => {
    const slot = service.slots.publish('A81001', { organisationName: 'Riverside Surgery' });
    return (await service.as('A81001')).post('/appointments', { ...appointment(slot.slotId), patient: { nhsNumber: '9434765919', ...patient }, ...extra });
  };
  const eventsOf = (id: string, type: string) => published.filter((event) => event.type === type && (event.data as { bookingId: string }).bookingId === id);

  describe('POST /appointments', () => {
    it('keeps the contact (phone without spaces) and the supporter, shows them with the host’s name, and lists them', async () => {
      const booked = await book({ supporter: carer });
      expect(booked.status).toBe(201);
      expect(booked.body).toMatchObject({ patient: { nhsNumber: '9434765919', contact: stored }, supporter: carer, organisationName: 'Riverside Surgery' });
      const practice = await service.as('A81001');
      expect((await practice.get(`/appointments/${booked.body.id}`)).body).toMatchObject({ patient: { contact: stored }, supporter: carer });
      const list = await practice.get('/appointments?patient=9434765919');
      expect(list.body.items).toContainEqual(expect.objectContaining({ id: booked.body.id, patient: expect.objectContaining({ contact: stored }), supporter: carer }));
    });

    it('BookingConfirmed carries patient.contact, the supporter and the host’s name', async () => {
      const booked = await book({ supporter: carer });
      await eventually(() => eventsOf(booked.body.id, BookingEventTypes.confirmed), (events) => events.length > 0);
      expect(eventsOf(booked.body.id, BookingEventTypes.confirmed)[0].data).toMatchObject({
        patient: { nhsNumber: '9434765919', contact: stored },
        supporter: carer,
        organisation: 'A81001',
        organisationName: 'Riverside Surgery',
      });
    });

    it('books without them, as before', async () => {
      const booked = await book({}, {});
      expect(booked.status).toBe(201);
      expect(booked.body.patient).toEqual({ nhsNumber: '9434765919' });
      expect(booked.body.supporter).toBeUndefined();
    });

    it.each([
      [{ contact: { ...contact, phone: '0161 496 0000' } }, {}, 'patient.contact.phone'],
      [{ contact: { ...contact, email: 'ada at example' } }, {}, 'patient.contact.email'],
      [{ contact: { ...contact, address: { lines: ['x'.repeat(81)], postcode: 'RS1 2AB' } } }, {}, 'patient.contact.address.lines'],
      [{ contact: { ...contact, address: { lines: [], postcode: 'RS1 2AB' } } }, {}, 'patient.contact.address.lines'],
      [{ contact: { ...contact, language: 'Welsh' } }, {}, 'patient.contact.language'],
      [{ contact: { ...contact, format: 'comic' } }, {}, 'patient.contact.format'],
      [{ contact: { ...contact, preferredChannel: 'fax' } }, {}, 'patient.contact.preferredChannel'],
      [{ contact: { ...contact, fax: '0161' } }, {}, 'patient.contact.fax'],
      [{ contact: 'by phone' }, {}, 'patient.contact'],
      [{ contact }, { supporter: { ...carer, contact: { address: { lines: ['1 Low Road'], postcode: '12345' } } } }, 'supporter.contact.address.postcode'],
      [{ contact }, { supporter: { ...carer, contact: { preferredChannel: 'none' } } }, 'supporter.contact.preferredChannel'],
      [{ contact }, { supporter: { ...carer, name: 'x'.repeat(201) } }, 'supporter.name'],
      [{ contact }, { supporter: { ...carer, relationship: 'x'.repeat(101) } }, 'supporter.relationship'],
      [{ contact }, { supporter: { ...carer, role: 'friend' } }, 'supporter.role'],
      [{ contact }, { supporter: { name: 'Bob Carer' } }, 'supporter.role'],
      [{ contact }, { supporter: { ...carer, age: 40 } }, 'supporter.age'],
      [{ contact }, { supporter: null }, 'supporter'],
    ])('400 naming the field: %j %j → %s', async (patient, extra, field) => {
      const refused = await book(extra, patient);
      expect(refused.status).toBe(400);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      // A value that is no object at all may be named twice (not an object; nothing to validate inside).
      expect([...new Set(refused.body.errors.map((error: { field: string }) => error.field))]).toEqual([field]);
    });

    it('a refusal never repeats the contact it refuses', async () => {
      const refused = await book({ supporter: { ...carer, contact: { phone: '0161 496 0000' } } });
      expect(JSON.stringify(refused.body)).not.toContain('496');
    });
  });

  describe('PATCH /appointments/:id', () => {
    const amend = async (id: string, body: unknown, version: number) => (await service.as('A81001')).patch(`/appointments/${id}`, body, { 'if-match': `"${version}"` });

    it('replaces the contact and the supporter as a whole, and null removes them', async () => {
      const { body: booked } = await book({ supporter: carer });
      const replaced = await amend(booked.id, { patient: { contact: { email: 'new@example.org' } }, supporter: { name: 'Cy Advocate', role: 'advocate' } }, 2);
      expect(replaced.status).toBe(200);
      expect(replaced.body).toMatchObject({ version: 3, patient: { nhsNumber: '9434765919', contact: { email: 'new@example.org' } }, supporter: { name: 'Cy Advocate', role: 'advocate' } });
      const removed = await amend(booked.id, { patient: { contact: null }, supporter: null }, 3);
      expect(removed.status).toBe(200);
      expect(removed.body.patient).toEqual({ nhsNumber: '9434765919' });
      expect(removed.body.supporter).toBeUndefined();
      expect((await (await service.as('A81001')).get(`/appointments/${booked.id}`)).body).toMatchObject({ version: 4, patient: { nhsNumber: '9434765919' } });
    });

    it('BookingAmended carries the whole new values and which changed; the same values again append nothing', async () => {
      const { body: booked } = await book({ supporter: carer });
      expect((await amend(booked.id, { comment: 'Bring glasses' }, 2)).status).toBe(200);
      expect((await amend(booked.id, { patient: { contact: { ...contact, language: 'en' } } }, 3)).status).toBe(200);
      const same = await amend(booked.id, { patient: { contact: { ...contact, language: 'en' } }, supporter: carer }, 4);
      expect(same.status).toBe(200);
      expect(same.body.version).toBe(4);
      await eventually(() => eventsOf(booked.id, BookingEventTypes.amended), (events) => events.length >= 2);
      expect(eventsOf(booked.id, BookingEventTypes.amended).map((event) => event.data)).toEqual([
        { bookingId: booked.id, description: 'Blood test', comment: 'Bring glasses', patientContact: stored, supporter: carer, changed: ['comment'] },
        { bookingId: booked.id, description: 'Blood test', comment: 'Bring glasses', patientContact: { ...stored, language: 'en' }, supporter: carer, changed: ['patientContact'] },
      ]);
    });

    it('422 naming any other patient field; 400 naming a broken contact field or an unknown one', async () => {
      const { body: booked } = await book();
      const identity = await amend(booked.id, { patient: { nhsNumber: '4010232137', name: 'Someone Else', contact: null } }, 2);
      expect(identity.status).toBe(422);
      expect(identity.body.code).toBe('field_not_amendable');
      expect(identity.body.errors.map((error: { field: string }) => error.field)).toEqual(['patient.nhsNumber', 'patient.name']);
      const phone = await amend(booked.id, { patient: { contact: { phone: '12345' } } }, 2);
      expect(phone.status).toBe(400);
      expect(phone.body.errors.map((error: { field: string }) => error.field)).toEqual(['patient.contact.phone']);
      const postcode = await amend(booked.id, { supporter: { ...carer, contact: { address: { lines: ['1 Low Road'], postcode: 'nope' } } } }, 2);
      expect(postcode.body.errors.map((error: { field: string }) => error.field)).toEqual(['supporter.contact.address.postcode']);
      const unknown = await amend(booked.id, { patient: { contact: { ...contact, twitter: '@ada' } } }, 2);
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors.map((error: { field: string }) => error.field)).toEqual(['patient.contact.twitter']);
      expect((await amend(booked.id, { patient: null }, 2)).status).toBe(400);
      expect((await (await service.as('A81001')).get(`/appointments/${booked.id}`)).body.version).toBe(2);
    });
  });

  describe('POST /appointments/:id/rebook', () => {
    it('the new appointment carries the contact and the supporter over, unless the request gives new ones', async () => {
      const { body: old } = await book({ supporter: carer });
      const practice = await service.as('A81001');
      const target = service.slots.publish('A81001');
      const carried = await practice.post(`/appointments/${old.id}/rebook`, { slotId: target.slotId, reason: 'reassessed' });
      expect(carried.status).toBe(201);
      expect(carried.body).toMatchObject({ patient: { contact: stored }, supporter: carer });

      const { body: other } = await book({ supporter: carer });
      const another = service.slots.publish('A81001');
      const given = await practice.post(`/appointments/${other.id}/rebook`, {
        slotId: another.slotId,
        reason: 'reassessed',
        patient: { contact: { email: 'new@example.org' } },
        supporter: { name: 'Cy Interpreter', role: 'interpreter' },
      });
      expect(given.status).toBe(201);
      expect(given.body.patient.contact).toEqual({ email: 'new@example.org' });
      expect(given.body.supporter).toEqual({ name: 'Cy Interpreter', role: 'interpreter' });
      const refused = await practice.post(`/appointments/${other.id}/rebook`, { slotId: another.slotId, reason: 'x', patient: { nhsNumber: '4010232137' } });
      expect(refused.status).toBe(400);
    });
  });

  it('never writes contact details or names to the logs', async () => {
    const methods = ['log', 'warn', 'error', 'debug', 'verbose'] as const;
    const spies = [...methods.map((method) => jest.spyOn(Logger.prototype, method)), ...methods.map((method) => jest.spyOn(Logger, method))];
    const consoleSpies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) => jest.spyOn(console, method).mockImplementation(() => undefined));
    try {
      const { body: booked } = await book({ supporter: carer });
      await (await service.as('NHS111', 'booker', { orgType: 'urgent-care' })).get(`/appointments/${booked.id}`);
      await (await service.as('A81001')).patch(`/appointments/${booked.id}`, { patient: { contact: { phone: '07700 900 999' } } }, { 'if-match': '"2"' });
      await book({ supporter: { ...carer, contact: { phone: '0161 496 0000' } } });
      const logged = JSON.stringify([...spies, ...consoleSpies].flatMap((spy) => spy.mock.calls));
      for (const secret of ['ada@example.org', '07700900123', '07700900999', '1 High Street', 'RS1 2AB', 'Bob Carer', 'bob@example.org', '496 0000']) {
        expect(logged).not.toContain(secret);
      }
    } finally {
      [...spies, ...consoleSpies].forEach((spy) => spy.mockRestore());
    }
  });
});
