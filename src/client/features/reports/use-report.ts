// Fetching a report for the screen, and keeping it on the device: the answer for what is
// chosen when the server can be reached, otherwise the last report of that kind the device
// kept (whatever was chosen then; the report itself says what it covers and when it was made).
import { useEffect, useState } from 'react';
import {
  keepReport,
  useKeptReport,
  type KeptReport,
  type KeptReportKind,
} from '../../db/report-cache.ts';
import type { MessageKey } from '../../i18n/messages-ja.ts';
import { problemOf } from './report-text.ts';

export interface ReportView<R> {
  /** What to show; null while loading, or with nothing to show. */
  report: R | null;
  /** `report` is the copy kept on the device, not a fresh answer. */
  kept: boolean;
  loading: boolean;
  /** Why the last request failed; reportsUnreachable when the server could not be reached. */
  problem: MessageKey | null;
  /** The device has no copy to show in place of an answer it could not get. */
  nothingKept: boolean;
  reload(): void;
}

/**
 * The report `load` fetches, kept on the device as the one of its kind. `load` must change
 * exactly when what is asked for changes (a useCallback over the query); null asks for nothing.
 */
export function useReport<K extends KeptReportKind>(
  kind: K,
  load: (() => Promise<KeptReport<K>>) | null,
  online: boolean,
): ReportView<KeptReport<K>> {
  const kept = useKeptReport(kind);
  const [answer, setAnswer] = useState<{ load: () => unknown; report: KeptReport<K> } | null>(null);
  const [failure, setFailure] = useState<{ load: () => unknown; problem: MessageKey } | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!online || load === null) return;
    let current = true;
    load().then(
      (report) => {
        if (!current) return;
        setAnswer({ load, report });
        setFailure(null);
        void keepReport(kind, report);
      },
      (error: unknown) => {
        if (current) setFailure({ load, problem: problemOf(error) });
      },
    );
    return () => {
      current = false;
    };
  }, [kind, load, online, attempt]);

  const fresh = answer !== null && answer.load === load ? answer.report : null;
  const problem = online && failure !== null && failure.load === load ? failure.problem : null;
  const unreachable = !online || problem === 'reportsUnreachable';
  const showKept = fresh === null && unreachable && kept !== undefined && kept !== null;
  return {
    report: fresh ?? (showKept ? kept : null),
    kept: showKept,
    loading: online && load !== null && fresh === null && problem === null,
    problem,
    nothingKept: fresh === null && unreachable && kept === null,
    reload: () => setAttempt((n) => n + 1),
  };
}
