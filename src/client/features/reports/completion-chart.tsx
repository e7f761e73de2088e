// The completion dashboard's chart: one bar per unit, its sheets split into signed off,
// awaiting sign-off, returned and not submitted, with the completion rate written beside it.
// Plain CSS bars; each bar's figures are also in words for screen readers (and in the table).
import type { MessageKey } from '../../i18n/messages-ja.ts';
import { useT } from '../../i18n/use-t.ts';
import type { CompletionRow } from './completion-rows.ts';
import { percentText, unitName } from './report-text.ts';

const segments = [
  { key: 'approved', label: 'reportsColApproved' },
  { key: 'submitted', label: 'reportsColSubmitted' },
  { key: 'returned', label: 'reportsColReturned' },
  { key: 'draft', label: 'reportsColDraft' },
] as const satisfies readonly { key: keyof CompletionRow; label: MessageKey }[];

export function CompletionChart({
  rows,
  title,
}: {
  rows: readonly CompletionRow[];
  title: string;
}) {
  const { t, locale } = useT();
  return (
    <figure className="completion-chart" aria-labelledby="completion-chart-title">
      <figcaption id="completion-chart-title">{title}</figcaption>
      <ul className="completion-legend" aria-hidden="true">
        {segments.map((s) => (
          <li key={s.key}>
            <span className={`completion-swatch segment-${s.key}`} />
            {t(s.label)}
          </li>
        ))}
      </ul>
      <ul className="completion-bars">
        {rows.map((row) => {
          const name = unitName(row.unit, locale);
          const rate = percentText(row.completionRate);
          return (
            <li key={row.unit.id} data-testid="completion-bar">
              <span className="completion-bar-name" aria-hidden="true">
                {name}
              </span>
              <span className="completion-bar" aria-hidden="true">
                {segments.map((s) =>
                  row[s.key] === 0 ? null : (
                    <span
                      key={s.key}
                      className={`completion-segment segment-${s.key}`}
                      style={{ width: `${(row[s.key] / Math.max(row.assigned, 1)) * 100}%` }}
                    />
                  ),
                )}
              </span>
              <span className="completion-bar-rate" aria-hidden="true">
                {rate}
              </span>
              <span className="visually-hidden">
                {t('reportsBarText', {
                  unit: name,
                  rate,
                  approved: row.approved,
                  submitted: row.submitted,
                  returned: row.returned,
                  draft: row.draft,
                })}
              </span>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}
