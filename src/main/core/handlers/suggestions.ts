import type { Handlers } from '../../../shared/api/rpc'
import { refreshPatternSuggestions } from '../../active/suggest'
import { decideSuggestions, listSuggestions, undecideSuggestions } from '../../db/suggestions'
import type { CoreContext } from '../context'

export function suggestionHandlers(
  ctx: CoreContext,
): Pick<Handlers, 'suggestions.list' | 'suggestions.decide' | 'suggestions.undecide'> {
  const changed = (documentId: number | undefined) =>
    ctx.bus.emit(
      'project.changed',
      documentId === undefined ? { kind: 'spans' } : { kind: 'spans', documentId },
    )
  return {
    'suggestions.list': async ({ documentId, includeDecided }) => {
      ctx.store.transaction(() => refreshPatternSuggestions(ctx.store.db, documentId))
      await ctx.suggester.refresh(ctx.store, documentId)
      return listSuggestions(ctx.store.db, documentId, includeDecided)
    },
    'suggestions.decide': ({ ids, decision }) => {
      const result = ctx.store.transaction(() => {
        ctx.store.logEdit('suggestions.decide', { ids, decision })
        return decideSuggestions(ctx.store.db, ids, decision)
      })
      changed(result.suggestions[0]?.documentId)
      return result
    },
    'suggestions.undecide': ({ ids }) => {
      const result = ctx.store.transaction(() => {
        ctx.store.logEdit('suggestions.undecide', { ids })
        return undecideSuggestions(ctx.store.db, ids)
      })
      changed(result[0]?.documentId)
      return result
    },
  }
}
