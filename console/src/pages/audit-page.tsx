import { useRef } from 'preact/hooks';
import type { PageProps } from '../app';
import { useApiResource } from '../api/use-api-resource';
import { AUDIT_FILTERS, AUDIT_PAGE_SIZE, parseAuditPage, parseVerification, type AuditRow } from '../audit/audit-json';
import { pageVisible } from '../components/header';
import { LocalTime } from '../components/local-time';
import { keysetLinks, Pager } from '../components/pager';
import { ProblemAlert } from '../components/problem-alert';
import { useFocusAfterLoad } from '../components/use-focus-after-load';
import { useI18n } from '../i18n/i18n';
import { navigate, routeHref } from '../router';

type Filters = Partial<Record<(typeof AUDIT_FILTERS)[number], string>>;

const hrefOf = (filters: Filters, cursor?: string): string => routeHref('audit', [], { ...filters, cursor });

function filtersOf(query: URLSearchParams): Filters {
  const filters: Filters = {};
  for (const name of AUDIT_FILTERS) {
    const value = query.get(name)?.trim();
    if (value !== undefined && value !== '') filters[name] = value;
  }
  return filters;
}

function apiPath(filters: Filters, cursor: string | undefined): string {
  const params = new URLSearchParams({ ...filters, limit: String(AUDIT_PAGE_SIZE) });
  if (cursor !== undefined) params.set('cursor', cursor);
  return `/v1/audit?${params.toString()}`;
}

/** The state of the log's hash chain, checked when the page opens and again on request. */
function ChainState({ client, onSessionLost }: Pick<PageProps, 'client' | 'onSessionLost'>) {
  const { t, number } = useI18n();
  const { resource, reload } = useApiResource(client, '/v1/audit/verify', parseVerification, onSessionLost);
  return (
    <section class="chain" aria-labelledby="chain-title" data-testid="audit-chain">
      <h2 id="chain-title">{t('audit.chain')}</h2>
      {resource.state === 'loading' && <p role="status">{t('audit.verifying')}</p>}
      {resource.state === 'failed' && <ProblemAlert title={t('audit.refused')} error={resource.error} />}
      {resource.state === 'loaded' && (
        <p
          class={resource.data.ok ? 'chain-ok' : 'refusal'}
          role={resource.data.ok ? 'status' : 'alert'}
          data-ok={String(resource.data.ok)}
        >
          {resource.data.ok
            ? t('audit.chainOk', { rows: number(resource.data.rows), head: (resource.data.head ?? '').slice(0, 16) })
            : t('audit.chainBroken', { id: resource.data.brokenId ?? '?', problem: resource.data.problem ?? '' })}{' '}
          <span class="checked">
            {t('audit.checkedAt')} <LocalTime iso={resource.data.checkedAt} />
          </span>
        </p>
      )}
      <button type="button" onClick={reload} disabled={resource.state === 'loading'}>
        {t('audit.verify')}
      </button>
    </section>
  );
}

function AuditFilterForm({ filters }: { filters: Filters }) {
  const { t } = useI18n();
  const submit = (event: Event): void => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const next: Filters = {};
    for (const name of AUDIT_FILTERS) {
      const field = data.get(name);
      const value = typeof field === 'string' ? field.trim() : '';
      if (value !== '') next[name] = value;
    }
    navigate(hrefOf(next));
  };
  return (
    <form class="filters" role="search" aria-label={t('audit.filters')} onSubmit={submit}>
      <label class="field">
        <span>{t('audit.action')}</span>
        <input name="action" size={20} defaultValue={filters.action ?? ''} placeholder="databank.read" />
      </label>
      <label class="field">
        <span>{t('audit.subject')}</span>
        <input name="subject" size={28} defaultValue={filters.subject ?? ''} placeholder="record:KZ/KZ-P-1" />
      </label>
      <div class="actions">
        <button type="submit" class="primary">
          {t('audit.search')}
        </button>
        <a href={routeHref('audit')}>{t('audit.clear')}</a>
      </div>
    </form>
  );
}

function AuditTable({ rows }: { rows: readonly AuditRow[] }) {
  const { t } = useI18n();
  return (
    <div class="table-scroll">
      <table class="results audit-log" data-testid="audit-results">
        <caption>{t('audit.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.at')}</th>
            <th scope="col">{t('audit.actor')}</th>
            <th scope="col">{t('audit.role')}</th>
            <th scope="col">{t('audit.what')}</th>
            <th scope="col">{t('audit.purpose')}</th>
            <th scope="col">{t('audit.details')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-audit-id={row.id} data-action={row.action}>
              <td>
                <LocalTime iso={row.at} />
              </td>
              <th scope="row" data-col="actor">
                {row.actor}
              </th>
              <td data-col="role">{row.role ?? t('audit.noRole')}</td>
              <td data-col="what">
                <code>{row.action}</code> {row.subject}
              </td>
              <td data-col="purpose">{row.reason}</td>
              <td>
                {Object.keys(row.details).length > 0 && <code class="details">{JSON.stringify(row.details)}</code>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The audit log for auditors and administrators (#/audit?action=...&subject=...&cursor=...):
 * who did or read what, in which role, when and why, in pages; and whether its hash chain
 * holds. Anyone else gets the gateway's refusal as a plain "not permitted".
 */
export function AuditPage({ route, client, session, onSessionLost }: PageProps) {
  const { t } = useI18n();
  const filters = filtersOf(route.query);
  const cursor = route.query.get('cursor') ?? undefined;
  const list = new URLSearchParams(filters).toString();
  const { resource } = useApiResource(client, apiPath(filters, cursor), parseAuditPage, onSessionLost);
  const results = useRef<HTMLDivElement>(null);
  useFocusAfterLoad(results, resource.state === 'loaded' ? `${list}\n${cursor ?? ''}` : undefined);
  const forbidden = resource.state === 'failed' && resource.error.status === 403;
  return (
    <section class="audit" aria-labelledby="page-title">
      <div class="page-head">
        <h1 id="page-title">{t('audit.title')}</h1>
        <p>{t('audit.intro')}</p>
      </div>
      {forbidden ? (
        <div class="refusal" role="alert" data-testid="audit-forbidden">
          <strong>{t('audit.forbidden')}</strong>
          <p>{t('audit.forbiddenText', { role: session.role })}</p>
          {resource.error.problem?.code !== undefined && <code>{resource.error.problem.code}</code>}
        </div>
      ) : (
        <>
          {/* The role only spares a request bound to be refused: the gateway decides. */}
          {pageVisible('audit', session.role) && <ChainState client={client} onSessionLost={onSessionLost} />}
          <AuditFilterForm key={list} filters={filters} />
          {resource.state === 'loading' && <p role="status">{t('audit.loading')}</p>}
          {resource.state === 'failed' && <ProblemAlert title={t('audit.refused')} error={resource.error} />}
          {resource.state === 'loaded' && (
            <div data-testid="audit-page" data-filters={list} data-cursor={cursor ?? ''} tabIndex={-1} ref={results}>
              {resource.data.items.length === 0 ? (
                <p class="status">{t('audit.empty')}</p>
              ) : (
                <AuditTable rows={resource.data.items} />
              )}
              <Pager
                links={keysetLinks(list, cursor, resource.data.nextCursor, (c) => hrefOf(filters, c))}
                texts={{
                  label: t('audit.pages'),
                  first: t('audit.first'),
                  newer: t('audit.newer'),
                  older: t('audit.older'),
                }}
                testId="audit-pager"
              />
            </div>
          )}
        </>
      )}
    </section>
  );
}
