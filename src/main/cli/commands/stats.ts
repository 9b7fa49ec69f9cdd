import type { Command } from 'commander'
import { projectStats } from '../../db/stats'
import { ProjectStore } from '../../db/store'
import { printJson, table } from '../output'

export function registerStats(program: Command): void {
  program
    .command('stats')
    .description('documents by split and status, tokens, spans per label, models')
    .requiredOption('--project <file>', 'the project file')
    .option('--json', 'print JSON for scripts')
    .action((opts: { project: string; json?: boolean }) => {
      const store = ProjectStore.open(opts.project, { readonly: true })
      try {
        const s = projectStats(store.db)
        if (opts.json) return printJson(s)
        const lines = [
          `${store.name}: ${s.documents} documents, ${s.tokens} tokens, ${s.spans} spans, ${s.models} models`,
          '',
          table(
            s.bySplitStatus.map((r) => [r.split, r.status, r.count]),
            ['split', 'status', 'documents'],
          ),
          '',
          table(
            Object.entries(s.spansPerLabel).map(([label, n]) => [label, n]),
            ['label', 'spans'],
          ),
        ]
        process.stdout.write(`${lines.join('\n')}\n`)
      } finally {
        store.close()
      }
    })
}
