// What an HR import changes (or changed), list by list: the counts first, then each
// non-empty list, collapsed when long.
import type { ReactNode } from 'react';
import type { HrImportPreview } from '@/shared/api/schemas.ts';
import type { Person } from '@/shared/schemas/organisation.ts';
import type { MessageKey } from '../../i18n/messages-ja.ts';
import { useT } from '../../i18n/use-t.ts';
import {
  ageBandKeys,
  employmentKeys,
  positionKeys,
  unitKindKeys,
} from '../../i18n/organisation-text.ts';
import { labelOf, rolesText, unitText, type Translate, type UnitNames } from './admin-text.ts';
import { useShowAll } from './show-all.tsx';

export type HrChanges = Extract<HrImportPreview, { ok: true }>['changes'];
type FieldChange = { field: string; before?: unknown; after?: unknown };

const fieldKeys: Record<string, MessageKey> = {
  name: 'fieldPersonName',
  position: 'fieldPosition',
  employmentType: 'fieldEmploymentType',
  ageBand: 'fieldAgeBand',
};

const unitFieldKeys: Record<string, MessageKey> = {
  name: 'fieldUnitName',
  nameEn: 'fieldUnitNameEn',
  kind: 'fieldUnitKind',
  parentId: 'fieldUnitParent',
};

function plain(value: unknown, t: Translate): string {
  return value === undefined || value === null || value === '' ? t('valueNone') : String(value);
}

function personValue(field: string, value: unknown, t: Translate): string {
  if (field === 'position') return labelOf(positionKeys, t, value);
  if (field === 'employmentType') return labelOf(employmentKeys, t, value);
  if (field === 'ageBand') return labelOf(ageBandKeys, t, value);
  return plain(value, t);
}

function BeforeAfter({ before, after }: { before: string; after: string }) {
  return (
    <span className="before-after">
      <del>{before}</del>
      <span aria-hidden="true"> → </span>
      <ins>{after}</ins>
    </span>
  );
}

function ChangeSection<T>({
  id,
  label,
  items,
  render,
}: {
  id: string;
  label: string;
  items: readonly T[];
  render: (item: T) => ReactNode;
}) {
  const { t, locale } = useT();
  const { visible, toggle } = useShowAll(items);
  if (items.length === 0) return null;
  return (
    <section className="change-section" aria-labelledby={`${id}-title`} data-testid={id}>
      <h4 id={`${id}-title`}>
        {t('hrSectionTitle', { label, count: items.length.toLocaleString(locale) })}
      </h4>
      <ul className="change-list">{visible.map(render)}</ul>
      {toggle}
    </section>
  );
}

