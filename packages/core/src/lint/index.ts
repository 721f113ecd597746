/** Migration lint (`strata lint`): public API. */
export { lintMigrations, type LintMigrationsOptions, type LintResult } from './lint-migrations';
export { lintSetupOf } from '../db/setup';
export { destructiveOperations, destructiveOperationsSync, type DestructiveOperation } from './destructive-operations';
export { formatFindings, formatJson, formatText, formatGithub, isBlocking, summary, LintFormat, type FileOf, type LintedFinding } from './format';
export { loadParser, parseStatements, ParseError, type ParsedStatement } from './parser';
export { STATEMENT_RULES, RULE_IDS, MigrationRule, type Rule } from './rules';
export { Severity, type Finding } from './finding';
