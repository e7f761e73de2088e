// Long lists (an import of 15,000 people) start collapsed, so the page stays quick; the
// administrator may open more of them, or all. When the button pressed goes away, focus
// moves to the next control of the group instead of being lost.
import { useEffect, useRef, useState, useTransition } from 'react';
import { useT } from '../../i18n/use-t.ts';

export const FIRST_ROWS = 50;
const STEP = 500;

export function useShowAll<T>(items: readonly T[], first: number = FIRST_ROWS) {
  const { t, locale } = useT();
  const [count, setCount] = useState(first);
  const [pending, startTransition] = useTransition();
  const group = useRef<HTMLDivElement>(null);
  const keepFocus = useRef(false);
  const shown = Math.min(count, items.length);
  const rest = items.length - shown;

  useEffect(() => {
    if (!keepFocus.current || pending) return;
    keepFocus.current = false;
    if (!group.current?.contains(document.activeElement))
      group.current?.querySelector('button')?.focus();
  }, [shown, pending]);

  const show = (next: number) => {
    keepFocus.current = true;
    startTransition(() => setCount(next));
  };
  const toggle =
    items.length > first ? (
      <div className="actions show-all" ref={group} aria-busy={pending}>
        {rest > STEP && (
          <button type="button" onClick={() => show(shown + STEP)}>
            {t('showMore', { count: STEP.toLocaleString(locale) })}
          </button>
        )}
        {rest > 0 && (
          <button type="button" onClick={() => show(items.length)}>
            {t('showAll', { count: rest.toLocaleString(locale) })}
          </button>
        )}
        {shown > first && (
          <button type="button" onClick={() => show(first)}>
            {t('showFirst', { count: first })}
          </button>
        )}
      </div>
    ) : null;
  return { visible: items.slice(0, shown), toggle };
}
