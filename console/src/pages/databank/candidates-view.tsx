import { useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import type { Candidate, DecisionOutcome } from '../../api/databank';
import { LocalTime } from '../../components/local-time';
import { useI18n } from '../../i18n/i18n';
import { routeHref } from '../../router';
import type { BankViewProps } from './databank-page';
import { ListFooter, ProblemAlert } from './problem-alert';
import { useBankList } from './use-bank-list';

const STATUSES = ['open', 'confirmed', 'rejected', 'closed'] as const;
type Status = (typeof STATUSES)[number];
type Action = 'confirm' | 'reject' | 'revert';

/** A reason field and the buttons of the decisions an operator may take on one candidate. */
function DecideForm({
  candidate,
  busy,
  onDecide,
}: {
  candidate: Candidate;
  busy: boolean;
  onDecide: (action: Action, reason: string) => void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const revertable = candidate.decision !== null && !candidate.decision.reverted;
  const actions: readonly Action[] = candidate.status === 'open' ? ['confirm', 'reject'] : revertable ? ['revert'] : [];
  if (actions.length === 0) return null;
  const id = `reason-${candidate.candidateId}`;
  const submit = (action: Action) => {
    if (reason.trim() === '') {
      setMissing(true);
      return;
    }
    setMissing(false);
    onDecide(action, reason.trim());
  };
  return (
    <div class="decide">
      <label for={id} class="visually-hidden">
        {actions[0] === 'revert'
          ? t('candidates.reasonRevert', { id: candidate.decision?.decisionId ?? '' })
          : t('candidates.reason', { id: candidate.candidateId })}
      </label>
      <input
        id={id}
        value={reason}
        maxLength={2000}
        size={28}
        aria-invalid={missing}
        aria-describedby={missing ? `${id}-missing` : undefined}
        onInput={(e) => {
          setReason(e.currentTarget.value);
        }}
      />
      {actions.map((a) => (
        <button
          key={a}
          type="button"
          disabled={busy}
          onClick={() => {
            submit(a);
          }}
        >
          {t(`candidates.${a}`)}
        </button>
      ))}
      {missing && (
        <p id={`${id}-missing`} class="refusal" role="alert">
          {t('candidates.reasonRequired')}
        </p>
      )}
    </div>
  );
}

/**
 * Candidate links by status; operators (and admins) confirm, reject or revert them with a reason;
 * auditors see them and oversee the decisions in the audit log.
 */
export function CandidatesView({ api, exercise, route, session, onSessionLost }: BankViewProps) {
  const { t } = useI18n();
  const requested = route.query.get('status');
  const status: Status = (STATUSES as readonly (string | null)[]).includes(requested) ? (requested as Status) : 'open';
  const list = useBankList(
    `${exercise}:${status}`,
    (cursor) => api.candidates(exercise, status, cursor),
    onSessionLost,
  );
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<DecisionOutcome | undefined>();
  const [error, setError] = useState<unknown>();
  const mayDecide = session.role === 'operator' || session.role === 'admin';
  const ns = exercise ? 'true' : undefined;

  const decide = async (candidate: Candidate, action: Action, reason: string): Promise<void> => {
    setBusy(true);
    setError(undefined);
    setOutcome(undefined);
    try {
      setOutcome(
        action === 'revert'
          ? await api.revert(candidate.decision!.decisionId, exercise, reason)
          : await api.decide(candidate.candidateId, action, exercise, reason),
      );
    } catch (e: unknown) {
      if (e instanceof ApiError && e.status === 401) onSessionLost();
      setError(e);
    } finally {
      setBusy(false);
      list.reload();
    }
  };

  return (
    <section aria-labelledby="candidates-title">
      <h2 id="candidates-title">{t('databank.tab.candidates')}</h2>
      <nav aria-label={t('candidates.status')}>
        <ul class="bank-tabs">
          {STATUSES.map((s) => (
            <li key={s}>
              <a
                href={routeHref('databank', ['candidates'], { status: s, exercise: ns })}
                aria-current={s === status ? 'page' : undefined}
              >
                {t(`candidates.status.${s}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {!mayDecide && <p class="notice">{t('candidates.operatorsDecide')}</p>}
      {outcome !== undefined && (
        <p class="audited" role="status" data-testid="decision-outcome">
          {t('candidates.outcome', {
            id: outcome.decision.decisionId,
            kind: outcome.decision.kind,
            subjects: outcome.subjects.join(', '),
          })}
        </p>
      )}
      <ProblemAlert error={error ?? list.error} />
      {!list.loading && list.error === undefined && list.items.length === 0 && (
        <p class="empty">{t('databank.none')}</p>
      )}
      {list.items.length > 0 && (
        <div class="table-scroll">
          <table data-testid="candidates">
            <caption>{t('candidates.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('candidates.candidate')}</th>
                <th scope="col">{t('candidates.records')}</th>
                <th scope="col">{t('candidates.match')}</th>
                <th scope="col">{t('candidates.decision')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((c) => (
                <tr key={c.candidateId} data-candidate={c.candidateId}>
                  <th scope="row">
                    <code>{c.candidateId}</code>
                  </th>
                  <td>
                    <ul class="plain">
                      {c.records.map((r) => (
                        <li key={`${r.originator}/${r.recordId}`}>
                          {r.originator} / {r.recordId} (
                          <a href={routeHref('databank', ['subjects', r.subjectId], { exercise: ns })}>
                            <code>{r.subjectId}</code>
                          </a>
                          )
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td data-testid="candidate-match">
                    {c.reasons.length > 0 && (
                      <>
                        <p>{t('candidates.score', { score: c.score.toFixed(3) })}</p>
                        <ul class="plain">
                          {c.reasons.map((r) => (
                            <li key={r}>{r}</li>
                          ))}
                        </ul>
                      </>
                    )}
                  </td>
                  <td>
                    {c.decision !== null && (
                      <p>
                        {t('candidates.decided', {
                          kind: c.decision.kind,
                          actor: c.decision.actor,
                          reason: c.decision.reason,
                        })}{' '}
                        <LocalTime iso={c.decision.madeAt} />
                        {c.decision.reverted && ` ${t('candidates.reverted')}`}
                      </p>
                    )}
                    {mayDecide && (
                      <DecideForm
                        candidate={c}
                        busy={busy}
                        onDecide={(action, reason) => void decide(c, action, reason)}
                      />
                    )}
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
