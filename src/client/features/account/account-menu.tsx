// The signed-in person in the header, with password change and sign-out. Signing out with
// unsent changes asks first: send them and then sign out, or keep them on this device for
// this person only.
import { useRef, useState } from 'react';
import { useT } from '../../i18n/use-t.ts';
import { sendThenSignOut, signOut, unsentChanges } from '../../session/session-manager.ts';
import { useAppStore } from '../../store/app-store.ts';
import { PasswordChangeForm } from './password-change-form.tsx';

export function AccountMenu() {
  const { t } = useT();
  const person = useAppStore((s) => s.person);
  const [pending, setPending] = useState(0);
  const dialog = useRef<HTMLDialogElement>(null);
  const [changingPassword, setChangingPassword] = useState(false);
  const [sending, setSending] = useState(false);
  const [stillUnsent, setStillUnsent] = useState<number | null>(null);
  if (!person) return null;

  // Counted at the moment of asking, from the database itself: a stale count must never
  // decide whether to ask.
  const requestSignOut = async () => {
    const count = await unsentChanges();
    setPending(count);
    setStillUnsent(null);
    if (count > 0) dialog.current?.showModal();
    else await signOut();
  };

  const sendFirst = async () => {
    setSending(true);
    try {
      const result = await sendThenSignOut();
      if ('unsent' in result) setStillUnsent(result.unsent);
      else dialog.current?.close();
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="account">
      <span data-testid="signed-in-person">
        {person.name}
        <small>{person.unitName}</small>
      </span>
      <button type="button" onClick={() => setChangingPassword((v) => !v)}>
        {t('passwordTitle')}
      </button>
      <button type="button" onClick={() => void requestSignOut()}>
        {t('signOut')}
      </button>
      <dialog ref={dialog} aria-labelledby="sign-out-title" className="dialog">
        <h2 id="sign-out-title">{t('signOutPendingTitle')}</h2>
        <p>{t('signOutPendingBody', { count: pending, name: person.name })}</p>
        {stillUnsent !== null && (
          <p className="notice" role="alert">
            {t('signOutStillUnsent', { count: stillUnsent })}
          </p>
        )}
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={sending}
            onClick={() => void sendFirst()}
          >
            {sending ? t('signOutSending') : t('signOutSendFirst')}
          </button>
          <button
            type="button"
            disabled={sending}
            onClick={() => {
              dialog.current?.close();
              void signOut();
            }}
          >
            {t('signOutKeep')}
          </button>
          <button type="button" disabled={sending} onClick={() => dialog.current?.close()}>
            {t('cancel')}
          </button>
        </div>
      </dialog>
      {changingPassword && (
        <div className="account-panel">
          <PasswordChangeForm forced={false} />
        </div>
      )}
    </div>
  );
}
