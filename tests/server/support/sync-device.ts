// A device at the protocol level for server tests: numbers its mutations, pushes and pulls
// through the API as the app does, and keeps its cursor and scope.
import type { Hono } from 'hono';
import { SYNC_SCHEMA_VERSION, type Mutation, type MutationName } from '@/shared/sync/mutations.ts';
import {
  pullResponseSchema,
  pushResponseSchema,
  type MutationResult,
  type PullResponse,
} from '@/shared/sync/protocol.ts';
import { signIn, type ApiCaller } from './api-session.ts';

export class SyncDevice {
  nextSeq = 1;
  cursor = 0;
  scope: string | undefined;

  private constructor(
    readonly caller: ApiCaller,
    readonly clientId: string,
  ) {}

  static async signIn(app: Hono, staffNumber: string, password: string, clientId?: string) {
    return new SyncDevice(
      await signIn(app, staffNumber, password),
      clientId ?? `device-${Math.random().toString(36).slice(2, 12)}`,
    );
  }

  /** Numbers a mutation as the outbox would. */
  mutation<N extends MutationName>(
    name: N,
    args: Extract<Mutation, { name: N }>['args'],
    madeAt = new Date().toISOString(),
  ): Mutation {
    return {
      seq: this.nextSeq++,
      name,
      args,
      schemaVersion: SYNC_SCHEMA_VERSION,
      madeAt,
    } as Mutation;
  }

  pushRaw(mutations: readonly object[], schemaVersion = SYNC_SCHEMA_VERSION) {
    return this.caller.request('POST', '/api/sync/push', {
      clientId: this.clientId,
      schemaVersion,
      mutations,
    });
  }

  async push(mutations: readonly Mutation[]): Promise<MutationResult[]> {
    const response = await this.pushRaw(mutations);
    if (response.status !== 200)
      throw new Error(`push answered ${response.status}: ${await response.text()}`);
    return pushResponseSchema.parse(await response.json()).results;
  }

  async pullPage(): Promise<PullResponse> {
    const query = new URLSearchParams({
      clientId: this.clientId,
      cursor: String(this.cursor),
      schemaVersion: String(SYNC_SCHEMA_VERSION),
      ...(this.scope ? { scope: this.scope } : {}),
    });
    const response = await this.caller.request('GET', `/api/sync/pull?${query}`);
    if (response.status !== 200)
      throw new Error(`pull answered ${response.status}: ${await response.text()}`);
    const page = pullResponseSchema.parse(await response.json());
    this.cursor = page.cursor;
    this.scope = page.scope;
    return page;
  }

  /** Pulls until nothing more waits; returns every page. */
  async pullAll(): Promise<PullResponse[]> {
    const pages = [await this.pullPage()];
    while (pages.at(-1)?.more) pages.push(await this.pullPage());
    return pages;
  }
}
