// What the benchmark's page (page.ts, in Chromium) offers the benchmark (first-pull.ts, in
// Node) as window.bench: each call runs one measurement and answers plain data.

/** One run: the time measured, and what the database held afterwards (checked). */
export interface RunResult {
  ms: number;
  sheets: number;
  answers: number;
}

export interface FetchResult {
  /** From the first request to the last page parsed: HTTP, the server, JSON and zod. */
  ms: number;
  pages: { sheets: number; answers: number; bytes: number }[];
}

export interface BenchPage {
  signIn(staffNumber: string, password: string): Promise<string>;
  /** Pulls every page of a first pull and keeps them for the runs below. */
  fetchPages(): Promise<FetchResult>;
  /** The app: applyPullPage on each kept page, in order, into a fresh person database. */
  app(run: number): Promise<RunResult>;
  /** The baseline: the same stored objects put with raw IndexedDB in one transaction. */
  raw(run: number): Promise<RunResult>;
  /** The same stored objects with Dexie's bulkPut in one transaction (no app logic). */
  dexie(run: number): Promise<RunResult>;
  /** The app's whole first sync pass: SyncEngine.syncOnce on a fresh person database. */
  engine(run: number): Promise<RunResult & { outcome: string }>;
}
