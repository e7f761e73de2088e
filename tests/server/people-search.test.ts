// The people register as the administrator searches it (listPeople): name and staff number
// matched whatever the width of letters, digits and spaces, narrowed to a unit and to active
// people or leavers, a page at a time in staff number order with the count of all matches,
// and the paging's bounds enforced.
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '@/server/app.ts';
import { errorResponseSchema, peopleResponseSchema } from '@/shared/api/schemas.ts';
import { signIn, type ApiCaller } from './support/api-session.ts';
import { openDemoCity, type DemoCityFixture } from './support/demo-city-fixture.ts';
import { testDatabases } from './support/test-databases.ts';

// A section of its own for the searches, under 総務部 (u1010) of the demo city; its people
// bear a family name and staff numbers no demo person has.
const UNIT = 'u109901';
const OTHER_UNIT = 'u101020';

describe.each(testDatabases())('the people search on $name', (kind) => {
  let city: DemoCityFixture;
  let app: Hono;
  let admin: ApiCaller;

  const search = async (query: string) => {
    const response = await admin.request('GET', `/api/people?${query}`);
    expect(response.status, query).toBe(200);
    return peopleResponseSchema.parse(await response.json());
  };
  const found = async (query: string) => (await search(query)).people.map((p) => p.staffNumber);
  const q = (text: string) => `q=${encodeURIComponent(text)}`;

  beforeAll(async () => {
    city = await openDemoCity(kind);
    app = createApp({ db: city.db });
    await city.db.exec(`
      insert into units (id, code, name, kind, parent_id)
        values ('${UNIT}', '109901', '検索試験課', 'section', 'u1010');
      insert into people (id, staff_number, name, unit_id, position, employment_type,
                          age_band, roles, active)
        values ('p-s1', '900001', '御手洗\u3000花子', '${UNIT}', 'staff', 'regular', '30s',
                '{staff}', true),
               ('p-s2', '900002', '御手洗\u3000花江', '${UNIT}', 'staff', 'regular', '40s',
                '{staff}', false),
               ('p-s3', '900003', '御手洗\u3000太郎', '${UNIT}', 'staff', 'regular', '50s',
                '{staff}', true),
               ('p-s4', '900004', 'Ｍｉｔａｒａｉ\u3000Ｈａｎａ', '${UNIT}', 'staff', 'regular',
                'under_30', '{staff}', true),
               ('p-s5', '900005', '御手洗\u3000次郎', '${OTHER_UNIT}', 'staff', 'regular',
                '30s', '{staff}', true);`);
    admin = await signIn(app, city.accounts.admin.staffNumber, city.password);
  });
  afterAll(() => city.db.close());

  it('finds a name typed with a full-width space, a half-width one or none', async () => {
    for (const typed of ['御手洗\u3000花', '御手洗 花', '御手洗花', ' 御手洗花 '])
      expect(await found(q(typed)), typed).toEqual(['900001', '900002']);
    expect(await found(q('手洗　太'))).toEqual(['900003']);
  });

  it('finds full-width letters stored by half-width ones typed in any case, and back', async () => {
    for (const typed of ['mitarai hana', 'MITARAI', 'ｍｉｔａｒａｉｈａｎａ', 'raiHa'])
      expect(await found(q(typed)), typed).toEqual(['900004']);
  });

  it('finds a staff number typed with half-width or full-width digits, or a part of it', async () => {
    expect(await found(q('900003'))).toEqual(['900003']);
    expect(await found(q('９００００３'))).toEqual(['900003']);
    expect(await found(q('90000'))).toEqual(['900001', '900002', '900003', '900004', '900005']);
  });

  it('narrows to one unit (not the units below it) and to active people or leavers', async () => {
    expect(await found(`unitId=${UNIT}`)).toEqual(['900001', '900002', '900003', '900004']);
    expect(await found(`unitId=${UNIT}&active=false`)).toEqual(['900002']);
    expect(await found(`unitId=${UNIT}&active=true&${q('御手洗')}`)).toEqual(['900001', '900003']);
    expect(await found(`unitId=${OTHER_UNIT}&${q('御手洗')}`)).toEqual(['900005']);
    expect(await found('unitId=u1010')).toEqual(
      city.org.people
        .filter((p) => p.unitId === 'u1010')
        .map((p) => p.staffNumber)
        .sort(),
    );
    const leavers = await search('active=false&limit=200');
    expect(leavers.people.every((p) => !p.active)).toBe(true);
    expect(leavers.people.map((p) => p.staffNumber)).toContain('900002');
  });

  it('answers a page at a time in staff number order, with the count of all matches', async () => {
    const first = await search('');
    expect(first).toMatchObject({ total: city.org.people.length + 5, limit: 50, offset: 0 });
    expect(first.people).toHaveLength(50);
    const numbers = first.people.map((p) => p.staffNumber);
    expect(numbers).toEqual([...numbers].sort());

    const next = await search('offset=50');
    expect(next.people[0]!.staffNumber > numbers[49]!).toBe(true);

    const pages = [0, 2, 4].map((offset) => search(`${q('御手洗')}&limit=2&offset=${offset}`));
    expect(
      (await Promise.all(pages)).map((page) => [page.total, page.people.map((p) => p.staffNumber)]),
    ).toEqual([
      [4, ['900001', '900002']],
      [4, ['900003', '900005']],
      [4, []],
    ]);
    expect((await search('limit=200')).people).toHaveLength(200);
  });

  it.each([
    ['a page over 200', 'limit=201'],
    ['an empty page', 'limit=0'],
    ['a page size in words', 'limit=ten'],
    ['a negative offset', 'offset=-1'],
    ['a fractional offset', 'offset=1.5'],
    ['a state other than true or false', 'active=yes'],
    ['a search of 101 characters', `q=${'あ'.repeat(101)}`],
  ])('refuses %s as an invalid request', async (_, query) => {
    const response = await admin.request('GET', `/api/people?${query}`);
    expect(response.status).toBe(400);
    expect(errorResponseSchema.parse(await response.json()).error.code).toBe('invalid_request');
  });
});
