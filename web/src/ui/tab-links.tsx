// Tabs as links (each tab has its own address, so back and reload work): a labelled nav whose
// current link says so with aria-current.
import { Link } from './link.js';

export function TabLinks(props: {
  label: string;
  tabs: Array<{ href: string; text: string }>;
  current: string;
}) {
  return (
    <nav class="tabs" aria-label={props.label}>
      <ul>
        {props.tabs.map((tab) => (
          <li key={tab.href}>
            <Link href={tab.href} aria-current={tab.href === props.current ? 'page' : undefined}>
              {tab.text}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
