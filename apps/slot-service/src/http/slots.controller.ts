import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { Actor } from '@app/contracts';
import { AllowedRoles, CurrentActor, changingRoles } from '@app/access';
import { DomainError } from '@app/eventstore';
import { InvalidInputException, Meta, RequestMeta } from '@app/service-kit';
import { SlotApplication } from '../application/slot.application';
import { slotManagerRoles } from '../application/slot-access';
import { availabilityAt } from '../projections/slot-availability';
import type { SlotView } from '../projections/slot-view.projection';
import { PublishSlotsDto, odsCode } from './publish-slots.dto';
import { SearchSlotsQuery } from './search-slots.query';

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

@Controller('slots')
export class SlotsController {
  constructor(private readonly slots: SlotApplication) {}

  /** 201 with the slots; 202 with their ids when the read model lags; the whole batch or nothing. */
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

  @Get(':id')
  async get(@Param('id') id: string, @CurrentActor() actor: Actor) {
    const slot = await this.slots.get(id, actor);
    if (!slot) throw new DomainError('slot_not_found', `no slot ${id}`, 'not-found');
    return present(slot);
  }

  /** 204 withdrawn (202 when the read model lags); 409 slot_has_bookings; 403 not the owner's provider-admin; 404 unseen. */
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
  @Post(':id/holds')
  @AllowedRoles(changingRoles, { code: 'hold_not_allowed', action: 'hold places' })
  @HttpCode(201)
  async hold(@Param('id') id: string, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta) {
    return this.slots.hold(id, actor, meta);
  }
}
