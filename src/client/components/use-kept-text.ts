// Text typed into a form that is not an answer (a return comment, a reminder's message),
// kept on the device as it is typed until the form is sent, for the person signed in.
import { useCallback, useState } from 'react';
import { currentPersonDb } from '../db/person-db.ts';
import { keptText } from '../db/unsaved-backup.ts';

function keptCopy(key: string | null) {
  const db = currentPersonDb();
  return db && key !== null ? keptText(db.name, key) : null;
}

/**
 * The text typed for `key` (null: no form open), starting from the copy kept on the
 * device; set it to '' once the form has done its work, and the copy goes too.
 */
export function useKeptText(key: string | null): [string, (text: string) => void] {
  const [typed, setTyped] = useState(() => ({ key, text: keptCopy(key)?.read() ?? '' }));
  let current = typed;
  if (typed.key !== key) {
    // Another form (another sheet): start from its own copy.
    current = { key, text: keptCopy(key)?.read() ?? '' };
    setTyped(current);
  }
  const setText = useCallback(
    (text: string) => {
      setTyped({ key, text });
      keptCopy(key)?.write(text);
    },
    [key],
  );
  return [current.text, setText];
}
