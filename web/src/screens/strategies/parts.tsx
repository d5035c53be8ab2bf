// Pieces the strategy screens share: the shapes (generated from the hub's OpenAPI document), the
// progress bar, the status chip and one action's line on the board.
import type { Schemas } from '../../api/client.js';
import { formatDate } from '../../i18n/format.js';
import { lang, t, type MessageKey } from '../../i18n/index.js';
import { Link } from '../../ui/link.js';
import { localised } from '../assessment/words.js';

export type StrategySummary = Schemas['StrategySummaryDto'];
export type StrategyView = Schemas['StrategyViewDto'];
export type ObjectiveView = Schemas['ObjectiveViewDto'];
export type ActionView = Schemas['ActionViewDto'];
export type ActionDetail = Schemas['ActionDetailDto'];
export type ActionUpdate = Schemas['ActionUpdateViewDto'];
export type ActionStatus = ActionView['status'];

export const STATUSES: readonly ActionStatus[] = [
  'planned',
  'in_progress',
  'done',
  'blocked',
  'dropped',
];

export { localised };

export const statusText = (s: ActionStatus): string => t(`strategies.status.${s}` as MessageKey);
export const dayText = (iso: string): string => formatDate(iso, lang.value);

/** A percentage as the hub rounds it (one decimal at most), in the reader's notation. */
export function percent(value: number): string {
  return `${new Intl.NumberFormat(lang.value === 'en' ? 'en' : 'ru', { maximumFractionDigits: 1 }).format(value)}%`;
}

/** A bar drawn in CSS, read out as a progressbar with its value. */
export function ProgressBar(props: { value: number; label: string; large?: boolean }) {
  const v = Math.max(0, Math.min(100, props.value));
  return (
    <div class={`st-progress${props.large ? ' large' : ''}`}>
      <div
        class="st-bar"
        role="progressbar"
        aria-label={props.label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={v}
        aria-valuetext={percent(v)}
      >
        <span style={{ width: `${v}%` }} />
      </div>
      <span class="st-percent" aria-hidden="true">
        {percent(v)}
      </span>
    </div>
  );
}

export function StatusChip(props: { status: ActionStatus }) {
  return <span class={`st-chip st-${props.status}`}>{statusText(props.status)}</span>;
}

/** Overdue, told in words and with a sign, not by colour alone. */
export function OverdueFlag() {
  return (
    <span class="st-overdue">
      <span aria-hidden="true">⚠</span> <span>{t('strategies.overdue')}</span>
    </span>
  );
}

/** One action on the board: title (a link to its page), who, whom, when, status and progress. */
export function ActionLine(props: { action: ActionView }) {
  const a = props.action;
  const title = localised(a.title);
  return (
    <article class={`card st-action${a.overdue ? ' is-overdue' : ''}`} aria-label={title}>
      <h4 class="card-title">
        <Link href={`/strategies/actions/${a.id}`}>{title}</Link>
      </h4>
      <dl class="st-facts">
        <div>
          <dt>{t('strategies.owner')}</dt>
          <dd>{a.ownerName}</dd>
        </div>
        {a.targetAuthorityName && (
          <div>
            <dt>{t('strategies.target')}</dt>
            <dd>{a.targetAuthorityName}</dd>
          </div>
        )}
        <div>
          <dt>{t('strategies.due')}</dt>
          <dd>
            <time dateTime={a.dueAt}>{dayText(a.dueAt)}</time>
          </dd>
        </div>
      </dl>
      <p class="row">
        <StatusChip status={a.status} />
        {a.overdue && <OverdueFlag />}
      </p>
      <ProgressBar value={a.progress} label={t('strategies.progressOf', { name: title })} />
    </article>
  );
}
