import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { ApiError } from '../api/client';
import type { PageProps } from '../app';
import { InclusionProofView } from '../components/inclusion-proof-view';
import { LocalTime } from '../components/local-time';
import { receiptsByRecipient, type MessageDetailJson } from '../detail/message-detail';
import { useI18n } from '../i18n/i18n';
import { routeHref } from '../router';

type Load =
  | { readonly step: 'loading' }
  | { readonly step: 'loaded'; readonly message: MessageDetailJson }
  | { readonly step: 'failed'; readonly error: string };

/** Roles that may read record content (the envelope bytes, for tying the proven leaf to it). */
const CONTENT_ROLES: ReadonlySet<string> = new Set(['auditor', 'admin']);

/** The Traffic Light Protocol's names (FIRST TLP 2.0), by the envelope's TlpLevel number. */
const TLP_NAMES: Readonly<Record<number, string>> = {
  0: 'TLP: unspecified',
  1: 'TLP:CLEAR',
  2: 'TLP:GREEN',
  3: 'TLP:AMBER',
  4: 'TLP:AMBER+STRICT',
  5: 'TLP:RED',
};

/** Whether a number is one of the envelope's Urgency values. */
function isUrgency(n: number): n is 0 | 1 | 2 | 3 {
  return n === 0 || n === 1 || n === 2 || n === 3;
}

