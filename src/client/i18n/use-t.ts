// The translation hook: t('key', { name: value }) in the person's chosen language.
import type { Locale } from '@/shared/locale.ts';
import { useAppStore } from '../store/app-store.ts';
import { messagesEn } from './messages-en.ts';
import { messagesJa, type MessageKey } from './messages-ja.ts';

const catalogues: Record<Locale, Record<MessageKey, string>> = { ja: messagesJa, en: messagesEn };

export function translate(
  locale: Locale,
  key: MessageKey,
  values: Record<string, string | number> = {},
): string {
  return catalogues[locale][key].replace(/\{(\w+)\}/g, (_, name: string) =>
    String(values[name] ?? `{${name}}`),
  );
}

export function useT() {
  const locale = useAppStore((s) => s.locale);
  return {
    locale,
    t: (key: MessageKey, values?: Record<string, string | number>) =>
      translate(locale, key, values),
  };
}
