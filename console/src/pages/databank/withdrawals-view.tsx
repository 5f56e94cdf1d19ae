import type { PurgeState } from '../../api/databank';
import { LocalTime } from '../../components/local-time';
import { useI18n } from '../../i18n/i18n';
import { navigate, routeHref } from '../../router';
import type { BankViewProps } from './databank-page';
import { ListFooter, ProblemAlert } from './problem-alert';
import { useBankList } from './use-bank-list';

function Purge({ p }: { p: PurgeState }) {
  const { t, number } = useI18n();
  return (
    <li data-member={p.member} data-state={p.state}>
      <strong>{p.member}</strong>: {t(`withdrawals.state.${p.state}`)}
      {p.erasedAt !== null && (
        <>
          {' '}
          (<LocalTime iso={p.erasedAt} />
          {p.erasedCount !== null && `, ${t('withdrawals.erased', { count: number(p.erasedCount) })}`})
        </>
      )}
      {p.overdue && <span class="badge-bad"> {t('withdrawals.overdue')}</span>}
    </li>
  );
}

/** Withdrawals, newest first, with every member's purge state; optionally only the overdue ones. */
export function WithdrawalsView({ api, exercise, route, onSessionLost }: BankViewProps) {
  const { t } = useI18n();
  const overdue = route.query.get('overdue') === 'true';
  const list = useBankList(
    `${exercise}:${overdue}`,
    (cursor) => api.withdrawals(exercise, overdue, cursor),
    onSessionLost,
  );
  return (
    <section aria-labelledby="withdrawals-title">
      <h2 id="withdrawals-title">{t('databank.tab.withdrawals')}</h2>
      <label class="bank-filter">
        <span>
          <input
            type="checkbox"
            checked={overdue}
            onChange={(e) => {
              navigate(
                routeHref('databank', ['withdrawals'], {
                  overdue: e.currentTarget.checked ? 'true' : undefined,
                  exercise: exercise ? 'true' : undefined,
                }),
                true,
              );
            }}
          />{' '}
          {t('withdrawals.overdueOnly')}
        </span>
      </label>
      <ProblemAlert error={list.error} />
      {!list.loading && list.error === undefined && list.items.length === 0 && (
        <p class="empty">{t('databank.none')}</p>
      )}
      {list.items.length > 0 && (
        <div class="table-scroll">
          <table data-testid="withdrawals">
            <caption>{t('withdrawals.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('withdrawals.archived')}</th>
                <th scope="col">{t('withdrawals.record')}</th>
                <th scope="col">{t('withdrawals.reason')}</th>
                <th scope="col">{t('withdrawals.purge')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((w) => (
                <tr key={w.messageId} data-withdrawal={w.messageId}>
                  <th scope="row">
                    <LocalTime iso={w.archivedAt} />
                    {w.overdue && <span class="badge-bad"> {t('withdrawals.overdue')}</span>}
                  </th>
                  <td>
                    {w.originator} / {w.recordId}
                  </td>
                  <td>{w.reason}</td>
                  <td>
                    <ul class="plain">
                      {w.members.map((p) => (
                        <Purge key={p.member} p={p} />
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ListFooter more={list.more} loading={list.loading} onMore={list.loadMore} />
    </section>
  );
}
