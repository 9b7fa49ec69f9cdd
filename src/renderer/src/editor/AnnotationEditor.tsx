/**
 * The labelling editor for one document. It owns only view state (selection, snapping, focused
 * span, overlays) and turns keys and clicks into model calls; every change to the annotations
 * leaves as a command through `onCommand`, and the caller applies, records and stores it. Refusals
 * (an overlap in flat NER, a label key with nothing selected) are shown as the model's sentence.
 */
import { Alert, Button, Group, Kbd, Progress, SegmentedControl, Stack, Text, Tooltip } from '@mantine/core'
import { useCallback, useEffect, useEffectEvent, useMemo, useRef, useState } from 'react'
import { DocumentText } from './DocumentText'
import { LabelPalette } from './LabelPalette'
import { ShortcutHelp } from './ShortcutHelp'
import { SuggestionList } from './SuggestionList'
import type { ActionId, Command, DocAnnotations, Plan, SnapMode, SpanRules, UnitSelection } from './model'
import type { TokenOffsets } from '../../../shared/types'
import {
  actionFor,
  arrowDelta,
  assignSpans,
  blockOfOffset,
  buildBlocks,
  buildKeymap,
  convertSelection,
  cursorAt,
  docText,
  extendSelection,
  findConflicts,
  labelOfAction,
  moveCursor,
  openSuggestions,
  planAcceptAbove,
  planAcceptSuggestion,
  planDelete,
  planLabel,
  planRejectSuggestion,
  selectionForRange,
  selectionRange,
  snapOffsets,
  spansAt,
  toEdge,
  unitNear,
  unitsFor,
} from './model'

export interface EditorLabel {
  name: string
  color: string
  /** A stored hotkey; null gets the next free digit. */
  hotkey: string | null
}

export interface AnnotationEditorProps {
  text: string
  /** Token boundaries the document came with (CoNLL, HF); derived from the text when absent. */
  tokens?: readonly TokenOffsets[] | undefined
  annotations: DocAnnotations
  labels: readonly EditorLabel[]
  rules?: SpanRules
  undoLabel: string | null
  redoLabel: string | null
  /** 1-based position in the queue, queue size and documents done. */
  position: number
  total: number
  done: number
  hasPrev: boolean
  hasNext: boolean
  onCommand: (cmd: Command) => void
  onUndo: () => void
  onRedo: () => void
  onPrev: () => void
  onNext: () => void
  onDone: () => void
  onSkip: () => void
  /** Saves a label's hotkey from the `?` overlay; without it hotkeys are read-only there. */
  onSetLabelHotkey?: (label: string, hotkey: string) => Promise<void>
}

const SLIDER_KEYS = new Set([
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'Home',
  'End',
  'PageUp',
  'PageDown',
])

/**
 * Keys the focused control needs for itself: everything in a text field, Enter and Space on a
 * button, arrows on a slider. Other keys still reach the editor, so a label key works right after
 * clicking Undo or a palette button.
 */
function ownsKey(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target instanceof HTMLInputElement && ['radio', 'checkbox'].includes(target.type)) {
    return key === ' ' || SLIDER_KEYS.has(key)
  }
  if (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return true
  if (target.tagName === 'BUTTON') return key === 'Enter' || key === ' '
  if (target.getAttribute('role') === 'slider') return SLIDER_KEYS.has(key)
  return false
}

