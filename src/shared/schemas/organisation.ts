// The city's organisation: nested units and the people who work in them.
import { z } from 'zod';
import { idSchema } from './common.ts';

/** 局/区 → 部 → 課/公所 → 係. A unit's kind decides which kinds may sit under it. */
export const unitKinds = [
  'bureau',
  'ward',
  'department',
  'section',
  'office',
  'subsection',
] as const;
export type UnitKind = (typeof unitKinds)[number];

/** The kinds a parent of each kind may have; top-level kinds have none. */
export const allowedParentKinds: Record<UnitKind, readonly UnitKind[]> = {
  bureau: [],
  ward: [],
  department: ['bureau', 'ward'],
  section: ['department', 'bureau', 'ward'],
  office: ['department', 'bureau', 'ward'],
  subsection: ['section', 'office'],
};

export const unitSchema = z.strictObject({
  id: idSchema,
  code: z.string().regex(/^[0-9A-Za-z-]{1,20}$/, 'must be 1–20 letters, digits or "-"'),
  name: z.string().trim().min(1, 'is required').max(100),
  nameEn: z.string().trim().min(1).max(200).optional(),
  kind: z.enum(unitKinds),
  parentId: idSchema.nullable(),
});
export type Unit = z.infer<typeof unitSchema>;

export const positions = [
  'staff', // 職員
  'senior_staff', // 主任
  'chief_senior_staff', // 総括主任
  'subsection_chief', // 係長
  'section_chief', // 課長
  'department_head', // 部長
  'bureau_head', // 局長
] as const;
export type Position = (typeof positions)[number];

export const employmentTypes = [
  'regular', // 正職員
  'reappointed', // 再任用
  'fiscal_year', // 会計年度任用職員
] as const;
export type EmploymentType = (typeof employmentTypes)[number];

export const ageBands = ['under_30', '30s', '40s', '50s', '60_and_over'] as const;
export type AgeBand = (typeof ageBands)[number];

export const roles = ['staff', 'chief', 'seal_custodian', 'auditor', 'admin'] as const;
export type Role = (typeof roles)[number];

export const personSchema = z.strictObject({
  id: idSchema,
  staffNumber: z.string().regex(/^[0-9A-Za-z]{4,12}$/, 'must be 4–12 letters or digits'),
  name: z.string().trim().min(1, 'is required').max(100),
  unitId: idSchema,
  position: z.enum(positions),
  employmentType: z.enum(employmentTypes),
  ageBand: z.enum(ageBands),
  roles: z
    .array(z.enum(roles))
    .min(1, 'a person has at least one role')
    .refine((r) => new Set(r).size === r.length, 'must not repeat a role'),
  active: z.boolean().default(true),
});
export type Person = z.infer<typeof personSchema>;

/** An official seal (公印) in a unit's register, with the person who keeps it (公印管守者). */
export const sealSchema = z.strictObject({
  id: idSchema,
  unitId: idSchema,
  name: z.string().trim().min(1, 'is required').max(100),
  custodianId: idSchema,
  location: z.string().trim().min(1, 'is required').max(200),
  active: z.boolean().default(true),
});
export type Seal = z.infer<typeof sealSchema>;

/**
 * A whole organisation, checked as one: unique ids and staff numbers, parents that exist,
 * a tree with no cycles, parent kinds that fit, and people in units that exist.
 */
export const organisationSchema = z
  .strictObject({
    units: z.array(unitSchema).min(1, 'an organisation has at least one unit'),
    people: z.array(personSchema),
    seals: z.array(sealSchema).default([]),
  })
  .superRefine((org, ctx) => {
    const units = new Map<string, Unit>();
    org.units.forEach((unit, i) => {
      if (units.has(unit.id))
        ctx.addIssue({
          code: 'custom',
          path: ['units', i, 'id'],
          message: `duplicate unit id "${unit.id}"`,
        });
      units.set(unit.id, unit);
    });
    org.units.forEach((unit, i) => {
      if (unit.parentId === null) {
        if (allowedParentKinds[unit.kind].length > 0)
          ctx.addIssue({
            code: 'custom',
            path: ['units', i, 'parentId'],
            message: `a ${unit.kind} needs a parent unit`,
          });
        return;
      }
      const parent = units.get(unit.parentId);
      if (!parent) {
        ctx.addIssue({
          code: 'custom',
          path: ['units', i, 'parentId'],
          message: `unknown unit "${unit.parentId}"`,
        });
        return;
      }
      if (!allowedParentKinds[unit.kind].includes(parent.kind))
        ctx.addIssue({
          code: 'custom',
          path: ['units', i, 'parentId'],
          message: `a ${unit.kind} cannot sit under a ${parent.kind}`,
        });
      const seen = new Set([unit.id]);
      for (
        let p: Unit | undefined = parent;
        p;
        p = p.parentId ? units.get(p.parentId) : undefined
      ) {
        if (seen.has(p.id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['units', i, 'parentId'],
            message: 'units form a cycle',
          });
          break;
        }
        seen.add(p.id);
      }
    });
    const ids = new Set<string>();
    const staffNumbers = new Set<string>();
    org.people.forEach((person, i) => {
      if (ids.has(person.id))
        ctx.addIssue({
          code: 'custom',
          path: ['people', i, 'id'],
          message: `duplicate person id "${person.id}"`,
        });
      ids.add(person.id);
      if (staffNumbers.has(person.staffNumber))
        ctx.addIssue({
          code: 'custom',
          path: ['people', i, 'staffNumber'],
          message: `duplicate staff number "${person.staffNumber}"`,
        });
      staffNumbers.add(person.staffNumber);
      if (!units.has(person.unitId))
        ctx.addIssue({
          code: 'custom',
          path: ['people', i, 'unitId'],
          message: `unknown unit "${person.unitId}"`,
        });
    });
    org.seals.forEach((seal, i) => {
      if (!units.has(seal.unitId))
        ctx.addIssue({
          code: 'custom',
          path: ['seals', i, 'unitId'],
          message: `unknown unit "${seal.unitId}"`,
        });
      if (!ids.has(seal.custodianId))
        ctx.addIssue({
          code: 'custom',
          path: ['seals', i, 'custodianId'],
          message: `unknown person "${seal.custodianId}"`,
        });
    });
  });
export type Organisation = z.infer<typeof organisationSchema>;
