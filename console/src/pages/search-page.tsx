import { useState } from 'preact/hooks';
import type { PageProps } from '../app';
import { ApiError } from '../api/client';
import { searchPersons, type SearchAnswer } from '../api/databank-search';
import type { MessageKey } from '../i18n/en';
import { useI18n } from '../i18n/i18n';
import { routeHref } from '../router';
import {
  EMPTY_SEARCH,
  isFormProblem,
  SEARCH_LIMIT,
  SEARCH_PURPOSE,
  searchBody,
  type FormProblem,
  type SearchFields,
} from '../search/search-form';
import { ProblemAlert } from './databank/problem-alert';
import './databank/databank.css';

/** The sentence for a field the console refused before sending. */
function problemText(problem: FormProblem, t: (key: MessageKey, values?: Record<string, string | number>) => string) {
  switch (problem.field) {
    case 'purpose':
      return t('search.purposeLength', { ...SEARCH_PURPOSE, length: problem.length });
    case 'birth':
      return t('search.birthInvalid');
    case 'nationality':
      return t('search.nationalityInvalid');
    case 'limit':
      return t('search.limitInvalid', SEARCH_LIMIT);
  }
}

/** A text field of the form, with its label and an optional hint. */
function Field({
  id,
  label,
  hint,
  value,
  invalid,
  onInput,
}: {
  id: keyof SearchFields;
  label: string;
  hint?: string;
  value: string;
  invalid: boolean;
  onInput: (value: string) => void;
}) {
  return (
    <div class="field">
      <label for={`search-${id}`}>{label}</label>
      <input
        id={`search-${id}`}
        type="text"
        value={value}
        aria-invalid={invalid}
        {...(hint === undefined ? {} : { 'aria-describedby': `search-${id}-hint` })}
        onInput={(e) => {
          onInput(e.currentTarget.value);
        }}
      />
      {hint !== undefined && (
        <p id={`search-${id}-hint`} class="hint">
          {hint}
        </p>
      )}
    </div>
  );
}

