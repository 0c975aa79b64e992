import { randomUUID } from 'node:crypto';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** A thin HTTP client for the platform's API, as a user's integration would call it. */
export class ApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token?: string,
  ) {}

  withToken(token: string | undefined): ApiClient {
    return new ApiClient(this.baseUrl, token);
  }

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }

  post<T = any>(path: string, body: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body, headers);
  }

  patch<T = any>(path: string, body: unknown, headers?: Record<string, string>) {
    return this.request<T>('PATCH', path, body, headers);
  }

  delete<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>('DELETE', path, undefined, headers);
  }
}

/** A slot starting `daysAhead` days from now at a unique minute, so tests never collide. */
export function slotInput(organisation: string, overrides: Record<string, unknown> = {}, daysAhead = 3) {
  const start = new Date(Date.now() + daysAhead * 86_400_000 + Math.floor(Math.random() * 600) * 60_000);
  start.setUTCSeconds(0, 0);
  return {
    organisation,
    serviceType: 'phlebotomy',
    deliveryChannel: 'in-person',
    start: start.toISOString(),
    end: new Date(start.getTime() + 10 * 60_000).toISOString(),
    ...overrides,
  };
}

export const validNhsNumbers = ['9434765919', '9990000018', '4010232137', '9000000009'];

/** A random NHS number from the test range (999 000 0000–999 999 9999) with a valid modulus-11 check digit. */
export function testNhsNumber(): string {
  for (;;) {
    const body = `999${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
    const sum = [...body].reduce((total, digit, i) => total + Number(digit) * (10 - i), 0);
    const check = (11 - (sum % 11)) % 11;
    if (check !== 10) return `${body}${check}`;
  }
}

export const uniqueKey = (): string => randomUUID();
