/** The labelling page: the keyboard-first editor for one document of the queue. */
import { EditorScreen } from '../editor/EditorScreen'

export function EditorPage({ documentId }: { documentId: number | null }) {
  return <EditorScreen documentId={documentId} />
}
