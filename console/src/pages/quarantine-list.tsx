import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type ApiClient } from '../api/client';
import { quarantinePath, type Namespace, type QuarantineItemJson, type QuarantinePageJson } from '../api/refusals-api';
import { LocalTime } from '../components/local-time';
import { ProblemNotice } from '../components/problem-notice';
import { useI18n } from '../i18n/i18n';

function QuarantineRow({ item }: { item: QuarantineItemJson }) {
  const { t, number } = useI18n();
  return (
    <tr data-quarantine={item.id} data-message-id={item.messageId ?? ''} class={item.security ? 'security' : undefined}>
      <td>
        <LocalTime iso={item.receivedAt} />
      </td>
      <td class="text">{item.transportSender ?? t('refusalPage.nobody')}</td>
      <td class="text">{item.claimedSender ?? t('refusalPage.nobody')}</td>
      <td class="text">
        <code>{item.messageId ?? t('refusalPage.nobody')}</code>
      </td>
      <td class="text">
        {item.security && <strong class="security-badge">{t('refusalPage.security')}</strong>} {item.detail}
      </td>
      <td class="text">
        {item.exercise === null
          ? t('refusalPage.unknownNs')
          : t(item.exercise ? 'refusalPage.ns.exercise' : 'refusalPage.ns.operational')}
      </td>
      <td>{number(item.size)}</td>
      <td class="text">
        <code title={item.envelopeSha256}>{item.envelopeSha256.slice(0, 16)}…</code>
      </td>
    </tr>
  );
}

/**
 * The quarantined submissions refused with `code` in a namespace, newest first, page by page
 * (`GET /v1/quarantine`, keyset cursor). Metadata only: the gateway never sends the bytes.
 */
export function QuarantineList({
  client,
  code,
  ns,
  onSessionLost,
  closeHref,
}: {
  client: ApiClient;
  code: string;
  ns: Namespace;
  onSessionLost: () => void;
  closeHref: string;
}) {
  const { t } = useI18n();
  const [items, setItems] = useState<QuarantineItemJson[] | undefined>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | undefined>();
  const heading = useRef<HTMLHeadingElement>(null);
  const generation = useRef(0);

  const load = async (after: string | undefined): Promise<void> => {
    const mine = generation.current;
    try {
      const page = (await client.request('GET', quarantinePath(code, ns, after))) as QuarantinePageJson;
      if (mine !== generation.current) return;
      setItems((before) => [...(after === undefined ? [] : (before ?? [])), ...page.items]);
      setCursor(page.nextCursor);
      setError(undefined);
    } catch (e: unknown) {
      if (mine !== generation.current) return;
      if (e instanceof ApiError && e.status === 401) onSessionLost();
      else setError(e instanceof ApiError ? e : new ApiError(0, undefined));
    }
  };

  useEffect(() => {
    generation.current += 1;
    setItems(undefined);
    setCursor(null);
    void load(undefined);
    // Opened from the keyboard: continue at the list, not at the link left behind.
    heading.current?.focus();
  }, [code, ns]);

  return (
    <section class="quarantine" aria-labelledby="quarantine-title" data-testid="quarantine">
      <div class="page-head">
        <h2 id="quarantine-title" tabIndex={-1} ref={heading}>
          {t('refusalPage.drill', { code })}
        </h2>
        <a href={closeHref}>{t('refusalPage.close')}</a>
      </div>
      {error !== undefined && <ProblemNotice error={error} />}
      {items === undefined && error === undefined && <p class="status">{t('refusalPage.loading')}</p>}
      {items !== undefined && items.length === 0 && <p class="empty">{t('refusalPage.empty')}</p>}
      {items !== undefined && items.length > 0 && (
        <div class="table-scroll">
          <table class="quarantine-table">
            <thead>
              <tr>
                <th scope="col">{t('refusalPage.received')}</th>
                <th scope="col">{t('refusalPage.transportSender')}</th>
                <th scope="col">{t('refusalPage.claimedSender')}</th>
                <th scope="col">{t('refusalPage.messageId')}</th>
                <th scope="col">{t('refusalPage.detail')}</th>
                <th scope="col">{t('refusalPage.namespaceCol')}</th>
                <th scope="col">{t('refusalPage.size')}</th>
                <th scope="col">{t('refusalPage.sha256')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <QuarantineRow key={item.id} item={item} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {cursor !== null && (
        <button type="button" onClick={() => void load(cursor)}>
          {t('refusalPage.more')}
        </button>
      )}
    </section>
  );
}
