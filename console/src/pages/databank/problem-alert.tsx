import { ApiError } from '../../api/client';
import { useI18n } from '../../i18n/i18n';

/** The gateway's own sentence for a refused request, with its code; or why it could not be reached. */
export function ProblemAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useI18n();
  if (error === undefined) return null;
  const api = error instanceof ApiError ? error : undefined;
  const text =
    api === undefined
      ? error instanceof Error
        ? error.message
        : JSON.stringify(error)
      : api.status === 0
        ? t('error.network')
        : (api.problem?.detail ?? api.problem?.title ?? t('error.unexpected', { status: api.status }));
  return (
    <div class="refusal" role="alert">
      <strong>{title ?? t('databank.refused')}</strong>
      <p>{text}</p>
      {api?.problem?.code !== undefined && <code>{api.problem.code}</code>}
    </div>
  );
}

/** A "show more" button under a list that has another page, and the list's loading state. */
export function ListFooter({ more, loading, onMore }: { more: boolean; loading: boolean; onMore: () => void }) {
  const { t } = useI18n();
  if (loading) return <p class="status">{t('databank.loading')}</p>;
  if (!more) return null;
  return (
    <button type="button" onClick={onMore}>
      {t('databank.more')}
    </button>
  );
}
