// A sheet on A4: a header (unit, person, 年度 and period, state), every item with its answer
// (tables as tables), and the approval block (確認欄) where a paper sheet had the chief's
// seal. The print stylesheet hides the app's frame and buttons, and the check of the sheet's
// history on the server offered above the sheet.
import { useEffect, useState } from 'react';
import type { SessionPerson } from '@/shared/api/schemas.ts';
import { operations } from '@/shared/api/operations.ts';
import { dateInJapan, formatDate, formatFiscalPeriod } from '@/shared/fiscal-year.ts';
import type { Locale } from '@/shared/locale.ts';
import type { SheetEvent, SheetState } from '@/shared/schemas/sheet.ts';
import { callApi } from '../../api/api-client.ts';
import { useSheetOverview, type StoredSheet } from '../../db/person-db.ts';
import type { MessageKey } from '../../i18n/messages-ja.ts';
import { useT } from '../../i18n/use-t.ts';
import { Link } from '../../navigation/link.tsx';
import { useAppStore } from '../../store/app-store.ts';
import { HistoryCheck } from '../../components/history-check.tsx';
import { SheetAnswers } from '../../components/sheet-answers.tsx';

const stateLabels: Record<SheetState, MessageKey> = {
  draft: 'stateDraft',
  submitted: 'stateSubmitted',
  returned: 'stateReturned',
  approved: 'stateApproved',
};

const dayOf = (iso: string, locale: Locale) => formatDate(dateInJapan(new Date(iso)), locale);

function latest(events: readonly SheetEvent[], type: SheetEvent['type']): SheetEvent | null {
  return events.filter((e) => e.type === type).at(-1) ?? null;
}

/** The unit's name: the person's own from the session; another's from the server when online. */
function useUnitName(unitId: string, person: SessionPerson): string {
  const { locale } = useT();
  const online = useAppStore((s) => s.online);
  const [names, setNames] = useState<Map<string, string> | null>(null);
  const own = unitId === person.unitId;
  useEffect(() => {
    if (own || !online) return;
    let current = true;
    callApi(operations.listUnits).then(
      ({ units }) =>
        current &&
        setNames(new Map(units.map((u) => [u.id, (locale === 'en' && u.nameEn) || u.name]))),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [own, online, locale]);
  if (own) return person.unitName;
  return names?.get(unitId) ?? unitId;
}

/** Whose sheet it is, as the header names it. */
function ownerText(
  sheet: StoredSheet,
  person: SessionPerson,
  unitName: string,
  t: (k: MessageKey, v?: Record<string, string>) => string,
): string {
  switch (sheet.owner.kind) {
    case 'person':
      return sheet.owner.personId === person.id ? person.name : '';
    case 'seal':
      return t('printSealOwner', {
        seal: sheet.owner.sealId,
        custodian: sheet.owner.custodianId === person.id ? person.name : '',
      });
    case 'workplace':
      return t('printWorkplaceOwner', { unit: unitName });
  }
}

function ApprovalBlock({ events, person }: { events: SheetEvent[]; person: SessionPerson }) {
  const { t, locale } = useT();
  const submitted = latest(events, 'submitted');
  const approved = latest(events, 'approved');
  // Only the person's own name is known on this device; otherwise the chief signs by hand.
  const approver = approved && approved.actorId === person.id ? person.name : '';
  return (
    <section className="approval" aria-labelledby="approval-title" data-testid="approval-block">
      <h3 id="approval-title">{t('printApprovalTitle')}</h3>
      <table className="approval-table">
        <thead>
          <tr>
            <th scope="col">{t('printSubmittedOn')}</th>
            <th scope="col">{t('printApprovedOn')}</th>
            <th scope="col">{t('printApprover')}</th>
            <th scope="col">{t('printSeal')}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>{submitted ? dayOf(submitted.at, locale) : ''}</td>
            <td>{approved ? dayOf(approved.at, locale) : ''}</td>
            <td>{approver}</td>
            <td className="seal-box">
              <span className="visually-hidden">{t('printSealBox')}</span>
            </td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}

export function SheetPrint({ sheetId, person }: { sheetId: string; person: SessionPerson }) {
  const { t, locale } = useT();
  const overview = useSheetOverview(sheetId);
  const unitName = useUnitName(overview?.sheet.unitId ?? person.unitId, person);
  if (overview === undefined) return <p>{t('loading')}</p>;
  if (overview === null || !overview.template)
    return (
      <section aria-labelledby="print-missing-title">
        <h2 id="print-missing-title">{t('printMissing')}</h2>
        <p>
          <Link to={{ name: 'home' }}>{t('backToHome')}</Link>
        </p>
      </section>
    );
  const { sheet, template, answers, events } = overview;
  const unsent = sheet.state !== sheet.server.state || overview.pending > 0;
  return (
    <article className="print-sheet" aria-labelledby="print-title">
      <div className="print-actions no-print">
        <button type="button" className="primary" onClick={() => window.print()}>
          {t('printButton')}
        </button>
        <Link className="button-link" to={{ name: 'sheet', sheetId: sheet.id }}>
          {t('printBackToSheet')}
        </Link>
      </div>
      <HistoryCheck
        key={sheet.id}
        sheetId={sheet.id}
        events={events}
        className="no-print"
        headingLevel={2}
      />
      <header className="print-header">
        <h2 id="print-title">{template.title[locale]}</h2>
        <table className="print-facts" data-testid="print-header">
          <tbody>
            <tr>
              <th scope="row">{t('printUnit')}</th>
              <td>{unitName}</td>
              <th scope="row">{t('printPerson')}</th>
              <td>{ownerText(sheet, person, unitName, t)}</td>
            </tr>
            <tr>
              <th scope="row">{t('printPeriod')}</th>
              <td>{formatFiscalPeriod(sheet.fiscalYear, sheet.period, locale)}</td>
              <th scope="row">{t('printDue')}</th>
              <td>{formatDate(sheet.dueDate, locale)}</td>
            </tr>
            <tr>
              <th scope="row">{t('printState')}</th>
              <td>
                {t(stateLabels[sheet.state])}
                {unsent && <> {t('printUnsent')}</>}
              </td>
              <th scope="row">{t('printPrintedOn')}</th>
              <td>{formatDate(dateInJapan(new Date()), locale)}</td>
            </tr>
          </tbody>
        </table>
      </header>
      <SheetAnswers template={template} answers={answers} idPrefix="print" headingLevel={3} />
      <ApprovalBlock events={events} person={person} />
    </article>
  );
}
