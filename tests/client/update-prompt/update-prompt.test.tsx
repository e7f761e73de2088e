// @vitest-environment happy-dom
// A new version is offered only when updating cannot lose anything: no typing mid-edit,
// nothing waiting to be sent, no refused change awaiting the person; meanwhile the person
// is told why it waits. When the server refuses this version, it is offered anyway: the
// outbox survives the update, and cannot be sent without it.
import { act, cleanup, render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UpdateOffer } from '@/client/features/update-prompt/update-offer.tsx';
import { useAppStore } from '@/client/store/app-store.ts';
import { initialSyncStatus, type SyncStatus } from '@/client/sync/sync-status.ts';

const sw = { needRefresh: true, update: vi.fn() };
// The wrapper (update-prompt.tsx) only passes useRegisterSW's needRefresh and update on.
const UpdatePrompt = () => (
  <UpdateOffer needRefresh={sw.needRefresh} update={() => sw.update(true)} />
);

const sync = (status: Partial<SyncStatus>) =>
  act(() => useAppStore.setState({ sync: { ...initialSyncStatus, ...status } }));
const offer = () => screen.queryByRole('button', { name: '更新する' });

beforeEach(() => {
  sw.needRefresh = true;
  sw.update.mockClear();
  useAppStore.setState({ locale: 'ja', editing: false, sync: initialSyncStatus });
});
afterEach(cleanup);

describe('the update offer', () => {
  it('is made when nothing is unsaved or waiting, and updates when accepted', async () => {
    render(<UpdatePrompt />);
    await userEvent.click(offer()!);
    expect(sw.update).toHaveBeenCalledWith(true);
  });

  it('is withheld while changes wait to be sent, and made once they are sent', () => {
    useAppStore.setState({ sync: { ...initialSyncStatus, pending: 2 } });
    render(<UpdatePrompt />);
    expect(offer()).toBeNull();
    expect(screen.getByTestId('update-waiting').textContent).toContain('送信待ち');
    sync({ pending: 0 });
    expect(offer()).not.toBeNull();
  });

  it('is withheld while refused changes await the person’s decision', () => {
    useAppStore.setState({ sync: { ...initialSyncStatus, attention: 1 } });
    render(<UpdatePrompt />);
    expect(offer()).toBeNull();
    sync({ attention: 0 });
    expect(offer()).not.toBeNull();
  });

  it('is withheld while a field is mid-edit (the editor’s setEditing)', () => {
    render(<UpdatePrompt />);
    act(() => useAppStore.getState().setEditing(true));
    expect(offer()).toBeNull();
    expect(screen.getByTestId('update-waiting').textContent).toContain('入力中');
    act(() => useAppStore.getState().setEditing(false));
    expect(offer()).not.toBeNull();
  });

  it('is made with changes waiting when the server requires the update, but never mid-edit', () => {
    useAppStore.setState({ sync: { ...initialSyncStatus, pending: 3, state: 'update_required' } });
    render(<UpdatePrompt />);
    expect(offer()).not.toBeNull();
    act(() => useAppStore.getState().setEditing(true));
    expect(offer()).toBeNull();
  });

  it('shows nothing without a new version', () => {
    sw.needRefresh = false;
    const { container } = render(<UpdatePrompt />);
    expect(container.textContent).toBe('');
  });
});
