/** The label set: add, rename, recolour, choose hotkeys, merge two labels, delete one. */
import {
  Alert,
  Button,
  ColorInput,
  Group,
  Menu,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import type { Label } from '../../../shared/api/features/labels'
import { useApi } from '../api/context'
import { errorSentence, useCall } from '../api/hooks'
import { LabelConfirm, type LabelAction } from '../components/data/LabelConfirm'

const HOTKEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0']

function LabelRow({ label, onAction }: { label: Label; onAction: (a: LabelAction) => void }) {
  const api = useApi()
  const [name, setName] = useState(label.name)
  const save = (patch: { name?: string; color?: string; hotkey?: string | null }) =>
    api
      .invoke('labels.update', { id: label.id, ...patch })
      .catch((err: unknown) =>
        notifications.show({ color: 'red', title: 'Not saved', message: errorSentence(err) }),
      )
  return (
    <Table.Tr data-testid="label-row">
      <Table.Td>
        <TextInput
          value={name}
          aria-label={`Name of ${label.name}`}
          onChange={(e) => setName(e.currentTarget.value)}
          onBlur={() => name !== label.name && void save({ name })}
          onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
        />
      </Table.Td>
      <Table.Td>
        <ColorInput
          value={label.color}
          aria-label={`Colour of ${label.name}`}
          format="hex"
          onChangeEnd={(color) => void save({ color })}
        />
      </Table.Td>
      <Table.Td>
        <Select
          data={HOTKEYS}
          value={label.hotkey}
          clearable
          aria-label={`Hotkey of ${label.name}`}
          onChange={(hotkey) => void save({ hotkey })}
        />
      </Table.Td>
      <Table.Td ta="right" data-testid="label-span-count">
        {label.spanCount.toLocaleString()}
      </Table.Td>
      <Table.Td ta="right">
        <Menu position="bottom-end">
          <Menu.Target>
            <Button size="xs" variant="subtle" aria-label={`More actions for ${label.name}`}>
              ⋯
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => onAction({ kind: 'merge', label })} data-testid="label-merge">
              Merge into…
            </Menu.Item>
            <Menu.Item
              color="red"
              onClick={() => onAction({ kind: 'delete', label })}
              data-testid="label-delete"
            >
              Delete…
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Table.Td>
    </Table.Tr>
  )
}

export function LabelsPage() {
  const api = useApi()
  const labels = useCall('labels.list', {})
  const [newName, setNewName] = useState('')
  const [action, setAction] = useState<LabelAction>(null)
  const add = () =>
    api.invoke('labels.create', { name: newName }).then(
      () => setNewName(''),
      (err: unknown) =>
        notifications.show({ color: 'red', title: 'Label not added', message: errorSentence(err) }),
    )
  return (
    <Stack maw={760}>
      <Title order={3}>Labels</Title>
      {labels.error && <Alert color="red">{labels.error}</Alert>}
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th w={160}>Colour</Table.Th>
            <Table.Th w={110}>Hotkey</Table.Th>
            <Table.Th w={90} ta="right">
              Spans
            </Table.Th>
            <Table.Th w={60} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {labels.data?.map((l) => (
            <LabelRow key={`${l.id}-${l.name}-${l.color}-${l.hotkey}`} label={l} onAction={setAction} />
          ))}
        </Table.Tbody>
      </Table>
      <Group align="end">
        <TextInput
          label="New label"
          placeholder="e.g. PRODUCT"
          value={newName}
          onChange={(e) => setNewName(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Enter' && newName && void add()}
        />
        <Button onClick={() => void add()} disabled={!newName}>
          Add
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        Label names become tags (B-NAME, I-NAME) in exports, so they cannot contain spaces.
      </Text>
      <LabelConfirm action={action} labels={labels.data ?? []} onClose={() => setAction(null)} />
    </Stack>
  )
}
