// Autosave for one sheet screen: every change is written through the local-change functions
// (its effect and its outbox entry in one transaction), one at a time and in the order the
// person made them. Choices are written at once; typed text after a pause in typing, on
// blur, and whenever the screen is left or the page hidden. The person's own change is shown
// at once and until the stored view has caught up, and a change that could not be written
// stays on screen with the reason, to be tried again. Until a change is written, a copy is
// kept in localStorage (written synchronously, so a reload or a closed tab cannot lose it)
// and written again when the sheet is next opened. Keeps the changes that undo the last
// ones. Plain TypeScript: the screen subscribes to it.
import type { Answer } from '@/shared/schemas/answer.ts';
import {
  addRow,
  ChangeRefusedError,
  clearAnswer,
  moveRow,
  removeRow,
  setAnswer,
  updateRow,
} from '../../db/local-changes.ts';
import type { RefusalReason } from '../../db/mutation-effects.ts';
import { readAnswer, type PersonDb } from '../../db/person-db.ts';
import { StorageFullError } from '../../db/storage-errors.ts';
import { applyOp, inverseOf, sameAnswer, type Op } from './answer-ops.ts';
import type { UnsavedBackup } from '../../db/unsaved-backup.ts';

export const TYPING_DELAY_MS = 600;
const UNDO_DEPTH = 30;

export type SaveProblem =
  { kind: 'storage_full' } | { kind: 'refused'; reason: RefusalReason } | { kind: 'failed' };

/** The person's own latest answer of an item, shown until the stored view has caught up. */
interface Overlay {
  answer: Answer | null;
  /** Changes of this item waiting for their pause in typing, queued or being written. */
  busy: number;
  /** The last write of this item failed: its value stays on screen. */
  failed: boolean;
  /** The stored view the screen showed when the last change was written. */
  settledAt: unknown;
}

/** A change on its way to IndexedDB; `id` names it in the unwritten list. */
interface Job {
  id: number;
  op: Op;
}

interface UndoEntry {
  itemId: string;
  undo: Op;
  /** The field being typed in: a run of typing is undone as one change. */
  key: string | null;
  sealed: boolean;
}

export class SheetSaver {
  private readonly overlays = new Map<string, Overlay>();
  private readonly typing = new Map<string, { job: Job; timer: ReturnType<typeof setTimeout> }>();
  private chain: Promise<void> = Promise.resolve();
  private undoStack: UndoEntry[] = [];
  private failedJobs: Job[] = [];
  /** Every change not yet written, in order: what the backup holds. */
  private readonly unwritten = new Map<number, Op>();
  private nextJob = 1;
  private recovered = false;
  private readonly listeners = new Set<() => void>();
  private version = 0;
  /** Why the last write failed; null once every change is written. */
  problem: SaveProblem | null = null;
  /** The item whose change was undone last, to say so. */
  lastUndone: string | null = null;
  /** The stored view the screen shows now. */
  private view: unknown = null;

  constructor(
    private readonly db: PersonDb,
    private readonly sheetId: string,
    private readonly backup: UnsavedBackup<Op> | null = null,
    private readonly typingDelayMs = TYPING_DELAY_MS,
  ) {}

  /** A change to write: kept in the backup until it is written. */
  private job(op: Op, id = this.nextJob++): Job {
    this.unwritten.set(id, op);
    this.backup?.write([...this.unwritten.values()]);
    return { id, op };
  }

  private written(job: Job): void {
    this.unwritten.delete(job.id);
    this.backup?.write([...this.unwritten.values()]);
  }

  /**
   * Writes again what an earlier visit could not (the page was closed or reloaded first).
   * Each change is idempotent on what is stored; one that no longer fits is let go.
   */
  recover(): void {
    if (this.recovered || !this.backup) return;
    this.recovered = true;
    for (const op of this.backup.read()) {
      const job = this.job(op);
      this.chain = this.chain.then(async () => {
        this.overlay(op.itemId).busy += 1;
        if (!(await this.run(job, null, false))) this.dropRefused(job);
      });
    }
  }

