// ts-jest for `npm run test:one`, with one difference: each source file runs with the __dirname and
// __filename of its compiled copy in dist/. Tests, scripts and the gateway find the repository's files
// (README.md, samples/, schema/supergraph.graphql, dist/scripts/*.js) relative to where they sit in
// dist/, so from the sources they would look one folder too high.
const path = require('node:path');
const { TsJestTransformer } = require('ts-jest');

const ROOT = __dirname;
const DIST = path.join(ROOT, 'dist');
const VERSION = 'dist-dirname-1';

class DistDirnameTransformer extends TsJestTransformer {
  process(sourceText, sourcePath, options) {
    return placed(super.process(sourceText, sourcePath, options), sourcePath);
  }

  async processAsync(sourceText, sourcePath, options) {
    return placed(await super.processAsync(sourceText, sourcePath, options), sourcePath);
  }

  getCacheKey(sourceText, sourcePath, options) {
    return `${super.getCacheKey(sourceText, sourcePath, options)}:${VERSION}`;
  }

  async getCacheKeyAsync(sourceText, sourcePath, options) {
    return `${await super.getCacheKeyAsync(sourceText, sourcePath, options)}:${VERSION}`;
  }
}

function placed(result, sourcePath) {
  const relative = path.relative(ROOT, sourcePath);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return result;
  const compiled = path.join(DIST, relative.replace(/\.ts$/, '.js'));
  // After the "use strict" directive and on its line, so strict mode and the source map's lines stay.
  const assignment = `__dirname = ${JSON.stringify(path.dirname(compiled))}; __filename = ${JSON.stringify(compiled)};`;
  const code = /^"use strict";/.test(result.code)
    ? result.code.replace(/^"use strict";/, `"use strict"; ${assignment}`)
    : `${assignment} ${result.code}`;
  return { ...result, code };
}

module.exports = { createTransformer: (options) => new DistDirnameTransformer(options) };
