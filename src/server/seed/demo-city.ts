// Generates the demo city from seeds/demo-city.json: its units as written there, and people
// and seals drawn from a fixed seed, so every fresh start shows the same believable city.
import { z } from 'zod';
import {
  organisationSchema,
  type AgeBand,
  type EmploymentType,
  type Organisation,
  type Person,
  type Position,
  type Role,
  type Seal,
  type Unit,
} from '@/shared/schemas/organisation.ts';
import { createRandom } from './random.ts';

const sectionConfig = z.strictObject({
  code: z.string(),
  name: z.string().min(1),
  nameEn: z.string().min(1),
  kind: z.enum(['section', 'office']),
  extraSeals: z
    .array(z.strictObject({ name: z.string().min(1), location: z.string().min(1) }))
    .optional(),
});

export const demoCityConfigSchema = z.strictObject({
  seed: z.number().int(),
  /** How many people the city has, heads of bureaus and departments included. */
  people: z.number().int().min(100),
  units: z
    .array(
      z.strictObject({
        code: z.string(),
        name: z.string().min(1),
        nameEn: z.string().min(1),
        kind: z.enum(['bureau', 'ward']),
        departments: z
          .array(
            z.strictObject({
              code: z.string(),
              name: z.string().min(1),
              nameEn: z.string().min(1),
              sections: z.array(sectionConfig).min(1),
            }),
          )
          .min(1),
      }),
    )
    .min(1),
  /** Section codes whose first two staff are auditors. */
  auditorSections: z.array(z.string()).min(1),
  /** Section code whose first staff member is the administrator. */
  adminSection: z.string(),
  /** Every demo person signs in with this password; it is printed at start and in the README. */
  demoPassword: z.string().min(10),
  /** The section whose staff member, chief and seal custodian are the demo accounts. */
  demoSection: z.string(),
  surnames: z.array(z.string().min(1)).min(10),
  givenNames: z.array(z.string().min(1)).min(10),
});
export type DemoCityConfig = z.infer<typeof demoCityConfigSchema>;

const ageByPosition: Record<Position, readonly (readonly [AgeBand, number])[]> = {
  staff: [
    ['under_30', 45],
    ['30s', 30],
    ['40s', 15],
    ['50s', 10],
  ],
  senior_staff: [
    ['30s', 50],
    ['40s', 35],
    ['50s', 15],
  ],
  chief_senior_staff: [
    ['40s', 50],
    ['50s', 50],
  ],
  subsection_chief: [
    ['40s', 55],
    ['50s', 45],
  ],
  section_chief: [
    ['40s', 15],
    ['50s', 85],
  ],
  department_head: [
    ['50s', 80],
    ['60_and_over', 20],
  ],
  bureau_head: [
    ['50s', 70],
    ['60_and_over', 30],
  ],
};

const memberPositions: readonly (readonly [Position, number])[] = [
  ['staff', 50],
  ['senior_staff', 25],
  ['chief_senior_staff', 10],
  ['subsection_chief', 15],
];

function unitId(code: string): string {
  return `u${code}`;
}

