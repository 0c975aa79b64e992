import { Controller, Get, Inject, Query } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { AllowedRoles, CurrentActor, auditorRoles } from '@app/access';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@app/contracts';
import { IsInstant } from '../instant';
import { decodePageCursor, encodePageCursor, longestPageCursor } from '../page-cursor';
import { InvalidInputException } from '../problem.filter';
import { IsNhsNumber } from '../validators';
import type { AccessAudit } from './access-audit';
import { listAccess } from './access-listing';
import { AccessOutcome, accessOutcomes } from './access-record';
import { ApiAnswer, ApiRefusals } from '../openapi/decorators';
import { accessPage, timelineSchema } from './audit.responses';
import { isNewestFirstKey } from './newest-first-page';
import { timeline } from './timeline';

export const ACCESS_AUDIT = Symbol('ACCESS_AUDIT');

export class AccessQueryDto {
  @IsOptional() @IsNhsNumber()
  nhsNumber?: string;

  @IsOptional() @IsString() @MinLength(1) @MaxLength(20)
  organisation?: string;

  @IsOptional() @IsInstant()
  from?: string;

  @IsOptional() @IsInstant()
  to?: string;

  @IsOptional() @IsIn(accessOutcomes)
  outcome?: AccessOutcome;

  @IsOptional() @IsString() @MaxLength(longestPageCursor)
  cursor?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;
}

export class TimelineQueryDto {
  @IsOptional() @IsString() @MinLength(1) @MaxLength(100)
  correlationId?: string;

  @IsOptional() @IsString() @MinLength(1) @MaxLength(100)
  appointmentId?: string;
}

/** A time window, checked: `to` after `from`. */
export function timeWindow(query: { from?: string; to?: string }): { from?: Date; to?: Date } {
  const from = query.from ? new Date(query.from) : undefined;
  const to = query.to ? new Date(query.to) : undefined;
  if (from && to && to <= from) throw new InvalidInputException([{ field: 'to', message: 'to must be after from' }]);
  return { from, to };
}

/** The key a newest-first page cursor holds. */
export function newestFirstCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const key = decodePageCursor(cursor);
  if (isNewestFirstKey(key)) return key;
  throw new InvalidInputException([{ field: 'cursor', message: 'must be the `next` value of a previous page' }]);
}

/** Auditors read who accessed what (every request, refused ones too) and the story of a booking across services. */
@ApiTags('Audit')
@Controller('audit')
export class AuditController {
  constructor(@Inject(ACCESS_AUDIT) private readonly audit: AccessAudit) {}

  /** `{items, next?}` newest first; 403 for anyone but an auditor. */
  @ApiOperation({ summary: 'Who accessed what, refused requests too, newest first (auditors)' })
  @ApiAnswer(200, 'A page of access records', accessPage)
  @ApiRefusals(403)
  @Get('access')
  @AllowedRoles(auditorRoles, { code: 'auditors_only', action: 'read the access audit' })
  async access(@Query() query: AccessQueryDto, @CurrentActor() actor: Actor) {
    const { nhsNumber, organisation, outcome } = query;
    const page = await listAccess(
      this.audit,
      { nhsNumber, organisation, outcome, ...timeWindow(query), limit: query.limit ?? 50, before: newestFirstCursor(query.cursor) },
      actor,
    );
    return {
      items: page.items.map(({ key: _key, organisation: _flat, resourceValues: _values, ...record }) => record),
      ...(page.next ? { next: encodePageCursor(page.next) } : {}),
    };
  }

  /** `{items}` in order; exactly one of `correlationId`, `appointmentId`; 403 for anyone but an auditor. */
  @ApiOperation({ summary: 'The story of a booking across the services, by correlation id or appointment id (auditors)' })
  @ApiAnswer(200, 'Its steps in order', timelineSchema)
  @ApiRefusals(403)
  @Get('timeline')
  @AllowedRoles(auditorRoles, { code: 'auditors_only', action: 'read the access audit' })
  async timeline(@Query() query: TimelineQueryDto, @CurrentActor() actor: Actor) {
    const { correlationId, appointmentId } = query;
    if ((correlationId === undefined) === (appointmentId === undefined)) {
      throw new InvalidInputException([{ field: 'correlationId', message: 'give exactly one of correlationId and appointmentId' }]);
    }
    const items = await timeline(this.audit, correlationId !== undefined ? { correlationId } : { appointmentId: appointmentId! }, actor);
    return { items: items.map(({ id: _id, ...item }) => item) };
  }
}
