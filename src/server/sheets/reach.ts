// The units whose sheets a person's roles could reach, as a coarse cut for SQL; the
// permission table then decides each sheet.
import { permissionTable, type Actor } from '@/shared/permissions.ts';
import type { Unit } from '@/shared/schemas/organisation.ts';

/** The unit ids, or null for every unit. */
export function reachableUnits(actor: Actor, units: readonly Unit[]): string[] | null {
  const scopes = actor.roles.flatMap((r) => {
    const g = permissionTable[r];
    return [g.readSheets, g.fillSheets, g.signOffSheets];
  });
  if (scopes.includes('all')) return null;
  if (!scopes.includes('unit_tree')) return [actor.unitId];
  const below = new Set([actor.unitId]);
  // Units are few (hundreds); repeat until no unit joins.
  for (let grew = true; grew;) {
    grew = false;
    for (const u of units)
      if (u.parentId !== null && below.has(u.parentId) && !below.has(u.id)) {
        below.add(u.id);
        grew = true;
      }
  }
  return [...below].sort();
}
