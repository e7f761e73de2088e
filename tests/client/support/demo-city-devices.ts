// Simulated devices against the real server app on the demo city (PGlite), for a describe
// block: opens the city before its tests, and closes every device and the city after them.
import type { Hono } from 'hono';
import { afterAll, beforeAll } from 'vitest';
import { createApp } from '@/server/app.ts';
import { openDemoCity, type DemoCityFixture } from '../../server/support/demo-city-fixture.ts';
import { testDatabases } from '../../server/support/test-databases.ts';
import { openDevice, type TestDevice } from './sync-device.ts';

export interface DemoCityDevices {
  /** The demo city; set once the block's tests run. */
  readonly city: DemoCityFixture;
  /** The server app on it. */
  readonly app: Hono;
  /** Signs in the demo account of the role on a new device, closed after the block. */
  device(role: keyof DemoCityFixture['accounts']): Promise<TestDevice>;
  /** A device opened otherwise (another account or app), to be closed after the block too. */
  track(device: TestDevice): TestDevice;
}

/** Call inside `describe`; `timeout` is the time the city may take to open. */
export function useDemoCityDevices(timeout?: number): DemoCityDevices {
  const [pglite] = testDatabases();
  if (!pglite) throw new Error('PGlite is always available');
  let city: DemoCityFixture | undefined;
  let app: Hono | undefined;
  const open: TestDevice[] = [];
  beforeAll(async () => {
    city = await openDemoCity(pglite);
    app = createApp({ db: city.db });
  }, timeout);
  afterAll(async () => {
    await Promise.all(open.map((d) => d.close()));
    await city?.db.close();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the demo city opens in beforeAll');
    return value;
  };
  return {
    get city() {
      return ready(city);
    },
    get app() {
      return ready(app);
    },
    async device(role) {
      const d = await openDevice(ready(app), {
        staffNumber: ready(city).accounts[role].staffNumber,
        password: ready(city).password,
      });
      open.push(d);
      return d;
    },
    track(d) {
      open.push(d);
      return d;
    },
  };
}
