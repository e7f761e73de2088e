// The meeting view (朝礼): a round's answers in the section, statement by statement, in
// large bars the section can read together on a shared screen. The server counts them
// without names and says nothing at all while too few people have handed theirs in.
import { useEffect, useState } from 'react';
import { operations } from '@/shared/api/operations.ts';
import type { MeetingItem, MeetingSummary, RoundQuery } from '@/shared/api/schemas.ts';
import { positiveRate } from '@/shared/meeting-summary.ts';
import { formatRate } from '@/shared/metrics/tenths.ts';
import { callApi } from '../../api/api-client.ts';
import type { MessageKey } from '../../i18n/messages-ja.ts';
import { useT } from '../../i18n/use-t.ts';
import { problemOf } from './progress-rounds.ts';
import { LoadProblem, NeedsNetworkNotice } from '../../components/notices.tsx';

interface Segment {
  key: string;
  label: MessageKey;
  count: number;
}

/** ①そう思う … ④そう思わない, in the order of the counts. */
const scaleLabels = [
  'answerTextAgree1',
  'answerTextAgree2',
  'answerTextAgree3',
  'answerTextAgree4',
] as const satisfies readonly MessageKey[];

function segmentsOf(item: MeetingItem): Segment[] | null {
  if (!item.counts) return null;
  if (item.kind === 'agreement4') {
    const counts = item.counts;
    return scaleLabels.map((label, i) => ({
      key: `scale-${i + 1}`,
      label,
      count: counts[i] ?? 0,
    }));
  }
  return [
    { key: 'yes', label: 'answerTextYes', count: item.counts.yes },
    { key: 'no', label: 'answerTextNo', count: item.counts.no },
    { key: 'na', label: 'answerTextNa', count: item.counts.na },
  ];
}

function Statement({ item, minimum }: { item: MeetingItem; minimum: number }) {
  const { t, locale } = useT();
  const segments = segmentsOf(item);
  const total = segments?.reduce((n, s) => n + s.count, 0) ?? 0;
  const rate = item.kind === 'agreement4' && item.counts ? positiveRate(item.counts) : null;
  const titleId = `meeting-${item.itemId}`;
  return (
    <li className="meeting-statement" aria-labelledby={titleId} data-testid="meeting-statement">
      <h4 id={titleId}>{item.label[locale]}</h4>
      {!segments ? (
        <p className="meta">{t('meetingItemHidden', { minimum })}</p>
      ) : (
        <>
          {rate !== null && (
            <p className="meeting-positive">{t('meetingPositive', { rate: formatRate(rate) })}</p>
          )}
          <div className="meeting-bar" aria-hidden="true">
            {segments.map((s) =>
              s.count === 0 ? null : (
                <span
                  key={s.key}
                  className={`meeting-segment meeting-${s.key}`}
                  style={{ width: `${(s.count / Math.max(total, 1)) * 100}%` }}
                >
                  {s.count}
                </span>
              ),
            )}
          </div>
          <ul className="meeting-legend">
            {segments.map((s) => (
              <li key={s.key}>
                <span className={`meeting-swatch meeting-${s.key}`} aria-hidden="true" />
                {t(s.label)} <strong>{t('meetingCount', { count: s.count })}</strong>
              </li>
            ))}
          </ul>
        </>
      )}
    </li>
  );
}

export function MeetingView({ round, online }: { round: RoundQuery; online: boolean }) {
  const { t, locale } = useT();
  const [summary, setSummary] = useState<{ key: string; summary: MeetingSummary } | null>(null);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [attempt, setAttempt] = useState(0);
  const { templateId, fiscalYear, period, unitId } = round;
  const key = `${templateId}|${fiscalYear}|${period}|${unitId}`;

  useEffect(() => {
    if (!online) return;
    let current = true;
    callApi(operations.getMeetingSummary, {
      query: { templateId, fiscalYear, period, unitId },
    }).then(
      (answer) => {
        if (!current) return;
        setSummary({ key, summary: answer.summary });
        setProblem(null);
      },
      (error: unknown) => {
        if (current) setProblem(problemOf(error));
      },
    );
    return () => {
      current = false;
    };
  }, [online, key, templateId, fiscalYear, period, unitId, attempt]);

  const shown = summary?.key === key ? summary.summary : null;
  return (
    <div className="meeting-view" data-testid="meeting-view">
      <p>{t('meetingIntro')}</p>
      <NeedsNetworkNotice online={online} message="progressNeedsNetwork" />
      <LoadProblem problem={problem} online={online} onRetry={() => setAttempt((n) => n + 1)} />
      {online && !shown && !problem && <p>{t('loading')}</p>}
      {shown && !shown.shown && (
        <p className="notice meeting-hidden" data-testid="meeting-hidden">
          {t('meetingHidden', { minimum: shown.minimum })}
        </p>
      )}
      {shown?.shown && (
        <>
          <p className="meeting-respondents">
            {t('meetingRespondents', { count: shown.respondents.toLocaleString(locale) })}
          </p>
          {shown.sections.map((section) => (
            <section
              key={section.id}
              className="meeting-section"
              aria-labelledby={`meeting-section-${section.id}`}
            >
              <h3 id={`meeting-section-${section.id}`}>{section.title[locale]}</h3>
              <ul className="meeting-statements">
                {section.items.map((item) => (
                  <Statement key={item.itemId} item={item} minimum={shown.minimum} />
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </div>
  );
}
