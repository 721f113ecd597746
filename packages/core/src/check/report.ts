import path from 'node:path';
import type { PackageReport } from './run';
import type { CheckFailure, StepResult } from './types';

/** Seconds with one decimal for long times, ms for short ones. */
export function duration(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}

/** One progress line for a finished step (stderr while the check runs). */
export function progressLine(label: string, result: StepResult): string {
  return `  ${mark(result)} ${label} ${result.step} (${duration(result.ms)})`;
}

/**
 * The text report: one line per package × step with its result and time, each failure under
 * its step, then the total.
 */
export function renderText(reports: readonly PackageReport[], totalMs: number, where: string): string[] {
  const rows = reports.flatMap((report) => report.steps.map((step) => ({ label: report.label, step })));
  const labelWidth = Math.max(7, ...rows.map((r) => r.label.length));
  const stepWidth = Math.max(...rows.map((r) => r.step.step.length), 4);
  const lines = [`strata check on ${where}`];
  for (const { label, step } of rows) {
    const status = step.skipped ? `skipped (${step.skipped})` : step.ok ? 'ok' : 'FAILED';
    lines.push(`  ${label.padEnd(labelWidth)}  ${step.step.padEnd(stepWidth)}  ${duration(step.ms).padStart(9)}  ${status}${step.notes.length > 0 ? `  — ${step.notes.join('; ')}` : ''}`);
    for (const failure of step.failures) {
      lines.push(`    ✗ ${failure.message}`);
      for (const detail of failure.details ?? []) lines.push(`        ${detail}`);
    }
  }
  const steps = rows.length;
  const failed = rows.filter((r) => !r.step.ok).length;
  lines.push(`total ${duration(totalMs)}: ${reports.length} package(s), ${steps} step(s), ${failed === 0 ? 'all passed' : `${failed} failed`}`);
  return lines;
}

/** The `--json` report. */
export function renderJson(reports: readonly PackageReport[], totalMs: number, where: string): string {
  return JSON.stringify(
    {
      ok: reports.every((r) => r.ok),
      ms: totalMs,
      server: where,
      packages: reports.map((report) => ({
        package: report.label,
        ok: report.ok,
        ms: report.steps.reduce((sum, s) => sum + s.ms, 0),
        steps: report.steps.map((s) => ({
          step: s.step,
          ok: s.ok,
          ms: s.ms,
          skipped: s.skipped ?? null,
          notes: s.notes,
          failures: s.failures.map((f) => ({ message: f.message, migration: f.migration ?? null, object: f.object ?? null, file: f.file ?? null, details: f.details ?? [] })),
        })),
      })),
    },
    null,
    2,
  );
}

/**
 * GitHub Actions workflow commands, one `::error` per failure, on the file to blame.
 * @see https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#setting-an-error-message
 */
export function renderGithub(reports: readonly PackageReport[], root: string): string[] {
  return reports.flatMap((report) =>
    report.steps.flatMap((step) => step.failures.map((failure) => annotation(report.label, step.step, failure, root))),
  );
}

function annotation(label: string, step: string, failure: CheckFailure, root: string): string {
  const properties = [failure.file ? `file=${escapeProperty(path.relative(root, failure.file))}` : undefined, `title=${escapeProperty(`strata check ${step}: ${label}`)}`];
  const body = [failure.message, ...(failure.details ?? [])].join('\n');
  return `::error ${properties.filter(Boolean).join(',')}::${escapeData(body)}`;
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function mark(result: StepResult): string {
  return result.skipped ? '-' : result.ok ? '✓' : '✗';
}
