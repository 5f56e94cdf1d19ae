import { matrixOf, type TrafficStats } from '../flow/flow-model';
import { useI18n } from '../i18n/i18n';

/** Sender x recipient counts, rates and deliveries of one kind of traffic, as a table. */
export function FlowMatrix({ traffic, title, id }: { traffic: TrafficStats; title: string; id: string }) {
  const { t, number, rate } = useI18n();
  const matrix = matrixOf(traffic.flows);
  if (matrix.senders.length === 0) {
    return (
      <p class="empty" data-testid={`${id}-empty`}>
        {t('overview.noFlows')}
      </p>
    );
  }
  return (
    <div class="table-scroll">
      <table class="matrix" data-testid={id}>
        <caption>{t('matrix.caption', { traffic: title })}</caption>
        <thead>
          <tr>
            <th scope="col">
              {t('matrix.sender')} \ {t('matrix.recipient')}
            </th>
            {matrix.recipients.map((r) => (
              <th scope="col" key={r}>
                {r}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.senders.map((s) => (
            <tr key={s}>
              <th scope="row">{s}</th>
              {matrix.recipients.map((r) => {
                const cell = matrix.cell(s, r);
                if (cell === undefined) {
                  return <td key={r} class="zero" data-cell={`${s}>${r}`} />;
                }
                const label = t('matrix.cell', {
                  count: number(cell.count),
                  delivered: number(cell.delivered),
                  rate: rate(cell.rate),
                });
                return (
                  <td key={r} data-cell={`${s}>${r}`} data-count={cell.count} title={label}>
                    <span class="count">{number(cell.count)}</span>
                    <span class="detail">
                      {number(cell.delivered)} ✓ · {rate(cell.rate)}/s
                    </span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
