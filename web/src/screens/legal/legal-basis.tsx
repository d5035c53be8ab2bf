// The "Legal basis" section of an issue (GET /issues/:id/legal-basis): the provisions linked to
// it, each with its act, eId, heading, relation and note, linking to the provision's own page.
// Proposed links show to staff and to their proposer, marked as such. Small and self-contained:
// the issue screen places it and loads it with its own chunk.
import { useEffect, useState } from 'preact/hooks';
import { api, ok } from '../../api/client.js';
import { t } from '../../i18n/index.js';
import { Link } from '../../ui/link.js';
import { type LegalBasisLink, linkStatusText, pick, provisionHref, relationText } from './words.js';
import './legal.css';

export function LegalBasis(props: { issueId: string }) {
  const [links, setLinks] = useState<LegalBasisLink[] | null>(null);
  useEffect(() => {
    let live = true;
    ok(
      api.GET('/api/v1/issues/{id}/legal-basis', { params: { path: { id: props.issueId } } }),
    ).then(
      (basis) => live && setLinks(basis.links),
      () => live && setLinks(null),
    );
    return () => {
      live = false;
    };
  }, [props.issueId]);
  return (
    <section class="card legal-basis" aria-labelledby="issue-legal-basis">
      <h2 id="issue-legal-basis">{t('legal.basis')}</h2>
      {links?.length ? (
        <ul class="plain">
          {links.map((l) => {
            const heading = pick(l.provision.heading);
            const act = pick(l.act.title);
            return (
              <li key={l.id}>
                <p>
                  <Link href={provisionHref(l.act.id, l.provision.eId)}>
                    <span lang={heading.lang}>{heading.text || l.provision.eId}</span>
                  </Link>
                </p>
                <p class="muted small">
                  <span lang={act.lang}>{act.text}</span>
                  {l.act.isSample && <> · {t('legal.sample')}</>}
                </p>
                <p class="row">
                  <span class="badge">{relationText(l.relation)}</span>
                  {l.status !== 'confirmed' && (
                    <span class="badge">{linkStatusText(l.status)}</span>
                  )}
                </p>
                {l.note && <p>{l.note}</p>}
              </li>
            );
          })}
        </ul>
      ) : (
        links && <p class="muted">{t('legal.basisNone')}</p>
      )}
      <p class="small">
        <Link href="/legal">{t('legal.basisFind')}</Link>
      </p>
    </section>
  );
}
