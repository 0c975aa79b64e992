import { randomUUID } from 'node:crypto';
import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jwtVerify } from 'jose';

/** A message the stand-in took, as Notify would hold it. */
export interface NotifyMessage {
  id: string;
  type: 'sms' | 'email' | 'letter';
  reference?: string;
  templateId: string;
  phoneNumber?: string;
  emailAddress?: string;
  personalisation: Record<string, string>;
  /** Notify's status of it: `created` (letters `accepted`) until the test sets another with `setStatus`. */
  status: string;
  createdAt: string;
}

type Reply = { status: number; body: unknown };
type SendBehaviour = { kind: 'answer'; status: number; errors: { error: string; message: string }[] } | { kind: 'drop' } | { kind: 'hold' };

const notifyError = (status: number, error: string, message: string): Reply => ({ status, body: { status_code: status, errors: [{ error, message }] } });

/**
 * Stands in for GOV.UK Notify in tests: a local HTTP server speaking the part of its API the service uses
 * (POST /v2/notifications/{sms,email,letter}, GET /v2/notifications?reference=, GET /v2/notifications/{id}). Like Notify it checks the JWT
 * the client signs (HS256 with the API key's secret, `iss` the service id, `iat` within 30 s) and validates the
 * payload. Tests can make the next sends fail, drop the connection after taking the message, or hold the answer,
 * and set the status a message reports (as Notify's delivery receipts would move it on).
 */
export class NotifyStandIn {
  readonly serviceId = randomUUID();
  private readonly secret = randomUUID();
  readonly messages: NotifyMessage[] = [];
  /** Every request with whether its token was good: `POST /v2/notifications/sms 201`. */
  readonly requests: string[] = [];
  /** When each message's status was asked for (GET /v2/notifications/{id}), by our reference. */
  readonly statusChecks = new Map<string, number[]>();
  private readonly plans: SendBehaviour[] = [];
  private held: (() => void)[] = [];
  private server?: Server;

  constructor(readonly templateIds: string[]) {}

