// 実施回: for chiefs and administrators, starting a round for the units they may reach, the
// rounds started, and the seal register of their units. All of it happens on the server, so
// with no network the screen says so and keeps what it last loaded.
import { useEffect, useMemo, useState } from 'react';
import { operations } from '@/shared/api/operations.ts';
import type { RoundListing, SessionPerson } from '@/shared/api/schemas.ts';
import { can } from '@/shared/permissions.ts';
import { roundReach } from '@/shared/rounds.ts';
import type { Unit } from '@/shared/schemas/organisation.ts';
import type { Template } from '@/shared/schemas/template.ts';
import { callApi } from '../../api/api-client.ts';
import type { MessageKey } from '../../i18n/messages-ja.ts';
import { useT } from '../../i18n/use-t.ts';
import { useAppStore } from '../../store/app-store.ts';
import { RoundsList } from './rounds-list.tsx';
import { problemOf } from './rounds-text.ts';
import { SealRegister } from './seal-register.tsx';
import { StartRoundForm } from './start-round-form.tsx';
import { LoadProblem, NeedsNetworkNotice } from '../../components/notices.tsx';

interface Loaded {
  units: Unit[];
  templates: Template[];
  rounds: RoundListing[];
}

export function RoundsScreen({ person }: { person: SessionPerson }) {
  const { t } = useT();
  const online = useAppStore((s) => s.online);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!online) return;
    let current = true;
    Promise.all([
      callApi(operations.listUnits),
      callApi(operations.listTemplates),
      callApi(operations.listRounds),
    ]).then(
      ([units, templates, rounds]) => {
        if (!current) return;
        setLoaded({ units: units.units, templates: templates.templates, rounds: rounds.rounds });
        setProblem(null);
      },
      (error: unknown) => {
        if (current) setProblem(problemOf(error));
      },
    );
    return () => {
      current = false;
    };
  }, [online, attempt]);

  // The units this person starts rounds for and keeps seals of, in the register's order.
  const reach = useMemo(() => {
    if (!loaded) return [];
    const ids = roundReach(person, loaded.units);
    return loaded.units.filter((u) => ids.has(u.id));
  }, [loaded, person]);

  return (
    <section className="rounds" aria-labelledby="rounds-title" data-testid="rounds">
      <h2 id="rounds-title">{t('roundsTitle')}</h2>
      <NeedsNetworkNotice online={online} message="roundsNeedsNetwork" />
      <LoadProblem problem={problem} online={online} onRetry={() => setAttempt((n) => n + 1)} />
      {loaded === null && !problem && online && <p>{t('loading')}</p>}
      {loaded !== null && (
        <>
          <StartRoundForm
            templates={loaded.templates}
            units={reach}
            rounds={loaded.rounds}
            online={online}
            chooseAll={!can(person, 'manageOrganisation')}
            onStarted={() => setAttempt((n) => n + 1)}
          />
          <RoundsList rounds={loaded.rounds} templates={loaded.templates} />
          <SealRegister units={reach} defaultUnitId={person.unitId} online={online} />
        </>
      )}
    </section>
  );
}
