import {
  isMessageKey,
  type Locale,
  type MessageKey,
  type MessageParams,
  translate,
} from '../../common/i18n/i18n.js';
import type { NotificationKind } from './notification.entity.js';

/**
 * A notification's human text, written when it is read, in the reader's language, from its
 * kind and payload: nothing per language is stored, so a text fixed here or a language added
 * later applies to every notification already sent. Names and titles stay as written.
 */
export function notificationText(
  locale: Locale,
  kind: NotificationKind,
  payload: Record<string, unknown>,
  actorName: string | null | undefined,
): { title: string; summary: string } {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const status = (value: unknown) =>
    isMessageKey(`status.${text(value)}`)
      ? { key: `status.${text(value)}` as MessageKey }
      : text(value);
  const params: MessageParams = {
    actor: actorName || translate(locale, 'notification.someone'),
    issue: text(payload.issueTitle),
    from: status(payload.from),
    to: status(payload.to),
    organisation: text(payload.organisationName),
    authority: text(payload.authorityName),
    merged: text(payload.mergedIssueTitle),
    // Strategy actions (issue 13): a multilingual title, read in the reader's language if it has it.
    action: localised(payload.actionTitle, locale),
    due: text(payload.dueDate),
  };
  return {
    title: translate(locale, `notification.${kind}.title`),
    summary: translate(locale, `notification.${kind}.summary`, params),
  };
}

/** A `{ ky, ru, … }` text in `locale`, else in its first language; a plain string as it is. */
function localised(value: unknown, locale: Locale): string {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return '';
  const texts = value as Record<string, unknown>;
  const own = texts[locale];
  if (typeof own === 'string') return own;
  const first = Object.values(texts).find((v) => typeof v === 'string');
  return typeof first === 'string' ? first : '';
}
