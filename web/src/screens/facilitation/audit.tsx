// The audit log, newest first: who did what to whom. Filters: the kind of action, and one
// person or one room (chosen from an entry).
import { useState } from 'preact/hooks';
import { has, lang, t, type MessageKey } from '../../i18n/index.js';
import { formatDate } from '../../i18n/format.js';
import { api, ok } from '../../api/client.js';
import { Link } from '../../ui/link.js';
import { ListFooter, useCursorList } from '../../ui/cursor-list.js';
import { MemberName } from '../../ui/member-name.js';

/** The actions the hub records that a facilitator filters by most. */
const ACTIONS = [
  'organisation.network_decision',
  'flag.resolve',
  'message.hide',
  'room.mute',
  'room.ban',
  'room.unban',
  'room.lock',
  'room.unlock',
  'room.slow_mode',
  'room.pin',
  'room.unpin',
  'room.member_add',
  'user.role',
  'user.password_reset_code',
  'user.password_reset',
  'issue.transition',
  'issue.merge',
  'issue.edit',
  'comment.hide',
  'comment.unhide',
  'escalation.record',
  'endorsement.withdraw',
];

export function actionText(action: string): string {
  const key = `facilitation.action.${action}`;
  return has(key) ? t(key as MessageKey) : action;
}

interface Filters {
  action: string;
  actorId: string | null;
  roomId: string | null;
}

export function AuditLog() {
  const [filters, setFilters] = useState<Filters>({ action: '', actorId: null, roomId: null });
  const list = useCursorList(
    (cursor) =>
      ok(
        api.GET('/api/v1/audit-log', {
          params: {
            query: {
              cursor,
              action: filters.action || undefined,
              actorId: filters.actorId ?? undefined,
              roomId: filters.roomId ?? undefined,
            },
          },
        }),
      ),
    JSON.stringify(filters),
  );
  return (
    <>
      <div class="field">
        <label for="audit-action">{t('facilitation.audit.action')}</label>
        <select
          id="audit-action"
          value={filters.action}
          onChange={(e) => setFilters({ ...filters, action: e.currentTarget.value })}
        >
          <option value="">{t('facilitation.audit.anyAction')}</option>
          {ACTIONS.map((a) => (
            <option key={a} value={a}>
              {actionText(a)}
            </option>
          ))}
        </select>
      </div>
      {filters.actorId && (
        <p class="row">
          {t('facilitation.audit.byPerson')} <MemberName id={filters.actorId} link={false} />
          <button type="button" onClick={() => setFilters({ ...filters, actorId: null })}>
            {t('facilitation.audit.clear')}
          </button>
        </p>
      )}
      {filters.roomId && (
        <p class="row">
          {t('facilitation.audit.inOneRoom')}
          <button type="button" onClick={() => setFilters({ ...filters, roomId: null })}>
            {t('facilitation.audit.clear')}
          </button>
        </p>
      )}
      <ul class="plain audit">
        {list.items.map((entry) => (
          <li key={entry.id} class="card">
            <p>
              <strong>{actionText(entry.action)}</strong>
              <span class="muted"> · {formatDate(entry.createdAt, lang.value, true)}</span>
            </p>
            <p>
              {t('facilitation.audit.by')} <MemberName id={entry.actorId} />
              {entry.targetType === 'user' && entry.targetId && (
                <>
                  {' → '}
                  <MemberName id={entry.targetId} />
                </>
              )}
              {entry.targetType === 'organisation' && entry.targetId && (
                <>
                  {' → '}
                  <Link href={`/organisations/${entry.targetId}`}>
                    {t('facilitation.audit.organisation')}
                  </Link>
                </>
              )}
            </p>
            {Object.keys(entry.details).length > 0 && (
              <p class="muted details">
                {Object.entries(entry.details)
                  .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
                  .join(' · ')}
              </p>
            )}
            <div class="row">
              {entry.actorId && entry.actorId !== filters.actorId && (
                <button
                  type="button"
                  class="link"
                  onClick={() => setFilters({ ...filters, actorId: entry.actorId })}
                >
                  {t('facilitation.audit.onlyThisPerson')}
                </button>
              )}
              {entry.roomId && entry.roomId !== filters.roomId && (
                <button
                  type="button"
                  class="link"
                  onClick={() => setFilters({ ...filters, roomId: entry.roomId })}
                >
                  {t('facilitation.audit.onlyThisRoom')}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      <ListFooter list={list} empty={t('facilitation.audit.none')} />
    </>
  );
}
