import { Body, Controller, Get, Headers, Param, Post, Res } from '@nestjs/common';
import type { Actor } from '@app/contracts';
import { AllowedRoles, CurrentActor, entryKeeperRoles } from '@app/access';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessNotes, ApiAnswer, ApiRefusals, Meta, NoteAccess, RequestMeta } from '@app/service-kit';
import { RegistryApplication } from '../application/registry.application';
import { Reply, sendEntry } from './answers';
import { ChangeEntryDto, RecordEntryDto } from './registry.dtos';
import { changeEntryExample, recordEntryExample } from './registry.examples';
import { entrySchema } from './registry.responses';

const entryLinks = {
  GetEntry: { operationId: 'EntriesController_get', parameters: { id: '$response.body#/id' } },
  CancelEntry: { operationId: 'EntriesController_cancel', parameters: { id: '$response.body#/id', 'header.If-Match': '$response.header.ETag' }, requestBody: changeEntryExample },
};

const instant = (value: string): string => new Date(value).toISOString();

/** Entries one by one: a provider records its own appointments (held outside this platform) and changes them. */
@ApiTags('Appointment Registry')
@Controller('registry/entries')
export class EntriesController {
  constructor(private readonly registry: RegistryApplication) {}

  /** 201 recorded (ETag "1", Location); 200 the same request again; 409 entry_exists for other details; 403 not the caller's organisation. */
  @ApiOperation({ summary: 'Record an appointment your organisation holds outside this platform' })
  @ApiBody({ type: RecordEntryDto, examples: { record: { summary: 'An external appointment of A81001', value: recordEntryExample } } })
  @ApiAnswer(201, 'Recorded', entrySchema, { headers: ['ETag', 'Location'], links: entryLinks })
  @ApiAnswer(200, 'Recorded before, with the same details', entrySchema, { headers: ['ETag'], links: entryLinks })
  @ApiRefusals(403, 409, 422)
  @Post()
  @AllowedRoles(entryKeeperRoles, { code: 'not_entry_keeper', action: 'record registry entries' })
  async record(@Body() body: RecordEntryDto, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta, @AccessNotes() note: NoteAccess, @Res() reply: Reply): Promise<void> {
    note({ nhsNumber: body.nhsNumber });
    const { supersedes, ...fields } = body;
    const input = { ...fields, start: instant(body.start), end: instant(body.end), ...(supersedes ? { supersedes } : {}) };
    const { entry, created } = await this.registry.recordEntry(input, actor, meta);
    sendEntry(reply, created ? 201 : 200, entry);
  }

  /** The entry with its ETag, for registry readers; 404 for anyone else. */
  @ApiOperation({ summary: 'A registry entry (ETag: its version)' })
  @ApiAnswer(200, 'The entry', entrySchema, { headers: ['ETag'], links: entryLinks })
  @ApiRefusals(404)
  @Get(':id')
  async get(@Param('id') id: string, @CurrentActor() actor: Actor, @Res() reply: Reply): Promise<void> {
    sendEntry(reply, 200, await this.registry.entry(id, actor));
  }

  /** If-Match required (428), stale 412; 409 entry_not_booked, entry_managed_by_booking. */
  @ApiOperation({ summary: 'Cancel an entry your organisation recorded' })
  @ApiBody({ type: ChangeEntryDto, examples: { cancel: { summary: 'With a reason', value: changeEntryExample } } })
  @ApiAnswer(200, 'Cancelled', entrySchema, { headers: ['ETag'] })
  @ApiRefusals(403, 404, 409, 412, 422, 428)
  @Post(':id/cancel')
  @AllowedRoles(entryKeeperRoles, { code: 'not_entry_keeper', action: 'cancel registry entries' })
  async cancel(
    @Param('id') id: string,
    @Body() body: ChangeEntryDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @Meta() meta: RequestMeta,
    @Res() reply: Reply,
  ): Promise<void> {
    sendEntry(reply, 200, await this.registry.cancelEntry(id, body.reason, ifMatch, actor, meta));
  }

  /** If-Match required (428), stale 412; 409 entry_managed_by_booking. */
  @ApiOperation({ summary: 'Mark an entry your organisation recorded as entered in error' })
  @ApiBody({ type: ChangeEntryDto, examples: { error: { summary: 'With a reason', value: { reason: 'Recorded for the wrong patient' } } } })
  @ApiAnswer(200, 'Marked', entrySchema, { headers: ['ETag'] })
  @ApiRefusals(403, 404, 409, 412, 422, 428)
  @Post(':id/entered-in-error')
  @AllowedRoles(entryKeeperRoles, { code: 'not_entry_keeper', action: 'mark registry entries entered in error' })
  async enteredInError(
    @Param('id') id: string,
    @Body() body: ChangeEntryDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @Meta() meta: RequestMeta,
    @Res() reply: Reply,
  ): Promise<void> {
    sendEntry(reply, 200, await this.registry.markEnteredInError(id, body.reason, ifMatch, actor, meta));
  }
}
