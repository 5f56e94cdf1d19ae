import type { Session } from '../api/client';
import { LANGUAGES, useI18n, type Language } from '../i18n/i18n';
import { PAGES, routeHref, type PageId } from '../router';
import { LocalTime } from './local-time';

/** Pages only auditors and administrators may open: the header does not offer them to others. */
const AUDITOR_PAGES: ReadonlySet<PageId> = new Set(['audit']);

/** Whether a role may see a page in the header (the gateway decides what each request may read). */
export function pageVisible(page: PageId, role: string): boolean {
  return !AUDITOR_PAGES.has(page) || role === 'auditor' || role === 'admin';
}

/** The console's header: its name, the pages, the language switch and, when signed in, who and sign-out. */
export function Header({
  session,
  current,
  onSignOut,
}: {
  session: Session | undefined;
  current: PageId;
  onSignOut: () => Promise<void>;
}) {
  const { t, lang, setLang } = useI18n();
  return (
    <header class="app-header">
      <div class="brand">{t('app.title')}</div>
      {session !== undefined && (
        <nav aria-label={t('nav.label')}>
          <ul class="nav">
            {PAGES.filter((page) => pageVisible(page, session.role)).map((page) => (
              <li key={page}>
                <a href={routeHref(page)} aria-current={page === current ? 'page' : undefined}>
                  {t(`nav.${page}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <div class="header-tools">
        <div class="lang-switch" role="group" aria-label={t('lang.label')}>
          {(Object.keys(LANGUAGES) as Language[]).map((code) => (
            <button
              key={code}
              type="button"
              lang={code}
              aria-pressed={code === lang}
              onClick={() => {
                setLang(code);
              }}
            >
              {t(code === 'en' ? 'lang.en' : 'lang.ru')}
            </button>
          ))}
        </div>
        {session !== undefined && (
          <div class="session">
            <span class="who">{t('session.signedInAs', { actor: session.actor, role: session.role })}</span>
            <span class="expires">
              {t('session.expires')} <LocalTime iso={session.expiresAt} />
            </span>
            <button type="button" class="sign-out" onClick={() => void onSignOut()}>
              {t('session.signOut')}
            </button>
          </div>
        )}
      </div>
    </header>
  );
}
