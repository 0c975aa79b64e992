import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/access';
import { healthSchema } from './health.responses';
import { ApiAnswer } from './openapi/decorators';

export const HEALTH_CHECKS = Symbol('HEALTH_CHECKS');

/** Whether a service is up, and how many stored events it set aside as unreadable (when that is known). */
export interface ServiceHealth {
  up: boolean;
  setAside?: number;
}

/** Each service's health, by name. */
export type HealthChecks = Record<string, () => Promise<ServiceHealth>>;

interface Reply {
  status(code: number): Reply;
  send(body: unknown): void;
}

@ApiTags('Health')
@Controller('health')
export class HealthController {
  constructor(@Inject(HEALTH_CHECKS) private readonly checks: HealthChecks) {}

  /**
   * 200 when every service in this process is up, 503 otherwise; needs no token. `setAside` counts, per service,
   * the stored events its projections or relay could not read: visible, not fatal.
   */
  @ApiOperation({ summary: 'Whether every service of this process is up (no token needed)' })
  @ApiAnswer(200, 'Up', healthSchema)
  @ApiAnswer(503, 'A service is down', healthSchema)
  @Get()
  @Public()
  async health(@Res() reply: Reply): Promise<void> {
    const entries = await Promise.all(Object.entries(this.checks).map(async ([name, check]) => [name, await check()] as const));
    const up = entries.every(([, health]) => health.up);
    reply.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).send({
      status: up ? 'up' : 'down',
      services: Object.fromEntries(entries.map(([name, health]) => [name, health.up ? 'up' : 'down'])),
      setAside: Object.fromEntries(entries.map(([name, health]) => [name, health.setAside])),
    });
  }
}
