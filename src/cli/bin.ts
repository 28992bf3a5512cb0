#!/usr/bin/env node
/** The `aws-ml-kit` executable: runs the CLI with the process's arguments and sets its exit code. */
import { main } from './main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = 1;
  },
);
