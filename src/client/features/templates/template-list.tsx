// The list of published check sheets, read from this device's store so it shows offline.
import { dateInJapan, formatDate } from '@/shared/fiscal-year.ts';
import { templateItems } from '@/shared/schemas/template.ts';
import { useStoredTemplates } from '../../db/person-db.ts';
import { useT } from '../../i18n/use-t.ts';
import { useAppStore } from '../../store/app-store.ts';

export function TemplateList() {
  const { t, locale } = useT();
  const stored = useStoredTemplates();
  const refreshFailed = useAppStore((s) => s.refreshFailed);
  return (
    <section aria-labelledby="templates-title">
      <h2 id="templates-title">{t('templatesTitle')}</h2>
      {refreshFailed && stored && stored.length > 0 && (
        <p className="notice" role="status">
          {t('templatesRefreshFailed')}
        </p>
      )}
      {stored === undefined && <p>{t('loading')}</p>}
      {stored?.length === 0 && <p>{t('templatesEmpty')}</p>}
      <ul className="card-list" data-testid="template-list">
        {stored?.map(({ id, template, fetchedAt }) => (
          <li key={id} className="card">
            <h3>{template.title[locale]}</h3>
            <p>{template.description[locale]}</p>
            <p className="meta">
              {t('version', { version: template.version })} ・{' '}
              {t('itemsCount', { count: templateItems(template).length })} ・{' '}
              {t('templatesFetchedAt')} {formatDate(dateInJapan(new Date(fetchedAt)), locale)}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
