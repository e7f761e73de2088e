// What the save-answer benchmark's page (page.ts, in Chromium) offers the benchmark
// (save-answer.ts, in Node) as window.bench: each call does one step and answers plain data.

/** What the device holds before the saves. */
export interface Shape {
  sheets: number;
  answersPerSheet: number;
}

export interface FillResult {
  /** Filling both databases (not part of any figure). */
  ms: number;
  /** Counted in the person database afterwards. */
  sheets: number;
  answers: number;
  /** Counted in the raw database afterwards. */
  rawSheets: number;
  rawAnswers: number;
  /** Sheets in draft or returned, on which the saves are made. */
  editableSheets: number;
}

/**
 * The kinds of save: the app's setAnswer and the raw put (the figures); for comparison, raw
 * IndexedDB doing a save's reads and writes.
 */
export const saveKinds = ['app', 'raw', 'rawSave'] as const;
export type SaveKind = (typeof saveKinds)[number];

/** One batch of saves: the times of each kind, in milliseconds, in the order made. */
export type BatchResult = Record<SaveKind, number[]>;

export interface DeviceState {
  outbox: number;
  answers: number;
  sheets: number;
}

export interface BenchPage {
  /** Fresh person and raw databases, both with the same sheets and answers. */
  fill(shape: Shape): Promise<FillResult>;
  /**
   * Saves number `from` … `from + count - 1`, each made once of every kind, in an order
   * that turns with each save; the app's saves are checked to be queued in order.
   */
  saves(from: number, count: number): Promise<BatchResult>;
  state(): Promise<DeviceState>;
}
