/** Entry point of the built CLI (out/main/cli.js), started by bin/ner-studio.cjs. */
import { runCli } from './program'

void runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code
})
