import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, type ApiClient } from '../api/client';
import type { PageProps } from '../app';
import { LocalTime } from '../components/local-time';
import { ProofVerdict } from '../components/proof-verdict';
import { useI18n } from '../i18n/i18n';
import { verifyCheckpoint, type PinnedLogKey } from '../proof/checkpoint';
import {
  provenLogKeys,
  verifyCheckpointWithKeys,
  type GatewayRotationsJson,
  type LogKeyTerm,
  type ProvenLogKeys,
} from '../proof/gateway-keys';
import { ProofFailure, ProofReason } from '../proof/proof-failure';
import { proveConsistency, type ConsistencyOutcome, type ConsistencyProofJson } from '../proof/prove';

/** A checkpoint as GET /v1/log/checkpoints lists it. */
interface CheckpointJson {
  readonly size: number;
  readonly rootHash: string;
  readonly createdAt: string;
  readonly note: string;
  readonly cosignatures: readonly { witness: string; line: string; signedAt: string; receivedAt: string }[];
}

interface CheckpointPage {
  readonly items: readonly CheckpointJson[];
  readonly nextCursor: string | null;
}

/**
 * A listed checkpoint's gateway signature: why not (null: the signature verifies), whether a
 * key before a rotation signed it, and whether that was after its rotation (then only within a
 * grace this browser cannot prove: not verified).
 */
interface SignatureCheck {
  readonly failure: ProofFailure | null;
  readonly olderKey?: string;
  readonly graceUnproven?: boolean;
}

/**
 * The gateway keys the log page accepts: the key pinned at sign-in, then each older key that
 * the gateway's rotations, proven in the latest checkpoint the pinned key signed, lead back
 * to (provenLogKeys). Until they are proven, and where the gateway serves no rotations, the
 * pinned key alone.
 */
function useLogKeys(client: ApiClient, pinned: PinnedLogKey): { keys: readonly LogKeyTerm[]; failure?: ProofFailure } {
  const [proven, setProven] = useState<ProvenLogKeys>({ keys: [{ key: pinned, kid: '' }] });
  useEffect(() => {
    let live = true;
    void (async () => {
      let result: ProvenLogKeys;
      try {
        const latest = await verifyCheckpoint(await client.getText('/v1/log/checkpoint'), pinned);
        const rotations = (await client.request(
          'GET',
          `/v1/log/gateway-rotations?size=${latest.size}`,
        )) as GatewayRotationsJson;
        result = await provenLogKeys(pinned, latest, rotations);
      } catch {
        // No checkpoint or no rotations served: the pinned key alone; a bad latest checkpoint
        // shows in its own row.
        result = { keys: [{ key: pinned, kid: '' }] };
      }
      if (live) setProven(result);
    })();
    return () => {
      live = false;
    };
  }, [client, pinned]);
  return proven;
}

/** Each listed checkpoint's gateway signature, verified against the accepted keys: size -> the check. */
function useSignatures(
  items: readonly CheckpointJson[],
  keys: readonly LogKeyTerm[],
): ReadonlyMap<number, SignatureCheck> {
  const [checked, setChecked] = useState<ReadonlyMap<number, SignatureCheck>>(new Map());
  useEffect(() => {
    let live = true;
    void (async () => {
      const result = new Map<number, SignatureCheck>();
      for (const c of items) {
        try {
          const cp = await verifyCheckpointWithKeys(c.note, keys, Date.parse(c.createdAt));
          result.set(
            c.size,
            cp.size !== c.size
              ? { failure: new ProofFailure(ProofReason.SIZE_MISMATCH, `listed as ${c.size}, signed ${cp.size}`) }
              : {
                  failure: null,
                  ...(cp.olderKey ? { olderKey: cp.signerKid } : {}),
                  ...(cp.graceUnproven ? { graceUnproven: true } : {}),
                },
          );
        } catch (e) {
          result.set(c.size, {
            failure: e instanceof ProofFailure ? e : new ProofFailure(ProofReason.NOTE_MALFORMED, String(e)),
          });
        }
      }
      if (live) setChecked(result);
    })();
    return () => {
      live = false;
    };
  }, [items, keys]);
  return checked;
}

