// Signing in and staying signed in: the session cookie, expiry, sign-out, password change
// and reset, deactivation, forgery protection, throttling, the OpenAPI document, and that
// no password or hash ever leaves the server in an answer or a log line.
import { format } from 'node:util';
import type { Hono } from 'hono';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '@/server/app.ts';
import { defaultSessionPolicy } from '@/server/auth/sessions.ts';
import { defaultThrottlePolicy } from '@/server/auth/sign-in-throttle.ts';
import { operationList, operations, type Operation } from '@/shared/api/operations.ts';
import { errorResponseSchema, sessionResponseSchema } from '@/shared/api/schemas.ts';
import type { Person } from '@/shared/schemas/organisation.ts';
import { openDemoCity, type DemoCityFixture } from './support/demo-city-fixture.ts';
import { testDatabases } from './support/test-databases.ts';

const BASE_TIME = new Date('2026-11-24T00:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Every password a test sends; none may appear in an answer or a log line. */
const passwords = new Set<string>();
const password = (p: string) => (passwords.add(p), p);
const NEW_PASSWORD = password('a-brand-new-password');
const OTHER_PASSWORD = password('another-new-password');
const WRONG_PASSWORD = password('certainly-wrong-pw');

/** The answers (headers and body) of the current test. */
const produced: string[] = [];
/** Log lines are kept for the whole file, and muted. */
const consoleSpies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
  vi.spyOn(console, method).mockImplementation(() => undefined),
);
afterAll(() => consoleSpies.forEach((spy) => spy.mockRestore()));

interface Session {
  cookie: string;
  csrfToken: string;
}

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // Tests read the body as they need it; the schemas check it where it matters.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

interface Send {
  method?: string;
  /** Sent as JSON unless `raw` is given. */
  json?: unknown;
  raw?: { contentType: string; text: string };
  session?: Session | null;
  /** The X-CSRF-Token header: the session's by default, none with null. */
  csrf?: string | null;
  origin?: string;
  /** The client's network address (the socket's remote address). */
  address?: string;
  /** The scheme and host the request arrives at. */
  base?: string;
}

