/**
 * The labelling page's body: loads a document and the labels, runs the editor on them and carries
 * its commands to storage and the session history. The editor itself never writes; this is the one
 * place that does, so undo, redo and ordinary edits take the same path.
 */
import { Alert, Text } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useEffect, useMemo, useState } from 'react'
import type { DocumentView } from '../../../shared/api/features/documents'
import type { Label } from '../../../shared/api/features/labels'
import type { Suggestion as StoredSuggestion } from '../../../shared/api/features/suggestions'
import { useApi } from '../api/context'
import { errorSentence, useCall } from '../api/hooks'
import { navigate } from '../router'
import { AnnotationEditor, type EditorLabel } from './AnnotationEditor'
import type { Command, DocAnnotations, Step } from './model'
import {
  applyCommand,
  docAnnotations,
  documentsOf,
  planStatus,
  record,
  redo,
  redoLabel,
  undo,
  undoLabel,
} from './model'
import { suggestionFromStored } from './persist'
import { getHistory, setHistory, spanIds, useHistory, writerFor } from './session'

function toAnnotations(view: DocumentView, suggestions: readonly StoredSuggestion[]): DocAnnotations {
  return docAnnotations(
    String(view.id),
    view.spans.map((s) => spanIds.fromStored(s)),
    suggestions.map(suggestionFromStored),
    view.status,
  )
}

interface SessionProps {
  view: DocumentView
  labels: readonly EditorLabel[]
  onSetLabelHotkey: (label: string, hotkey: string) => Promise<void>
}

function DocumentSession({ view, labels, onSetLabelHotkey }: SessionProps) {
  const api = useApi()
  const write = writerFor(api)
  const history = useHistory()
  // Loaded once per document: from here on the editor's state is the truth and storage follows it.
  const [ann, setAnn] = useState(() => toAnnotations(view, []))
  // Token boundaries from the source file (CoNLL, HF) keep selections on the tokens it was labelled with.
  const tokens = useMemo(() => view.tokens?.map(([start, end]) => ({ start, end })), [view.tokens])
  // Suggestions arrive after the text; the document can be labelled by hand meanwhile or without them.
  useEffect(() => {
    let live = true
    api.invoke('suggestions.list', { documentId: view.id }).then(
      (sg) => live && setAnn((a) => docAnnotations(a.docId, a.spans, sg.map(suggestionFromStored), a.status)),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [api, view.id])

  /** A refused or failed write: say why, then show what storage really holds. */
  const resync = (err: unknown) => {
    notifications.show({ color: 'red', title: 'Not saved', message: errorSentence(err) })
    void Promise.all([
      api.invoke('documents.get', { id: view.id }),
      api.invoke('suggestions.list', { documentId: view.id }),
    ]).then(([v, sg]) => setAnn(toAnnotations(v, sg)))
  }

  const commit = (cmd: Command): Promise<void> => {
    setAnn((a) => applyCommand(a, cmd))
    setHistory(record(getHistory(), cmd))
    return write(cmd).catch(resync)
  }

  /** Undo and redo may concern another document: write it there, then show it. */
  const replay = (step: Step | null) => {
    if (!step) return
    setHistory(step.history)
    const docs = documentsOf(step.command)
    if (docs.includes(ann.docId)) setAnn((a) => applyCommand(a, step.command))
    write(step.command).then(() => {
      const elsewhere = docs.find((d) => d !== ann.docId)
      if (elsewhere && !docs.includes(ann.docId)) navigate({ page: 'editor', documentId: Number(elsewhere) })
    }, resync)
  }

  const finish = (status: 'done' | 'skipped') => {
    const plan = planStatus(ann, status)
    const go = () => {
      if (view.nextId) navigate({ page: 'editor', documentId: view.nextId })
      else notifications.show({ title: 'End of the queue', message: 'There is no next document.' })
    }
    if (plan.ok) void commit(plan.command).then(go)
    else go()
  }

  return (
    <AnnotationEditor
      text={view.text}
      tokens={tokens}
      annotations={ann}
      labels={labels}
      undoLabel={undoLabel(history)}
      redoLabel={redoLabel(history)}
      position={view.position}
      total={view.total}
      done={view.done}
      hasPrev={view.prevId !== null}
      hasNext={view.nextId !== null}
      onCommand={(cmd) => void commit(cmd)}
      onUndo={() => replay(undo(getHistory()))}
      onRedo={() => replay(redo(getHistory()))}
      onPrev={() => view.prevId && navigate({ page: 'editor', documentId: view.prevId })}
      onNext={() => view.nextId && navigate({ page: 'editor', documentId: view.nextId })}
      onDone={() => finish('done')}
      onSkip={() => finish('skipped')}
      onSetLabelHotkey={onSetLabelHotkey}
    />
  )
}

function editorLabels(labels: readonly Label[] | undefined): EditorLabel[] {
  return (labels ?? []).map((l) => ({ name: l.name, color: l.color, hotkey: l.hotkey }))
}

export function EditorScreen({ documentId }: { documentId: number | null }) {
  const api = useApi()
  useEffect(() => {
    if (documentId !== null) return
    void api.invoke('documents.first', { status: 'todo' }).then((d) => {
      if (d) navigate({ page: 'editor', documentId: d.id })
    })
  }, [api, documentId])
  const doc = useCall('documents.get', { id: documentId ?? 1 }, [documentId])
  const labelList = useCall('labels.list', {})
  const labels = useMemo(() => editorLabels(labelList.data), [labelList.data])
  const setHotkey = async (name: string, hotkey: string) => {
    const label = labelList.data?.find((l) => l.name === name)
    if (!label) throw new Error(`There is no label named ${name}.`)
    await api.invoke('labels.update', { id: label.id, hotkey })
    labelList.reload()
  }
  if (documentId === null) return <Text c="dimmed">Finding the next document…</Text>
  if (doc.error) return <Alert color="red">{doc.error}</Alert>
  if (!doc.data || doc.data.id !== documentId) return null
  if (labels.length === 0 && labelList.data) {
    return (
      <Alert color="blue">
        This project has no labels yet; add some on the Labels page to start labelling.
      </Alert>
    )
  }
  // A new document gets a fresh editor (selection, focus); the history lives on in the session.
  return <DocumentSession key={doc.data.id} view={doc.data} labels={labels} onSetLabelHotkey={setHotkey} />
}
