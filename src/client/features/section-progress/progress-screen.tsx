// 提出状況: for a chief (or an acting chief), a round of a unit they follow up (picked from
// the sheets this device holds and, online, the rounds the server lists; the unit from those
// the shared rule lets them follow up, their own or the one they act for first), with the
// progress list and its reminders, and the meeting view of a round each person fills in.
// Both read the server's current state, so they need the network.
import { useMemo, useState } from 'react';
import type { SessionPerson } from '@/shared/api/schemas.ts';
import { formatFiscalPeriod } from '@/shared/fiscal-year.ts';
import { useStoredSheets, useStoredTemplates } from '../../db/person-db.ts';
import { TabList } from '../../components/tab-list.tsx';
import type { MessageKey } from '../../i18n/messages-ja.ts';
import { useT } from '../../i18n/use-t.ts';
import { useAppStore } from '../../store/app-store.ts';
import { MeetingView } from './meeting-view.tsx';
import { ProgressList } from './progress-list.tsx';
import { defaultUnitId, followUpUnits, roundsOf, unitChoiceName } from './progress-rounds.ts';
import { useKnownUnits, useListedRounds } from './progress-sources.ts';

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
  const units = useKnownUnits(online);
  const listed = useListedRounds(online);
  const [chosen, setChosen] = useState<string | null>(null);
  const [chosenUnit, setChosenUnit] = useState<string | null>(null);
  const [tab, setTab] = useState<TabId>('list');
  const unitChoices = useMemo(() => followUpUnits(person, units), [person, units]);

  if (sheets === undefined || templates === undefined || units === undefined)
    return <p>{t('loading')}</p>;
  const rounds = roundsOf(sheets, listed?.rounds);
  const round = rounds.find((r) => r.key === chosen) ?? rounds[0];
  const unitId =
    chosenUnit !== null && unitChoices.some((u) => u.id === chosenUnit)
      ? chosenUnit
      : defaultUnitId(person, unitChoices);
  // Online, the server's rounds may still come when the device holds none.
  const waitingForRounds = !round && online && listed === null;
  const templateOf = (id: string) => templates.find((s) => s.id === id)?.template;
  const titleOf = (id: string) => templateOf(id)?.title[locale] ?? id;
  // Only a template each person fills in has answers to count for the section.
  const meetingFits = round ? templateOf(round.templateId)?.assignment === 'person' : false;
  const shownTab: TabId = meetingFits ? tab : 'list';

  return (
    <section className="section-progress" aria-labelledby="progress-title" data-testid="progress">
      <h2 id="progress-title">{t('progressTitle')}</h2>
      {waitingForRounds ? (
        <p>{t('loading')}</p>
      ) : !round ? (
        <p className="notice">{t(listed?.ok ? 'progressNoRoundsListed' : 'progressNoRounds')}</p>
      ) : (
        <>
          <div className="round-picker">
            <div className="picker-field">
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
            </div>
            <div className="picker-field">
              <label htmlFor="progress-unit">{t('progressUnit')}</label>
              <select
                id="progress-unit"
                value={unitId}
                aria-describedby="progress-unit-hint"
                onChange={(e) => setChosenUnit(e.target.value)}
              >
                {unitChoices.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.code === null
                      ? unitChoiceName(u, locale)
                      : t('unitLabel', { name: unitChoiceName(u, locale), code: u.code })}
                  </option>
                ))}
              </select>
            </div>
            <p className="meta" id="progress-unit-hint">
              {t('progressUnitHint')}
            </p>
          </div>
          {meetingFits && (
            <TabList
              tabs={tabs}
              selected={shownTab}
              onSelect={setTab}
              label={t('progressTabsLabel')}
              idPrefix="progress"
              controls={() => 'progress-panel'}
            />
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
                  unitId,
                }}
                online={online}
              />
            ) : (
              <MeetingView
                round={{
                  templateId: round.templateId,
                  fiscalYear: round.fiscalYear,
                  period: round.period,
                  unitId,
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
