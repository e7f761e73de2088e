// A small HTTP client on node:http with keep-alive connections, lighter than fetch so the
// load generator takes less of the CPU the server needs; and a signed-in caller of the API.
import { Agent, request } from 'node:http';

export interface HttpResponse {
  status: number;
  body: string;
  setCookie: string[];
}

export class HttpClient {
  readonly agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  constructor(readonly base: URL) {}

  request(
    method: string,
    path: string,
    { headers = {}, body }: { headers?: Record<string, string>; body?: string } = {},
  ): Promise<HttpResponse> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          agent: this.agent,
          host: this.base.hostname,
          port: this.base.port,
          method,
          path,
          headers:
            body === undefined
              ? headers
              : { ...headers, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              setCookie: res.headers['set-cookie'] ?? [],
            }),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

export const DEMO_PASSWORD = 'tenken-demo';

/** A signed-in person: sends the session cookie, and the CSRF token when changing state. */
export class ApiSession {
  private constructor(
    readonly http: HttpClient,
    readonly personId: string,
    private readonly cookie: string,
    private readonly csrfToken: string,
  ) {}

  static async signIn(http: HttpClient, staffNumber: string): Promise<ApiSession> {
    const response = await http.request('POST', '/api/session', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ staffNumber, password: DEMO_PASSWORD }),
    });
    if (response.status !== 200)
      throw new Error(`sign-in of ${staffNumber} answered ${response.status}: ${response.body}`);
    const cookie = response.setCookie
      .map((c) => c.split(';')[0])
      .find((c) => c?.startsWith('tenken_session='));
    if (!cookie) throw new Error(`sign-in of ${staffNumber} set no session cookie`);
    const { csrfToken, person } = JSON.parse(response.body) as {
      csrfToken: string;
      person: { id: string };
    };
    return new ApiSession(http, person.id, cookie, csrfToken);
  }

  get(path: string): Promise<HttpResponse> {
    return this.http.request('GET', path, { headers: { cookie: this.cookie } });
  }

  post(path: string, body: unknown): Promise<HttpResponse> {
    return this.http.request('POST', path, {
      headers: {
        cookie: this.cookie,
        'x-csrf-token': this.csrfToken,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });
  }
}

/** The demo city's people: ids p00001…, staff numbers 100001…. */
export function demoPerson(n: number): { id: string; staffNumber: string } {
  return { id: `p${String(n).padStart(5, '0')}`, staffNumber: String(100000 + n) };
}
