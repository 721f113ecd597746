/** Prints findings as text for people, JSON for tools, or GitHub workflow annotations. */
import type { Finding } from './finding';

/** Output formats of `strata lint --format`. */
export const LintFormat = {
  /** Grouped by migration, one block per finding. */
  text: 'text',
  /** One object: `{"findings":[…]}`. */
  json: 'json',
  /** `::error file=…,title=…::message` lines that GitHub Actions turns into annotations. */
  github: 'github',
} as const;
export type LintFormat = (typeof LintFormat)[keyof typeof LintFormat];

/** A finding, with the package it came from when several packages are linted at once. */
export type LintedFinding = Finding & { readonly package?: string };

/** How to name the file of a finding's migration in annotations (relative to the repository root). */
export type FileOf = (finding: LintedFinding) => string | undefined;

/**
 * Renders findings in one of the formats; the result has no trailing newline.
 * @example formatFindings(findings, 'json') // '{"findings":[{"rule":"drop-column",…}]}'
 */
export function formatFindings(findings: readonly LintedFinding[], format: LintFormat, fileOf: FileOf = () => undefined): string {
  if (format === 'json') return formatJson(findings);
  if (format === 'github') return formatGithub(findings, fileOf);
  return formatText(findings);
}

/** Fixed key order first (the documented shape), then the optional extras that are set. */
export function formatJson(findings: readonly LintedFinding[]): string {
  const rows = findings.map((f) => ({
    rule: f.rule,
    severity: f.severity,
    migration: f.migration ?? '',
    direction: f.direction ?? 'up',
    statement: f.statement ?? '',
    message: f.message,
    acknowledged: f.acknowledged,
    ...(f.package !== undefined ? { package: f.package } : {}),
    ...(f.object !== undefined ? { object: f.object } : {}),
    ...(f.fix !== undefined ? { fix: f.fix } : {}),
    ...(f.reason !== undefined ? { reason: f.reason } : {}),
    ...(f.afterFailure !== undefined ? { afterFailure: f.afterFailure } : {}),
  }));
  return JSON.stringify({ findings: rows });
}

/** True when a finding fails the lint: an error nobody acknowledged. */
export function isBlocking(finding: Finding): boolean {
  return finding.severity === 'error' && !finding.acknowledged;
}

export function formatText(findings: readonly LintedFinding[]): string {
  const lines: string[] = [];
  let heading = '';
  for (const f of findings) {
    const where = `${f.package ? `${f.package}/` : ''}${f.migration ?? f.object ?? ''}${f.direction ? ` (${f.direction})` : ''}`;
    if (where !== heading) {
      if (lines.length > 0) lines.push('');
      lines.push(where);
      heading = where;
    }
    const mark = f.acknowledged ? ' [acknowledged]' : '';
    lines.push(`  ${f.severity}${mark} ${f.rule}: ${f.message}`);
    if (f.statement) lines.push(`      ${oneLine(f.statement, 160)}`);
    if (f.acknowledged && f.reason) lines.push(`      reason: ${f.reason}`);
    else if (f.fix) lines.push(`      fix: ${f.fix}`);
  }
  if (lines.length > 0) lines.push('');
  lines.push(summary(findings));
  return lines.join('\n');
}

/** `2 errors (1 acknowledged), 1 warning, 0 info` */
export function summary(findings: readonly Finding[]): string {
  const count = (severity: Finding['severity']): number => findings.filter((f) => f.severity === severity).length;
  const acknowledgedErrors = findings.filter((f) => f.severity === 'error' && f.acknowledged).length;
  const errors = count('error');
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}${acknowledgedErrors > 0 ? ` (${acknowledgedErrors} acknowledged)` : ''}, ${plural(count('warning'), 'warning')}, ${count('info')} info`;
}

// https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#setting-an-error-message
const LEVEL = { error: 'error', warning: 'warning', info: 'notice' } as const;

export function formatGithub(findings: readonly LintedFinding[], fileOf: FileOf): string {
  return findings
    .map((f) => {
      const level = f.acknowledged ? 'notice' : LEVEL[f.severity];
      const file = fileOf(f);
      const title = `strata lint ${f.rule}${f.direction ? ` (${f.direction})` : ''}${f.acknowledged ? ' acknowledged' : ''}`;
      const properties = [file ? `file=${escapeProperty(file)}` : undefined, `title=${escapeProperty(title)}`].filter(Boolean).join(',');
      const detail = f.acknowledged && f.reason ? ` Reason: ${f.reason}` : f.fix ? ` Fix: ${f.fix}` : '';
      const statement = f.statement ? `\n${oneLine(f.statement, 300)}` : '';
      return `::${level} ${properties}::${escapeData(`${f.migration ? `${f.migration}: ` : ''}${f.message}${detail}${statement}`)}`;
    })
    .join('\n');
}

function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function oneLine(sql: string, max: number): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