export function generateDemoCity(config: DemoCityConfig): Organisation {
  const random = createRandom(config.seed);
  const units: Unit[] = [];
  const people: Person[] = [];
  const seals: Seal[] = [];

  const addPerson = (
    unit: string,
    position: Position,
    roles: Role[],
    employmentType: EmploymentType = 'regular',
  ) => {
    const n = people.length + 1;
    const ageBand: AgeBand =
      employmentType === 'reappointed' ? '60_and_over' : random.weighted(ageByPosition[position]);
    const person: Person = {
      id: `p${String(n).padStart(5, '0')}`,
      staffNumber: String(100000 + n),
      name: `${random.pick(config.surnames)}\u3000${random.pick(config.givenNames)}`,
      unitId: unit,
      position,
      employmentType,
      ageBand,
      roles,
      active: true,
    };
    people.push(person);
    return person;
  };

  const sections: { unit: Unit; config: z.infer<typeof sectionConfig> }[] = [];
  for (const top of config.units) {
    const topUnit: Unit = {
      id: unitId(top.code),
      code: top.code,
      name: top.name,
      nameEn: top.nameEn,
      kind: top.kind,
      parentId: null,
    };
    units.push(topUnit);
    addPerson(topUnit.id, 'bureau_head', ['staff', 'chief']);
    for (const dept of top.departments) {
      const deptUnit: Unit = {
        id: unitId(dept.code),
        code: dept.code,
        name: dept.name,
        nameEn: dept.nameEn,
        kind: 'department',
        parentId: topUnit.id,
      };
      units.push(deptUnit);
      addPerson(deptUnit.id, 'department_head', ['staff', 'chief']);
      for (const section of dept.sections) {
        const unit: Unit = {
          id: unitId(section.code),
          code: section.code,
          name: section.name,
          nameEn: section.nameEn,
          kind: section.kind,
          parentId: deptUnit.id,
        };
        units.push(unit);
        sections.push({ unit, config: section });
      }
    }
  }

  const membersLeft = config.people - people.length;
  const sizes = sections.map(
    (_, i) =>
      Math.floor(membersLeft / sections.length) + (i < membersLeft % sections.length ? 1 : 0),
  );
  for (const [i, { unit, config: section }] of sections.entries()) {
    const size = sizes[i] ?? 0;
    addPerson(unit.id, 'section_chief', ['staff', 'chief']);
    const custodian = addPerson(unit.id, 'subsection_chief', ['staff', 'seal_custodian']);
    for (let k = 2; k < size; k++) addMember(unit.id);
    seals.push({
      id: `seal-${section.code}-1`,
      unitId: unit.id,
      name: `${section.name}長印`,
      custodianId: custodian.id,
      location: `${section.name} 事務室の施錠保管庫`,
      active: true,
    });
    (section.extraSeals ?? []).forEach((extra, e) =>
      seals.push({
        id: `seal-${section.code}-${e + 2}`,
        unitId: unit.id,
        name: extra.name,
        custodianId: custodian.id,
        location: extra.location,
        active: true,
      }),
    );
  }

  function addMember(unit: string) {
    const employmentType = random.weighted<EmploymentType>([
      ['regular', 75],
      ['fiscal_year', 18],
      ['reappointed', 7],
    ]);
    const position: Position =
      employmentType === 'regular' ? random.weighted(memberPositions) : 'staff';
    addPerson(unit, position, ['staff'], employmentType);
  }

  const grantRole = (sectionCode: string, role: Role, count: number) => {
    const members = people.filter(
      (p) =>
        p.unitId === unitId(sectionCode) && p.roles.length === 1 && p.employmentType === 'regular',
    );
    if (members.length < count)
      throw new Error(`section ${sectionCode} has too few staff to give ${count} the ${role} role`);
    for (const person of members.slice(0, count)) person.roles.push(role);
  };
  for (const code of config.auditorSections) grantRole(code, 'auditor', 2);
  grantRole(config.adminSection, 'admin', 1);

  return organisationSchema.parse({ units, people, seals });
}

export interface DemoAccount {
  role: Role;
  staffNumber: string;
  name: string;
  unitName: string;
}

/** One person to try each role with: a section's member, its chief and its seal custodian, an auditor and the administrator. */
export function demoAccounts(org: Organisation, config: DemoCityConfig): DemoAccount[] {
  const section = unitId(config.demoSection);
  const pick = (role: Role, test: (p: Person) => boolean): DemoAccount => {
    const person = org.people.find((p) => p.active && test(p));
    if (!person) throw new Error(`the demo city has no ${role} to show`);
    const unitName = org.units.find((u) => u.id === person.unitId)?.name ?? '';
    return { role, staffNumber: person.staffNumber, name: person.name, unitName };
  };
  const inSection = (p: Person) => p.unitId === section;
  return [
    pick('staff', (p) => inSection(p) && p.roles.length === 1 && p.roles[0] === 'staff'),
    pick('chief', (p) => inSection(p) && p.roles.includes('chief')),
    pick('seal_custodian', (p) => inSection(p) && p.roles.includes('seal_custodian')),
    pick('auditor', (p) => p.roles.includes('auditor')),
    pick('admin', (p) => p.roles.includes('admin')),
  ];
}
