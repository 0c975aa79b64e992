import { Logger } from '@nestjs/common';
import type { Role } from '@app/access';
import { appointment, bookingServiceForSuite } from './testing/booking-service.harness';

type Caller = [organisation: string, role: Role, options: { orgType?: string; federations?: string[] }];

/**
 * Who may do what with an appointment booked by practice P10001 (federation FB) at host H10001 (federation FH).
 * 404: as if it did not exist; 403: may read it but not do this.
 */
describe('booking-service: access (the test plays the slot-service over the in-process bus)', () => {
  const service = bookingServiceForSuite({ confirmTimeoutMs: 500 });

  const callers: Record<string, Caller> = {
    booker: ['P10001', 'booker', { federations: ['FB'] }],
    host: ['H10001', 'booker', {}],
    'booker’s federation': ['F20001', 'booker', { federations: ['FB'] }],
    'host’s federation': ['F30001', 'clinician', { federations: ['FH'] }],
    'urgent care': ['NHS111', 'booker', { orgType: 'urgent-care' }],
    auditor: ['AUD01', 'auditor', { orgType: 'auditor' }],
    stranger: ['C83003', 'booker', { federations: ['F9'] }],
  };

  const bookOne = async () => {
    const slot = service.slots.publish('H10001', { federations: ['FH'] });
    const [organisation, role, options] = callers.booker;
    const response = await (await service.as(organisation, role, options)).post('/appointments', appointment(slot.slotId));
    expect(response.status).toBe(201);
    return response.body.id as string;
  };

  const actions: Record<string, (id: string, caller: Caller) => Promise<number>> = {
    read: async (id, [org, role, options]) => (await (await service.as(org, role, options)).get(`/appointments/${id}`)).status,
    history: async (id, [org, role, options]) => (await (await service.as(org, role, options)).get(`/appointments/${id}/history`)).status,
    amend: async (id, [org, role, options]) => (await (await service.as(org, role, options)).patch(`/appointments/${id}`, { comment: 'c' }, { 'if-match': '"2"' })).status,
    cancel: async (id, [org, role, options]) => (await (await service.as(org, role, options)).post(`/appointments/${id}/cancel`, { reason: 'r' })).status,
    reschedule: async (id, [org, role, options]) => {
      const target = service.slots.publish('H10001', { minutesAhead: 3 * 24 * 60 });
      return (await (await service.as(org, role, options)).post(`/appointments/${id}/reschedule`, { slotId: target.slotId })).status;
    },
    rebook: async (id, [org, role, options]) => {
      const target = service.slots.publish('U20001', { minutesAhead: 60 });
      return (await (await service.as(org, role, options)).post(`/appointments/${id}/rebook`, { slotId: target.slotId, reason: 'reassessed' })).status;
    },
  };

  const matrix: [string, Record<string, number>][] = [
    ['booker', { read: 200, history: 200, amend: 200, cancel: 200, reschedule: 200, rebook: 201 }],
    ['host', { read: 200, history: 200, amend: 200, cancel: 200, reschedule: 200, rebook: 201 }],
    ['booker’s federation', { read: 200, history: 200, amend: 200, cancel: 200, reschedule: 200, rebook: 201 }],
    ['host’s federation', { read: 200, history: 200, amend: 200, cancel: 200, reschedule: 200, rebook: 201 }],
    ['urgent care', { read: 200, history: 200, amend: 403, cancel: 403, reschedule: 403, rebook: 201 }],
    ['auditor', { read: 200, history: 200, amend: 403, cancel: 403, reschedule: 403, rebook: 403 }],
    ['stranger', { read: 404, history: 404, amend: 404, cancel: 404, reschedule: 404, rebook: 404 }],
  ];

  describe.each(matrix)('%s', (who, expected) => {
    it.each(Object.entries(expected))('%s → %i', async (action, status) => {
      const id = await bookOne();
      expect(await actions[action](id, callers[who])).toBe(status);
    });
  });

  it('an auditor may not book', async () => {
    const slot = service.slots.publish('H10001');
    const [organisation, role, options] = callers.auditor;
    expect((await (await service.as(organisation, role, options)).post('/appointments', appointment(slot.slotId))).status).toBe(403);
  });

  it('a denied read looks exactly like a missing appointment', async () => {
    const id = await bookOne();
    const [organisation, role, options] = callers.stranger;
    const stranger = await service.as(organisation, role, options);
    const hidden = await stranger.get(`/appointments/${id}`);
    const missing = await stranger.get('/appointments/no-such-appointment');
    expect(hidden.status).toBe(404);
    expect({ ...hidden.body, detail: undefined, instance: undefined }).toEqual({ ...missing.body, detail: undefined, instance: undefined });
  });

  it('logs a read allowed only by the urgent-care rule, naming the appointment but no patient data', async () => {
    const id = await bookOne();
    const lines = jest.spyOn(Logger.prototype, 'log');
    try {
      const [organisation, role, options] = callers['urgent care'];
      expect((await (await service.as(organisation, role, options)).get(`/appointments/${id}`)).status).toBe(200);
      const logged = lines.mock.calls.map(([message]) => String(message)).filter((message) => message.includes(id) && message.includes('urgent-care'));
      expect(logged).toHaveLength(1);
      expect(JSON.parse(logged[0])).toEqual({ access: 'urgent-care', action: 'read', appointmentId: id, organisation: 'NHS111', user: 'NHS111-booker' });
      expect(logged[0]).not.toContain('9434765919');
      lines.mockClear();
      const [booker, bookerRole, bookerOptions] = callers.booker;
      await (await service.as(booker, bookerRole, bookerOptions)).get(`/appointments/${id}`);
      expect(lines.mock.calls.filter(([message]) => String(message).includes('urgent-care'))).toEqual([]);
    } finally {
      lines.mockRestore();
    }
  });
});
