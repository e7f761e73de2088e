// The sheets of the signed-in person, from their own database on this device, so the list
// shows offline and never shows another person's sheets.
import { formatDate, formatFiscalPeriod } from '@/shared/fiscal-year.ts';
import type { SheetState } from '@/shared/schemas/sheet.ts';
import { useStoredSheets, useStoredTemplates } from '../../db/person-db.ts';
import type { MessageKey } from '../../i18n/messages-ja.ts';
import { useT } from '../../i18n/use-t.ts';

const stateLabels: Record<SheetState, MessageKey> = {
  draft: 'stateDraft',
  submitted: 'stateSubmitted',
  returned: 'stateReturned',
  approved: 'stateApproved',
};

export function MySheets() {
  const { t, locale } = useT();
  const sheets = useStoredSheets();
  const templates = useStoredTemplates();
  const titles = new Map(templates?.map((s) => [s.id, s.template.title[locale]]));
  return (
    <section aria-labelledby="my-sheets-title">
      <h2 id="my-sheets-title">{t('mySheetsTitle')}</h2>
      {sheets === undefined && <p>{t('loading')}</p>}
      {sheets?.length === 0 && <p>{t('mySheetsEmpty')}</p>}
      <ul className="card-list" data-testid="my-sheets">
        {sheets?.map((sheet) => (
          <li key={sheet.id} className="card">
            <h3>{titles.get(sheet.templateId) ?? sheet.templateId}</h3>
            <p className="meta">
              {formatFiscalPeriod(sheet.fiscalYear, sheet.period, locale)} ・ {t('dueDate')}{' '}
              {formatDate(sheet.dueDate, locale)} ・ {t(stateLabels[sheet.state])}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
