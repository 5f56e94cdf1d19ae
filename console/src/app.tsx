import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type ApiClient, type Session } from './api/client';
import { Header } from './components/header';
import { useI18n } from './i18n/i18n';
import { DatabankPage } from './pages/databank/databank-page';
import { MembersPage } from './pages/members-page';
import { AuditPage } from './pages/audit-page';
import { MessagesPage } from './pages/messages-page';
import { LogPage } from './pages/log-page';
import { MessageDetailPage } from './pages/message-detail-page';
import { OverviewPage } from './pages/overview-page';
import { RefusalsPage } from './pages/refusals-page';
import { SearchPage } from './pages/search-page';
import { SignInPage } from './pages/sign-in-page';
import { useRoute, type Route } from './router';

type State =
  | { readonly step: 'checking' }
  | { readonly step: 'signed-out' }
  | { readonly step: 'signed-in'; readonly session: Session };

/**
 * The console: resumes the browser's session if there is one, otherwise asks for a token;
 * the session (CSRF token, role, the pinned gateway key) lives in memory only.
 */
export function App({ client }: { client: ApiClient }) {
  const { t } = useI18n();
  const route = useRoute();
  const [state, setState] = useState<State>({ step: 'checking' });
  const [resumeError, setResumeError] = useState<string | undefined>();

  useEffect(() => {
    let live = true;
    client.resume().then(
      (session) => {
        if (live) setState(session === undefined ? { step: 'signed-out' } : { step: 'signed-in', session });
      },
      (error: unknown) => {
        if (!live) return;
        setResumeError(error instanceof ApiError && error.status === 0 ? t('error.network') : String(error));
        setState({ step: 'signed-out' });
      },
    );
    return () => {
      live = false;
    };
    // Resuming happens once per page load; a language change does not repeat it.
  }, [client]);

  // After signing in or out, keyboard and screen-reader users continue at the new page's top.
  const main = useRef<HTMLElement>(null);
  const previous = useRef(state.step);
  useEffect(() => {
    if (previous.current !== 'checking' && previous.current !== state.step) main.current?.focus();
    previous.current = state.step;
  }, [state.step]);

  const signedIn = useCallback((session: Session) => {
    setResumeError(undefined);
    setState({ step: 'signed-in', session });
  }, []);
  const sessionLost = useCallback(() => {
    client.forget();
    setState({ step: 'signed-out' });
  }, [client]);
  const signOut = useCallback(async () => {
    try {
      await client.signOut();
    } catch {
      // The session is forgotten here either way; the cookie expires on its own.
    }
    setState({ step: 'signed-out' });
  }, [client]);

  return (
    <>
      <a class="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <Header
        session={state.step === 'signed-in' ? state.session : undefined}
        current={route.page}
        onSignOut={signOut}
      />
      <main id="main" tabIndex={-1} ref={main}>
        {state.step === 'checking' && <p class="status">{t('signIn.checking')}</p>}
        {state.step === 'signed-out' && <SignInPage client={client} onSignedIn={signedIn} notice={resumeError} />}
        {state.step === 'signed-in' && (
          <CurrentPage route={route} client={client} session={state.session} onSessionLost={sessionLost} />
        )}
      </main>
    </>
  );
}

/** What every page is given: where the console is, the API, the session, and what to do when it is gone. */
export interface PageProps {
  readonly route: Route;
  readonly client: ApiClient;
  readonly session: Session;
  readonly onSessionLost: () => void;
}

/** The page the route names. */
function CurrentPage(props: PageProps) {
  switch (props.route.page) {
    case 'overview':
      return <OverviewPage client={props.client} onSessionLost={props.onSessionLost} />;
    case 'members':
      return <MembersPage {...props} />;
    case 'messages':
      return props.route.path.length === 0 ? <MessagesPage {...props} /> : <MessageDetailPage {...props} />;
    case 'refusals':
      return <RefusalsPage {...props} />;
    case 'log':
      return <LogPage {...props} />;
    case 'databank':
      return <DatabankPage {...props} />;
    case 'search':
      return <SearchPage {...props} />;
    case 'audit':
      return <AuditPage {...props} />;
  }
}
