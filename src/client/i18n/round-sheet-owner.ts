// Who fills in a sheet of a round, as the server lists it (`RoundProgressSheet`): the person,
// the seal with its custodian, or the workplace. The same words on the chief's progress list
// and on the reports' list of a unit's sheets.
import type { RoundProgressSheet } from '@/shared/api/schemas.ts';
import type { Locale } from '@/shared/locale.ts';
import { translate } from './use-t.ts';

export function roundSheetOwnerText(row: RoundProgressSheet, locale: Locale): string {
  switch (row.owner.kind) {
    case 'person':
      return row.owner.name;
    case 'seal':
      return translate(locale, 'roundSheetSealOwner', {
        seal: row.owner.sealName,
        custodian: row.owner.custodianName,
      });
    case 'workplace':
      return translate(locale, 'roundSheetWorkplaceOwner', { unit: row.unitName });
  }
}
