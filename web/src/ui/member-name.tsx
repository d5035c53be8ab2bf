// A person named by id (audit entries, flags and messages carry ids only): each id is asked
// once per page load and shared by every place that shows it; a link to their profile.
import { signal } from '@preact/signals';
import { api, ok } from '../api/client.js';
import { t } from '../i18n/index.js';
import { Link } from './link.js';

const names = signal<Record<string, string | null>>({});
const asked = new Set<string>();

function ask(id: string): void {
  if (asked.has(id)) return;
  asked.add(id);
  ok(api.GET('/api/v1/members/{id}', { params: { path: { id } } }))
    .then((m) => (names.value = { ...names.value, [id]: m.displayName }))
    .catch(() => {
      names.value = { ...names.value, [id]: null };
    });
}

export function MemberName(props: { id: string | null | undefined; link?: boolean }) {
  if (!props.id) return <span class="muted">{t('ui.nobody')}</span>;
  ask(props.id);
  const name = names.value[props.id] ?? props.id.slice(0, 8);
  return props.link === false ? (
    <span>{name}</span>
  ) : (
    <Link href={`/people/${props.id}`}>{name}</Link>
  );
}
