// Rounds (実施回) in the demo city: a chief starts one for their section and an administrator
// for many units, a second start creates nothing, refusals change nothing, a new risk sheet
// carries last year's approved risks forward, and people and seals that arrive during a
// round get their sheets (through the HR import and the seal register).
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '@/server/app.ts';
import { loadOrganisation } from '@/server/hr/hr-import-store.ts';
import { latestVersions } from '@/server/seed/seed-database.ts';
import { operations } from '@/shared/api/operations.ts';
import { errorResponseSchema, hrImportPreviewResponseSchema } from '@/shared/api/schemas.ts';
import type { Role } from '@/shared/schemas/organisation.ts';
import type { Template, TemplateKind } from '@/shared/schemas/template.ts';
import { signIn, type ApiCaller } from './support/api-session.ts';
import { openDemoCity, type DemoCityFixture } from './support/demo-city-fixture.ts';
import { SyncDevice } from './support/sync-device.ts';
import { testDatabases } from './support/test-databases.ts';

/** The fixture's day (fiscal year 2026), when the demo rounds are all still open. */
const TODAY = new Date('2026-11-24T03:00:00Z');

describe.each(testDatabases())('rounds on $name', (kind) => {
  let city: DemoCityFixture;
  let app: Hono;
  let templates: Record<TemplateKind, Template>;
  /** The demo section (the chief's) and another section of the same department. */
  let section: string;
  let sibling: string;
  let department: string;
  const callers = new Map<Role, ApiCaller>();

  const as = async (role: Role): Promise<ApiCaller> => {
    const known = callers.get(role);
    if (known) return known;
    const caller = await signIn(app, city.accounts[role].staffNumber, city.password);
    callers.set(role, caller);
    return caller;
  };
  const one = async <T>(sql: string, params: unknown[] = []): Promise<T> => {
    const [row] = await city.db.query<T>(sql, params);
    if (!row) throw new Error(`nothing for ${sql}`);
    return row;
  };
  const activeIn = async (unitId: string) =>
    (
      await city.db.query<{ id: string }>(
        'select id from people where unit_id = $1 and active order by id',
        [unitId],
      )
    ).map((r) => r.id);

  /** Everything a refused request must leave as it was. */
  const snapshot = async () => ({
    counts: await one<object>(
      `select (select count(*)::int from sheets) as sheets,
              (select count(*)::int from sheet_events) as events,
              (select count(*)::int from answers) as answers,
              (select json_agg(r order by r.id)::text from rounds r) as rounds,
              (select json_agg(s order by s.id)::text from seals s) as seals,
              (select version::text from change_counter) as counter`,
    ),
  });

  const roundBody = (kindOf: TemplateKind, overrides: object = {}) => ({
    templateId: templates[kindOf].id,
    templateVersion: templates[kindOf].version,
    fiscalYear: 2026,
    period: 'second_half',
    dueDate: '2027-03-15',
    unitIds: [section],
    ...overrides,
  });

  async function start(role: Role, body: object) {
    const response = await (await as(role)).request('POST', '/api/rounds', body);
    const json: unknown = await response.json();
    return { status: response.status, json };
  }
  async function started(role: Role, body: object) {
    const { status, json } = await start(role, body);
    expect(status, JSON.stringify(json)).toBe(200);
    return operations.startRound.response.parse(json);
  }
  async function refused(role: Role, body: object, status: number, code: string) {
    const before = await snapshot();
    const answer = await start(role, body);
    expect(answer.status, JSON.stringify(answer.json)).toBe(status);
    expect(errorResponseSchema.parse(answer.json).error.code).toBe(code);
    expect(await snapshot()).toEqual(before);
    return answer.json;
  }

  beforeAll(async () => {
    city = await openDemoCity(kind);
    app = createApp({ db: city.db, clock: () => TODAY });
    const latest = latestVersions(city.seeds.templates);
    templates = Object.fromEntries(latest.map((t) => [t.kind, t])) as typeof templates;
    section = city.accounts.chief.unitId;
    department = (
      await one<{ id: string }>('select parent_id as id from units where id = $1', [section])
    ).id;
    sibling = (
      await one<{ id: string }>(
        `select id from units where parent_id = $1 and id not in ($2, $3) order by id limit 1`,
        [department, section, city.accounts.auditor.unitId],
      )
    ).id;
  });
  afterAll(() => city.db.close());

  describe('starting a round', () => {
    it('gives every active person of the chief’s section a sheet with its created event, pulled by their devices', async () => {
      const staff = await SyncDevice.signIn(app, city.accounts.staff.staffNumber, city.password);
      await staff.pullAll();

      const answer = await started('chief', roundBody('ethics'));
      const people = await activeIn(section);
      expect(answer).toMatchObject({ created: people.length, carriedForward: 0 });
      expect(answer.round).toMatchObject({
        id: `${templates.ethics.id}.2026.second_half`,
        templateVersion: templates.ethics.version,
        dueDate: '2027-03-15',
        unitIds: [section],
        startedBy: city.accounts.chief.id,
        startedAt: TODAY.toISOString(),
      });

      const sheets = await city.db.query<{ id: string; owner_person_id: string; state: string }>(
        'select id, owner_person_id, state from sheets where round_id = $1 order by id',
        [answer.round.id],
      );
      expect(sheets.map((s) => s.owner_person_id)).toEqual(people);
      expect(sheets.every((s) => s.id === `${answer.round.id}.${s.owner_person_id}`)).toBe(true);
      expect(new Set(sheets.map((s) => s.state))).toEqual(new Set(['draft']));
      const events = await city.db.query<{ type: string; actor_id: string; hash: string | null }>(
        `select e.type, e.actor_id, e.hash from sheet_events e join sheets s on s.id = e.sheet_id
          where s.round_id = $1`,
        [answer.round.id],
      );
      expect(events).toHaveLength(people.length);
      for (const e of events) {
        expect(e).toMatchObject({ type: 'created', actor_id: city.accounts.chief.id });
        expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
      }
      const own = `${answer.round.id}.${city.accounts.staff.id}`;
      const verified = await (await as('auditor')).request('GET', `/api/sheets/${own}/verify`);
      expect(await verified.json()).toEqual({ ok: true, events: 1 });

      const pulled = (await staff.pullAll()).flatMap((page) => page.sheets.map((s) => s.id));
      expect(pulled).toEqual([own]);
    });

    it('creates nothing new when the same round is started again', async () => {
      const before = await snapshot();
      const again = await started('chief', roundBody('ethics'));
      expect(again).toMatchObject({ created: 0, carriedForward: 0 });
      expect(again.round.unitIds).toEqual([section]);
      expect(await snapshot()).toEqual(before);
    });

    it('lets an administrator start a round for many units, and a later start add units', async () => {
      const body = roundBody('documents', { unitIds: [sibling, department] });
      const first = await started('admin', body);
      const expected = (await activeIn(sibling)).length + (await activeIn(department)).length;
      expect(first.created).toBe(expected);
      expect(first.round.unitIds).toEqual([department, sibling].sort());

      const more = await started('chief', roundBody('documents'));
      expect(more.created).toBe((await activeIn(section)).length);
      expect(more.round.unitIds).toEqual([department, section, sibling].sort());
      expect(more.round.startedBy).toBe(city.accounts.admin.id);
    });

    it('creates one sheet per active seal and one per workplace', async () => {
      const seals = await started('chief', roundBody('seal'));
      const active = await city.db.query<{ id: string; custodian_id: string }>(
        'select id, custodian_id from seals where unit_id = $1 and active order by id',
        [section],
      );
      expect(seals.created).toBe(active.length);
      const owners = await city.db.query<{ seal_id: string; owner_person_id: string }>(
        'select seal_id, owner_person_id from sheets where round_id = $1 order by seal_id',
        [seals.round.id],
      );
      expect(owners.map((o) => [o.seal_id, o.owner_person_id])).toEqual(
        active.map((s) => [s.id, s.custodian_id]),
      );

      const risk = await started('admin', roundBody('risk', { unitIds: [department, section] }));
      // A department is no workplace: only the section gets a risk sheet.
      expect(risk.created).toBe(1);
    });
  });

  describe('refusals', () => {
    it('lets only chiefs (for their own units) and administrators start rounds', async () => {
      const body = roundBody('ethics', { period: 'q4', dueDate: '2027-03-31' });
      for (const role of ['staff', 'seal_custodian', 'auditor'] as const)
        await refused(role, body, 403, 'forbidden');
      await refused('chief', { ...body, unitIds: [sibling] }, 403, 'units_out_of_reach');
      await refused('chief', { ...body, unitIds: [section, sibling] }, 403, 'units_out_of_reach');
      await refused('chief', { ...body, unitIds: [department] }, 403, 'units_out_of_reach');
    });

    it('refuses bad input with a clear 4xx and changes nothing', async () => {
      const annual = { period: 'annual', dueDate: '2027-01-29' };
      const cases: [object, number, string][] = [
        [{ templateId: 'no-such-template' }, 404, 'template_not_found'],
        [{ templateVersion: 99 }, 404, 'template_not_found'],
        [{ unitIds: ['u-nowhere'] }, 404, 'unit_not_found'],
        [{ unitIds: [] }, 400, 'invalid_request'],
        [{ unitIds: [section, section] }, 400, 'invalid_request'],
        [{ dueDate: '2027-02-30' }, 400, 'invalid_request'],
        [{ dueDate: '15/03/2027' }, 400, 'invalid_request'],
        [{ period: 'autumn' }, 400, 'invalid_request'],
        [{ fiscalYear: 26 }, 400, 'invalid_request'],
        [{ extra: true }, 400, 'invalid_request'],
        [{ dueDate: '2026-11-23' }, 400, 'due_date_past'],
        [{ dueDate: '2028-04-01' }, 400, 'due_date_outside_year'],
      ];
      for (const [overrides, status, code] of cases)
        await refused('chief', roundBody('ethics', overrides), status, code);
      // The demo round exists with its own due date and version, which the answer names (so
      // a chief who cannot see the round can match it), and nothing else of the round.
      const demoRound = { dueDate: '2027-01-29', templateVersion: templates.ethics.version };
      expect(
        await refused(
          'chief',
          roundBody('ethics', { ...annual, dueDate: '2027-01-30' }),
          409,
          'round_other_due_date',
        ),
      ).toEqual({
        error: { code: 'round_other_due_date', message: expect.any(String), round: demoRound },
      });
      await refused('admin', roundBody('risk', { unitIds: [department] }), 400, 'no_sheets');
      const newer = { ...templates.ethics, version: templates.ethics.version + 1 };
      await city.db.query(
        `insert into templates (id, version, kind, body) values ($1, $2, $3, $4::jsonb)`,
        [newer.id, newer.version, newer.kind, JSON.stringify(newer)],
      );
      expect(
        await refused(
          'chief',
          roundBody('ethics', { ...annual, templateVersion: newer.version }),
          409,
          'round_other_version',
        ),
      ).toEqual({
        error: { code: 'round_other_version', message: expect.any(String), round: demoRound },
      });
    });
  });

  describe('carry forward', () => {
    /** A risk sheet of the section stored as last year's, with its answers, in this state. */
    async function lastYears(unitId: string, fiscalYear: number, state: 'approved' | 'submitted') {
      const id = `${templates.risk.id}.${fiscalYear}.annual.${unitId}`;
      const writer = (await activeIn(unitId))[0] ?? '';
      await city.db.transaction(async (tx) => {
        await tx.query(
          `insert into sheets (id, template_id, template_version, unit_id, owner_kind, fiscal_year,
                               period, due_date, state)
           values ($1, $2, $3, $4, 'workplace', $5, 'annual', $6, 'draft')`,
          [
            id,
            templates.risk.id,
            templates.risk.version,
            unitId,
            fiscalYear,
            `${fiscalYear + 1}-02-26`,
          ],
        );
        const answers: [string, unknown][] = [
          [
            'risks',
            [
              {
                id: 'r1',
                cells: {
                  process: '窓口での現金収納',
                  risk: '釣銭の誤り',
                  likelihood: 2,
                  impact: 3,
                  status: 'in_progress',
                  // Stored by an older version: no longer a column, so it is not carried.
                  retired: 'x',
                },
              },
              {
                id: 'r2',
                cells: { process: '文書の発送', risk: '誤送付', likelihood: 1, impact: 3 },
              },
            ],
          ],
          [
            'deficiencies',
            [{ id: 'd1', cells: { 'what-happened': '誤送付が1件あった', type: 'operation' } }],
          ],
          ['meeting-date', `${fiscalYear + 1}-02-10`],
        ];
        for (const [itemId, value] of answers)
          await tx.query(
            `insert into answers (sheet_id, item_id, value, updated_by) values ($1, $2, $3::jsonb, $4)`,
            [id, itemId, JSON.stringify(value), writer],
          );
        const types =
          state === 'approved' ? ['created', 'submitted', 'approved'] : ['created', 'submitted'];
        for (const [i, type] of types.entries())
          await tx.query(
            `insert into sheet_events (sheet_id, seq, type, actor_id) values ($1, $2, $3, $4)`,
            [id, i + 1, type, writer],
          );
        await tx.query('update sheets set state = $2 where id = $1', [id, state]);
      });
      return { id, writer };
    }

    it('starts a new risk sheet from the rows of last year’s approved one, and nothing else', async () => {
      const third = (
        await one<{ id: string }>(
          `select id from units where parent_id = $1 and id not in ($2, $3, $4) order by id limit 1`,
          [department, section, sibling, city.accounts.auditor.unitId],
        )
      ).id;
      const source = await lastYears(section, 2025, 'approved');
      await lastYears(sibling, 2025, 'submitted');
      await lastYears(third, 2024, 'approved');
      const chiefDevice = await SyncDevice.signIn(
        app,
        city.accounts.chief.staffNumber,
        city.password,
      );
      await chiefDevice.pullAll();

      const answer = await started(
        'admin',
        roundBody('risk', { period: 'q4', unitIds: [section, sibling, third] }),
      );
      expect(answer).toMatchObject({ created: 3, carriedForward: 1 });

      const newSheet = `${templates.risk.id}.2026.q4.${section}`;
      const rows = await city.db.query<{
        item_id: string;
        value: unknown;
        updated_by: string;
        version: string;
        sheet_version: string;
      }>(
        `select a.item_id, a.value, a.updated_by, a.version::text, s.version::text as sheet_version
           from answers a join sheets s on s.id = a.sheet_id where a.sheet_id = $1`,
        [newSheet],
      );
      expect(rows).toEqual([
        {
          item_id: 'risks',
          value: [
            {
              id: 'r1',
              cells: {
                process: '窓口での現金収納',
                risk: '釣銭の誤り',
                likelihood: 2,
                impact: 3,
                status: 'in_progress',
              },
            },
            {
              id: 'r2',
              cells: { process: '文書の発送', risk: '誤送付', likelihood: 1, impact: 3 },
            },
          ],
          updated_by: source.writer,
          version: rows[0]?.sheet_version,
          sheet_version: rows[0]?.sheet_version,
        },
      ]);
      const others = await city.db.query('select 1 from answers where sheet_id = any($1::text[])', [
        [sibling, third].map((u) => `${templates.risk.id}.2026.q4.${u}`),
      ]);
      expect(others).toEqual([]);
      // This year's demo risk sheet of the section was there before and is left as it was.
      const [annual] = await city.db.query('select 1 from answers where sheet_id = $1', [
        `${templates.risk.id}.2026.annual.${section}`,
      ]);
      expect(annual).toBeUndefined();

      const pages = await chiefDevice.pullAll();
      const pulled = pages.flatMap((p) => p.answers).filter((a) => a.sheetId === newSheet);
      expect(pulled.map((a) => a.itemId)).toEqual(['risks']);
      const verified = await (await as('auditor')).request('GET', `/api/sheets/${newSheet}/verify`);
      expect(await verified.json()).toEqual({ ok: true, events: 1 });

      // The carried rows are no edit: the sheet is "not started" until someone changes it.
      const progressOf = async () => {
        const response = await (
          await as('chief')
        ).request(
          'GET',
          `/api/progress?templateId=${templates.risk.id}&fiscalYear=2026&period=q4&unitId=${section}`,
        );
        expect(response.status).toBe(200);
        const { sheets } = operations.getRoundProgress.response.parse(await response.json());
        return sheets.find((s) => s.sheetId === newSheet);
      };
      expect(await progressOf()).toMatchObject({ state: 'draft', started: false });
      const [edited] = await chiefDevice.push([
        chiefDevice.mutation('setAnswer', {
          sheetId: newSheet,
          itemId: 'meeting-date',
          answer: { value: '2027-02-10' },
          baseVersion: 0,
        }),
      ]);
      expect(edited?.status).toBe('applied');
      expect(await progressOf()).toMatchObject({ state: 'draft', started: true });
    });
  });

  describe('arriving during a round', () => {
    const csvOf = async (extra: string[], moves: Map<string, string>) => {
      const org = await loadOrganisation(city.db);
      const codes = new Map(org.units.map((u) => [u.id, u.code]));
      const lines = org.people
        .filter((p) => p.active)
        .map((p) =>
          [
            p.staffNumber,
            p.name,
            codes.get(moves.get(p.id) ?? p.unitId),
            p.position,
            p.employmentType,
            p.ageBand,
            p.roles.join(';'),
          ].join(','),
        );
      return Buffer.from(
        ['staff_number,name,unit_code,position,employment_type,age_band,roles', ...lines, ...extra]
          .join('\r\n')
          .concat('\r\n'),
      ).toString('base64');
    };
    async function importPeople(admin: ApiCaller, peopleCsv: string) {
      const preview = await admin.request('POST', '/api/hr-import/preview', { peopleCsv });
      const shown = hrImportPreviewResponseSchema.parse(await preview.json());
      if (!shown.ok) throw new Error(JSON.stringify(shown.errors));
      const applied = await admin.request('POST', '/api/hr-import', {
        peopleCsv,
        previewDigest: shown.digest,
      });
      expect(applied.status, await applied.clone().text()).toBe(200);
      return shown.changes;
    }
    const sheetsOf = async (personId: string) =>
      (
        await city.db.query<{ id: string; unit_id: string }>(
          'select id, unit_id from sheets where owner_person_id = $1',
          [personId],
        )
      )
        .map((s) => `${s.id}@${s.unit_id}`)
        .sort();

    it('gives people who join or move into a round’s units their sheets through the HR import', async () => {
      const q3 = await started(
        'chief',
        roundBody('documents', { period: 'q3', dueDate: '2026-12-28' }),
      );
      const code = (await one<{ code: string }>('select code from units where id = $1', [section]))
        .code;
      const mover = (
        await one<{ id: string }>(
          `select id from people where unit_id = $1 and active and roles = array['staff'] order by id limit 1`,
          [sibling],
        )
      ).id;
      const moverBefore = await sheetsOf(mover);
      const changes = await importPeople(
        await as('admin'),
        await csvOf(
          [`199001,新任\u3000職員,${code},staff,fiscal_year,under_30,staff`],
          new Map([[mover, section]]),
        ),
      );
      const joiner = changes.newPeople[0]?.id ?? '';
      expect(changes.moves.map((m) => m.person.id)).toEqual([mover]);

      const ethics = templates.ethics.id;
      const documents = templates.documents.id;
      // Every open round of the section: the demo rounds, and those started above.
      expect(await sheetsOf(joiner)).toEqual(
        [
          `${documents}.2026.annual.${joiner}`,
          `${documents}.2026.q3.${joiner}`,
          `${documents}.2026.second_half.${joiner}`,
          `${ethics}.2026.annual.${joiner}`,
          `${ethics}.2026.second_half.${joiner}`,
        ]
          .map((id) => `${id}@${section}`)
          .sort(),
      );
      // The mover keeps the sheets they had, and gets those of the section's own rounds.
      expect(await sheetsOf(mover)).toEqual(
        [
          ...moverBefore,
          `${q3.round.id}.${mover}@${section}`,
          `${ethics}.2026.second_half.${mover}@${section}`,
        ].sort(),
      );
      const [created] = await city.db.query<{ actor_id: string }>(
        `select actor_id from sheet_events where sheet_id = $1 and seq = 1`,
        [`${q3.round.id}.${joiner}`],
      );
      expect(created?.actor_id).toBe(city.accounts.admin.id);
    });

    it('gives nothing from a round whose due date has passed', async () => {
      // 2026-12-30: the demo seal round (due 25 December) and the q3 round above are past.
      const later = createApp({ db: city.db, clock: () => new Date('2026-12-30T03:00:00Z') });
      const admin = await signIn(later, city.accounts.admin.staffNumber, city.password);
      const code = (await one<{ code: string }>('select code from units where id = $1', [section]))
        .code;
      const changes = await importPeople(
        admin,
        await csvOf([`199002,後任\u3000職員,${code},staff,regular,30s,staff`], new Map()),
      );
      const joiner = changes.newPeople[0]?.id ?? '';
      const ids = (await sheetsOf(joiner)).map((s) => s.split('@')[0]);
      expect(ids).not.toContain(`${templates.documents.id}.2026.q3.${joiner}`);
      expect(ids).toContain(`${templates.ethics.id}.2026.annual.${joiner}`);
    });

    it('gives a seal added to the register its checklist, and its open checklists to a new custodian', async () => {
      const chief = await as('chief');
      const people = await activeIn(section);
      const custodian = people.find((p) => p !== city.accounts.chief.id) ?? '';
      const response = await chief.request('POST', `/api/units/${section}/seals`, {
        name: '課長印（予備）',
        custodianId: custodian,
        location: '課長席の金庫',
        active: true,
      });
      expect(response.status).toBe(200);
      const saved = operations.saveSeal.response.parse(await response.json());
      // The demo seal round (annual) and the section's second-half round are open.
      expect(saved.created).toBe(2);
      expect(saved.seal.id).toMatch(/^seal-[0-9A-Za-z-]+-\d+$/);
      const sheetId = `${templates.seal.id}.2026.annual.${saved.seal.id}`;
      const [sheet] = await city.db.query<{ owner_person_id: string; version: string }>(
        'select owner_person_id, version::text from sheets where id = $1',
        [sheetId],
      );
      expect(sheet?.owner_person_id).toBe(custodian);

      const list = await chief.request('GET', `/api/units/${section}/seals`);
      const register = operations.listSeals.response.parse(await list.json());
      expect(register.seals.map((s) => s.id)).toContain(saved.seal.id);
      expect(register.custodians.map((p) => p.id).sort()).toEqual(people);

      const next = people.find((p) => p !== custodian && p !== city.accounts.chief.id) ?? '';
      const handed = await chief.request('POST', `/api/units/${section}/seals`, {
        ...saved.seal,
        unitId: undefined,
        custodianId: next,
      });
      expect(handed.status).toBe(200);
      expect(operations.saveSeal.response.parse(await handed.json()).created).toBe(0);
      const [after] = await city.db.query<{ owner_person_id: string; version: string }>(
        'select owner_person_id, version::text from sheets where id = $1',
        [sheetId],
      );
      expect(after?.owner_person_id).toBe(next);
      expect(Number(after?.version)).toBeGreaterThan(Number(sheet?.version));
    });

    it('keeps the seal register to the chiefs over the unit and administrators', async () => {
      const [seal] = await city.db.query<{
        id: string;
        name: string;
        custodian_id: string;
        location: string;
      }>('select id, name, custodian_id, location from seals where unit_id = $1 order by id', [
        section,
      ]);
      if (!seal) throw new Error('the section has no seal');
      const same = {
        id: seal.id,
        name: seal.name,
        custodianId: seal.custodian_id,
        location: seal.location,
        active: true,
      };
      const outsider = (await activeIn(sibling))[0] ?? '';
      const cases: [Role, string, object, number, string | null][] = [
        ['staff', section, same, 403, 'forbidden'],
        ['seal_custodian', section, same, 403, 'forbidden'],
        ['auditor', section, same, 403, 'forbidden'],
        ['chief', sibling, { ...same, id: undefined }, 403, 'forbidden'],
        ['chief', 'u-nowhere', same, 404, 'not_found'],
        ['chief', section, { ...same, custodianId: outsider }, 400, 'custodian_not_in_unit'],
        ['chief', section, { ...same, custodianId: 'p99999' }, 400, 'custodian_not_in_unit'],
        ['chief', section, { ...same, id: 'seal-none-1' }, 404, 'seal_not_found'],
        ['chief', section, { ...same, name: '' }, 400, 'invalid_request'],
        ['chief', section, same, 200, null],
        ['admin', section, same, 200, null],
      ];
      for (const [role, unitId, body, status, code] of cases) {
        const before = await snapshot();
        const response = await (await as(role)).request('POST', `/api/units/${unitId}/seals`, body);
        const json: unknown = await response.json();
        expect(response.status, `${role} ${JSON.stringify(json)}`).toBe(status);
        if (code) expect(errorResponseSchema.parse(json).error.code).toBe(code);
        // Saving a seal as it is changes nothing either.
        expect(await snapshot()).toEqual(before);
      }
      const reads: [Role, string, number][] = [
        ['staff', section, 403],
        ['seal_custodian', section, 200],
        ['seal_custodian', sibling, 403],
        ['chief', section, 200],
        ['chief', sibling, 403],
        ['auditor', sibling, 200],
        ['admin', sibling, 200],
        ['chief', 'u-nowhere', 404],
      ];
      for (const [role, unitId, status] of reads) {
        const response = await (await as(role)).request('GET', `/api/units/${unitId}/seals`);
        expect(response.status, `${role} reads ${unitId}`).toBe(status);
      }
    });
  });

  describe('listing rounds', () => {
    it('shows a chief the rounds touching their units, counting only their sheets', async () => {
      const response = await (await as('chief')).request('GET', '/api/rounds');
      const { rounds } = operations.listRounds.response.parse(await response.json());
      const byId = new Map(rounds.map((r) => [r.round.id, r]));
      const annual = byId.get(`${templates.ethics.id}.2026.annual`);
      expect(annual?.startedByName).not.toBeNull();
      const people = await one<{ n: number }>(
        `select count(*)::int as n from sheets where round_id = $1 and unit_id = $2`,
        [`${templates.ethics.id}.2026.annual`, section],
      );
      expect(Object.values(annual?.counts ?? {}).reduce((a, b) => a + b, 0)).toBe(people.n);
      for (const { round } of rounds) expect(round.unitIds).toContain(section);
    });

    it('shows auditors and administrators every round, and nobody else any', async () => {
      const [total] = await city.db.query<{ n: number }>('select count(*)::int as n from rounds');
      for (const role of ['auditor', 'admin'] as const) {
        const response = await (await as(role)).request('GET', '/api/rounds');
        const { rounds } = operations.listRounds.response.parse(await response.json());
        expect(rounds).toHaveLength(total?.n ?? -1);
      }
      for (const role of ['staff', 'seal_custodian'] as const) {
        const response = await (await as(role)).request('GET', '/api/rounds');
        expect(response.status).toBe(403);
      }
    });
  });
});
