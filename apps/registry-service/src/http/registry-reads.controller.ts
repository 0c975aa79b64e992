import { Controller, Get, Headers, Param, Query } from '@nestjs/common';
import type { Actor } from '@app/contracts';
import { AllowedRoles, CurrentActor, auditorRoles, changeFeedRoles } from '@app/access';
import { AccessNotes, InvalidInputException, NoteAccess, decodePageCursor, encodePageCursor, newestFirstCursor, timeWindow } from '@app/service-kit';
import { RegistryApplication } from '../application/registry.application';
import { AccessLogQueryDto, ChangesQueryDto } from './registry.dtos';

const badCursor = (field: string) => new InvalidInputException([{ field, message: 'must be the `next` value of a previous page' }]);

/** The feed's cursor holds the last global position looked at (null: nothing yet, from the start). */
function feedPosition(cursor: string): string | undefined {
  const key = decodePageCursor(cursor) as { after?: unknown } | undefined;
  if (key && typeof key === 'object' && (key.after === null || (typeof key.after === 'string' && /^\d+(:\d+)?$/.test(key.after)))) return key.after ?? undefined;
  throw badCursor('after');
}

/** A repeated query parameter arrives as a list: read it as the comma list it means. */
const oneValue = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value.join(',') : value);

/** Looking into the registry: a patient's entries, the record of who looked, and the feed of every change. */
@Controller('registry')
export class RegistryReadsController {
  constructor(private readonly registry: RegistryApplication) {}

  /** `{items}` by start; 403 for callers who may not read the registry, 400 for an invalid query; every search recorded (access audit). */
  @Get('patients/:nhsNumber/appointments')
  async patientAppointments(
    @Param('nhsNumber') nhsNumber: string,
    @Query('status') status: string | string[] | undefined,
    @Query('from') from: string | string[] | undefined,
    @Query('to') to: string | string[] | undefined,
    @Headers('x-request-purpose') purpose: string | undefined,
    @CurrentActor() actor: Actor,
    @AccessNotes() note: NoteAccess,
  ) {
    const items = await this.registry.searchPatient({ nhsNumber, status: oneValue(status), from: oneValue(from), to: oneValue(to), purpose }, actor);
    note({ resultCount: items.length });
    return { items };
  }

  /** Auditors: patient searches, newest first, `{items, next?}`. */
  @Get('access-log')
  @AllowedRoles(auditorRoles, { code: 'auditors_only', action: 'read the registry access log' })
  async accessLog(@Query() query: AccessLogQueryDto, @CurrentActor() actor: Actor) {
    const page = await this.registry.accessLog(
      { nhsNumber: query.nhsNumber, organisation: query.organisation, ...timeWindow(query), limit: query.limit ?? 50, before: newestFirstCursor(query.cursor) },
      actor,
    );
    return { items: page.items.map(({ organisation: _flat, key: _key, ...search }) => search), ...(page.next ? { next: encodePageCursor(page.next) } : {}) };
  }

  /** Every entry change after the cursor, in order: `{items, next}` (`next` always given; the same cursor when nothing is new). */
  @Get('changes')
  @AllowedRoles(changeFeedRoles, { code: 'changes_not_readable', action: 'follow the registry change feed' })
  async changes(@Query() query: ChangesQueryDto, @CurrentActor() actor: Actor) {
    const page = await this.registry.changes(query.after ? feedPosition(query.after) : undefined, query.limit ?? 100, actor);
    return { items: page.items, next: encodePageCursor({ after: page.next ?? null }) };
  }
}
