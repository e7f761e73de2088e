// The units whose sheets a person's roles could reach, as a coarse cut for SQL; the
// permission table then decides each sheet. A unit the person acts as chief of (代理)
// reaches its tree as the chief's own unit does.
import { permissionTable, type Actor } from '@/shared/permissions.ts';
import type { Unit } from '@/shared/schemas/organisation.ts';

type SheetGrant = 'readSheets' | 'fillSheets' | 'signOffSheets';

/**
 * The unit ids, or null for every unit, that the person's grants reach: by default every
 * grant; a device syncs only the sheets the person works on (fills or signs off).
 */
export function reachableUnits(
  actor: Actor,
  units: readonly Unit[],
  grants: readonly SheetGrant[] = ['readSheets', 'fillSheets', 'signOffSheets'],
): string[] | null {
  const scopes = actor.roles.flatMap((r) => grants.map((grant) => permissionTable[r][grant]));
  if (scopes.includes('all')) return null;
  const acting = actor.actingUnitIds ?? [];
  const roots = scopes.includes('unit_tree') ? [actor.unitId, ...acting] : acting;
  if (roots.length === 0) return [actor.unitId];
  return [...new Set([actor.unitId, ...unitsBelow(roots, units)])].sort();
}

/** These units and every unit below them. */
export function unitsBelow(roots: readonly string[], units: readonly Unit[]): string[] {
  const below = new Set(roots);
  // Units are few (hundreds); repeat until no unit joins.
  for (let grew = true; grew;) {
    grew = false;
    for (const u of units)
      if (u.parentId !== null && below.has(u.parentId) && !below.has(u.id)) {
        below.add(u.id);
        grew = true;
      }
  }
  return [...below];
}
