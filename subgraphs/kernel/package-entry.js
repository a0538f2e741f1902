// The run-time entry of the package `@hub/kernel` (package.json "main"): the compiled index.ts in
// dist/. Node loads this file by its real path (the workspace link in node_modules resolved), so the
// require below reaches the very dist/subgraphs/kernel/ modules our subgraphs load by relative path:
// one copy of the kernel, one set of type-graphql and TypeORM metadata. (A "main" pointing into
// ../../dist directly would be resolved against the link's own folder, node_modules/@hub/kernel.)
module.exports = require('../../dist/subgraphs/kernel/index.js');
