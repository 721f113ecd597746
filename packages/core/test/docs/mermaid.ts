/** Mermaid's real parser for the tests: the diagrams of a Markdown text, parsed in a Node process. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** What Mermaid said about one diagram. */
export interface MermaidResult {
  readonly ok: boolean;
  /** Detected diagram type, `er` for an erDiagram. */
  readonly type?: string;
  readonly error?: string;
}

/** The bodies of the ```mermaid blocks of a Markdown text, in order. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
}

/** Parses diagrams with the npm `mermaid` package's own parser (see mermaid-parse.mjs). */
export function parseMermaid(diagrams: readonly string[]): MermaidResult[] {
  const run = spawnSync(process.execPath, [path.join(__dirname, 'mermaid-parse.mjs')], { input: JSON.stringify(diagrams), encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(`mermaid-parse.mjs exited ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout) as MermaidResult[];
}
