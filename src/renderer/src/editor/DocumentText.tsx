/**
 * The document as virtualised blocks of tokens and spans. A controlled view: it renders what the
 * model computed (layout, selection, focused span) and reports raw intents (a mouse selection as
 * document offsets, a click on a span). Every rendered run carries its start offset in `data-s`,
 * which is all it needs to turn a browser Selection into offsets.
 */
import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useEffect, useMemo, useRef, type CSSProperties, type MouseEvent } from 'react'
import type { Layout, Range, Segment, Span, Suggestion } from './model'
import { assignSpans, blockSegments } from './model'

const NO_SUGGESTIONS: readonly Suggestion[] = []

export interface DocumentTextProps {
  text: string
  layout: Layout<Span>
  colors: ReadonlyMap<string, string>
  selection: Range | null
  focusedSpanId: string | null
  /** Open suggestions, sorted by start: drawn dashed under the text they propose. */
  suggestions: readonly Suggestion[]
  focusedSuggestionId: string | null
  /** A block to bring into view (the keyboard cursor's), or null. */
  revealBlock: number | null
  onSelectOffsets: (anchor: number, focus: number) => void
  onSpanClick: (spanId: string) => void
  height?: number | string
}

/** Maps a DOM point (node + offset, as a Selection reports it) to a document offset. */
function pointToOffset(node: Node | null, offset: number): number | null {
  if (!node) return null
  if (node.nodeType === Node.TEXT_NODE) {
    const run = node.parentElement?.closest<HTMLElement>('[data-s]')
    if (run) return Number(run.dataset.s) + offset
    // Inside a label chip: the span's end is the natural place.
    const mark = node.parentElement?.closest<HTMLElement>('[data-span-end]')
    return mark ? Number(mark.dataset.spanEnd) : null
  }
  if (!(node instanceof Element)) return null
  const own = node.closest<HTMLElement>('[data-s]')
  if (own) return Number(own.dataset.s) + (offset > 0 ? (own.textContent?.length ?? 0) : 0)
  // An element boundary: the run just after it, else the end of the run just before it.
  const after = node.childNodes[offset]
  const next =
    after instanceof HTMLElement
      ? after.matches('[data-s]')
        ? after
        : after.querySelector('[data-s]')
      : null
  if (next instanceof HTMLElement) return Number(next.dataset.s)
  const before = node.childNodes[offset - 1]
  const runs = before instanceof HTMLElement ? before.querySelectorAll<HTMLElement>('[data-s]') : null
  const last = runs && runs.length > 0 ? runs[runs.length - 1]! : null
  return last ? Number(last.dataset.s) + (last.textContent?.length ?? 0) : null
}

/** The selection for one block: null where it does not reach, so memoised blocks skip rendering. */
function clipSelection(layout: Layout<Span>, index: number, selection: Range | null): Range | null {
  const block = layout.blocks[index]
  if (!block || !selection || selection.end <= block.start || block.end <= selection.start) return null
  return selection
}

interface Group {
  span: Span | null
  segments: Segment<Span>[]
}

/** Consecutive runs under the same outermost span render inside one mark. */
function groupSegments(segments: readonly Segment<Span>[]): Group[] {
  const out: Group[] = []
  for (const seg of segments) {
    const span = seg.spans[0] ?? null
    const last = out[out.length - 1]
    if (last && last.span?.id === span?.id) last.segments.push(seg)
    else out.push({ span, segments: [seg] })
  }
  return out
}

interface BlockProps {
  text: string
  layout: Layout<Span>
  index: number
  colors: ReadonlyMap<string, string>
  selection: Range | null
  focusedSpanId: string | null
  suggestions: readonly Suggestion[]
  focusedSuggestionId: string | null
  onSpanClick: (spanId: string) => void
}

function runStyle(
  seg: Segment<Span>,
  selection: Range | null,
  suggestion: Suggestion | undefined,
  focusedSuggestionId: string | null,
  colors: ReadonlyMap<string, string>,
): CSSProperties | undefined {
  const style: CSSProperties = {}
  if (selection !== null && seg.start < selection.end && selection.start < seg.end) {
    style.background = 'var(--mantine-color-blue-light)'
    style.borderRadius = 2
  } else if (suggestion && suggestion.id === focusedSuggestionId) {
    style.background = 'var(--mantine-color-yellow-light)'
  }
  // A span already says what the text is; a suggestion under it would only add noise.
  if (suggestion && seg.spans.length === 0) {
    style.borderBottom = `2px dashed ${colors.get(suggestion.label) ?? '#868e96'}`
  }
  return Object.keys(style).length > 0 ? style : undefined
}

