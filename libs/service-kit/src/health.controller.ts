import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { Public } from '@app/access';

export const HEALTH_CHECKS = Symbol('HEALTH_CHECKS');

/** Name of a service and whether it is up. */
export type HealthChecks = Record<string, () => Promise<boolean>>;

interface Reply {
  status(code: number): Reply;
  send(body: unknown): void;
}

@Controller('health')
export class HealthController {
  constructor(@Inject(HEALTH_CHECKS) private readonly checks: HealthChecks) {}

  /** 200 when every service in this process is up, 503 otherwise; needs no token. */
  @Get()
  @Public()
  async health(@Res() reply: Reply): Promise<void> {
    const entries = await Promise.all(Object.entries(this.checks).map(async ([name, check]) => [name, (await check()) ? 'up' : 'down'] as const));
    const up = entries.every(([, status]) => status === 'up');
    reply.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).send({ status: up ? 'up' : 'down', services: Object.fromEntries(entries) });
  }
}