describe.each(testDatabases())('signing in on $name', (kind) => {
  let city: DemoCityFixture;
  let app: Hono;
  let now: Date;
  let address: string;
  let addresses = 0;
  /** Staff members no other test touches, handed out one at a time. */
  let pool: Person[];

  beforeAll(async () => {
    city = await openDemoCity(kind);
    passwords.add(city.password);
    app = createApp({ db: city.db, clock: () => now });
    const demo = new Set(Object.values(city.accounts).map((a) => a.id));
    pool = city.org.people.filter(
      (p) => p.active && p.roles.length === 1 && p.roles[0] === 'staff' && !demo.has(p.id),
    );
  });
  afterAll(() => city.db.close());

  beforeEach(() => {
    now = BASE_TIME;
    // Each test throttles on its own address, so no test's failures lock another out.
    address = `10.0.1.${++addresses}`;
    produced.length = 0;
  });

  afterEach(async () => {
    const hashes = await city.db.query<{ password_hash: string }>(
      'select distinct password_hash from credentials',
    );
    const secrets = [...passwords, 'scrypt$', ...hashes.map((h) => h.password_hash)];
    // Every log line since the file started, seeding included.
    const logged = consoleSpies.flatMap((spy) => spy.mock.calls.map((args) => format(...args)));
    for (const text of [...produced, ...logged])
      for (const secret of secrets) expect(text).not.toContain(secret);
  });

  const take = (): Person => {
    const person = pool.shift();
    if (!person) throw new Error('the pool of staff members ran out');
    return person;
  };

  async function send(path: string, options: Send = {}): Promise<Answer> {
    const { method = 'GET', json, raw, session, origin, base = 'http://localhost' } = options;
    const headers: Record<string, string> = {};
    if (session) headers.cookie = session.cookie;
    const csrf = options.csrf === undefined ? session?.csrfToken : options.csrf;
    if (csrf && method !== 'GET') headers['x-csrf-token'] = csrf;
    if (origin) headers.origin = origin;
    let body: string | undefined;
    if (raw) [headers['content-type'], body] = [raw.contentType, raw.text];
    else if (json !== undefined)
      [headers['content-type'], body] = ['application/json', JSON.stringify(json)];
    const env = { incoming: { socket: { remoteAddress: options.address ?? address } } };
    const response = await app.request(
      `${base}${path}`,
      { method, headers, ...(body === undefined ? {} : { body }) },
      env,
    );
    const text = await response.text();
    produced.push(text, ...[...response.headers].map(([k, v]) => `${k}: ${v}`));
    return {
      status: response.status,
      headers: response.headers,
      text,
      body: text ? JSON.parse(text) : null,
    };
  }

  const signInRequest = (staffNumber: string, pw: string, options: Send = {}) =>
    send('/api/session', { method: 'POST', json: { staffNumber, password: pw }, ...options });

  async function signIn(staffNumber: string, pw = city.password): Promise<Session> {
    const answer = await signInRequest(staffNumber, pw);
    expect(answer.status, answer.text).toBe(200);
    const cookie = answer.headers.get('set-cookie')?.match(/tenken_session=[^;]+/)?.[0];
    if (!cookie) throw new Error('no session cookie');
    return { cookie, csrfToken: sessionResponseSchema.parse(answer.body).csrfToken };
  }

  const signedIn = async (session: Session) =>
    (await send('/api/session', { session })).status === 200;
  const signInAdmin = () => signIn(city.accounts.admin.staffNumber);
  const credentialsOf = async (personId: string) =>
    (
      await city.db.query<{ password_hash: string; must_change: boolean }>(
        'select password_hash, must_change from credentials where person_id = $1',
        [personId],
      )
    )[0];
  const liveSessions = async (personId: string) =>
    (
      await city.db.query<{ n: number }>(
        'select count(*)::int as n from sessions where person_id = $1 and revoked_at is null',
        [personId],
      )
    )[0]?.n;
  const cookieAttributes = (answer: Answer) =>
    (answer.headers.get('set-cookie') ?? '')
      .split(';')
      .slice(1)
      .map((a) => a.trim().split('=')[0]?.toLowerCase() ?? '');

  describe('the session cookie', () => {
    it('is HttpOnly, SameSite=Strict and limited to /api, and lasts the absolute lifetime', async () => {
      const person = take();
      const answer = await signInRequest(person.staffNumber, city.password);
      expect(answer.status).toBe(200);
      const header = answer.headers.get('set-cookie') ?? '';
      expect(header).toMatch(/^tenken_session=[A-Za-z0-9_-]{40,};/);
      expect(header).toContain('HttpOnly');
      expect(header).toContain('SameSite=Strict');
      expect(header).toContain('Path=/api');
      expect(cookieAttributes(answer)).not.toContain('secure');
      const expires = new Date(now.getTime() + defaultSessionPolicy.absoluteHours * HOUR);
      expect(header).toContain(`Expires=${expires.toUTCString()}`);
      const session = sessionResponseSchema.parse(answer.body);
      expect(session).toMatchObject({
        person: { id: person.id, staffNumber: person.staffNumber, roles: ['staff'] },
        mustChangePassword: false,
        expiresAt: expires.toISOString(),
      });
      // The CSRF token is not the cookie's token.
      expect(header).not.toContain(session.csrfToken);
    });

    it('is Secure when the request arrives over https', async () => {
      const answer = await signInRequest(take().staffNumber, city.password, {
        base: 'https://tenken.city.example',
      });
      expect(answer.status).toBe(200);
      expect(cookieAttributes(answer)).toContain('secure');
    });
  });

  describe('a refused sign-in', () => {
    it('looks the same for a wrong password, an unknown staff number and a person who left', async () => {
      const leaver = take();
      await city.db.query('update people set active = false where id = $1', [leaver.id]);
      const answers = [
        await signInRequest(take().staffNumber, WRONG_PASSWORD),
        await signInRequest('999999', city.password),
        await signInRequest(leaver.staffNumber, city.password),
      ];
      for (const answer of answers) {
        expect(answer.status).toBe(401);
        expect(answer.headers.get('set-cookie')).toBeNull();
        expect(answer.text).toBe(answers[0]?.text);
      }
      expect(answers[0]?.body).toEqual({
        error: {
          code: 'invalid_credentials',
          message: 'the staff number or the password is not correct',
        },
      });
    });

    it.each([
      [
        'form data',
        { contentType: 'application/x-www-form-urlencoded', text: 'staffNumber=1&password=2' },
      ],
      ['text', { contentType: 'text/plain', text: '{"staffNumber":"1","password":"2"}' }],
      ['broken JSON', { contentType: 'application/json', text: '{"staffNumber":' }],
    ])('answers a body of %s with 400', async (_, raw) => {
      const answer = await send('/api/session', { method: 'POST', raw });
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('invalid_request');
      expect(answer.headers.get('set-cookie')).toBeNull();
    });

    it('answers a password longer than allowed with 400 and does not echo it', async () => {
      const long = password('x'.repeat(201));
      const answer = await signInRequest(take().staffNumber, long);
      expect(answer.status).toBe(400);
      expect(answer.body.error.problems).toEqual([expect.objectContaining({ path: 'password' })]);
    });
  });

  describe('session expiry', () => {
    const { idleMinutes, absoluteHours } = defaultSessionPolicy;

    it(`ends a session left unused for ${idleMinutes} minutes, and use keeps it alive`, async () => {
      const session = await signIn(take().staffNumber);
      now = new Date(BASE_TIME.getTime() + (idleMinutes - 1) * MINUTE);
      expect(await signedIn(session)).toBe(true);
      now = new Date(now.getTime() + (idleMinutes - 1) * MINUTE);
      expect(await signedIn(session)).toBe(true);
      now = new Date(now.getTime() + idleMinutes * MINUTE);
      const answer = await send('/api/sheets', { session });
      expect(answer.status).toBe(401);
      expect(answer.body.error.code).toBe('not_signed_in');
      // The dead cookie is cleared.
      expect(answer.headers.get('set-cookie')).toMatch(/^tenken_session=; Max-Age=0; Path=\/api/);
    });

    it(`ends a session ${absoluteHours} hours after sign-in, however busy`, async () => {
      const session = await signIn(take().staffNumber);
      const end = BASE_TIME.getTime() + absoluteHours * HOUR;
      for (let t = BASE_TIME.getTime(); t < end; t += (idleMinutes - 1) * MINUTE) {
        now = new Date(t);
        expect(await signedIn(session), now.toISOString()).toBe(true);
      }
      now = new Date(end - MINUTE);
      expect(await signedIn(session)).toBe(true);
      now = new Date(end);
      expect(await signedIn(session)).toBe(false);
    });
  });

  describe('signing out', () => {
    it('revokes the session on the server: the old cookie is refused afterwards', async () => {
      const session = await signIn(take().staffNumber);
      const answer = await send('/api/session', { method: 'DELETE', session });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('set-cookie')).toMatch(/^tenken_session=; Max-Age=0/);
      const again = await send('/api/sheets', { session });
      expect(again.status).toBe(401);
    });
  });

  describe("changing one's password", () => {
    it('ends the other sessions, keeps this one, and replaces the password', async () => {
      const person = take();
      const [here, elsewhere] = [
        await signIn(person.staffNumber),
        await signIn(person.staffNumber),
      ];
      const answer = await send('/api/session/password', {
        method: 'POST',
        session: here,
        json: { currentPassword: city.password, newPassword: NEW_PASSWORD },
      });
      expect(answer.status).toBe(200);
      expect(await signedIn(here)).toBe(true);
      expect(await signedIn(elsewhere)).toBe(false);
      expect((await signInRequest(person.staffNumber, city.password)).status).toBe(401);
      await signIn(person.staffNumber, NEW_PASSWORD);
    });

    it('refuses a wrong current password and changes nothing', async () => {
      const person = take();
      const [here, elsewhere] = [
        await signIn(person.staffNumber),
        await signIn(person.staffNumber),
      ];
      const before = await credentialsOf(person.id);
      const answer = await send('/api/session/password', {
        method: 'POST',
        session: here,
        json: { currentPassword: WRONG_PASSWORD, newPassword: NEW_PASSWORD },
      });
      expect(answer.status).toBe(403);
      expect(answer.body.error.code).toBe('wrong_password');
      expect(await credentialsOf(person.id)).toEqual(before);
      expect(await signedIn(elsewhere)).toBe(true);
    });

    it('limits guesses of the current password like failed sign-ins', async () => {
      const person = take();
      const session = await signIn(person.staffNumber);
      const guess = () =>
        send('/api/session/password', {
          method: 'POST',
          session,
          json: { currentPassword: WRONG_PASSWORD, newPassword: NEW_PASSWORD },
        });
      for (let i = 0; i < defaultThrottlePolicy.perAccount; i++)
        expect((await guess()).status).toBe(403);
      const locked = await guess();
      expect(locked.status).toBe(429);
      expect(locked.body.error.code).toBe('too_many_attempts');
      expect((await signInRequest(person.staffNumber, city.password)).status).toBe(429);
    });

    it('refuses a new password that is too short, naming the field', async () => {
      const person = take();
      const session = await signIn(person.staffNumber);
      const answer = await send('/api/session/password', {
        method: 'POST',
        session,
        json: { currentPassword: city.password, newPassword: password('short') },
      });
      expect(answer.status).toBe(400);
      expect(answer.body.error.problems).toEqual([
        { path: 'newPassword', message: 'must be at least 10 characters' },
      ]);
    });
  });

  describe("an administrator's password reset", () => {
    it('ends the sessions, and the person must choose a new password before anything else', async () => {
      const person = take();
      const old = await signIn(person.staffNumber);
      const admin = await signInAdmin();
      const reset = await send(`/api/people/${person.id}/password`, {
        method: 'POST',
        session: admin,
        json: { newPassword: NEW_PASSWORD },
      });
      expect(reset.status).toBe(200);
      expect(await signedIn(old)).toBe(false);
      expect((await signInRequest(person.staffNumber, city.password)).status).toBe(401);

      const signInAnswer = await signInRequest(person.staffNumber, NEW_PASSWORD);
      expect(signInAnswer.body.mustChangePassword).toBe(true);
      const session = await signIn(person.staffNumber, NEW_PASSWORD);

      // Every operation but the session's own answers 403 until the password is changed.
      const blocked = operationList.filter(
        (op) => op.access.kind !== 'public' && !op.beforePasswordChange,
      );
      expect(blocked.map((op) => op.id)).toEqual(
        expect.arrayContaining(['listSheets', 'getSheet', 'listTemplates', 'listPeople']),
      );
      for (const op of blocked) {
        const answer = await callOperation(op, session, person.id);
        expect(answer.status, op.id).toBe(403);
        expect(answer.body.error.code, op.id).toBe('password_change_required');
      }
      const current = await send('/api/session', { session });
      expect(current.status).toBe(200);
      expect(current.body.mustChangePassword).toBe(true);

      const change = await send('/api/session/password', {
        method: 'POST',
        session,
        json: { currentPassword: NEW_PASSWORD, newPassword: OTHER_PASSWORD },
      });
      expect(change.status).toBe(200);
      expect((await send('/api/sheets', { session })).status).toBe(200);
      expect((await send('/api/session', { session })).body.mustChangePassword).toBe(false);
    });

    /** Calls an operation with a harmless id and body: the checks before the handler decide. */
    function callOperation(op: Operation, session: Session, id: string) {
      const path = `/api${op.path.replace(/\{\w+\}/g, id)}`;
      return send(path, {
        method: op.method.toUpperCase(),
        session,
        ...(op.body ? { json: {} } : {}),
      });
    }
  });

  describe('deactivation', () => {
    it('ends the sessions and blocks sign-in, with the usual refusal', async () => {
      const person = take();
      const old = await signIn(person.staffNumber);
      const admin = await signInAdmin();
      const answer = await send(`/api/people/${person.id}/deactivate`, {
        method: 'POST',
        session: admin,
      });
      expect(answer.status).toBe(200);
      expect(await liveSessions(person.id)).toBe(0);
      expect(await signedIn(old)).toBe(false);
      const again = await signInRequest(person.staffNumber, city.password);
      expect(again.status).toBe(401);
      expect(again.body.error.code).toBe('invalid_credentials');
    });
  });

  describe('forgery protection', () => {
    it.each([
      ['without', null],
      ['with a wrong', 'not-the-token'],
    ])('refuses a state-changing request %s X-CSRF-Token and changes nothing', async (_, csrf) => {
      const person = take();
      const session = await signIn(person.staffNumber);
      const before = await credentialsOf(person.id);

      const signOut = await send('/api/session', { method: 'DELETE', session, csrf });
      const change = await send('/api/session/password', {
        method: 'POST',
        session,
        csrf,
        json: { currentPassword: city.password, newPassword: NEW_PASSWORD },
      });
      for (const answer of [signOut, change]) {
        expect(answer.status).toBe(403);
        expect(answer.body.error.code).toBe('csrf_token');
      }
      expect(await signedIn(session)).toBe(true);
      expect(await credentialsOf(person.id)).toEqual(before);

      const target = take();
      const admin = await signInAdmin();
      const reset = await send(`/api/people/${target.id}/password`, {
        method: 'POST',
        session: admin,
        csrf,
        json: { newPassword: NEW_PASSWORD },
      });
      const deactivate = await send(`/api/people/${target.id}/deactivate`, {
        method: 'POST',
        session: admin,
        csrf,
      });
      expect([reset.status, deactivate.status]).toEqual([403, 403]);
      await signIn(target.staffNumber);
    });

    it("refuses another session's token", async () => {
      const person = take();
      const [mine, other] = [await signIn(person.staffNumber), await signIn(take().staffNumber)];
      const answer = await send('/api/session', {
        method: 'DELETE',
        session: mine,
        csrf: other.csrfToken,
      });
      expect(answer.status).toBe(403);
      expect(await signedIn(mine)).toBe(true);
    });

    it.each(['https://evil.example', 'http://localhost.evil.example', 'null'])(
      'refuses sign-in from Origin %s and sets no cookie',
      async (origin) => {
        const person = take();
        const answer = await signInRequest(person.staffNumber, city.password, { origin });
        expect(answer.status).toBe(403);
        expect(answer.body.error.code).toBe('cross_site');
        expect(answer.headers.get('set-cookie')).toBeNull();
        expect(await liveSessions(person.id)).toBe(0);
      },
    );

    it('refuses a signed-in request from another Origin, even with the right token', async () => {
      const person = take();
      const session = await signIn(person.staffNumber);
      const before = await credentialsOf(person.id);
      const origin = 'https://evil.example';
      const change = await send('/api/session/password', {
        method: 'POST',
        session,
        origin,
        json: { currentPassword: city.password, newPassword: NEW_PASSWORD },
      });
      const signOut = await send('/api/session', { method: 'DELETE', session, origin });
      for (const answer of [change, signOut]) {
        expect(answer.status).toBe(403);
        expect(answer.body.error.code).toBe('cross_site');
      }
      expect(await credentialsOf(person.id)).toEqual(before);
      expect(await signedIn(session)).toBe(true);
    });

    it('accepts our own Origin', async () => {
      const answer = await signInRequest(take().staffNumber, city.password, {
        origin: 'http://localhost',
      });
      expect(answer.status).toBe(200);
    });
  });

  describe('throttling failed sign-ins', () => {
    const { perAccount, perAddress, windowMinutes } = defaultThrottlePolicy;

    it(`locks an account after ${perAccount} failures, even for the right password, until the window passes`, async () => {
      const person = take();
      for (let i = 0; i < perAccount; i++)
        expect((await signInRequest(person.staffNumber, WRONG_PASSWORD)).status).toBe(401);

      const locked = await signInRequest(person.staffNumber, city.password);
      expect(locked.status).toBe(429);
      expect(errorResponseSchema.parse(locked.body)).toEqual({
        error: {
          code: 'too_many_attempts',
          message: `too many failed sign-ins; try again in ${windowMinutes} minutes`,
          retryAfterMinutes: windowMinutes,
        },
      });
      expect(locked.headers.get('set-cookie')).toBeNull();
      // The account is locked from every address.
      const elsewhere = await signInRequest(person.staffNumber, city.password, {
        address: '10.9.9.9',
      });
      expect(elsewhere.status).toBe(429);

      now = new Date(BASE_TIME.getTime() + (windowMinutes - 1) * MINUTE);
      const later = await signInRequest(person.staffNumber, city.password);
      expect(later.status).toBe(429);
      expect(later.body.error.retryAfterMinutes).toBe(1);
      expect(later.body.error.message).toContain('1 minutes');

      now = new Date(BASE_TIME.getTime() + windowMinutes * MINUTE);
      await signIn(person.staffNumber);
    });

    it(`locks an address after ${perAddress} failures across different accounts`, async () => {
      for (let i = 0; i < perAddress; i++)
        expect((await signInRequest(take().staffNumber, WRONG_PASSWORD)).status).toBe(401);
      const person = take();
      const locked = await signInRequest(person.staffNumber, city.password);
      expect(locked.status).toBe(429);
      expect(locked.body.error.retryAfterMinutes).toBe(windowMinutes);
      // Another address is not affected.
      const other = await signInRequest(person.staffNumber, city.password, {
        address: '10.9.9.10',
      });
      expect(other.status).toBe(200);
    });

    it("clears the account's count after a successful sign-in", async () => {
      const person = take();
      for (let round = 0; round < 2; round++) {
        for (let i = 0; i < perAccount - 1; i++)
          expect((await signInRequest(person.staffNumber, WRONG_PASSWORD)).status).toBe(401);
        await signIn(person.staffNumber);
      }
    });

    it(`checks no more than ${perAccount} passwords of guesses sent all at once`, async () => {
      const person = take();
      const answers = await Promise.all(
        Array.from({ length: 3 * perAccount }, () =>
          signInRequest(person.staffNumber, WRONG_PASSWORD),
        ),
      );
      const checked = answers.filter((a) => a.status === 401).length;
      expect(checked).toBeLessThanOrEqual(perAccount);
      expect(answers.filter((a) => a.status === 429)).toHaveLength(answers.length - checked);
    });
  });

  describe('no password or hash leaves the server', () => {
    it('the OpenAPI document and the people register hold no hash', async () => {
      const document = await send('/api/openapi.json');
      const people = await send('/api/people?limit=200', { session: await signInAdmin() });
      expect(people.status).toBe(200);
      expect(people.body.people).toHaveLength(200);
      expect(people.body.total).toBe(city.org.people.length);
      for (const answer of [document, people])
        expect(answer.text).not.toMatch(/scrypt|password_?hash/i);
      for (const person of people.body.people as Record<string, unknown>[])
        expect(Object.keys(person).filter((k) => /password|credential/i.test(k))).toEqual([]);
      // The checks after each test scan these answers and every log line for the passwords
      // and the stored hashes themselves.
    });

    it('a failing request logs the error without the password it carried', async () => {
      const failing = createApp({
        db: {
          ...city.db,
          query: () => Promise.reject(new Error('the database went away')),
        },
      });
      const answer = await failing.request(
        '/api/session',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ staffNumber: take().staffNumber, password: city.password }),
        },
        { incoming: { socket: { remoteAddress: address } } },
      );
      produced.push(await answer.text());
      expect(answer.status).toBe(500);
      const logged = consoleSpies.flatMap((spy) => spy.mock.calls.map((a) => format(...a)));
      expect(logged).toContainEqual(expect.stringMatching(/^POST \/api\/session failed: /));
    });
  });

  describe('the OpenAPI document', () => {
    it('is OpenAPI 3.1 with one operation per entry of the list, each saying who may call it', async () => {
      const answer = await send('/api/openapi.json');
      expect(answer.status).toBe(200);
      const document = answer.body as {
        openapi: string;
        info: { title: string; version: string };
        paths: Record<string, Record<string, Record<string, unknown>>>;
        components: { securitySchemes: Record<string, unknown> };
      };
      expect(document.openapi).toBe('3.1.0');
      expect(document.info).toMatchObject({
        title: expect.any(String),
        version: expect.any(String),
      });
      expect(document.components.securitySchemes.session).toEqual({
        type: 'apiKey',
        in: 'cookie',
        name: 'tenken_session',
      });
      const described = Object.entries(document.paths).flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, op]) => ({ path, method, op })),
      );
      expect(described.map((d) => d.op.operationId).sort()).toEqual(
        operationList.map((op) => op.id).sort(),
      );
      for (const op of operationList) {
        const entry = document.paths[`/api${op.path}`]?.[op.method];
        expect(entry, op.id).toBeDefined();
        expect(entry?.operationId).toBe(op.id);
        expect(entry?.description).toMatch(/^Who may call: .+\.$/);
        expect(entry?.['x-access']).toEqual(op.access);
        expect(entry?.responses).toHaveProperty('200');
        if (op.access.kind === 'public') expect(entry?.security).toEqual([]);
        else {
          expect(entry?.security).toEqual([{ session: [] }]);
          expect(entry?.responses).toHaveProperty('401');
          expect(entry?.responses).toHaveProperty('403');
        }
        if (op.body) expect(entry?.requestBody).toMatchObject({ required: true });
        if (op.body || op.params || op.query) expect(entry?.responses).toHaveProperty('400');
        for (const name of op.path.match(/\{(\w+)\}/g) ?? [])
          expect(entry?.parameters).toContainEqual(
            expect.objectContaining({ name: name.slice(1, -1), in: 'path', required: true }),
          );
      }
    });

    it('names the roles that hold a capability', async () => {
      const { body } = await send('/api/openapi.json');
      const descriptionOf = (path: string, method: string) =>
        (body.paths[path][method] as { description: string }).description;
      expect(descriptionOf('/api/people', 'get')).toBe('Who may call: roles: auditor, admin.');
      expect(descriptionOf('/api/people/{id}/deactivate', 'post')).toBe(
        'Who may call: roles: admin.',
      );
      expect(descriptionOf('/api/health', 'get')).toBe('Who may call: anyone, without signing in.');
      expect(descriptionOf('/api/sheets', 'get')).toContain(operations.listSheets.access.scope);
    });
  });
});
