// An act: its facts, the sample banner, and its provisions as a tree in document order. Each
// provision carries its eId as the element id (so `/legal/<act>#art_12__para_3` scrolls to it)
// and links to its own page, `/legal/<act>/<eId>`. Kept on the phone for reading offline.
import { useEffect } from 'preact/hooks';
import type { ScreenProps } from '../../routes.js';
import { api, ok } from '../../api/client.js';
import { t } from '../../i18n/index.js';
import { Link } from '../../ui/link.js';
import { useKept } from '../assessment/kept.js';
import { KeptFailure, KeptNote } from '../assessment/kept-view.js';
import { AdvocacyNav } from '../advocacy/subnav.js';
import { ActBadges, ActFacts, SampleBanner } from './common.js';
import { type ActView, type ProvisionNode, pick, provisionHref } from './words.js';
import './legal.css';

export default function ActScreen(props: ScreenProps) {
  return (
    <div class="legal">
      <AdvocacyNav />
      <p>
        <Link href="/legal">{t('legal.back')}</Link>
      </p>
      <Act id={props.params.actId} />
    </div>
  );
}

function Act(props: { id: string }) {
  const reading = useKept<ActView>(`legal-act:${props.id}`, () =>
    ok(api.GET('/api/v1/legal-acts/{id}', { params: { path: { id: props.id } } })),
  );
  const act = reading.value;
  useEffect(() => {
    // The anchor's provision is drawn only once the act has arrived.
    const target = location.hash.slice(1);
    if (act && target) document.getElementById(target)?.scrollIntoView();
  }, [act]);
  if (reading.error !== null && !act) return <KeptFailure reading={reading} />;
  if (!act) return <p class="loading">{t('app.loading')}</p>;
  const title = pick(act.title);
  return (
    <>
      <KeptNote savedAt={reading.savedAt} />
      <h1 lang={title.lang}>{title.text}</h1>
      <ActBadges act={act} />
      <ActFacts act={act} />
      <SampleBanner act={act} />
      {act.sourceUrl && (
        <p>
          <a href={act.sourceUrl} rel="noopener noreferrer" target="_blank">
            {t('legal.source')}
          </a>
        </p>
      )}
      <section aria-labelledby="legal-contents">
        <h2 id="legal-contents">{t('legal.contents')}</h2>
        {act.provisions.length ? (
          <Tree actId={act.id} nodes={act.provisions} />
        ) : (
          <p class="muted">{t('legal.noProvisions')}</p>
        )}
      </section>
    </>
  );
}

function Tree(props: { actId: string; nodes: ProvisionNode[]; nested?: boolean }) {
  return (
    <ol class={props.nested ? undefined : 'provision-tree'}>
      {props.nodes.map((node) => {
        const heading = pick(node.heading);
        const text = pick(node.text);
        return (
          <li key={node.id} id={node.eId}>
            <div class="provision-body">
              <h3 class="card-title">
                <Link href={provisionHref(props.actId, node.eId)}>
                  <span lang={heading.lang}>{heading.text || node.eId}</span>
                </Link>
              </h3>
              <p class="eid">{node.eId}</p>
              {text.text && (
                <p class="provision-text" lang={text.lang}>
                  {text.text}
                </p>
              )}
            </div>
            {node.children.length > 0 && <Tree actId={props.actId} nodes={node.children} nested />}
          </li>
        );
      })}
    </ol>
  );
}
