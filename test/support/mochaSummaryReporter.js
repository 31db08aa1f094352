// Entry for mocha's --reporter flag on the command line: mocha needs the reporter class as the
// module itself. Loads the TypeScript reporter through tsx.
require('tsx/cjs');
module.exports = require('./summaryReporter.ts').SummaryReporter;
