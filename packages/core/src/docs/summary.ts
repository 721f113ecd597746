/** The one-line summary of a migration: the first sentence of the doc comment that opens its file. */
import { readFileSync } from 'node:fs';

/** Abbreviations whose period does not end a sentence. */
const ABBREVIATIONS = /(?:\b(?:e\.g|i\.e|etc|vs|cf)|\b[A-Z])$/i;

/**
 * The first sentence of the file's leading doc comment (`/** … *\/` before any code): its first
 * paragraph with the line breaks joined, cut after the first sentence. Tags (`@see`) end it.
 * Falls back to the doc comment right above `export … function up`; undefined when neither exists.
 * @example docSummary(fileText) // 'Logins for staff and customers.'
 */
export function docSummary(text: string): string | undefined {
  const comment = leadingDocComment(text) ?? upDocComment(text);
  if (comment === undefined) return undefined;
  const paragraph: string[] = [];
  for (const line of comment) {
    if (line.trim() === '' || line.trim().startsWith('@')) {
      if (paragraph.length > 0) break;
      continue;
    }
    paragraph.push(line.trim());
  }
  const joined = paragraph.join(' ').replace(/\s+/g, ' ').trim();
  return joined === '' ? undefined : firstSentence(joined);
}

/** Reads a file and returns its {@link docSummary}. */
export function docSummaryOfFile(file: string): string | undefined {
  return docSummary(readFileSync(file, 'utf8').replace(/\r\n/g, '\n'));
}

/** The text up to and including the first `.`, `!` or `?` followed by a space, skipping abbreviations. */
export function firstSentence(text: string): string {
  const end = /[.!?](?=\s)/g;
  for (let match = end.exec(text); match; match = end.exec(text)) {
    if (match[0] === '.' && ABBREVIATIONS.test(text.slice(0, match.index))) continue;
    return text.slice(0, match.index + 1);
  }
  return text;
}

/** The lines of the first comment of the file when it is a doc comment (only blank lines or a shebang before it). */
function leadingDocComment(text: string): string[] | undefined {
  const match = /^(?:#![^\n]*\n)?\s*\/\*\*([\s\S]*?)\*\//.exec(text);
  return match ? commentLines(match[1]!) : undefined;
}

/** The doc comment directly above `export [async] function up`. */
function upDocComment(text: string): string[] | undefined {
  const match = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*export\s+(?:async\s+)?function\s+up\b/.exec(text);
  return match ? commentLines(match[1]!) : undefined;
}

function commentLines(body: string): string[] {
  return body.split('\n').map((line) => line.replace(/^\s*\*?\s?/, ''));
}