function Checkpoints({ items, keys }: { items: readonly CheckpointJson[]; keys: readonly LogKeyTerm[] }) {
  const { t } = useI18n();
  const signatures = useSignatures(items, keys);
  return (
    <div class="table-scroll">
      <table data-testid="checkpoints">
        <caption>{t('log.checkpoints')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('log.size')}</th>
            <th scope="col">{t('log.signedAt')}</th>
            <th scope="col">{t('log.root')}</th>
            <th scope="col">{t('log.signature')}</th>
            <th scope="col">{t('log.witnesses')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.size} data-size={c.size}>
              <th scope="row">{c.size}</th>
              <td>
                <LocalTime iso={c.createdAt} />
              </td>
              <td>
                <code class="hash">{c.rootHash}</code>
              </td>
              <SignatureCell check={signatures.get(c.size)} />
              <td data-testid="cosignatures">
                {c.cosignatures.length === 0 ? (
                  t('log.noCosignature')
                ) : (
                  <ul class="cosignatures">
                    {c.cosignatures.map((s) => (
                      <li key={s.witness} title={s.line}>
                        {s.witness} · <LocalTime iso={s.signedAt} />
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SignatureCell({ check }: { check: SignatureCheck | undefined }) {
  const { t } = useI18n();
  if (check === undefined) return <td data-testid="signature">{t('proof.checking')}</td>;
  const { failure, olderKey, graceUnproven } = check;
  if (failure === null && graceUnproven === true) {
    return (
      <td
        data-testid="signature"
        data-verified="partial"
        {...(olderKey === undefined ? {} : { 'data-older-key': olderKey })}
        class="sig-partial"
        title={t('log.signatureGraceUnprovenWhy', { kid: olderKey ?? '' })}
      >
        {t('log.signatureGraceUnproven')}
      </td>
    );
  }
  return (
    <td
      data-testid="signature"
      data-verified={String(failure === null)}
      {...(olderKey === undefined ? {} : { 'data-older-key': olderKey })}
      class={failure === null ? 'sig-ok' : 'sig-bad'}
      title={failure === null ? olderKey : t(`proof.reason.${failure.reason}`)}
    >
      {failure !== null
        ? t('log.signatureBad')
        : olderKey === undefined
          ? t('log.signatureOk')
          : t('log.signatureOkOlder')}
    </td>
  );
}

function Consistency(props: { items: readonly CheckpointJson[]; client: ApiClient; keys: readonly LogKeyTerm[] }) {
  const { t } = useI18n();
  const { items, client, keys } = props;
  const sizes = useMemo(() => items.map((c) => c.size).sort((a, b) => a - b), [items]);
  const [first, setFirst] = useState<number | undefined>();
  const [second, setSecond] = useState<number | undefined>();
  const [outcome, setOutcome] = useState<ConsistencyOutcome | undefined>();
  const [busy, setBusy] = useState(false);
  const older = first ?? sizes[0];
  const newer = second ?? sizes.at(-1);
  const verify = useCallback(async () => {
    const a = items.find((c) => c.size === older);
    const b = items.find((c) => c.size === newer);
    if (a === undefined || b === undefined) return;
    setBusy(true);
    setOutcome(
      await proveConsistency(
        { note: a.note, recordedAt: Date.parse(a.createdAt) },
        { note: b.note, recordedAt: Date.parse(b.createdAt) },
        keys,
        async (x, y) =>
          (await client.request('GET', `/v1/log/proof/consistency?first=${x}&second=${y}`)) as ConsistencyProofJson,
      ),
    );
    setBusy(false);
  }, [client, items, older, newer, keys]);

  const ordered = older !== undefined && newer !== undefined && older < newer;
  return (
    <section aria-labelledby="consistency-title" class="consistency">
      <h2 id="consistency-title">{t('log.consistency')}</h2>
      <p>{t('log.consistencyIntro')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void verify();
        }}
      >
        <SizeSelect
          label={t('log.first')}
          sizes={sizes}
          value={older}
          onChange={(size) => {
            setFirst(size);
            setOutcome(undefined);
          }}
        />{' '}
        <SizeSelect
          label={t('log.second')}
          sizes={sizes}
          value={newer}
          onChange={(size) => {
            setSecond(size);
            setOutcome(undefined);
          }}
        />{' '}
        <button type="submit" disabled={busy || !ordered}>
          {t('log.verify')}
        </button>
      </form>
      {!ordered && <p class="notice">{t('log.chooseOrder')}</p>}
      {outcome !== undefined && (
        <>
          <ProofVerdict
            failure={outcome.failure}
            verified={t(
              outcome.first?.olderKey === true || outcome.second?.olderKey === true
                ? 'log.verifiedWhyRotated'
                : 'log.verifiedWhy',
              { first: String(older), second: String(newer) },
            )}
            testId="consistency-result"
            partial={
              outcome.first?.graceUnproven === true || outcome.second?.graceUnproven === true
                ? {
                    head: t('log.consistencyGraceUnproven'),
                    why: t('log.consistencyGraceUnprovenWhy', { first: String(older), second: String(newer) }),
                  }
                : undefined
            }
          />
          {outcome.proof !== undefined && <p>{t('log.proofHashes', { count: outcome.proof.proof.length })}</p>}
        </>
      )}
    </section>
  );
}

/**
 * The Log page (#/log): the checkpoints the gateway signed with their witnesses'
 * cosignatures, and consistency between two of them verified in this browser.
 */
export function LogPage(props: PageProps) {
  const { t } = useI18n();
  const { client, session, onSessionLost } = props;
  const pinned = useMemo(() => ({ jwk: session.gatewayKey, origin: session.logOrigin }), [session]);
  const { keys, failure: rotationFailure } = useLogKeys(client, pinned);
  const [items, setItems] = useState<readonly CheckpointJson[] | undefined>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();

  const load = useCallback(
    async (after: string | null) => {
      try {
        const query = after === null ? '' : `?cursor=${encodeURIComponent(after)}`;
        const page = (await client.request('GET', `/v1/log/checkpoints${query}`)) as CheckpointPage;
        setItems((before) => [...(after === null ? [] : (before ?? [])), ...page.items]);
        setCursor(page.nextCursor);
        setError(undefined);
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) onSessionLost();
        setError(e instanceof ApiError && e.status === 0 ? t('error.network') : String(e));
      }
    },
    // The language does not reload the list.
    [client, onSessionLost],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  return (
    <section class="log-page" aria-labelledby="page-title">
      <h1 id="page-title">{t('log.title')}</h1>
      <p>{t('log.intro')}</p>
      {error !== undefined && (
        <p class="refusal" role="alert">
          {error}
        </p>
      )}
      {items === undefined && error === undefined && <p class="status">{t('log.loading')}</p>}
      {items?.length === 0 && <p>{t('log.empty')}</p>}
      {items !== undefined && items.length > 0 && (
        <>
          {rotationFailure !== undefined && (
            <p class="refusal" role="alert" data-testid="rotation-failure" title={rotationFailure.message}>
              {t(`proof.reason.${rotationFailure.reason}`)}
            </p>
          )}
          <Consistency items={items} client={client} keys={keys} />
          <Checkpoints items={items} keys={keys} />
          {cursor !== null && (
            <button type="button" onClick={() => void load(cursor)}>
              {t('log.more')}
            </button>
          )}
        </>
      )}
    </section>
  );
}

/** A choice among the listed checkpoints' tree sizes. */
function SizeSelect({
  label,
  sizes,
  value,
  onChange,
}: {
  label: string;
  sizes: readonly number[];
  value: number | undefined;
  onChange: (size: number) => void;
}) {
  return (
    <label>
      {label}{' '}
      <select
        value={String(value)}
        onChange={(e) => {
          onChange(Number(e.currentTarget.value));
        }}
      >
        {sizes.map((s) => (
          <option key={s} value={String(s)}>
            {s}
          </option>
        ))}
      </select>
    </label>
  );
}
