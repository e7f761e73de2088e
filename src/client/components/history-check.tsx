// Verifying a sheet's history, on the chief's review screen and on the sheet's read-only
// view: the server recomputes the chain of its records and its sealed content (`verifySheet`)
// and names the first record that does not hold. It needs the network and says so offline;
// the words of the result are in src/client/i18n/verification-text.ts.
import { useId, useState } from 'react';
import { operations } from '@/shared/api/operations.ts';
import type { HistoryVerification } from '@/shared/api/schemas.ts';
import type { SheetEvent } from '@/shared/schemas/sheet.ts';
import { callApi } from '../api/api-client.ts';
import type { MessageKey } from '../i18n/messages-ja.ts';
import { useT } from '../i18n/use-t.ts';
import { verificationProblemKey, verificationText } from '../i18n/verification-text.ts';
import { useAppStore } from '../store/app-store.ts';

export function HistoryCheck({
  sheetId,
  events,
  className = '',
  headingLevel = 3,
}: {
  sheetId: string;
  events: readonly SheetEvent[];
  /** E.g. `no-print`, where the block must stay off the paper. */
  className?: string;
  /** The level of its heading, one below the screen's. */
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const { t, locale } = useT();
  const online = useAppStore((s) => s.online);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<HistoryVerification | null>(null);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const ids = useId();

  async function verify() {
    setBusy(true);
    setResult(null);
    setProblem(null);
    try {
      setResult(await callApi(operations.verifySheet, { params: { id: sheetId } }));
    } catch (error) {
      setProblem(verificationProblemKey(error));
    } finally {
      setBusy(false);
    }
  }

  const wording = result && verificationText(result, events, locale);
  return (
    <section
      className={`panel history-check ${className}`.trim()}
      aria-labelledby={`${ids}-title`}
      aria-busy={busy}
      data-testid="history-check"
    >
      <Heading id={`${ids}-title`}>{t('verifyTitle')}</Heading>
      <p className="hint">{t('verifyExplain')}</p>
      <p className="actions">
        <button
          type="button"
          disabled={busy || !online}
          aria-describedby={online ? undefined : `${ids}-offline`}
          onClick={() => void verify()}
        >
          {t('verifyAction')}
        </button>
      </p>
      {!online && (
        <p className="notice" id={`${ids}-offline`}>
          {t('verifyNeedsNetwork')}
        </p>
      )}
      <div role="status" data-testid="verify-status">
        {busy && (
          <p className="progress">
            <progress aria-hidden="true" />
            {t('verifyBusy')}
          </p>
        )}
        {wording?.intact && <p className="success">{wording.lines.join('')}</p>}
      </div>
      {wording && !wording.intact && (
        <div className="verify-broken" role="alert" data-testid="verify-broken">
          {wording.lines.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
      )}
      {problem && (
        <p className="error" role="alert" data-testid="verify-problem">
          {t(problem)}
        </p>
      )}
    </section>
  );
}
