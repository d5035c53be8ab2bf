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
  };
  return {
    title: translate(locale, `notification.${kind}.title`),
    summary: translate(locale, `notification.${kind}.summary`, params),
  };
}
