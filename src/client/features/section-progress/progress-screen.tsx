// 提出状況: for a chief, a round of their unit (picked from the sheets this device holds),
// with the progress list and its reminders, and the meeting view of a round each person
// fills in. Both read the server's current state, so they need the network.
import { useState, type KeyboardEvent } from 'react';
import type { SessionPerson } from '@/shared/api/schemas.ts';
import { formatFiscalPeriod } from '@/shared/fiscal-year.ts';
import { useStoredSheets, useStoredTemplates } from '../../db/person-db.ts';
import type { MessageKey } from '../../i18n/messages-ja.ts';
import { useT } from '../../i18n/use-t.ts';
import { useAppStore } from '../../store/app-store.ts';
import { MeetingView } from './meeting-view.tsx';
import { ProgressList } from './progress-list.tsx';
import { roundsOf } from './progress-rounds.ts';

const tabs = [
  { id: 'list', label: 'progressTabList' },
  { id: 'meeting', label: 'progressTabMeeting' },
] as const satisfies readonly { id: string; label: MessageKey }[];
type TabId = (typeof tabs)[number]['id'];

export function ProgressScreen({ person }: { person: SessionPerson }) {
  const { t, locale } = useT();
  const online = useAppStore((s) => s.online);
  const sheets = useStoredSheets();
  const templates = useStoredTemplates();
  const [chosen, setChosen] = useState<string | null>(null);
  const [tab, setTab] = useState<TabId>('list');

  if (sheets === undefined || templates === undefined) return <p>{t('loading')}</p>;
  const rounds = roundsOf(sheets);
  const round = rounds.find((r) => r.key === chosen) ?? rounds[0];
  const templateOf = (id: string) => templates.find((s) => s.id === id)?.template;
  const titleOf = (id: string) => templateOf(id)?.title[locale] ?? id;
  // Only a template each person fills in has answers to count for the section.
  const meetingFits = round ? templateOf(round.templateId)?.assignment === 'person' : false;
  const shownTab: TabId = meetingFits ? tab : 'list';

  function onTabKey(event: KeyboardEvent<HTMLButtonElement>) {
    if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key)) return;
    event.preventDefault();
    const next: TabId =
      event.key === 'Home'
        ? 'list'
        : event.key === 'End'
          ? 'meeting'
          : tab === 'list'
            ? 'meeting'
            : 'list';
    setTab(next);
    document.getElementById(`progress-tab-${next}`)?.focus();
  }

  return (
    <section className="section-progress" aria-labelledby="progress-title" data-testid="progress">
      <h2 id="progress-title">{t('progressTitle')}</h2>
      {!round ? (
        <p className="notice">{t('progressNoRounds')}</p>
      ) : (
        <>
          <div className="round-picker">
            <label htmlFor="progress-round">{t('progressRound')}</label>
            <select
              id="progress-round"
              value={round.key}
              onChange={(e) => setChosen(e.target.value)}
            >
              {rounds.map((r) => (
                <option key={r.key} value={r.key}>
                  {t('progressRoundOption', {
                    title: titleOf(r.templateId),
                    period: formatFiscalPeriod(r.fiscalYear, r.period, locale),
                  })}
                </option>
              ))}
            </select>
            <p className="meta">{t('progressUnit', { unit: person.unitName })}</p>
          </div>
          {meetingFits && (
            <div className="tabs" role="tablist" aria-label={t('progressTabsLabel')}>
              {tabs.map(({ id, label }) => (
                <button
                  key={id}
                  id={`progress-tab-${id}`}
                  type="button"
                  role="tab"
                  aria-selected={shownTab === id}
                  aria-controls="progress-panel"
                  tabIndex={shownTab === id ? 0 : -1}
                  onClick={() => setTab(id)}
                  onKeyDown={onTabKey}
                >
                  {t(label)}
                </button>
              ))}
            </div>
          )}
          <div
            id="progress-panel"
            className={meetingFits ? 'tab-panel' : undefined}
            {...(meetingFits
              ? { role: 'tabpanel', 'aria-labelledby': `progress-tab-${shownTab}` }
              : {})}
          >
            {shownTab === 'list' ? (
              <ProgressList
                round={{
                  templateId: round.templateId,
                  fiscalYear: round.fiscalYear,
                  period: round.period,
                  unitId: person.unitId,
                }}
                online={online}
              />
            ) : (
              <MeetingView
                round={{
                  templateId: round.templateId,
                  fiscalYear: round.fiscalYear,
                  period: round.period,
                  unitId: person.unitId,
                }}
                online={online}
              />
            )}
          </div>
        </>
      )}
    </section>
  );
}
