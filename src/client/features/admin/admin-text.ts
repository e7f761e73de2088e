// The words the administrator's screens show for the register's coded values, what went
// wrong with a request, and the files as the API takes them.
import type { Role } from '@/shared/schemas/organisation.ts';
import { ApiError, NetworkError } from '../../api/api-client.ts';
import type { MessageKey } from '../../i18n/messages-ja.ts';

export const roleKeys: Record<Role, MessageKey> = {
  staff: 'roleStaff',
  chief: 'roleChief',
  seal_custodian: 'roleSealCustodian',
  auditor: 'roleAuditor',
  admin: 'roleAdmin',
};

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** A coded value in the person's language; an unknown code is shown as it is. */
export function labelOf<T extends string>(
  keys: Record<T, MessageKey>,
  t: Translate,
  value: unknown,
) {
  if (value === undefined || value === null) return t('valueNone');
  const key = (keys as Record<string, MessageKey | undefined>)[String(value)];
  return key ? t(key) : String(value);
}

export function rolesText(roles: readonly Role[], t: Translate): string {
  return roles.length === 0
    ? t('valueNone')
    : roles.map((r) => labelOf(roleKeys, t, r)).join(t('listSeparator'));
}

/** What to tell the administrator when a request failed. */
export function problemOf(error: unknown): MessageKey {
  if (error instanceof NetworkError) return 'adminNeedsNetwork';
  if (!(error instanceof ApiError)) return 'adminFailed';
  if (error.status === 401) return 'adminSessionEnded';
  switch (error.code) {
    case 'own_account':
      return 'adminOwnAccount';
    case 'not_found':
      return 'adminNotFound';
    case 'too_large':
      return 'adminTooLarge';
    case 'forbidden':
      return 'adminForbidden';
    default:
      return 'adminFailed';
  }
}

/** The file's bytes as base64, unchanged: the server tells UTF-8 from Shift_JIS. */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const chunk = 0x8000;
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += chunk)
    parts.push(String.fromCharCode(...bytes.subarray(i, i + chunk)));
  return btoa(parts.join(''));
}

export function formatSize(bytes: number, locale: string): string {
  const format = (n: number, unit: string) =>
    `${n.toLocaleString(locale, { maximumFractionDigits: 1 })} ${unit}`;
  if (bytes < 1024) return format(bytes, 'B');
  if (bytes < 1024 * 1024) return format(bytes / 1024, 'KB');
  return format(bytes / (1024 * 1024), 'MB');
}

/** Names for unit ids, as far as the screens know them (the API has no list of units). */
export type UnitNames = ReadonlyMap<string, { name: string; nameEn?: string | undefined }>;

export function unitText(names: UnitNames, id: string | null | undefined, locale: string) {
  if (id === null || id === undefined) return null;
  const unit = names.get(id);
  if (!unit) return id;
  return locale === 'en' && unit.nameEn ? unit.nameEn : unit.name;
}
