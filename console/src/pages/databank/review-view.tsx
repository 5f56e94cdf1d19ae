import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import type { ReviewDue } from '../../api/databank';
import { LocalTime } from '../../components/local-time';
import { useI18n } from '../../i18n/i18n';
import { navigate, routeHref } from '../../router';
import type { BankViewProps } from './databank-page';
import { ProblemAlert } from './problem-alert';

/** Records whose review date is within a window or already past, per originator. */
export function ReviewView({ api, exercise, route, onSessionLost }: BankViewProps) {
  const { t } = useI18n();
  const withinDays = route.query.get('withinDays') ?? '30';
  const [draft, setDraft] = useState(withinDays);
  const [due, setDue] = useState<ReviewDue | undefined>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    let live = true;
    setDraft(withinDays);
    setDue(undefined);
    api.review(exercise, withinDays).then(
      (answer) => {
        if (!live) return;
        setDue(answer);
        setError(undefined);
      },
      (e: unknown) => {
        if (!live) return;
        if (e instanceof ApiError && e.status === 401) onSessionLost();
        setError(e);
      },
    );
    return () => {
      live = false;
    };
  }, [api, exercise, withinDays, onSessionLost]);

  return (
    <section aria-labelledby="review-title">
      <h2 id="review-title">{t('databank.tab.review')}</h2>
      <form
        class="bank-filter"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(
            routeHref('databank', ['review'], { withinDays: draft.trim(), exercise: exercise ? 'true' : undefined }),
          );
        }}
      >
        <label>
          {t('review.withinDays')}
          <input
            name="withinDays"
            inputMode="numeric"
            size={6}
            value={draft}
            onInput={(e) => {
              setDraft(e.currentTarget.value);
            }}
          />
        </label>
        <button type="submit">{t('databank.apply')}</button>
      </form>
      <ProblemAlert error={error} />
      {due === undefined && error === undefined && <p class="status">{t('databank.loading')}</p>}
      {due?.originators.length === 0 && <p class="empty">{t('databank.none')}</p>}
      {due?.truncated === true && <p class="notice">{t('review.truncated')}</p>}
      {due?.originators.map((o) => (
        <div class="table-scroll" key={o.originator}>
          <table data-originator={o.originator}>
            <caption>
              {t('review.caption', { originator: o.originator, dueSoon: o.dueSoon, pastDue: o.pastDue })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('review.record')}</th>
                <th scope="col">{t('review.version')}</th>
                <th scope="col">{t('review.reviewBy')}</th>
                <th scope="col">{t('review.state')}</th>
                <th scope="col">{t('review.notice')}</th>
              </tr>
            </thead>
            <tbody>
              {o.records.map((r) => (
                <tr key={r.recordId}>
                  <th scope="row">
                    {r.recordId} <span class="empty">{r.recordType}</span>
                  </th>
                  <td>{r.version}</td>
                  <td>
                    <LocalTime iso={r.reviewBy} />
                  </td>
                  <td class={r.pastDue ? 'badge-bad' : undefined}>
                    {r.pastDue ? t('review.pastDue') : t('review.dueSoon')}
                  </td>
                  <td>{r.noticeMessageId === null ? t('review.no') : t('review.yes')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}
