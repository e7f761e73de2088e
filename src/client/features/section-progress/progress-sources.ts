// Where the progress screen's choices come from besides the device's sheets: the units the
// device knows (the directory a reviewer's device keeps, or the server's list when none is
// stored yet) and, when online, the rounds the server lists. Neither is needed: offline the
// screen offers what the device holds.
import { useEffect, useState } from 'react';
import { operations } from '@/shared/api/operations.ts';
import type { Round } from '@/shared/schemas/round.ts';
import type { Unit } from '@/shared/schemas/organisation.ts';
import { callApi } from '../../api/api-client.ts';
import { useDirectory } from '../../db/person-db.ts';

/**
 * The units the device knows: the stored directory's, else (online, with none stored) the
 * server's list; null when neither is at hand, undefined while the directory is read.
 */
export function useKnownUnits(online: boolean): readonly Unit[] | null | undefined {
  const stored = useDirectory();
  const [fetched, setFetched] = useState<Unit[] | null>(null);
  const needed = stored === null && online;

  useEffect(() => {
    if (!needed) return;
    let current = true;
    callApi(operations.listUnits).then(
      (answer) => {
        if (current) setFetched(answer.units);
      },
      () => {
        // The session's own unit and acting units are offered instead.
      },
    );
    return () => {
      current = false;
    };
  }, [needed]);

  if (stored === undefined) return undefined;
  return stored?.directory.units ?? fetched;
}

/** The server's answer about its rounds: null until one came (or while offline). */
export interface ListedRounds {
  rounds: readonly Round[];
  /** False when the server could not be asked or refused: only the device's rounds are offered. */
  ok: boolean;
}

/** The rounds the server lists for the person, asked whenever the device comes online. */
export function useListedRounds(online: boolean): ListedRounds | null {
  const [listed, setListed] = useState<ListedRounds | null>(null);

  useEffect(() => {
    if (!online) return;
    let current = true;
    callApi(operations.listRounds).then(
      (answer) => {
        if (current) setListed({ rounds: answer.rounds.map((r) => r.round), ok: true });
      },
      () => {
        if (current) setListed((before) => before ?? { rounds: [], ok: false });
      },
    );
    return () => {
      current = false;
    };
  }, [online]);

  return listed;
}
