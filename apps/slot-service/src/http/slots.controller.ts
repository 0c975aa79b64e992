import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { Actor } from '@app/contracts';
import { AllowedRoles, CurrentActor, changingRoles, odsCode } from '@app/access';
import { DomainError } from '@app/eventstore';
import { ApiAnswer, ApiIdempotencyKey, ApiRefusals, InvalidInputException, Meta, RequestMeta, commaListOf } from '@app/service-kit';
import { ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { SlotApplication } from '../application/slot.application';
import { slotManagerRoles } from '../application/slot-access';
import { availabilityAt } from '../projections/slot-availability';
import type { SlotView } from '../projections/slot-view.projection';
import { PublishSlotsDto } from './publish-slots.dto';
import { SearchSlotsQuery } from './search-slots.query';
import { publishExample } from './slot.examples';
import { acceptedSlots, holdReceipt, publishedSlots, slotPage, slotSchema, withdrawalAccepted } from './slot.responses';

// After publishing: find the slot again by searching from its start.
const searchLink = {
  SearchSlots: {
    operationId: 'SlotsController_search',
    parameters: { start: '$response.body#/items/0/start', organisation: '$response.body#/items/0/organisation' },
  },
};

// Where a client (or the fuzzer) goes next with the first slot of an answer: read it, or book it.
const firstSlotLinks = {
  GetSlot: { operationId: 'SlotsController_get', parameters: { id: '$response.body#/items/0/id' } },
  BookSlot: {
    operationId: 'AppointmentsController_book',
    requestBody: { slotId: '$response.body#/items/0/id', patient: { nhsNumber: '9434765919' }, description: 'Blood test' },
  },
};

const maxWindowMs = 14 * 24 * 3600 * 1000;
const location = (id: string) => `/slots/${id}`;

interface Reply {
  status(code: number): Reply;
  header(name: string, value: string): Reply;
}

/** A slot as callers see it: what is left now, and never who holds what. */
export function present(view: SlotView, now = new Date()) {
  const { position: _position, holds: _holds, open: _open, withdrawn: _withdrawn, ...slot } = view;
  return { ...slot, ...availabilityAt(view, now) };
}

const instant = (value: string) => new Date(value).toISOString();

@ApiTags('Slots')
@Controller('slots')
export class SlotsController {
  constructor(private readonly slots: SlotApplication) {}

  /** 201 with the slots; 202 with their ids when the read model lags; the whole batch or nothing. */
  @ApiOperation({ summary: 'Publish slots of your organisation (provider-admin, system): the whole batch or nothing' })
  @ApiBody({ type: PublishSlotsDto, examples: { publish: { summary: 'One slot of A81001', value: publishExample } } })
  @ApiIdempotencyKey()
  @ApiAnswer(201, 'Published', publishedSlots, { headers: ['Location'], links: { ...firstSlotLinks, ...searchLink } })
  @ApiAnswer(202, 'Stored, not yet readable: their ids', acceptedSlots, { headers: ['Location'] })
  @ApiRefusals(403, 422)
  @Post()
  @AllowedRoles(slotManagerRoles, { code: 'publish_not_allowed', action: 'publish slots' })
  async publish(@Body() body: PublishSlotsDto, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta, @Res({ passthrough: true }) reply: Reply) {
    const written = await this.slots.publish(
      body.slots.map((slot) => ({
        ...slot,
        start: instant(slot.start),
        end: instant(slot.end),
        capacity: slot.capacity ?? 1,
        ...(slot.visibleFrom ? { visibleFrom: instant(slot.visibleFrom) } : {}),
      })),
      actor,
      meta,
    );
    if (written.ids.length === 1) reply.header('location', location(written.ids[0]));
    if (!written.settled) {
      reply.status(202);
      return { items: written.ids.map((id) => ({ id })) };
    }
    reply.status(201);
    return { items: written.views.map((view) => present(view)) };
  }

  /** Free slots the caller may book, start within a window of at most 14 days (default: the next 14 days), paged. */
  @ApiOperation({ summary: 'Free slots you may book, by start, within a window of at most 14 days (default: the next 14 days)' })
  @ApiQuery({ name: 'organisation', required: false, description: 'One ODS code, or several separated by commas', schema: commaListOf(odsCode.source.slice(1, -1)) as never })
  @ApiAnswer(200, 'A page of slots', slotPage, { links: firstSlotLinks })
  @Get()
  async search(@Query() query: SearchSlotsQuery, @CurrentActor() actor: Actor) {
    const start = query.start ? new Date(query.start) : new Date();
    const end = query.end ? new Date(query.end) : new Date(start.getTime() + maxWindowMs);
    if (end.getTime() <= start.getTime()) throw new InvalidInputException([{ field: 'end', message: 'end must be after start' }]);
    if (end.getTime() - start.getTime() > maxWindowMs) {
      throw new InvalidInputException([{ field: 'end', message: 'the search window must be at most 14 days' }]);
    }
    const organisations = query.organisation?.split(',').map((code) => code.trim());
    if (organisations && !organisations.every((code) => odsCode.test(code))) {
      throw new InvalidInputException([{ field: 'organisation', message: 'organisation must be ODS codes separated by commas' }]);
    }
    const now = new Date();
    const page = await this.slots.search(
      {
        organisations,
        federation: query.federation,
        serviceType: query.serviceType,
        deliveryChannel: query.deliveryChannel,
        start: start.toISOString(),
        end: end.toISOString(),
        limit: query.limit ?? 100,
        cursor: query.cursor,
      },
      actor,
    );
    return { items: page.items.map((view) => present(view, now)), ...(page.next ? { next: page.next } : {}) };
  }

  @ApiOperation({ summary: 'A slot, with what is left of it now' })
  @ApiAnswer(200, 'The slot', slotSchema)
  @ApiRefusals(404)
  @Get(':id')
  async get(@Param('id') id: string, @CurrentActor() actor: Actor) {
    const slot = await this.slots.get(id, actor);
    if (!slot) throw new DomainError('slot_not_found', `no slot ${id}`, 'not-found');
    return present(slot);
  }

  /** 204 withdrawn (202 when the read model lags); 409 slot_has_bookings; 403 not the owner's provider-admin; 404 unseen. */
  @ApiOperation({ summary: 'Withdraw a slot without bookings (provider-admin of its organisation, system)' })
  @ApiIdempotencyKey()
  @ApiAnswer(204, 'Withdrawn', undefined)
  @ApiAnswer(202, 'Stored, not yet readable', withdrawalAccepted, { headers: ['Location'] })
  @ApiRefusals(403, 404, 409)
  @Delete(':id')
  @AllowedRoles(slotManagerRoles, { code: 'withdraw_not_allowed', action: 'withdraw slots' })
  async withdraw(@Param('id') id: string, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta, @Res({ passthrough: true }) reply: Reply) {
    const written = await this.slots.withdraw(id, actor, meta);
    if (!written.settled) {
      reply.status(202).header('location', location(id));
      return { id, status: 'withdrawn' };
    }
    reply.status(204);
    return undefined;
  }

  /** 201 {holdId, slotId, expiresAt}; 409 slot_full; 429 over the organisation's hold limit; 404 unseen. */
  @ApiOperation({ summary: 'Hold a place for your organisation until expiresAt; book it with holdId' })
  @ApiIdempotencyKey()
  @ApiAnswer(201, 'Held', holdReceipt)
  @ApiRefusals(403, 404, 409, 429)
  @Post(':id/holds')
  @AllowedRoles(changingRoles, { code: 'hold_not_allowed', action: 'hold places' })
  @HttpCode(201)
  async hold(@Param('id') id: string, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta) {
    return this.slots.hold(id, actor, meta);
  }
}
