// English, the second language.
import type { MessageKey } from './messages-ja.ts';

export const messagesEn: Record<MessageKey, string> = {
  appName: 'Tenken',
  appSubtitle: 'Internal-control self-checks',
  language: '日本語',
  languageLabel: 'Switch the display language',
  online: 'Online',
  offline: 'Offline',
  templatesTitle: 'Check sheets',
  templatesLoading: 'Loading…',
  templatesEmpty:
    'No check sheets are stored on this device yet. They are fetched when a network is available.',
  templatesFetchedAt: 'Fetched',
  templatesRefreshFailed:
    'Could not fetch the latest list from the server. Showing the list stored on this device.',
  itemsCount: '{count} items',
  version: 'version {version}',
  updateAvailable: 'A new version is available.',
  updateNow: 'Update',
};