  /** An API key as Notify issues them: `<key name>-<service id>-<secret>`. */
  get apiKey(): string {
    return `test_key-${this.serviceId}-${this.secret}`;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** The next `count` sends answer `status` without taking the message. */
  failNextSends(status: number, count = 1, error = status >= 500 ? 'Exception' : 'BadRequestError', message = 'refused by the stand-in'): void {
    for (let i = 0; i < count; i++) this.plans.push({ kind: 'answer', status, errors: [{ error, message }] });
  }

  /** The next send is taken, then the connection is cut before the answer: the client never learns it was sent. */
  dropAfterTakingNextSend(): void {
    this.plans.push({ kind: 'drop' });
  }

  /** The next send is taken and its answer held until `releaseHeld()`. */
  holdNextSend(): void {
    this.plans.push({ kind: 'hold' });
  }

  /** What Notify now says of the message the stand-in took under `reference` (our notification id). */
  setStatus(reference: string, status: string): void {
    const message = this.messages.find((m) => m.reference === reference);
    if (!message) throw new Error(`the stand-in took no message referenced ${reference}`);
    message.status = status;
  }

  releaseHeld(): void {
    for (const release of this.held.splice(0)) release();
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.releaseHeld();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const body = await readJson(request);
    const authorised = await this.authorised(request.headers.authorization);
    const send = /^\/v2\/notifications\/(sms|email|letter)$/.exec(url.pathname);
    const byId = /^\/v2\/notifications\/([^/]+)$/.exec(url.pathname);
    let reply: Reply | 'drop' | 'hold';
    if (!authorised) reply = notifyError(403, 'AuthError', 'Invalid token: signature, api token not found');
    else if (request.method === 'GET' && url.pathname === '/v2/notifications') reply = this.byReference(url.searchParams.get('reference'));
    else if (request.method === 'GET' && byId) reply = this.byId(byId[1]);
    else if (request.method === 'POST' && send) reply = this.send(send[1] as NotifyMessage['type'], body);
    else reply = notifyError(404, 'NotFound', 'not a Notify route the stand-in speaks');
    this.requests.push(`${request.method} ${url.pathname} ${typeof reply === 'string' ? reply : reply.status}`);
    if (reply === 'drop') return void response.socket?.destroy();
    if (reply === 'hold') await new Promise<void>((resolve) => this.held.push(resolve));
    const answer = reply === 'hold' ? this.accepted(this.messages[this.messages.length - 1]) : reply;
    response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
  }

  private async authorised(header: string | undefined): Promise<boolean> {
    const token = /^Bearer (.+)$/.exec(header ?? '')?.[1];
    if (!token) return false;
    try {
      const { payload } = await jwtVerify(token, new TextEncoder().encode(this.secret), { issuer: this.serviceId, algorithms: ['HS256'] });
      return typeof payload.iat === 'number' && Math.abs(Date.now() / 1000 - payload.iat) <= 30;
    } catch {
      return false;
    }
  }

  private byReference(reference: string | null): Reply {
    const found = this.messages.filter((message) => reference !== null && message.reference === reference);
    return { status: 200, body: { notifications: found.map(asNotify), links: { current: '/v2/notifications' } } };
  }

  /** Like Notify: 400 for an id that is not a UUID, 404 for one it does not hold. */
  private byId(id: string): Reply {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return notifyError(400, 'ValidationError', 'notification_id is not a valid UUID');
    const message = this.messages.find((m) => m.id === id);
    if (message?.reference) this.statusChecks.set(message.reference, [...(this.statusChecks.get(message.reference) ?? []), Date.now()]);
    return message ? { status: 200, body: asNotify(message) } : notifyError(404, 'NoResultFound', 'No result found');
  }

  private send(type: NotifyMessage['type'], body: Record<string, any>): Reply | 'drop' | 'hold' {
    const invalid = validate(type, body, this.templateIds);
    if (invalid) return notifyError(400, 'ValidationError', invalid);
    const plan = this.plans.shift();
    if (plan?.kind === 'answer') return { status: plan.status, body: { status_code: plan.status, errors: plan.errors } };
    const message: NotifyMessage = {
      id: randomUUID(),
      type,
      reference: body.reference,
      templateId: body.template_id,
      phoneNumber: body.phone_number,
      emailAddress: body.email_address,
      personalisation: body.personalisation ?? {},
      status: type === 'letter' ? 'accepted' : 'created',
      createdAt: new Date().toISOString(),
    };
    this.messages.push(message);
    return plan ? plan.kind : this.accepted(message);
  }

  private accepted(message: NotifyMessage): Reply {
    return {
      status: 201,
      body: { id: message.id, reference: message.reference ?? null, content: { body: message.personalisation.body ?? '' }, template: { id: message.templateId, version: 1 } },
    };
  }
}

/** A message as Notify's GET /v2/notifications answers it (the fields the stand-in knows). */
function asNotify(message: NotifyMessage) {
  const { personalisation } = message;
  const lines = Object.fromEntries(Object.entries(personalisation).filter(([key]) => /^address_line_\d$/.test(key)).map(([key, line]) => [key.replace('address_line_', 'line_'), line]));
  return {
    id: message.id,
    reference: message.reference ?? null,
    email_address: message.emailAddress ?? null,
    phone_number: message.phoneNumber ?? null,
    ...lines,
    type: message.type,
    status: message.status,
    template: { id: message.templateId, version: 1, uri: `/v2/template/${message.templateId}/version/1` },
    body: personalisation.body ?? '',
    subject: message.type === 'sms' ? null : (personalisation.subject ?? ''),
    created_at: message.createdAt,
    created_by_name: null,
    sent_at: message.status === 'created' || message.status === 'accepted' ? null : message.createdAt,
    completed_at: null,
    scheduled_for: null,
    is_cost_data_ready: false,
  };
}

function validate(type: NotifyMessage['type'], body: Record<string, any>, templateIds: string[]): string | undefined {
  if (typeof body.template_id !== 'string' || !templateIds.includes(body.template_id)) return 'Template not found';
  if (type === 'sms' && !/^(\+447\d{9}|07\d{9})$/.test(String(body.phone_number ?? '').replace(/\s/g, ''))) return 'phone_number Not a UK mobile number';
  if (type === 'email' && !/^[^@\s]+@[^@\s]+$/.test(String(body.email_address ?? ''))) return 'email_address Not a valid email address';
  if (type === 'letter') {
    const lines = Object.keys(body.personalisation ?? {}).filter((key) => /^address_line_\d$/.test(key));
    if (lines.length < 3) return 'Address must be at least 3 lines';
  }
  return undefined;
}

function readJson(request: IncomingMessage): Promise<Record<string, any>> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        resolve(chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {});
      } catch {
        resolve({});
      }
    });
  });
}
