import { useRef, useState } from 'preact/hooks';
import type { PageProps } from '../app';
import { useApiResource } from '../api/use-api-resource';
import { LocalTime } from '../components/local-time';
import { keysetLinks, Pager } from '../components/pager';
import { ProblemAlert } from '../components/problem-alert';
import { useFocusAfterLoad } from '../components/use-focus-after-load';
import { useI18n, type I18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/en';
import { parseMessagePage, type MessageRow } from '../messages/message-row';
import {
  filtersOf,
  isoOfLocalInput,
  listKeyOf,
  localInputOf,
  MESSAGE_STATES,
  searchPath,
  SEARCH_FILTERS,
  type SearchFilter,
} from '../messages/search-query';
import { navigate, routeHref } from '../router';

type Filters = Partial<Record<SearchFilter, string>>;

const hrefOf = (filters: Filters, cursor?: string): string => routeHref('messages', [], { ...filters, cursor });
const stateKey = (state: (typeof MESSAGE_STATES)[number]): MessageKey => `messageSearch.state.${state}`;

/** A delivery state in the operator's language (as the API spells it when the console does not know it). */
function stateText(t: I18n['t'], state: string): string {
  const known = MESSAGE_STATES.find((s) => s === state);
  return known === undefined ? state : t(stateKey(known));
}

/** The filter form: its fields start from the URL and a search puts them back into it (a new history entry). */
function SearchForm({ filters }: { filters: Filters }) {
  const { t } = useI18n();
  const [timeError, setTimeError] = useState(false);
  const submit = (event: Event): void => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const next: Filters = {};
    let unreadable = false;
    for (const name of SEARCH_FILTERS) {
      const field = data.get(name);
      const raw = typeof field === 'string' ? field.trim() : '';
      if (raw === '') continue;
      if (name === 'from' || name === 'to') {
        const iso = isoOfLocalInput(raw);
        if (iso === undefined) unreadable = true;
        else next[name] = iso;
      } else if (name === 'sender' || name === 'recipient') {
        next[name] = raw.toUpperCase();
      } else if (!(name === 'exercise' && raw === 'false')) {
        next[name] = raw;
      }
    }
    setTimeError(unreadable);
    if (!unreadable) navigate(hrefOf(next));
  };
  const text = (name: 'messageId' | 'sender' | 'recipient' | 'payloadType', size: number, hint?: string) => (
    <label class="field">
      <span>{t(`messageSearch.${name}`)}</span>
      <input
        name={name}
        size={size}
        defaultValue={filters[name] ?? ''}
        spellcheck={false}
        autoComplete="off"
        placeholder={hint}
      />
    </label>
  );
  return (
    <form class="filters" role="search" aria-label={t('messageSearch.filters')} onSubmit={submit}>
      {text('messageId', 36)}
      {text('sender', 6, 'KZ')}
      {text('recipient', 6, 'BY')}
      {text('payloadType', 22, 'atc.v1.PersonRecord')}
      <label class="field">
        <span>{t('messageSearch.status')}</span>
        <select name="status" defaultValue={filters.status ?? ''}>
          <option value="">{t('messageSearch.statusAny')}</option>
          {MESSAGE_STATES.map((s) => (
            <option key={s} value={s}>
              {t(stateKey(s))}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span>{t('messageSearch.from')}</span>
        <input name="from" type="datetime-local" step={1} defaultValue={localInputOf(filters.from)} />
      </label>
      <label class="field">
        <span>{t('messageSearch.to')}</span>
        <input name="to" type="datetime-local" step={1} defaultValue={localInputOf(filters.to)} />
      </label>
      <label class="field">
        <span>{t('messageSearch.namespace')}</span>
        <select name="exercise" defaultValue={filters.exercise === 'true' ? 'true' : 'false'}>
          <option value="false">{t('messageSearch.operational')}</option>
          <option value="true">{t('messageSearch.exercise')}</option>
        </select>
      </label>
      <div class="actions">
        <button type="submit" class="primary">
          {t('messageSearch.search')}
        </button>
        <a href={routeHref('messages')}>{t('messageSearch.clear')}</a>
      </div>
      {timeError && (
        <p class="refusal" role="alert">
          {t('messageSearch.invalidTime')}
        </p>
      )}
    </form>
  );
}

function Recipients({ row }: { row: MessageRow }) {
  const { t } = useI18n();
  return (
    <ul class="copies">
      {row.recipients.map((r) => (
        <li key={r.recipient} class={`state-${r.state}`}>
          {r.recipient} <span class="state">{stateText(t, r.state)}</span>
        </li>
      ))}
    </ul>
  );
}

function ResultTable({ rows }: { rows: readonly MessageRow[] }) {
  const { t, number } = useI18n();
  return (
    <div class="table-scroll">
      <table class="results" data-testid="message-results">
        <caption>{t('messageSearch.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('messageSearch.archivedAt')}</th>
            <th scope="col">{t('messageSearch.messageId')}</th>
            <th scope="col">{t('messageSearch.sender')}</th>
            <th scope="col">{t('messageSearch.recipients')}</th>
            <th scope="col">{t('messageSearch.payloadType')}</th>
            <th scope="col">{t('messageSearch.status')}</th>
            <th scope="col">{t('messageSearch.size')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.messageId} data-message-id={row.messageId}>
              <td>
                <LocalTime iso={row.archivedAt} />
              </td>
              <th scope="row">
                <a href={routeHref('messages', [row.messageId])}>
                  <code>{row.messageId}</code>
                </a>
              </th>
              <td data-col="sender">{row.sender}</td>
              <td>
                <Recipients row={row} />
              </td>
              <td>
                <code>{row.payloadType}</code>
              </td>
              <td data-col="status" data-status={row.status}>
                {stateText(t, row.status)}
              </td>
              <td>{t('messageSearch.bytes', { size: number(row.size) })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The message search (#/messages?sender=KZ&status=routed&cursor=...): filters in the URL, so a
 * search can be bookmarked and the back button returns to the previous page of results; pages
 * by the API's cursor, and a note with a way on when a page stopped at the scan budget.
 */
export function MessagesPage({ route, client, onSessionLost }: PageProps) {
  const { t, number } = useI18n();
  const filters = filtersOf(route.query);
  const cursor = route.query.get('cursor') ?? undefined;
  const list = listKeyOf(filters);
  const { resource } = useApiResource(client, searchPath(filters, cursor), parseMessagePage, onSessionLost);
  const status = useRef<HTMLParagraphElement>(null);
  useFocusAfterLoad(status, resource.state === 'loaded' ? `${list}\n${cursor ?? ''}` : undefined);
  const pagerTexts = {
    label: t('messageSearch.pages'),
    first: t('messageSearch.first'),
    newer: t('messageSearch.newer'),
    older: t('messageSearch.older'),
  };
  return (
    <section class="message-search" aria-labelledby="page-title">
      <div class="page-head">
        <h1 id="page-title">{t('messageSearch.title')}</h1>
        <p>{t('messageSearch.intro')}</p>
      </div>
      <SearchForm key={list} filters={filters} />
      {resource.state === 'loading' && (
        <p class="status" role="status">
          {t('messageSearch.loading')}
        </p>
      )}
      {resource.state === 'failed' && <ProblemAlert title={t('messageSearch.refused')} error={resource.error} />}
      {resource.state === 'loaded' &&
        (() => {
          const page = resource.data;
          const links = keysetLinks(list, cursor, page.nextCursor, (c) => hrefOf(filters, c));
          return (
            <div data-testid="message-page" data-filters={list} data-cursor={cursor ?? ''}>
              <div class="result-head">
                <p class="status" role="status" tabIndex={-1} ref={status}>
                  {page.items.length > 0
                    ? t('messageSearch.shown', { count: number(page.items.length) })
                    : t(
                        page.partial
                          ? 'messageSearch.noneYet'
                          : cursor === undefined
                            ? 'messageSearch.empty'
                            : 'messageSearch.emptyHere',
                      )}
                </p>
                {page.items.length > 0 && <Pager links={links} texts={pagerTexts} testId="message-pager-top" />}
              </div>
              {page.partial && (
                <p class="notice" data-testid="partial-note">
                  {t('messageSearch.partial', { examined: number(page.examined) })}{' '}
                  {links.older !== undefined && (
                    <a href={links.older} onClick={links.onOlder} data-page="further">
                      {t('messageSearch.searchFurther')}
                    </a>
                  )}
                </p>
              )}
              {page.items.length > 0 && <ResultTable rows={page.items} />}
              <Pager links={links} texts={pagerTexts} testId="message-pager" />
            </div>
          );
        })()}
    </section>
  );
}
