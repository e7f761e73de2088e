// A row of tabs as WAI-ARIA's tabs pattern describes: the chosen tab alone in the tab order,
// arrow keys (round the ends), Home and End moving to and choosing a tab. Each tab's id is
// `<idPrefix>-tab-<id>`, for its panel's aria-labelledby; the screen renders the panels.
import { useRef, type KeyboardEvent } from 'react';
import type { MessageKey } from '../i18n/messages-ja.ts';
import { useT } from '../i18n/use-t.ts';

export function TabList<Id extends string>({
  tabs,
  selected,
  onSelect,
  label,
  idPrefix,
  controls,
}: {
  tabs: readonly { id: Id; label: MessageKey }[];
  selected: Id;
  onSelect(id: NoInfer<Id>): void;
  /** The name of the row of tabs. */
  label: string;
  idPrefix: string;
  /** The id of the panel a tab shows. */
  controls(id: NoInfer<Id>): string;
}) {
  const { t } = useT();
  const refs = useRef(new Map<Id, HTMLButtonElement>());

  function onKey(event: KeyboardEvent<HTMLButtonElement>) {
    const at = tabs.findIndex((x) => x.id === selected);
    const to =
      event.key === 'ArrowRight'
        ? (at + 1) % tabs.length
        : event.key === 'ArrowLeft'
          ? (at - 1 + tabs.length) % tabs.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? tabs.length - 1
              : null;
    if (to === null) return;
    event.preventDefault();
    const next = tabs[to]!.id;
    onSelect(next);
    refs.current.get(next)?.focus();
  }

  return (
    <div className="tabs" role="tablist" aria-label={label}>
      {tabs.map(({ id, label: name }) => (
        <button
          key={id}
          id={`${idPrefix}-tab-${id}`}
          ref={(el) => {
            if (el) refs.current.set(id, el);
            else refs.current.delete(id);
          }}
          type="button"
          role="tab"
          aria-selected={selected === id}
          aria-controls={controls(id)}
          tabIndex={selected === id ? 0 : -1}
          onClick={() => onSelect(id)}
          onKeyDown={onKey}
        >
          {t(name)}
        </button>
      ))}
    </div>
  );
}
