/**
 * The two label changes that cannot be undone from the editor, behind a confirmation that says what
 * they do to the spans: merging moves every span of one label to another, deleting removes them.
 */
import { Alert, Button, Group, Modal, Select, Stack, Text } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import type { Label } from '../../../../shared/api/features/labels'
import { useApi } from '../../api/context'
import { errorSentence } from '../../api/hooks'

export type LabelAction = { kind: 'merge' | 'delete'; label: Label } | null

const spans = (n: number) => `${n.toLocaleString()} span${n === 1 ? '' : 's'}`

export function LabelConfirm({
  action,
  labels,
  onClose,
}: {
  action: LabelAction
  labels: Label[]
  onClose: () => void
}) {
  const api = useApi()
  const [into, setInto] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const close = () => {
    setInto(null)
    setError(null)
    onClose()
  }
  if (!action) return null
  const { label } = action
  const target = labels.find((l) => String(l.id) === into)

  const confirm = async () => {
    setBusy(true)
    setError(null)
    try {
      if (action.kind === 'delete') {
        const r = await api.invoke('labels.delete', { id: label.id })
        notifications.show({ title: `${label.name} deleted`, message: `${spans(r.deletedSpans)} removed.` })
      } else if (target) {
        const r = await api.invoke('labels.merge', { from: label.id, into: target.id })
        notifications.show({
          title: `${label.name} merged into ${r.name}`,
          message: `${r.name} now has ${spans(r.spanCount)}.`,
        })
      }
      close()
    } catch (err) {
      setError(errorSentence(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal
      opened
      onClose={close}
      title={action.kind === 'delete' ? `Delete ${label.name}?` : `Merge ${label.name} into another label`}
    >
      <Stack>
        {action.kind === 'merge' && (
          <Select
            label="Merge into"
            placeholder="Choose a label"
            data={labels
              .filter((l) => l.id !== label.id)
              .map((l) => ({ value: String(l.id), label: l.name }))}
            value={into}
            onChange={setInto}
            data-testid="merge-into"
          />
        )}
        <Text size="sm" data-testid="label-confirm-text">
          {action.kind === 'delete'
            ? `This removes the label ${label.name} and its ${spans(label.spanCount)} from every document.`
            : target
              ? `This moves ${spans(label.spanCount)} from ${label.name} to ${target.name} and removes ${label.name}.`
              : `Every span of ${label.name} (${spans(label.spanCount)}) will move to the label you choose.`}
        </Text>
        {error && <Alert color="red">{error}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            color={action.kind === 'delete' ? 'red' : undefined}
            onClick={() => void confirm()}
            loading={busy}
            disabled={action.kind === 'merge' && !target}
            data-testid="label-confirm"
          >
            {action.kind === 'delete' ? `Delete ${label.name} and ${spans(label.spanCount)}` : 'Merge'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