/** The hits of one search, best first: references, scores and reasons, never record content. */
function Results({ answer }: { answer: SearchAnswer }) {
  const { t, number } = useI18n();
  const namespace = t(answer.exercise ? 'search.namespace.exercise' : 'search.namespace.operational');
  if (answer.hits.length === 0) {
    return (
      <p class="empty" role="status" data-testid="search-none">
        {t('search.none', { namespace })}
      </p>
    );
  }
  return (
    <>
      <table data-testid="search-hits">
        <caption>{t('search.caption', { count: answer.hits.length, namespace })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('search.rank')}</th>
            <th scope="col">{t('search.score')}</th>
            <th scope="col">{t('search.originator')}</th>
            <th scope="col">{t('search.record')}</th>
            <th scope="col">{t('search.subject')}</th>
            <th scope="col">{t('search.reasons')}</th>
          </tr>
        </thead>
        <tbody>
          {answer.hits.map((hit, i) => (
            <tr key={`${hit.originator}/${hit.recordId}`} data-record={`${hit.originator}/${hit.recordId}`}>
              <td>{number(i + 1)}</td>
              <td data-field="score">{`${number(hit.score * 100)} %`}</td>
              <td>{hit.originator}</td>
              <td>
                {hit.recordId} <span class="hint">{t('search.version', { version: hit.version })}</span>
              </td>
              <td>
                <a
                  href={routeHref('databank', ['subjects', hit.subjectId], {
                    exercise: answer.exercise ? 'true' : undefined,
                  })}
                >
                  {hit.subjectId}
                </a>
              </td>
              <td data-field="reasons">
                {hit.restricted && (
                  <span class="badge-bad" title={t('search.restrictedHint')} data-testid="restricted">
                    {t('search.restricted')}
                  </span>
                )}
                {hit.reasons.length > 0 && (
                  <ul class="plain">
                    {hit.reasons.map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {answer.truncated && <p class="notice">{t('search.truncated')}</p>}
    </>
  );
}

/**
 * The person search (POST /v1/databank/search): names in any script, date of birth, sex,
 * nationality and document, with a stated purpose the gateway records in the audit log with
 * the terms and the number of hits. Refusals are shown with the gateway's code and sentence.
 */
export function SearchPage({ client, onSessionLost }: PageProps) {
  const { t } = useI18n();
  const [fields, setFields] = useState<SearchFields>(EMPTY_SEARCH);
  const [problem, setProblem] = useState<FormProblem | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [answer, setAnswer] = useState<SearchAnswer | undefined>();
  const set = (key: keyof SearchFields) => (value: string) => {
    setFields((f) => ({ ...f, [key]: value }));
  };

  const submit = async (): Promise<void> => {
    const body = searchBody(fields);
    if (isFormProblem(body)) {
      setProblem(body);
      return;
    }
    setProblem(undefined);
    setBusy(true);
    setError(undefined);
    setAnswer(undefined);
    try {
      setAnswer(await searchPersons(client, body));
    } catch (e: unknown) {
      if (e instanceof ApiError && e.status === 401) onSessionLost();
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const rateLimited = error instanceof ApiError && error.status === 429;
  return (
    <div class={fields.exercise ? 'databank exercise' : 'databank'}>
      <h1>{t('search.title')}</h1>
      <p>{t('search.intro')}</p>
      <form
        class="bank-form search-form"
        noValidate
        aria-label={t('search.form')}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Field id="family" label={t('search.family')} value={fields.family} invalid={false} onInput={set('family')} />
        <Field id="given" label={t('search.given')} value={fields.given} invalid={false} onInput={set('given')} />
        <Field
          id="patronymic"
          label={t('search.patronymic')}
          hint={t('search.nameHint')}
          value={fields.patronymic}
          invalid={false}
          onInput={set('patronymic')}
        />
        <Field
          id="birth"
          label={t('search.birth')}
          hint={t('search.birthHint')}
          value={fields.birth}
          invalid={problem?.field === 'birth'}
          onInput={set('birth')}
        />
        <div class="field">
          <label for="search-sex">{t('search.sex')}</label>
          <select
            id="search-sex"
            value={fields.sex}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setFields((f) => ({ ...f, sex: v === 'MALE' || v === 'FEMALE' ? v : '' }));
            }}
          >
            <option value="">{t('search.sex.any')}</option>
            <option value="MALE">{t('search.sex.MALE')}</option>
            <option value="FEMALE">{t('search.sex.FEMALE')}</option>
          </select>
        </div>
        <Field
          id="nationality"
          label={t('search.nationality')}
          value={fields.nationality}
          invalid={problem?.field === 'nationality'}
          onInput={set('nationality')}
        />
        <Field
          id="document"
          label={t('search.document')}
          value={fields.document}
          invalid={false}
          onInput={set('document')}
        />
        <Field
          id="limit"
          label={t('search.limit', SEARCH_LIMIT)}
          value={fields.limit}
          invalid={problem?.field === 'limit'}
          onInput={set('limit')}
        />
        <div class="check">
          <label>
            <input
              type="checkbox"
              checked={fields.exercise}
              onChange={(e) => {
                const checked = e.currentTarget.checked;
                setFields((f) => ({ ...f, exercise: checked }));
              }}
            />{' '}
            {t('search.exercise')}
          </label>
        </div>
        <div class="field">
          <label for="search-purpose">{t('search.purpose')}</label>
          <textarea
            id="search-purpose"
            rows={2}
            maxLength={SEARCH_PURPOSE.max + 50}
            value={fields.purpose}
            required
            aria-describedby="search-purpose-hint"
            aria-invalid={problem?.field === 'purpose'}
            onInput={(e) => {
              set('purpose')(e.currentTarget.value);
            }}
          />
          <p id="search-purpose-hint" class="hint">
            {t('search.purposeHint', SEARCH_PURPOSE)}
          </p>
        </div>
        {problem !== undefined && (
          <p class="refusal" role="alert" data-testid="search-form-problem">
            {problemText(problem, t)}
          </p>
        )}
        <div class="actions">
          <button type="submit" disabled={busy}>
            {busy ? t('search.searching') : t('search.submit')}
          </button>
        </div>
      </form>
      <ProblemAlert error={error} title={rateLimited ? t('search.rateLimited') : t('search.refused')} />
      {answer !== undefined && <Results answer={answer} />}
    </div>
  );
}