export function AnnotationEditor(props: AnnotationEditorProps) {
  const { text, annotations: ann, labels, rules, tokens } = props
  const [mode, setMode] = useState<SnapMode>('token')
  const [sel, setSel] = useState<UnitSelection | null>(null)
  const [focusedSpanId, setFocusedSpanId] = useState<string | null>(null)
  const [focusedSuggestionId, setFocusedSuggestionId] = useState<string | null>(null)
  const [message, setMessage] = useState<{ color: 'red' | 'blue'; text: string } | null>(null)
  const [helpOpen, setHelpOpen] = useState(false)
  const [threshold, setThreshold] = useState(0.8)
  const [revealBlock, setRevealBlock] = useState<number | null>(null)
  const rootRef = useRef<HTMLDivElement>(null)
  const paletteRef = useRef<HTMLButtonElement>(null)

  const doc = useMemo(() => docText(text, tokens), [text, tokens])
  const units = useMemo(() => unitsFor(doc, mode), [doc, mode])
  // Chunks of a long paragraph start on a new line, so keep them long enough to be rare.
  const blocks = useMemo(() => buildBlocks(text, doc.tokens, { maxTokensPerBlock: 200 }), [text, doc])
  const layout = useMemo(
    () => ({ blocks, tokens: doc.tokens, spansByBlock: assignSpans(blocks, ann.spans) }),
    [blocks, doc, ann.spans],
  )
  const keymap = useMemo(
    () => buildKeymap(labels.map((l) => ({ name: l.name, hotkey: l.hotkey ?? undefined }))),
    [labels],
  )
  const colors = useMemo(() => new Map(labels.map((l) => [l.name, l.color])), [labels])
  const labelNames = useMemo(() => labels.map((l) => l.name), [labels])
  const suggestions = useMemo(() => openSuggestions(ann), [ann])
  const range = sel ? selectionRange(units, sel) : null
  // A span that was undone or deleted elsewhere cannot stay focused.
  const focusedSpan = ann.spans.find((s) => s.id === focusedSpanId) ?? null

  useEffect(() => {
    rootRef.current?.focus({ preventScroll: true })
  }, [])

  const select = (next: UnitSelection | null) => {
    setSel(next)
    setFocusedSpanId(null)
    setMessage(null)
    const focusUnit = next ? units[next.focus] : undefined
    if (focusUnit) setRevealBlock(blockOfOffset(blocks, focusUnit.start))
  }

  const run = (plan: Plan, after?: () => void) => {
    if (!plan.ok) {
      setMessage({ color: 'red', text: plan.reason })
      return
    }
    setMessage(null)
    props.onCommand(plan.command)
    after?.()
  }

  const applyLabel = (label: string) => {
    if (focusedSpan && !range) {
      run(planLabel(doc, ann, focusedSpan, label, rules))
      return
    }
    if (!range) {
      setMessage({
        color: 'blue',
        text: 'Select one or more words first (drag with the mouse or use Shift+arrows).',
      })
      return
    }
    run(planLabel(doc, ann, range, label, rules), () => {
      // Continue after the new span, so labelling a sentence is arrow, label, arrow, label.
      setSel(cursorAt(unitNear(units, range.end)))
      setFocusedSpanId(null)
    })
  }

  const deleteFocused = () => {
    const target = focusedSpan ?? (range ? (spansAt(ann.spans, range.start)[0] ?? null) : null)
    if (!target) {
      setMessage({ color: 'blue', text: 'Focus a span first (click it, or press ] to reach the next one).' })
      return
    }
    run(planDelete(ann, target.id), () => setFocusedSpanId(null))
  }

  // The focused suggestion may have been decided meanwhile (undo, bulk accept): fall back to the first.
  const suggestionTarget = () =>
    suggestions.find((s) => s.id === focusedSuggestionId)?.id ?? suggestions[0]?.id ?? null
  const nextSuggestionAfter = (id: string) => {
    const i = suggestions.findIndex((s) => s.id === id)
    setFocusedSuggestionId(suggestions[i + 1]?.id ?? suggestions[i - 1]?.id ?? null)
  }

  const acceptAbove = () => {
    const bulk = planAcceptAbove(doc, ann, threshold, rules)
    if (bulk.command) props.onCommand(bulk.command)
    const skipped = bulk.skipped.length
    setMessage({
      color: skipped > 0 ? 'red' : 'blue',
      text:
        `Accepted ${bulk.accepted.length} suggestion${bulk.accepted.length === 1 ? '' : 's'}.` +
        (skipped > 0 ? ` Skipped ${skipped}: ${bulk.skipped[0]!.reason}` : ''),
    })
  }

  const blockDirection = (): 'ltr' | 'rtl' => {
    const at = sel ? units[sel.focus]?.start : focusedSpan?.start
    // With nothing selected yet, the first paragraph decides where the cursor enters.
    return blocks[at === undefined ? 0 : blockOfOffset(blocks, at)]?.direction ?? 'ltr'
  }

  const perform = (action: ActionId): boolean => {
    const n = units.length
    // Arrows from a focused span continue from the span's tokens.
    const base = sel ?? (focusedSpan ? selectionForRange(units, focusedSpan) : null)
    const label = labelOfAction(action)
    if (label !== null) {
      applyLabel(label)
      return true
    }
    switch (action) {
      case 'cursor.left':
      case 'cursor.right':
        select(
          moveCursor(
            base,
            arrowDelta(action === 'cursor.left' ? 'ArrowLeft' : 'ArrowRight', blockDirection()),
            n,
          ),
        )
        return true
      case 'select.extendLeft':
      case 'select.extendRight':
        select(
          extendSelection(
            base,
            arrowDelta(action === 'select.extendLeft' ? 'ArrowLeft' : 'ArrowRight', blockDirection()),
            n,
          ),
        )
        return true
      case 'cursor.start':
      case 'cursor.end':
      case 'select.extendStart':
      case 'select.extendEnd':
        select(toEdge(base, action.endsWith('tart') ? 'start' : 'end', action.startsWith('select'), n))
        return true
      case 'select.clear':
        select(null)
        return true
      case 'snap.toggle': {
        const to: SnapMode = mode === 'token' ? 'grapheme' : 'token'
        setSel(sel ? convertSelection(doc, sel, mode, to) : null)
        setMode(to)
        return true
      }
      case 'span.delete':
        deleteFocused()
        return true
      case 'span.next':
      case 'span.prev': {
        // From the focused span, else from the cursor; spans are sorted by start.
        const from = focusedSpan?.start ?? range?.start ?? (action === 'span.next' ? -1 : Infinity)
        const target =
          action === 'span.next'
            ? ann.spans.find((s) => s.start > from)
            : ann.spans.findLast((s) => s.start < from)
        if (!target) return true
        setSel(null)
        setFocusedSpanId(target.id)
        setMessage(null)
        setRevealBlock(blockOfOffset(blocks, target.start))
        return true
      }
      case 'palette.open':
        paletteRef.current?.focus()
        return true
      case 'suggestion.accept':
      case 'suggestion.reject': {
        const id = suggestionTarget()
        if (id === null) return false
        const plan =
          action === 'suggestion.accept'
            ? planAcceptSuggestion(doc, ann, id, rules)
            : planRejectSuggestion(ann, id)
        run(plan, () => nextSuggestionAfter(id))
        return true
      }
      case 'suggestion.acceptAbove':
        acceptAbove()
        return true
      case 'doc.done':
        props.onDone()
        return true
      case 'doc.skip':
        props.onSkip()
        return true
      case 'doc.next':
        if (props.hasNext) props.onNext()
        return true
      case 'doc.prev':
        if (props.hasPrev) props.onPrev()
        return true
      case 'history.undo':
        setMessage(null)
        props.onUndo()
        return true
      case 'history.redo':
        setMessage(null)
        props.onRedo()
        return true
      case 'help.toggle':
        setHelpOpen((o) => !o)
        return true
      default:
        return false
    }
  }

  // Keys are read at the window so focus lost to the page (a deleted span, a closed dialog) never
  // leaves the editor deaf; inputs, buttons and open dialogs keep their own keys.
  const onKey = useEffectEvent((e: KeyboardEvent) => {
    if (e.defaultPrevented || ownsKey(e.target, e.key) || helpOpen) return
    if (e.target instanceof Element && e.target.closest('[role="dialog"]')) return
    const action = actionFor(keymap, e)
    if (action && perform(action)) e.preventDefault()
  })
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey(e)
    window.addEventListener('keydown', listener)
    return () => window.removeEventListener('keydown', listener)
  }, [])

  const onSelectOffsets = (a: number, f: number) => {
    const snapped = snapOffsets(units, a, f)
    select(snapped ? snapped.selection : null)
    rootRef.current?.focus({ preventScroll: true })
  }

  // Stable across renders so the memoised blocks of the text view only redraw when they change.
  const onSpanClick = useCallback((id: string) => {
    setSel(null)
    setFocusedSpanId(id)
    setMessage(null)
  }, [])

  const conflicts = findConflicts(keymap)

  return (
    <Stack gap="sm" ref={rootRef} tabIndex={0} style={{ outline: 'none' }} data-testid="annotation-editor">
      <Group justify="space-between" wrap="nowrap">
        <Group gap="xs">
          <Button size="compact-sm" variant="default" disabled={!props.hasPrev} onClick={props.onPrev}>
            Previous
          </Button>
          <Button size="compact-sm" onClick={props.onDone} data-testid="mark-done">
            Done{' '}
            <Kbd size="xs" ml={6}>
              Enter
            </Kbd>
          </Button>
          <Button size="compact-sm" variant="default" onClick={props.onSkip} data-testid="skip">
            Skip
          </Button>
          <Button size="compact-sm" variant="default" disabled={!props.hasNext} onClick={props.onNext}>
            Next
          </Button>
        </Group>
        <Group gap="xs">
          <Tooltip label={props.undoLabel ?? 'Nothing to undo'}>
            <Button
              size="compact-sm"
              variant="subtle"
              disabled={!props.undoLabel}
              onClick={props.onUndo}
              data-testid="undo"
            >
              Undo
            </Button>
          </Tooltip>
          <Tooltip label={props.redoLabel ?? 'Nothing to redo'}>
            <Button
              size="compact-sm"
              variant="subtle"
              disabled={!props.redoLabel}
              onClick={props.onRedo}
              data-testid="redo"
            >
              Redo
            </Button>
          </Tooltip>
          <SegmentedControl
            size="xs"
            value={mode}
            onChange={(v) => perform(v === mode ? 'select.clear' : 'snap.toggle')}
            data={[
              { value: 'token', label: 'Words' },
              { value: 'grapheme', label: 'Characters' },
            ]}
            aria-label="Selection snapping"
          />
          <Button
            size="compact-sm"
            variant="subtle"
            onClick={() => setHelpOpen(true)}
            aria-label="Keyboard shortcuts"
          >
            ?
          </Button>
        </Group>
      </Group>
      <Progress value={(props.done / Math.max(1, props.total)) * 100} aria-label="Documents done" size="sm" />
      <Text size="xs" c="dimmed">
        {props.done} of {props.total} done · document {props.position} of {props.total} · {ann.status}
      </Text>
      <LabelPalette labels={labels} keymap={keymap} onPick={applyLabel} firstButtonRef={paletteRef} />
      {conflicts.length > 0 && (
        <Alert color="orange" variant="light" data-testid="hotkey-conflicts">
          {conflicts.map((c) => c.reason).join(' ')}
        </Alert>
      )}
      <div aria-live="polite" data-testid="editor-message">
        {message && (
          <Alert color={message.color} variant="light" withCloseButton onClose={() => setMessage(null)}>
            {message.text}
          </Alert>
        )}
      </div>
      {focusedSpan && (
        <Group gap="xs" data-testid="focused-span">
          <Text size="sm">
            {focusedSpan.label}: “{text.slice(focusedSpan.start, focusedSpan.end)}” — press a label key to
            relabel it, or
          </Text>
          <Button size="compact-xs" color="red" variant="light" onClick={deleteFocused}>
            Delete
          </Button>
        </Group>
      )}
      <Group align="flex-start" wrap="nowrap" gap="md">
        <div style={{ flex: 1, minWidth: 0 }}>
          <DocumentText
            text={text}
            layout={layout}
            colors={colors}
            selection={range}
            focusedSpanId={focusedSpan?.id ?? null}
            revealBlock={revealBlock}
            onSelectOffsets={onSelectOffsets}
            onSpanClick={onSpanClick}
            suggestions={suggestions}
            focusedSuggestionId={focusedSuggestionId}
          />
        </div>
        <SuggestionList
          text={text}
          suggestions={suggestions}
          colors={colors}
          focusedId={focusedSuggestionId}
          threshold={threshold}
          onThreshold={setThreshold}
          onFocus={setFocusedSuggestionId}
          onAccept={(id) => run(planAcceptSuggestion(doc, ann, id, rules), () => nextSuggestionAfter(id))}
          onReject={(id) => run(planRejectSuggestion(ann, id), () => nextSuggestionAfter(id))}
          onAcceptAbove={acceptAbove}
        />
      </Group>
      <ShortcutHelp
        keymap={keymap}
        labels={labelNames}
        opened={helpOpen}
        onClose={() => setHelpOpen(false)}
        onSetLabelHotkey={props.onSetLabelHotkey}
      />
    </Stack>
  )
}
