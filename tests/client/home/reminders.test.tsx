// @vitest-environment happy-dom
// A chief's reminder on the home screen: at the card of the sheet it is about, with who
// sent it, when and their message; gone once dismissed; not shown at a sheet already handed in.
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { applyPullPage } from '@/client/db/server-changes.ts';
import { Home } from '@/client/features/home/home.tsx';
import type { PulledReminder } from '@/shared/sync/protocol.ts';
import { person, sheet, signedInDevice, signOutDevice } from '../support/staff-device.ts';

const staff = person({ id: 'p-staff', roles: ['staff'] });
const mine = { owner: { kind: 'person' as const, personId: staff.id } };

const reminder = (id: string, sheetId: string, extra: Partial<PulledReminder> = {}) => ({
  id,
  sheetId,
  sentBy: 'p-chief',
  sentByName: '検証　花子',
  sentAt: '2027-02-01T01:30:00.000Z',
  version: 2,
  ...extra,
});

async function renderHome(reminders: PulledReminder[]) {
  const db = await signedInDevice(staff, {
    sheets: [sheet('s-todo', mine), sheet('s-done', { ...mine, state: 'submitted' })],
  });
  const page = { reset: false, cursor: 2, scope: 'scope', more: false, sheets: [], answers: [] };
  await applyPullPage(
    db,
    { ...page, events: [], results: [], overwrites: [], reminders },
    1,
    new Date('2027-02-01T02:00:00Z'),
  );
  render(<Home person={staff} />);
  await screen.findByRole('heading', { level: 2, name: '私のチェックシート' });
  return db;
}

const cardOf = (sheetId: string) => {
  const link = document.querySelector(`a[href="/sheets/${sheetId}"]`);
  const card = link?.closest('li');
  if (!card) throw new Error(`no card for ${sheetId}`);
  return card as HTMLElement;
};

afterEach(() => {
  cleanup();
  signOutDevice();
});

describe('reminders on the home screen', () => {
  it('show at their sheet with who sent them, when and their message, until dismissed', async () => {
    const db = await renderHome([
      reminder('r-1', 's-todo', { message: '今週中にお願いします' }),
      reminder('r-2', 's-done'),
    ]);
    const note = await within(cardOf('s-todo')).findByTestId('reminder');
    expect(note.textContent).toContain('検証　花子さんからのリマインド（令和9年2月1日 10:30）');
    expect(note.textContent).toContain('今週中にお願いします');
    // The submitted sheet needs nothing more from the person.
    expect(within(cardOf('s-done')).queryByTestId('reminder')).toBeNull();

    await userEvent.click(
      within(note).getByRole('button', {
        name: /^確認した\s*：検証\u3000花子さんからのリマインド$/,
      }),
    );
    await waitFor(() => expect(screen.queryAllByTestId('reminder')).toHaveLength(0));
    expect((await db.reminders.get('r-1'))?.dismissedAt).not.toBeNull();
  });
});
