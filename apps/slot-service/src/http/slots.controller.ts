import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import type { Actor } from '@app/contracts';
import { CurrentActor, requireChangeRole } from '@app/access';
import { InvalidInputException, Meta, RequestMeta } from '@app/service-kit';
import { SlotApplication } from '../application/slot.application';
import type { SlotView } from '../projections/slot-view.projection';
import { PublishSlotsDto } from './publish-slots.dto';
import { SearchSlotsQuery } from './search-slots.query';

const maxWindowMs = 14 * 24 * 3600 * 1000;

const present = ({ position: _position, ...slot }: SlotView) => slot;

@Controller('slots')
export class SlotsController {
  constructor(private readonly slots: SlotApplication) {}

  @Post()
  @HttpCode(201)
  async publish(@Body() body: PublishSlotsDto, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta) {
    requireChangeRole(actor);
    const published = await this.slots.publish(
      body.slots.map((slot) => ({ ...slot, start: new Date(slot.start).toISOString(), end: new Date(slot.end).toISOString(), capacity: slot.capacity ?? 1 })),
      actor,
      meta,
    );
    return { items: published.map(present) };
  }

  /** Free slots the caller may book, in a window of at most 14 days (default: the next 14 days). */
  @Get()
  async search(@Query() query: SearchSlotsQuery, @CurrentActor() actor: Actor) {
    const start = query.start ? new Date(query.start) : new Date();
    const end = query.end ? new Date(query.end) : new Date(start.getTime() + maxWindowMs);
    if (end.getTime() <= start.getTime()) throw new InvalidInputException([{ field: 'end', message: 'end must be after start' }]);
    if (end.getTime() - start.getTime() > maxWindowMs) {
      throw new InvalidInputException([{ field: 'end', message: 'the search window must be at most 14 days' }]);
    }
    const found = await this.slots.search({ ...query, start: start.toISOString(), end: end.toISOString(), limit: query.limit ?? 100 }, actor);
    return { items: found.map(present) };
  }

  @Get(':id')
  async get(@Param('id') id: string, @CurrentActor() actor: Actor) {
    const slot = await this.slots.get(id, actor);
    if (!slot) throw new NotFoundException(`no slot ${id}`);
    return present(slot);
  }
}
