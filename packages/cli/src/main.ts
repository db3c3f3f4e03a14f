import { runCli } from './cli.js';

// `privlint scan | head`: the reader goes away and the next write fails with EPIPE, an 'error' event that would
// otherwise end the process with a stack trace. The report is no longer wanted; the scan still ends with its own exit
// code, so `set -o pipefail` sees findings as findings.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
    if (stream !== process.stderr) process.stderr.write(`privlint: cannot write the output: ${error.message}\n`);
    process.exitCode = 2;
  });
}

process.exitCode = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