function Fact({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function When({ iso }: { iso: string | null }) {
  const { t } = useI18n();
  return iso === null ? <>{t('detail.none')}</> : <LocalTime iso={iso} />;
}

function HeaderFacts({ m }: { m: MessageDetailJson }) {
  const { t, number } = useI18n();
  return (
    <section aria-labelledby="detail-header">
      <h2 id="detail-header">{t('detail.header')}</h2>
      <dl class="facts" data-testid="message-header">
        <Fact label={t('detail.sender')}>{m.sender}</Fact>
        <Fact label={t('detail.payloadType')}>{m.payloadType}</Fact>
        <Fact label={t('detail.traffic')}>{m.exercise ? t('detail.exercise') : t('detail.operational')}</Fact>
        <Fact label={t('detail.createdAt')}>
          <LocalTime iso={m.createdAt} />
        </Fact>
        <Fact label={t('detail.archivedAt')}>
          <LocalTime iso={m.archivedAt} />
        </Fact>
        <Fact label={t('detail.senderSequence')}>{m.senderSequence}</Fact>
        <Fact label={t('detail.correlationId')}>{m.correlationId ?? t('detail.none')}</Fact>
        <Fact label={t('detail.inReplyTo')}>
          {m.inReplyTo === null ? t('detail.none') : <a href={routeHref('messages', [m.inReplyTo])}>{m.inReplyTo}</a>}
        </Fact>
        <Fact label={t('detail.kid')}>
          <code class="hash">{m.kid}</code>
        </Fact>
        <Fact label={t('detail.size')}>{t('detail.bytes', { count: number(m.size) })}</Fact>
        <Fact label={t('detail.envelopeSha256')}>
          <code class="hash">{m.envelopeSha256}</code>
        </Fact>
        <Fact label={t('detail.leafIndex')}>{m.leafIndex ?? t('detail.none')}</Fact>
      </dl>
    </section>
  );
}

function HandlingFacts({ m }: { m: MessageDetailJson }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="detail-handling">
      <h2 id="detail-handling">{t('detail.handling')}</h2>
      <dl class="facts">
        <Fact label={t('detail.tlp')}>{TLP_NAMES[m.tlp] ?? String(m.tlp)}</Fact>
        <Fact label={t('detail.urgency')}>
          {isUrgency(m.urgency) ? t(`detail.urgency.${m.urgency}`) : String(m.urgency)}
        </Fact>
        <Fact label={t('detail.broadcast')}>{m.broadcast ? t('detail.yes') : t('detail.no')}</Fact>
        <Fact label={t('detail.reviewBy')}>
          {typeof m.reviewBy === 'number' ? <LocalTime iso={new Date(m.reviewBy).toISOString()} /> : t('detail.none')}
        </Fact>
        <Fact label={t('detail.payloadErasedAt')}>
          <When iso={m.payloadErasedAt} />
        </Fact>
      </dl>
    </section>
  );
}

function Deliveries({ m }: { m: MessageDetailJson }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="detail-deliveries">
      <h2 id="detail-deliveries">{t('detail.deliveries')}</h2>
      {m.deliveries.length === 0 ? (
        <p>{t('detail.noDeliveries')}</p>
      ) : (
        <div class="table-scroll">
          <table data-testid="deliveries">
            <thead>
              <tr>
                <th scope="col">{t('detail.recipient')}</th>
                <th scope="col">{t('detail.state')}</th>
                <th scope="col">{t('detail.routedAt')}</th>
                <th scope="col">{t('detail.deliveredAt')}</th>
                <th scope="col">{t('detail.ackMessageId')}</th>
              </tr>
            </thead>
            <tbody>
              {m.deliveries.map((d) => (
                <tr key={d.recipient}>
                  <th scope="row">{d.recipient}</th>
                  <td>{d.state}</td>
                  <td>
                    <When iso={d.routedAt} />
                  </td>
                  <td>
                    <When iso={d.deliveredAt} />
                  </td>
                  <td>{d.ackMessageId ?? t('detail.none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Receipts({ m }: { m: MessageDetailJson }) {
  const { t } = useI18n();
  const groups = useMemo(() => receiptsByRecipient(m.receipts), [m.receipts]);
  return (
    <section aria-labelledby="detail-receipts">
      <h2 id="detail-receipts">{t('detail.receipts')}</h2>
      {groups.length === 0 && <p>{t('detail.noReceipts')}</p>}
      {groups.map(([recipient, receipts]) => (
        <div key={recipient ?? ''} class="timeline" data-testid={`receipts-${recipient ?? 'archive'}`}>
          <h3>{recipient === null ? t('detail.receiptsArchive') : t('detail.receiptsOf', { recipient })}</h3>
          <ol>
            {receipts.map((r) => (
              <li key={r.receiptId}>
                <LocalTime iso={r.createdAt} /> <strong>{r.status}</strong>{' '}
                {t('detail.receiptTo', { member: r.member })}
                {r.reason !== null && <> · {r.reason}</>}
              </li>
            ))}
          </ol>
        </div>
      ))}
    </section>
  );
}

/**
 * A message (#/messages/<id>): header and handling, deliveries, receipts per recipient, and
 * its inclusion in the log verified in this browser against the key pinned at sign-in.
 */
export function MessageDetailPage({ route, client, session, onSessionLost }: PageProps) {
  const { t } = useI18n();
  const id = route.path[0] ?? '';
  const [load, setLoad] = useState<Load>({ step: 'loading' });
  const pinned = useMemo(() => ({ jwk: session.gatewayKey, origin: session.logOrigin }), [session]);

  useEffect(() => {
    let live = true;
    setLoad({ step: 'loading' });
    client.request('GET', `/v1/messages/${encodeURIComponent(id)}`).then(
      (body) => {
        if (live) setLoad({ step: 'loaded', message: body as MessageDetailJson });
      },
      (e: unknown) => {
        if (!live) return;
        if (e instanceof ApiError && e.status === 401) onSessionLost();
        const error =
          e instanceof ApiError && e.status === 0
            ? t('error.network')
            : e instanceof ApiError && e.problem?.code !== undefined
              ? `${e.problem.code}: ${e.message}`
              : String(e);
        setLoad({ step: 'failed', error });
      },
    );
    return () => {
      live = false;
    };
    // The message is loaded again only when the id changes, not with the language.
  }, [client, id, onSessionLost]);

  return (
    <section class="message-detail" aria-labelledby="page-title">
      <p>
        <a href={routeHref('messages')}>{t('detail.back')}</a>
      </p>
      <h1 id="page-title">{t('detail.title', { id })}</h1>
      {load.step === 'loading' && <p class="status">{t('detail.loading')}</p>}
      {load.step === 'failed' && (
        <p class="refusal" role="alert">
          {load.error}
        </p>
      )}
      {load.step === 'loaded' && (
        <>
          <div class="detail-grid">
            <HeaderFacts m={load.message} />
            <HandlingFacts m={load.message} />
          </div>
          <Deliveries m={load.message} />
          <Receipts m={load.message} />
          {load.message.leafIndex === null ? (
            <p>{t('proof.notInLog')}</p>
          ) : (
            <InclusionProofView
              client={client}
              pinned={pinned}
              messageId={id}
              leafIndex={load.message.leafIndex}
              envelopeSha256={load.message.envelopeSha256}
              mayReadContent={CONTENT_ROLES.has(session.role)}
            />
          )}
        </>
      )}
    </section>
  );
}
