/**
 * Ctrl-C and SIGTERM (CI cancelling a job): a command is interrupted, but what it holds is
 * given back first — scratch databases dropped, embedded-server leases released — then the
 * process exits 130 (SIGINT) or 143 (SIGTERM). Open transactions need nothing: the server
 * rolls them back when the connection goes.
 */

type Cleanup = () => Promise<void> | void;

const CLEANUPS = new Set<Cleanup>();
let interruptedBy: NodeJS.Signals | undefined;

/** Registers work to do on an interruption; returns the function that unregisters it. */
export function onInterrupt(cleanup: Cleanup): () => void {
  CLEANUPS.add(cleanup);
  return () => void CLEANUPS.delete(cleanup);
}

/** The signal that interrupted this process, if one did (a command then prints no verdict). */
export function interruption(): NodeJS.Signals | undefined {
  return interruptedBy;
}

/**
 * Installs the SIGINT/SIGTERM handlers once (the CLI does, at start). A second signal during the
 * cleanup exits at once.
 * @example installInterruptHandlers((line) => process.stderr.write(`${line}\n`));
 */
export function installInterruptHandlers(say: (line: string) => void): void {
  const handle = (signal: NodeJS.Signals): void => {
    if (interruptedBy) process.exit(signal === 'SIGINT' ? 130 : 143);
    interruptedBy = signal;
    say(`strata: interrupted (${signal}): cleaning up…`);
    // Sessions ended by the cleanup (DROP DATABASE … FORCE) make their clients throw; that no longer matters.
    process.on('uncaughtException', () => undefined);
    process.on('unhandledRejection', () => undefined);
    const deadline = new Promise((resolve) => setTimeout(resolve, 15_000).unref());
    const cleanups = Promise.allSettled([...CLEANUPS].map(async (cleanup) => cleanup()));
    void Promise.race([cleanups, deadline]).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', handle).once('SIGTERM', handle);
}
