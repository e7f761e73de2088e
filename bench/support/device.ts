// A device at the protocol level: its own id, cursor and scope, pulling as the app does.
import { SYNC_SCHEMA_VERSION } from '@/shared/sync/mutations.ts';
import type { PullResponse } from '@/shared/sync/protocol.ts';
import type { ApiSession, HttpResponse } from './http.ts';

export class BenchDevice {
  cursor = 0;
  scope: string | undefined;
  nextSeq = 1;

  constructor(
    readonly session: ApiSession,
    readonly clientId: string,
  ) {}

  pullPath(): string {
    const query = new URLSearchParams({
      clientId: this.clientId,
      cursor: String(this.cursor),
      schemaVersion: String(SYNC_SCHEMA_VERSION),
      ...(this.scope ? { scope: this.scope } : {}),
    });
    return `/api/sync/pull?${query}`;
  }

  /** Reads a pull answer (not validated: the server's own tests do that) and moves the cursor. */
  accept(response: HttpResponse): PullResponse {
    if (response.status !== 200)
      throw new Error(`pull answered ${response.status}: ${response.body.slice(0, 300)}`);
    const page = JSON.parse(response.body) as PullResponse;
    this.cursor = page.cursor;
    this.scope = page.scope;
    return page;
  }

  /** Pulls until nothing more waits; returns every page. */
  async pullAll(): Promise<PullResponse[]> {
    const pages: PullResponse[] = [];
    do pages.push(this.accept(await this.session.get(this.pullPath())));
    while (pages.at(-1)?.more);
    return pages;
  }
}
