/**
 * The `ner-studio` command line: one commander program, one file per command. Only commands that
 * work are registered; each new capability adds its file and one line here.
 */
import { Command, CommanderError } from 'commander'
import { APP_VERSION } from '../runtime/version'
import { registerBackup } from './commands/backup'
import { registerEval } from './commands/eval'
import { registerExport } from './commands/export'
import { registerExportModel } from './commands/exportModel'
import { registerImport } from './commands/import'
import { registerPredict } from './commands/predict'
import { registerServe } from './commands/serve'
import { registerSimulateAl } from './commands/simulateAl'
import { registerStats } from './commands/stats'
import { registerTrain } from './commands/train'
import { describeError, exitCodeFor, UsageError } from './errors'

export function buildProgram(): Command {
  const program = new Command('ner-studio')
    .description('NER Studio: label spans, train and ship named-entity models, from the command line.')
    .version(APP_VERSION, '-v, --version', 'print the version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
  registerServe(program)
  registerImport(program)
  registerExport(program)
  registerStats(program)
  registerBackup(program)
  registerTrain(program)
  registerEval(program)
  registerSimulateAl(program)
  registerExportModel(program)
  registerPredict(program)
  return program
}

/** Runs the CLI and returns the exit code (0 ok, 1 user error, 2 usage). */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram()
  try {
    await program.parseAsync(argv, { from: 'user' })
    return 0
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return err.exitCode === 0 ? 0 : 2
    }
    process.stderr.write(`${describeError(err)}\n`)
    return err instanceof UsageError ? 2 : exitCodeFor(err)
  }
}
