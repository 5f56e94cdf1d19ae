import type { Session } from '../api/client';
import { LANGUAGES, useI18n, type Language } from '../i18n/i18n';
import type { MessageKey } from '../i18n/en';
import { LocalTime } from './local-time';

/** Pages still to come: listed, but not usable until their APIs are there. */
const LATER_PAGES: readonly MessageKey[] = ['nav.members', 'nav.messages', 'nav.refusals', 'nav.log', 'nav.databank'];

/** The console's header: its name, the pages, the language switch and, when signed in, who and sign-out. */
export function Header({ session, onSignOut }: { session: Session | undefined; onSignOut: () => Promise<void> }) {
  const { t, lang, setLang } = useI18n();
  return (
    <header class="app-header">
      <div class="brand">{t('app.title')}</div>
      {session !== undefined && (
        <nav aria-label={t('nav.label')}>
          <ul class="nav">
            <li>
              <a href="#main" aria-current="page">
                {t('nav.overview')}
              </a>
            </li>
            {LATER_PAGES.map((key) => (
              <li key={key}>
                <span class="nav-later" aria-disabled="true" title={t('nav.soon')}>
                  {t(key)}
                </span>
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
