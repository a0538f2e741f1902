// The run-time entry of this package (package.json "main"): its compiled index.ts in dist/, found
// from this file's real path (see subgraphs/kernel/package-entry.js).
module.exports = require('../../dist/partners-contrib/igad-cewarn/index.js');
