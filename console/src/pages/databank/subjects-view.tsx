import { useEffect, useState } from 'preact/hooks';
import { LocalTime } from '../../components/local-time';
import type { SubjectSummary } from '../../api/databank';
import { useI18n } from '../../i18n/i18n';
import { navigate, routeHref } from '../../router';
import type { BankViewProps } from './databank-page';
import { ListFooter, ProblemAlert } from './problem-alert';
import { useBankList } from './use-bank-list';

type FilterName = 'member' | 'category' | 'nationality' | 'updatedSince';
type Filter = Record<FilterName, string | undefined>;

/** The filter form: its values go into the route's query, so that a filtered list can be bookmarked. */
function SubjectFilter({ filter, exercise }: { filter: Filter; exercise: boolean }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(filter);
  useEffect(() => {
    setDraft(filter);
  }, [filter.member, filter.category, filter.nationality, filter.updatedSince]);
  const field = (name: FilterName) => ({
    name,
    value: draft[name] ?? '',
    onInput: (e: { currentTarget: { value: string } }) => {
      setDraft({ ...draft, [name]: e.currentTarget.value.trim() });
    },
  });
  return (
    <form
      class="bank-filter"
      aria-label={t('subjects.filter')}
      onSubmit={(e) => {
        e.preventDefault();
        navigate(routeHref('databank', ['subjects'], { ...draft, exercise: exercise ? 'true' : undefined }));
      }}
    >
      <label>
        {t('subjects.member')}
        <input {...field('member')} size={6} autoComplete="off" />
      </label>
      <label>
        {t('subjects.category')}
        <select {...field('category')}>
          <option value="">{t('databank.any')}</option>
          <option value="person">{t('subjects.category.person')}</option>
          <option value="organization">{t('subjects.category.organization')}</option>
        </select>
      </label>
      <label>
        {t('subjects.nationality')}
        <input {...field('nationality')} size={4} autoComplete="off" />
      </label>
      <label>
        {t('subjects.updatedSince')}
        <input {...field('updatedSince')} size={24} autoComplete="off" />
      </label>
      <button type="submit">{t('databank.apply')}</button>
    </form>
  );
}

/** A subject category in the operator's language (an unknown one as the API names it). */
export function categoryName(category: string, t: ReturnType<typeof useI18n>['t']): string {
  return category === 'person' || category === 'organization' ? t(`subjects.category.${category}`) : category;
}

function SubjectRow({ s, exercise }: { s: SubjectSummary; exercise: boolean }) {
  const { t, number } = useI18n();
  return (
    <tr data-subject={s.subjectId}>
      <th scope="row">
        <a href={routeHref('databank', ['subjects', s.subjectId], { exercise: exercise ? 'true' : undefined })}>
          <code>{s.subjectId}</code>
        </a>
      </th>
      <td>{categoryName(s.category, t)}</td>
      <td>{number(s.records)}</td>
      <td>{s.members.map((m) => `${m.member} ${number(m.records)}`).join(', ')}</td>
      <td>{s.nationalities.join(', ')}</td>
      <td>
        <LocalTime iso={s.updatedAt} />
      </td>
    </tr>
  );
}

/** Subjects as the API lists them (oldest update first), filtered by member, category, nationality, time. */
export function SubjectsView({ api, exercise, route, onSessionLost }: BankViewProps) {
  const { t } = useI18n();
  const filter: Filter = {
    member: route.query.get('member') ?? undefined,
    category: route.query.get('category') ?? undefined,
    nationality: route.query.get('nationality') ?? undefined,
    updatedSince: route.query.get('updatedSince') ?? undefined,
  };
  const list = useBankList(
    JSON.stringify([exercise, filter]),
    (cursor) => api.subjects(exercise, filter, cursor),
    onSessionLost,
  );
  return (
    <section aria-labelledby="subjects-title">
      <h2 id="subjects-title">{t('databank.tab.subjects')}</h2>
      <SubjectFilter filter={filter} exercise={exercise} />
      <ProblemAlert error={list.error} />
      {!list.loading && list.error === undefined && list.items.length === 0 && (
        <p class="empty">{t('databank.none')}</p>
      )}
      {list.items.length > 0 && (
        <div class="table-scroll">
          <table data-testid="subjects">
            <caption>{t('subjects.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('subjects.subject')}</th>
                <th scope="col">{t('subjects.category')}</th>
                <th scope="col">{t('subjects.records')}</th>
                <th scope="col">{t('subjects.members')}</th>
                <th scope="col">{t('subjects.nationalities')}</th>
                <th scope="col">{t('subjects.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((s) => (
                <SubjectRow key={s.subjectId} s={s} exercise={exercise} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ListFooter more={list.more} loading={list.loading} onMore={list.loadMore} />
    </section>
  );
}
