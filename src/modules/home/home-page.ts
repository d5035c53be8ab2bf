import { negotiate } from '../../common/i18n/i18n.js';
/** The languages the page is written in; a visitor's other languages fall back to Kyrgyz. */
export const HOME_LANGUAGES = ['ky', 'ru', 'en'] as const;
export type HomeLanguage = (typeof HOME_LANGUAGES)[number];
export type HomeHealth = 'ok' | 'database_down' | 'stopping';

interface HomeText {
  name: string;
  title: string;
  lead: string;
  version: string;
  health: string;
  healthIs: Record<HomeHealth, string>;
  docsHeading: string;
  docs: { href: string; text: string }[];
  stepsHeading: string;
  steps: string[];
  webClient: string;
  languages: string;
}

const DOC_LINKS = ['/api/docs', '/api/docs-json', '/api/asyncapi-json', '/health/ready'] as const;

const TEXT: Record<HomeLanguage, HomeText> = {
  ky: {
    name: 'Кыргызча',
    title: 'Кеңеш: тармактын борбору',
    lead:
      'Баткен районунун чек ара айылдарындагы жергиликтүү өз алдынча башкаруу органдарынын ' +
      'жана жамааттык уюмдардын тармагынын координациялык борбору. Бул дарек азырынча API ' +
      'үчүн гана; веб-кардар жакында ушул жерде ачылат.',
    version: 'Версиясы',
    health: 'Абалы',
    healthIs: {
      ok: 'Иштеп жатат, маалымат базасы жооп берет',
      database_down: 'Маалымат базасы жооп бербей жатат',
      stopping: 'Токтоп жатат',
    },
    docsHeading: 'Документтер',
    docs: [
      { href: DOC_LINKS[0], text: 'API документтери (OpenAPI, браузерде)' },
      { href: DOC_LINKS[1], text: 'OpenAPI документи (JSON)' },
      { href: DOC_LINKS[2], text: 'Реалдуу убакыттагы окуялар, /rt (AsyncAPI, JSON)' },
      { href: DOC_LINKS[3], text: 'Даярдыгы (/health/ready)' },
    ],
    stepsHeading: 'Алгачкы кадамдар',
    steps: [
      '<code>npm run seed:demo</code>: демо тармакты толтурат жана ар бир демо аккаунттун ' +
        'email дарегин, сырсөзүн, ролун жана уюмун басып чыгарат (алдын ала хабды токтотуңуз).',
      '<code>POST /api/v1/auth/login</code> менен <code>{ "email", "password" }</code> жөнөтүп, ' +
        '<code>accessToken</code> алыңыз.',
      'Ар бир суроого <code>Authorization: Bearer &lt;accessToken&gt;</code> кошуңуз, мисалы ' +
        '<code>GET /api/v1/issues</code>.',
      'Реалдуу убакыт: socket.io, <code>/rt</code> аттар мейкиндиги, ' +
        '<code>auth: { token: accessToken }</code>; бөлмөгө <code>room:join</code> менен кириңиз.',
    ],
    webClient: 'Толугураак: репозиторийдеги README.md жана docs/ папкасы.',
    languages: 'Тил',
  },
  ru: {
    name: 'Русский',
    title: 'Кенеш: центр сети',
    lead:
      'Координационный центр сети органов местного самоуправления и общественных организаций ' +
      'приграничных сёл Баткенского района. Пока по этому адресу работает только API; ' +
      'веб-клиент скоро откроется здесь же.',
    version: 'Версия',
    health: 'Состояние',
    healthIs: {
      ok: 'Работает, база данных отвечает',
      database_down: 'База данных не отвечает',
      stopping: 'Останавливается',
    },
    docsHeading: 'Документация',
    docs: [
      { href: DOC_LINKS[0], text: 'Документация API (OpenAPI, в браузере)' },
      { href: DOC_LINKS[1], text: 'Документ OpenAPI (JSON)' },
      { href: DOC_LINKS[2], text: 'События реального времени, /rt (AsyncAPI, JSON)' },
      { href: DOC_LINKS[3], text: 'Готовность (/health/ready)' },
    ],
    stepsHeading: 'Первые шаги',
    steps: [
      '<code>npm run seed:demo</code>: заполняет демонстрационную сеть и печатает email, ' +
        'пароль, роль и организацию каждого демо-аккаунта (сначала остановите хаб).',
      'Отправьте <code>{ "email", "password" }</code> на <code>POST /api/v1/auth/login</code> ' +
        'и получите <code>accessToken</code>.',
      'Добавляйте к каждому запросу <code>Authorization: Bearer &lt;accessToken&gt;</code>, ' +
        'например <code>GET /api/v1/issues</code>.',
      'Реальное время: socket.io, пространство имён <code>/rt</code>, ' +
        '<code>auth: { token: accessToken }</code>; войдите в комнату через <code>room:join</code>.',
    ],
    webClient: 'Подробнее: README.md и папка docs/ в репозитории.',
    languages: 'Язык',
  },
  en: {
    name: 'English',
    title: 'Kenesh: the network hub',
    lead:
      'The coordination hub of the network of local self-government bodies and community ' +
      'organisations in the border villages of Batken district. For now this address serves ' +
      'the API only; the web client will open here soon.',
    version: 'Version',
    health: 'Health',
    healthIs: {
      ok: 'Up, the database answers',
      database_down: 'The database does not answer',
      stopping: 'Shutting down',
    },
    docsHeading: 'Documentation',
    docs: [
      { href: DOC_LINKS[0], text: 'API documentation (OpenAPI, in the browser)' },
      { href: DOC_LINKS[1], text: 'OpenAPI document (JSON)' },
      { href: DOC_LINKS[2], text: 'Real-time events, /rt (AsyncAPI, JSON)' },
      { href: DOC_LINKS[3], text: 'Readiness (/health/ready)' },
    ],
    stepsHeading: 'First steps',
    steps: [
      '<code>npm run seed:demo</code> fills a demo network and prints every demo account with ' +
        'its email, password, role and organisation (stop the hub first).',
      'Send <code>{ "email", "password" }</code> to <code>POST /api/v1/auth/login</code> and ' +
        'take the <code>accessToken</code>.',
      'Add <code>Authorization: Bearer &lt;accessToken&gt;</code> to every request, e.g. ' +
        '<code>GET /api/v1/issues</code>.',
      'Real time: socket.io, namespace <code>/rt</code>, <code>auth: { token: accessToken }</code>; ' +
        'enter a room with <code>room:join</code>.',
    ],
    webClient: 'More: README.md and the docs/ folder of the repository.',
    languages: 'Language',
  },
};