  /** A recovered change the sheet refuses now (a row since removed) is not tried again. */
  private dropRefused(job: Job): void {
    if (this.problem?.kind !== 'refused') return;
    this.failedJobs = this.failedJobs.filter((j) => j !== job);
    this.written(job);
    if (this.failedJobs.length === 0) this.problem = null;
    const overlay = this.overlay(job.op.itemId);
    overlay.failed = false;
    this.changed();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  private changed(): void {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }

  /** Called by the screen after each render with the stored view it shows. */
  showing(view: unknown): void {
    this.view = view;
  }

  /** The answer to show: the person's own change until `view` (the stored one) has it. */
  shown(itemId: string, stored: Answer | null, view: unknown): Answer | null {
    const overlay = this.overlays.get(itemId);
    if (!overlay) return stored;
    if (overlay.busy > 0 || overlay.failed || overlay.settledAt === view) return overlay.answer;
    return stored;
  }

  /** Something typed or queued is not written yet. */
  get saving(): boolean {
    for (const overlay of this.overlays.values()) if (overlay.busy > 0) return true;
    return false;
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0 || this.typing.size > 0;
  }

  private overlay(itemId: string): Overlay {
    let overlay = this.overlays.get(itemId);
    if (!overlay) {
      overlay = { answer: null, busy: 0, failed: false, settledAt: undefined };
      this.overlays.set(itemId, overlay);
    }
    return overlay;
  }

  /** Shows a change at once (`shownBefore` is what the screen shows now). */
  private show(op: Op, shownBefore: Answer | null): void {
    const next = applyOp(shownBefore, op);
    const overlay = this.overlay(op.itemId);
    if (next !== undefined) overlay.answer = next;
    else overlay.answer ??= shownBefore;
    overlay.failed = false;
  }

  /** A change written at once: a choice, a row added, removed or moved. */
  change(op: Op, shownBefore: Answer | null): void {
    this.flush();
    this.show(op, shownBefore);
    this.overlay(op.itemId).busy += 1;
    this.enqueue(this.job(op), null);
    this.changed();
  }

  /** A typed change of the field `key`: shown at once, written after a pause in typing. */
  type(key: string, op: Op, shownBefore: Answer | null): void {
    const waiting = this.typing.get(key);
    if (waiting) clearTimeout(waiting.timer);
    else this.overlay(op.itemId).busy += 1;
    this.show(op, shownBefore);
    // Each key stroke replaces the field's change in the backup, in its place.
    const job = this.job(op, waiting?.job.id);
    this.typing.set(key, { job, timer: setTimeout(() => this.flushKey(key), this.typingDelayMs) });
    this.changed();
  }

  private flushKey(key: string): void {
    const waiting = this.typing.get(key);
    if (!waiting) return;
    clearTimeout(waiting.timer);
    this.typing.delete(key);
    this.enqueue(waiting.job, key);
  }

  /** Writes everything typed now: on blur, when leaving the screen or hiding the page. */
  flush(): void {
    for (const key of [...this.typing.keys()]) this.flushKey(key);
  }

  /** The person left the field: their next typing there is a change of its own. */
  endTyping(key: string): void {
    this.flushKey(key);
    this.chain = this.chain.then(() => {
      const top = this.undoStack.at(-1);
      if (top?.key === key) top.sealed = true;
    });
  }

  /** Resolves when everything changed so far has been written (or has failed). */
  settle(): Promise<void> {
    this.flush();
    return this.chain;
  }

  /** Takes back the last change, through the same local changes. */
  undo(): Promise<void> {
    this.flush();
    this.chain = this.chain.then(async () => {
      const entry = this.undoStack.pop();
      if (!entry) return;
      this.overlay(entry.itemId).busy += 1;
      this.changed();
      if (await this.run(this.job(entry.undo), null, false)) this.lastUndone = entry.itemId;
      this.changed();
    });
    return this.chain;
  }

  /** Writes the changes that failed again, in their order. */
  retry(): Promise<void> {
    const jobs = this.failedJobs;
    this.failedJobs = [];
    for (const job of jobs) {
      this.overlay(job.op.itemId).busy += 1;
      this.enqueue(job, null);
    }
    this.changed();
    return this.chain;
  }

  /** After submitting: nothing left to undo. */
  forgetUndo(): void {
    this.undoStack = [];
    this.changed();
  }

  private enqueue(job: Job, key: string | null): void {
    this.chain = this.chain.then(() => this.run(job, key, true).then(() => undefined));
  }

  /** Writes one change; true when it was written (or had nothing to change). Never throws. */
  private async run(job: Job, key: string | null, undoable: boolean): Promise<boolean> {
    const { op } = job;
    const overlay = this.overlay(op.itemId);
    try {
      const before = await readAnswer(this.db, this.sheetId, op.itemId);
      const next = applyOp(before, op);
      if (next === undefined) throw new ChangeRefusedError('row_not_found');
      const wrote = await this.write(op, before, next);
      if (wrote && undoable) {
        this.remember(op.itemId, inverseOf(before, op), key);
        this.lastUndone = null;
      }
      this.written(job);
      if (overlay.busy === 1) overlay.answer = next;
      overlay.failed = false;
      if (this.failedJobs.length === 0) this.problem = null;
      return true;
    } catch (error) {
      this.problem =
        error instanceof StorageFullError
          ? { kind: 'storage_full' }
          : error instanceof ChangeRefusedError
            ? { kind: 'refused', reason: error.reason }
            : { kind: 'failed' };
      this.failedJobs.push(job);
      overlay.failed = true;
      return false;
    } finally {
      overlay.busy -= 1;
      if (overlay.busy === 0) overlay.settledAt = this.view;
      this.changed();
    }
  }

  private remember(itemId: string, undo: Op, key: string | null): void {
    const top = this.undoStack.at(-1);
    // Typing in one field: the first change of the run holds the value to go back to.
    if (key !== null && top?.key === key && !top.sealed) return;
    this.undoStack.push({ itemId, undo, key, sealed: false });
    if (this.undoStack.length > UNDO_DEPTH) this.undoStack.shift();
  }

  private async write(op: Op, before: Answer | null, next: Answer | null): Promise<boolean> {
    const db = this.db;
    const at = { sheetId: this.sheetId, itemId: op.itemId };
    switch (op.kind) {
      case 'patch':
      case 'restore':
        if (next === null) {
          if (before === null) return false;
          await clearAnswer(db, at);
          return true;
        }
        if (sameAnswer(before, next)) return false;
        await setAnswer(db, { ...at, answer: next });
        return true;
      case 'addRow':
        await addRow(db, {
          ...at,
          row: op.row,
          ...(op.index === undefined ? {} : { index: op.index }),
        });
        return true;
      case 'updateRow':
        if (sameAnswer(before, next)) return false;
        await updateRow(db, { ...at, rowId: op.rowId, cells: op.cells });
        return true;
      case 'removeRow':
        await removeRow(db, { ...at, rowId: op.rowId });
        return true;
      case 'moveRow':
        if (sameAnswer(before, next)) return false;
        await moveRow(db, { ...at, rowId: op.rowId, toIndex: op.toIndex });
        return true;
    }
  }
}
