import { useI18n } from '../i18n/i18n';
import './proof.css';
import type { ProofFailure } from '../proof/proof-failure';

/**
 * Verified or NOT verified, in words, with why; `data-verified` for tests and styles. With
 * `partial` and no failure, only part was verified: `data-verified="partial"`, never "Verified".
 */
export function ProofVerdict({
  failure,
  verified,
  testId,
  partial,
}: {
  failure: ProofFailure | undefined;
  verified: string;
  testId: string;
  partial?: { readonly head: string; readonly why: string } | undefined;
}) {
  const { t } = useI18n();
  const ok = failure === undefined;
  if (ok && partial !== undefined) {
    return (
      <div class="verdict partial" role="status" data-testid={testId} data-verified="partial" data-reason="">
        <p class="verdict-head">{partial.head}</p>
        <p>{partial.why}</p>
      </div>
    );
  }
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
