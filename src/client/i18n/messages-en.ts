// English, the second language.
import type { MessageKey } from './messages-ja.ts';

export const messagesEn: Record<MessageKey, string> = {
  appName: 'Tenken',
  appSubtitle: 'Internal-control self-checks',
  language: '日本語',
  languageLabel: 'Switch the display language',
  online: 'Online',
  offline: 'Offline',
  loading: 'Loading…',
  cancel: 'Cancel',

  signInTitle: 'Sign in',
  signInIntro: 'Enter your staff number and password.',
  staffNumber: 'Staff number',
  password: 'Password',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  signInInvalid: 'The staff number or the password is not correct.',
  signInLocked: 'Too many failed sign-ins. Please try again in {minutes} minutes.',
  signInNeedsNetwork:
    'Signing in needs a network connection. Please try again where you can connect.',
  signInFailed: 'Could not sign in. Please try again in a moment.',
  keptWorkIntro:
    'Unsent work of these people is kept on this device. It is sent when they sign in here.',
  sessionExpiredTitle: 'Please sign in again',
  sessionExpiredBody:
    'Your session on the server has ended. Everything you entered is kept on this device; sending resumes once you sign in.',

  passwordTitle: 'Change password',
  passwordMustChange:
    'An administrator has reset your password. Please choose a new one to continue.',
  passwordCurrent: 'Current password',
  passwordNew: 'New password (at least {min} characters)',
  passwordRepeat: 'New password again',
  passwordSubmit: 'Change',
  passwordChanged: 'Your password has been changed.',
  passwordTooShort: 'The new password must have at least {min} characters.',
  passwordMismatch: 'The two new passwords do not match.',
  passwordWrongCurrent: 'The current password is not correct.',
  passwordSame: 'The new password must differ from the current one.',
  passwordNeedsNetwork: 'Changing the password needs a network connection.',
  passwordChangeFailed: 'Could not change the password. Please try again.',

  signOut: 'Sign out',
  signOutPendingTitle: 'Unsent changes',
  signOutPendingBody:
    '{count} changes have not been sent to the server yet. You can sign out and keep them on this device for {name}; nobody else will see them.',
  signOutKeep: 'Keep on this device and sign out',

  mySheetsTitle: 'My check sheets',
  mySheetsEmpty: 'No check sheets are assigned to you.',
  dueDate: 'Due',
  stateDraft: 'Not submitted',
  stateSubmitted: 'Submitted',
  stateReturned: 'Returned',
  stateApproved: 'Confirmed',

  templatesTitle: 'Check sheet forms',
  templatesEmpty:
    'No check sheets are stored on this device yet. They are fetched when a network is available.',
  templatesFetchedAt: 'Fetched',
  templatesRefreshFailed:
    'Could not fetch the latest data from the server. Showing what is stored on this device.',
  itemsCount: '{count} items',
  version: 'version {version}',
  updateAvailable: 'A new version is available.',
  updateNow: 'Update',
};
