// The home screen: the sheets the person fills in, from their own database on this device
// (so it shows offline and never shows another person's sheets), under their own sheets,
// the seals they keep and their workplace, each grouped by where it stands. A chief's
// reminder shows on the card of the sheet it is about until the person dismisses it.
import { useState } from 'react';
import type { SessionPerson } from '@/shared/api/schemas.ts';
import { dateInJapan, formatDate, formatFiscalPeriod } from '@/shared/fiscal-year.ts';
import { sheetProgress } from '@/shared/sheet-progress.ts';
import { isEditable } from '@/shared/workflow.ts';
import {
  currentPersonDb,
  dismissReminder,
  useAttentionTotal,
  useOpenReminders,
  useSheetOverviews,
  type SheetOverview,
  type StoredReminder,
} from '../../db/person-db.ts';
import { instantText } from '../../i18n/answer-text.ts';
import type { MessageKey } from '../../i18n/messages-ja.ts';
import { useT } from '../../i18n/use-t.ts';
import { Link } from '../../navigation/link.tsx';
import { useAppStore } from '../../store/app-store.ts';
import {
  homeGroups,
  homeSections,
  isOverdue,
  latestReturn,
  layOut,
  mayFill,
  type HomeGroup,
  type HomeSection,
} from './home-sheets.ts';
import { ProblemLine } from '../../components/notices.tsx';

const sectionTitles: Record<HomeSection, MessageKey> = {
  person: 'mySheetsTitle',
  seal: 'homeSealSheets',
  workplace: 'homeWorkplaceSheets',
};

const groupTitles: Record<HomeGroup, MessageKey> = {
  to_do: 'homeGroupToDo',
  in_progress: 'homeGroupInProgress',
  returned: 'homeGroupReturned',
  submitted: 'homeGroupSubmitted',
  approved: 'homeGroupApproved',
};

/** A chief's reminder about one sheet, with who sent it and when; dismissible. */
function ReminderNote({ reminder }: { reminder: StoredReminder }) {
  const { t, locale } = useT();
  const [failed, setFailed] = useState(false);
  const dismiss = () => {
    const db = currentPersonDb();
    if (!db) return;
    dismissReminder(db, reminder.id, new Date()).then(
      () => setFailed(false),
      () => setFailed(true),
    );
  };
  return (
    <div className="reminder-note" role="note" data-testid="reminder">
      <p className="reminder-label">
        {t('homeReminder', {
          name: reminder.sentByName,
          time: instantText(reminder.sentAt, locale),
        })}
      </p>
      {reminder.message && <p className="reminder-text">{reminder.message}</p>}
      <button type="button" onClick={dismiss}>
        {t('homeReminderDismiss')}
        <span className="visually-hidden">
          {t('homeReminderDismissOf', { name: reminder.sentByName })}
        </span>
      </button>
      <ProblemLine>{failed && t('homeReminderDismissFailed')}</ProblemLine>
    </div>
  );
}

function SheetCard({
  overview,
  group,
  today,
  reminders,
}: {
  overview: SheetOverview;
  group: HomeGroup;
  today: string;
  /** The open reminders about this sheet, newest first. */
  reminders: readonly StoredReminder[];
}) {
  const { t, locale } = useT();
  const { sheet, template, answers, events, pending } = overview;
  const title = template?.title[locale] ?? sheet.templateId;
  const progress = template ? sheetProgress(template, answers) : null;
  const returned = group === 'returned' ? latestReturn(events) : null;
  const overdue = isOverdue(sheet, today);
  const titleId = `sheet-title-${sheet.id}`;
  return (
    <li
      className={`card sheet-card group-${group}${overdue ? ' overdue' : ''}`}
      aria-labelledby={titleId}
      data-testid="sheet-card"
    >
      {reminders.map((reminder) => (
        <ReminderNote key={reminder.id} reminder={reminder} />
      ))}
      {returned?.comment && (
        <div className="return-comment" data-testid="return-comment">
          <p className="return-comment-label">
            {t('homeReturnComment', {
              date: formatDate(dateInJapan(new Date(returned.at)), locale),
            })}
          </p>
          <p className="return-comment-text">{returned.comment}</p>
        </div>
      )}
      <h4 id={titleId}>
        <Link to={{ name: 'sheet', sheetId: sheet.id }}>{title}</Link>
      </h4>
      <p className="meta">{formatFiscalPeriod(sheet.fiscalYear, sheet.period, locale)}</p>
      <p className="due">
        {t('homeDue', { date: formatDate(sheet.dueDate, locale) })}
        {overdue && <strong className="badge overdue-badge">{t('homeOverdue')}</strong>}
      </p>
      {progress && (
        <p className="progress-line">
          <progress
            value={progress.answered}
            max={Math.max(progress.total, 1)}
            aria-label={t('homeProgressLabel')}
          />
          <span>{t('homeProgress', { answered: progress.answered, total: progress.total })}</span>
        </p>
      )}
      {pending > 0 && <p className="pending-note">{t('homePending', { count: pending })}</p>}
      <p className="card-actions">
        <Link className="button-link" to={{ name: 'print', sheetId: sheet.id }}>
          {t('homePrint')}
          <span className="visually-hidden">{t('homePrintOf', { title })}</span>
        </Link>
      </p>
    </li>
  );
}

