// Keeps the online flag current and, when the network returns, asks the server about the
// session (which refreshes the person's data or asks them to sign in again).
import { useAppStore } from '../store/app-store.ts';
import { checkServerSession } from './session-manager.ts';

export function startConnectionWatch(): () => void {
  const { setOnline } = useAppStore.getState();
  const onOnline = () => {
    setOnline(true);
    void checkServerSession();
  };
  const onOffline = () => setOnline(false);
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  return () => {
    window.removeEventListener('online', onOnline);
    window.removeEventListener('offline', onOffline);
  };
}
