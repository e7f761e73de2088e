// Japanese, the working language. Every key here exists in messages-en.ts too.
export const messagesJa = {
  appName: '点検',
  appSubtitle: '内部統制セルフチェック',
  language: 'English',
  languageLabel: '表示言語を切り替える',
  online: 'オンライン',
  offline: 'オフライン',
  templatesTitle: 'チェックシート一覧',
  templatesLoading: '読み込み中…',
  templatesEmpty:
    'この端末にはまだチェックシートがありません。ネットワークにつながると取得します。',
  templatesFetchedAt: '取得日時',
  templatesRefreshFailed:
    'サーバーから最新の一覧を取得できませんでした。この端末に保存した一覧を表示しています。',
  itemsCount: '{count}項目',
  version: '第{version}版',
  updateAvailable: '新しいバージョンがあります。',
  updateNow: '更新する',
} as const;
export type MessageKey = keyof typeof messagesJa;
