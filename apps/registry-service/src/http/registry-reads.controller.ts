import { Controller, Get, Headers, Param, Query } from '@nestjs/common';
import type { Actor } from '@app/contracts';
import { AllowedRoles, CurrentActor, auditorRoles, changeFeedRoles } from '@app/access';
import { ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  AccessNotes,
  ApiAnswer,
  ApiQueryByRule,
  ApiRefusals,
  InvalidInputException,
  NoteAccess,
  commaListOf,
  decodePageCursor,
  encodePageCursor,
  newestFirstCursor,
  ruleSchemaByName,
  timeWindow,
} from '@app/service-kit';
import { entryStatuses } from '../application/patient-search';
import { accessLogPage, changesPage, patientEntries } from './registry.responses';
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
@ApiTags('Appointment Registry')
@Controller('registry')
export class RegistryReadsController {
  constructor(private readonly registry: RegistryApplication) {}

  /** `{items}` by start; 403 for callers who may not read the registry, 400 for an invalid query; every search recorded (access audit). */
  @ApiOperation({ summary: 'A patient’s registry entries (care roles and auditors; every search recorded with its purpose)' })
  @ApiParam({ name: 'nhsNumber', schema: ruleSchemaByName('isNhsNumber') as never })
  @ApiQuery({
    name: 'status',
    required: false,
    description: `One status or a comma list of ${entryStatuses.join(', ')}; default booked (and not yet ended)`,
    schema: commaListOf(entryStatuses.join('|')) as never,
  })
  @ApiQueryByRule('from', 'isInstant', 'Entries starting at or after this instant')
  @ApiQueryByRule('to', 'isInstant', 'Entries starting before this instant')
  @ApiAnswer(200, 'The entries, by start', patientEntries)
  @ApiRefusals(403)
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
  @ApiOperation({ summary: 'Patient searches of release 0.1, newest first (auditors)' })
  @ApiAnswer(200, 'A page of searches', accessLogPage)
  @ApiRefusals(403)
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
  @ApiOperation({ summary: 'Every entry change after the cursor, in order (systems of care organisations, auditors)' })
  @ApiAnswer(200, 'A page of changes; `next` always given', changesPage)
  @ApiRefusals(403)
  @Get('changes')
  @AllowedRoles(changeFeedRoles, { code: 'changes_not_readable', action: 'follow the registry change feed' })
  async changes(@Query() query: ChangesQueryDto, @CurrentActor() actor: Actor) {
    const page = await this.registry.changes(query.after ? feedPosition(query.after) : undefined, query.limit ?? 100, actor);
    return { items: page.items, next: encodePageCursor({ after: page.next ?? null }) };
  }
}
