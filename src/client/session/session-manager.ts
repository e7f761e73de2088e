// Who the app is open for, online and offline. Plain TypeScript, driven by the screens and
// by the network events; it reports through store actions.
//
// After one online sign-in the device remembers the person, so the app opens for them
// offline with their data. When the server later says the session has ended, the person is
// asked to sign in again and nothing on the device is touched. Each person's data lives in
// their own database; signing out deletes it when nothing waits to be sent, and otherwise
// keeps it for that person only.
import { operations } from '@/shared/api/operations.ts';
import type { SessionResponse } from '@/shared/api/schemas.ts';
import { ApiError, callApi, onSessionLost, setCsrfToken } from '../api/api-client.ts';
import { findAccount, forgetAccount, rememberAccount } from '../db/device-db.ts';
import { closePersonDb, deletePersonDb, openPersonDb, pendingCount } from '../db/person-db.ts';
import { useAppStore } from '../store/app-store.ts';
import { refreshFromServer } from '../sync/server-refresh.ts';

const CURRENT_PERSON_KEY = 'tenken.currentPerson';

function adopt(response: SessionResponse): void {
  setCsrfToken(response.csrfToken);
  useAppStore.getState().setServerSession('active', response.mustChangePassword);
}

function expire(): void {
  setCsrfToken(null);
  if (useAppStore.getState().person) useAppStore.getState().setServerSession('expired');
}

/** Opens the app for the person who was signed in on this device, if anyone. */
export async function restoreSession(): Promise<void> {
  onSessionLost(expire);
  const personId = localStorage.getItem(CURRENT_PERSON_KEY);
  const account = personId ? await findAccount(personId) : undefined;
  if (!account) {
    localStorage.removeItem(CURRENT_PERSON_KEY);
    return;
  }
  openPersonDb(account.personId);
  useAppStore.getState().setPerson(account.person);
  void checkServerSession();
}

/** Asks the server whether the session still stands; offline, nothing changes. */
export async function checkServerSession(): Promise<void> {
  const { person } = useAppStore.getState();
  if (!person) return;
  try {
    const response = await callApi(operations.getSession);
    // A cookie of someone else (left by a sign-out made offline) does not count.
    if (response.person.id === person.id) adopt(response);
    else expire();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) expire();
    return;
  }
  await refreshFromServer();
}

/** Signs in online. A different person's kept data stays in their own database. */
export async function signIn(staffNumber: string, password: string): Promise<void> {
  const response = await callApi(operations.signIn, { body: { staffNumber, password } });
  const { person } = response;
  await rememberAccount(person, new Date());
  localStorage.setItem(CURRENT_PERSON_KEY, person.id);
  if (useAppStore.getState().person?.id !== person.id) {
    openPersonDb(person.id);
    useAppStore.getState().setPerson(person);
  }
  adopt(response);
  await refreshFromServer();
}

export async function changePassword(currentPassword: string, newPassword: string) {
  await callApi(operations.changePassword, { body: { currentPassword, newPassword } });
  useAppStore.getState().setServerSession('active', false);
  await refreshFromServer();
}

/** How many changes would stay behind on this device if the person signed out now. */
export function unsentChanges(): Promise<number> {
  return pendingCount();
}

/**
 * Signs out. With nothing unsent, the person's database is deleted from the device; with
 * unsent changes, the caller has asked the person, and their database stays for them.
 */
export async function signOut(): Promise<void> {
  const { person, setPerson, serverSession } = useAppStore.getState();
  if (!person) return;
  const keep = (await pendingCount()) > 0;
  if (serverSession === 'active')
    await callApi(operations.signOut).catch(() => {
      // Offline or already ended: the next sign-in on this device replaces the cookie.
    });
  setCsrfToken(null);
  localStorage.removeItem(CURRENT_PERSON_KEY);
  closePersonDb();
  if (!keep) {
    await deletePersonDb(person.id);
    await forgetAccount(person.id);
  }
  setPerson(null);
}
