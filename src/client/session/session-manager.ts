// Who the app is open for, online and offline. Plain TypeScript, driven by the screens and
// by the network events; it reports through store actions.
//
// After one online sign-in the device remembers the person, so the app opens for them
// offline with their data. When the server later says the session has ended, the person is
// asked to sign in again and nothing on the device is touched. Each person's data lives in
// their own database; signing out deletes it when nothing waits to be sent, and otherwise
// keeps it for that person only. Syncing runs while the server knows the session.
import { operations } from '@/shared/api/operations.ts';
import type { SessionPerson, SessionResponse } from '@/shared/api/schemas.ts';
import { ApiError, callApi, onSessionLost, setCsrfToken } from '../api/api-client.ts';
import { findAccount, forgetAccount, rememberAccount } from '../db/device-db.ts';
import {
  closePersonDb,
  currentPersonDb,
  deletePersonDb,
  openPersonDb,
  unsentWork,
} from '../db/person-db.ts';
import { navigate } from '../navigation/router.ts';
import { useAppStore } from '../store/app-store.ts';
import { pauseSync, resumeSync, startSync, stopSync, syncNow } from '../sync/app-sync.ts';
import { refreshFromServer } from '../sync/server-refresh.ts';

const CURRENT_PERSON_KEY = 'tenken.currentPerson';

function adopt(response: SessionResponse): void {
  setCsrfToken(response.csrfToken);
  useAppStore.getState().setServerSession('active', response.mustChangePassword);
  // The server refuses changes until a reset password is replaced.
  if (response.mustChangePassword) pauseSync();
  else resumeSync();
}

function expire(): void {
  setCsrfToken(null);
  pauseSync();
  if (useAppStore.getState().person) useAppStore.getState().setServerSession('expired');
}

/** Opens the app for a person: their database, and the syncing of it. */
async function openFor(person: SessionPerson): Promise<void> {
  await stopSync();
  startSync(openPersonDb(person.id));
  useAppStore.getState().setPerson(person);
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
  await openFor(account.person);
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
  if (useAppStore.getState().person?.id !== person.id) await openFor(person);
  adopt(response);
  await refreshFromServer();
}

export async function changePassword(currentPassword: string, newPassword: string) {
  await callApi(operations.changePassword, { body: { currentPassword, newPassword } });
  useAppStore.getState().setServerSession('active', false);
  resumeSync();
  await refreshFromServer();
}

/**
 * How many changes would stay behind on this device if the person signed out now: unsent
 * ones, and refused ones still waiting for the person's decision.
 */
export async function unsentChanges(): Promise<number> {
  const db = currentPersonDb();
  if (!db) return 0;
  const { outbox, attention } = await unsentWork(db);
  return outbox + attention;
}

/**
 * Signs out. With nothing unsent, the person's database is deleted from the device; with
 * unsent changes, the caller has asked the person, and their database stays for them.
 */
export async function signOut(): Promise<void> {
  const { person, setPerson, serverSession } = useAppStore.getState();
  if (!person) return;
  // No pass may write to the database after the decision below.
  await stopSync();
  const keep = (await unsentChanges()) > 0;
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
  // The next person starts at home, not on a screen of the previous person's.
  navigate({ name: 'home' }, { replace: true });
}

/**
 * Sends what waits, then signs out only if nothing is left to send; otherwise the person
 * stays signed in and is told how many changes could not be sent.
 */
export async function sendThenSignOut(): Promise<{ signedOut: true } | { unsent: number }> {
  await syncNow();
  const db = currentPersonDb();
  const { outbox } = db ? await unsentWork(db) : { outbox: 0 };
  if (outbox > 0) return { unsent: outbox };
  await signOut();
  return { signedOut: true };
}
