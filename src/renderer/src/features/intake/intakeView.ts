// What the intake screens show, worked out apart from React: template titles and field labels in the officer's
// language, upload progress, problems per field, a record's values in template order, reviewers' decisions.
import type { IntakeDepartmentPeriod, IntakeProblem, IntakeReview } from '@shared/api/intake';
import type { IntakeUploadProgress } from '@shared/api/intakeUpload';
import type { IntakeKind } from '@shared/intake/kinds';
import type { HalfMonthPeriod } from '@shared/intake/periods';
import { INTAKE_TEMPLATES, PROBLEMS_COLUMN, RETURN_ID_COLUMN } from '@shared/intake/templates';
import type { Language } from '../../i18n/languages';

/** The kind's template name: `行政处罚`, or `Administrative penalties` in English. */
export function kindTitle(kind: IntakeKind, language: Language): string {
  const template = INTAKE_TEMPLATES[kind];
  return language === 'zh-CN' ? template.title : template.titleEn;
}

/** A field's caption by its English name: the template's Chinese header, or its English label. */
export function fieldCaption(kind: IntakeKind, name: string, language: Language): string {
  const field = INTAKE_TEMPLATES[kind].fields.find((f) => f.name === name);
  if (!field) return name;
  return language === 'zh-CN' ? field.header : field.label;
}

/** A problem names its field by the template's Chinese header (the column the officer sees); in English, its label. */
export function problemFieldCaption(kind: IntakeKind, header: string, language: Language): string {
  if (language === 'zh-CN') return header;
  return INTAKE_TEMPLATES[kind].fields.find((f) => f.header === header)?.label ?? header;
}

/** Problems grouped by field, in the template's column order (fields the template does not name last). */
export function problemsByField(kind: IntakeKind, problems: readonly IntakeProblem[]): { field: string; problems: IntakeProblem[] }[] {
  const order = new Map(INTAKE_TEMPLATES[kind].fields.map((field, index) => [field.header, index]));
  const groups = new Map<string, IntakeProblem[]>();
  for (const problem of problems) groups.set(problem.field, [...(groups.get(problem.field) ?? []), problem]);
  return [...groups.entries()]
    .sort(([a], [b]) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity))
    .map(([field, grouped]) => ({ field, problems: grouped }));
}

/** A record's non-empty values in the template's column order, captioned in the officer's language. */
export function recordValues(
  kind: IntakeKind,
  fields: Readonly<Record<string, string>>,
  language: Language,
): { name: string; caption: string; value: string }[] {
  const known = INTAKE_TEMPLATES[kind].fields.map((field) => field.name);
  const extra = Object.keys(fields).filter(
    (name) => !known.includes(name) && name !== PROBLEMS_COLUMN.name && name !== RETURN_ID_COLUMN.name,
  );
  return [...known, ...extra]
    .filter((name) => (fields[name] ?? '').trim() !== '')
    .map((name) => ({ name, caption: fieldCaption(kind, name, language), value: fields[name] ?? '' }));
}

/** Percent of the file sent (whole numbers, 100 only once every byte is); an empty file counts as sent. */
export function uploadPercent(progress: Pick<IntakeUploadProgress, 'sentBytes' | 'totalBytes'>): number {
  if (progress.totalBytes <= 0 || progress.sentBytes >= progress.totalBytes) return 100;
  return Math.min(99, Math.floor((progress.sentBytes / progress.totalBytes) * 100));
}

/** Sending the bytes, or every byte sent and the endpoint checking the rows (a million rows take a while). */
export function uploadPhase(progress: Pick<IntakeUploadProgress, 'sentBytes' | 'totalBytes'>): 'sending' | 'checking' {
  return progress.sentBytes >= progress.totalBytes ? 'checking' : 'sending';
}

/** This reviewer's decision on a disputed record, if any: a reviewer decides once. */
export function decisionOf(reviews: readonly IntakeReview[], officerId: string): IntakeReview | null {
  return reviews.find((review) => review.reviewer.id === officerId) ?? null;
}

/** A fine in yuan as the template writes it, in 万元 (10,000 yuan), without trailing zeros. */
export function yuanToWan(yuan: number): string {
  return String(Number((yuan / 10_000).toFixed(6)));
}

/** Departments of a period that have not submitted yet, then those that have, each by name. */
export function bySubmission(departments: readonly IntakeDepartmentPeriod[]): {
  missing: IntakeDepartmentPeriod[];
  submitted: IntakeDepartmentPeriod[];
} {
  const byName = (a: IntakeDepartmentPeriod, b: IntakeDepartmentPeriod) => a.departmentName.localeCompare(b.departmentName, 'zh-CN');
  return {
    missing: departments.filter((d) => !d.submitted).sort(byName),
    submitted: departments.filter((d) => d.submitted).sort(byName),
  };
}

/** A date of the period after `period`: the day after its last. */
export function nextPeriodDate(period: HalfMonthPeriod): string {
  const day = new Date(`${period.end}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

/** A penalty in one line: when it was decided, what was imposed, the fine in the template's unit (`wan`: 万元). */
export function recordSummary(fields: Readonly<Record<string, string>>, wan: string): string {
  const { decidedOn, penaltyCategories, fineAmount } = fields;
  return [decidedOn, penaltyCategories, fineAmount ? `${fineAmount} ${wan}` : undefined].filter(Boolean).join(' · ');
}
