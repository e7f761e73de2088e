// The reports benchmark's city, generated in the database with set-based SQL: a number of
// people in sections of 30 (5 sections a department, 5 departments a bureau), one seal and
// one workplace risk sheet per section, and two fiscal years of the four seeded templates —
// the ethics and document-management self-checks twice a year for every person, the seal
// checklist and the risk sheet once a year — in every state, answered, with their events
// chained as the database chains them. 15,000 people make about 120,000 sheets and a few
// million answers.
//
// The rows are written as a restore would write them: with the tables' triggers and
// foreign-key checks off for the loading transaction (session_replication_role = replica,
// which needs a superuser, as the local PostgreSQL and PGlite are), the hash chain computed
// by the database's own tenken_event_hash, the reports' sign-offs and tallies counted once
// at the end (tenken_recount_report_tables, migration 0010), then VACUUM ANALYZE, as
// autovacuum would leave a database that has been in use.
import { hashPassword } from '@/server/auth/passwords.ts';
import type { Database } from '@/server/db/database.ts';
import type { Seeds } from '@/server/seed/load-seeds.ts';
import { latestVersions, storeTemplates } from '@/server/seed/seed-database.ts';
import { reserveVersions } from '@/server/sync/change-counter.ts';
import { dateInJapan, fiscalYearOf } from '@/shared/fiscal-year.ts';
import { templateItems, type Template } from '@/shared/schemas/template.ts';
import { DEMO_PASSWORD } from '../support/http.ts';

export const SECTION_SIZE = 30;
const SECTIONS_PER_DEPARTMENT = 5;
const DEPARTMENTS_PER_BUREAU = 5;

export interface CityFacts {
  people: number;
  units: number;
  sheets: number;
  answers: number;
  events: number;
  fiscalYear: number;
  auditor: { staffNumber: string };
  /** Loading the rows, then VACUUM ANALYZE. */
  loadMs: number;
  vacuumMs: number;
}

function template(templates: readonly Template[], kind: Template['kind']): Template {
  const t = templates.find((x) => x.kind === kind);
  if (!t) throw new Error(`no ${kind} template in the seeds`);
  return t;
}

const itemIds = (t: Template, kind: string) =>
  templateItems(t)
    .filter((i) => i.kind === kind)
    .map((i) => i.id);

/** A number 0–999 from a key: the same key always gives the same number. */
const draw = (key: string) => `(abs(hashtext(${key})) % 1000)`;

