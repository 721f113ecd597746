/**
 * The destructive-operation checker the runner uses to refuse production rollbacks that lose
 * data. It is the linter's parser; until the linter is installed, undefined makes the runner
 * refuse every production down() that it cannot check.
 */
export function destructiveOperationsChecker(): ((sql: string) => readonly string[]) | undefined {
  return undefined;
}
