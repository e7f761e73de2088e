// A table's downloads for Excel: CSV (UTF-8 with a byte-order mark, CRLF) and XLSX, made by
// the server in the person's language and named by it after the report and the fiscal year.
// The browser fetches the file itself, so offline there is nothing to follow and it says so.
import { useId } from 'react';
import { useT } from '../../i18n/use-t.ts';

export interface Download {
  format: 'csv' | 'xlsx';
  href: string;
}

export function DownloadLinks({
  what,
  downloads,
  online,
}: {
  /** The table's name, which labels the links. */
  what: string;
  downloads: readonly Download[];
  online: boolean;
}) {
  const { t } = useT();
  const id = useId();
  const label = (format: Download['format']) =>
    t(format === 'csv' ? 'reportsDownloadCsv' : 'reportsDownloadXlsx');
  return (
    <div className="report-downloads" role="group" aria-labelledby={id}>
      <span id={id} className="report-downloads-label">
        {t('reportsDownloadsOf', { what })}
      </span>
      {downloads.map(({ format, href }) =>
        online ? (
          <a key={format} className="button-link" href={href} download>
            {label(format)}
          </a>
        ) : (
          <button key={format} type="button" disabled>
            {label(format)}
          </button>
        ),
      )}
      {!online && <p className="hint">{t('reportsDownloadOffline')}</p>}
    </div>
  );
}
