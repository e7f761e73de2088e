// A flag of a sheet (src/shared/sheet-flags.ts) as the person reads it, in their language:
// the answer given, the follow-up still to write, the deficiencies reported. The same words
// for the person who submits (the confirmation) and for the chief who reviews.
import type { Locale } from '@/shared/locale.ts';
import type { Item } from '@/shared/schemas/template.ts';
import type { SheetFlag } from '@/shared/sheet-flags.ts';
import { answerValueText } from './answer-text.ts';
import { translate } from './use-t.ts';

/** What a flag says about its item; `item` is the flagged item, when the template has it. */
export function flagText(flag: SheetFlag, item: Item | undefined, locale: Locale): string {
  switch (flag.kind) {
    case 'negative_answer':
      return translate(locale, 'flagTextAnswer', {
        answer: item ? answerValueText(item, flag.value, locale) : String(flag.value),
      });
    case 'follow_up_missing':
      return translate(locale, 'flagTextFollowUp');
    case 'deficiency_reported':
      return translate(locale, 'flagTextDeficiencies', { count: flag.rows });
  }
}
