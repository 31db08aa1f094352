// Stands in for code-server in the harness self-test: starts a helper process (as code-server
// does), records both process ids, prints nothing and never becomes ready.
const fs = require('node:fs');
const { spawn } = require('node:child_process');

const helper = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
fs.writeFileSync(process.env.CHANGE_RADAR_SILENT_HOST_PIDS, JSON.stringify([process.pid, helper.pid]));
setInterval(() => {}, 1000);
