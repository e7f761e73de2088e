// The answers push and pull share when a device may not sync at all.

export interface SyncRefusal {
  ok: false;
  status: 403 | 426;
  code: string;
  message: string;
}

/** A device whose mutation format the server no longer accepts; it keeps its outbox. */
export function outdatedDevice(schemaVersion: number, minimum: number): SyncRefusal | null {
  return schemaVersion < minimum
    ? {
        ok: false,
        status: 426,
        code: 'update_required',
        message: 'this version of the app is too old to sync; please update it',
      }
    : null;
}

/** A device id is one person's database on one device; nobody else may use it. */
export const otherPersonsDevice: SyncRefusal = {
  ok: false,
  status: 403,
  code: 'client_mismatch',
  message: 'this device id belongs to another person',
};