const BlockView = memo(function BlockView({
  text,
  layout,
  index,
  colors,
  selection,
  focusedSpanId,
  suggestions,
  focusedSuggestionId,
  onSpanClick,
}: BlockProps) {
  const block = layout.blocks[index]!
  const groups = groupSegments(blockSegments(layout, index))
  return (
    <div dir={block.direction} style={{ whiteSpace: 'pre-wrap', paddingTop: block.paragraphStart ? 8 : 0 }}>
      {groups.length === 0 && <span>{'\u200b'}</span>}
      {groups.map((g) => {
        const runs = g.segments.map((seg) => {
          const hits = suggestions.filter((x) => x.start < seg.end && seg.start < x.end)
          const sug = hits.find((x) => x.id === focusedSuggestionId) ?? hits[0]
          return (
            <span
              key={seg.start}
              data-s={seg.start}
              data-token={seg.token >= 0 ? seg.token : undefined}
              title={
                sug && seg.spans.length === 0
                  ? `Suggested ${sug.label} (${Math.round(sug.confidence * 100)}%)`
                  : undefined
              }
              style={runStyle(seg, selection, sug, focusedSuggestionId, colors)}
            >
              {text.slice(seg.start, seg.end)}
            </span>
          )
        })
        if (!g.span) return runs
        const span = g.span
        const color = colors.get(span.label) ?? '#868e96'
        const endsHere = span.end <= block.end
        return (
          <mark
            key={`${span.id}@${g.segments[0]!.start}`}
            data-span-id={span.id}
            data-span-end={span.end}
            data-label={span.label}
            tabIndex={0}
            role="button"
            aria-label={`${span.label}: ${text.slice(span.start, span.end)}`}
            aria-pressed={focusedSpanId === span.id}
            onClick={(e) => {
              e.stopPropagation()
              onSpanClick(span.id)
            }}
            // Tab focuses a span like a click; the focus a mousedown gives must not, or a drag
            // that starts inside a span would focus it instead of selecting text.
            onFocus={(e) => e.currentTarget.matches(':focus-visible') && onSpanClick(span.id)}
            style={{
              background: `${color}33`,
              borderBottom: `3px solid ${color}`,
              color: 'inherit',
              padding: '1px 0',
              outline: focusedSpanId === span.id ? `2px solid ${color}` : undefined,
              outlineOffset: 1,
              cursor: 'pointer',
            }}
          >
            {runs}
            {endsHere && (
              <sup
                data-chip
                contentEditable={false}
                style={{ userSelect: 'none', fontSize: 10, fontWeight: 600, marginInlineStart: 2, color }}
              >
                {span.label}
              </sup>
            )}
          </mark>
        )
      })}
    </div>
  )
})

export function DocumentText(props: DocumentTextProps) {
  const { text, layout, colors, selection, focusedSpanId, revealBlock, onSelectOffsets, onSpanClick } = props
  const { suggestions, focusedSuggestionId } = props
  const suggestionsByBlock = useMemo(
    () => assignSpans(layout.blocks, suggestions),
    [layout.blocks, suggestions],
  )
  const scrollRef = useRef<HTMLDivElement>(null)
  // The click that follows a drag must not count as a click on the span where the drag ended.
  const dragged = useRef(false)
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read in render on purpose
  const virtualizer = useVirtualizer({
    count: layout.blocks.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 48,
    overscan: 6,
  })
  useEffect(() => {
    if (revealBlock !== null && revealBlock >= 0) virtualizer.scrollToIndex(revealBlock, { align: 'auto' })
  }, [revealBlock, virtualizer])

  const onMouseUp = () => {
    const sel = window.getSelection()
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return
    const a = pointToOffset(sel.anchorNode, sel.anchorOffset)
    const f = pointToOffset(sel.focusNode, sel.focusOffset)
    if (a === null || f === null) return
    sel.removeAllRanges()
    dragged.current = true
    onSelectOffsets(a, f)
  }
  const onClickCapture = (e: MouseEvent) => {
    if (!dragged.current) return
    dragged.current = false
    e.stopPropagation()
  }
  const onClick = (e: MouseEvent) => {
    // A plain click on a token (not on a span) puts the cursor there.
    const run = (e.target as Element).closest<HTMLElement>('[data-s]')
    if (run && !run.closest('[data-span-id]')) {
      const at = Number(run.dataset.s)
      onSelectOffsets(at, at)
    }
  }

  return (
    <div
      ref={scrollRef}
      data-testid="doc-text"
      onMouseDown={() => (dragged.current = false)}
      onMouseUp={onMouseUp}
      onClickCapture={onClickCapture}
      onClick={onClick}
      style={{
        height: props.height ?? '60vh',
        overflowY: 'auto',
        fontSize: 18,
        lineHeight: 1.9,
        contain: 'strict',
      }}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
        {virtualizer.getVirtualItems().map((item) => (
          <div
            key={item.key}
            data-index={item.index}
            ref={virtualizer.measureElement}
            style={{
              position: 'absolute',
              top: 0,
              left: 0,
              width: '100%',
              transform: `translateY(${item.start}px)`,
            }}
          >
            <BlockView
              text={text}
              layout={layout}
              index={item.index}
              colors={colors}
              selection={clipSelection(layout, item.index, selection)}
              focusedSpanId={
                focusedSpanId !== null &&
                layout.spansByBlock[item.index]?.some((sp) => sp.id === focusedSpanId)
                  ? focusedSpanId
                  : null
              }
              suggestions={
                suggestionsByBlock[item.index]?.length ? suggestionsByBlock[item.index]! : NO_SUGGESTIONS
              }
              focusedSuggestionId={
                focusedSuggestionId !== null &&
                suggestionsByBlock[item.index]?.some((x) => x.id === focusedSuggestionId)
                  ? focusedSuggestionId
                  : null
              }
              onSpanClick={onSpanClick}
            />
          </div>
        ))}
      </div>
    </div>
  )
}
