// The administrator's screens: HR import and the people register, as two tabs. Both work
// on the server only, so with no network they say so; the panels stay mounted, so chosen
// files and the loaded list survive switching tabs and a dropped connection.
import { useCallback, useState } from 'react';
import type { Unit } from '@/shared/schemas/organisation.ts';
import { TabList } from '../../components/tab-list.tsx';
import type { MessageKey } from '../../i18n/messages-ja.ts';
import { useT } from '../../i18n/use-t.ts';
import { useAppStore } from '../../store/app-store.ts';
import type { UnitNames } from './admin-text.ts';
import { HrImportPanel } from './hr-import-panel.tsx';
import { PeoplePanel } from './people-panel.tsx';
import { NeedsNetworkNotice } from '../../components/notices.tsx';

const tabs = [
  { id: 'import', label: 'adminTabImport' },
  { id: 'people', label: 'adminTabPeople' },
] as const satisfies readonly { id: string; label: MessageKey }[];
type TabId = (typeof tabs)[number]['id'];

export function AdminScreen() {
  const { t } = useT();
  const person = useAppStore((s) => s.person);
  const online = useAppStore((s) => s.online);
  const [tab, setTab] = useState<TabId>('import');
  const [reloadKey, setReloadKey] = useState(0);
  const [unitNames, setUnitNames] = useState<UnitNames>(() => new Map());

  // The API has no list of units: names are collected from the session and from imports.
  const known: UnitNames = new Map([
    ...(person ? ([[person.unitId, { name: person.unitName }]] as const) : []),
    ...unitNames,
  ]);
  const onUnitsSeen = useCallback((units: Unit[]) => {
    if (units.length === 0) return;
    setUnitNames((before) => {
      const next = new Map(before);
      for (const u of units) next.set(u.id, { name: u.name, nameEn: u.nameEn });
      return next;
    });
  }, []);
  const onApplied = useCallback(() => setReloadKey((n) => n + 1), []);

  if (!person) return null;

  return (
    <section className="admin" aria-labelledby="admin-title" data-testid="admin">
      <h2 id="admin-title">{t('adminTitle')}</h2>
      <NeedsNetworkNotice online={online} message="adminNeedsNetwork" />
      <TabList
        tabs={tabs}
        selected={tab}
        onSelect={setTab}
        label={t('adminTabsLabel')}
        idPrefix="admin"
        controls={(id) => `admin-panel-${id}`}
      />
      <div
        id="admin-panel-import"
        role="tabpanel"
        aria-labelledby="admin-tab-import"
        className="tab-panel"
        hidden={tab !== 'import'}
      >
        <HrImportPanel
          online={online}
          unitNames={known}
          onUnitsSeen={onUnitsSeen}
          onApplied={onApplied}
        />
      </div>
      <div
        id="admin-panel-people"
        role="tabpanel"
        aria-labelledby="admin-tab-people"
        className="tab-panel"
        hidden={tab !== 'people'}
      >
        <PeoplePanel
          online={online}
          selfId={person.id}
          unitNames={known}
          reloadKey={reloadKey}
          visible={tab === 'people'}
        />
      </div>
    </section>
  );
}
