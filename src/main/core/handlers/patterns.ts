import type { Handlers } from '../../../shared/api/rpc'
import { parsePatternFile } from '../../active/patterns'
import { addPatterns, deletePattern, listPatterns } from '../../db/patterns'
import type { CoreContext } from '../context'

export function patternHandlers(
  ctx: CoreContext,
): Pick<Handlers, 'patterns.list' | 'patterns.add' | 'patterns.delete' | 'patterns.import'> {
  const changed = () => ctx.bus.emit('project.changed', { kind: 'labels' })
  const write = <T>(action: string, payload: unknown, fn: () => T): T => {
    const result = ctx.store.transaction(() => {
      ctx.store.logEdit(action, payload)
      return fn()
    })
    changed()
    return result
  }
  return {
    'patterns.list': () => listPatterns(ctx.store.db),
    'patterns.add': (p) => write('patterns.add', p, () => ({ added: addPatterns(ctx.store.db, [p]) })),
    'patterns.delete': ({ id }) =>
      write('patterns.delete', { id }, () => {
        deletePattern(ctx.store.db, id)
        return { deleted: true as const }
      }),
    'patterns.import': ({ fileName, content, label }) => {
      const rules = parsePatternFile(content, fileName, label)
      return write('patterns.import', { fileName, rules: rules.length }, () => ({
        added: addPatterns(ctx.store.db, rules),
        read: rules.length,
      }))
    },
  }
}
