import { useI18n } from '../i18n/i18n';
import './proof.css';
import type { ProofFailure } from '../proof/proof-failure';

/** Verified or NOT verified, in words, with why; `data-verified` for tests and styles. */
export function ProofVerdict({
  failure,
  verified,
  testId,
}: {
  failure: ProofFailure | undefined;
  verified: string;
  testId: string;
}) {
  const { t } = useI18n();
  const ok = failure === undefined;
  return (
    <div
      class={ok ? 'verdict verified' : 'verdict not-verified'}
      role={ok ? 'status' : 'alert'}
      data-testid={testId}
      data-verified={String(ok)}
      data-reason={failure?.reason ?? ''}
    >
      <p class="verdict-head">{ok ? t('proof.verified') : t('proof.notVerified')}</p>
      <p>{ok ? verified : t(`proof.reason.${failure.reason}`)}</p>
      {!ok && <p class="technical">{t('proof.technical', { detail: failure.message })}</p>}
    </div>
  );
}