function Section({
  section,
  groups,
  today,
  reminders,
}: {
  section: HomeSection;
  groups: Record<HomeGroup, SheetOverview[]>;
  today: string;
  reminders: ReadonlyMap<string, StoredReminder[]>;
}) {
  const { t } = useT();
  const titleId = `home-${section}-title`;
  const count = homeGroups.reduce((n, g) => n + groups[g].length, 0);
  return (
    <section className="home-section" aria-labelledby={titleId} data-testid={`home-${section}`}>
      <h2 id={titleId}>{t(sectionTitles[section])}</h2>
      {count === 0 && <p>{t('mySheetsEmpty')}</p>}
      {homeGroups.map((group) =>
        groups[group].length === 0 ? null : (
          <section
            key={group}
            className={`home-group group-${group}`}
            aria-labelledby={`${titleId} home-${section}-${group}`}
            data-testid={`group-${group}`}
          >
            <h3 id={`home-${section}-${group}`}>
              {t(groupTitles[group])}{' '}
              <span className="count">{t('countItems', { count: groups[group].length })}</span>
            </h3>
            <ul className="card-list">
              {groups[group].map((overview) => (
                <SheetCard
                  key={overview.sheet.id}
                  overview={overview}
                  group={group}
                  today={today}
                  reminders={
                    isEditable(overview.sheet.state) ? (reminders.get(overview.sheet.id) ?? []) : []
                  }
                />
              ))}
            </ul>
          </section>
        ),
      )}
    </section>
  );
}

export function Home({ person }: { person: SessionPerson }) {
  const { t } = useT();
  const overviews = useSheetOverviews(
    (sheet) => mayFill(person, sheet),
    `${person.id}|${person.unitId}|${person.roles.join(',')}`,
  );
  const attention = useAttentionTotal();
  const openReminders = useOpenReminders();
  const refreshFailed = useAppStore((s) => s.refreshFailed);
  const everSynced = useAppStore((s) => s.sync.lastSuccessAt !== null);
  const today = dateInJapan(new Date());
  if (overviews === undefined) return <p>{t('loading')}</p>;
  const layout = layOut(overviews);
  const reminders = new Map<string, StoredReminder[]>();
  for (const reminder of openReminders ?? [])
    reminders.set(reminder.sheetId, [...(reminders.get(reminder.sheetId) ?? []), reminder]);
  return (
    <div className="home" data-testid="my-sheets">
      {attention > 0 && (
        <p className="notice" role="status">
          {t('homeAttention', { count: attention })}{' '}
          <Link to={{ name: 'attention' }}>{t('homeAttentionLink')}</Link>
        </p>
      )}
      {refreshFailed && overviews.length > 0 && (
        <p className="notice" role="status">
          {t('templatesRefreshFailed')}
        </p>
      )}
      {overviews.length === 0 && !everSynced && <p className="notice">{t('templatesEmpty')}</p>}
      {homeSections.map((section) =>
        section !== 'person' && homeGroups.every((g) => layout[section][g].length === 0) ? null : (
          <Section
            key={section}
            section={section}
            groups={layout[section]}
            today={today}
            reminders={reminders}
          />
        ),
      )}
    </div>
  );
}
