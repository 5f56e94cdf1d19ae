import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { useI18n } from '../i18n/i18n';
import type { PinnedLogKey } from '../proof/checkpoint';
import { toBase64 } from '../proof/bytes';
import type { InclusionProofJson } from '../proof/merkle-proof';
import { proveInclusion, type InclusionOutcome } from '../proof/prove';
import { ProofVerdict } from './proof-verdict';

/**
 * The inclusion proof of a message, verified in this browser: the checkpoint (origin, size,
 * root, signature against the pinned key), the steps from the leaf to the root, and a clear
 * verified / NOT verified with the reason.
 */
export function InclusionProofView(props: {
  client: ApiClient;
  pinned: PinnedLogKey;
  messageId: string;
  leafIndex: number;
}) {
  const { t } = useI18n();
  const { client, pinned, messageId, leafIndex } = props;
  const [outcome, setOutcome] = useState<InclusionOutcome | undefined>();
  const [busy, setBusy] = useState(false);

  const verify = useCallback(async () => {
    setBusy(true);
    const query = (size: number) => `/v1/log/proof/inclusion?messageId=${encodeURIComponent(messageId)}&size=${size}`;
    const result = await proveInclusion(
      {
        latestCheckpoint: () => client.getText('/v1/log/checkpoint'),
        inclusionProof: async (size) => (await client.request('GET', query(size))) as InclusionProofJson,
      },
      pinned,
      leafIndex,
    );
    setOutcome(result);
    setBusy(false);
  }, [client, pinned, messageId, leafIndex]);

  useEffect(() => {
    void verify();
  }, [verify]);

  const cp = outcome?.checkpoint;
  return (
    <section class="proof" aria-labelledby="proof-title" aria-busy={busy}>
      <h2 id="proof-title">{t('proof.title')}</h2>
      {outcome === undefined ? (
        <p class="status">{t('proof.checking')}</p>
      ) : (
        <ProofVerdict
          failure={outcome.failure}
          verified={t('proof.verifiedWhy', { leaf: leafIndex })}
          testId="inclusion-result"
        />
      )}
      <button type="button" onClick={() => void verify()} disabled={busy}>
        {t('proof.verify')}
      </button>
      {outcome !== undefined && (
        <>
          <h3>{t('proof.checkpoint')}</h3>
          <dl class="facts">
            <dt>{t('proof.origin')}</dt>
            <dd>{cp?.origin ?? pinned.origin}</dd>
            {cp !== undefined && (
              <>
                <dt>{t('proof.treeSize')}</dt>
                <dd data-testid="checkpoint-size">{cp.size}</dd>
                <dt>{t('proof.root')}</dt>
                <dd>
                  <code class="hash">{toBase64(cp.rootHash)}</code>
                </dd>
              </>
            )}
            <dt>{t('proof.signature')}</dt>
            <dd data-testid="checkpoint-signature">
              {cp !== undefined
                ? t('proof.signatureOk', { name: pinned.origin, keyId: cp.keyId })
                : t('proof.signatureBad', { name: pinned.origin })}
            </dd>
          </dl>
          {outcome.note !== undefined && (
            <details>
              <summary>{t('proof.note')}</summary>
              <pre class="note">{outcome.note}</pre>
            </details>
          )}
          {outcome.proof !== undefined && <ProofSteps proof={outcome.proof} outcome={outcome} />}
        </>
      )}
    </section>
  );
}

function ProofSteps({ proof, outcome }: { proof: InclusionProofJson; outcome: InclusionOutcome }) {
  const { t } = useI18n();
  const steps = outcome.steps ?? [];
  return (
    <>
      <h3>{t('proof.steps')}</h3>
      <p>
        {t('proof.leafHash')}: <code class="hash">{proof.leafHash}</code>
      </p>
      {proof.proof.length === 0 ? (
        <p>{t('proof.noSteps')}</p>
      ) : (
        <div class="table-scroll">
          <table class="proof-steps" data-testid="proof-steps">
            <thead>
              <tr>
                <th scope="col">{t('proof.level')}</th>
                <th scope="col">{t('proof.side')}</th>
                <th scope="col">{t('proof.sibling')}</th>
                <th scope="col">{t('proof.running')}</th>
              </tr>
            </thead>
            <tbody>
              {proof.proof.map((sibling, i) => (
                <tr key={i}>
                  <th scope="row">{i + 1}</th>
                  <td>{steps[i] === undefined ? '' : t(steps[i].side === 'left' ? 'proof.left' : 'proof.right')}</td>
                  <td>
                    <code class="hash">{sibling}</code>
                  </td>
                  <td>
                    <code class="hash">{steps[i]?.running ?? ''}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
