#!/usr/bin/env node
// The `ner-studio` command: runs the built CLI, or says how to build it.
const { existsSync } = require('node:fs')
const { join } = require('node:path')

const cli = join(__dirname, '..', 'out', 'main', 'cli.js')
if (!existsSync(cli)) {
  process.stderr.write('NER Studio is not built yet: run "npm run build" in its folder first.\n')
  process.exit(1)
}
require(cli)
