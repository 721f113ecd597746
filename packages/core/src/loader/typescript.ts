import { messageOf, ModuleLoadError } from '../errors';

/**
 * Lets Node require `.ts` files by stripping types with sucrase, cached by content hash
 * (bin/ts-hook.js): no ts-node, no type-check — the reason `strata migrate status` starts in
 * a fraction of the time of Knex under ts-node. Under jest, whose own transform already
 * handles `.ts`, nothing is registered.
 */
export function registerTypeScript(): void {
  if ('.ts' in require.extensions || process.env.JEST_WORKER_ID !== undefined) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('../../bin/ts-hook.js') as { register(): void }).register();
}


/** Requires a `.ts` or `.js` module afresh, naming the file when it fails to compile or import. */
export function loadModule<T>(file: string): T {
  registerTypeScript();
  try {
    if (process.env.JEST_WORKER_ID === undefined) delete require.cache[require.resolve(file)];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(file) as T;
  } catch (error) {
    throw new ModuleLoadError(`cannot load ${file}: ${messageOf(error)}`, { cause: error });
  }
}
