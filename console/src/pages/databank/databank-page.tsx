import { useMemo } from 'preact/hooks';
import type { PageProps } from '../../app';
import { DatabankApi } from '../../api/databank';
import { useI18n } from '../../i18n/i18n';
import { routeHref } from '../../router';
import { CandidatesView } from './candidates-view';
import { ChecksView } from './checks-view';
import { ReviewView } from './review-view';
import { SubjectView } from './subject-view';
import { SubjectsView } from './subjects-view';
import { WithdrawalsView } from './withdrawals-view';
import './databank.css';

/** The data bank's views, in the order of its tabs (`#/databank/<view>`). */
const VIEWS = ['subjects', 'candidates', 'withdrawals', 'review', 'checks'] as const;
type ViewId = (typeof VIEWS)[number];

/** What every data bank view is given. */
export interface BankViewProps extends PageProps {
  readonly api: DatabankApi;
  /** The exercise namespace instead of the operational one (`?exercise=true`). */
  readonly exercise: boolean;
}

function viewOf(first: string | undefined): ViewId {
  return (VIEWS as readonly (string | undefined)[]).includes(first) ? (first as ViewId) : 'subjects';
}

/**
 * The data bank: subjects and their dossiers (content for auditors with a stated purpose),
 * candidate links, withdrawals with their purge state, records due for review, conflicts and
 * flags; operational and exercise data never on one screen.
 */
export function DatabankPage(props: PageProps) {
  const { t } = useI18n();
  const api = useMemo(() => new DatabankApi(props.client), [props.client]);
  const view = viewOf(props.route.path[0]);
  const exercise = props.route.query.get('exercise') === 'true';
  const ns = exercise ? 'true' : undefined;
  const subjectId = view === 'subjects' ? props.route.path[1] : undefined;
  const viewProps: BankViewProps = { ...props, api, exercise };
  return (
    <div class={exercise ? 'databank exercise' : 'databank'}>
      <div class="page-head">
        <h1>{t('databank.title')}</h1>
        <p data-testid="bank-namespace">
          {exercise ? t('databank.namespace.exercise') : t('databank.namespace.operational')}
        </p>
        <a href={routeHref('databank', [view], { exercise: exercise ? undefined : 'true' })}>
          {exercise ? t('databank.namespace.toOperational') : t('databank.namespace.toExercise')}
        </a>
      </div>
      {exercise && (
        <p class="exercise-banner" role="note">
          {t('databank.exerciseBanner')}
        </p>
      )}
      <nav aria-label={t('databank.tabs')}>
        <ul class="bank-tabs">
          {VIEWS.map((v) => (
            <li key={v}>
              <a href={routeHref('databank', [v], { exercise: ns })} aria-current={v === view ? 'page' : undefined}>
                {t(`databank.tab.${v}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {view === 'subjects' && subjectId !== undefined && <SubjectView {...viewProps} subjectId={subjectId} />}
      {view === 'subjects' && subjectId === undefined && <SubjectsView {...viewProps} />}
      {view === 'candidates' && <CandidatesView {...viewProps} />}
      {view === 'withdrawals' && <WithdrawalsView {...viewProps} />}
      {view === 'review' && <ReviewView {...viewProps} />}
      {view === 'checks' && <ChecksView {...viewProps} />}
    </div>
  );
}
