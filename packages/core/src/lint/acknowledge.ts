/** Applies a migration's `lint.allow` acknowledgements to its findings. */
import type { MigrationLintConfig } from '../migrations/source';
import type { Finding } from './finding';
import { MigrationRule, RULE_IDS } from './rules';

/**
 * Marks the findings of each acknowledged rule as acknowledged (they are still reported),
 * and reports acknowledgements that cannot count: an empty reason is an error, an unknown
 * rule id a warning. Acknowledgement findings themselves cannot be acknowledged.
 * @example acknowledge(findings, { allow: { 'drop-column': 'orders.note moved to order_notes in 2025.01' } }, '0007_drop_note.ts')
 */
export function acknowledge(findings: readonly Finding[], lint: MigrationLintConfig | undefined, migration: string): Finding[] {
  const reasons = new Map<string, string>();
  const problems: Finding[] = [];
  for (const [rule, reason] of Object.entries(lint?.allow ?? {})) {
    if (typeof reason !== 'string' || reason.trim() === '') {
      problems.push({
        rule: MigrationRule.allowWithoutReason,
        severity: 'error',
        migration,
        direction: 'up',
        statement: '',
        object: rule,
        message: `lint.allow['${rule}'] has no reason: write why this operation is intended (e.g. 'orders.note moved to order_notes in release 2025.01').`,
        acknowledged: false,
      });
      continue;
    }
    if (!RULE_IDS.includes(rule)) {
      problems.push({ rule: MigrationRule.allowUnknownRule, severity: 'warning', migration, direction: 'up', statement: '', object: rule, message: `lint.allow names '${rule}', which is no lint rule: see packages/core/docs/lint-rules.md for the ids.`, acknowledged: false });
      continue;
    }
    reasons.set(rule, reason.trim());
  }
  const marked = findings.map((finding) => {
    const reason = finding.rule === MigrationRule.allowWithoutReason || finding.rule === MigrationRule.allowUnknownRule ? undefined : reasons.get(finding.rule);
    return reason === undefined ? finding : { ...finding, acknowledged: true, reason };
  });
  return [...problems, ...marked];
}
