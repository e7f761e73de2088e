// Rolling figures up the organisation: each unit's own figures plus those of every unit
// below it, 係 → 課 → 部 → 局 → the whole city. Works on any tree the register holds (a
// section may sit straight under a bureau), in the order the organisation chart reads.
import type { Unit } from '../schemas/organisation.ts';

export type RollupUnit = Pick<Unit, 'id' | 'code' | 'name' | 'kind' | 'parentId'> &
  Partial<Pick<Unit, 'nameEn'>>;

/** How figures of one kind start and add up. */
export interface Sum<T> {
  empty(): T;
  /** Adds `from` into `into`. */
  add(into: T, from: T): void;
}

export interface RolledUp<T> {
  unit: RollupUnit;
  /** 0 for a top-level unit (局・区). */
  depth: number;
  /** The unit's own figures and those of every unit below it. */
  total: T;
  /** Only the unit's own figures. */
  own: T;
}

export interface Rollup<T> {
  /** Every unit, parents before their children, siblings by code. */
  units: RolledUp<T>[];
  city: T;
}

/**
 * Adds each unit's figures into every unit above it. A unit whose parent is unknown is
 * taken as a top-level unit, and a cycle (which the register refuses) is cut where it is
 * found, so every figure is counted once in the city total.
 */
export function rollUp<T>(
  units: readonly RollupUnit[],
  own: ReadonlyMap<string, T>,
  sum: Sum<T>,
): Rollup<T> {
  const known = new Map(units.map((u) => [u.id, u]));
  const children = new Map<string | null, RollupUnit[]>();
  for (const u of units) {
    const parent = u.parentId !== null && known.has(u.parentId) ? u.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), u]);
  }
  for (const list of children.values())
    list.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

  const rows: RolledUp<T>[] = [];
  const visited = new Set<string>();
  const visit = (unit: RollupUnit, depth: number): T => {
    visited.add(unit.id);
    const mine = own.get(unit.id);
    const row: RolledUp<T> = { unit, depth, total: sum.empty(), own: sum.empty() };
    if (mine !== undefined) {
      sum.add(row.own, mine);
      sum.add(row.total, mine);
    }
    rows.push(row);
    for (const child of children.get(unit.id) ?? [])
      if (!visited.has(child.id)) sum.add(row.total, visit(child, depth + 1));
    return row.total;
  };
  const city = sum.empty();
  for (const top of children.get(null) ?? []) sum.add(city, visit(top, 0));
  // Units caught in a cycle hang under no top-level unit: each becomes one of its own.
  for (const u of units) if (!visited.has(u.id)) sum.add(city, visit(u, 0));
  return { units: rows, city };
}

/** Figures that are plain counts by name. */
export function countSum<K extends string>(keys: readonly K[]): Sum<Record<K, number>> {
  return {
    empty: () => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>,
    add(into, from) {
      for (const k of keys) into[k] += from[k];
    },
  };
}