/**
 * `?lang=` (the page's own language links) first, then the best of `Accept-Language` the page
 * is written in, else Kyrgyz, the network's first language.
 */
/** `?lang=` when it names one of ours, else Accept-Language as every answer reads it, else Kyrgyz. */
export function homeLanguage(acceptLanguage: string | undefined, asked?: string): HomeLanguage {
  if (HOME_LANGUAGES.includes(asked as HomeLanguage)) return asked as HomeLanguage;
  return negotiate(acceptLanguage) ?? 'ky';
}

export function renderHomePage(
  language: HomeLanguage,
  facts: { version: string; health: HomeHealth },
): string {
  const text = TEXT[language];
  const switcher = HOME_LANGUAGES.map((code) =>
    code === language
      ? `<li><span aria-current="true">${TEXT[code].name}</span></li>`
      : `<li><a href="/?lang=${code}" hreflang="${code}" lang="${code}">${TEXT[code].name}</a></li>`,
  ).join('');
  const docs = text.docs
    .map((doc) => `<li><a href="${doc.href}">${doc.text}</a> <code>${doc.href}</code></li>`)
    .join('');
  const steps = text.steps.map((step) => `<li>${step}</li>`).join('');
  const healthClass = facts.health === 'ok' ? 'up' : 'down';
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text.title}</title>
<style>
:root{color-scheme:light dark;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5}
body{margin:0 auto;max-width:42rem;padding:1rem}
h1{font-size:1.6rem;margin:.5rem 0}
h2{font-size:1.2rem;margin-top:1.5rem}
nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.75rem;padding:0;margin:0}
a{color:#0b57d0}
@media (prefers-color-scheme:dark){a{color:#8ab4f8}}
a:focus-visible{outline:3px solid currentColor;outline-offset:2px}
li{margin:.4rem 0}
code{font-size:.95em;overflow-wrap:anywhere}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dt{font-weight:600}
dd{margin:0}
.up::before{content:"\\2714\\fe0e  "}
.down::before{content:"\\26a0\\fe0e  "}
</style>
</head>
<body>
<header>
<nav aria-label="${text.languages}"><ul>${switcher}</ul></nav>
<h1>${text.title}</h1>
</header>
<main>
<p>${text.lead}</p>
<dl>
<dt>${text.version}</dt><dd><code>${escapeHtml(facts.version)}</code></dd>
<dt>${text.health}</dt><dd class="${healthClass}" data-health="${facts.health}">${text.healthIs[facts.health]}</dd>
</dl>
<h2>${text.docsHeading}</h2>
<ul>${docs}</ul>
<h2>${text.stepsHeading}</h2>
<ol>${steps}</ol>
<p>${text.webClient}</p>
</main>
</body>
</html>
`;
}

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}
