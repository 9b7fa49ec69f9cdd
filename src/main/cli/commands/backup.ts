import type { Command } from 'commander'
import { ProjectStore } from '../../db/store'
import { printJson } from '../output'

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('write a consistent copy of a project file (VACUUM INTO), safe while the app is using it')
    .requiredOption('--project <file>', 'the project file')
    .option(
      '--out <file>',
      'the copy to write (default: next to the project, with the date and time in its name)',
    )
    .option('--json', 'print the result as JSON')
    .action((opts: { project: string; out?: string; json?: boolean }) => {
      const store = ProjectStore.open(opts.project)
      try {
        const result = store.backup(opts.out)
        if (opts.json) return printJson(result)
        process.stdout.write(`Wrote ${result.path} (${Math.round(result.bytes / 1024)} kB).\n`)
      } finally {
        store.close()
      }
    })
}
