// Entry of `npm run bench`: tsx compiles the TypeScript of bench/ and src/core on the fly.
require('tsx/cjs');
const { main } = require('./main.ts');

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error) => { console.error(error); process.exitCode = 1; },
);