export function HrChangesView({
  changes,
  unitNames,
  idPrefix,
}: {
  changes: HrChanges;
  unitNames: UnitNames;
  idPrefix: string;
}) {
  const { t, locale } = useT();
  const unit = (id: string | null) => unitText(unitNames, id, locale) ?? t('valueNone');
  const unitLabel = (u: { name: string; nameEn?: string | undefined; code: string }) =>
    t('unitLabel', { name: locale === 'en' && u.nameEn ? u.nameEn : u.name, code: u.code });
  const who = (p: Pick<Person, 'name' | 'staffNumber'>) =>
    t('personLabel', { name: p.name, staffNumber: p.staffNumber });

  const counts: { key: MessageKey; count: number }[] = [
    { key: 'hrNewUnits', count: changes.newUnits.length },
    { key: 'hrChangedUnits', count: changes.changedUnits.length },
    { key: 'hrNewPeople', count: changes.newPeople.length },
    { key: 'hrMoves', count: changes.moves.length },
    { key: 'hrLeavers', count: changes.leavers.length },
    { key: 'hrReturning', count: changes.returning.length },
    { key: 'hrRoleChanges', count: changes.roleChanges.length },
    { key: 'hrOtherChanges', count: changes.otherChanges.length },
    { key: 'hrUnchanged', count: changes.unchanged },
  ];
  const personLine = (p: Person) => (
    <li key={p.id}>
      <strong>{who(p)}</strong>
      <span className="meta">
        {unit(p.unitId)} ・ {rolesText(p.roles, t)}
      </span>
    </li>
  );

  return (
    <div className="hr-changes">
      <table className="hr-summary">
        <caption>{t('hrSummary')}</caption>
        <tbody>
          {counts.map(({ key, count }) => (
            <tr key={key}>
              <th scope="row">{t(key)}</th>
              <td>{t('countItems', { count: count.toLocaleString(locale) })}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <ChangeSection
        id={`${idPrefix}-new-units`}
        label={t('hrNewUnits')}
        items={changes.newUnits}
        render={(u) => (
          <li key={u.id}>
            <strong>{unitLabel(u)}</strong>
            <span className="meta">
              {t('hrUnitUnder', {
                kind: labelOf(unitKindKeys, t, u.kind),
                parent: unit(u.parentId),
              })}
            </span>
          </li>
        )}
      />
      <ChangeSection
        id={`${idPrefix}-changed-units`}
        label={t('hrChangedUnits')}
        items={changes.changedUnits}
        render={({ unit: u, changes: fields }) => (
          <li key={u.id}>
            <strong>{unitLabel(u)}</strong>
            <ul className="fields">
              {(fields as FieldChange[]).map((f) => (
                <li key={f.field}>
                  {unitFieldKeys[f.field] ? t(unitFieldKeys[f.field]!) : f.field}:{' '}
                  <BeforeAfter
                    before={
                      f.field === 'kind'
                        ? labelOf(unitKindKeys, t, f.before)
                        : f.field === 'parentId'
                          ? unit((f.before as string | null | undefined) ?? null)
                          : plain(f.before, t)
                    }
                    after={
                      f.field === 'kind'
                        ? labelOf(unitKindKeys, t, f.after)
                        : f.field === 'parentId'
                          ? unit((f.after as string | null | undefined) ?? null)
                          : plain(f.after, t)
                    }
                  />
                </li>
              ))}
            </ul>
          </li>
        )}
      />
      <ChangeSection
        id={`${idPrefix}-new-people`}
        label={t('hrNewPeople')}
        items={changes.newPeople}
        render={personLine}
      />
      <ChangeSection
        id={`${idPrefix}-moves`}
        label={t('hrMoves')}
        items={changes.moves}
        render={(m) => (
          <li key={m.person.id}>
            <strong>{who(m.person)}</strong>{' '}
            <BeforeAfter before={unit(m.fromUnitId)} after={unit(m.toUnitId)} />
          </li>
        )}
      />
      <ChangeSection
        id={`${idPrefix}-leavers`}
        label={t('hrLeavers')}
        items={changes.leavers}
        render={personLine}
      />
      <ChangeSection
        id={`${idPrefix}-returning`}
        label={t('hrReturning')}
        items={changes.returning}
        render={personLine}
      />
      <ChangeSection
        id={`${idPrefix}-role-changes`}
        label={t('hrRoleChanges')}
        items={changes.roleChanges}
        render={(c) => (
          <li key={c.person.id}>
            <strong>{who(c.person)}</strong>{' '}
            <BeforeAfter before={rolesText(c.before, t)} after={rolesText(c.after, t)} />
          </li>
        )}
      />
      <ChangeSection
        id={`${idPrefix}-other-changes`}
        label={t('hrOtherChanges')}
        items={changes.otherChanges}
        render={(c) => (
          <li key={c.person.id}>
            <strong>{who(c.person)}</strong>
            <ul className="fields">
              {(c.changes as FieldChange[]).map((f) => (
                <li key={f.field}>
                  {fieldKeys[f.field] ? t(fieldKeys[f.field]!) : f.field}:{' '}
                  <BeforeAfter
                    before={personValue(f.field, f.before, t)}
                    after={personValue(f.field, f.after, t)}
                  />
                </li>
              ))}
            </ul>
          </li>
        )}
      />
    </div>
  );
}

/** Whether importing would change anything at all. */
export function changesAnything(changes: HrChanges): boolean {
  return (
    changes.newUnits.length +
      changes.changedUnits.length +
      changes.newPeople.length +
      changes.moves.length +
      changes.leavers.length +
      changes.returning.length +
      changes.roleChanges.length +
      changes.otherChanges.length >
    0
  );
}
