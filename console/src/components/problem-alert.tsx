import type { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';

/** A refused or failed request: a heading of the page's own, the gateway's sentence and its code. */
export function ProblemAlert({ title, error }: { title: string; error: ApiError }) {
  const { t } = useI18n();
  const text =
    error.status === 0
      ? t('error.network')
      : (error.problem?.detail ?? error.problem?.title ?? t('error.unexpected', { status: error.status }));
  return (
    <div class="refusal" role="alert">
      <strong>{title}</strong>
      <p>{text}</p>
      {error.problem?.code !== undefined && <code>{error.problem.code}</code>}
    </div>
  );
}
