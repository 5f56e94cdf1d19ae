import { useI18n } from '../../i18n/i18n';
import type { BankViewProps } from './databank-page';
import { ListFooter, ProblemAlert } from './problem-alert';
import { useBankList } from './use-bank-list';

/** What the bank could not apply cleanly: conflicting versions, and flagged archive entries. */
export function ChecksView({ api, exercise, onSessionLost }: BankViewProps) {
  const { t } = useI18n();
  const conflicts = useBankList(String(exercise), (cursor) => api.conflicts(exercise, cursor), onSessionLost);
  const flags = useBankList(String(exercise), (cursor) => api.flags(exercise, cursor), onSessionLost);
  return (
    <section aria-labelledby="checks-title">
      <h2 id="checks-title">{t('databank.tab.checks')}</h2>
      <h3>{t('checks.conflicts')}</h3>
      <ProblemAlert error={conflicts.error} />
      {!conflicts.loading && conflicts.items.length === 0 && <p class="empty">{t('databank.none')}</p>}
      {conflicts.items.length > 0 && (
        <div class="table-scroll">
          <table data-testid="conflicts">
            <thead>
              <tr>
                <th scope="col">{t('checks.record')}</th>
                <th scope="col">{t('checks.version')}</th>
                <th scope="col">{t('checks.current')}</th>
                <th scope="col">{t('checks.other')}</th>
                <th scope="col">{t('checks.leaf')}</th>
              </tr>
            </thead>
            <tbody>
              {conflicts.items.map((c) => (
                <tr key={c.otherMessageId}>
                  <th scope="row">
                    {c.originator} / {c.recordId}
                  </th>
                  <td>{c.version}</td>
                  <td>
                    <code>{c.currentMessageId}</code>
                  </td>
                  <td>
                    <code>{c.otherMessageId}</code>
                  </td>
                  <td>{c.leafIndex}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ListFooter more={conflicts.more} loading={conflicts.loading} onMore={conflicts.loadMore} />
      <h3>{t('checks.flags')}</h3>
      <ProblemAlert error={flags.error} />
      {!flags.loading && flags.items.length === 0 && <p class="empty">{t('databank.none')}</p>}
      {flags.items.length > 0 && (
        <div class="table-scroll">
          <table data-testid="flags">
            <thead>
              <tr>
                <th scope="col">{t('checks.code')}</th>
                <th scope="col">{t('checks.message')}</th>
                <th scope="col">{t('checks.leaf')}</th>
                <th scope="col">{t('checks.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {flags.items.map((f) => (
                <tr key={`${f.leafIndex}:${f.messageId}`}>
                  <th scope="row">
                    <code>{f.code}</code>
                  </th>
                  <td>
                    <code>{f.messageId}</code>
                  </td>
                  <td>{f.leafIndex}</td>
                  <td>{f.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ListFooter more={flags.more} loading={flags.loading} onMore={flags.loadMore} />
    </section>
  );
}