export async function generateCity(db: Database, seeds: Seeds, people: number): Promise<CityFacts> {
  const fiscalYear = fiscalYearOf(dateInJapan(new Date()));
  const sections = Math.max(1, Math.round(people / SECTION_SIZE));
  const departments = Math.ceil(sections / SECTIONS_PER_DEPARTMENT);
  const bureaus = Math.ceil(departments / DEPARTMENTS_PER_BUREAU);
  if (people < 3 * sections) throw new Error('too few people for the sections');
  const latest = latestVersions(seeds.templates);
  const ethics = template(latest, 'ethics');
  const documents = template(latest, 'documents');
  const seal = template(latest, 'seal');
  const risk = template(latest, 'risk');
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // The auditor: the first person after the chiefs, in the first section.
  const auditor = sections + 1;

  const start = performance.now();
  await db.transaction(async (tx) => {
    const [role] = await tx.query<{ super: boolean }>(
      'select rolsuper as super from pg_roles where rolname = current_user',
    );
    if (!role?.super) throw new Error('generating the city needs a superuser (triggers are off)');
    await tx.query(`set local session_replication_role = replica`);
    // Counting millions of answers at the end groups in memory rather than on disk.
    await tx.query(`set local work_mem = '256MB'`);
    await storeTemplates(tx, seeds.templates);
    const version = await reserveVersions(tx, 1);

    await tx.query(
      `insert into units (id, code, name, name_en, kind, parent_id)
       select 'b' || b, lpad(b::text, 3, '0'), '第' || b || '局', 'Bureau ' || b, 'bureau', null
       from generate_series(1, $1) b
       union all
       select 'd' || d, lpad((((d - 1) / $3) + 1)::text, 3, '0') || lpad(d::text, 4, '0'),
         '第' || d || '部', 'Department ' || d, 'department', 'b' || (((d - 1) / $3) + 1)
       from generate_series(1, $2) d
       union all
       select 's' || s,
         lpad((((((s - 1) / $5) + 1) - 1) / $3 + 1)::text, 3, '0')
           || lpad((((s - 1) / $5) + 1)::text, 4, '0') || lpad(s::text, 5, '0'),
         '第' || s || '課', 'Section ' || s, 'section', 'd' || (((s - 1) / $5) + 1)
       from generate_series(1, $4) s`,
      [bureaus, departments, DEPARTMENTS_PER_BUREAU, sections, SECTIONS_PER_DEPARTMENT],
    );

    // Person i works in section ((i - 1) mod sections) + 1; the first of each section is its chief.
    await tx.query(
      `insert into people (id, staff_number, name, unit_id, position, employment_type, age_band, roles)
       select 'p' || lpad(i::text, 6, '0'), (100000 + i)::text, '職員' || i,
         's' || (((i - 1) % $2) + 1),
         case when i <= $2 then 'section_chief'
              else (array['staff','staff','staff','staff','staff','staff','staff','staff','staff',
                          'staff','staff','senior_staff','senior_staff','senior_staff',
                          'senior_staff','chief_senior_staff','chief_senior_staff',
                          'subsection_chief','subsection_chief','subsection_chief'])
                   [1 + ${draw(`'position' || i`)} % 20] end,
         case when ${draw(`'employment' || i`)} < 750 then 'regular'
              when ${draw(`'employment' || i`)} < 950 then 'fiscal_year' else 'reappointed' end,
         case when i <= $2 then '50s'
              else (array['under_30','under_30','under_30','under_30','30s','30s','30s','30s',
                          '30s','40s','40s','40s','40s','40s','50s','50s','50s','50s',
                          '60_and_over','60_and_over'])[1 + ${draw(`'age' || i`)} % 20] end,
         case when i <= $2 then array['staff', 'chief']
              when i = $3 then array['auditor'] else array['staff'] end
       from generate_series(1, $1) i`,
      [people, sections, auditor],
    );
    await tx.query(
      `insert into credentials (person_id, password_hash, changed_at)
       values ('p' || lpad($1::text, 6, '0'), $2, now())`,
      [auditor, passwordHash],
    );
    // One seal per section; its custodian is the section's third person.
    await tx.query(
      `insert into seals (id, unit_id, name, custodian_id, location)
       select 'seal-' || s, 's' || s, '第' || s || '課長印',
         'p' || lpad((2 * $1 + s)::text, 6, '0'), '金庫'
       from generate_series(1, $1) s`,
      [sections],
    );

    // Sheets: a state drawn per sheet, with last year nearly all signed off, this year's
    // first half mostly and its second half under way.
    const state = (key: string, year: string, half: string) => `case
      when ${year} < $1 then case when ${draw(key)} < 920 then 'approved'
        when ${draw(key)} < 940 then 'submitted' when ${draw(key)} < 950 then 'returned' else 'draft' end
      when ${half} <> 'second_half' then case when ${draw(key)} < 800 then 'approved'
        when ${draw(key)} < 880 then 'submitted' when ${draw(key)} < 920 then 'returned' else 'draft' end
      else case when ${draw(key)} < 250 then 'approved' when ${draw(key)} < 450 then 'submitted'
        when ${draw(key)} < 500 then 'returned' else 'draft' end end`;
    const sheetColumns = `id, template_id, template_version, unit_id, owner_kind, owner_person_id,
      seal_id, fiscal_year, period, due_date, state, created_at, version`;
    await tx.query(
      `insert into sheets (${sheetColumns})
       select t.id || '.' || y || '.' || h || '.' || p.id, t.id, t.version, p.unit_id, 'person',
         p.id, null, y, h,
         case h when 'first_half' then make_date(y, 9, 30) else make_date(y + 1, 3, 15) end,
         ${state(`t.id || y || h || p.id`, 'y', 'h')}, make_timestamptz(y, 4, 1, 0, 0, 0), $4
       from people p
         cross join (values ($2::text, $3::int), ($5::text, $6::int)) t(id, version)
         cross join generate_series($1 - 1, $1) y
         cross join (values ('first_half'), ('second_half')) halves(h)
       where not ('auditor' = any(p.roles))`,
      [fiscalYear, ethics.id, ethics.version, version, documents.id, documents.version],
    );
    await tx.query(
      `insert into sheets (${sheetColumns})
       select $2 || '.' || y || '.annual.' || se.id, $2, $3, se.unit_id, 'seal', se.custodian_id,
         se.id, y, 'annual', make_date(y, 12, 25),
         ${state(`$2 || y || se.id`, 'y', `'annual'`)}, make_timestamptz(y, 4, 1, 0, 0, 0), $4
       from seals se cross join generate_series($1 - 1, $1) y`,
      [fiscalYear, seal.id, seal.version, version],
    );
    await tx.query(
      `insert into sheets (${sheetColumns})
       select $2 || '.' || y || '.annual.' || u.id, $2, $3, u.id, 'workplace', null, null, y,
         'annual', make_date(y + 1, 2, 26),
         ${state(`$2 || y || u.id`, 'y', `'annual'`)}, make_timestamptz(y, 4, 1, 0, 0, 0), $4
       from units u cross join generate_series($1 - 1, $1) y where u.kind = 'section'`,
      [fiscalYear, risk.id, risk.version, version],
    );

    // The rounds the sheets belong to, as starting them would have recorded them: every
    // section's, started by the first section's chief on the day the sheets were made.
    await tx.query(
      `insert into rounds (id, template_id, template_version, fiscal_year, period, due_date,
                           unit_ids, started_by, started_at)
       select round_id, min(template_id), max(template_version), min(fiscal_year), min(period),
         max(due_date), array_agg(distinct unit_id order by unit_id), 'p000001', min(created_at)
       from sheets group by round_id`,
    );

    // Answers: every item of a sheet handed in or returned, and of half the drafts. Agreement
    // answers are mostly positive; this year the youngest answer some statements less so.
    const answered = (sheet: string) =>
      `(${sheet}.state <> 'draft' or ${draw(`${sheet}.id || 'started'`)} < 500)`;
    const answerColumns = `sheet_id, item_id, value, updated_by, updated_at, version`;
    await tx.query(
      `insert into answers (${answerColumns})
       select s.id, item.id,
         to_jsonb(case
           when ${draw(`s.id || item.id`)} < 860 - case when item.n % 4 = 0 then 30 else 0 end
                - case when s.fiscal_year = $2 and p.age_band in ('under_30', '30s')
                       and item.n % 3 = 0 then 80 else 0 end
             then 1 + ${draw(`item.id || s.id`)} % 2
           else 3 + ${draw(`item.id || s.id`)} % 2 end),
         s.owner_person_id, s.created_at, $3
       from sheets s
         join people p on p.id = s.owner_person_id
         cross join unnest($4::text[]) with ordinality item(id, n)
       where s.template_id = $1 and ${answered('s')}`,
      [ethics.id, fiscalYear, version, itemIds(ethics, 'agreement4')],
    );
    const yesNo = (t: Template) =>
      tx.query(
        `insert into answers (${answerColumns})
         select s.id, item.id,
           to_jsonb(case when ${draw(`s.id || item.id`)} < 880 then 'yes'
                         when ${draw(`s.id || item.id`)} < 960 then 'no' else 'na' end),
           s.owner_person_id, s.created_at, $2
         from sheets s cross join unnest($3::text[]) item(id)
         where s.template_id = $1 and ${answered('s')}`,
        [t.id, version, itemIds(t, 'yes_no_na')],
      );
    await yesNo(documents);
    await yesNo(seal);
    // A risk sheet: three risks and, in a third of the workplaces, a deficiency.
    await tx.query(
      `insert into answers (${answerColumns})
       select s.id, 'risks', (
           select jsonb_agg(jsonb_build_object('id', 'risk-' || r, 'cells', jsonb_build_object(
             'process', '業務' || r, 'risk', '想定されるリスク' || r,
             'likelihood', 1 + ${draw(`s.id || r || 'l'`)} % 3,
             'impact', 1 + ${draw(`s.id || r || 'i'`)} % 3,
             'countermeasure', '対応策' || r,
             'due-date', make_date(s.fiscal_year, 9 + r, 1),
             'status', (array['not_started', 'in_progress', 'done'])[1 + ${draw(`s.id || r || 's'`)} % 3])))
           from generate_series(1, 3) r),
         c.id, s.created_at, $2
       from sheets s join people c on c.unit_id = s.unit_id and 'chief' = any(c.roles)
       where s.template_id = $1 and ${answered('s')}`,
      [risk.id, version],
    );
    await tx.query(
      `insert into answers (${answerColumns})
       select s.id, 'deficiencies', jsonb_build_array(jsonb_build_object('id', 'deficiency-1',
           'cells', jsonb_build_object('what-happened', '発生した不備', 'cause-analysis', '要因',
             'response', '対応', 'status', 'in_progress',
             'type', (array['design', 'operation', 'material'])[1 + ${draw(`s.id || 't'`)} % 3]))),
         c.id, s.created_at, $2
       from sheets s join people c on c.unit_id = s.unit_id and 'chief' = any(c.roles)
       where s.template_id = $1 and ${answered('s')} and ${draw(`s.id || 'deficiency'`)} < 333`,
      [risk.id, version],
    );

    // Events, chained: created; then submitted for every sheet handed in or returned; then
    // returned or approved, a few hours to two weeks after the submission.
    await tx.query(
      `insert into sheet_events (sheet_id, seq, type, actor_id, at, prev_hash, hash)
       select s.id, 1, 'created', c.id, s.created_at, null,
         tenken_event_hash(s.id, 1, 'created', c.id, s.created_at, null, null, null)
       from sheets s join people c on c.unit_id = s.unit_id and 'chief' = any(c.roles)`,
    );
    await tx.query(
      `insert into sheet_events (sheet_id, seq, type, actor_id, at, prev_hash, hash)
       select s.id, 2, 'submitted', x.actor, x.at, e.hash,
         tenken_event_hash(s.id, 2, 'submitted', x.actor, x.at, null, null, e.hash)
       from sheets s
         join sheet_events e on e.sheet_id = s.id and e.seq = 1
         join people c on c.unit_id = s.unit_id and 'chief' = any(c.roles)
         cross join lateral (select coalesce(s.owner_person_id, c.id) as actor,
           (s.due_date - (${draw(`s.id || 'submitted'`)} % 40) * interval '1 day'
             + interval '10 hours') at time zone 'Asia/Tokyo' as at) x
       where s.state <> 'draft'`,
    );
    await tx.query(
      `insert into sheet_events (sheet_id, seq, type, actor_id, at, comment, prev_hash, hash)
       select s.id, 3, x.type, c.id, x.at, x.comment, e.hash,
         tenken_event_hash(s.id, 3, x.type, c.id, x.at, x.comment, null, e.hash)
       from sheets s
         join sheet_events e on e.sheet_id = s.id and e.seq = 2
         join people c on c.unit_id = s.unit_id and 'chief' = any(c.roles)
         cross join lateral (select
           case s.state when 'approved' then 'approved' else 'returned' end as type,
           case s.state when 'returned' then '記入内容を確認してください' end as comment,
           e.at + (${draw(`s.id || 'wait'`)} % 336) * interval '1 hour' as at) x
       where s.state in ('approved', 'returned')`,
    );
    // What the triggers would have kept as the rows went in: sign-offs and answer tallies.
    await tx.query('select tenken_recount_report_tables()');
  });
  const loadMs = performance.now() - start;
  const vacuumStart = performance.now();
  await db.exec('vacuum analyze');
  const vacuumMs = performance.now() - vacuumStart;

  const [counts] = await db.query<{
    units: number;
    sheets: number;
    answers: number;
    events: number;
  }>(
    `select (select count(*)::int from units) as units, (select count(*)::int from sheets) as sheets,
       (select count(*)::int from answers) as answers,
       (select count(*)::int from sheet_events) as events`,
  );
  if (!counts) throw new Error('the city could not be counted');
  return {
    people,
    ...counts,
    fiscalYear,
    auditor: { staffNumber: String(100000 + auditor) },
    loadMs,
    vacuumMs,
  };
}
