import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, type ApiClient } from '../api/client';
import { useI18n } from '../i18n/i18n';
import type { PinnedLogKey } from '../proof/checkpoint';
import { toBase64 } from '../proof/bytes';
import { tieLeafToEnvelope, type EnvelopeJson, type EnvelopeTie } from '../proof/envelope-leaf';
import type { InclusionProofJson } from '../proof/merkle-proof';
import { ProofFailure, ProofReason } from '../proof/proof-failure';
import { proveInclusion, type InclusionOutcome } from '../proof/prove';
import { ProofVerdict } from './proof-verdict';

/** The gateway's rule for a stated purpose (characters after trimming). */
const PURPOSE = { min: 3, max: 500 } as const;

/** What comparing the proven leaf with the envelope found: the tie, or why not. */
type TieResult = { readonly tie: EnvelopeTie } | { readonly failure: ProofFailure };

/**
 * The inclusion proof of a message, verified in this browser: the checkpoint (origin, size,
 * root, signature against the pinned key), the steps from the leaf to the root, and a clear
 * verified / NOT verified with the reason. "Verified" needs the proven leaf tied to this
 * message: its leaf hash computed here from the envelope's bytes. Those bytes carry the
 * payload, so reading them is a content read (auditors and admins, with a purpose, audited);
 * until then the page says only that the proof verified.
 */
export function InclusionProofView(props: {
  client: ApiClient;
  pinned: PinnedLogKey;
  messageId: string;
  leafIndex: number;
  /** Hex SHA-256 of the envelope, as the message page shows it. */
  envelopeSha256: string;
  /** Whether the signed-in role may read content (auditor, admin). */
  mayReadContent: boolean;
}) {
  const { t } = useI18n();
  const { client, pinned, messageId, leafIndex, envelopeSha256, mayReadContent } = props;
  const [outcome, setOutcome] = useState<InclusionOutcome | undefined>();
  const [busy, setBusy] = useState(false);
  const [served, setServed] = useState<EnvelopeJson | undefined>();
  const [tie, setTie] = useState<TieResult | undefined>();

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

  // Every proof (also one verified again) is compared with the envelope read, if any.
  const provenLeaf = outcome?.failure === undefined ? outcome?.proof?.leafHash : undefined;
  useEffect(() => {
    setTie(undefined);
    if (served === undefined || provenLeaf === undefined) return;
    let live = true;
    tieLeafToEnvelope(served, { messageId, envelopeSha256, provenLeafHash: provenLeaf }).then(
      (found) => {
        if (live) setTie({ tie: found });
      },
      (e: unknown) => {
        if (!live) return;
        setTie({
          failure: e instanceof ProofFailure ? e : new ProofFailure(ProofReason.ENVELOPE_MISMATCH, String(e)),
        });
      },
    );
    return () => {
      live = false;
    };
  }, [served, provenLeaf, messageId, envelopeSha256]);

  const cp = outcome?.checkpoint;
  const failure = outcome?.failure ?? (tie !== undefined && 'failure' in tie ? tie.failure : undefined);
  const tied = tie !== undefined && 'tie' in tie ? tie.tie : undefined;
  const partial =
    tied?.kind === 'tied'
      ? undefined
      : tied?.kind === 'erased'
        ? { head: t('proof.erased'), why: t('proof.erasedWhy', { leaf: leafIndex }) }
        : { head: t('proof.untied'), why: t('proof.untiedWhy', { leaf: leafIndex }) };
  return (
    <section class="proof" aria-labelledby="proof-title" aria-busy={busy}>
      <h2 id="proof-title">{t('proof.title')}</h2>
      {outcome === undefined ? (
        <p class="status">{t('proof.checking')}</p>
      ) : (
        <ProofVerdict
          failure={failure}
          verified={t('proof.verifiedTiedWhy', { leaf: leafIndex })}
          partial={partial}
          testId="inclusion-result"
        />
      )}
      <button type="button" onClick={() => void verify()} disabled={busy}>
        {t('proof.verify')}
      </button>
      {outcome !== undefined && outcome.failure === undefined && served === undefined && (
        <EnvelopeRead client={client} messageId={messageId} mayRead={mayReadContent} onRead={setServed} />
      )}
      {tied?.kind === 'tied' && (
        <p data-testid="envelope-leaf">
          {t('proof.envelopeLeaf')}: <code class="hash">{tied.leafHash}</code>
        </p>
      )}
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

/**
 * Reads the envelope bytes for the tie, with a stated purpose (the gateway checks it again
 * and records the read); other roles are told why the tie is not theirs to make.
 */
function EnvelopeRead(props: {
  client: ApiClient;
  messageId: string;
  mayRead: boolean;
  onRead: (served: EnvelopeJson) => void;
}) {
  const { t } = useI18n();
  const { client, messageId, mayRead, onRead } = props;
  const [purpose, setPurpose] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [reading, setReading] = useState(false);
  if (!mayRead) return <p class="hint">{t('proof.untiedOperator')}</p>;
  return (
    <form
      class="bank-form"
      noValidate
      aria-labelledby="tie-title"
      onSubmit={(e) => {
        e.preventDefault();
        const text = purpose.trim();
        const length = Array.from(text).length;
        if (length < PURPOSE.min || length > PURPOSE.max) {
          setProblem(t('dossier.purposeLength', { ...PURPOSE, length }));
          return;
        }
        setProblem(undefined);
        setReading(true);
        const path = `/v1/messages/${encodeURIComponent(messageId)}/envelope?purpose=${encodeURIComponent(text)}`;
        client.request('GET', path).then(
          (body) => {
            setReading(false);
            onRead(body as EnvelopeJson);
          },
          (err: unknown) => {
            setReading(false);
            const detail =
              err instanceof ApiError && err.problem?.code !== undefined
                ? `${err.problem.code}: ${err.message}`
                : String(err);
            setProblem(t('proof.tieFailed', { error: detail }));
          },
        );
      }}
    >
      <h3 id="tie-title">{t('proof.tieTitle')}</h3>
      <p>{t('proof.tieIntro')}</p>
      <label for="tie-purpose">{t('dossier.purpose')}</label>
      <textarea
        id="tie-purpose"
        rows={2}
        maxLength={PURPOSE.max + 50}
        value={purpose}
        required
        aria-describedby="tie-purpose-hint"
        aria-invalid={problem !== undefined}
        onInput={(e) => {
          setPurpose(e.currentTarget.value);
        }}
      />
      <p id="tie-purpose-hint" class="hint">
        {t('dossier.purposeHint', PURPOSE)}
      </p>
      {problem !== undefined && (
        <p class="refusal" role="alert">
          {problem}
        </p>
      )}
      <div class="actions">
        <button type="submit" disabled={reading}>
          {reading ? t('proof.tying') : t('proof.tie')}
        </button>
      </div>
    </form>
  );
}
