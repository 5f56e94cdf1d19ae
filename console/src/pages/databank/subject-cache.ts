import type { SubjectSummary } from '../../api/databank';

// The API has no metadata read of one subject (its dossier is a content read), so the subject
// page shows the summary the list last loaded. In memory only, dropped with the page.
const seen = new Map<string, SubjectSummary>();
const MAX = 2_000;

/** Remembers the summaries a list showed. */
export function rememberSubjects(subjects: readonly SubjectSummary[]): void {
  for (const s of subjects) {
    seen.delete(s.subjectId);
    seen.set(s.subjectId, s);
  }
  while (seen.size > MAX) seen.delete(seen.keys().next().value!);
}

/** The summary a list last showed for a subject, if any. */
export function rememberedSubject(subjectId: string): SubjectSummary | undefined {
  return seen.get(subjectId);
}
