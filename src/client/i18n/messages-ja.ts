// Japanese, the working language. Every key here exists in messages-en.ts too.
export const messagesJa = {
  appName: '点検',
  appSubtitle: '内部統制セルフチェック',
  language: 'English',
  languageLabel: '表示言語を切り替える',
  online: 'オンライン',
  offline: 'オフライン',
  loading: '読み込み中…',
  cancel: 'キャンセル',

  signInTitle: 'サインイン',
  signInIntro: '職員番号とパスワードを入力してください。',
  staffNumber: '職員番号',
  password: 'パスワード',
  signIn: 'サインイン',
  signingIn: 'サインインしています…',
  signInInvalid: '職員番号またはパスワードが正しくありません。',
  signInLocked:
    'サインインの失敗が続いたため、一時的に制限しています。{minutes}分後にもう一度お試しください。',
  signInNeedsNetwork:
    'サインインにはネットワーク接続が必要です。接続できる場所でもう一度お試しください。',
  signInFailed: 'サインインできませんでした。しばらくしてからもう一度お試しください。',
  keptWorkIntro:
    '次の職員の未送信の入力内容がこの端末に保存されています。本人がサインインすると送信できます。',
  sessionExpiredTitle: 'もう一度サインインしてください',
  sessionExpiredBody:
    'サーバーでのサインインの有効期限が切れました。入力した内容はこの端末に保存されています。サインインすると送信を再開します。',

  passwordTitle: 'パスワード変更',
  passwordMustChange:
    '管理者がパスワードを再設定しました。続けるには新しいパスワードを設定してください。',
  passwordCurrent: '現在のパスワード',
  passwordNew: '新しいパスワード（{min}文字以上）',
  passwordRepeat: '新しいパスワード（確認）',
  passwordSubmit: '変更する',
  passwordChanged: 'パスワードを変更しました。',
  passwordTooShort: '新しいパスワードは{min}文字以上にしてください。',
  passwordMismatch: '新しいパスワードと確認用の入力が一致しません。',
  passwordWrongCurrent: '現在のパスワードが正しくありません。',
  passwordSame: '新しいパスワードは現在のものと異なるものにしてください。',
  passwordNeedsNetwork: 'パスワードの変更にはネットワーク接続が必要です。',
  passwordChangeFailed: 'パスワードを変更できませんでした。もう一度お試しください。',

  signOut: 'サインアウト',
  signOutPendingTitle: '未送信の入力があります',
  signOutPendingBody:
    'まだサーバーに送信していない変更が{count}件あります。この端末に{name}さんの分として保存したままサインアウトできます。ほかの人には表示されません。',
  signOutKeep: 'この端末に保存してサインアウト',

  mySheetsTitle: '私のチェックシート',
  mySheetsEmpty: '割り当てられたチェックシートはありません。',
  dueDate: '提出期限',
  stateDraft: '未提出',
  stateSubmitted: '提出済み',
  stateReturned: '差し戻し',
  stateApproved: '確認済み',

  templatesTitle: 'チェックシート様式',
  templatesEmpty:
    'この端末にはまだチェックシートがありません。ネットワークにつながると取得します。',
  templatesFetchedAt: '取得日時',
  templatesRefreshFailed:
    'サーバーから最新の情報を取得できませんでした。この端末に保存した内容を表示しています。',
  itemsCount: '{count}項目',
  version: '第{version}版',
  updateAvailable: '新しいバージョンがあります。',
  updateNow: '更新する',
} as const;
export type MessageKey = keyof typeof messagesJa;
