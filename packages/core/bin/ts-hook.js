'use strict';
/**
 * Lets Node require `.ts` files: sucrase strips the types (no type-check, no ts-node), and the
 * result is cached on disk by content hash, so a warm `strata` start transpiles nothing.
 * Cache: $STRATA_CACHE_DIR, else node_modules/.cache/strata-ts next to this package.
 */
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, writeFileSync, renameSync } = require('node:fs');
const path = require('node:path');

const CACHE_DIR = process.env.STRATA_CACHE_DIR || path.join(__dirname, '..', 'node_modules', '.cache', 'strata-ts');
const VERSION = 'sucrase-3-v1';
let sucrase;

function transpile(source, filename) {
  const key = createHash('sha1').update(VERSION).update(filename).update(source).digest('hex');
  const cached = path.join(CACHE_DIR, `${key}.js`);
  try {
    return readFileSync(cached, 'utf8');
  } catch {
    // not cached yet
  }
  sucrase ??= require('sucrase');
  const { code, sourceMap } = sucrase.transform(source, {
    transforms: ['imports', 'typescript'],
    filePath: filename,
    sourceMapOptions: { compiledFilename: filename },
  });
  const map = Buffer.from(JSON.stringify(sourceMap)).toString('base64');
  const output = `${code}\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,${map}`;
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    const temporary = `${cached}.${process.pid}`;
    writeFileSync(temporary, output);
    renameSync(temporary, cached); // atomic: concurrent runners never read half a file
  } catch {
    // a read-only install still works, just without the cache
  }
  return output;
}

function register() {
  if (require.extensions['.ts']) return;
  require.extensions['.ts'] = function compileTypeScript(module, filename) {
    module._compile(transpile(readFileSync(filename, 'utf8'), filename), filename);
  };
}

module.exports = { register, transpile };
