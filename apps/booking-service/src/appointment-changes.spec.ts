import type { Role } from '@app/access';
import { appointment, bookingServiceForSuite, sleep } from './testing/booking-service.harness';

/** Amend (If-Match), cancel and attendance over HTTP, with their rules. */
describe('booking-service: changing an appointment (the test plays the slot-service over the in-process bus)', () => {
  const service = bookingServiceForSuite({ confirmTimeoutMs: 500 });

  /** A booked appointment of A81001; `minutesAhead` small makes one that starts during the test. */
  const book = async (minutesAhead?: number) => {
    const slot = service.slots.publish('A81001', { minutesAhead });
    const response = await (await service.as('A81001')).post('/appointments', appointment(slot.slotId));
    expect(response.status).toBe(201);
    return { slot, id: response.body.id as string };
  };
  /** One appointment that has started: booked while future, then waited for. */
  let started: { id: string };
  beforeAll(async () => {
    started = await book(0.02);
    await sleep(1300);
  });

  describe('PATCH /appointments/:id', () => {
    it('changes description, comment and adjustments under If-Match, answering the new version', async () => {
      const { id } = await book();
      const practice = await service.as('A81001');
      const amended = await practice.patch(`/appointments/${id}`, { comment: 'Bring a list of medicines', reasonableAdjustments: ['hearing loop'] }, { 'if-match': '"2"' });
      expect(amended.status).toBe(200);
      expect(amended.headers.etag).toBe('"3"');
      expect(amended.body).toMatchObject({ version: 3, description: 'Blood test', comment: 'Bring a list of medicines', reasonableAdjustments: ['hearing loop'] });
      const removed = await practice.patch(`/appointments/${id}`, { comment: null }, { 'if-match': '"3"' });
      expect(removed.status).toBe(200);
      expect(removed.body.comment).toBeUndefined();
      expect(removed.body.reasonableAdjustments).toEqual(['hearing loop']);
    });

    it('428 without If-Match, 412 with a stale one, 400 with a malformed one', async () => {
      const { id } = await book();
      const practice = await service.as('A81001');
      const missing = await practice.patch(`/appointments/${id}`, { comment: 'x' });
      expect(missing.status).toBe(428);
      expect(missing.body.code).toBe('precondition_required');
      const stale = await practice.patch(`/appointments/${id}`, { comment: 'x' }, { 'if-match': '"1"' });
      expect(stale.status).toBe(412);
      expect(stale.body.code).toBe('stale_version');
      const malformed = await practice.patch(`/appointments/${id}`, { comment: 'x' }, { 'if-match': '*' });
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors).toEqual([expect.objectContaining({ field: 'If-Match' })]);
      expect((await practice.get(`/appointments/${id}`)).body.version).toBe(2);
    });

    it('two changes on the same version: one wins, the other gets 412, never a 500', async () => {
      const { id } = await book();
      const practice = await service.as('A81001');
      const answers = await Promise.all(['one', 'two', 'three'].map((comment) => practice.patch(`/appointments/${id}`, { comment }, { 'if-match': '"2"' })));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 412, 412]);
    });

    it('422 naming any field other than description, comment and reasonableAdjustments', async () => {
      const { id } = await book();
      const response = await (await service.as('A81001')).patch(`/appointments/${id}`, { slotId: 'other', comment: 'x', start: '2030-01-01T00:00:00Z' }, { 'if-match': '"2"' });
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('field_not_amendable');
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['slotId', 'start']);
    });

    it('400 for text over the limits and for a null description', async () => {
      const { id } = await book();
      const practice = await service.as('A81001');
      const long = await practice.patch(`/appointments/${id}`, { description: 'x'.repeat(101) }, { 'if-match': '"2"' });
      expect(long.status).toBe(400);
      expect(long.body.errors).toEqual([expect.objectContaining({ field: 'description' })]);
      expect((await practice.patch(`/appointments/${id}`, { description: null }, { 'if-match': '"2"' })).status).toBe(400);
      expect((await practice.patch(`/appointments/${id}`, { comment: 'x'.repeat(501) }, { 'if-match': '"2"' })).status).toBe(400);
    });

    it('422 on a cancelled appointment and on one that has started', async () => {
      const { id } = await book();
      const practice = await service.as('A81001');
      await practice.post(`/appointments/${id}/cancel`, { reason: 'not needed' });
      const cancelled = await practice.patch(`/appointments/${id}`, { comment: 'x' }, { 'if-match': '"3"' });
      expect(cancelled.status).toBe(422);
      expect(cancelled.body.code).toBe('booking_not_amendable');
      const past = await practice.patch(`/appointments/${started.id}`, { comment: 'x' }, { 'if-match': '"2"' });
      expect(past.status).toBe(422);
      expect(past.body.code).toBe('appointment_in_past');
    });
  });

  describe('POST /appointments/:id/cancel', () => {
    it('cancels a booked future appointment and releases its place', async () => {
      const { slot, id } = await book();
      const cancelled = await (await service.as('A81001')).post(`/appointments/${id}/cancel`, { reason: 'patient recovered' });
      expect(cancelled.status).toBe(200);
      expect(cancelled.headers.etag).toBe('"3"');
      expect(cancelled.body).toMatchObject({ status: 'cancelled', cancellationReason: 'patient recovered', version: 3 });
      expect(service.slots.used(slot.slotId)).toEqual([]);
      expect(service.slots.releases).toContainEqual(expect.objectContaining({ bookingId: id, slotId: slot.slotId, reason: 'cancelled' }));
    });

    it('needs a reason of at most 200 characters', async () => {
      const { id } = await book();
      const practice = await service.as('A81001');
      expect((await practice.post(`/appointments/${id}/cancel`, {})).status).toBe(400);
      const long = await practice.post(`/appointments/${id}/cancel`, { reason: 'x'.repeat(201) });
      expect(long.status).toBe(400);
      expect(long.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    });

    it('422 for a cancelled appointment, and for one that has started', async () => {
      const { id } = await book();
      const practice = await service.as('A81001');
      await practice.post(`/appointments/${id}/cancel`, { reason: 'first' });
      const again = await practice.post(`/appointments/${id}/cancel`, { reason: 'second' });
      expect(again.status).toBe(422);
      expect(again.body.code).toBe('booking_not_cancellable');
      const past = await practice.post(`/appointments/${started.id}/cancel`, { reason: 'too late' });
      expect(past.status).toBe(422);
      expect(past.body.code).toBe('appointment_in_past');
    });

    it('a repeat under the same Idempotency-Key answers like the first', async () => {
      const { id } = await book();
      const practice = await service.as('A81001');
      const first = await practice.post(`/appointments/${id}/cancel`, { reason: 'ill' }, { 'idempotency-key': 'cancel-1' });
      const repeat = await practice.post(`/appointments/${id}/cancel`, { reason: 'ill' }, { 'idempotency-key': 'cancel-1' });
      expect([first.status, repeat.status]).toEqual([200, 200]);
      expect(repeat.body).toMatchObject({ status: 'cancelled', version: 3 });
    });
  });

  describe('POST /appointments/:id/attendance', () => {
    it('the host’s clinician records arrival before the start; attended and did-not-attend only from the start', async () => {
      const { id } = await book();
      const clinician = await service.as('A81001', 'clinician');
      const early = await clinician.post(`/appointments/${id}/attendance`, { status: 'attended' });
      expect(early.status).toBe(422);
      expect(early.body.code).toBe('attendance_too_early');
      const arrived = await clinician.post(`/appointments/${id}/attendance`, { status: 'arrived' });
      expect(arrived.status).toBe(200);
      expect(arrived.body).toMatchObject({ status: 'arrived', version: 3 });
    });

    it('records did-not-attend with a reason once started, and nothing after that', async () => {
      const admin = await service.as('A81001', 'provider-admin');
      const missed = await admin.post(`/appointments/${started.id}/attendance`, { status: 'did-not-attend', reason: 'no answer' });
      expect(missed.status).toBe(200);
      expect(missed.body).toMatchObject({ status: 'did-not-attend', attendanceReason: 'no answer' });
      const again = await admin.post(`/appointments/${started.id}/attendance`, { status: 'attended' });
      expect(again.status).toBe(422);
      expect(again.body.code).toBe('attendance_not_recordable');
      expect((await (await service.as('A81001')).post(`/appointments/${started.id}/cancel`, { reason: 'x' })).body.code).toBe('booking_not_cancellable');
    });

    it('refuses an unknown status (400)', async () => {
      const { id } = await book();
      expect((await (await service.as('A81001', 'clinician')).post(`/appointments/${id}/attendance`, { status: 'late' })).status).toBe(400);
    });

    it.each([
      ['a booker of the host', 'A81001', 'booker', {}, 403],
      ['an auditor', 'AUD01', 'auditor', { orgType: 'auditor' }, 403],
      ['a clinician of a federated practice', 'B82002', 'clinician', { federations: ['F1'] }, 403],
      ['a clinician of an unrelated practice', 'C83003', 'clinician', {}, 404],
      ['a system actor', 'PLATFORM', 'system', { orgType: 'system' }, 403],
    ] as [string, string, Role, { orgType?: string; federations?: string[] }, number][])('%s may not record it', async (_who, organisation, role, options, status) => {
      const slot = service.slots.publish('A81001', { federations: ['F1'] });
      const booked = await (await service.as('A81001')).post('/appointments', appointment(slot.slotId));
      const response = await (await service.as(organisation, role, options)).post(`/appointments/${booked.body.id}/attendance`, { status: 'arrived' });
      expect(response.status).toBe(status);
    });
  });
});
