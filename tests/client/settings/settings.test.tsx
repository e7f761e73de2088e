// @vitest-environment happy-dom
// Settings: whether the storage is kept, the space used and available in MB, asking the
// browser to keep it; on an iPad (which says it is a Mac with a touch screen) the steps to
// add Tenken to the home screen and why.
import { cleanup, render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SettingsScreen } from '@/client/features/settings/settings-screen.tsx';
import { isAppleMobile } from '@/client/features/settings/device-install.ts';
import { useAppStore } from '@/client/store/app-store.ts';

const storage = {
  persisted: vi.fn(async () => false),
  persist: vi.fn(async () => true),
  estimate: vi.fn(async () => ({ usage: 3.25 * 1024 * 1024, quota: 1024 * 1024 * 1024 })),
};

function device(userAgent: string, maxTouchPoints = 0) {
  Object.defineProperty(navigator, 'storage', { value: storage, configurable: true });
  Object.defineProperty(navigator, 'userAgent', { value: userAgent, configurable: true });
  Object.defineProperty(navigator, 'maxTouchPoints', { value: maxTouchPoints, configurable: true });
}

const chromeOnWindows =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';
const iPadSafari =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15';

beforeEach(() => {
  useAppStore.setState({ locale: 'ja' });
  storage.persisted.mockClear();
  storage.persist.mockClear();
});
afterEach(cleanup);

describe('settings', () => {
  it('shows the storage figures and asks the browser to keep the storage', async () => {
    device(chromeOnWindows);
    render(<SettingsScreen />);
    expect(await screen.findByText('保護されていません')).toBeTruthy();
    expect(screen.getByTestId('storage-usage').textContent).toBe('3.3 MB');
    expect(screen.getByTestId('storage-available').textContent).toBe('1,020.8 MB');
    await userEvent.click(screen.getByRole('button', { name: '保存領域の保護を求める' }));
    expect(storage.persist).toHaveBeenCalledOnce();
    expect(await screen.findByText('保護されています')).toBeTruthy();
    expect(screen.queryByTestId('ios-install')).toBeNull();
  });

  it('explains "Add to Home Screen" on an iPad, and why', async () => {
    device(iPadSafari, 5);
    render(<SettingsScreen />);
    const steps = await screen.findByTestId('ios-install');
    expect(steps.textContent).toContain('7日間使わなかったサイトのデータを削除');
    expect(steps.textContent).toContain('「ホーム画面に追加」');
    expect(screen.getAllByRole('listitem')).toHaveLength(3);
  });

  it('tells an iPad or iPhone from a Mac', () => {
    expect(isAppleMobile({ userAgent: iPadSafari, maxTouchPoints: 5 })).toBe(true);
    expect(isAppleMobile({ userAgent: iPadSafari, maxTouchPoints: 0 })).toBe(false);
    expect(
      isAppleMobile({
        userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15',
        maxTouchPoints: 5,
      }),
    ).toBe(true);
    expect(isAppleMobile({ userAgent: chromeOnWindows, maxTouchPoints: 10 })).toBe(false);
  });
});
