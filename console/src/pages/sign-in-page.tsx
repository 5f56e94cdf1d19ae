import { useState } from 'preact/hooks';
import { ApiError, type ApiClient, type Session } from '../api/client';
import { useI18n, type I18n } from '../i18n/i18n';

function refusalText(error: unknown, t: I18n['t']): string {
  if (!(error instanceof ApiError)) return String(error);
  if (error.status === 0) return t('error.network');
  if (error.status === 429) return error.problem?.detail ?? t('signIn.rateLimited');
  return error.problem?.detail ?? error.problem?.title ?? t('error.unexpected', { status: error.status });
}

/** Asks for an operator token once and exchanges it for a session. */
export function SignInPage({
  client,
  onSignedIn,
  notice,
}: {
  client: ApiClient;
  onSignedIn: (session: Session) => void;
  notice: string | undefined;
}) {
  const { t } = useI18n();
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<{ text: string; code: string | undefined } | undefined>();

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (token.trim() === '') {
      setRefusal({ text: t('signIn.empty'), code: undefined });
      return;
    }
    setBusy(true);
    setRefusal(undefined);
    try {
      const session = await client.signIn(token.trim());
      setToken('');
      onSignedIn(session);
    } catch (error: unknown) {
      setRefusal({ text: refusalText(error, t), code: error instanceof ApiError ? error.problem?.code : undefined });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t('signIn.title')}</h1>
      <p>{t('signIn.intro')}</p>
      {notice !== undefined && <p class="notice">{notice}</p>}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <label for="token">{t('signIn.token')}</label>
        <input
          id="token"
          name="token"
          type="password"
          autoComplete="off"
          spellcheck={false}
          value={token}
          onInput={(e) => {
            setToken(e.currentTarget.value);
          }}
          aria-describedby={refusal === undefined ? undefined : 'sign-in-refusal'}
          required
        />
        <button type="submit" disabled={busy}>
          {busy ? t('signIn.busy') : t('signIn.submit')}
        </button>
      </form>
      {refusal !== undefined && (
        <div id="sign-in-refusal" class="refusal" role="alert">
          <strong>{t('signIn.refused')}</strong>
          <p>{refusal.text}</p>
          {refusal.code !== undefined && <code>{refusal.code}</code>}
        </div>
      )}
    </section>
  );
}
