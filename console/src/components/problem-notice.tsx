import type { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';

/** The gateway's refusal of a read: its sentence and its code, or why the gateway could not be reached. */
export function ProblemNotice({ error }: { error: ApiError }) {
  const { t } = useI18n();
  const text =
    error.status === 0
      ? t('error.network')
      : (error.problem?.detail ?? error.problem?.title ?? t('error.unexpected', { status: error.status }));
  return (
    <div class="refusal" role="alert">
      <p>{text}</p>
      {error.problem?.code !== undefined && <code>{error.problem.code}</code>}
    </div>
  );
}
