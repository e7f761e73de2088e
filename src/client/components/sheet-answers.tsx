// A sheet's answers, read-only, section by section: every item numbered with its answer in
// words (tables as tables) and the comment or corrective action it carries. The chief's
// review screen and the sheet's print view both show it; the wording of answers is in
// src/client/i18n/answer-text.ts.
import type { Answer, TableRow } from '@/shared/schemas/answer.ts';
import type { Item, TableItem, Template } from '@/shared/schemas/template.ts';
import { answerValueText, cellText } from '../i18n/answer-text.ts';
import { useT } from '../i18n/use-t.ts';

function TableAnswer({
  item,
  rows,
  scroll,
}: {
  item: TableItem;
  rows: TableRow[];
  scroll: boolean;
}) {
  const { t, locale } = useT();
  if (rows.length === 0) return <p className="answer">{t('answerTextNone')}</p>;
  const table = (
    <table className="print-table">
      <caption className="visually-hidden">{item.label[locale]}</caption>
      <thead>
        <tr>
          <th scope="col">{t('printRowNumber')}</th>
          {item.columns.map((column) => (
            <th key={column.id} scope="col">
              {column.label[locale]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={row.id}>
            <td className="number">{index + 1}</td>
            {item.columns.map((column) => (
              <td key={column.id}>{cellText(column, row, locale)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return scroll ? <div className="table-scroll">{table}</div> : table;
}

function ItemAnswer({
  item,
  answer,
  number,
  id,
  flagged,
  scrollTables,
}: {
  item: Item;
  answer: Answer | undefined;
  number: string;
  id: string | undefined;
  flagged: boolean;
  scrollTables: boolean;
}) {
  const { t, locale } = useT();
  return (
    <li id={id} className={`print-item${flagged ? ' flagged' : ''}`}>
      <p className="print-item-label">
        <span className="print-item-number">{number}</span> {item.label[locale]}
      </p>
      {item.kind === 'table' ? (
        <TableAnswer
          item={item}
          rows={Array.isArray(answer?.value) ? (answer.value as TableRow[]) : []}
          scroll={scrollTables}
        />
      ) : (
        <p className="answer">{answerValueText(item, answer?.value, locale)}</p>
      )}
      {answer?.comment && (
        <p className="answer-note">{t('printComment', { text: answer.comment })}</p>
      )}
      {answer?.action && <p className="answer-note">{t('printAction', { text: answer.action })}</p>}
    </li>
  );
}

/** The template's sections as `section.print-section` blocks, each with its items' answers. */
export function SheetAnswers({
  template,
  answers,
  idPrefix,
  headingLevel,
  itemId,
  flagged,
  scrollTables = false,
}: {
  template: Template;
  answers: Readonly<Record<string, Answer>>;
  /** Prefixes the ids of the sections' headings (`<idPrefix>-<section id>`). */
  idPrefix: string;
  /** The level of the sections' headings, one below the screen's. */
  headingLevel: 3 | 4;
  /** The id of an item's block, when something links to it. */
  itemId?: (id: string) => string;
  /** Items marked as flagged (class `flagged`). */
  flagged?: ReadonlySet<string>;
  /** Wraps tables to scroll sideways on a narrow screen (not on paper). */
  scrollTables?: boolean;
}) {
  const { locale } = useT();
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return template.sections.map((section, s) => {
    const prefix = s + 1;
    return (
      <section
        key={section.id}
        className="print-section"
        aria-labelledby={`${idPrefix}-${section.id}`}
      >
        <Heading id={`${idPrefix}-${section.id}`}>
          {prefix}. {section.title[locale]}
        </Heading>
        <ol className="print-items">
          {section.items.map((item, i) => (
            <ItemAnswer
              key={item.id}
              item={item}
              answer={answers[item.id]}
              number={`${prefix}-${i + 1}`}
              id={itemId?.(item.id)}
              flagged={flagged?.has(item.id) ?? false}
              scrollTables={scrollTables}
            />
          ))}
        </ol>
      </section>
    );
  });
}
