import { given } from '@app/eventstore/testing/given-when-then';
import { definitionProblems } from './slot-definition';
import { slotDecider } from './slot.decider';
import { published, slot } from './testing/slot-fixtures';

const publish = (overrides: Partial<typeof slot> = {}) => ({ type: 'PublishSlot' as const, slot: { ...slot, ...overrides } });

describe('publishing a slot', () => {
  it('publishes a new slot with its place, role, capacity, access rule, embargo and the host’s federations', () => {
    const full = { capacity: 12, bookableBy: { federations: ['F1'] }, visibleFrom: '2030-02-15T00:00:00.000Z' };
    given(slotDecider, []).when(publish(full)).then([published(full)]);
  });
  it('publishing the same slot again changes nothing', () => given(slotDecider, [published()]).when(publish()).then([]));
  it('refuses other details under a published id', () =>
    given(slotDecider, [published()]).when(publish({ capacity: 2 })).thenFails('slot_already_published'));
  it('refuses a slot that ends when it starts', () =>
    given(slotDecider, []).when(publish({ end: slot.start })).thenFails('slot_ends_before_start'));
  it('refuses a slot that ends before it starts', () =>
    given(slotDecider, []).when(publish({ end: '2030-03-01T08:00:00.000Z' })).thenFails('slot_ends_before_start'));
  it('takes a slot of exactly 24 hours', () =>
    given(slotDecider, []).when(publish({ end: '2030-03-02T09:00:00.000Z' })).then([published({ end: '2030-03-02T09:00:00.000Z' })]));
  it('refuses a slot longer than 24 hours', () =>
    given(slotDecider, []).when(publish({ end: '2030-03-02T09:00:00.001Z' })).thenFails('slot_too_long'));
  it('refuses a capacity below 1', () => given(slotDecider, []).when(publish({ capacity: 0 })).thenFails('slot_capacity_invalid'));
  it('refuses a capacity above 1000', () => given(slotDecider, []).when(publish({ capacity: 1001 })).thenFails('slot_capacity_invalid'));
  it('refuses a fractional capacity', () => given(slotDecider, []).when(publish({ capacity: 1.5 })).thenFails('slot_capacity_invalid'));
  it('takes a capacity of 1000', () => given(slotDecider, []).when(publish({ capacity: 1000 })).then([published({ capacity: 1000 })]));
  it('refuses a location longer than 200 characters', () =>
    given(slotDecider, []).when(publish({ location: 'x'.repeat(201) })).thenFails('text_too_long'));
  it('refuses a practitioner role longer than 200 characters', () =>
    given(slotDecider, []).when(publish({ practitionerRole: 'x'.repeat(201) })).thenFails('text_too_long'));
  it('keeps the host’s name as its publisher gave it', () =>
    given(slotDecider, []).when(publish({ organisationName: 'Riverside Surgery' })).then([published({ organisationName: 'Riverside Surgery' })]));
  it('takes an organisation name of 200 characters', () =>
    given(slotDecider, []).when(publish({ organisationName: 'x'.repeat(200) })).then([published({ organisationName: 'x'.repeat(200) })]));
  it('refuses an organisation name longer than 200 characters', () =>
    given(slotDecider, []).when(publish({ organisationName: 'x'.repeat(201) })).thenFails('organisation_name_invalid'));
  it('refuses a blank organisation name', () => given(slotDecider, []).when(publish({ organisationName: '  ' })).thenFails('organisation_name_invalid'));

  it('names the field of every broken rule, so a batch can name the slot and field', () =>
    expect(definitionProblems({ ...slot, end: slot.start, capacity: 0, location: 'x'.repeat(201) }).map((p) => p.field)).toEqual([
      'end',
      'capacity',
      'location',
    ]));
});
